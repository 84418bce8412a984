"""Temp folders the package creates, removed when they are released or at the latest when the
interpreter exits (``atexit``), so a closed preview or a finished program leaves nothing behind."""

import atexit
import shutil
import tempfile
import threading
from typing import Set

_lock = threading.Lock()
_live: Set[str] = set()


def make_temp_dir() -> str:
    """Creates a ``sop-preview-*`` folder in the system temp folder and registers it for removal."""
    path = tempfile.mkdtemp(prefix="sop-preview-")
    with _lock:
        _live.add(path)
    return path


def remove_temp_dir(path: str) -> None:
    """Removes a folder made by :func:`make_temp_dir`; safe to call twice."""
    with _lock:
        _live.discard(path)
    shutil.rmtree(path, ignore_errors=True)


@atexit.register
def _remove_all() -> None:
    with _lock:
        paths = list(_live)
        _live.clear()
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)
