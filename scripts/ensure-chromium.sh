#!/usr/bin/env bash
# Kept for old instructions: scripts/ensure-browsers.sh now installs Chromium with the other
# engines and their helpers.
set -euo pipefail
exec bash "$(dirname "$0")/ensure-browsers.sh"
