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

# A successful run replaces an earlier book in one step and leaves nothing else behind.
printf 'an earlier book\n' >replace.epub
export SOURCE_DATE_EPOCH=1558396800
book replace-earlier-book '' article.md
"$OCTAVO" article.md -o replace.epub
[ "$(head -c 2 replace.epub)" = PK ] || fail "replace-earlier-book: not replaced"
cmp -s replace.epub replace-earlier-book.epub || fail "replace-earlier-book: differs from a fresh book"
no_leftovers
pass "replace-earlier-book: replaced"
