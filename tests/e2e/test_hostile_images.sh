# Catalogue of bad inputs, images (tests/hostile/README.md).
source "$(dirname "$0")/hostile_lib.sh"

mkdir -p art/sub outside
python3 - <<'PY'
import struct, zlib
def png(path, rgb):
    def chunk(t, d):
        return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    raw = b'\x00' + bytes(rgb)
    data = b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 1, 1, 8, 2, 0, 0, 0)) \
        + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
    open(path, 'wb').write(data)
gif = b'GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;'
png('art/plain.png', (255, 0, 0))
png('art/my photo.png', (0, 255, 0))
png('art/café.png', (0, 0, 255))
png('art/Photo.PNG', (1, 2, 3))
png('art/photo.png', (4, 5, 6))
png('art/really-a-png.jpg', (7, 8, 9))
png('outside/secret.png', (9, 9, 9))
open('art/really-a-gif.png', 'wb').write(gif)
open('art/not-an-image.png', 'w').write('just text\n')
PY
printf '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>\n' >art/static.svg
printf '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>\n' >art/script.svg
printf '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="1" height="1"/></svg>\n' >art/onload.svg
printf '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><image xlink:href="https://example.com/x.png" width="1" height="1"/></svg>\n' >art/remote.svg
printf '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&b;</text></svg>\n' >art/entities.svg
ln -s ../outside/secret.png art/link-out.png
cp art/plain.png art/sub/in-sub.png

one() { # NAME MARKDOWN-IMAGE-LINE: writes art/NAME.md
    printf -- '---\ntitle: Images\nlang: en\n---\n\nText.\n\n%s\n' "$2" >"art/$1.md"
}

case_image_paths() {
one missing '![A missing picture](nope.png)'
kept_out missing-image "warning: art/missing\.md:8: image 'nope\.png': cannot read: No such file" art/missing.md
one passwd '![x](../../etc/passwd)'
kept_out path-leaves-folder "warning: art/passwd\.md:8: image path '\.\./\.\./etc/passwd' leaves the article's folder" art/passwd.md
one sneaky '![x](sub/../../outside/secret.png)'
kept_out path-leaves-folder-via-sub "leaves the article's folder" art/sneaky.md
one absolute '![x](/etc/passwd)'
kept_out absolute-path "warning: art/absolute\.md:8: image path '/etc/passwd' is site-absolute, and no site root was found" art/absolute.md
one protocol-relative '![x](//example.com/x.png)'
kept_out protocol-relative-url "image path '//example\.com/x\.png' is a network path" art/protocol-relative.md
one link-out '![x](link-out.png)'
kept_out symlink-out-of-folder "warning: art/link-out\.md:8: image path 'link-out\.png' leads outside the article's folder" art/link-out.md
one dir '![x](sub)'
kept_out image-is-directory "image 'sub': is a directory" art/dir.md
one text '![x](not-an-image.png)'
kept_out not-an-image "image 'not-an-image\.png' is not a JPEG, PNG, GIF or SVG file" art/text.md
}
case_svg_unsafe() {
for f in script onload remote entities; do
    one svg-$f "![x]($f.svg)"
done
kept_out svg-script "SVG image 'script\.svg' holds a <script> element" art/svg-script.md
kept_out svg-event-handler "SVG image 'onload\.svg' holds an event handler \(onload\)" art/svg-onload.md
kept_out svg-remote-reference "SVG image 'remote\.svg' refers to something outside the image" art/svg-remote.md
kept_out svg-entities "SVG image 'entities\.svg' declares XML entities" art/svg-entities.md
}
case_image_over_8mib() {
{ printf '\x89PNG\r\n\x1a\n'; head -c $((9 * 1024 * 1024)) /dev/zero; } >art/huge.png
one huge '![x](huge.png)'
kept_out image-over-8mib "image 'huge\.png': is larger than 8 MiB" art/huge.md
rm art/huge.png
}

# Remote images are not fetched unless asked (--fetch-images, test_urls.sh): kept as a link
# (http, https; one warning for all) or as text (other schemes).
case_remote_image() {
one remote '![A remote picture](https://example.com/pic.png?a=<b>) ![Plain](http://example.com/p.png) ![local file](file:///etc/passwd)'
book remote-image "2 remote images are not fetched, the first 'https://example\.com/pic\.png.*': kept as links or their alt text \(--fetch-images fetches them\)" art/remote.md
unzip -Z1 remote-image.epub | grep '^EPUB/images/' | grepq -v '^EPUB/images/cover' && fail "remote-image: an image was packed"
xhtml remote-image.epub | grepq '<img' && fail "remote-image: an img element was written"
xhtml remote-image.epub | grepq -F '<a href="https://example.com/pic.png?a=%3Cb%3E">A remote picture</a>' || fail "remote-image: no link"
unzip -p remote-image.epub EPUB/package.opf | grepq remote-resources && fail "remote-image: remote-resources"
pass "remote-image: not fetched, kept as a link"
}

# Types come from the content; names are the book's own (images/a001-N.ext) whatever the file
# was called: spaces, non-ASCII letters, names equal after case folding.
case_image_names() {
cat >art/names.md <<'MD'
---
title: Image names
lang: en
---

![Spaces](<my photo.png>) ![Non-ASCII](café.png) ![Upper](Photo.PNG) ![Lower](photo.png)
![PNG named .jpg](really-a-png.jpg) ![GIF named .png](really-a-gif.png) ![SVG](static.svg)
![In a folder](sub/in-sub.png) ![Same file again](./plain.png) ![Plain](plain.png)
MD
book image-names '' art/names.md
names=$(unzip -Z1 image-names.epub | grep '^EPUB/images/a' | sort | tr '\n' ' ')
[ "$names" = "EPUB/images/a001-1.png EPUB/images/a001-2.png EPUB/images/a001-3.png EPUB/images/a001-4.png EPUB/images/a001-5.png EPUB/images/a001-6.gif EPUB/images/a001-7.svg EPUB/images/a001-8.png EPUB/images/a001-9.png " ] ||
    fail "image-names: $names"
opf=$(unzip -p image-names.epub EPUB/package.opf)
grep -q 'href="images/a001-5.png" media-type="image/png"' <<<"$opf" || fail "image-names: PNG named .jpg"
grep -q 'href="images/a001-6.gif" media-type="image/gif"' <<<"$opf" || fail "image-names: GIF named .png"
cmp -s <(unzip -p image-names.epub EPUB/images/a001-3.png) art/Photo.PNG || fail "image-names: Photo.PNG"
cmp -s <(unzip -p image-names.epub EPUB/images/a001-4.png) art/photo.png || fail "image-names: photo.png"
pass "image-names: safe internal names, types from content"
}

# Bitmaps must have a header that gives their size the way epubcheck reads it (PKG-021 otherwise):
# a file that holds only an image's magic bytes is refused, in an article and as the cover.
case_bitmap_headers() {
printf '\x89PNG\r\n\x1a\n' >art/signature-only.png
printf 'GIF89a' >art/signature-only.gif
printf '\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00' >art/no-frame.jpg
python3 - <<'PY'
import struct, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
ihdr = chunk(b'IHDR', struct.pack('>IIBBBBB', 0, 1, 8, 2, 0, 0, 0))
open('art/zero-width.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + ihdr + chunk(b'IEND', b''))
PY
for f in signature-only.png signature-only.gif no-frame.jpg zero-width.png; do
    one "bitmap-${f/./-}" "![x]($f)"
done
kept_out png-signature-only "warning: art/bitmap-signature-only-png\.md:8: image 'signature-only\.png' is not a valid PNG image: it ends before the end of its IHDR header" art/bitmap-signature-only-png.md
kept_out gif-signature-only "warning: art/bitmap-signature-only-gif\.md:8: image 'signature-only\.gif' is not a valid GIF image" art/bitmap-signature-only-gif.md
kept_out jpeg-without-frame "image 'no-frame\.jpg' is not a valid JPEG image: it ends before its image data" art/bitmap-no-frame-jpg.md
kept_out png-zero-width "image 'zero-width\.png' is not a valid PNG image: its width or height is 0" art/bitmap-zero-width-png.md
printf -- '---\ntitle: Cover\nlang: en\ncover-image: signature-only.png\n---\n\nText.\n' >art/cover-front-matter.md
printf 'title: A volume\nlang: en\ncover-image: signature-only.png\narticles:\n  - plain-article.md\n' >art/cover-volume.yaml
printf -- '---\ntitle: Plain\nlang: en\n---\n\nText.\n' >art/plain-article.md
refuse cover-signature-only "^octavo: command line: cover image 'art/signature-only\.png' is not a valid PNG image" art/plain-article.md --cover art/signature-only.png
refuse cover-image-signature-only "^octavo: art/cover-front-matter\.md:4: cover image 'signature-only\.png' is not a valid PNG image" art/cover-front-matter.md
refuse volume-cover-signature-only "^octavo: art/cover-volume\.yaml:3: cover image 'signature-only\.png' is not a valid PNG image" art/cover-volume.yaml
}

# SVG: SVG 1.1 in the SVG namespace, nothing that can script or load from outside the image.
svg() { # NAME BODY [PROLOGUE]: writes art/NAME.svg and art/svg-NAME.md
    printf '%s<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="60" height="30">%s</svg>\n' "${3:-}" "$2" >"art/$1.svg"
    one "svg-$1" "![x]($1.svg)"
}
case_svg_structure() {
printf '<svg width="10" height="10"><rect width="5" height="5"/></svg>\n' >art/no-namespace.svg
one svg-no-namespace '![x](no-namespace.svg)'
kept_out svg-no-namespace "warning: art/svg-no-namespace\.md:8: SVG image 'no-namespace\.svg' has no SVG namespace" art/svg-no-namespace.md
svg bogus '<bogus/>'
kept_out svg-unknown-element "SVG image 'bogus\.svg' holds <bogus>, which is not an SVG 1.1 element" art/svg-bogus.md
svg unknown-attribute '<rect foo="bar" width="5" height="5"/>'
kept_out svg-unknown-attribute "SVG image 'unknown-attribute\.svg' holds the attribute foo on <rect>, which SVG 1.1 does not allow there" art/svg-unknown-attribute.md
svg misplaced-attribute '<g width="5"><rect width="5" height="5"/></g>'
kept_out svg-misplaced-attribute "SVG image 'misplaced-attribute\.svg' holds the attribute width on <g>, which SVG 1.1 does not allow there" art/svg-misplaced-attribute.md
svg image-without-size '<defs><rect id="r" width="5" height="5"/></defs><image xlink:href="#r"/>'
kept_out svg-missing-required-attribute "SVG image 'image-without-size\.svg' has <image> without its height attribute, which SVG 1.1 requires" art/svg-image-without-size.md
svg misplaced-element '<stop offset="0" stop-color="red"/>'
kept_out svg-misplaced-element "SVG image 'misplaced-element\.svg' holds <stop> inside <svg>, where SVG 1.1 does not allow it" art/svg-misplaced-element.md
}
case_svg_prologue() {
svg stylesheet-pi '<rect width="5" height="5"/>' '<?xml-stylesheet href="https://evil.example/a.css"?>'
kept_out svg-stylesheet-pi "SVG image 'stylesheet-pi\.svg' holds a processing instruction \(<\?xml-stylesheet\?>\)" art/svg-stylesheet-pi.md
svg doctype '<rect width="5" height="5"/>' '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">'
book svg-doctype "warning: art/svg-doctype\.md:8: SVG image 'doctype\.svg' has a DOCTYPE, which EPUB does not allow: dropped" art/svg-doctype.md
unzip -p svg-doctype.epub EPUB/images/a001-1.svg | grepq DOCTYPE && fail "svg-doctype: the DOCTYPE was packed"
pass "svg-doctype: dropped"
svg doctype-subset '<rect width="5" height="5"/>' '<!DOCTYPE svg [<!ATTLIST svg a CDATA #IMPLIED>]>'
kept_out svg-doctype-internal-subset "SVG image 'doctype-subset\.svg' has a DOCTYPE with an internal subset" art/svg-doctype-subset.md
}
case_svg_animation() {
svg animate-href '<a><animate attributeName="href" values="javascript:alert(document.domain)"/><text y="20">click</text></a>'
kept_out svg-animate-href "SVG image 'animate-href\.svg' (holds a link|animates href)" art/svg-animate-href.md
svg animate-xlink-href '<defs><rect id="r" width="5" height="5"/></defs><use xlink:href="#r"><set attributeName="xlink:href" to="#r"/></use>'
kept_out svg-animate-xlink-href "SVG image 'animate-xlink-href\.svg' animates xlink:href; octavo packs only static SVG" art/svg-animate-xlink-href.md
svg set-event-handler '<rect width="5" height="5"/><set attributeName="onmouseover" to="alert(1)"/>'
kept_out svg-set-event-handler "SVG image 'set-event-handler\.svg' animates onmouseover; octavo packs only static SVG" art/svg-set-event-handler.md
svg javascript-value '<rect width="5" height="5"><animate attributeName="fill" values="javascript:alert(1)"/></rect>'
kept_out svg-javascript-url "SVG image 'javascript-value\.svg' holds a javascript: URL" art/svg-javascript-value.md
}
case_svg_references() {
svg link '<a xlink:href="#r"><title>Go</title><rect id="r" width="5" height="5"/></a>'
kept_out svg-link "SVG image 'link\.svg' holds a link \(<a>\)" art/svg-link.md
svg style-import '<style>@import url(https://evil.example/a.css);</style><rect width="5" height="5"/>'
kept_out svg-style-import "SVG image 'style-import\.svg' uses @import" art/svg-style-import.md
svg remote-fill '<rect fill="url(https://evil.example/p.svg#g)" width="5" height="5"/>'
kept_out svg-remote-url "SVG image 'remote-fill\.svg' refers to something outside the image \(url\(https://evil\.example" art/svg-remote-fill.md
svg remote-cursor '<rect style="cursor:url(https://evil.example/c.cur),auto" width="5" height="5"/>'
kept_out svg-remote-url-in-style "SVG image 'remote-cursor\.svg' refers to something outside the image" art/svg-remote-cursor.md
svg quoted-url "<defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"red\"/></linearGradient></defs><rect fill=\"url('#g')\" width=\"5\" height=\"5\"/>"
kept_out svg-quoted-url-in-attribute "SVG image 'quoted-url\.svg' has quotes or spaces in url\('#g'\), which epubcheck misreads" art/svg-quoted-url.md
}

# What real drawings hold passes: an Inkscape file with its own markup and RDF metadata, styles,
# a gradient and a clip path referred to by fragment, harmless animation.
case_svg_inkscape() {
cat >art/inkscape.svg <<'SVG'
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg width="40mm" height="20mm" viewBox="0 0 40 20" version="1.1" id="svg5"
   inkscape:version="1.2.2 (b0a8486541, 2022-12-01)" sodipodi:docname="drawing.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink" xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg" xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <title id="title1">Two boxes</title>
  <sodipodi:namedview id="namedview7" pagecolor="#ffffff" bordercolor="#666666"
     inkscape:showpageshadow="2" inkscape:document-units="mm" />
  <metadata id="metadata1"><rdf:RDF><cc:Work rdf:about=""><dc:format>image/svg+xml</dc:format>
    <dc:type rdf:resource="http://purl.org/dc/dcmitype/StillImage" /></cc:Work></rdf:RDF></metadata>
  <defs id="defs2">
    <style type="text/css"><![CDATA[ .box { stroke: #000; stroke-width: 0.5 } ]]></style>
    <linearGradient id="grad" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" stop-color="#c00" /><stop offset="1" stop-color="#00c" />
    </linearGradient>
    <clipPath id="clip"><rect x="0" y="0" width="40" height="20" /></clipPath>
  </defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1" clip-path="url(#clip)">
    <rect class="box" style="fill:url(#grad);fill-opacity:1" id="rect1" width="15" height="10" x="2" y="5" />
    <rect class="box" fill="url(#grad)" id="rect2" width="15" height="10" x="22" y="5">
      <animate attributeName="opacity" values="1;0.5;1" dur="2s" repeatCount="indefinite" />
    </rect>
    <use xlink:href="#rect1" href="#rect1" transform="translate(0,2)" />
  </g>
</svg>
SVG
one svg-inkscape '![Two boxes](inkscape.svg)'
book svg-inkscape '' art/svg-inkscape.md
cmp -s <(unzip -p svg-inkscape.epub EPUB/images/a001-1.svg) art/inkscape.svg || fail "svg-inkscape: the SVG was changed"
pass "svg-inkscape: packed as it is"
}

# The site's root and the resource path widen where images may come from, never beyond them.
case_site_root_and_resource_path() {
mkdir -p site/_posts site/images res
: >site/_config.yml
cp art/plain.png site/images/ok.png
ln -sf ../../outside/secret.png site/images/link-out.png
ln -sf ../outside/secret.png res/link-out.png
post() { printf -- '---\ntitle: Site\nlang: en\n---\n\nText.\n\n%s\n' "$2" >"site/_posts/$1.md"; }
post dotdot-site-absolute '![x](/../../etc/passwd)'
kept_out site-absolute-climbing-out "warning: site/_posts/dotdot-site-absolute\.md:8: image path '/\.\./\.\./etc/passwd' leaves the site's root" site/_posts/dotdot-site-absolute.md
post climbing '![x](../../../../../etc/passwd)'
kept_out relative-climbing-out-of-site "image path '(\.\./)+etc/passwd' leaves the article's folder, the site's root" site/_posts/climbing.md
post link-site '![x](/images/link-out.png)'
kept_out symlink-out-of-site-root "image path '/images/link-out\.png' leads outside" site/_posts/link-site.md
post link-res '![x](link-out.png)'
kept_out symlink-out-of-resource-path "image path 'link-out\.png' leads outside 'res' \(a link\)" site/_posts/link-res.md --resource-path res
post ok '![A picture](/images/ok.png)'
REFUSE_RC=2 refuse site-root-is-filesystem-root "^octavo: --site-root: '/' is the root of the file system" site/_posts/ok.md --site-root /
REFUSE_RC=2 refuse resource-path-is-filesystem-root "^octavo: --resource-path: '/' is the root of the file system" site/_posts/ok.md --resource-path res:/
REFUSE_RC=2 refuse resource-path-not-a-folder "^octavo: --resource-path: 'nowhere' is not a folder" site/_posts/ok.md --resource-path nowhere
book site-absolute-in-site '' site/_posts/ok.md
unzip -Z1 site-absolute-in-site.epub | grepq '^EPUB/images/a001-1.png' || fail "site-absolute-in-site: the image was not packed"
pass "site-absolute-in-site: packed from the site's root"
}

# Decompression bombs: headers claiming more than 100 million pixels (PNG, GIF, JPEG, WebP, AVIF)
# are refused before a pixel is decoded; an image that is not an image in a data: URI, or an SVG
# with script in one, is left out as a file would be.
case_image_bombs() {
cp "$SRC/tests/fixtures/images/photo.avif" art/
python3 - <<'PY'
import struct, zlib
def chunk(t, d):
    return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open('art/giga.png', 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 100000, 100000, 8, 0, 0, 0, 0))
                               + chunk(b'IDAT', zlib.compress(b'\0' * 100001 * 4)) + chunk(b'IEND', b''))
open('art/giga.gif', 'wb').write(b'GIF89a' + struct.pack('<HH', 65535, 65535) + b'\x00\x00\x00'
                               + b',\x00\x00\x00\x00\xff\xff\xff\xff\x00\x02\x02D\x01\x00;')
sof = b'\xff\xc0' + struct.pack('>HBHHB', 11, 8, 65535, 65535, 1) + b'\x01\x11\x00'
sos = b'\xff\xda' + struct.pack('>HB', 8, 1) + b'\x01\x00\x00\x3f\x00'
open('art/giga.jpg', 'wb').write(b'\xff\xd8' + sof + sos + b'\x00' * 64 + b'\xff\xd9')
# A lossless WebP whose header says 16384 x 16384.
bits = (16383) | (16383 << 14)
vp8l = b'\x2f' + struct.pack('<I', bits) + b'\x00' * 27
body = b'WEBP' + b'VP8L' + struct.pack('<I', len(vp8l)) + vp8l
open('art/giga.webp', 'wb').write(b'RIFF' + struct.pack('<I', len(body)) + body)
# The AVIF fixture, its size (the ispe property) made 60000 x 60000.
d = bytearray(open('art/photo.avif', 'rb').read())
i = d.find(b'ispe')
d[i + 8:i + 16] = struct.pack('>II', 60000, 60000)
open('art/giga.avif', 'wb').write(bytes(d))
PY
for f in giga.png giga.gif giga.jpg; do
    one "bomb-${f/./-}" "![x]($f)"
    kept_out "bomb-${f/./-}" "image '$f' claims [0-9]+x[0-9]+ pixels, more than the 100 million octavo decodes" "art/bomb-${f/./-}.md"
done
one bomb-giga-webp "![x](giga.webp)"
kept_out bomb-giga-webp "image 'giga\.webp' claims 16384x16384 pixels" art/bomb-giga-webp.md
one bomb-giga-avif "![x](giga.avif)"
kept_out bomb-giga-avif "image 'giga\.avif' (claims 60000x60000 pixels|cannot be decoded)" art/bomb-giga-avif.md
one data-html '![x](data:text/html,%3Cscript%3Ealert(1)%3C/script%3E)'
kept_out data-html "image 'data:text/html,.*' is of type text/html, not an image" art/data-html.md
one data-svg-script '![x](data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjxzY3JpcHQ+YWxlcnQoMSk8L3NjcmlwdD48L3N2Zz4=)'
kept_out data-svg-script "SVG image 'data:image/svg\+xml;base64,.*' holds a <script> element" art/data-svg-script.md
}

run_cases "$@"
