"""``python -m sop_preview FILE.html``: pushes a file once to a running ``sop-preview serve --push``,
like ``sop-preview push``. Exit code 0 on success, 1 when the push failed, 2 on bad usage."""

import argparse
import os
import sys
from typing import List, Optional

from ._push import PushError, push_html


def main(argv: Optional[List[str]] = None) -> int:
    """Runs the command; returns the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m sop_preview",
        description="Push HTML to a running 'sop-preview serve --push' (like 'sop-preview push').",
    )
    parser.add_argument("file", help="HTML file to send, or - for standard input")
    parser.add_argument("--url", default=os.environ.get("SOP_PREVIEW_URL", "http://127.0.0.1:8080"),
                        help="address of the preview server (default: $SOP_PREVIEW_URL or %(default)s)")
    parser.add_argument("--token", default=None, help="push token (default: $SOP_PREVIEW_TOKEN)")
    parser.add_argument("--doc", default=None, help="document name (default: the page at /)")
    args = parser.parse_args(argv)
    token = args.token or os.environ.get("SOP_PREVIEW_TOKEN")
    if not token:
        parser.error("a token is needed: pass --token or set SOP_PREVIEW_TOKEN")
    try:
        if args.file == "-":
            html = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as handle:
                html = handle.read()
    except OSError as error:
        parser.error("cannot read %s: %s" % (args.file, error.strerror or error))
    try:
        version = push_html(html, url=args.url, token=token, doc=args.doc)
    except (PushError, ValueError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    print("version %d" % version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
