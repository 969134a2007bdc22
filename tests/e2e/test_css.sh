# Catalogue of bad inputs, the --css stylesheet (tests/hostile/README.md): it is checked (UTF-8,
# CSS syntax, no remote resource), and the fonts and images it refers to are packed beside it.
source "$(dirname "$0")/hostile_lib.sh"

mkdir -p style/fonts style/img outside
printf -- '---\ntitle: Styled\nlang: en\n---\n\nBody text.\n' >a.md
font=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
[ -f "$font" ] || fail "$font is missing (fonts-dejavu-core)"
cp "$font" style/fonts/body.ttf
cp "$font" "style/fonts/My Font.ttf"
python3 - <<'PY'
import struct, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
png = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) \
    + chunk(b'IDAT', zlib.compress(b'\x00\xff\x00\x00')) + chunk(b'IEND', b'')
open('style/img/rule.png', 'wb').write(png)
open('style/img/fake.woff2', 'wb').write(png)
open('outside/secret.png', 'wb').write(png)
PY
printf '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8"/></svg>\n' >style/img/dot.svg
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>\n' >style/img/onload.svg
printf 'not a font\n' >style/fonts/text.ttf
printf 'p { color: red }\n' >style/other.css
ln -s ../../outside/secret.png style/img/link-out.png

# A font (twice, one name with a space), a PNG and an SVG: packed beside the stylesheet, the
# references pointing at them; both epubchecks pass.
case_font() {
cat >style/user.css <<'EOF'
@charset "UTF-8";
/* Body text in DejaVu Sans */
@font-face { font-family: "Body"; src: url(fonts/body.ttf) format("truetype"); }
@font-face { font-family: "Body"; font-weight: bold; src: url("fonts/My%20Font.ttf"); }
body { font-family: Body, sans-serif; }
hr { background: url(img/rule.png) repeat-x; }
li { list-style-image: url( './img/dot.svg' ); }
h1::after { content: "url(not-a-reference.png)"; }
EOF
# Fonts only when asked for: without --embed-fonts, @font-face is refused.
refuse css-font-unasked "style/user.css:[0-9]+: @font-face: .*--embed-fonts" --no-cover a.md --css style/user.css
"$OCTAVO" --no-cover --embed-fonts a.md --css style/user.css -o font.epub 2>err || fail "font: $(cat err)"
[ ! -s err ] || fail "font: unexpected warnings: $(cat err)"
opf=$(unzip -p font.epub EPUB/package.opf)
for item in 'href="css/user-1.ttf" media-type="font/ttf"' 'href="css/user-2.ttf" media-type="font/ttf"' \
    'href="css/user-3.png" media-type="image/png"' 'href="css/user-4.svg" media-type="image/svg+xml"'; do
    grep -qF "$item" <<<"$opf" || fail "font: no manifest item $item in $opf"
done
cmp <(unzip -p font.epub EPUB/css/user-1.ttf) "$font" || fail "font: the font changed"
cmp <(unzip -p font.epub EPUB/css/user-3.png) style/img/rule.png || fail "font: the image changed"
css=$(unzip -p font.epub EPUB/css/user.css)
grep -qF 'src: url("user-1.ttf") format("truetype")' <<<"$css" || fail "font: reference not rewritten: $css"
grep -qF 'src: url("user-2.ttf");' <<<"$css" || fail "font: quoted reference not rewritten: $css"
grep -qF 'list-style-image: url( "user-4.svg" )' <<<"$css" || fail "font: url( string ) not rewritten: $css"
grep -qF 'content: "url(not-a-reference.png)"' <<<"$css" || fail "font: a string was rewritten: $css"
# epubcheck 5 -u reports every @font-face as a usage (CSS-028, "Use of Font-face declaration"),
# whoever made the book: a book with a font passes when that is its only message.
check_book font.epub CSS-028
pass "font: a font and images packed beside the stylesheet"
}

# Without @font-face, epubcheck 5 has nothing to say either.
case_image() {
printf 'hr { background: url(img/rule.png); }\n' >style/image.css
book image '' --no-cover a.md --css style/image.css
}

# Refused: what epubcheck reports as a CSS parse error (CSS-008)...
css_case() { # NAME MESSAGE-REGEX CSS-TEXT
    printf '%s' "$3" >"style/$1.css"
    refuse "css-$1" "$2" --no-cover --embed-fonts a.md --css "style/$1.css"
}
case_parse_errors() {
css_case unclosed-block "style/unclosed-block.css:2: .*never closed \(a missing '\}'" $'a {}\nbody { color: red'
css_case unclosed-comment "style/unclosed-comment.css:1: comment '/\*' is never closed" '/* body { color: red }'
css_case unclosed-string "unclosed-string.css:1: string is never closed" 'a { content: "open }'
css_case bad-string "bad-string.css:1: string is cut by the end of the line" $'a { content: "one\ntwo"; }'
css_case bad-url "bad-url.css:1: bad url\(: white space" 'a { background: url(my image.png) }'
css_case stray-brace "stray-brace.css:1: a stray '\}' closes nothing" 'a { color: red } }'
css_case stray-paren "stray-paren.css:1: a stray '\)' closes nothing" 'a { color: red; ) }'
css_case mismatched "mismatched.css:1: '\}' where '\)' was expected" 'a { b: (c; }'
css_case backslash-newline "backslash-newline.css:1: a backslash before the end of the line" $'a {} \\\nb {}'
}
# ... remote resources and data: URLs (RSC-006, OPF-014) ...
case_remote() {
css_case import-remote "import-remote.css:1: refers to 'https://example.com/x.css', a resource outside the book" '@import url(https://example.com/x.css);'
css_case url-remote "url-remote.css:1: refers to 'http://example.com/x.png', a resource outside the book" 'a { background: url("http://example.com/x.png") }'
css_case url-protocol-relative "refers to '//example.com/f.woff2', a resource outside the book" '@font-face { font-family: F; src: url(//example.com/f.woff2) }'
css_case url-file "refers to 'file:///etc/hostname', a resource outside the book" 'a { background: url(file:///etc/hostname) }'
css_case url-data "refers to a data: URL" 'a { background: url(data:image/png;base64,iVBORw0KGgo=) }'
}
# ... another stylesheet, and files octavo does not pack ...
case_references() {
css_case import-local "@import 'other.css': octavo packs one stylesheet" '@import "other.css";'
css_case missing-font "missing-font.css:1: refers to 'fonts/body.woff2': cannot read" '@font-face { font-family: Body; src: url(fonts/body.woff2); }'
css_case empty-url "empty url\(\)" 'a { background: url() }'
css_case absolute "refers to '/etc/x.png', an absolute path" 'a { background: url(/etc/x.png) }'
css_case dotdot "refers to '../outside/secret.png', outside the stylesheet's folder" 'a { background: url(../outside/secret.png) }'
css_case link-out "refers to 'img/link-out.png', which leads outside the stylesheet's folder \(a link\)" 'a { background: url(img/link-out.png) }'
css_case fake-woff2 "refers to 'img/fake.woff2', whose name says a WOFF2 font but whose content is not one" '@font-face { font-family: F; src: url(img/fake.woff2) }'
css_case not-a-font "refers to 'fonts/text.ttf', whose name says a TrueType font" '@font-face { font-family: F; src: url(fonts/text.ttf) }'
css_case image-as-font "refers to 'img/rule.png' in @font-face, which is not a font" '@font-face { font-family: F; src: url(img/rule.png) }'
css_case font-as-image "refers to 'fonts/body.ttf', a font, outside @font-face" 'a { background: url(fonts/body.ttf) }'
css_case empty-font-face "empty-font-face.css:2: an empty @font-face rule" $'a {}\n@font-face { }'
css_case other-kind "refers to 'other.css', which is not a font \(.woff, .woff2, .otf, .ttf\) or an image" 'a { background: url(other.css) }'
printf '\x89PNG\r\n\x1a\n' >style/img/broken.png
css_case broken-png "refers to 'img/broken.png', an image that is not a valid PNG" 'hr { background: url(img/broken.png) }'
css_case svg-script "refers to 'img/onload.svg', an SVG image that holds an event handler" 'a { background: url(img/onload.svg) }'
}
# ... what EPUB forbids, and encodings other than UTF-8.
case_forbidden() {
css_case direction "direction.css:1: the 'direction' property is not allowed" 'p { direction: rtl }'
css_case position-fixed "position-fixed.css:2: 'position: fixed' has no meaning in a paginated book" $'a {}\nfooter { position: fixed; bottom: 0 }'
css_case charset-latin1 "charset-latin1.css:1: declares @charset \"ISO-8859-1\"" $'@charset "ISO-8859-1";\na {}'
css_case latin1 "latin1.css:2: not valid UTF-8 \(byte offset 28\)" $'a {}\nh1::before { content: "\xe9" }'
}

run_cases "$@"
