# Feeds in (src/read/feed.cpp): Atom, RSS 2.0, RSS 0.91, RSS 1.0 (RDF), JSON Feed, each entry an
# article with its own title, byline and date; one book per feed, or several feeds (and other
# articles) in one, each feed a section of the contents. The feeds are tests/fixtures/feeds/.
source "$(dirname "$0")/lib.sh"
FEEDS="$SRC/tests/fixtures/feeds"
cd "$WORK"
opf() { unzip -p "$1" EPUB/package.opf; }
nav() { unzip -p "$1" EPUB/nav.xhtml; }
ncx() { unzip -p "$1" EPUB/toc.ncx; }
doc() { unzip -p "$1" "EPUB/text/$2.xhtml"; }
# The titles of the nav's entries, one a line, in order.
nav_titles() { nav "$1" | grep -o '<a href="text/a[0-9]*\.xhtml"[^>]*>[^<]*' | sed 's/.*>//'; }
# in_order TEXT LINE...: the lines are found in TEXT in that order.
in_order() {
    local text=$1 at=0 line n
    shift
    for line in "$@"; do
        n=$(grep -nF -- "$line" <<<"$text" | head -n1 | cut -d: -f1)
        [ -n "$n" ] || return 1
        [ "$n" -gt "$at" ] || return 1
        at=$n
    done
}

# Atom: html, xhtml and text content, a summary alone; xml:base nested (the feed's, then the
# content's) resolves relative links; titles given as HTML read as their text; the feed's
# title, subtitle, author, language and rights the book's.
case_atom() {
"$OCTAVO" -q "$FEEDS/atom.xml" -o atom.epub
check_book atom.epub
ace atom.epub
o=$(opf atom.epub)
grep -q '<dc:title id="title">The Harbour Log</dc:title>' <<<"$o" || fail "atom: book title: $o"
grep -q '>Mira Holm</dc:creator>' <<<"$o" || fail "atom: the feed's author"
grep -q '<dc:language>en</dc:language>' <<<"$o" || fail "atom: language"
grep -q '<dc:rights>© 2024 Mira Holm</dc:rights>' <<<"$o" || fail "atom: rights"
unzip -p atom.epub EPUB/text/titlepage.xhtml | grepq 'Notes from a small port' || fail "atom: subtitle"
t=$(nav_titles atom.epub)
in_order "$t" 'Tides &amp; timetables' 'A pier in xhtml' 'Plain words &lt;not a tag&gt;' 'Summary only' ||
    fail "atom: nav order: $t"
d=$(doc atom.epub a001)
grep -qF '<span class="author">Mira Holm</span>' <<<"$d" || fail "atom: entry byline (the feed's)"
grep -qF '<time datetime="2024-12-03T08:30:00+01:00">3 December 2024</time>' <<<"$d" || fail "atom: published date"
grep -qF 'href="https://blog.example.org/posts/charts.html"' <<<"$d" || fail "atom: nested xml:base: $d"
grep -qF 'href="#notes"' <<<"$d" || fail "atom: a fragment link resolved away"
grep -qF 'The spring tide came in at dawn' <<<"$d" || fail "atom: text"
d=$(doc atom.epub a002)
grep -qF '<span class="author">Jon Aas</span>' <<<"$d" || fail "atom: the entry's own author"
grep -qF 'href="https://images.example.org/2024/pier-large.jpg"' <<<"$d" || fail "atom: xhtml content's xml:base"
grep -qF 'rebuilt with <em>oak</em> beams' <<<"$d" || fail "atom: xhtml content"
grep -qF '2 December 2024' <<<"$d" || fail "atom: the updated date when none is published"
d=$(doc atom.epub a003)
grep -qF '<p>First paragraph of plain text, with a &lt;tag&gt; that stays text.</p><p>Second paragraph' <<<"$d" ||
    fail "atom: text content as paragraphs: $d"
doc atom.epub a004 | grepq 'Only a summary of the fishing report' || fail "atom: the summary when there is no content"
pass "atom: html, xhtml, text and summary, xml:base, the feed's metadata"
}

# RSS 2.0: content:encoded before description, dc:creator and author ("mail (Name)"), dates in
# RFC 822 with zones (+0000, EST, +0530, -0800), categories as subjects, a duplicate guid once.
case_rss2() {
"$OCTAVO" -q "$FEEDS/rss2.xml" -o rss2.epub
check_book rss2.epub
t=$(nav_titles rss2.epub)
in_order "$t" 'Bridge reopens after repairs — Ada Brook' 'Market moves to the square — Ben Carter' \
    'Choir sings in the old mill — Ada Brook' 'Library winter hours' || fail "rss2: nav order: $t"
if grep -q 'again in the feed' <<<"$t"; then fail "rss2: the duplicate entry kept"; fi
[ "$(grep -c . <<<"$t")" = 4 ] || fail "rss2: $(grep -c . <<<"$t") entries, expected 4"
d=$(doc rss2.epub a001)
grep -qF 'reopened on Tuesday after six months' <<<"$d" || fail "rss2: content:encoded"
if grep -qF 'The bridge is open again' <<<"$d"; then fail "rss2: the description beside content:encoded"; fi
grep -qF 'datetime="2024-12-03T10:00:00Z"' <<<"$d" || fail "rss2: +0000"
grep -qF 'datetime="2024-12-02T09:30:00-05:00"' <<<"$(doc rss2.epub a002)" || fail "rss2: EST"
grep -qF 'datetime="2024-11-29T19:45:00+05:30"' <<<"$(doc rss2.epub a003)" || fail "rss2: +0530"
grep -qF 'datetime="2024-11-25T08:00:00-08:00"' <<<"$(doc rss2.epub a004)" || fail "rss2: -0800"
grep -qF 'Saturday market moves to the church square' <<<"$(doc rss2.epub a002)" || fail "rss2: escaped HTML description"
o=$(opf rss2.epub)
grep -q '<dc:language>en-GB</dc:language>' <<<"$o" || fail "rss2: language"
grep -q '<dc:publisher>Valley Gazette</dc:publisher>' <<<"$o" || fail "rss2: publisher"
pass "rss2: content:encoded, creators, RFC 822 zones, duplicates once"
}

# RSS 0.91 in ISO-8859-1, told from its content under a name without an extension; RSS 1.0
# (RDF) with Dublin Core; JSON Feed 1.1 with content_html and content_text, saved as .feed.
case_other_formats() {
cp "$FEEDS/rss091.xml" station
"$OCTAVO" -q station -o rss091.epub
check_book rss091.epub
d=$(doc rss091.epub a002)
grep -qF 'Le café de la gare rouvre ses portes après les travaux' <<<"$d" || fail "rss091: Latin-1 text: $d"
grep -q '<dc:language>fr</dc:language>' <<<"$(opf rss091.epub)" || fail "rss091: language"
"$OCTAVO" -q "$FEEDS/rdf.rdf" -o rdf.epub
check_book rdf.epub
t=$(nav_titles rdf.epub)
in_order "$t" 'Growing crystals — Dr. Lena Fischer' 'Measuring rainfall — Sam Okafor' || fail "rdf: nav: $t"
grep -qF 'datetime="2024-11-20T14:00:00+01:00"' <<<"$(doc rdf.epub a001)" || fail "rdf: dc:date"
grep -q '<dc:publisher>Example University</dc:publisher>' <<<"$(opf rdf.epub)" || fail "rdf: dc:publisher"
cp "$FEEDS/json.json" kitchen.feed
"$OCTAVO" -q kitchen.feed -o json.epub
check_book json.epub
ace json.epub
t=$(nav_titles json.epub)
in_order "$t" 'Rye bread for beginners — Rosa Lind' 'Winter soup — Tom Lind' || fail "json: nav: $t"
grep -qF 'never builds a gluten web' <<<"$(doc json.epub a001)" || fail "json: content_html"
grep -qF '<p>Leeks, potatoes and a little butter.</p><p>Cook slowly for an hour.</p>' <<<"$(doc json.epub a002)" ||
    fail "json: content_text"
pass "other formats: RSS 0.91, RSS 1.0, JSON Feed, told by content"
}

# Another language and script: a Japanese Atom feed, an Arabic RSS feed (right to left).
case_languages() {
"$OCTAVO" -q "$FEEDS/japanese.xml" -o ja.epub
check_book ja.epub
ace ja.epub
grep -q '<dc:language>ja</dc:language>' <<<"$(opf ja.epub)" || fail "ja: language"
in_order "$(nav_titles ja.epub)" '初雪の朝' '紅葉の終わり' || fail "ja: nav"
grep -qF '今朝、山に初雪が降りました' <<<"$(doc ja.epub a001)" || fail "ja: text"
"$OCTAVO" -q "$FEEDS/arabic.xml" -o ar.epub
check_book ar.epub
ace ar.epub
o=$(opf ar.epub)
grep -q '<dc:language>ar</dc:language>' <<<"$o" || fail "ar: language"
grep -q 'page-progression-direction="rtl"' <<<"$o" || fail "ar: right to left"
d=$(doc ar.epub a001)
grep -qF 'سارة أحمد' <<<"$d" && grep -qF 'dir="rtl"' <<<"$d" || fail "ar: byline or direction: $d"
pass "languages: Japanese and Arabic feeds"
}

# --since, --max-articles and --oldest-first choose and order the entries.
case_selection() {
"$OCTAVO" -q "$FEEDS/rss2.xml" --since 2024-12-01 -o since.epub
check_book since.epub
t=$(nav_titles since.epub)
[ "$(grep -c . <<<"$t")" = 2 ] && grep -q 'Bridge reopens' <<<"$t" && grep -q 'Market moves' <<<"$t" ||
    fail "since: $t"
"$OCTAVO" -q "$FEEDS/rss2.xml" --max-articles 2 -o max.epub
check_book max.epub
t=$(nav_titles max.epub)
[ "$(grep -c . <<<"$t")" = 2 ] && in_order "$t" 'Bridge reopens' 'Market moves' || fail "max-articles: $t"
"$OCTAVO" -q "$FEEDS/rss2.xml" --oldest-first -o oldest.epub
check_book oldest.epub
in_order "$(nav_titles oldest.epub)" 'Library winter hours' 'Choir sings' 'Market moves' 'Bridge reopens' ||
    fail "oldest-first: $(nav_titles oldest.epub)"
rc=0
"$OCTAVO" -q "$FEEDS/rss2.xml" --since 'next tuesday' -o bad.epub 2>err || rc=$?
[ "$rc" = 2 ] && grep -q -- '--since' err || fail "since: a bad date accepted ($rc)"
rc=0
"$OCTAVO" -q "$FEEDS/rss2.xml" --since 2030-01-01 -o none.epub 2>err || rc=$?
[ "$rc" = 1 ] && [ ! -e none.epub ] || fail "since: no entry left, yet exit $rc"
pass "selection: --since, --max-articles, --oldest-first"
}

# Two feeds and a Markdown article in one book: a section per feed in nav and NCX (feed ->
# entry -> its headings), the article beside them, each entry's byline, date and language its
# own; an entry in both feeds once.
case_several() {
cp "$FEEDS/rss2.xml" again.xml
"$OCTAVO" -q "$FEEDS/rss2.xml" "$FEEDS/japanese.xml" "$SRC/tests/fixtures/volume/first.md" again.xml \
    --title "Week 49" -o week.epub
check_book week.epub
ace week.epub
n=$(nav week.epub)
in_order "$(sed 's/<li>/\n<li>/g' <<<"$n")" '>Valley Gazette</a><ol>' '>Bridge reopens after repairs — Ada Brook</a><ol>' \
    '#a001-traffic">Traffic</a>' '>Library winter hours</a>' '>山の便り</a><ol>' '>初雪の朝' '>紅葉の終わり' ||
    fail "several: nav sections: $n"
[ "$(grep -o '>Valley Gazette<' <<<"$n" | wc -l)" = 1 ] || fail "several: the second copy of the feed made a section"
[ "$(grep -o 'Bridge reopens after repairs' <<<"$n" | wc -l)" = 1 ] || fail "several: an entry twice"
x=$(ncx week.epub)
grep -q '<text>Valley Gazette</text>' <<<"$x" && grep -q '<text>山の便り</text>' <<<"$x" || fail "several: NCX sections"
grep -q '<dc:title id="title">Week 49</dc:title>' <<<"$(opf week.epub)" || fail "several: title"
ja=$(nav_titles week.epub | grep -n '初雪の朝' | cut -d: -f1)
d=$(unzip -p week.epub "EPUB/text/a00$((ja - 1)).xhtml" 2>/dev/null || true)
[ -n "$d" ] || d=$(unzip -p week.epub 'EPUB/text/a*.xhtml' | grep -F '初雪の朝')
grep -qF 'lang="ja"' <<<"$d" && grep -qF '山田花子' <<<"$d" || fail "several: the Japanese entry's language and byline"
unzip -p week.epub 'EPUB/text/a*.xhtml' | grepq 'Valley Gazette</span>' || fail "several: the feed named in the dateline"
pass "several: two feeds and an article, a section each"
}

# A saved feed's logo beside it is the book's cover; an icon that is no PNG or JPEG (a favicon)
# is not, and the cover is drawn.
case_logo() {
mkdir -p saved
cp "$SRC/tests/fixtures/html/ferries.png" saved/logo.png
printf 'not an image' >saved/favicon.ico
sed 's|<rights>|<logo>logo.png</logo><rights>|' "$FEEDS/atom.xml" >saved/logo.atom
"$OCTAVO" -q saved/logo.atom -o logo.epub
check_book logo.epub
cmp <(unzip -p logo.epub EPUB/images/cover.png) saved/logo.png || fail "logo: the logo is not the cover"
sed 's|<rights>|<icon>favicon.ico</icon><rights>|' "$FEEDS/atom.xml" >saved/icon.atom
"$OCTAVO" -q saved/icon.atom -o icon.epub
check_book icon.epub
unzip -Z1 icon.epub | grepq 'cover' || fail "icon: no cover drawn"
pass "logo: a local logo is the cover, a favicon is not"
}

run_cases "$@"
