# An Arabic article on its own: a right-to-left book (spine page-progression-direction, dir on
# every document) that every validator passes.
source "$(dirname "$0")/lib.sh"
book="$WORK/arabic.epub"
"$OCTAVO" "$SRC/tests/fixtures/rtl/adwa-al-marfa.md" -o "$book"

case_valid() {
validate "$book"
ace "$book"
}
case_direction() {
unzip -p "$book" EPUB/package.opf | grepq '<spine toc="toc-ncx" page-progression-direction="rtl">' ||
    fail "the spine is not page-progression-direction=rtl"
n=0
for doc in $(unzip -Z1 "$book" | grep '\.xhtml$'); do
    x=$(unzip -p "$book" "$doc")
    grep -q "<html [^>]*lang=\"ar\" xml:lang=\"ar\" dir=\"rtl\">" <<<"$x" || fail "$doc is not dir=rtl"
    grep -q "<body dir=\"rtl\"" <<<"$x" || fail "the body of $doc is not dir=rtl"
    n=$((n + 1))
done
[ "$n" -ge 3 ] || fail "only $n XHTML documents"
pass "page-progression-direction=rtl; dir=rtl on all $n XHTML documents"
}

run_cases "$@"
