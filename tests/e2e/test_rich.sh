# Issue 5's rich fixture: a cover image, a captioned image, a table, footnotes, straight quotes,
# "--" and "...", two authors. Every validator passes, the cover is the manifest's cover-image,
# the quotes are curly and every note link resolves.
source "$(dirname "$0")/lib.sh"
book="$WORK/rich.epub"
"$OCTAVO" "$SRC/tests/fixtures/rich/harbour-lights.md" -o "$book" 2>"$WORK/err" || {
    cat "$WORK/err" >&2
    fail "octavo refused the rich fixture"
}

case_valid() {
[ ! -s "$WORK/err" ] || fail "warnings on the rich fixture: $(cat "$WORK/err")"
validate "$book"
ace "$book"
}

case_cover() {
opf=$(unzip -p "$book" EPUB/package.opf)
grep -q '<item id="images-cover-jpg" href="images/cover.jpg" media-type="image/jpeg" properties="cover-image" />' <<<"$opf" ||
    fail "the cover is not the manifest's cover-image"
grep -q '<meta name="cover" content="images-cover-jpg" />' <<<"$opf" || fail "no <meta name=cover>"
cmp <(unzip -p "$book" EPUB/images/cover.jpg) "$SRC/tests/fixtures/rich/cover.jpg" || fail "cover bytes changed"
grep -A1 '<spine' <<<"$opf" | grepq 'idref="text-cover-xhtml"' || fail "the cover page is not first in the spine"
unzip -p "$book" EPUB/nav.xhtml | grepq 'epub:type="cover" href="text/cover.xhtml"' || fail "no cover landmark"
[ "$(grep -c '<dc:creator' <<<"$opf")" = 2 ] || fail "not two authors"
pass "cover-image item, meta cover, cover page first with its landmark, two authors"
}

case_typography() {
doc=$(unzip -p "$book" EPUB/text/a001.xhtml)
text=$(sed -e 's/<[^>]*>/ /g' <<<"$doc")
grep -qF '“You’ll want a coat,” the deckhand said – and he was right…' <<<"$text" ||
    fail "straight quotes, -- or ... were not made typographic"
grep -qF '“Doors to manual” — then' <<<"$text" || fail "--- is not an em dash"
! grep -q '"' <<<"$text" || fail "a straight double quote is left in the text"
grep -q '<figure><img src="../images/a001-1.png" alt="A bar chart[^"]*"/><figcaption>Night crossings, January to June</figcaption></figure>' <<<"$doc" ||
    fail "the titled image is not a captioned figure"
grep -q '<th scope="col"' <<<"$doc" || fail "the table has no header cells"
pass "curly quotes, dashes, ellipses; a captioned figure; header cells"
}

# Every link to a fragment resolves to an id of the same document, and notes link both ways.
case_links_notes() {
doc=$(unzip -p "$book" EPUB/text/a001.xhtml)
ids=$(grep -o ' id="[^"]*"' <<<"$doc" | sed 's/ id="\(.*\)"/\1/' | sort)
[ -z "$(uniq -d <<<"$ids")" ] || fail "duplicate ids: $(uniq -d <<<"$ids")"
refs=$(grep -o 'href="#[^"]*"' <<<"$doc" | sed 's/href="#\(.*\)"/\1/' | sort -u)
for r in $refs; do grep -qx "$r" <<<"$ids" || fail "link to #$r does not resolve"; done
nrefs=$(grep -o 'epub:type="noteref"' <<<"$doc" | wc -l)
notes=$(grep -o 'epub:type="footnote"' <<<"$doc" | wc -l)
backs=$(grep -o 'role="doc-backlink"' <<<"$doc" | wc -l)
[ "$nrefs" = 4 ] && [ "$notes" = 3 ] && [ "$backs" = 3 ] ||
    fail "expected 4 noterefs, 3 footnotes, 3 back links; got $nrefs, $notes, $backs"
pass "$(wc -w <<<"$refs") fragment links resolve; $nrefs noterefs, $notes footnotes, $backs back links"
}

# --css: the user's stylesheet is packed and linked after the default from every content document.
case_css() {
printf 'body { margin: 0 1em; }\nh1 { font-variant: small-caps; }\n' >"$WORK/user.css"
"$OCTAVO" "$SRC/tests/fixtures/rich/harbour-lights.md" --css "$WORK/user.css" -o "$WORK/css.epub"
unzip -p "$WORK/css.epub" EPUB/package.opf | grepq 'href="css/user.css" media-type="text/css"' ||
    fail "css/user.css is not in the manifest"
cmp <(unzip -p "$WORK/css.epub" EPUB/css/user.css) "$WORK/user.css" || fail "css/user.css changed"
for doc in text/cover.xhtml text/a001.xhtml; do
    unzip -p "$WORK/css.epub" "EPUB/$doc" |
        grep -q 'href="../css/octavo.css"/><link rel="stylesheet" type="text/css" href="../css/user.css"/>' ||
        fail "$doc does not link css/user.css after the default"
done
check_book "$WORK/css.epub"
pass "--css: css/user.css packed and linked after octavo.css"
}

run_cases "$@"
