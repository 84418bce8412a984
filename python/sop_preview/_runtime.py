"""The Node.js runtime and CLI bundle that a platform wheel carries in ``sop_preview/_runtime/``.

A platform wheel (``npm run build:wheel``) holds a Node binary and the bundled sop-preview CLI, so
``pip install`` is all a user of a Python program needs. A pure wheel (``pip install ./python``)
has no ``_runtime/`` folder and relies on ``SOP_PREVIEW_COMMAND`` or a ``sop-preview`` on ``PATH``.
"""

import os
import stat
from typing import List, Optional

#: The folder a platform wheel installs the runtime into.
RUNTIME_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_runtime")

_NODE = os.path.join(RUNTIME_DIR, "node.exe" if os.name == "nt" else "node")
_CLI = os.path.join(RUNTIME_DIR, "dist", "bundle", "sop-preview.mjs")


class RuntimeDamagedError(LookupError):
    """The wheel's runtime folder exists but a file it needs is missing or cannot be run."""


def bundled_command() -> Optional[List[str]]:
    """The argv prefix that runs the bundled CLI, or ``None`` when this install has no runtime.

    Raises ``RuntimeDamagedError`` naming what is missing when the runtime folder is there but
    incomplete (an interrupted install, a file removed by hand): a damaged runtime must say so
    instead of silently falling back to another command.
    """
    if not os.path.isdir(RUNTIME_DIR):
        return None
    missing = [path for path in (_NODE, _CLI) if not os.path.isfile(path)]
    if missing:
        raise RuntimeDamagedError(
            "the sop-preview runtime in this Python package is incomplete: %s missing; reinstall it "
            "(pip install --force-reinstall sop-preview)" % " and ".join(missing))
    if os.name == "posix" and not os.access(_NODE, os.X_OK):
        # An unpacker that dropped the executable bit (a copy through a zip tool, say): restore
        # it when we may, and name the file when we may not.
        try:
            os.chmod(_NODE, os.stat(_NODE).st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
        except OSError as error:
            raise RuntimeDamagedError("the bundled Node.js runtime %s is not executable (%s); reinstall "
                                      "sop-preview" % (_NODE, error)) from error
    return [_NODE, _CLI]
