"""One way to do each thing the tests need: find the real CLI, poll, drive a real Chromium, and
check that a process or a port is gone."""

import json
import os
import shlex
import shutil
import socket
import subprocess
import sys
import time
from typing import Callable, TypeVar

HERE = os.path.dirname(os.path.abspath(__file__))
PYTHON_DIR = os.path.dirname(HERE)
REPO = os.path.dirname(PYTHON_DIR)
BIN = os.path.join(REPO, "bin", "sop-preview.js")

# The tests run the real CLI: this worktree's build, unless SOP_PREVIEW_COMMAND names another.
# Set in the environment, so the package's default command lookup is what the tests exercise.
if not os.environ.get("SOP_PREVIEW_COMMAND"):
    os.environ["SOP_PREVIEW_COMMAND"] = " ".join(shlex.quote(part) for part in ("node", BIN))
CLI = os.environ["SOP_PREVIEW_COMMAND"]

T = TypeVar("T")


def poll(check: Callable[[], T], timeout: float = 10.0, message: str = "condition") -> T:
    """Calls ``check`` until it returns something truthy; fails the test after ``timeout`` s."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError("timed out after %g s waiting for %s" % (timeout, message))
        time.sleep(0.02)


def process_alive(pid: int) -> bool:
    """Whether a process with this id still runs (a zombie counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as handle:
            return handle.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def port_free(port: int, host: str = "127.0.0.1") -> bool:
    """Whether nothing listens on ``host:port`` (a connection is refused)."""
    with socket.socket() as probe:
        probe.settimeout(1.0)
        return probe.connect_ex((host, port)) != 0


def html(text: str, title: str = "t") -> str:
    """A small keyed page showing ``text``."""
    return ("<!doctype html><html><head><title>%s</title></head><body>"
            "<h1 data-block=\"title\">%s</h1><p data-block=\"body\">%s</p></body></html>") % (title, title, text)


def run_python(code: str, timeout: float = 60.0) -> subprocess.Popen:
    """Starts another interpreter running ``code`` with the package importable."""
    env = dict(os.environ, PYTHONPATH=PYTHON_DIR)
    return subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=env, text=True)


class Browser:
    """Headless Chromium on ``url``, driven by browser_probe.mjs through JSON lines."""

    def __init__(self, url: str) -> None:
        node = shutil.which("node")
        if node is None:
            raise AssertionError("node is needed for the browser tests")
        self._process = subprocess.Popen([node, os.path.join(HERE, "browser_probe.mjs"), url], cwd=REPO,
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        first = self._answer()
        if not first.get("ready"):
            raise AssertionError("browser probe did not start: %r" % first)

    def _answer(self) -> dict:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise AssertionError("browser probe ended (exit %s)" % self._process.wait())
        return json.loads(line)

    def ask(self, **command: object) -> dict:
        """Sends one command and returns the answer (see browser_probe.mjs)."""
        assert self._process.stdin is not None
        self._process.stdin.write(json.dumps(command) + "\n")
        self._process.stdin.flush()
        return self._answer()

    def wait_text(self, text: str, timeout: float = 15.0, gone: bool = False, overlay: bool = False) -> dict:
        """Waits until the body (or the overlay) shows ``text`` (or no longer does, with ``gone``)."""
        answer = self.ask(cmd="wait", text=text, timeout=int(timeout * 1000), gone=gone, overlay=overlay)
        if not answer["ok"]:
            where = "overlay" if overlay else "page"
            raise AssertionError("%s %s %r; it shows: %r" % (where, "still shows" if gone else "never showed",
                                                           text, (answer["text"] or "")[-300:]))
        return answer

    def close(self) -> None:
        """Closes the browser."""
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(20)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


class StatusLog:
    """Collects ``on_status(level, message)`` calls, thread-safe enough for appends."""

    def __init__(self) -> None:
        self.entries = []

    def __call__(self, level: str, message: str) -> None:
        self.entries.append((level, message))

    def has(self, level: str, fragment: str) -> bool:
        """Whether a message at ``level`` contains ``fragment``."""
        return any(entry_level == level and fragment in text for entry_level, text in self.entries)


def no_browser(url: str) -> None:
    """``open_browser`` for tests: the tests open their own Chromium."""




def live_server(**options: object) -> "LivePreviewServer":
    """A server on any free port, with a start deadline for a loaded machine (the default 10 s is
    for a person waiting; CI shares its cores)."""
    from sop_preview import LivePreviewServer

    return LivePreviewServer(**dict({"port": 0, "start_timeout": 60.0}, **options))


__all__ = ["Browser", "CLI", "PYTHON_DIR", "StatusLog", "html", "live_server", "no_browser", "poll", "port_free",
           "process_alive", "run_python"]
