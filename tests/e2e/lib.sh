# Shared helpers for the end-to-end tests: keep books for the real validators, render them, read
# their text. Sourced by tests/e2e/test_*.sh, which CTest runs with OCTAVO, SRC, OCTAVO_BOOKS,
# EPUBCHECK4_JAR and EPUBCHECK5_JAR set.
set -euo pipefail
: "${OCTAVO:?}" "${SRC:?}" "${EPUBCHECK4_JAR:?}" "${EPUBCHECK5_JAR:?}"
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

# The validators run once per test run, over every book the tests collected (tests/validate):
# epubcheck 4.2.6 and 5.3.0 -u on each book kept with check_book, Ace on the few kept with ace.
# A sanitizer build keeps its books too, and a last test checks they are byte for byte the
# normal build's.
: "${OCTAVO_BOOKS:?}"
TEST_ID=${TEST_ID:-$(basename "$0" .sh)}
TEST_ID=${TEST_ID#test_}
# Which tests ran (the script and its arguments: a case): the validators tell a partial run, in
# which no test may have kept a book, from a whole one, in which that is a failure.
mkdir -p "$OCTAVO_BOOKS/ran"
: >"$OCTAVO_BOOKS/ran/$(basename "$0" .sh)${1:+-$1}"
# keep_book KIND BOOK [ALLOWED-MESSAGE-ID...]: a copy of BOOK in OCTAVO_BOOKS/KIND/TEST_ID/,
# numbered in the order the test keeps them.
keep_book() {
    local kind=$1 book=$2
    shift 2
    [ -f "$book" ] || fail "no book at $book to validate"
    local dir="$OCTAVO_BOOKS/$kind/$TEST_ID"
    mkdir -p "$dir"
    local n
    n=$(find "$dir" -name '*.epub' | wc -l)
    local name dest
    name=$(basename "$book")
    [ ${#name} -le 60 ] || name="${name:0:55}.epub" # a test of long names keeps a shorter one
    dest=$(printf '%s/%03d-%s' "$dir" $((n + 1)) "$name")
    cp "$book" "$dest"
    [ $# -eq 0 ] || printf 'allow %s\n' "$@" >"$dest.expect"
    # A book stamped with the time it was made (KEEP_VARIES=1) is not compared between builds.
    [ -z "${KEEP_VARIES:-}" ] || : >"$dest.varies"
    pass "kept for $kind: $(basename "$dest")"
}
# check_book BOOK [ALLOWED-MESSAGE-ID...]: epubcheck 4.2.6 and 5.3.0 -u must report no message
# on BOOK but the allowed ones.
check_book() { keep_book epubcheck "$@"; }
# Ace must report no violation.
ace() { keep_book ace "$1"; }

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

# Both epubchecks and MuPDF on one book (Ace on the few representative books that ask for it).
validate() {
    check_book "$1"
    render "$1"
}

# The text of a book's content documents, tags removed, with typographic quotes made straight.
book_text() {
    unzip -p "$1" 'EPUB/text/*.xhtml' | sed -e 's/<[^>]*>/ /g' -e "s/‘/'/g" -e "s/’/'/g" -e 's/“/"/g' -e 's/”/"/g' \
        -e 's/&amp;/\&/g' -e 's/&lt;/</g' -e 's/&gt;/>/g' -e 's/&quot;/"/g' | tr -s ' \n' ' '
}

# Cases. A script holds its cases as functions named case_NAME, after the setup they share, and
# ends with `run_cases "$@"`. CTest runs each case as a test of its own (e2e: SCRIPT/NAME, in a
# fresh $WORK), so one failing case hides no other: `bash test_X.sh NAME` runs one case, and
# `bash test_X.sh` all of them in order.
# The script's path, read before the script changes folder ($0 may be relative).
CASES_SCRIPT=$(realpath "$0")
run_cases() {
    local names=("$@") name
    [ $# -gt 0 ] || mapfile -t names < <(sed -n 's/^case_\([a-z0-9_]*\)() {$/\1/p' "$CASES_SCRIPT")
    [ ${#names[@]} -gt 0 ] || fail "$0 defines no case"
    local base=$TEST_ID
    for name in "${names[@]}"; do
        declare -F "case_$name" >/dev/null || fail "$0 has no case '$name'"
        TEST_ID="$base/$name"
        (
            cd "$WORK"
            "case_$name"
        )
    done
}
