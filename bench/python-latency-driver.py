"""The Python side of bench/python-latency.bench.ts: a DocumentPreviewManager on the real CLI.

JSON lines on stdin, answers on stdout:
  {"versions": [html, ...]}  stage every version up front (no 100 KB pipe transfer while timed)
                             -> {"url": preview URL} once the preview is open on version 0
  {"go": n}                  version n becomes the document; request_preview_update() is called
                             -> {"at": wall-clock ms just before the call}
Ends (closing the preview) when stdin closes.
"""

import json
import sys
import time

from sop_preview import DocumentPreviewManager, LivePreviewServer


def main() -> None:
    versions = []
    current = {"n": 0}
    manager = DocumentPreviewManager(lambda: versions[current["n"]], open_browser=False,
                                     server=LivePreviewServer(port=0, start_timeout=60.0))
    try:
        for line in sys.stdin:
            command = json.loads(line)
            if "versions" in command:
                versions[:] = command["versions"]
                if not manager.open_preview() or manager.state != "live":
                    raise SystemExit("the live preview did not start: %s" % manager.server.last_error)
                answer = {"url": manager.url}
            else:
                current["n"] = command["go"]
                at = time.time() * 1000
                manager.request_preview_update()
                answer = {"at": at}
            sys.stdout.write(json.dumps(answer) + "\n")
            sys.stdout.flush()
    finally:
        manager.close_preview()


if __name__ == "__main__":
    main()
