#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium (the browser tests and benchmarks
# drive it; nothing downloads a browser of its own). Needs root, or sudo, when it is missing.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
echo "Chromium is missing: installing Debian's chromium package..."
sudo_cmd=""
if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
$sudo_cmd apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
/usr/bin/chromium --version
