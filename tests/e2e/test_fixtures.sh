# Fixtures through the CLI: every Markdown feature, plain text, metadata from a file and the
# command line; each book passes every validator.
source "$(dirname "$0")/lib.sh"
F="$SRC/tests/fixtures"

case_features() {
"$OCTAVO" "$F/features.md" -o "$WORK/features.epub"
validate "$WORK/features.epub"
opf=$(unzip -p "$WORK/features.epub" EPUB/package.opf)
grep -q '<dc:creator id="creator1">Jane Doe</dc:creator>' <<<"$opf" || fail "first author"
grep -q '<meta refines="#creator2" property="role" scheme="marc:relators">trl</meta>' <<<"$opf" || fail "translator role"
grep -q '<dc:title id="title">Features &amp; &lt;Edge&gt; Cases</dc:title>' <<<"$opf" || fail "escaped title"
x=$(unzip -p "$WORK/features.epub" EPUB/text/a001.xhtml)
grep -q '“quotes”' <<<"$x" || fail "curly quotes"
grep -q '<table>' <<<"$x" || fail "table"
[ "$(grep -o 'epub:type="footnote"' <<<"$x" | wc -l)" = 3 ] || fail "three footnotes"
# The inline note is the third, after the two labelled ones referenced before it.
grep -q 'one.<a id="a001-fnref3" href="#a001-fn3"' <<<"$x" || fail "inline note reference"
grep -q '<del>struck</del>' <<<"$x" || fail "strikethrough after an inline note"
grep -qE '<aside id="a001-fn3" [^>]*><p><a href="#a001-fnref3" [^>]*>3\.</a> Pandoc’s inline note, with <a href="https://example.org/inline">' <<<"$x" ||
    fail "inline note text"
pass "features: creators, roles, escaping, quotes, table, notes (inline too)"
}

# Raw HTML as blogs have it: kept where it is safe, valid, and read well by Ace.
case_raw_html() {
"$OCTAVO" "$F/html/raw-html.md" -o "$WORK/raw-html.epub" 2>"$WORK/err"
validate "$WORK/raw-html.epub"
ace "$WORK/raw-html.epub"
x=$(unzip -p "$WORK/raw-html.epub" EPUB/text/a001.xhtml)
for want in 'H<sub>2</sub>O' 'mc<sup>2</sup>' '<kbd>Ctrl</kbd>' '<abbr title="HyperText Markup Language">HTML</abbr>' \
    '<span lang="fr">mot juste</span>' 'line<br/>break' '<figcaption>The harbour' 'alt="Ferries in the harbour at night" width="640"' \
    '<caption>Requests per second</caption>' '<th scope="col" colspan="2">Throughput</th>' '<td rowspan="2">two</td>' \
    '<div class="note"><p><strong>Note.</strong>' '<summary>How this was measured</summary>' '<dt>Latency</dt><dd>' \
    '<a href="https://www.youtube.com/embed/dQw4w9WgXcQ">The talk this post follows</a>' \
    '<a href="https://example.org/demo.mp4">https://example.org/demo.mp4</a>' '<p>A centred paragraph, <b>bold</b>'; do
    grep -qF "$want" <<<"$x" || fail "raw HTML: no $want"
done
grep -q ' style=\| align=' <<<"$x" && fail "raw HTML: a style or an align attribute kept"
grep -q '&lt;' <<<"$x" && fail "raw HTML shown as text"
grepq -F 'images/a001-1.png' <<<"$(unzip -l "$WORK/raw-html.epub")" || fail "raw HTML: the figure's image not packed"
pass "raw HTML: sub, sup, kbd, abbr, figure, table with spans, div with Markdown, details, dl, frames and video as links"
}

# Liquid and Hugo shortcodes as the site generator reads them; no template code left as text.
case_templates() {
"$OCTAVO" "$F/templates/2019-05-21-jekyll-post.md" -o "$WORK/jekyll.epub" 2>"$WORK/err"
validate "$WORK/jekyll.epub"
x=$(unzip -p "$WORK/jekyll.epub" EPUB/text/a001.xhtml)
grep -qF 'This post is A Jekyll Post, from , by Ann Author.' <<<"$x" || fail "Liquid: variables and if"
grep -qF '<pre><code class="language-ruby">def harbour' <<<"$x" || fail "Liquid: highlight"
grep -qF '<code class="language-liquid">{% for post in site.posts %}{{ post.title }}{% endfor %}' <<<"$x" || fail "Liquid: raw in code"
grep -qF '<code>{{ page.title }}</code>' <<<"$x" || fail "Liquid: raw in a code span"
grep -q 'editors\|{%\|{{' <<<"$(perl -0777 -pe 's{<(pre|code)\b.*?</\1>}{}gs' <<<"$x")" && fail "Liquid: template code left"
grep -q 'footer.html\|{% include %}' "$WORK/err" || fail "Liquid: the include not reported"
grep -qF 'Ferries run again since version 2.1, said the port.' <<<"$x" || fail "Liquid: an include's text"
grep -qF '<p>The timetable changes in May.</p>' <<<"$x" || fail "Liquid: an include's content as a paragraph"
"$OCTAVO" "$F/templates/hugo-post.md" -o "$WORK/hugo.epub" 2>"$WORK/err"
validate "$WORK/hugo.epub"
ace "$WORK/hugo.epub"
x=$(unzip -p "$WORK/hugo.epub" EPUB/text/a001.xhtml)
grep -qF '<figcaption>The harbour at night</figcaption>' <<<"$x" || fail "Hugo: figure"
grep -qF 'alt="Ferries at night"' <<<"$x" || fail "Hugo: figure alt"
grep -qF '<pre><code class="language-go">func main()' <<<"$x" || fail "Hugo: highlight"
grep -qF '<strong>Tip:</strong> the title is A Hugo Post.' <<<"$x" || fail "Hugo: paired shortcode, param"
grep -qF '<summary>How it was made</summary>' <<<"$x" || fail "Hugo: details"
grep -qF 'href="https://www.youtube.com/watch?v=dQw4w9WgXcQ"' <<<"$x" || fail "Hugo: youtube"
grep -qF '{{&lt; figure src="x.png" &gt;}}' <<<"$x" || fail "Hugo: escaped shortcode in code"
pass "templates: Liquid and Hugo shortcodes read, code kept, nothing left as text"
}

case_plain_text() {
"$OCTAVO" "$F/plain.txt" -o "$WORK/plain.epub"
validate "$WORK/plain.epub"
x=$(unzip -p "$WORK/plain.epub" EPUB/text/a001.xhtml)
grep -q '<h1 id="a001-title">A plain-text article with a title on two lines</h1>' <<<"$x" || fail "text title"
grep -q '<p>Its first paragraph runs over three lines and joins into one.</p>' <<<"$x" || fail "joined lines"
grep -q '\*markup\*: &lt;b&gt;tags&lt;/b&gt; and \[links\](x) stay text, &amp; so do' <<<"$x" || fail "text is not markup"
pass "plain text: title, joined lines, no markup"
}

case_metadata_precedence() {
"$OCTAVO" "$F/plain.txt" --metadata-file "$F/meta.yaml" --title "Title from the command line" \
    --author "C. L. Author" --date 2020-01-02 -o "$WORK/meta.epub"
check_book "$WORK/meta.epub"
opf=$(unzip -p "$WORK/meta.epub" EPUB/package.opf)
grep -q '<dc:title id="title">Title from the command line</dc:title>' <<<"$opf" || fail "--title wins"
grep -q '<dc:publisher>Metadata File Press</dc:publisher>' <<<"$opf" || fail "metadata file publisher"
grep -q '<dc:language>fr</dc:language>' <<<"$opf" || fail "metadata file lang"
grep -q '<dc:creator id="creator1">C. L. Author</dc:creator>' <<<"$opf" || fail "--author"
grep -q '<dc:date>2020-01-02</dc:date>' <<<"$opf" || fail "--date"
pass "command line over metadata file over front matter"
}
# One value per --author: the input after the last one is an input, not a third author (it was,
# and octavo said "an article to package is required").
case_author_before_input() {
"$OCTAVO" --author "C. L. Author" --author "D. Writer" "$F/plain.txt" -o "$WORK/authors.epub"
opf=$(unzip -p "$WORK/authors.epub" EPUB/package.opf)
grep -q '<dc:creator id="creator2">D. Writer</dc:creator>' <<<"$opf" && ! grep -q creator3 <<<"$opf" ||
    fail "--author before the input: $(grep creator <<<"$opf")"
pass "--author before the input: two authors, and the input read"
}
# -M KEY=VALUE, as pandoc's: over the metadata file, under --title; a key again makes a list.
case_metadata_option() {
"$OCTAVO" "$F/plain.txt" --metadata-file "$F/meta.yaml" -M publisher='Press: "Two"' -M author=A \
    -M subject=x -M author=B --metadata title=Dropped --title Kept -o "$WORK/m.epub" 2>"$WORK/err"
check_book "$WORK/m.epub"
opf=$(unzip -p "$WORK/m.epub" EPUB/package.opf)
grep -q '<dc:publisher>Press: "Two"</dc:publisher>' <<<"$opf" || fail "-M publisher: $(grep publisher <<<"$opf")"
grep -q '<dc:creator id="creator2">B</dc:creator>' <<<"$opf" || fail "-M author twice"
grep -q '<dc:title id="title">Kept</dc:title>' <<<"$opf" || fail "--title over -M title"
grep -q '<dc:language>fr</dc:language>' <<<"$opf" || fail "the metadata file's lang"
[ ! -s "$WORK/err" ] || fail "-M: $(cat "$WORK/err")"
rc=0
"$OCTAVO" "$F/plain.txt" -M title -o "$WORK/m2.epub" 2>"$WORK/err" || rc=$?
[ "$rc" = 2 ] && grep -q "^octavo: -M title: give KEY=VALUE" "$WORK/err" || fail "-M without =: exit $rc $(cat "$WORK/err")"
"$OCTAVO" "$F/plain.txt" -M titel=x -o "$WORK/m3.epub" 2>"$WORK/err"
grep -q "^octavo: warning: command line: -M titel: not a key octavo uses" "$WORK/err" || fail "-M titel: $(cat "$WORK/err")"
pass "-M KEY=VALUE: over the metadata file, under --title, repeated keys make lists, unknown keys warned about"
}

# Pandoc's and GitHub's syntax: definition lists, each alert, nested fenced divs, superscript and
# subscript; alerts labelled in the article's language.
case_pandoc_syntax() {
"$OCTAVO" "$F/syntax/syntax.md" -o "$WORK/syntax.epub"
validate "$WORK/syntax.epub"
ace "$WORK/syntax.epub"
x=$(unzip -p "$WORK/syntax.epub" EPUB/text/a001.xhtml)
for want in 'H<sub>2</sub>O' '2<sup>10</sup>' '<del>this</del>' '<dl><dt>Glossary</dt><dd>The words a book explains.</dd>' \
    '<dt>Apple</dt><dd>A fruit.</dd></dl>' '<aside class="alert note" role="note"><p class="alert-title">Note</p>' \
    '<p class="alert-title">Tip</p>' '<p class="alert-title">Important</p>' '<p class="alert-title">Warning</p>' \
    '<p class="alert-title">Caution</p>' '<div id="a001-aside-one" class="sidebar">' \
    '<div class="inner" lang="fr" xml:lang="fr"><p>Une division' '<a href="#a001-aside-one">the fenced div</a>'; do
    grep -qF "$want" <<<"$x" || fail "pandoc syntax: no $want"
done
grep -qF '[!' <<<"$x" && fail "pandoc syntax: an alert marker left as text"
grep -qF ':::' <<<"$x" && fail "pandoc syntax: a fence left as text"
"$OCTAVO" "$F/syntax/alerts-fr.md" -o "$WORK/alerts-fr.epub"
validate "$WORK/alerts-fr.epub"
x=$(unzip -p "$WORK/alerts-fr.epub" EPUB/text/a001.xhtml)
grep -qF '<p class="alert-title">Remarque</p>' <<<"$x" || fail "alerts in French: Remarque"
grep -qF '<p class="alert-title">Avertissement</p>' <<<"$x" || fail "alerts in French: Avertissement"
pass "pandoc syntax: definition lists, alerts, fenced divs, superscript and subscript"
}

# Images from around a Jekyll site: site-absolute paths against the root _config.yml marks,
# relative ones that stay in it, the resource path, and a missing image that keeps its alt text.
case_site_images() {
mkdir -p "$WORK/site/_posts/2024" "$WORK/site/images" "$WORK/shared"
: >"$WORK/site/_config.yml"
cp "$F/site/post.md" "$WORK/site/_posts/2024/post.md"
cp "$F/rich/ferries.png" "$WORK/site/images/ferries.png"
cp "$F/rich/ferries.png" "$WORK/shared/lights.png"
"$OCTAVO" "$WORK/site/_posts/2024/post.md" --resource-path "$WORK/shared" -o "$WORK/site-images.epub" 2>"$WORK/err"
validate "$WORK/site-images.epub"
ace "$WORK/site-images.epub"
grep -q "post\.md:20: image 'lighthouse\.png': cannot read: No such file or directory; its alt text is kept" "$WORK/err" ||
    fail "site images: no warning for the missing image: $(cat "$WORK/err")"
x=$(unzip -p "$WORK/site-images.epub" EPUB/text/a001.xhtml)
[ "$(grep -o '<img ' <<<"$x" | wc -l)" = 3 ] || fail "site images: three images expected"
grep -qF '<p>A picture of the lighthouse</p>' <<<"$x" || fail "site images: the alt text of the missing image"
[ "$(unzip -Z1 "$WORK/site-images.epub" | grep -c '^EPUB/images/a001-')" = 2 ] || fail "site images: two files (one packed once)"
pass "site images: site root from _config.yml, resource path, missing image kept as its alt text"
}

run_cases "$@"
