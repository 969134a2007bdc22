# Catalogue of bad inputs, HTML pages (tests/hostile/README.md): each a valid book with nothing
# active in it, or a clear refusal.
source "$(dirname "$0")/hostile_lib.sh"
para='<p>A paragraph of the article, long enough to be one, with commas, words, and a full stop.</p>'

# Script, event handlers, javascript: links, frames, forms, SVG with script, styles: everywhere.
case_script_everywhere() {
{
    printf '<html onload="x()"><head><title>Active</title><script>alert(1)</script>'
    printf '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"></head>'
    printf '<body onload="alert(2)"><div onclick="alert(3)" style="background:url(javascript:alert(4))">'
    for i in 1 2 3 4 5 6; do
        printf '<p onmouseover="alert(5)">%s <a href="javascript:alert(6)">link</a> <a href=" JaVaScRiPt:alert(7)">two</a></p>' "$para"
        printf '<script>document.write("<p>written</p>")</script><iframe src="https://evil.example/"></iframe>'
        printf '<form action="https://evil.example/"><input name="q"><button>Go</button></form>'
        printf '<svg onload="alert(8)"><script>alert(9)</script></svg><object data="x.swf"></object>'
        printf '<img src="x.png" onerror="alert(10)" alt="an image"><style>p{}</style>'
        printf '<math><mi>x</mi><maction actiontype="statusline" xlink:href="javascript:alert(11)">y</maction></math>'
    done
    printf '</div></body></html>'
} >active.html
book script-everywhere '' active.html
no_script script-everywhere.epub
if xhtml script-everywhere.epub | grepq -i 'javascript\|alert\|written'; then fail "script-everywhere: something active kept"; fi
pass "script-everywhere: nothing active"
}

# <base href> pointing elsewhere (another site, file:///etc/): relative images and links still
# resolve inside the page's folder, never there; a path out of the folder is refused.
case_base_elsewhere() {
mkdir -p site && cp "$SRC/tests/fixtures/html/ferries.png" site/photo.png
printf '<html><head><base href="file:///etc/"><title>Base</title></head><body><article>%s%s
<p><img src="photo.png" alt="kept"> <img src="passwd" alt="not there"> <img src="../../../../etc/passwd" alt="outside"></p>
<p><a href="shadow">a relative link</a></p></article></body></html>' "$para" "$para" >site/base.html
book base-elsewhere '' site/base.html
unzip -l base-elsewhere.epub | grepq 'images/a001-1.png' || fail "base-elsewhere: the page's own image not packed"
[ "$(unzip -l base-elsewhere.epub | grep -c 'images/a001')" = 1 ] || fail "base-elsewhere: another file packed"
pass "base-elsewhere: nothing read from where <base> points"
}

# 100,000 nested elements: refused before gumbo parses them (its time grows with the square of
# the depth), in well under a second; 900 nested divs (a deep but real page) are read.
case_deep_nesting() {
{
    printf '<html><head><title>Deep</title></head><body>'
    head -c 500000 /dev/zero | sed 's/\x0/<div>/g'
    printf '%s' "$para"
} >deep.html
start=$(date +%s%N)
refuse deep-nesting 'deep\.html: nests elements more than 1024 deep' deep.html
[ $((($(date +%s%N) - start) / 1000000)) -lt 3000 ] || fail "deep-nesting: took over 3 s"
{
    printf '<html><head><title>Deep but fine</title></head><body>'
    head -c 900 /dev/zero | sed 's/\x0/<div>/g'
    printf '%s%s' "$para" "$para"
    head -c 900 /dev/zero | sed 's/\x0/<\/div>/g'
    # SVG's self-closed elements and comments open nothing.
    for i in $(seq 1 1500); do printf '<svg><path d="M0"/></svg><!-- <div> -->'; done
    printf '</body></html>'
} >deep-ok.html
book deep-but-fine '' deep-ok.html
# Deep and wide: 1,000 nested spans and divs around 150,000 elements, then a paragraph. What is
# measured per element (text, counts, whether it holds blocks) is measured once: in time.
{
    printf '<html><head><title>Deep and wide</title></head><body>'
    for i in $(seq 1 500); do printf '<span><div class="x">'; done
    head -c 150000 /dev/zero | sed 's/\x0/<b>w<\/b>/g'
    printf '%s%s' "$para" "$para"
    printf '</body></html>'
} >wide.html
# The bound is for a normal build (about 1 s here); a sanitizer build runs five times slower.
limit=10
nm -D "$OCTAVO" 2>/dev/null | grepq -w __asan_init && limit=50
start=$(date +%s%N)
book deep-and-wide '' wide.html --lang en
[ $((($(date +%s%N) - start) / 1000000)) -lt $((limit * 1000)) ] || fail "deep-and-wide: took over $limit s"
}

# Charsets that lie: UTF-8 text declared Windows-1252 is read as UTF-8; Latin-1 bytes declared
# UTF-8 become U+FFFD; an unknown charset is read as UTF-8; each with a warning. UTF-16 with its
# byte order mark is read.
case_lying_charset() {
printf '<html><head><meta charset="windows-1252"><title>Caf\xc3\xa9</title></head><body>%s</body></html>' "$para" >says-1252.html
book says-1252 "says-1252\.html: declares the charset 'windows-1252' but is UTF-8 throughout" says-1252.html --lang en
grep -q '<dc:title id="title">Café</dc:title>' <<<"$(unzip -p says-1252.epub EPUB/package.opf)" || fail "lying-charset: UTF-8 title"
printf '<html><head><meta charset="utf-8"><title>Caf\xe9</title></head><body>%s</body></html>' "$para" >says-utf8.html
book says-utf8 'says-utf8\.html: has bytes that are no character in UTF-8: replaced by U\+FFFD' says-utf8.html --lang en
printf '<html><head><meta charset="x-no-such-charset"><title>Caf\xe9</title></head><body>%s</body></html>' "$para" >says-unknown.html
book says-unknown "says-unknown\.html: declares the charset 'x-no-such-charset', which octavo does not know" says-unknown.html --lang en
printf '<html><head><title>Wide</title></head><body>%s</body></html>' "$para" | iconv -f UTF-8 -t UTF-16 >utf16.html
book utf16-page '' utf16.html --lang en
grep -q '<dc:title id="title">Wide</dc:title>' <<<"$(unzip -p utf16-page.epub EPUB/package.opf)" || fail "lying-charset: UTF-16"
pass "lying-charset: read as a browser reads them"
}

# A page with nothing to read, and one over 8 MiB: refused.
case_empty_and_huge() {
printf '<html><head><title>Empty</title></head><body><nav><a href="/">Home</a></nav><script>x()</script></body></html>' >empty.html
refuse empty-page 'empty\.html: has no article' empty.html
{
    printf '<html><head><title>Huge</title></head><body>'
    for i in $(seq 1 100000); do printf '%s' "$para"; done
    printf '</body></html>'
} >huge.html
refuse huge-page 'huge\.html: is larger than 8 MiB' huge.html
}

# Images a page may hold against the reader: one that decompresses to gigapixels, SVG with script
# or references outside it (inline and as files), data: URIs that are huge, malformed, HTML, or
# SVG with script. A book each time, with warnings, nothing active in it, in bounded time.
case_page_images() {
python3 - <<'PY'
import base64, struct, zlib, urllib.parse
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
def png(w, h, rows):
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 0, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(rows, 9)) + chunk(b'IEND', b''))
# 100,000 x 100,000 grey pixels claimed (10 gigapixels), the first rows given.
open('giga.png', 'wb').write(png(100000, 100000, b'\0' * 100001 * 4))
# 9,000 x 9,000 (81 megapixels, under the limit) that inflate from 80 KB to 81 MB: scaled down.
open('inflates.png', 'wb').write(png(9000, 9000, b'\0' * 9001 * 9000))
open('script.svg', 'w').write('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
open('remote.svg', 'w').write('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">'
                              '<image xlink:href="https://evil.example/x.png" width="1" height="1"/></svg>')
svg_script = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>'
para = '<p>A paragraph of the article, long enough to be one, with commas, words, and a full stop.</p>'
imgs = [
    '<img src="giga.png" alt="Giga">',
    '<img src="inflates.png" alt="Inflates">',
    '<img src="script.svg" alt="Script SVG">',
    '<img src="remote.svg" alt="Remote SVG">',
    '<svg onload="alert(3)"><script>alert(4)</script><image href="https://evil.example/y.png"/></svg>',
    '<img src="data:image/png;base64,' + 'A' * 6_000_000 + '" alt="Huge data">',
    '<img src="data:image/png;base64,!!!not base64!!!" alt="Malformed data">',
    '<img src="data:image/png;base64" alt="No comma">',
    '<img src="data:text/html,%3Cscript%3Ealert(5)%3C/script%3E" alt="HTML data">',
    '<img src="data:image/svg+xml,' + urllib.parse.quote(svg_script) + '" alt="SVG data">',
    '<img src="data:image/svg+xml;base64,' + base64.b64encode(svg_script.encode()).decode() + '" alt="SVG base64">',
]
body = ''.join(para + '<figure>' + i + '<figcaption>Caption.</figcaption></figure>' for i in imgs)
open('images.html', 'w').write('<html lang="en"><head><title>Images</title></head><body><article>'
                               + body + para + '</article></body></html>')
PY
local t0=$SECONDS
book page-images 'giga\.png. claims 100000x100000 pixels, more than the 100 million' images.html
[ $((SECONDS - t0)) -lt 30 ] || fail "page-images: took $((SECONDS - t0)) s"
local e
e=$(cat "$WORK/err")
for want in "script\.svg' holds a <script>" "remote\.svg' refers to something outside" \
    "Malformed.*|data:image/png;base64,.* is not valid base64" "has no comma" \
    "of type text/html, not an image" "SVG image 'data:image/svg\+xml,.* (holds|has)" \
    "SVG image 'data:image/svg\+xml;base64,.*(holds|has)"; do
    grep -qE -- "$want" <<<"$e" || fail "page-images: no warning '$want': $e"
done
local d
d=$(unzip -p "$WORK/page-images.epub" EPUB/text/a001.xhtml)
[ "$(grep -o "<img " <<<"$d" | wc -l)" = 1 ] || fail "page-images: not one image (inflates.png): $d"
if grep -qiE 'alert|evil\.example|<svg' <<<"$d"; then fail "page-images: something active is left"; fi
pass "page-images: bombs, SVG and data: URIs"
}

run_cases "$@"
