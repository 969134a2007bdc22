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

# The images of a page (tests/fixtures/pages/gallery.html, its PNGs made here): srcset's largest
# candidate under the size limit that is in the saved page's folder; <picture>'s PNG fallback
# before its WebP source; data-src before a placeholder; a <noscript>'s image when no <img>
# shows it, and once when one does; a data: URI; WebP converted; a large image scaled; tracking
# pixels (declared 1x1, or decoded 1x1) and the site's logo left out; captions kept.
gallery() { # copies the page beside its images, made with python3
    cp -r "$PAGES/gallery.html" "$PAGES/gallery_files" .
    python3 - <<'PY'
import struct, zlib
def png(path, w, h, rgb):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = b''.join(b'\x00' + bytes(rgb) * w for _ in range(h))
    open(path, 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0))
                           + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b''))
for name, w, h, c in [('small', 20, 10, 1), ('medium', 40, 20, 2), ('fallback', 30, 20, 3),
                      ('real', 31, 20, 4), ('storm', 32, 20, 5), ('wall', 33, 20, 6), ('beacon', 1, 1, 7),
                      ('logo', 24, 24, 8), ('blank', 1, 1, 9), ('large', 2600, 2000, 10)]:
    png('gallery_files/%s.png' % name, w, h, (c * 20, 100, 200 - c * 10))
import shutil
shutil.move('gallery_files/blank.png', 'gallery_files/blank.gif')
PY
}
# Width and height of an image in a book, from its PNG or JPEG header.
size_of() {
    unzip -p "$1" "EPUB/$2" | python3 -c '
import struct, sys
d = sys.stdin.buffer.read()
if d[:4] == b"\x89PNG":
    print("%dx%d" % struct.unpack(">II", d[16:24]))
else:
    i = 2
    while i < len(d):
        m, n = d[i + 1], struct.unpack(">H", d[i + 2:i + 4])[0]
        if 0xC0 <= m <= 0xCF and m not in (0xC4, 0xC8, 0xCC):
            h, w = struct.unpack(">HH", d[i + 5:i + 9]); print("%dx%d" % (w, h)); break
        i += 2 + n'
}
case_images() {
gallery
"$OCTAVO" gallery.html -o gallery.epub 2>err.txt || fail "images: $(cat err.txt)"
check_book gallery.epub
ace gallery.epub
d=$(doc gallery.epub)
imgs=$(grep -o '<img [^>]*>' <<<"$d")
[ "$(wc -l <<<"$imgs")" = 8 ] || fail "images: not 8 images: $imgs"
for alt in 'The quay at dawn' 'The ferries repainted' 'Sailing boats' 'The storm' 'The wall' \
    'The plan' 'The harbour in WebP' 'The whole bay'; do
    grep -qF "alt=\"$alt\"" <<<"$imgs" || fail "images: '$alt' missing: $imgs"
done
if grep -qF 'The wall, again' <<<"$imgs"; then fail "images: the noscript's copy is kept too"; fi
if grep -qF 'logo' <<<"$d"; then fail "images: the site's logo is in the article"; fi
src() { grep -F "alt=\"$1\"" <<<"$imgs" | sed 's/.*src="..\/\([^"]*\)".*/\1/'; }
[ "$(size_of gallery.epub "$(src 'The quay at dawn')")" = 40x20 ] || fail "images: srcset: not medium.png"
[ "$(size_of gallery.epub "$(src 'The ferries repainted')")" = 30x20 ] || fail "images: picture: not the PNG fallback"
[ "$(size_of gallery.epub "$(src 'Sailing boats')")" = 31x20 ] || fail "images: data-src"
[ "$(size_of gallery.epub "$(src 'The storm')")" = 32x20 ] || fail "images: noscript"
[ "$(size_of gallery.epub "$(src 'The plan')")" = 4x3 ] || fail "images: data: URI"
webp=$(src 'The harbour in WebP')
[[ "$webp" == *.jpg ]] && [ "$(size_of gallery.epub "$webp")" = 16x12 ] || fail "images: WebP not converted: $webp"
large=$(size_of gallery.epub "$(src 'The whole bay')")
[ "$large" = 2335x1796 ] || fail "images: the large image is $large, not 4 megapixels"
grepq 'media-type="image/jpeg"' < <(opf gallery.epub) || fail "images: no JPEG in the manifest"
if opf gallery.epub | grepq 'webp'; then fail "images: WebP in the manifest"; fi
grep -qF 'beacon.png' err.txt && grep -qF 'tracking pixel (1x1)' err.txt || fail "images: the decoded pixel: $(cat err.txt)"
if grep -qF 'pixel.gif' err.txt; then fail "images: the declared pixel was looked at"; fi
for c in 'The quay at dawn, from the srcset.' 'Only in a noscript.' 'WebP only, converted.'; do
    grep -qF "<figcaption>$c</figcaption>" <<<"$d" || fail "images: caption '$c'"
done
"$OCTAVO" -q gallery.html -o again.epub
cmp -s gallery.epub again.epub || fail "images: two runs made different books"
pass "images: srcset, picture, lazy, noscript, data:, WebP, a large image, tracking pixels"
}

# Markdown's images go the same way: AVIF, TIFF and lossless WebP converted (to PNG where the
# format is lossless or has alpha, else JPEG), the same bytes every run.
case_markdown_images() {
cp "$SRC"/tests/fixtures/images/* .
printf -- '---\ntitle: Formats\nlang: en\n---\n\nText.\n\n![AVIF](photo.avif)\n\n![TIFF](scan.tif)\n\n![WebP](harbour.webp)\n' >formats.md
"$OCTAVO" -q formats.md -o formats.epub
check_book formats.epub
l=$(unzip -l formats.epub)
grep -q 'images/a001-1.jpg' <<<"$l" && grep -q 'images/a001-2.jpg' <<<"$l" && grep -q 'images/a001-3.png' <<<"$l" ||
    fail "markdown images: $l"
"$OCTAVO" -q formats.md -o again.epub
cmp -s formats.epub again.epub || fail "markdown images: two runs made different books"
pass "markdown images: AVIF, TIFF and WebP converted"
}

run_cases "$@"
