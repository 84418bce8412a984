"""``DocumentPreviewManager``: what a GUI needs around the preview.

Open, close and toggle; a ``render()`` callback run on one worker thread, so at most one render
is in flight; bursts of ``request_preview_update()`` from any thread coalesce into one more
render of the latest state (the last request wins, none is lost); render errors go to the status
bar and to the browser's overlay over the last good render; and a self-refreshing temp file when
no server can start.
"""

import threading
import time
import traceback
import webbrowser
from typing import Callable, Optional, Union

from ._file_preview import FilePreview
from .server import LivePreviewServer

#: ``on_status(level, message)``; level is ``"info"``, ``"warning"`` or ``"error"``.
StatusListener = Callable[[str, str], None]

CLOSED = "closed"
LIVE = "live"
FALLBACK = "fallback"

#: Seconds ``open_preview()`` waits for the first render before opening the browser anyway.
FIRST_RENDER_TIMEOUT = 10.0


class DocumentPreviewManager:
    """Keeps a browser preview of ``render()``'s HTML up to date.

    :param render: returns the document's HTML. Called on the manager's worker thread, never two
        at once: read your document model there, not GUI widgets (Tk is not thread-safe).
    :param on_status: ``on_status(level, message)`` for a status bar, called from the thread that
        caused the change (a GUI should hand it to its own thread, e.g. through a queue).
    :param open_browser: ``True`` opens the preview with :mod:`webbrowser`; a callable gets the URL;
        ``False`` opens nothing.
    :param fallback_on_failure: when the server cannot start, preview through a self-refreshing
        temp file instead of failing.
    :param debounce: seconds to wait after the last request before rendering (0: render at once).
    :param server: the :class:`LivePreviewServer` to use (default: one with default settings).
    """

    def __init__(self, render: Callable[[], str], on_status: Optional[StatusListener] = None,
                 open_browser: Union[bool, Callable[[str], object]] = True,
                 fallback_on_failure: bool = True, debounce: float = 0.0,
                 server: Optional[LivePreviewServer] = None) -> None:
        if not callable(render):
            raise TypeError("render must be a callable returning the HTML")
        if debounce < 0:
            raise ValueError("debounce must be >= 0 seconds")
        self._render = render
        self._on_status = on_status
        self._open_browser = open_browser
        self._fallback_on_failure = fallback_on_failure
        self._debounce = debounce
        self._server = server
        # Serialises open/close; the condition guards the request counters and the state.
        self._lifecycle = threading.RLock()
        self._cond = threading.Condition()
        self._state = CLOSED
        self._url: Optional[str] = None
        self._file: Optional[FilePreview] = None
        self._worker: Optional[threading.Thread] = None
        self._requested = 0
        self._done = 0
        self._last_request = 0.0
        self._session = 0
        self._failing = False
        self._last_good: Optional[str] = None

    # -- state ---------------------------------------------------------------------------------

    @property
    def state(self) -> str:
        """``"closed"``, ``"live"`` (server) or ``"fallback"`` (temp file)."""
        return self._state

    @property
    def url(self) -> Optional[str]:
        """The preview's URL (``http://`` live, ``file://`` in fallback), or ``None`` when closed."""
        return self._url

    @property
    def server(self) -> Optional[LivePreviewServer]:
        """The server the manager drives (created on the first ``open_preview()``)."""
        return self._server

    # -- lifecycle -----------------------------------------------------------------------------

    def open_preview(self) -> bool:
        """Starts the preview (or shows it again when open) and opens the browser.

        Blocks until the server is up and the first render is on it (a second or two), then
        returns ``True``; ``False`` when the server cannot start and the fallback is off.
        """
        with self._lifecycle:
            if self._state != CLOSED:
                self._show(self._url)
                return True
            if self._server is None:
                self._server = LivePreviewServer()
            server = self._server
            server.on_exit = self._server_exited
            self._status("info", "Starting the live preview\u2026")
            if server.start_server():
                state, url = LIVE, server.get_server_url()
            elif self._fallback_on_failure:
                self._file = FilePreview()
                state, url = FALLBACK, self._file.url
                self._status("warning", "Live preview unavailable (%s); showing a file preview that "
                                        "refreshes itself" % server.last_error)
            else:
                self._status("error", "Live preview unavailable: %s" % server.last_error)
                return False
            with self._cond:
                self._state, self._url = state, url
                self._session += 1
                self._requested += 1
                self._last_request = 0.0
                self._failing = False
                self._last_good = None
            self._worker = threading.Thread(target=self._work, args=(self._session,),
                                            name="sop-preview-render", daemon=True)
            self._worker.start()
            self.wait_idle(FIRST_RENDER_TIMEOUT)
            if state == LIVE:
                self._status("info", "Live preview at %s" % url)
            self._show(url)
            return True

    def close_preview(self) -> None:
        """Stops the preview: the server ends, the temp files go. Safe when already closed."""
        with self._lifecycle:
            with self._cond:
                was_open = self._state != CLOSED
                self._state, self._url = CLOSED, None
                self._session += 1
                self._done = self._requested
                self._cond.notify_all()
            worker, self._worker = self._worker, None
            if worker is not None and worker is not threading.current_thread():
                worker.join(5.0)
            if self._server is not None:
                self._server.stop_server()
            if self._file is not None:
                self._file.dispose()
                self._file = None
            if was_open:
                self._status("info", "Live preview closed")

    def toggle_live_preview(self) -> bool:
        """Opens the preview when closed, closes it otherwise; returns whether it is open now."""
        with self._lifecycle:
            if self._state == CLOSED:
                return self.open_preview()
            self.close_preview()
            return False

    # -- updates -------------------------------------------------------------------------------

    def request_preview_update(self) -> None:
        """Asks for a render of the current document. Thread-safe, cheap, any rate.

        Returns at once; the render runs on the worker thread. Requests made while a render runs
        lead to exactly one more render, so the latest state always reaches the screen. Ignored
        while the preview is closed.
        """
        with self._cond:
            if self._state == CLOSED:
                return
            self._requested += 1
            self._last_request = time.monotonic()
            self._cond.notify_all()

    def wait_idle(self, timeout: Optional[float] = None) -> bool:
        """Waits until every request so far is rendered and pushed; ``False`` on timeout."""
        with self._cond:
            return self._cond.wait_for(lambda: self._done >= self._requested, timeout)

    # -- internals -----------------------------------------------------------------------------

    def _work(self, session: int) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._session != session or self._done < self._requested)
                if self._session != session:
                    return
                while self._debounce > 0 and self._session == session:
                    remaining = self._last_request + self._debounce - time.monotonic()
                    if remaining <= 0:
                        break
                    self._cond.wait(remaining)
                if self._session != session:
                    return
                target = self._requested
            self._render_once(session)
            with self._cond:
                if self._session == session:
                    self._done = max(self._done, target)
                    self._cond.notify_all()

    def _render_once(self, session: int) -> None:
        try:
            html = self._render()
            if not isinstance(html, str):
                raise TypeError("render() returned %s, not str" % type(html).__name__)
        except Exception as error:  # noqa: BLE001 - any render failure is the user's document, shown
            self._report_render_error(error)
            return
        try:
            if self._state == LIVE and self._server is not None:
                self._server.update_content(html)
            elif self._state == FALLBACK and self._file is not None:
                self._file.write(html)
        except Exception as error:  # noqa: BLE001 - a dead server is reported by its exit listener
            if self._session == session and self._server is not None and self._server.is_running:
                self._status("error", "Preview not updated: %s" % error)
            return
        self._last_good = html
        if self._failing:
            self._failing = False
            self._status("info", "Preview updated; the render error is fixed")

    def _report_render_error(self, error: Exception) -> None:
        message = "%s: %s" % (type(error).__name__, error)
        self._failing = True
        self._status("error", "Preview not updated, render failed: %s" % message)
        frame = "".join(traceback.format_exception(type(error), error, error.__traceback__)[-3:]).rstrip()
        try:
            if self._state == LIVE and self._server is not None:
                self._server.show_error(message, frame=frame)
            elif self._state == FALLBACK and self._file is not None:
                self._file.write(self._last_good or "", error=message)
        except Exception:  # noqa: BLE001 - the status bar already has the error
            pass

    def _server_exited(self, reason: str) -> None:
        with self._cond:
            if self._state != LIVE:
                return
            self._state, self._url = CLOSED, None
            self._session += 1
            self._done = self._requested
            self._cond.notify_all()
        self._status("error", "%s; open the preview again to restart it" % reason)

    def _show(self, url: Optional[str]) -> None:
        if not url or self._open_browser is False:
            return
        try:
            if callable(self._open_browser):
                self._open_browser(url)
            else:
                webbrowser.open(url)
        except Exception as error:  # noqa: BLE001 - no browser is not a reason to fail the preview
            self._status("warning", "Could not open a browser (%s); open %s yourself" % (error, url))

    def _status(self, level: str, message: str) -> None:
        if self._on_status is not None:
            try:
                self._on_status(level, message)
            except Exception:  # noqa: BLE001 - a broken status bar must not stop the preview
                traceback.print_exc()
