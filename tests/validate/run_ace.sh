#!/usr/bin/env bash
# DAISY Ace on every book the end-to-end tests kept for it (lib.sh: ace), one after the other.
# Fails on any violation, and on a report that holds no assertion about the book's content
# documents: a report that checked nothing proves nothing.
#   ACE_CLI=ace-cli bash tests/validate/run_ace.sh FOLDER
set -euo pipefail
: "${ACE_CLI:?}"
folder=${1:?usage: run_ace.sh FOLDER}
[ -x "$ACE_CLI" ] || { echo "FAIL: Ace not found at $ACE_CLI (run scripts/install-deps.sh test)"; exit 1; }
export PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0
while IFS= read -r book; do
    name=${book#"$folder"/}
    out="$work/$passed-$failed"
    if ! timeout 300 "$ACE_CLI" -f -s -o "$out" "$book" >"$out.log" 2>&1; then
        cat "$out.log"
        echo "FAIL: Ace: $name: Ace did not run"
        failed=$((failed + 1))
        continue
    fi
    # Prints "VIOLATIONS CHECKED-DOCUMENTS", and each violation on stderr.
    read -r n docs < <(node -e '
        const r = require(process.argv[1]);
        let n = 0, docs = 0;
        for (const a of r.assertions || []) {
            if (/\.xhtml$/.test(a["earl:testSubject"].url || "")) docs++;
            for (const x of a.assertions || [])
                if (x["earl:result"]["earl:outcome"] !== "pass") {
                    n++;
                    console.error(`    ${a["earl:testSubject"].url}: ${x["earl:test"]["dct:title"]} (${x["earl:test"]["earl:impact"]}): ${x["earl:result"]["dct:description"]}`);
                }
        }
        console.log(n, docs);' "$out/report.json")
    if [ "$n" != 0 ]; then
        echo "FAIL: Ace: $name: $n violations"
        failed=$((failed + 1))
    elif [ "$docs" = 0 ]; then
        echo "FAIL: Ace: $name: the report checked no content document"
        failed=$((failed + 1))
    else
        echo "ok: Ace: $name: 0 violations in $docs content documents"
        passed=$((passed + 1))
    fi
done < <(find "$folder" -name '*.epub' | sort)
echo "Ace: $passed passed, $failed failed"
[ $((passed + failed)) -gt 0 ] || { echo "FAIL: no book under $folder"; exit 1; }
[ "$failed" = 0 ]
