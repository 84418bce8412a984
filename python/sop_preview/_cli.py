"""The ``sop-preview`` console command of a platform wheel: runs the bundled CLI with the bundled
Node.js runtime, so ``pip install`` users get the same command line as npm users."""

import os
import subprocess
import sys
from typing import List, Optional

from ._runtime import bundled_command


def main(argv: Optional[List[str]] = None) -> int:
    """Runs ``sop-preview`` with ``argv`` (default: this process's arguments); returns its exit code."""
    args = sys.argv[1:] if argv is None else argv
    try:
        command = bundled_command()
    except LookupError as error:
        print("sop-preview: %s" % error, file=sys.stderr)
        return 1
    if command is None:
        print("sop-preview: this install of the Python package carries no Node.js runtime; install the "
              "platform wheel, or Node.js and the npm package", file=sys.stderr)
        return 1
    if os.name == "posix" and argv is None:
        # Replace this interpreter: signals (Ctrl+C) and the exit code are the CLI's own.
        os.execv(command[0], command + args)
    return subprocess.call(command + args)


if __name__ == "__main__":
    sys.exit(main())
