"""``LivePreviewServer``: the sop-preview CLI as a supervised child process in push mode.

The child is started with ``serve --push --no-open --no-fallback --exit-with-stdin``. Its standard
input is a pipe this process holds: when Python exits, even killed with no chance to clean up,
the pipe closes and the CLI stops itself. ``atexit`` stops it earlier on a normal exit.
"""

import atexit
import collections
import os
import re
import secrets
import signal
import subprocess
import threading
import weakref
from typing import Callable, Deque, List, Optional

from ._command import Command, resolve_command
from ._push import PushClient
from ._temp_files import make_temp_dir, remove_temp_dir

# The CLI's startup lines (docs/cli.md): "Local: <url>", then with --push "Token: <token>", and
# "Press Ctrl+C to stop." once everything is printed.
_LOCAL_LINE = re.compile(r"^Local: (\S+)$")
_TOKEN_LINE = re.compile(r"^Token: (\S+)$")
_READY_LINE = "Press Ctrl+C to stop."

#: Called with a one-line reason when the child ends without ``stop_server()``.
ExitListener = Callable[[str], None]

_PLACEHOLDER = (
    "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Preview</title></head>"
    "<body><p data-block=\"waiting\">Waiting for the document\u2026</p></body></html>"
)

_running: "weakref.WeakSet[LivePreviewServer]" = weakref.WeakSet()


@atexit.register
def _stop_all() -> None:
    for server in list(_running):
        server.stop_server()


class LivePreviewServer:
    """Runs ``sop-preview serve --push`` and pushes HTML to it.

    :param port: port to try first; the next free one up to +100 is used when it is taken
        (``0``: any free port).
    :param host: address to bind; keep the loopback default unless the preview must reach
        other devices.
    :param command: how to run sop-preview (a string split like a shell does, or an argv list);
        default: ``SOP_PREVIEW_COMMAND``, then ``sop-preview`` on ``PATH``, then
        ``npx --no-install sop-preview``.
    :param token: push token; default: a random one per start.
    :param strict_port: fail instead of trying other ports when ``port`` is taken.
    :param cwd: working folder of the child.
    :param start_timeout: seconds ``start_server()`` waits for the server before giving up.
    :param on_exit: called with a reason when the child ends on its own (crash, killed).
    """

    def __init__(self, port: int = 8080, host: str = "127.0.0.1", command: Optional[Command] = None,
                 token: Optional[str] = None, strict_port: bool = False, cwd: Optional[str] = None,
                 start_timeout: float = 10.0, on_exit: Optional[ExitListener] = None) -> None:
        if not isinstance(port, int) or not 0 <= port <= 65535:
            raise ValueError("port must be an int from 0 to 65535, got %r" % (port,))
        if token is not None and len(token) < 8:
            raise ValueError("token must have at least 8 characters")
        self.port = port
        self.host = host
        self.command = command
        self.token = token
        self.strict_port = strict_port
        self.cwd = cwd
        self.start_timeout = start_timeout
        self.on_exit = on_exit
        #: Why the last ``start_server()`` failed, or why the server stopped on its own.
        self.last_error: Optional[str] = None
        self._lock = threading.RLock()
        self._process: Optional[subprocess.Popen] = None
        self._client: Optional[PushClient] = None
        self._url: Optional[str] = None
        self._folder: Optional[str] = None
        self._stopping = False
        self._output: Deque[str] = collections.deque(maxlen=40)

    # -- lifecycle -----------------------------------------------------------------------------

    def start_server(self) -> bool:
        """Starts the CLI and waits until it serves; ``False`` with ``last_error`` when it cannot.

        Never hangs: after ``start_timeout`` seconds the child is killed. Calling it while
        running does nothing and returns ``True``.
        """
        with self._lock:
            if self.is_running:
                return True
            self._cleanup()
            self.last_error = None
            try:
                argv = resolve_command(self.command)
            except LookupError as error:
                self.last_error = str(error)
                return False
            token = self.token or secrets.token_urlsafe(24)
            self._folder = make_temp_dir()
            page = os.path.join(self._folder, "index.html")
            with open(page, "w", encoding="utf-8") as handle:
                handle.write(_PLACEHOLDER)
            argv = argv + ["serve", page, "--push", "--no-open", "--no-fallback", "--exit-with-stdin",
                           "--port", str(self.port), "--host", self.host]
            if self.strict_port:
                argv.append("--strict-port")
            env = dict(os.environ, SOP_PREVIEW_TOKEN=token)
            self._output.clear()
            try:
                process = subprocess.Popen(
                    argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                    cwd=self.cwd, env=env,
                    # Its own session: Ctrl+C in our terminal is ours to handle, and a stop can
                    # end the whole group (npx runs the CLI as a grandchild).
                    start_new_session=os.name == "posix",
                )
            except OSError as error:
                self.last_error = "cannot run %s: %s" % (argv[0], error)
                self._cleanup()
                return False
            self._process = process
            self._stopping = False
            found = {}
            ready = threading.Event()
            threading.Thread(target=self._read_output, args=(process, found, ready),
                             name="sop-preview-output", daemon=True).start()
            started = ready.wait(self.start_timeout)
            if not started or "url" not in found or "token" not in found:
                code = process.poll()
                if code is not None:
                    self.last_error = "sop-preview exited with code %s: %s" % (code, self._output_tail())
                elif not started:
                    self.last_error = "sop-preview did not start within %g s" % self.start_timeout
                else:
                    self.last_error = "sop-preview printed no URL and token (a version without --push?): %s" % (
                        self._output_tail())
                self._stopping = True
                self._end_process(process)
                self._cleanup()
                return False
            self._url = found["url"]
            self._client = PushClient(self._url, found["token"])
            _running.add(self)
            threading.Thread(target=self._watch, args=(process,), name="sop-preview-watch",
                             daemon=True).start()
            return True

    def stop_server(self) -> None:
        """Stops the child (closing its input, then SIGTERM, then a kill) and frees the port.

        Safe to call any number of times, also on a server that never started.
        """
        with self._lock:
            process = self._process
            self._stopping = True
            if process is not None:
                self._end_process(process)
            self._cleanup()

    def __enter__(self) -> "LivePreviewServer":
        if not self.start_server():
            raise RuntimeError("sop-preview could not start: %s" % self.last_error)
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop_server()

    # -- state ---------------------------------------------------------------------------------

    @property
    def is_running(self) -> bool:
        """``True`` while the child serves."""
        process = self._process
        return process is not None and self._url is not None and process.poll() is None

    @property
    def pid(self) -> Optional[int]:
        """Process id of the child while it runs."""
        process = self._process
        return process.pid if process is not None else None

    def get_server_url(self) -> Optional[str]:
        """URL of the preview page (``http://127.0.0.1:<port>/``), or ``None`` when not running."""
        return self._url if self.is_running else None

    # -- pushing -------------------------------------------------------------------------------

    def update_content(self, html: str) -> int:
        """Shows ``html`` in every open page (in place, no reload) and returns its version.

        A good update also clears an error overlay. Raises ``RuntimeError`` when not running and
        ``PushError`` when the server refuses or cannot be reached.
        """
        return self._require_client().put_content(html)

    def show_error(self, message: str, code: str = "PREVIEW_ERR_RENDER", frame: Optional[str] = None,
                   file: Optional[str] = None, line: Optional[int] = None,
                   column: Optional[int] = None) -> int:
        """Shows an error overlay over the last good render, as the CLI does for a bad save."""
        error = {"code": code, "message": message}
        for key, value in (("frame", frame), ("file", file), ("line", line), ("column", column)):
            if value is not None:
                error[key] = value
        return self._require_client().put_error(error)

    def clear_error(self) -> int:
        """Removes the error overlay without changing the document."""
        return self._require_client().clear_error()

    # -- internals -----------------------------------------------------------------------------

    def _require_client(self) -> PushClient:
        client = self._client
        if client is None or not self.is_running:
            raise RuntimeError("the preview server is not running; call start_server() first")
        return client

    def _read_output(self, process: subprocess.Popen, found: dict, ready: threading.Event) -> None:
        # Reads until EOF, for the whole life of the child: an unread pipe would fill up and
        # block the CLI on its next log line.
        assert process.stdout is not None
        for raw in iter(process.stdout.readline, b""):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            self._output.append(line)
            if not ready.is_set():
                match = _LOCAL_LINE.match(line) or _TOKEN_LINE.match(line)
                if match:
                    found["url" if line.startswith("Local:") else "token"] = match.group(1)
                elif line == _READY_LINE:
                    ready.set()
        ready.set()
        process.stdout.close()

    def _watch(self, process: subprocess.Popen) -> None:
        code = process.wait()
        _close_stdin(process)
        with self._lock:
            if self._stopping or self._process is not process:
                return
            reason = "sop-preview stopped unexpectedly (%s)" % _describe_exit(code)
            tail = self._output_tail()
            self.last_error = reason + (": " + tail if tail else "")
            self._cleanup()
            listener = self.on_exit
        if listener is not None:
            listener(self.last_error or reason)

    def _end_process(self, process: subprocess.Popen) -> None:
        steps: List[Callable[[], None]] = [
            lambda: _close_stdin(process),
            lambda: process.send_signal(signal.SIGTERM) if os.name == "posix" else process.terminate(),
            lambda: _kill_group(process),
        ]
        for step, wait in zip(steps, (3.0, 2.0, 5.0)):
            if process.poll() is not None:
                break
            try:
                step()
            except OSError:
                pass
            try:
                process.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        _close_stdin(process)

    def _cleanup(self) -> None:
        if self._client is not None:
            self._client.close()
        self._client = None
        self._url = None
        self._process = None
        _running.discard(self)
        if self._folder is not None:
            remove_temp_dir(self._folder)
            self._folder = None

    def _output_tail(self) -> str:
        lines = [line for line in self._output if line.strip()]
        return " | ".join(lines[-5:])


def _close_stdin(process: subprocess.Popen) -> None:
    # Closing our end is the CLI's signal to stop (--exit-with-stdin); a child already gone may
    # have broken the pipe, which is fine: nothing is buffered on it.
    if process.stdin is not None and not process.stdin.closed:
        try:
            process.stdin.close()
        except OSError:
            pass


def _kill_group(process: subprocess.Popen) -> None:
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
            return
        except OSError:
            pass
    process.kill()


def _describe_exit(code: int) -> str:
    if code < 0:
        try:
            return "killed by %s" % signal.Signals(-code).name
        except ValueError:
            return "killed by signal %d" % -code
    return "exit code %d" % code
