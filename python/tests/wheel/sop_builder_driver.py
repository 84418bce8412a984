"""An SOP Builder in miniature, run by test_wheel.py with the wheel's venv as its only PATH: it
drives DocumentPreviewManager and answers one JSON line per command line on stdin.

  open            -> {"opened", "state", "url", "pid", "status"}
  burst N         -> 4 threads x N request_preview_update(); {"idle", "count"}
  break / fix     -> the next render raises / renders again; {"idle"}
  close           -> close_preview(); {"state", "port"}
  serve TOKEN     -> a bare LivePreviewServer with TOKEN; {"url", "pid"}
  exit            -> leaves without closing anything (atexit and the stdin pipe must clean up)
"""

import json
import sys
import threading
import urllib.parse

from sop_preview import DocumentPreviewManager, LivePreviewServer

lock = threading.Lock()
model = {"count": 0, "broken": False}
status = []


def render() -> str:
    with lock:
        count, broken = model["count"], model["broken"]
    if broken:
        raise ValueError("step 3 has no title")
    return ("<!doctype html><html><head><title>SOP</title></head><body>"
            "<h1 data-block=\"title\">SOP</h1><p data-block=\"body\">edits so far: %d.</p></body></html>" % count)


def say(value: dict) -> None:
    sys.stdout.write(json.dumps(value) + "\n")
    sys.stdout.flush()


server = LivePreviewServer(port=0, start_timeout=60.0)
manager = DocumentPreviewManager(render, on_status=lambda level, message: status.append([level, message]),
                                 open_browser=lambda url: None, server=server)
bare = None

for line in sys.stdin:
    words = line.split()
    if not words:
        continue
    command = words[0]
    if command == "open":
        opened = manager.open_preview()
        say({"opened": opened, "state": manager.state, "url": manager.url, "pid": server.pid, "status": status})
    elif command == "burst":
        def edit() -> None:
            for _ in range(int(words[1])):
                with lock:
                    model["count"] += 1
                manager.request_preview_update()
        threads = [threading.Thread(target=edit) for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        say({"idle": manager.wait_idle(30), "count": model["count"]})
    elif command in ("break", "fix"):
        with lock:
            model["broken"] = command == "break"
        manager.request_preview_update()
        say({"idle": manager.wait_idle(30)})
    elif command == "close":
        port = urllib.parse.urlsplit(manager.url).port if manager.url else None
        manager.close_preview()
        say({"state": manager.state, "port": port})
    elif command == "serve":
        bare = LivePreviewServer(port=0, token=words[1], start_timeout=60.0)
        started = bare.start_server()
        say({"url": bare.get_server_url(), "pid": bare.pid, "error": bare.last_error, "started": started})
    elif command == "exit":
        say({"exiting": True})
        sys.exit(0)
