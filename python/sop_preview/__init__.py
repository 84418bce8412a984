"""Live, reload-free browser preview of generated HTML for Python programs, driving sop-preview.

``LivePreviewServer`` runs the sop-preview command line as a child process in push mode;
``DocumentPreviewManager`` adds what a GUI needs (toggle, coalesced updates from any thread,
status messages, render errors in the browser, a file fallback). Standard library only.
"""

from ._command import COMMAND_ENV, resolve_command
from ._push import PushClient, PushError, push_html
from .manager import CLOSED, FALLBACK, LIVE, DocumentPreviewManager
from .server import LivePreviewServer

__all__ = [
    "CLOSED",
    "COMMAND_ENV",
    "DocumentPreviewManager",
    "FALLBACK",
    "LIVE",
    "LivePreviewServer",
    "PushClient",
    "PushError",
    "push_html",
    "resolve_command",
]
