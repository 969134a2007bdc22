# Catalogue of bad inputs, markup and size (tests/hostile/README.md).
source "$(dirname "$0")/hostile_lib.sh"

# cut-paragraph BOOK WANT: documents of at most 300 KB; the first holds the header and the first
# piece, every later one a continued piece alone; the pieces joined are WANT.
cut_paragraph() {
    python3 - "$1" "$2" <<'PY'
import re, sys, zipfile, xml.etree.ElementTree as ET
X = '{http://www.w3.org/1999/xhtml}'
z = zipfile.ZipFile(sys.argv[1])
part = lambda n: int(re.search(r'-(\d+)\.xhtml$', n).group(1)) if '-' in n else 1
names = sorted((n for n in z.namelist() if re.match(r'EPUB/text/a001(-\d+)?\.xhtml$', n)), key=part)
text, sizes = [], []
for k, n in enumerate(names):
    data = z.read(n)
    sizes.append(len(data))
    assert len(data) <= 300 * 1024, f'{n} is {len(data)} bytes'
    kids = list(ET.fromstring(data).find(f'{X}body/{X}section'))
    want = [(X + 'header', None), (X + 'p', None)] if k == 0 else [(X + 'p', 'continued')]
    assert [(c.tag, c.get('class')) for c in kids] == want, f'{n} holds {[c.tag for c in kids]}'
    text.append(''.join(kids[-1].itertext()))
got, want = ''.join(text), open(sys.argv[2]).read()
if got != want:
    i = next((i for i, (a, b) in enumerate(zip(got, want)) if a != b), min(len(got), len(want)))
    sys.exit(f'the text differs at character {i}: {got[i - 20:i + 20]!r}, not {want[i - 20:i + 20]!r}')
print(f'{len(names)} documents, the largest {max(sizes)} bytes, the first {sizes[0]}; the text kept')
PY
}

# Raw HTML: parsed as HTML5, kept where it is safe, written through pugixml; script, handlers,
# frames, styles, forms and foreign content never reach the book; comments dropped.
case_raw_html() {
cat >raw.md <<'MD'
---
title: Raw HTML
lang: en
---

<script>alert(1)</script>

<div onclick="steal()">click <b>me, unclosed

<iframe src="https://evil.example"></iframe>

<style>body { display: none }</style>

Inline <img src=x onerror="alert(1)"> and <a href="javascript:alert(1)">a</a>, <b>unclosed.

<!-- a comment -->
MD
book raw-html 'raw HTML: script left out' raw.md
x=$(xhtml raw-html.epub)
grep -q 'alert' <<<"$x" && fail "raw-html: script text kept"
# Left open, the div holds what follows it, as in a browser.
grep -qF '<div>click <b>me, unclosed</b><p><a href="https://evil.example">https://evil.example</a></p>' <<<"$x" ||
    fail "raw-html: div and iframe: $x"
grep -qF '<span>a</span>, <b>unclosed.</b>' <<<"$x" || fail "raw-html: inline"
grep -q 'a comment' <<<"$x" && fail "raw-html: comment kept"
pass "raw-html: script, handlers, iframe and style left out; unclosed tags closed"
}

# The raw-HTML attack catalogue: none of it becomes active content, none of it crashes, and the
# book is valid.
case_raw_html_attacks() {
{
printf -- '---\ntitle: Attacks\nlang: en\n---\n\n'
printf '<a href="JaVaScRiPt:alert(1)">js</a> <a href=" javascript:alert(1)">sp</a> <a href="data:text/html;base64,PHNjcmlwdD4=">data</a> <a href="vbscript:x">vb</a>\n\n'
printf '<img src="x.png" onerror="alert(1)" onload=alert(2)> <img src="data:image/png;base64,AAAA"> <img src="javascript:alert(1)" alt="js image">\n\n'
printf '<base href="https://evil.example/">\n\n<meta http-equiv="refresh" content="0;url=https://evil.example/">\n\n'
printf '<svg onload="alert(1)"><script>alert(2)</script><a xlink:href="javascript:alert(3)"><text>svg</text></a></svg>\n\n'
printf '<math><maction actiontype="statusline" xlink:href="javascript:alert(1)">m</maction></math>\n\n'
printf '<form action="https://evil.example/"><input name=password type=password><button formaction="javascript:alert(1)">go</button></form>\n\n'
printf '<div style="background:url(javascript:alert(1))" onmouseover="alert(1)">styled</div>\n\n'
printf '<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">\n\n'
printf '<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>\n\n'
printf '<noscript><p>fallback</p></noscript><template><script>alert(1)</script></template>\n\n'
printf 'inline <svg><circle onclick="alert(1)"/></svg> and <script>alert(1)</script> text\n\n'
printf '<table><tr><td><table><tr><td><form><tr><td>cell'
printf '\n\n<details><summary onclick="alert(1)">s</summary><p>d</p>\n\n'
printf '<p><b><i><u><s><sup>unclosed everything\n\n'
for _ in $(seq 100000); do printf '<div>\n'; done
printf 'deep\n\n'
for _ in $(seq 2000); do printf '<b>'; done
printf 'many inline\n\n'
for _ in $(seq 5000); do printf '<div>\n\n'; done
printf 'blocks\n'
} >attacks.md
measure "$OCTAVO" attacks.md -o attacks.epub
[ "$rc" = 0 ] || fail "raw-html attacks: exit $rc: $(head -c 300 "$WORK/err")"
[ "$cpu_ms" -lt 20000 ] || fail "raw-html attacks: took $cpu_ms ms of CPU"
[ "$kb" -lt 400000 ] || fail "raw-html attacks: $kb KB"
check_book attacks.epub
no_script attacks.epub
x=$(xhtml attacks.epub)
grep -qi 'alert\|javascript\|evil.example' <<<"$x" && fail "raw-html attacks: $(grep -oi '.\{40\}\(alert\|javascript\|evil.example\).\{20\}' <<<"$x" | head -3)"
grep -q 'nested more than 512' "$WORK/err" || fail "raw-html attacks: deep nesting not reported"
pass "raw-html attacks: no script, handler, javascript: or data: link, base, meta, form, SVG or MathML; bounded nesting"
}

# Template code that never ends, nests without end or repeats without end: bounded, no crash,
# a valid book with nothing of it left as text.
case_templates() {
{
printf -- '---\ntitle: Templates\nlang: en\n---\n\n'
printf '{%% raw %%}never closed {{ x }}\n\n{%% if page.title %%}open if\n\n{%% for x in y %%}open loop\n\n'
printf '{{< ref "../../../etc/passwd" >}}\n\n'
printf '{{ unclosed\n\n{%% unclosed\n\n{{< unclosed\n\n'
for _ in $(seq 50000); do printf '{%% if page.title %%}\n\n'; done
for _ in $(seq 5000); do printf '{{< note >}} {{%% tip %%}} `code` {{ x }}\n\n'; done
printf '{%% comment %%}\n\nnever closed\n'
} >templates.md
measure "$OCTAVO" templates.md -o templates.epub
[ "$rc" = 0 ] || fail "templates: exit $rc: $(head -c 300 "$WORK/err")"
[ "$cpu_ms" -lt 20000 ] || fail "templates: took $cpu_ms ms of CPU"
check_book templates.epub
no_script templates.epub
grep -q 'passwd' <<<"$(unzip -l templates.epub)" && fail "templates: a file outside the article packed"
pass "templates: unclosed raw, if, loop and comment; 50,000 nested ifs; 5,000 shortcodes; paths out refused"
}

# Links: only http(s), mailto, ftp, tel and anchors that exist; the rest unwrapped with a warning.
case_links() {
cat >links.md <<'MD'
---
title: Links
lang: en
---

[js](javascript:alert(1)) [JS](JaVaScRiPt:alert(1)) [file](file:///etc/passwd) [vb](vbscript:x)
[data](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(1)> [other](../other.html)
[missing](#nowhere) [here](#a-heading) [web](https://example.com/?a=1&b=<2>) [mail](mailto:a@example.com)

## A heading
MD
book links 'javascript: links are not allowed' links.md
for w in "link to 'file:///etc/passwd' removed" "link to 'data:" "link to '../other.html' removed" "links.md:8: link to '#nowhere' removed: no such anchor"; do
    grep -qF "$w" err || fail "links: no warning '$w'"
done
x=$(xhtml links.epub)
[ "$(grep -oE 'href="[^"]*"' <<<"$x" | sort | tr '\n' ' ')" = 'href="#a001-a-heading" href="../css/octavo.css" href="https://example.com/?a=1&amp;b=%3C2%3E" href="mailto:a@example.com" ' ] ||
    fail "links: unexpected hrefs: $(grep -oE 'href="[^"]*"' <<<"$x" | tr '\n' ' ')"
pass "links: javascript:, file:, data:, outside and missing-anchor links unwrapped"
}

# Notes: a first heading that repeats the title keeps its note references (their notes led back
# to nothing: RSC-012), and an inline note is no way in for script.
case_notes() {
cat >notes.md <<'MD'
---
title: Notes
lang: en
---
# Notes[^t]

Text^[<script>alert(1)</script> and [js](javascript:alert(1)) in an inline note.] and ^[unclosed.

[^t]: About the title.
MD
book notes "link to 'javascript:alert\(1\)' removed" notes.md
x=$(xhtml notes.epub)
grep -q '<h1 id="a001-title">Notes<a id="a001-fnref1" href="#a001-fn1"' <<<"$x" || fail "notes: the title's note"
grep -qF '</a>  and <span>js</span> in an inline note.' <<<"$x" && ! grep -q 'alert' <<<"$x" ||
    fail "notes: inline note"
grep -qF 'and ^[unclosed.' <<<"$x" || fail "notes: an unclosed inline note is text"
pass "notes: the title's note kept, script in an inline note left out"
}

# Link URLs that are not valid URLs: unwrapped with a warning; an internationalised domain name
# becomes its ASCII (punycode) form. Both epubchecks pass every href that is kept.
case_link_urls() {
cat >link-urls.md <<'MD'
---
title: Links
lang: en
---

See [the Japanese site](https://例え.jp/), [a port](http://example.com:99999/), [empty](https://) and <http://a:b>.
Also www.a:b, [dots](http://a..b/), [ACE](http://xn--zz.com/), [digits](http://a.123/), [v4](http://999.1.1.1/),
[no slashes](http:foo), [mail](mailto:), [v6](http://[::1]:8080/x), [umlaut](https://Bücher.de/ä?q=ü#ö),
[hyphens](http://r3---sn-abc.example.com/) and ![remote](https://例え.jp/a.png).
MD
book link-urls "link-urls.md:6: link to 'http://example.com:99999/' removed: its port '99999' is not a number from 0 to 65535" link-urls.md
for w in "link-urls.md:6: link to 'https://' removed: it has no host" \
    "link-urls.md:6: link to 'http://a:b' removed: its port 'b'" "link-urls.md:7: link to 'http://www.a:b' removed" \
    "link to 'http://a..b/' removed: its host is not a valid domain name or IP address" "link to 'http://xn--zz.com/' removed" \
    "link to 'http://a.123/' removed" "link to 'http://999.1.1.1/' removed" \
    "link-urls.md:8: link to 'http:foo' removed: it has no '//' and host after 'http:'" "link to 'mailto:' removed: nothing follows 'mailto:'"; do
    grep -qF "$w" err || fail "link-urls: no warning '$w'"
done
x=$(xhtml link-urls.epub)
[ "$(grep -oE 'href="[^"]*"' <<<"$x" | tr '\n' ' ')" = 'href="../css/octavo.css" href="https://xn--r8jz45g.jp/" href="http://[::1]:8080/x" href="https://xn--bcher-kva.de/%C3%A4?q=%C3%BC#%C3%B6" href="http://r3---sn-abc.example.com/" href="https://xn--r8jz45g.jp/a.png" ' ] ||
    fail "link-urls: unexpected hrefs: $(grep -oE 'href="[^"]*"' <<<"$x" | tr '\n' ' ')"
grep -qF '<span>a port</span>' <<<"$x" || fail "link-urls: the text of an unwrapped link is lost"
pass "link-urls: IDN hosts in ASCII form, bad ports, hosts and empty URLs unwrapped"
}

# '#' is the top of the article (its title), even with a heading that has no slug ('## ?').
case_anchor_empty_fragment() {
printf -- '---\ntitle: Anchors\nlang: en\n---\n\n## ?\n\nSee [back to top](#) and [what](#!).\n\n## Real\n' >anchor-top.md
book anchor-empty-fragment "anchor-top.md:8: link to '#!' removed: no such anchor in the article" anchor-top.md
x=$(xhtml anchor-empty-fragment.epub)
grep -qF '<a href="#a001-title">back to top</a>' <<<"$x" || fail "anchor-empty-fragment: '#' is not the top: $x"
grep -qF 'href="#a001-section"' <<<"$x" && fail "anchor-empty-fragment: a link points at the '?' heading"
pass "anchor-empty-fragment: '#' goes to the article's title, '#!' unwrapped"
}

# Markup that used to give books the validators reject, in one book so that Ace runs once:
# character references to characters XML forbids (cmark-gfm decodes them after the input is
# cleaned; U+FFFE and U+FFFF it writes as the bytes 0xFE and 0xFF), note references in a link's
# text and in alt text, a remote image in a link, skipped heading levels, empty table header cells,
# headings of Unicode white space or a comment, links with no text.
case_xhtml_validity() {
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\0\0\0\0\x3a\x7e\x9b\x55\0\0\0\nIDAT\x78\x9c\x63\x60\0\0\0\2\0\1\xe5\x27\xde\xfc\0\0\0\0IEND\xae\x42\x60\x82' >dot.png
cat >validity.md <<'MD'
---
title: Validity
lang: en
---

References to controls: &#x1;&#x8;&#xB;&#xC;&#xE;&#x1F;, to noncharacters &#xFFFE;&#xFFFF;, gone.

## Heading &#x8; here

[A link](https://example.com/&#x7; "title &#x1F; x") and ![a &#x1; chart](dot.png).

See [the report[^1]](https://example.com/report), ![Crossings[^2]](dot.png) and [![remote](https://example.com/a.png)](https://example.com/).

## Background

#### A detail

|        | 2019 | <!-- t --> |
|--------|-----:|:----------:|
| Oman   | 12   | 15         |

## &nbsp;

## EM_SPACE

## IDEOGRAPHIC_SPACE

## <!-- to do -->

See [ ](https://example.org/), [](#background) and [![](dot.png)](https://example.org/).

[^1]: The report &#x1E; itself.
[^2]: Port figures.
MD
sed -i 's/EM_SPACE/\xe2\x80\x83/; s/IDEOGRAPHIC_SPACE/\xe3\x80\x80/' validity.md
book xhtml-validity 'validity\.md:6: removed a character that XML does not allow' validity.md
for w in 'validity.md:8: removed a character' 'validity.md:10: removed a character' 'validity.md:32: removed a character' \
    'validity.md:22: empty heading left out' 'validity.md:24: empty heading left out' 'validity.md:26: empty heading left out' \
    'validity.md:28: empty heading left out' "validity.md:30: link to 'https://example.org/' removed: it has no text" \
    "validity.md:30: link to '#background' removed: it has no text" \
    "validity.md:12: remote image 'https://example.com/a.png' is not fetched; kept as text in the link around it"; do
    grep -qF "$w" err || fail "xhtml-validity: no warning '$w': $(cat err)"
done
x=$(xhtml xhtml-validity.epub)
all=$(unzip -p xhtml-validity.epub EPUB/text/a001.xhtml EPUB/nav.xhtml EPUB/toc.ncx)
iconv -f UTF-8 -t UTF-8 <<<"$all" >/dev/null || fail "xhtml-validity: not UTF-8"
! grep -qP '[\x00-\x08\x0B\x0C\x0E-\x1F]|&#|\x{FFFE}|\x{FFFF}' <<<"$all" || fail "xhtml-validity: a character XML forbids"
grep -qF 'References to controls: , to noncharacters , gone.' <<<"$x" || fail "xhtml-validity: text"
grep -qF '<a href="https://example.com/" title="title  x">A link</a>' <<<"$x" || fail "xhtml-validity: link"
grep -qF 'alt="a chart"' <<<"$x" || fail "xhtml-validity: alt text"
grep -qF '<a href="https://example.com/report">the report</a><a id="a001-fnref1" href="#a001-fn1"' <<<"$x" ||
    fail "xhtml-validity: the note reference is not after the link"
grep -qF 'alt="Crossings"/><a id="a001-fnref2" href="#a001-fn2"' <<<"$x" || fail "xhtml-validity: note in alt text"
grep -qF '<a href="https://example.com/"><span>remote</span></a>' <<<"$x" || fail "xhtml-validity: remote image in a link"
grep -qF '<h2 id="a001-background">Background</h2><h3 id="a001-a-detail">A detail</h3>' <<<"$x" ||
    fail "xhtml-validity: heading levels"
grep -qF '<thead><tr><td/><th scope="col" class="right">2019</th><td class="center"/></tr></thead>' <<<"$x" ||
    fail "xhtml-validity: empty header cells"
[ "$(grep -oE '<h[1-6]' <<<"$x" | tr '\n' ' ')" = '<h1 <h2 <h2 <h3 <h2 ' ] || fail "xhtml-validity: headings $(grep -oE '<h[1-6][^<]*' <<<"$x")"
grep -qF '<span> </span>, <span/> and <span><img src="../images/a001-1.png" alt=""/></span>' <<<"$x" ||
    fail "xhtml-validity: links with no text"
[ "$(unzip -p xhtml-validity.epub EPUB/toc.ncx | grep -o '<text>[^<]*</text>' | tr '\n' ' ')" = '<text>Validity</text> <text>Validity</text> <text>Heading here</text> <text>Background</text> <text>A detail</text> ' ] ||
    fail "xhtml-validity: NCX: $(unzip -p xhtml-validity.epub EPUB/toc.ncx | grep -o '<text>[^<]*</text>')"
unzip -p xhtml-validity.epub EPUB/nav.xhtml | grepq -F '<li><a href="text/a001.xhtml#a001-background">Background</a><ol><li><a href="text/a001.xhtml#a001-a-detail">A detail</a></li></ol></li></ol></li></ol></nav>' ||
    fail "xhtml-validity: nav"
ace "$WORK/xhtml-validity.epub"
pass "xhtml-validity: no forbidden character, no link in a link, no skipped level, no empty heading, header cell or link"
}

# Nesting tens of thousands deep: refused past 100 levels (no stack overflow anywhere).
case_nesting_refused() {
python3 -c "print('# Quotes\n\n' + '>' * 30000 + ' x')" >quotes.md
refuse quotes-30000-deep '^octavo: quotes\.md:3: content nested more than 100 levels deep' quotes.md
python3 -c "print('# Lists\n\n' + '- ' * 30000 + 'x')" >lists.md
refuse lists-30000-deep '^octavo: lists\.md:3: content nested more than 100 levels deep' lists.md
python3 -c "print('# Lists\n\n' + ''.join('  ' * i + '- item\n\n' for i in range(1000)))" >lists-lines.md
refuse lists-1000-deep-on-lines '^octavo: lists-lines\.md:[0-9]+: content nested more than 100' lists-lines.md
python3 -c "print('# Emphasis\n\n' + '*' * 30000 + 'x' + '*' * 30000)" >emph.md
refuse emphasis-30000-deep '^octavo: emph\.md:3: content nested more than 100' emph.md
python3 -c "print('# Quotes\n\n' + '> ' * 50000 + 'x')" >quotes-long.md
refuse quotes-50000-deep '^octavo: quotes-long\.md:3: a paragraph longer than 64 KiB' quotes-long.md
}
# Shallower nesting, and brackets, which nest nothing: packaged.
case_nesting_packaged() {
python3 -c "print('# Quotes\n\n' + '> ' * 99 + 'x')" >quotes-99.md
book quotes-99-deep '' quotes-99.md --lang en
[ "$(xhtml quotes-99-deep.epub | grep -o '<blockquote>' | wc -l)" = 99 ] || fail "quotes-99-deep: not 99 quotes"
python3 -c "print('# Brackets\n\n' + '[' * 30000 + 'x' + ']' * 30000)" >brackets.md
book brackets-30000 '' brackets.md --lang en
}

# A single 3 MB line: plain text packages it; Markdown refuses the paragraph (cmark-gfm 0.29 is
# quadratic on long paragraphs) in bounded time.
case_line_3mb() {
python3 - <<'PY'
import random
random.seed(3)
w = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', '"quoted"', "it's", '*em*', '[link](https://example.com)', '<b>', '&amp;']
s, n = [], 0
while n < 3 * 1024 * 1024:
    x = random.choice(w); s.append(x); n += len(x) + 1
line = ' '.join(s)
open('line.txt', 'w').write('A single line\n\n' + line + '\n')
open('line.md', 'w').write('# A single line\n\n' + line + '\n')
PY
book line-3mb-text '' line.txt --lang en
measure "$OCTAVO" line.md -o line.epub
[ "$rc" = 1 ] && grep -q '^octavo: line\.md:3: a paragraph longer than 64 KiB' err || fail "line-3mb-markdown: exit $rc $(cat err)"
[ "$ms" -lt 5000 ] || fail "line-3mb-markdown: took $ms ms"
pass "line-3mb-markdown: refused in $ms ms, peak $kb KB"
# The 3 MB line is one paragraph too.
sed -n 3p line.txt | tr -d '\n' >line.want
out=$(cut_paragraph line-3mb-text.epub line.want) || fail "line-3mb-text: $out"
pass "line-3mb-text: $out"
}
# One paragraph longer than a content document (a plain-text article of one 8 MB paragraph gave an
# 8 MB document, which Adobe RMSDK cannot open): cut into pieces that fill documents of at most
# 300 KB, at sentence ends, else at spaces, else between characters (Japanese with full stops and
# no spaces, CJK with neither, one long word of letters and combining accents, emoji sequences);
# the header and the first piece share the first document, each later piece is a
# <p class="continued">, and the text is kept byte for byte.
case_paragraph_1mb() {
python3 - <<'PY'
import random
random.seed(15)
words = ['harbour', 'railway', 'river', 'evidence', 'committee', 'A&B', '<tag>', 'x>y', 'café',
         '"quoted"', "it's", 'naïve', 'Ὀδυσσεύς']
parts = []
def sentences(n, ends):
    for _ in range(n):
        s = ' '.join(random.choice(words) for _ in range(random.randint(4, 14)))
        parts.append(s[0].upper() + s[1:] + random.choice(ends))
sentences(1500, ['.', '?', '!', '."', '…', '.)'])
parts.append('これは長い文章です。' * 4000)
parts.append('漢' * 110000)
parts.append('e\u0301' * 110000)
parts.append('\U0001F469\u200D\U0001F4BB' * 10000)
sentences(300, ['.', '?'])
text = ' '.join(parts)
open('para.txt', 'w').write('One long paragraph\n\n' + text + '\n')
open('para.want', 'w').write(text)
PY
book paragraph-1mb-text '' para.txt --lang en
[ ! -s err ] || fail "paragraph-1mb-text: warnings: $(cat err)"
out=$(cut_paragraph paragraph-1mb-text.epub para.want) || fail "paragraph-1mb-text: $out"
ace "$WORK/paragraph-1mb-text.epub"
pass "paragraph-1mb-text: $out"
}
# Worst case known for cmark-gfm 0.29 (cubic on smart quotes) just under the paragraph limit.
case_smart_quotes_64k() {
python3 - <<'PY'
open('quotes.txt', 'w').write('"\'a' * 70000)
PY
{ printf '# Quotes\n\n'; head -c 65000 quotes.txt; echo; } >smart.md
measure "$OCTAVO" smart.md -o smart.epub --lang en
[ "$rc" = 0 ] || fail "smart-quotes-64k: exit $rc $(cat err)"
[ "$cpu_ms" -lt 60000 ] || fail "smart-quotes-64k: took $cpu_ms ms of CPU ($ms ms)"
pass "smart-quotes-64k: packaged in $cpu_ms ms of CPU ($ms ms), peak $kb KB"
check_book smart.epub
}
# The limit counts one paragraph, not a run of blocks with no blank line between them: footnote
# definitions one per line, a block quote's paragraphs parted by '>' lines, list items. A long
# paragraph inside a block quote ('> ' on every line) is still one paragraph, and refused.
case_paragraph_limit() {
python3 - <<'PY'
import random
random.seed(4)
w = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', '"quoted"', "it's", '*em*']
def text(n):
    s = []
    while len(' '.join(s)) < n:
        s.append(random.choice(w))
    return ' '.join(s)
with open('notes.md', 'w') as f:
    f.write('---\ntitle: Notes\nlang: en\n---\n\n' + ' '.join('Point[^%d].' % i for i in range(1, 101)) + '\n\n')
    f.write(''.join('[^%d]: %s\n' % (i, text(700)) for i in range(1, 101)))
with open('quote.md', 'w') as f:
    f.write('---\ntitle: Quote\nlang: en\n---\n\n' + '>\n'.join('> %s\n' % text(1000) for _ in range(70)))
with open('items.md', 'w') as f:
    f.write('---\ntitle: Items\nlang: en\n---\n\n' + ''.join('%d. %s\n' % (i, text(1000)) for i in range(1, 71)))
with open('code-long.md', 'w') as f:
    f.write('---\ntitle: Listing\nlang: en\n---\n\nThe listing:\n\n```c\n' +
            ''.join('x[%d] = "\'a" + f(%d);\n' % (i, i) for i in range(4000)) + '```\n')
with open('table-long.md', 'w') as f:
    f.write('---\ntitle: Table\nlang: en\n---\n\n| a | b |\n|---|---|\n' +
            ''.join('| row %d | "value" %d |\n' % (i, i) for i in range(4000)))
with open('quote-long.md', 'w') as f:
    f.write('---\ntitle: Quote\nlang: en\n---\n\nIntro.\n\n' + ''.join('> ' + '"\'a' * 30 + '\n' for _ in range(800)))
PY
book paragraph-limit-footnotes '' notes.md --no-cover
[ "$(xhtml paragraph-limit-footnotes.epub | grep -o 'epub:type="footnote"' | wc -l)" = 100 ] || fail "paragraph-limit-footnotes: not 100 notes"
book paragraph-limit-quote '' quote.md --no-cover
[ "$(xhtml paragraph-limit-quote.epub | grep -o '<p>' | wc -l)" = 70 ] || fail "paragraph-limit-quote: not 70 paragraphs"
book paragraph-limit-list-items '' items.md --no-cover
refuse paragraph-limit-inside-quote '^octavo: quote-long\.md:8: a paragraph longer than 64 KiB' quote-long.md
# Fenced code is not parsed for inlines: a 100 KB listing is fine. A table is (cell by cell, and
# cmark-gfm 0.29's table parsing is itself quadratic), so a long one still counts as one block.
book paragraph-limit-code-block '' code-long.md --no-cover
[ "$(xhtml paragraph-limit-code-block.epub | grep -c '^x\[[0-9]*\] = ')" -ge 3999 ] || fail "paragraph-limit-code-block: listing cut"
refuse paragraph-limit-table '^octavo: table-long\.md:6: a paragraph longer than 64 KiB' table-long.md
}

# A 50 MB article: refused before it is read (memory stays small); 7.5 MB is packaged with a
# peak of about 40 bytes per input byte.
case_article_size() {
python3 - <<'PY'
import random
random.seed(2)
w = ['lorem', 'ipsum', 'dolor', 'sit', 'amet', '*em*', '**strong**', '[link](https://example.com)', '`code`', '"quoted"', "it's"]
def article(name, size):
    with open(name, 'w') as out:
        out.write('---\ntitle: Big\nlang: en\n---\n\n')
        n = i = 0
        while n < size:
            i += 1
            s = ('## Section %d\n\n' % i) if i % 50 == 0 else ' '.join(random.choice(w) for _ in range(120)) + '\n\n'
            out.write(s); n += len(s)
article('big50.md', 50 * 1024 * 1024)
article('big7.md', int(7.5 * 1024 * 1024))
PY
measure "$OCTAVO" big50.md -o big50.epub
[ "$rc" = 1 ] && grep -q '^octavo: big50\.md: is larger than 8 MiB' err || fail "article-50mb: exit $rc $(cat err)"
[ "$kb" -lt 100000 ] || fail "article-50mb: peak $kb KB"
pass "article-50mb: refused in $ms ms, peak $kb KB"
rm big50.md
measure "$OCTAVO" big7.md -o big7.epub
[ "$rc" = 0 ] || fail "article-7.5mb: exit $rc $(cat err)"
# 40 bytes per input byte in a normal build; ASan's shadow memory and quarantine double it.
[ "$kb" -lt 1500000 ] || fail "article-7.5mb: peak $kb KB"
pass "article-7.5mb: packaged in $ms ms, peak $kb KB"
check_book big7.epub
}

run_cases "$@"
