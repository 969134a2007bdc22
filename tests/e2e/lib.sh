# Shared helpers for the end-to-end tests: run the real validators on a book and fail on any
# message. Sourced by tests/e2e/test_*.sh, which CTest runs with OCTAVO, SRC, EPUBCHECK4_JAR,
# EPUBCHECK5_JAR and ACE_CLI set.
set -euo pipefail
: "${OCTAVO:?}" "${SRC:?}" "${EPUBCHECK4_JAR:?}" "${EPUBCHECK5_JAR:?}" "${ACE_CLI:?}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export TZ=UTC LC_ALL=C.UTF-8

fail() {
    echo "FAIL: $*" >&2
    exit 1
}
pass() { echo "ok: $*"; }
# grepq ARGS...: grep -q that reads all of its input. Under pipefail, `unzip -l B | grep -q X`
# fails at random: grep -q exits at the first match and unzip, which writes line by line, dies
# of SIGPIPE. Pipelines use grepq; here-strings and files may use grep -q.
grepq() { grep "$@" >/dev/null; }

# epubcheck JAR [ARGS...] BOOK: fails unless the summary line reports no message at all.
run_epubcheck() {
    local jar=$1 label=$2
    shift 2
    [ -f "$jar" ] || fail "$label not found at $jar (run scripts/install-deps.sh test)"
    local out
    out=$(java -jar "$jar" "$@" 2>&1) || true
    local summary
    summary=$(grep -E '^Messages:' <<<"$out" || true)
    [ -n "$summary" ] || fail "$label printed no summary: $out"
    if ! grep -qE '^Messages: 0 fatals / 0 errors / 0 warnings( / 0 infos)?( / 0 usages)?$' <<<"$summary"; then
        echo "$out" >&2
        fail "$label: $summary"
    fi
    pass "$label: $summary"
}
epubcheck4() { run_epubcheck "$EPUBCHECK4_JAR" "epubcheck 4.2.6" "$1"; }
epubcheck5() { run_epubcheck "$EPUBCHECK5_JAR" "epubcheck 5.3.0 -u" -u "$1"; }

# Ace: fails unless its report holds no violation.
ace() {
    [ -x "$ACE_CLI" ] || fail "Ace not found at $ACE_CLI (run scripts/install-deps.sh test)"
    local out="$WORK/ace-$(basename "$1" .epub)"
    rm -rf "$out"
    PUPPETEER_EXECUTABLE_PATH=${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium} \
        timeout 300 "$ACE_CLI" -f -s -o "$out" "$1" >"$out.log" 2>&1 || {
        cat "$out.log" >&2
        fail "Ace did not run on $1"
    }
    local n
    n=$(node -e '
        const r = require(process.argv[1]);
        let n = 0;
        for (const a of r.assertions || []) for (const x of a.assertions || [])
            if (x["earl:result"]["earl:outcome"] !== "pass") {
                n++;
                console.error(`${a["earl:testSubject"].url}: ${x["earl:test"]["dct:title"]} (${x["earl:test"]["earl:impact"]}): ${x["earl:result"]["dct:description"]}`);
            }
        console.log(n);' "$out/report.json")
    [ "$n" = 0 ] || fail "Ace: $n violations in $1"
    pass "Ace: 0 violations"
}

# MuPDF renders every page; any error fails.
render() {
    local dir="$WORK/pages-$(basename "$1" .epub)"
    mkdir -p "$dir"
    local err
    err=$(mutool draw -q -r 36 -o "$dir/page%d.png" "$1" 2>&1) || fail "mutool draw failed on $1: $err"
    if grep -qi 'error' <<<"$err"; then fail "mutool draw reported: $err"; fi
    local pages
    pages=$(ls "$dir" | wc -l)
    [ "$pages" -gt 0 ] || fail "mutool drew no page of $1"
    pass "mutool drew $pages pages"
}

# Every validator on one book.
validate() {
    epubcheck4 "$1"
    epubcheck5 "$1"
    ace "$1"
    render "$1"
}

# The text of a book's content documents, tags removed, with typographic quotes made straight.
book_text() {
    unzip -p "$1" 'EPUB/text/*.xhtml' | sed -e 's/<[^>]*>/ /g' -e "s/‘/'/g" -e "s/’/'/g" -e 's/“/"/g' -e 's/”/"/g' \
        -e 's/&amp;/\&/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' | tr -s ' \n' ' '
}
