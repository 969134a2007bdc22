#!/usr/bin/env bash
# DAISY Ace on every book the end-to-end tests kept for it (lib.sh: ace), in one process
# (ace_batch.js). Fails on any violation, and on a report that holds no assertion about the
# book's content documents: a report that checked nothing proves nothing.
#   ACE_CLI=ace-cli bash tests/validate/run_ace.sh FOLDER
set -euo pipefail
: "${ACE_CLI:?}"
folder=${1:?usage: run_ace.sh FOLDER}
[ -x "$ACE_CLI" ] || { echo "FAIL: Ace not found at $ACE_CLI (run scripts/install-deps.sh test)"; exit 1; }
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
modules=$(cd "$(dirname "$ACE_CLI")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mapfile -t books < <(find "$folder" -name '*.epub' | sort)
[ "${#books[@]}" -gt 0 ] || { echo "FAIL: no book under $folder"; exit 1; }
node "$(dirname "$0")/ace_batch.js" "$modules" "$work" "${books[@]}"
