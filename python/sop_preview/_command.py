"""How the sop-preview command is found: an explicit command, ``SOP_PREVIEW_COMMAND``, the Node.js
runtime and CLI a platform wheel carries, ``sop-preview`` on ``PATH``, then ``npx --no-install
sop-preview`` (a project-local install, never a download)."""

import os
import shlex
import shutil
from typing import List, Optional, Sequence, Union

from ._runtime import bundled_command

#: Environment variable naming the command, e.g. ``node /opt/sop-preview/bin/sop-preview.js``.
COMMAND_ENV = "SOP_PREVIEW_COMMAND"

Command = Union[str, Sequence[str]]


def resolve_command(command: Optional[Command] = None) -> List[str]:
    """Returns the argv prefix that runs sop-preview.

    A string is split like a shell would (``shlex``); a sequence is used as it is. Raises
    ``LookupError`` saying what was tried when nothing is found, and its subclass
    ``RuntimeDamagedError`` naming the missing file when the wheel's bundled runtime is damaged.
    """
    if command is None:
        command = os.environ.get(COMMAND_ENV) or None
    if command is not None:
        argv = shlex.split(command) if isinstance(command, str) else [str(part) for part in command]
        if not argv:
            raise LookupError("the sop-preview command is empty")
        return argv
    bundled = bundled_command()
    if bundled is not None:
        return bundled
    found = shutil.which("sop-preview")
    if found:
        return [found]
    npx = shutil.which("npx")
    if npx:
        # --no-install: use a copy in node_modules if there is one, and fail fast otherwise
        # instead of downloading a package while the user waits for a preview.
        return [npx, "--no-install", "sop-preview"]
    raise LookupError(
        "sop-preview not found: install the sop-preview wheel for this platform (it carries its own "
        "Node.js), set %s, or install Node.js and sop-preview (npm install sop-preview)" % COMMAND_ENV
    )
