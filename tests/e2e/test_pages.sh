# HTML pages in (src/read/html.cpp): the article taken out of the page, its metadata read from
# it, every book valid. The pages are tests/fixtures/pages/.
source "$(dirname "$0")/lib.sh"
PAGES="$SRC/tests/fixtures/pages"
cd "$WORK"
opf() { unzip -p "$1" EPUB/package.opf; }
doc() { unzip -p "$1" EPUB/text/a001.xhtml; }

# A news page: the article of <main><article>, without the header, nav, cookie banner, share
# box, hidden paragraphs, related links, comments and footer; its structure kept; its metadata
# from JSON-LD's @graph and OpenGraph; its image from news_files/ packed.
case_news() {
"$OCTAVO" -q "$PAGES/news.html" -o news.epub
check_book news.epub
ace news.epub
o=$(opf news.epub)
d=$(doc news.epub)
grep -q '<dc:title id="title">Ferries return to the harbour</dc:title>' <<<"$o" || fail "news: title: $o"
grep -q '>Ada Quay</dc:creator>' <<<"$o" && grep -q '>Ben Pier</dc:creator>' <<<"$o" || fail "news: authors"
grep -q '<dc:date>2024-05-21T07:30:00Z</dc:date>' <<<"$o" || fail "news: date"
grep -q '<dc:publisher>Harbour Gazette</dc:publisher>' <<<"$o" || fail "news: publisher"
grep -q '<dc:language>en-GB</dc:language>' <<<"$o" || fail "news: language"
grep -q '<dc:identifier id="bookid">https://gazette.example/2024/05/ferries</dc:identifier>' <<<"$o" || fail "news: canonical URL"
for kept in 'forty passengers' '<figcaption>The two ferries' '<h2 id="a001-a-long-wait">A long wait</h2>' \
    '<blockquote>' '<li>Weekdays' '<caption>Fares</caption>' '<code>timetable' 'src="../images/a001-1.png"'; do
    grep -qF "$kept" <<<"$d" || fail "news: '$kept' not in the article"
done
for gone in 'Harbour Gazette home' 'Sport' 'cookies' 'Share this story' 'Hidden teaser' 'Also hidden' \
    'Bus fares' 'First comment' 'Copyright' 'tracking' 'color: red'; do
    if grep -qF "$gone" <<<"$d"; then fail "news: '$gone' is in the article"; fi
done
[ "$(grep -o '<h1' <<<"$d" | wc -l)" = 1 ] || fail "news: the title is said twice"
unzip -p news.epub EPUB/nav.xhtml | grepq 'A long wait' || fail "news: the heading is not in the contents"
pass "news: the article, its metadata and its image"
}

# A page in ISO-8859-1, as its <meta http-equiv> says: converted (0x92 as Windows-1252 does);
# the menu and the sidebar left out; <meta name=author|date|keywords> read.
case_charset() {
"$OCTAVO" -q "$PAGES/cafe.htm" -o cafe.epub
check_book cafe.epub
o=$(opf cafe.epub)
d=$(doc cafe.epub)
grep -q '<dc:title id="title">Café notes</dc:title>' <<<"$o" || fail "charset: title: $o"
grep -q '>Zoé Martin</dc:creator>' <<<"$o" || fail "charset: author"
grep -q '<dc:date>2019-05-21</dc:date>' <<<"$o" || fail "charset: date"
grep -q '<dc:subject>cafés</dc:subject>' <<<"$o" || fail "charset: keywords"
grep -qF 'ouvre à six heures' <<<"$d" && grep -qF 'l’on y reste' <<<"$d" || fail "charset: text not converted: $d"
if grep -qE 'About|Archives' <<<"$d"; then fail "charset: the menu or the sidebar is in the article"; fi
pass "charset: ISO-8859-1 read as Windows-1252"
}

# A clean page (XHTML, a CMS's export): the article is its body; --whole-page keeps the nav too.
# The metadata's URL in article:author is no name: <meta name=author> is.
case_whole_page() {
"$OCTAVO" -q "$PAGES/clean.xhtml" -o clean.epub
check_book clean.epub
grep -q '>Camille Durand</dc:creator>' <<<"$(opf clean.epub)" || fail "whole-page: author"
if doc clean.epub | grepq Sommaire; then fail "whole-page: nav kept without --whole-page"; fi
"$OCTAVO" -q --whole-page "$PAGES/clean.xhtml" -o whole.epub
check_book whole.epub
doc whole.epub | grepq Sommaire || fail "whole-page: nav left out with --whole-page"
pass "whole-page: the body, all of it"
}

# Standard input and a file of another name are pages with --from html; without it, Markdown.
case_from_html() {
cp "$PAGES/clean.xhtml" page.txt
"$OCTAVO" -q --from html page.txt -o from.epub
check_book from.epub
grep -q '<dc:title id="title">Une page propre</dc:title>' <<<"$(opf from.epub)" || fail "from-html: file not read as HTML"
"$OCTAVO" -q --from html - -o stdin.epub <"$PAGES/news.html"
check_book stdin.epub
grep -q '<dc:title id="title">Ferries return to the harbour</dc:title>' <<<"$(opf stdin.epub)" || fail "from-html: stdin"
rc=0
"$OCTAVO" -q --from pdf page.txt -o bad.epub 2>err || rc=$?
[ "$rc" = 2 ] || fail "from-html: --from pdf accepted"
pass "from-html: --from html reads any file, and standard input, as a page"
}

# What the command line says wins over what the page says.
case_overrides() {
"$OCTAVO" -q "$PAGES/news.html" --title "Ferries" --author "C. Editor" -M publisher=Other --lang en-US -o over.epub
check_book over.epub
o=$(opf over.epub)
grep -q '<dc:title id="title">Ferries</dc:title>' <<<"$o" || fail "overrides: title"
grep -q '>C. Editor</dc:creator>' <<<"$o" || fail "overrides: author"
if grep -q 'Ada Quay' <<<"$o"; then fail "overrides: the page's author kept"; fi
grep -q '<dc:publisher>Other</dc:publisher>' <<<"$o" || fail "overrides: publisher"
grep -q '<dc:language>en-US</dc:language>' <<<"$o" || fail "overrides: language"
pass "overrides: the options win"
}

# A page and a Markdown article in one volume, each with its own byline.
case_volume() {
printf -- '---\ntitle: Notes\nauthor: Dee Writer\nlang: en\n---\n\nA note.\n' >notes.md
"$OCTAVO" -q "$PAGES/news.html" notes.md --title "Reading list" -o volume.epub
check_book volume.epub
unzip -p volume.epub 'EPUB/text/a001*.xhtml' | grepq 'Ada Quay' || fail "volume: the page's byline"
unzip -p volume.epub 'EPUB/text/a002*.xhtml' | grepq 'Dee Writer' || fail "volume: the article's byline"
pass "volume: a page among articles"
}

run_cases "$@"
