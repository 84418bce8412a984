"""The file-based preview used when the server cannot start: ``index.html`` in a temp folder.

Better than a page that reloads every second: the page loads a tiny ``version.js`` beside it once
a second (a script tag works from ``file://``, where ``fetch`` does not) and reloads only when
the version changed, keeping its scroll position through ``sessionStorage``. Files are replaced
atomically (write, then rename), so a reload never reads half a file.
"""

import html as html_module
import os
import pathlib
import threading
from typing import Optional

from ._temp_files import make_temp_dir, remove_temp_dir

_POLL_MS = 1000

# Runs in the preview page. Reads the version from version.js; when it differs from the one the
# page was written with, remembers the scroll offset and reloads.
_SCRIPT = """<script data-sop-preview>(function(){
var mine=%d,key='sop-preview-scroll:'+location.pathname;
var y=sessionStorage.getItem(key);if(y!==null){window.scrollTo(0,+y);sessionStorage.removeItem(key);}
window.__sopPreviewVersion=function(v){if(v!==mine){sessionStorage.setItem(key,String(window.scrollY));location.reload();}};
setInterval(function(){var s=document.createElement('script');s.src='version.js?'+Date.now();
s.onload=s.onerror=function(){s.remove();};document.head.appendChild(s);},%d);})();</script>"""

_BANNER = (
    "<div data-sop-preview role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;"
    "z-index:2147483647;background:#7f1d1d;color:#fff;font:13px/1.4 monospace;padding:8px 12px;"
    "white-space:pre-wrap\">%s</div>"
)


class FilePreview:
    """A temp folder holding a self-refreshing ``index.html``; removed by :meth:`dispose` or at exit."""

    def __init__(self) -> None:
        self.folder = make_temp_dir()
        self.path = os.path.join(self.folder, "index.html")
        self._version = 0
        self._lock = threading.Lock()
        self._disposed = False

    @property
    def url(self) -> str:
        """``file://`` URL of the preview page."""
        return pathlib.Path(self.path).as_uri()

    def write(self, html: str, error: Optional[str] = None) -> None:
        """Writes ``html`` (with ``error`` as a banner over it, when given) and bumps the version."""
        with self._lock:
            if self._disposed:
                return
            self._version += 1
            page = _decorate(html, self._version, error)
            self._replace(self.path, page)
            self._replace(os.path.join(self.folder, "version.js"),
                          "window.__sopPreviewVersion&&window.__sopPreviewVersion(%d);\n" % self._version)

    def dispose(self) -> None:
        """Removes the folder; safe to call twice."""
        with self._lock:
            self._disposed = True
            remove_temp_dir(self.folder)

    def _replace(self, path: str, text: str) -> None:
        temp = "%s.%d.tmp" % (path, self._version)
        with open(temp, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)


def _decorate(html: str, version: int, error: Optional[str]) -> str:
    tail = (_BANNER % html_module.escape(error) if error else "") + _SCRIPT % (version, _POLL_MS)
    end = html.lower().rfind("</body>")
    return html + tail if end == -1 else html[:end] + tail + html[end:]
