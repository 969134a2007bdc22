# Helpers for tests/e2e/test_hostile_*.sh, the catalogue of bad inputs in tests/hostile/README.md.
# Every case either packages a book that both epubchecks pass with no message, or is refused with
# exit 1 and a message that names the file; a refused run leaves an existing output byte for
# byte as it was, and no run leaves a temporary file behind.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$WORK"

# libzip's temporary files are "BOOK.epub.XXXXXX" beside the book.
no_leftovers() {
    local left
    left=$(find "$WORK" -name '*.epub.*' | head -n3)
    [ -z "$left" ] || fail "temporary file left behind: $left"
}

# refuse NAME MESSAGE-REGEX OCTAVO-ARGS...: exit 1 (REFUSE_RC=2 for a usage error), a message
# matching the regex, and the book that was at the output path before is still there, unchanged.
refuse() {
    local name=$1 want=$2
    shift 2
    local out="$WORK/$name.epub" rc=0
    printf 'an earlier book\n' >"$out"
    "$OCTAVO" "$@" -o "$out" 2>"$WORK/err" || rc=$?
    [ "$rc" = "${REFUSE_RC:-1}" ] || fail "$name: exit $rc, expected ${REFUSE_RC:-1} ($(head -c 300 "$WORK/err"))"
    grep -qE -- "$want" "$WORK/err" || fail "$name: message '$(head -c 300 "$WORK/err")' does not match '$want'"
    [ "$(cat "$out")" = 'an earlier book' ] || fail "$name: the earlier book at the output was changed"
    rm -f "$out"
    no_leftovers
    pass "$name: refused: $(grep -v warning: "$WORK/err" | head -n1)"
}

# keeps_input NAME MESSAGE-REGEX OUTPUT OCTAVO-ARGS...: OUTPUT is a file the book is made from (or
# a link to one): exit 1, a message matching the regex, every file in the working folder as it
# was, and no temporary file.
keeps_input() {
    local name=$1 want=$2 out=$3 rc=0 before
    shift 3
    before=$(find . -type f ! -name err -exec md5sum {} + | sort)
    "$OCTAVO" "$@" -o "$out" 2>"$WORK/err" || rc=$?
    [ "$rc" = 1 ] || fail "$name: exit $rc, expected 1 ($(head -c 300 "$WORK/err"))"
    grep -qE -- "$want" "$WORK/err" || fail "$name: message '$(head -c 300 "$WORK/err")' does not match '$want'"
    [ "$(find . -type f ! -name err -exec md5sum {} + | sort)" = "$before" ] || fail "$name: a file was changed"
    no_leftovers
    pass "$name: refused: $(head -n1 "$WORK/err")"
}

# book NAME WARNING-REGEX OCTAVO-ARGS...: exit 0, warnings matching the regex (empty: any), a book
# that epubcheck 4.2.6 and 5.3.0 pass with no message, and no script in it.
book() {
    local name=$1 want=$2
    shift 2
    local out="$WORK/$name.epub" rc=0
    "$OCTAVO" "$@" -o "$out" 2>"$WORK/err" || rc=$?
    [ "$rc" = 0 ] || fail "$name: exit $rc: $(head -c 300 "$WORK/err")"
    [ -z "$want" ] || grep -qE -- "$want" "$WORK/err" || fail "$name: warnings '$(cat "$WORK/err")' do not match '$want'"
    check_book "$out"
    no_script "$out"
    no_leftovers
    pass "$name: packaged"
}

# kept_out NAME WARNING-REGEX OCTAVO-ARGS...: an image octavo does not pack (missing, unsafe, out
# of bounds) never refuses its article: a book as book() makes it, the warning, its alt text in
# place of the image, and no image of the article's packed.
kept_out() {
    local name=$1
    book "$@"
    unzip -Z1 "$WORK/$name.epub" | grep '^EPUB/images/' | grepq -v '^EPUB/images/cover' &&
        fail "$name: an image was packed"
    xhtml "$WORK/$name.epub" | grepq '<img' && fail "$name: an img element was written"
    pass "$name: image left out, the article kept"
}

# No element or attribute in the book's XHTML that could run script.
# A book unzip cannot read is not safe: it fails.
no_script() {
    unzip -tq "$1" >/dev/null || fail "$1: unzip cannot read the book"
    local found
    # The documents' bodies: the head holds octavo's own <meta charset>.
    found=$(unzip -p "$1" 'EPUB/*.xhtml' 'EPUB/text/*.xhtml' 2>/dev/null | sed 's/<head>.*<\/head>//' |
        grep -oiE '<(script|iframe|style|object|embed|svg|math|form|input|button|textarea|select|base|meta|frame|frameset|applet|template)[ >/]|<[^>]* on[a-z]+=|<[^>]* (href|src)="(javascript|file|data|vbscript):' |
        head -n3 || true)
    [ -z "$found" ] || fail "$1 holds markup that can run: $found"
}

# xhtml BOOK: the article's content document.
xhtml() { unzip -p "$1" EPUB/text/a001.xhtml; }

# measure CMD...: runs CMD (stderr in $WORK/err) and sets rc (its exit status), kb (its peak
# resident memory, from GNU time), ms (wall time) and cpu_ms (user and system time).
measure() {
    local start
    start=$(date +%s%N)
    rc=0
    /usr/bin/time -f '%M %U %S' -o "$WORK/rss" "$@" 2>"$WORK/err" || rc=$?
    ms=$((($(date +%s%N) - start) / 1000000))
    read -r kb user sys < <(tail -n1 "$WORK/rss")
    # CPU time too: on a loaded machine (the suite runs two at once) wall time can grow tenfold.
    cpu_ms=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')
}
