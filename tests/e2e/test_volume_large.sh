# A volume of 2,000 plain-text articles: both epubchecks pass with no message, the nav lists
# every article's title, and no content document is over 300 KB.
source "$(dirname "$0")/lib.sh"
n=2000
bash "$SRC/scripts/generate-articles.sh" $n "$WORK/in" txt
book="$WORK/large.epub"
"$OCTAVO" "$WORK"/in/*.txt --title "Two thousand articles" --lang en -o "$book" -q
unzip -q "$book" -d "$WORK/x"
nav="$WORK/x/EPUB/nav.xhtml"

case_valid() {
check_book "$book"
}

case_nav_titles() {
[ "$(unzip -Z1 "$book" | grep -c '^EPUB/text/a[0-9]*\.xhtml$')" = $n ] || fail "not $n article documents"
missing=0
for f in "$WORK"/in/*.txt; do
    title=$(head -n1 "$f")
    grep -qF ">$title</a>" "$nav" || { echo "not in nav: $title" >&2; missing=$((missing + 1)); }
done
[ "$missing" = 0 ] || fail "$missing titles missing from the nav"
pass "the nav lists all $n titles"
}

case_spine_order() {
order=$(sed 's/epub:type="landmarks".*//' "$nav" | grep -oE 'href="text/a[0-9]+\.xhtml"' | tr -dc '0-9\n' | sed 's/^0*//')
[ "$order" = "$(seq 1 $n)" ] || fail "nav not in spine order"
pass "in spine order"
}

case_document_size() {
big=$(find "$WORK/x/EPUB" -name '*.xhtml' -size +300k)
[ -z "$big" ] || fail "documents over 300 KB: $big"
pass "no document over 300 KB"
}

# 300 articles with an SVG of 75 KB each (22 MB of images): a volume's memory does not grow with
# its images (each is read again when packed) nor with its documents (set aside in an unnamed
# file), and nothing is left beside the book. Peak memory was 31 MiB when the images were kept;
# it is about 9 (not measured under AddressSanitizer, whose shadow memory is most of it).
case_memory_bounded() {
bash "$SRC/scripts/generate-articles.sh" 300 "$WORK/img" md images
mkdir "$WORK/out"
/usr/bin/time -f %M -o "$WORK/peak" "$OCTAVO" "$WORK"/img/*.md --title "Pictures" --lang en \
    -o "$WORK/out/pictures.epub" -q --no-cover
[ "$(ls -A "$WORK/out")" = pictures.epub ] || fail "left beside the book: $(ls -A "$WORK/out")"
[ "$(unzip -Z1 "$WORK/out/pictures.epub" | grep -c '^EPUB/images/a[0-9]*-1\.svg$')" = 300 ] ||
    fail "not 300 images"
cmp <(unzip -p "$WORK/out/pictures.epub" EPUB/images/a300-1.svg) "$WORK/img/img/0300.svg" ||
    fail "an image packed is not its file"
check_book "$WORK/out/pictures.epub"
if ! nm -D "$OCTAVO" 2>/dev/null | grepq -w __asan_init; then
    peak=$(cat "$WORK/peak")
    [ "$peak" -lt 20480 ] || fail "peak memory $peak KiB, more than 20 MiB"
    pass "peak memory $peak KiB"
fi
}

run_cases "$@"
