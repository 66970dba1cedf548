#!/usr/bin/env bash
# The browser of the diagram end-to-end tests: Debian's Chromium, driven by npm playwright-core
# (never `npx playwright install`). Idempotent: does nothing when Chromium is already there.
set -euo pipefail
for candidate in "${DEEPFORGE_CHROMIUM:-}" /usr/bin/chromium /usr/lib/chromium/chromium; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then
        echo "== chromium: $candidate"
        exit 0
    fi
done
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
start=$(date +%s)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium > /dev/null
echo "== chromium installed in $(( $(date +%s) - start )) s: $(/usr/bin/chromium --version 2>/dev/null || echo /usr/bin/chromium)"
