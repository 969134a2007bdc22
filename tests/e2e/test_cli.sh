# Command-line conventions: --help and --version, the manual page, -o - and the default output
# name, --quiet and --verbose, the message format.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
article=("$SRC"/article/*.md)
page="$SRC/docs/octavo.1.in"
version=$(sed -n 's/^project(octavo VERSION \([0-9.]*\).*/\1/p' "$SRC/CMakeLists.txt")
export SOURCE_DATE_EPOCH=1558396800

# --help: every option, examples and exit codes; --version: the project's version.
case_help_version() {
"$OCTAVO" --help >help || fail "--help exited $?"
grep -q '^Examples:' help && grep -q 'octavo --check book.epub' help && grep -q -- '-o - >' help ||
    fail "--help has no examples: $(cat help)"
grep -q '^Exit status: 0 success; 1 .*2 usage error' <(tr '\n' ' ' <help | sed 's/Exit status/\nExit status/') ||
    fail "--help does not give the exit codes"
[ "$("$OCTAVO" --version)" = "octavo $version" ] || fail "--version: $("$OCTAVO" --version)"
pass "--help has examples and exit codes; --version says octavo $version"
}

# The manual page documents every option --help lists, and every exit code; it lists no option
# that does not exist.
case_man_page() {
"$OCTAVO" --help >help || fail "--help exited $?"
roff=$(sed 's/\\-/-/g' "$page")
help_options=$(grep -oE '(^|[ ,])--?[a-zA-Z][a-z-]*' help | tr -d ' ,' | sort -u)
[ "$(wc -l <<<"$help_options")" -ge 12 ] || fail "too few options found in --help: $help_options"
for opt in $help_options; do
    grep -qE -- "(^|[^a-z-])$opt([^a-z-]|$)" <<<"$roff" || fail "the man page does not document $opt"
done
man_options=$(sed -n '/^\.SH OPTIONS/,/^\.SH /p' "$page" | grep -A1 '^\.TP' | sed 's/\\-/-/g' |
    grep -oE '(^|[ ])--?[a-zA-Z][a-z-]*' | tr -d ' ' | sort -u)
for opt in $man_options; do
    grep -qx -- "$opt" <<<"$help_options" || fail "the man page documents $opt, which --help does not list"
done
exit_section=$(sed -n '/^\.SH EXIT STATUS/,/^\.SH /p' "$page")
for code in 0 1 2; do
    grep -A1 '^\.TP' <<<"$exit_section" | grepq -x ".B $code" || fail "the man page does not document exit $code"
done
for var in SOURCE_DATE_EPOCH EPUBCHECK; do
    sed -n '/^\.SH ENVIRONMENT/,/^\.SH /p' "$page" | grepq -x ".B $var" || fail "the man page does not document $var"
done
command -v groff >/dev/null || fail "groff is missing (scripts/install-deps.sh test installs groff-base)"
warnings=$(sed "s/@PROJECT_VERSION@/$version/" "$page" | groff -man -ww -z 2>&1) || true
[ -z "$warnings" ] || fail "groff warns about the man page: $warnings"
pass "the man page documents $(wc -w <<<"$help_options") options, exit codes 0 1 2, the environment"
}

# -o -: the book on stdout, the same bytes as a file.
case_stdout() {
"$OCTAVO" "${article[@]}" -o file.epub
"$OCTAVO" "${article[@]}" -o - >stdout.epub
cmp -s file.epub stdout.epub || fail "-o - differs from -o file.epub"
check_book stdout.epub
pass "-o - writes the same bytes as -o FILE"
}
# Standard output on a terminal is refused (script(1), from bsdutils, gives the terminal).
case_stdout_terminal() {
command -v script >/dev/null || fail "script is missing (scripts/install-deps.sh test installs bsdutils)"
rc=0
script -qec "'$OCTAVO' '${article[0]}' -o -" /dev/null >tty.out 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q 'standard output is a terminal' tty.out || fail "-o - to a terminal: exit $rc, $(cat tty.out)"
pass "-o - to a terminal exits 2"
}

# - as input: Markdown from standard input, the same bytes as from the file (a big volume reads
# an article twice: standard input is read once and kept); given twice, or a terminal, refused.
case_stdin() {
"$OCTAVO" "${article[@]}" -o file.epub
"$OCTAVO" - -o stdin.epub <"${article[0]}"
cmp -s file.epub stdin.epub || fail "- as input differs from the file"
# A link to a later article's heading makes the piped article wait for the second reading.
printf '# Later\n\n## A section\n\nText.\n' >later.md
printf '# From a pipe\n\nSee [the section](later.md#a-section).\n' |
    "$OCTAVO" -q --no-cover - later.md --title V --lang en -o piped.epub
unzip -p piped.epub EPUB/text/a001.xhtml | grepq '<a href="a002.xhtml#a002-a-section">the section</a>' ||
    fail "- in a volume: $(unzip -p piped.epub EPUB/text/a001.xhtml)"
rc=0
"$OCTAVO" - - -o twice.epub </dev/null 2>err || rc=$?
[ "$rc" = 2 ] && grep -q '^octavo: -: standard input can be given once$' err || fail "- twice: exit $rc $(cat err)"
rc=0
script -qec "'$OCTAVO' - -o tty.epub" /dev/null >tty.out 2>&1 || rc=$?
[ "$rc" = 2 ] && grep -q 'standard input is a terminal' tty.out || fail "- from a terminal: exit $rc, $(cat tty.out)"
pass "- reads Markdown from standard input (same bytes as the file, also in a volume); twice or a terminal refused"
}

# Without -o: the title as the file name, in the current folder.
case_default_name() {
"$OCTAVO" "${article[@]}" -o file.epub
mkdir named && cd named
"$OCTAVO" "${article[@]}" 2>err || fail "no -o: exit $?"
name=how-backdoor-negotiations-could-help-avert-an-iran-us-war.epub
[ -f "$name" ] || fail "no -o: expected $name, got $(ls)"
grep -qx "octavo: wrote $name" err || fail "no -o: $(cat err)"
cmp -s "$name" ../file.epub || fail "no -o: the book differs from -o's"
"$OCTAVO" "${article[@]}" --title "Iran’s U.S. talks: a 2019 view" -q 2>err
[ -f irans-us-talks-a-2019-view.epub ] && [ ! -s err ] || fail "--title name: $(ls) $(cat err)"
printf -- '---\ntitle: Second\nlang: en\n---\nBody.\n' >second.md
"$OCTAVO" "${article[@]}" second.md --title "Collected pieces" -q
[ -f collected-pieces.epub ] || fail "volume name: $(ls)"
printf 'مرحبا بالعالم\n\nنص قصير.\n' >salaam.txt
"$OCTAVO" salaam.txt --lang ar -q
[ -f salaam.epub ] || fail "a title without ASCII letters should fall back to the input's name: $(ls)"
check_book salaam.epub
cd ..
pass "without -o: named after the title, or the input when the title gives no name"
}

# Warnings: "octavo: warning: FILE:LINE: ...", silenced by --quiet; --verbose says what it does.
case_warnings() {
printf -- '---\ntitle: T\nlang: en\n---\n\nA [link](javascript:alert(1)) here.\n' >js.md
"$OCTAVO" js.md -o js.epub 2>err
grep -qE '^octavo: warning: js\.md:6: link to .javascript:alert\(1\). removed' err || fail "warning format: $(cat err)"
"$OCTAVO" js.md -o js.epub --quiet 2>err
[ ! -s err ] || fail "--quiet printed: $(cat err)"
"$OCTAVO" js.md -o js.epub --verbose 2>err
grep -qx 'octavo: reading js.md' err && grep -qE '^octavo: wrote js\.epub \([0-9]+ bytes\)$' err &&
    grep -q '^octavo: warning: js.md:6:' err || fail "--verbose: $(cat err)"
rc=0
"$OCTAVO" js.md -o js.epub --quiet --verbose 2>err || rc=$?
[ "$rc" = 2 ] || fail "--quiet with --verbose: exit $rc"
pass "warnings as FILE:LINE, --quiet silences them, --verbose reports reading and writing"
}

run_cases "$@"
