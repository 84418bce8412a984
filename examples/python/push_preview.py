#!/usr/bin/env python3
"""Drive a sop-preview live preview from Python (standard library only).

Start the preview with the push API enabled, then send it HTML whenever your program
(for example the SOP Builder) regenerates the document:

    SOP_PREVIEW_TOKEN=my-secret sop-preview serve --push --no-open page.html
    SOP_PREVIEW_TOKEN=my-secret python3 push_preview.py generated.html

Every open browser tab updates in place (no reload); the server answers with the new
document version. Use --doc to address another document than the page at "/".

In your own code, call push_html() after each render, e.g. in place of writing the
preview file that the old auto-refresh polled.
"""

import argparse
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

PUSH_PATH = "/__preview/content"


class PushError(Exception):
    """The server refused the push (wrong token, body too large, ...)."""


def push_html(html, url="http://127.0.0.1:8080", token=None, doc=None, timeout=10.0):
    """Send ``html`` to the preview server and return the new document version.

    ``token`` defaults to the SOP_PREVIEW_TOKEN environment variable; the server prints
    its token on start when it made one up.
    """
    token = token or os.environ.get("SOP_PREVIEW_TOKEN")
    if not token:
        raise PushError("no token: pass token= or set SOP_PREVIEW_TOKEN")
    target = url.rstrip("/") + PUSH_PATH
    if doc:
        target += "?" + urllib.parse.urlencode({"doc": doc})
    request = urllib.request.Request(
        target,
        data=html.encode("utf-8"),
        method="PUT",
        headers={
            "Authorization": "Bearer " + token,
            "Content-Type": "text/html; charset=utf-8",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return json.load(response)["version"]
    except urllib.error.HTTPError as error:
        detail = error.read().decode("utf-8", "replace").strip()
        raise PushError("HTTP %d: %s" % (error.code, detail)) from None


def main(argv=None):
    parser = argparse.ArgumentParser(description="Push HTML to a running 'sop-preview serve --push'.")
    parser.add_argument("file", help="HTML file to send, or - for standard input")
    parser.add_argument("--url", default=os.environ.get("SOP_PREVIEW_URL", "http://127.0.0.1:8080"))
    parser.add_argument("--token", default=None, help="push token (default: $SOP_PREVIEW_TOKEN)")
    parser.add_argument("--doc", default=None, help="document name (default: the page at /)")
    args = parser.parse_args(argv)

    if args.file == "-":
        html = sys.stdin.read()
    else:
        with open(args.file, encoding="utf-8") as handle:
            html = handle.read()
    try:
        version = push_html(html, url=args.url, token=args.token, doc=args.doc)
    except (PushError, urllib.error.URLError) as error:
        print("push failed: %s" % error, file=sys.stderr)
        return 1
    print("version %s" % version)
    return 0


if __name__ == "__main__":
    sys.exit(main())
