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

run_cases "$@"
