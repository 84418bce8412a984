"""The push API client: ``PUT /__preview/content`` (HTML) and ``PUT``/``DELETE /__preview/error``
(the browser's error overlay), with ``Authorization: Bearer <token>``. One kept-alive connection
per client, so a burst of updates does not pay a TCP handshake each."""

import http.client
import os
import json
import threading
import urllib.parse
from typing import Any, Dict, Optional

CONTENT_PATH = "/__preview/content"
ERROR_PATH = "/__preview/error"


class PushError(Exception):
    """The server refused a push (wrong token, body too large...) or could not be reached."""

    def __init__(self, message: str, status: Optional[int] = None) -> None:
        super().__init__(message)
        #: HTTP status of the refusal, or ``None`` when the server could not be reached.
        self.status = status


class PushClient:
    """Sends HTML and errors to one sop-preview server. Thread-safe."""

    def __init__(self, url: str, token: str, timeout: float = 10.0) -> None:
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValueError("url must be an http URL of a sop-preview server, got %r" % url)
        if not token:
            raise ValueError("a push token is required (the server prints it as 'Token: ...')")
        self._parts = parts
        self._token = token
        self._timeout = timeout
        self._lock = threading.Lock()
        self._connection: Optional[http.client.HTTPConnection] = None

    def put_content(self, html: str, doc: Optional[str] = None) -> int:
        """Sends ``html`` as document ``doc`` (default: the page at ``/``); returns its version."""
        if not isinstance(html, str):
            raise TypeError("html must be a str, got %s" % type(html).__name__)
        return self._send("PUT", CONTENT_PATH, doc, html.encode("utf-8"), "text/html; charset=utf-8")

    def put_error(self, error: Dict[str, Any], doc: Optional[str] = None) -> int:
        """Shows ``error`` (``code``, ``message``, optional ``file``, ``line``, ``column``, ``frame``)
        as an overlay over the last good render; returns the document's version."""
        body = json.dumps(error).encode("utf-8")
        return self._send("PUT", ERROR_PATH, doc, body, "application/json")

    def clear_error(self, doc: Optional[str] = None) -> int:
        """Removes the overlay (a content push does that too); returns the document's version."""
        return self._send("DELETE", ERROR_PATH, doc, None, None)

    def close(self) -> None:
        """Closes the kept-alive connection; the next push opens a new one."""
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def _connect(self) -> http.client.HTTPConnection:
        if self._connection is None:
            kind = http.client.HTTPSConnection if self._parts.scheme == "https" else http.client.HTTPConnection
            self._connection = kind(self._parts.hostname, self._parts.port, timeout=self._timeout)
        return self._connection

    def _send(self, method: str, path: str, doc: Optional[str], body: Optional[bytes], kind: Optional[str]) -> int:
        target = self._parts.path.rstrip("/") + path
        if doc:
            target += "?" + urllib.parse.urlencode({"doc": doc})
        headers = {"Authorization": "Bearer " + self._token}
        if kind:
            headers["Content-Type"] = kind
        with self._lock:
            # A kept-alive connection the server closed in the meantime fails on first use:
            # one retry on a fresh connection; a second failure is real.
            for attempt in (1, 2):
                connection = self._connect()
                try:
                    connection.request(method, target, body=body, headers=headers)
                    response = connection.getresponse()
                    data = response.read()
                    break
                except (OSError, http.client.HTTPException) as error:
                    connection.close()
                    self._connection = None
                    if attempt == 2:
                        raise PushError("cannot reach %s: %s" % (self._parts.netloc, error)) from None
        text = data.decode("utf-8", "replace")
        if response.status != 200:
            try:
                detail = json.loads(text).get("error", text)
            except ValueError:
                detail = text.strip()
            raise PushError("HTTP %d: %s" % (response.status, detail), response.status)
        return int(json.loads(text)["version"])


def push_html(html: str, url: str = "http://127.0.0.1:8080", token: Optional[str] = None,
              doc: Optional[str] = None, timeout: float = 10.0) -> int:
    """Sends ``html`` once to a running ``sop-preview serve --push`` and returns the new version.

    ``token`` defaults to the ``SOP_PREVIEW_TOKEN`` environment variable.
    """

    client = PushClient(url, token or os.environ.get("SOP_PREVIEW_TOKEN", ""), timeout)
    try:
        return client.put_content(html, doc)
    finally:
        client.close()
