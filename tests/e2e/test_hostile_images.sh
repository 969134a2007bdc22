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

one missing '![A missing picture](nope.png)'
refuse missing-image "^octavo: art/missing\.md:8: image 'nope\.png': cannot read: No such file" art/missing.md
one passwd '![x](../../etc/passwd)'
refuse path-leaves-folder "^octavo: art/passwd\.md:8: image path '\.\./\.\./etc/passwd' leaves the article's folder" art/passwd.md
one sneaky '![x](sub/../../outside/secret.png)'
refuse path-leaves-folder-via-sub "leaves the article's folder" art/sneaky.md
one absolute '![x](/etc/passwd)'
refuse absolute-path "^octavo: art/absolute\.md:8: image path '/etc/passwd' is absolute" art/absolute.md
one protocol-relative '![x](//example.com/x.png)'
refuse protocol-relative-url "image path '//example\.com/x\.png' is absolute" art/protocol-relative.md
one link-out '![x](link-out.png)'
refuse symlink-out-of-folder "^octavo: art/link-out\.md:8: image path 'link-out\.png' leads outside the article's folder" art/link-out.md
one dir '![x](sub)'
refuse image-is-directory "image 'sub': is a directory" art/dir.md
one text '![x](not-an-image.png)'
refuse not-an-image "image 'not-an-image\.png' is not a JPEG, PNG, GIF or SVG file" art/text.md
for f in script onload remote entities; do
    one svg-$f "![x]($f.svg)"
done
refuse svg-script "SVG image 'script\.svg' holds a <script> element" art/svg-script.md
refuse svg-event-handler "SVG image 'onload\.svg' holds an event handler \(onload\)" art/svg-onload.md
refuse svg-remote-reference "SVG image 'remote\.svg' refers to something outside the image" art/svg-remote.md
refuse svg-entities "SVG image 'entities\.svg' declares XML entities" art/svg-entities.md
{ printf '\x89PNG\r\n\x1a\n'; head -c $((9 * 1024 * 1024)) /dev/zero; } >art/huge.png
one huge '![x](huge.png)'
refuse image-over-8mib "image 'huge\.png': is larger than 8 MiB" art/huge.md
rm art/huge.png

# Remote images are never fetched: kept as a link (http, https) or as text (other schemes).
one remote '![A remote picture](https://example.com/pic.png?a=<b>) ![Plain](http://example.com/p.png) ![local file](file:///etc/passwd)'
book remote-image "remote image 'https://example\.com/pic\.png.*' is not fetched; kept as a link" art/remote.md
unzip -Z1 remote-image.epub | grep '^EPUB/images/' | grep -qv '^EPUB/images/cover' && fail "remote-image: an image was packed"
xhtml remote-image.epub | grep -q '<img' && fail "remote-image: an img element was written"
xhtml remote-image.epub | grep -qF '<a href="https://example.com/pic.png?a=%3Cb%3E">A remote picture</a>' || fail "remote-image: no link"
unzip -p remote-image.epub EPUB/package.opf | grep -q remote-resources && fail "remote-image: remote-resources"
pass "remote-image: not fetched, kept as a link"

# Types come from the content; names are the book's own (images/a001-N.ext) whatever the file
# was called: spaces, non-ASCII letters, names equal after case folding.
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
