# Catalogue of bad inputs, environment faults (tests/hostile/README.md): missing or odd inputs,
# outputs that cannot be written, a full disk, an output that is an input.
source "$(dirname "$0")/hostile_lib.sh"

printf -- '---\ntitle: A book\nlang: en\n---\n\nBody.\n' >article.md
cp article.md article.orig

refuse input-missing '^octavo: nope\.md: cannot read: No such file' nope.md
mkdir folder.md
refuse input-directory '^octavo: folder\.md: is a directory' folder.md
refuse input-device '^octavo: /dev/zero: is not a regular file' /dev/zero
mkfifo pipe.md
refuse input-fifo '^octavo: pipe\.md: is not a regular file' pipe.md
refuse metadata-file-directory '^octavo: folder\.md: is a directory' article.md --metadata-file folder.md

# The output's folder does not exist: nothing is created.
rc=0
"$OCTAVO" article.md -o "$WORK/no/such/folder/book.epub" 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "^octavo: $WORK/no/such/folder/book\.epub: cannot write the book: the folder $WORK/no/such/folder/ does not exist" err || fail "output-folder-missing: exit $rc $(cat err)"
[ ! -e "$WORK/no" ] || fail "output-folder-missing: something was created"
pass "output-folder-missing: $(cat err)"

# The output is a device (/dev/full) or a folder: refused before anything is written.
rc=0
"$OCTAVO" article.md -o /dev/full 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: /dev/full: cannot write the book: not a regular file' err || fail "output-dev-full: exit $rc $(cat err)"
[ -c /dev/full ] || fail "output-dev-full: /dev/full is no longer a device"
[ -z "$(find /dev -maxdepth 1 -name 'full.*' 2>/dev/null)" ] || fail "output-dev-full: temporary file left in /dev"
pass "output-dev-full: $(cat err)"
rc=0
"$OCTAVO" article.md -o folder.md 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: folder\.md: cannot write the book: is a directory' err || fail "output-directory: exit $rc $(cat err)"
pass "output-directory: $(cat err)"

# A full disk, simulated with a file size limit (the write fails with EFBIG as it would with
# ENOSPC): exit 1, the earlier book intact, no temporary file.
python3 -c "
import random; random.seed(5)
print('---\ntitle: Big enough\nlang: en\n---\n')
for i in range(3000): print(' '.join(random.choice(['alpha','beta','gamma','delta','*em*']) for _ in range(40)) + '\n')
" >big.md
printf 'an earlier book\n' >full.epub
rc=0
(
    ulimit -f 64
    trap '' XFSZ
    exec "$OCTAVO" big.md -o full.epub
) 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: full\.epub: cannot write the book: .*File too large' err || fail "disk-full: exit $rc $(cat err)"
[ "$(cat full.epub)" = 'an earlier book' ] || fail "disk-full: the earlier book was changed"
no_leftovers
pass "disk-full: $(cat err)"

# The output is one of the inputs (same path, a symbolic link, a hard link, the metadata file):
# refused, the input untouched.
for how in same symlink hardlink; do
    case $how in
    same) out=article.md ;;
    symlink) ln -sf article.md sym.epub && out=sym.epub ;;
    hardlink) ln -f article.md hard.epub && out=hard.epub ;;
    esac
    rc=0
    "$OCTAVO" article.md -o "$out" 2>err || rc=$?
    [ "$rc" = 1 ] && grep -q "^octavo: $out: the book would overwrite its input article\.md" err || fail "output-is-input ($how): exit $rc $(cat err)"
    cmp -s article.md article.orig || fail "output-is-input ($how): the article was changed"
    no_leftovers
    pass "output-is-input ($how): $(cat err)"
done
printf 'title: From a file\n' >meta.yaml
cp meta.yaml meta.orig
rc=0
"$OCTAVO" article.md --metadata-file meta.yaml -o meta.yaml 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: meta\.yaml: the book would overwrite its input meta\.yaml' err || fail "output-is-metadata-file: exit $rc $(cat err)"
cmp -s meta.yaml meta.orig || fail "output-is-metadata-file: the metadata file was changed"
pass "output-is-metadata-file: $(cat err)"

# The output is another file the book is made from: an article's image, the cover (--cover, or
# cover-image in front matter, the metadata file or the volume file), the stylesheet, the volume
# file; also through a symbolic or a hard link. Refused before anything is written.
cp "$SRC/tests/fixtures/rich/ferries.png" photo.png
cp "$SRC/tests/fixtures/rich/cover.jpg" cover.jpg
printf -- '---\ntitle: Pictured\nlang: en\n---\n\n![A photo](photo.png)\n' >pictured.md
printf -- '---\ntitle: Covered\nlang: en\ncover-image: cover.jpg\n---\n\nBody.\n' >covered.md
printf 'body { margin: 0 }\n' >my.css
printf 'cover-image: cover.jpg\n' >cover-meta.yaml
printf 'title: A volume\ncover-image: cover.jpg\narticles: [article.md]\n' >vol.yaml
ln -sf photo.png photo-link.epub
ln -f photo.png photo-hard.epub
ln -sf cover.jpg cover-link.epub
image_msg="^octavo: pictured\.md:6: image 'photo\.png' is the output file"
keeps_input output-is-image "$image_msg photo\.png: the book would overwrite its input" photo.png --no-cover pictured.md
keeps_input output-is-image-symlink "$image_msg photo-link\.epub" photo-link.epub --no-cover pictured.md
keeps_input output-is-image-hardlink "$image_msg photo-hard\.epub" photo-hard.epub --no-cover pictured.md
keeps_input output-is-cover "^octavo: command line: cover image 'cover\.jpg' is the output file cover\.jpg: the book would overwrite its input" cover.jpg article.md --cover cover.jpg
keeps_input output-is-cover-symlink "^octavo: command line: cover image 'cover\.jpg' is the output file cover-link\.epub" cover-link.epub article.md --cover cover.jpg
keeps_input output-is-front-matter-cover "^octavo: covered\.md:4: cover image 'cover\.jpg' is the output file" cover.jpg covered.md
keeps_input output-is-metadata-cover "^octavo: cover-meta\.yaml:1: cover image 'cover\.jpg' is the output file" cover.jpg article.md --metadata-file cover-meta.yaml
keeps_input output-is-volume-cover "^octavo: vol\.yaml:2: cover image 'cover\.jpg' is the output file" cover.jpg vol.yaml
keeps_input output-is-volume-file '^octavo: vol\.yaml: the book would overwrite its input vol\.yaml' vol.yaml vol.yaml
keeps_input output-is-stylesheet '^octavo: my\.css: the book would overwrite its input my\.css' my.css --no-cover article.md --css my.css

# SOURCE_DATE_EPOCH before 1970 or past 9999-12-31T23:59:59Z, which dcterms:modified cannot give:
# a usage error. The last second is a book; its zip entries carry 2107-12-31, the last DOS date,
# and SOURCE_DATE_EPOCH=0 gives 1980-01-01, the first: clamped, never wrapped.
for t in year-10000:253402300800 year-3170843:99999999999999 negative:-1 overflow:99999999999999999999; do
    REFUSE_RC=2 SOURCE_DATE_EPOCH=${t#*:} refuse "source-date-epoch-${t%%:*}" "^octavo: SOURCE_DATE_EPOCH '${t#*:}' is out of range: give seconds from 0 \(1970-01-01T00:00:00Z\) to 253402300799 \(9999-12-31T23:59:59Z\)" article.md
done
SOURCE_DATE_EPOCH=253402300799 book source-date-epoch-last '' article.md
unzip -p source-date-epoch-last.epub EPUB/package.opf | grepq '<meta property="dcterms:modified">9999-12-31T23:59:59Z</meta>' || fail "source-date-epoch-last: dcterms:modified"
[ "$(zipinfo -T source-date-epoch-last.epub | grep -c ' 21071231\.23595[89] ')" = "$(zipinfo -1 source-date-epoch-last.epub | wc -l)" ] || fail "source-date-epoch-last: zip dates $(zipinfo -T source-date-epoch-last.epub)"
SOURCE_DATE_EPOCH=0 book source-date-epoch-zero '' article.md
[ "$(zipinfo -T source-date-epoch-zero.epub | grep -c ' 19800101\.000000 ')" = "$(zipinfo -1 source-date-epoch-zero.epub | wc -l)" ] || fail "source-date-epoch-zero: zip dates $(zipinfo -T source-date-epoch-zero.epub)"
pass "source-date-epoch: 9999-12-31T23:59:59Z in the package, zip dates clamped to 2107 and 1980"

# A successful run replaces an earlier book in one step and leaves nothing else behind.
printf 'an earlier book\n' >replace.epub
export SOURCE_DATE_EPOCH=1558396800
book replace-earlier-book '' article.md
"$OCTAVO" article.md -o replace.epub
[ "$(head -c 2 replace.epub)" = PK ] || fail "replace-earlier-book: not replaced"
cmp -s replace.epub replace-earlier-book.epub || fail "replace-earlier-book: differs from a fresh book"
no_leftovers
pass "replace-earlier-book: replaced"
