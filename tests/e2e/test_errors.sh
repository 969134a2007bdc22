# Bad input: a clear message naming the file (and line), exit 1, and no output file; an existing
# output file survives byte for byte.
source "$(dirname "$0")/lib.sh"
cd "$WORK"

expect_refusal() { # NAME EXPECTED-MESSAGE-REGEX ARGS...
    local name=$1 want=$2
    shift 2
    local out="$WORK/$name.epub" rc=0
    "$OCTAVO" "$@" -o "$out" 2>"$WORK/err" || rc=$?
    [ "$rc" = 1 ] || fail "$name: exit $rc, expected 1 ($(cat "$WORK/err"))"
    grep -qE "$want" "$WORK/err" || fail "$name: message '$(cat "$WORK/err")' does not match '$want'"
    [ ! -e "$out" ] || fail "$name: an output file appeared"
    [ -z "$(ls -A "$WORK" | grep -E '\.epub\.|octavo' || true)" ] || fail "$name: temporary file left: $(ls "$WORK")"
    pass "$name: $(head -n1 "$WORK/err")"
}

case_missing_input() {
expect_refusal missing-input '^octavo: nope\.md: cannot read: No such file' nope.md
}

case_bad_yaml() {
printf -- '---\ntitle: [unclosed\nauthor: x\n---\nBody\n' >bad-yaml.md
expect_refusal bad-yaml '^octavo: bad-yaml\.md:[0-9]+:[0-9]+: invalid YAML' bad-yaml.md
}

case_no_title() {
printf -- '---\nauthor: Someone\n---\n\nJust a paragraph, no heading.\n\n## A second-level heading\n' >no-title.md
"$OCTAVO" no-title.md -o no-title.epub 2>"$WORK/err" || fail "no-title: refused: $(cat "$WORK/err")"
grep -qE "^octavo: warning: no-title\.md: no title given; 'No title', from the file's name" "$WORK/err" ||
    fail "no-title: $(cat "$WORK/err")"
check_book no-title.epub
unzip -p no-title.epub EPUB/package.opf | grep -q '<dc:title id="title">No title</dc:title>' || fail "no-title: dc:title"
rc=0
"$OCTAVO" - -o stdin.epub <no-title.md 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: -: no title' "$WORK/err" || fail "no-title: standard input: exit $rc: $(cat "$WORK/err")"
pass "no-title: the file's name, with a warning; standard input refused"
}

# A language that is not one is a warning naming its line, never a refusal.
case_bad_lang() {
printf -- '---\ntitle: T\nlang: not a tag\n---\nBody\n' >bad-lang.md
"$OCTAVO" bad-lang.md -o bad-lang.epub 2>"$WORK/err" || fail "bad-lang: refused: $(cat "$WORK/err")"
grep -qE "^octavo: warning: bad-lang\.md:3: .not a tag. is not a valid BCP 47" "$WORK/err" || fail "bad-lang: $(cat "$WORK/err")"
check_book bad-lang.epub
pass "bad-lang: $(head -n1 "$WORK/err")"
}

case_bad_date() {
printf -- '---\ntitle: T\ndate: 21/05/2019\n---\nBody\n' >bad-date.md
expect_refusal bad-date '^octavo: bad-date\.md:3: .21/05/2019. is not a date' bad-date.md
}

case_bad_utf8() {
printf 'Title\n\nBad byte here: \xff\n' >bad-utf8.txt
expect_refusal bad-utf8 '^octavo: bad-utf8\.txt:3: not valid UTF-8 \(byte offset 22\)' bad-utf8.txt
}

case_directory() {
mkdir adir
expect_refusal directory '^octavo: adir: is a directory' adir
}

# An existing book survives a failed run, byte for byte.
case_existing_output() {
printf -- '---\ntitle: [unclosed\n---\n\nJust a paragraph.\n' >bad.md
printf 'an earlier book' >keep.epub
cp keep.epub keep.orig
rc=0
"$OCTAVO" bad.md -o keep.epub 2>/dev/null || rc=$?
[ "$rc" = 1 ] || fail "expected exit 1, got $rc"
cmp -s keep.epub keep.orig || fail "the existing output was changed by a failed run"
pass "existing output untouched by a failed run"
}

# Output folder that does not exist: refused, nothing written.
case_missing_output_folder() {
rc=0
"$OCTAVO" "$SRC"/article/*.md -o "$WORK/no/such/dir/book.epub" 2>"$WORK/err" || rc=$?
[ "$rc" = 1 ] || fail "missing output folder: exit $rc"
pass "missing output folder: $(cat "$WORK/err")"
}

# Usage errors exit 2.
case_usage() {
rc=0
"$OCTAVO" 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "no arguments: exit $rc, expected 2"
rc=0
"$OCTAVO" "$SRC"/article/*.md -o x.epub --bogus 2>/dev/null || rc=$?
[ "$rc" = 2 ] || fail "unknown option: exit $rc, expected 2"
pass "usage errors exit 2"
}

run_cases "$@"
