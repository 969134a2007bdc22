# A volume of three articles by different authors, one in Arabic, each with a footnote [^1] and
# a section with the same heading: valid everywhere, every article keeping its identity.
source "$(dirname "$0")/lib.sh"
fx="$SRC/tests/fixtures/volume"
book="$WORK/volume.epub"
"$OCTAVO" "$fx/volume.yaml" -o "$book" 2>"$WORK/stderr" || { cat "$WORK/stderr" >&2; fail "octavo failed"; }
x="$WORK/x"
unzip -q "$book" -d "$x"
t="$x/EPUB/text"

case_valid() {
validate "$book"
ace "$book"
}

# Each footnote sits with its own article: the reference and the note in the same document.
case_footnotes() {
for pair in "a001:Port records" "a002:سجلات القافلة" "a003:Company timetable"; do
    id=${pair%%:*} note=${pair#*:}
    grep -q "href=\"#$id-fn1\"" "$t/$id.xhtml" || fail "$id: no reference to its note"
    grep -q "<aside id=\"$id-fn1\" epub:type=\"footnote\"" "$t/$id.xhtml" || fail "$id: its note is not there"
    grep -qF "$note" "$t/$id.xhtml" || fail "$id: the text of its note is not there"
    [ "$(grep -lF "$note" "$t"/*.xhtml | wc -l)" = 1 ] || fail "note '$note' appears in several documents"
done
pass "each footnote sits with its own article"
}

# IDs unique across the whole book.
case_ids() {
dups=$(cat "$t"/*.xhtml | grep -o ' id="[^"]*"' | sort | uniq -d)
[ -z "$dups" ] || fail "ids used twice: $dups"
pass "ids unique across the book"
}

# All three authors credited in the package document, as authors.
case_credits() {
opf="$x/EPUB/package.opf"
for who in "Maria Lindqvist" "Karim Haddad" "Chen Wei"; do
    id=$(grep -oE "<dc:(creator|contributor) id=\"[^\"]+\">$who<" "$opf" | sed -E 's/.*id="([^"]+)".*/\1/')
    [ -n "$id" ] || fail "$who not credited in the package document"
    grep -q "refines=\"#$id\" property=\"role\" scheme=\"marc:relators\">aut<" "$opf" || fail "$who not credited as author"
done
grep -q '<dc:creator id="creator1">Ana Ortega</dc:creator>' "$opf" || fail "editor not the creator"
grep -q 'refines="#creator1" property="role" scheme="marc:relators">edt<' "$opf" || fail "editor role"
grep -q '<meta property="belongs-to-collection" id="series">Weekly Readers</meta>' "$opf" || fail "series"
grep -q 'property="group-position">3<' "$opf" || fail "series position"
pass "three authors, the editor and the series in the package document"
}

# The table of contents lists the three titles in order, in nav and NCX, each with its section.
case_toc() {
titles=$'The Harbour at Dawn\nرسائل من الصحراء\nNotes on a Mountain Railway'
nav_titles=$(grep -oE '<a href="text/a00[0-9].xhtml"[^>]*>[^<]*' "$x/EPUB/nav.xhtml" | sed -E 's/.*>//; s/ — .*//')
[ "$nav_titles" = "$titles" ] || fail "nav lists: $nav_titles"
ncx_titles=$(tr -d '\n' <"$x/EPUB/toc.ncx" | grep -oE '<text>[^<]*</text>\s*</navLabel>\s*<content src="text/a00[0-9].xhtml"' | sed -E 's/<text>([^<]*)<.*/\1/; s/ — .*//')
[ "$ncx_titles" = "$titles" ] || fail "NCX lists: $ncx_titles"
for id in a001 a002 a003; do
    grep -q "href=\"text/$id.xhtml#$id-background\"" "$x/EPUB/nav.xhtml" || fail "nav lacks $id's section"
done
pass "nav and NCX list the three titles in order, each with its section"
}

# The Arabic article's document is right to left; the others are not.
case_rtl() {
grep -q '<html [^>]*lang="ar" xml:lang="ar" dir="rtl">' "$t/a002.xhtml" || fail "a002 is not dir=rtl"
! grep -q 'dir="rtl"' "$t/a001.xhtml" || fail "a001 is rtl"
pass "the Arabic article is dir=rtl"
}

# A link to another bundled article becomes an internal link; one to a missing anchor is
# unwrapped with a warning.
case_links() {
grep -q 'href="a002.xhtml"' "$t/a001.xhtml" || fail "link to second.md not internal"
grep -q 'href="a002.xhtml#a002-background"' "$t/a001.xhtml" || fail "link to second.md#background"
grep -q 'href="a001.xhtml"' "$t/a003.xhtml" || fail "link from third.md to first.md"
grep -q '<span>link to a missing section</span>' "$t/a001.xhtml" || fail "broken link kept"
grep -q "warning: .*first.md:.*third.md#nowhere" "$WORK/stderr" || fail "no warning for third.md#nowhere"
pass "links between articles resolved, a broken one unwrapped with a warning"
}

# The title page: contents and contributors; landmarks point at it.
case_titlepage() {
grep -q '<a epub:type="titlepage" href="text/titlepage.xhtml">' "$x/EPUB/nav.xhtml" || fail "titlepage landmark"
grep -q 'Edited by Ana Ortega' "$t/titlepage.xhtml" || fail "title page editors"
grep -q '<li>Karim Haddad</li>' "$t/titlepage.xhtml" || fail "title page contributors"
pass "title page with contents and contributors"
}

# The same articles given on the command line make the same kind of volume.
case_command_line() {
book2="$WORK/cli.epub"
"$OCTAVO" "$fx/first.md" "$fx/second.md" "$fx/third.md" --title "Three Journeys" -o "$book2" -q
check_book "$book2"
unzip -p "$book2" EPUB/package.opf | grepq '<dc:creator id="creator3">Chen Wei</dc:creator>' || fail "CLI volume credits"
unzip -p "$book2" EPUB/package.opf | grepq '<dc:language>en</dc:language>' || fail "most common language"
pass "a volume from the command line"
}

# Links between articles resolve however the articles are named: relative, absolute, or through
# a symbolic link to their folder.
case_mixed_paths() {
ln -s "$fx" "$WORK/fxlink"
book3="$WORK/mixed.epub"
(cd "$fx" && "$OCTAVO" first.md "$fx/second.md" "$WORK/fxlink/third.md" --title "Three Journeys" \
    -o "$book3" 2>"$WORK/stderr3")
unzip -p "$book3" EPUB/text/a001.xhtml | grepq 'href="a002.xhtml#a002-background"' || fail "mixed: link to second.md"
unzip -p "$book3" EPUB/text/a003.xhtml | grepq 'href="a001.xhtml"' || fail "mixed: link from third.md"
! grep -q "points outside the book" "$WORK/stderr3" || fail "mixed: $(cat "$WORK/stderr3")"
pass "links between articles named by relative, absolute and symbolic-link paths"
}

# Without a title, a volume of several articles is a usage error.
case_untitled() {
set +e
"$OCTAVO" "$fx/first.md" "$fx/second.md" -o "$WORK/none.epub" 2>"$WORK/err"
rc=$?
set -e
[ "$rc" = 2 ] || fail "no title: exit $rc"
[ ! -e "$WORK/none.epub" ] || fail "a book was written without a title"
pass "a volume without a title is refused"
}

# Links between the pages of one site: by permalink, Jekyll's {% link %} and {% post_url %}, a
# post's dated path, Hugo's ref; the others to the site with --base-url, else text.
case_site_links() {
mkdir -p site/_docs site/_posts site/content/posts/bundle
printf -- '---\ntitle: Install\npermalink: /docs/installation/\nlang: en\n---\n\nSee [the post]({%% post_url 2019-05-21-hello %%}), [the guide]({%% link _docs/guide.md %%}), [the bundle]({{< ref "posts/bundle" >}}) and [config](/docs/configuration/).\n' >site/_docs/installation.md
printf -- '---\ntitle: Guide\nlang: en\n---\n\nRead [installation](/docs/installation/) first.\n' >site/_docs/guide.md
printf -- '---\ntitle: Hello\nlang: en\n---\n\nSee [install](/docs/installation.html) and [this post](/2019/05/21/hello/).\n' >site/_posts/2019-05-21-hello.md
printf -- '---\ntitle: Bundle\nlang: en\n---\n\nBack to [the guide](/_docs/guide/).\n' >site/content/posts/bundle/index.md
"$OCTAVO" --title Site --base-url https://example.org/ site/_docs/installation.md site/_docs/guide.md \
    site/_posts/2019-05-21-hello.md site/content/posts/bundle/index.md -o site.epub 2>err
check_book site.epub
x=$(unzip -p site.epub EPUB/text/a001.xhtml)
for want in '<a href="a003.xhtml">the post</a>' '<a href="a002.xhtml">the guide</a>' '<a href="a004.xhtml">the bundle</a>' \
    '<a href="https://example.org/docs/configuration/">config</a>'; do
    grep -qF "$want" <<<"$x" || fail "site links: no $want in $x"
done
unzip -p site.epub EPUB/text/a002.xhtml | grep -qF '<a href="a001.xhtml">installation</a>' || fail "site links: permalink"
unzip -p site.epub EPUB/text/a003.xhtml | grep -qF '<a href="a001.xhtml">install</a> and <a href="a003.xhtml">this post</a>' ||
    fail "site links: .html and the post's dated path"
unzip -p site.epub EPUB/text/a004.xhtml | grep -qF '<a href="a002.xhtml">the guide</a>' || fail "site links: a path"
"$OCTAVO" --title Site site/_docs/installation.md site/_docs/guide.md -o site2.epub 2>err
grep -q "link to '/docs/configuration/' removed: no article of the book is published at that path" err ||
    fail "site links: without --base-url: $(cat err)"
unzip -p site2.epub EPUB/text/a001.xhtml | grep -qF '<span>config</span>' || fail "site links: left as text"
pass "site links: permalinks, {% link %}, {% post_url %}, ref, dated posts; --base-url for the rest"
}

run_cases "$@"
