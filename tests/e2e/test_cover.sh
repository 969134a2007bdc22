# Covers: a book given none gets a generated PNG cover, the same bytes every time; --cover takes
# a JPEG or PNG; --no-cover leaves it out; anything else is refused.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
printf -- '---\ntitle: A Book Given No Cover\nauthor: [Ann Author, Bo Writer]\nlang: en\n---\n\nText.\n' >plain.md

case_generated() {
SOURCE_DATE_EPOCH=1 "$OCTAVO" plain.md -o gen.epub
opf=$(unzip -p gen.epub EPUB/package.opf)
grep -q '<item id="images-cover-png" href="images/cover.png" media-type="image/png" properties="cover-image" />' <<<"$opf" ||
    fail "no generated cover-image item"
# Read whole: under pipefail, unzip -p | head fails when head leaves before unzip has written all.
unzip -p gen.epub EPUB/images/cover.png >cover.png
head -c 8 cover.png | cmp -s - <(printf '\x89PNG\r\n\x1a\n') ||
    fail "the generated cover is not a PNG"
size=$(od -An -tu1 -j16 -N8 cover.png | tr -s ' ')
[ "$size" = " 0 0 4 176 0 0 7 8" ] || fail "the generated cover is not 1200x1800 ($size)"
validate gen.epub
sleep 1
SOURCE_DATE_EPOCH=1 TZ=Asia/Tokyo "$OCTAVO" plain.md -o gen2.epub
cmp gen.epub gen2.epub || fail "the generated cover differs between runs"
pass "a generated 1200x1800 PNG cover, the same bytes twice"
}

case_none() {
"$OCTAVO" plain.md --no-cover -o none.epub
! unzip -p none.epub EPUB/package.opf | grepq 'cover' || fail "--no-cover left a cover"
! unzip -Z1 none.epub | grepq cover || fail "--no-cover left a cover file"
pass "--no-cover: no cover"
}

case_given() {
"$OCTAVO" plain.md --cover "$SRC/tests/fixtures/rich/cover.jpg" -o given.epub
unzip -p given.epub EPUB/package.opf | grepq 'href="images/cover.jpg" media-type="image/jpeg" properties="cover-image"' ||
    fail "--cover FILE is not the cover-image"
pass "--cover FILE becomes the cover-image"
}

case_refused() {
rc=0
"$OCTAVO" plain.md --cover plain.md -o bad.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "cover image 'plain.md' is not a JPEG or PNG file" err && [ ! -e bad.epub ] ||
    fail "a cover that is not an image: exit $rc, $(cat err)"
rc=0
"$OCTAVO" plain.md --cover x.png --no-cover -o bad.epub 2>err || rc=$?
[ "$rc" = 2 ] || fail "--cover with --no-cover: exit $rc"
pass "a non-image cover is refused (exit 1); --cover with --no-cover is a usage error (exit 2)"
}

# FreeType, HarfBuzz, cairo, pango and their libraries are in the cover modules, loaded only to
# draw a cover.
case_module() {
! ldd "$OCTAVO" | grep -E 'libcairo|libpango|libglib|libfontconfig|libfreetype|libharfbuzz' ||
    fail "octavo links the cover's libraries"
mkdir -p alone/bin && cp "$OCTAVO" alone/bin/octavo
rc=0
alone/bin/octavo plain.md -o alone.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "cannot draw the cover: the cover module liboctavo-cover.so is not installed" err &&
    [ ! -e alone.epub ] || fail "without its cover module: exit $rc, $(cat err)"
alone/bin/octavo plain.md --no-cover -o alone.epub && validate alone.epub
# A module that is there but cannot be loaded (broken, a library it needs missing, no memory to
# map it): its own error, not "not installed" from the last place tried.
mkdir -p broken/bin && cp "$OCTAVO" broken/bin/octavo
printf 'not a shared object\n' >broken/bin/liboctavo-cover.so
rc=0
broken/bin/octavo plain.md -o broken.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "the cover module liboctavo-cover.so cannot be loaded (.*broken/bin/liboctavo-cover.so: .*)" err &&
    [ ! -e broken.epub ] || fail "a broken cover module: exit $rc, $(cat err)"
# The pango module draws only what the first leaves to it: a Latin title needs it not, an Arabic
# one does, and says so when it is missing.
mkdir -p nopango/bin && cp "$OCTAVO" "$(dirname "$OCTAVO")/liboctavo-cover.so" nopango/bin/
nopango/bin/octavo plain.md -o nopango.epub || fail "a Latin title needed the pango module"
printf -- '---\ntitle: \xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86\nlang: ar\n---\n\nText.\n' >arabic.md
rc=0
nopango/bin/octavo arabic.md -o nopango-ar.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "the cover module liboctavo-cover-pango.so is not installed" err &&
    [ ! -e nopango-ar.epub ] || fail "an Arabic title without the pango module: exit $rc, $(cat err)"
"$OCTAVO" arabic.md -o arabic.epub && validate arabic.epub
pass "the cover's libraries load only with the cover modules; without them, a clear error or --no-cover"
}

run_cases "$@"
