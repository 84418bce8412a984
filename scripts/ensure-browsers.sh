#!/usr/bin/env bash
# Makes sure Debian's browsers and their helpers are installed: chromium (/usr/bin/chromium),
# firefox-esr (/usr/bin/firefox-esr), webkit2gtk-driver (WebKitWebDriver and WebKitGTK's
# MiniBrowser), xvfb (a display for WebKitGTK, which has no headless mode) and poppler-utils (PDF
# checks). The browser tests and benchmarks drive these; nothing downloads a browser of its own.
# Also python3-venv (the wheel test installs the wheel into a fresh venv) and binutils (`strip`
# makes the wheel's Node binary 13 MB smaller).
# Installs only what is missing; needs root, or sudo, when something is.
set -euo pipefail
declare -A wanted=(
  [chromium]=/usr/bin/chromium
  [firefox-esr]=/usr/bin/firefox-esr
  [webkit2gtk-driver]=/usr/bin/WebKitWebDriver
  [xvfb]=/usr/bin/Xvfb
  [poppler-utils]=/usr/bin/pdftotext
  [python3-venv]=/usr/share/doc/python3-venv
  [binutils]=/usr/bin/strip
)
missing=()
for package in "${!wanted[@]}"; do
  if [ ! -e "${wanted[$package]}" ]; then missing+=("$package"); fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}..."
  sudo_cmd=""
  if [ "$(id -u)" != "0" ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# MiniBrowser ships inside libwebkit2gtk; its folder depends on the architecture.
minibrowser=$(ls /usr/lib/*/webkit2gtk-4.1/MiniBrowser 2>/dev/null | head -n 1 || true)
if [ -z "$minibrowser" ]; then
  echo "WebKitGTK's MiniBrowser is missing after installing webkit2gtk-driver" >&2
  exit 1
fi
/usr/bin/chromium --version 2>/dev/null
/usr/bin/firefox-esr --version 2>/dev/null
echo "WebKitGTK $(dpkg-query -W -f '${Version}' webkit2gtk-driver 2>/dev/null) ($minibrowser)"
