#!/usr/bin/env bash
# Takes docs/screenshots/python-sop-builder-demo.png: the tkinter SOP Builder demo
# (examples/python/sop_builder_demo.py --autoplay) beside the live preview in Chromium, under Xvfb.
# Needs: Xvfb, ImageMagick's `import`, python3 with tkinter, Chromium, and a built CLI
# (npm run build). Usage: bash scripts/screenshot-python-demo.sh [display-number]
set -euo pipefail
cd "$(dirname "$0")/.."
display=":${1:-87}"
out=docs/screenshots/python-sop-builder-demo.png
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}
work=$(mktemp -d)
xvfb_pid=
demo_pid=
cleanup() {
  # The demo runs in its own process group with the browser it opened: end the group.
  [[ -n $demo_pid ]] && kill -TERM -- "-$demo_pid" 2>/dev/null || true
  [[ -n $demo_pid ]] && { sleep 2; kill -KILL -- "-$demo_pid" 2>/dev/null || true; }
  [[ -n $xvfb_pid ]] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 -c 'import tkinter' 2>/dev/null || { echo "python3 has no tkinter (Debian: python3-tk)" >&2; exit 1; }
Xvfb "$display" -screen 0 1600x900x24 -nolisten tcp &
xvfb_pid=$!
for _ in $(seq 50); do [[ -e /tmp/.X11-unix/X${display#:} ]] && break; sleep 0.1; done

browser="$chromium --no-sandbox --test-type --disable-gpu --disable-background-networking --disable-component-update"
browser+=" --disable-sync --no-first-run --no-default-browser-check --user-data-dir=$work/profile"
browser+=" --window-position=745,0 --window-size=855,900 --new-window"
DISPLAY=$display SOP_PREVIEW_COMMAND=${SOP_PREVIEW_COMMAND:-"node bin/sop-preview.js"} PYTHONPATH=python \
  setsid python3 examples/python/sop_builder_demo.py --autoplay --browser "$browser" >"$work/demo.log" 2>&1 &
demo_pid=$!

for _ in $(seq 1200); do
  grep -q 'autoplay done' "$work/demo.log" && break
  kill -0 "$demo_pid" 2>/dev/null || { cat "$work/demo.log" >&2; exit 1; }
  sleep 0.1
done
grep -q 'autoplay done' "$work/demo.log" || { echo 'the demo did not finish typing' >&2; cat "$work/demo.log" >&2; exit 1; }
sleep "${SETTLE_SECONDS:-10}" # the browser, started on a loaded machine, paints the last update
mkdir -p "$(dirname "$out")"
import -display "$display" -window root "$out"
echo "wrote $out"
