# Catalogue of bad inputs, environment faults (tests/hostile/README.md): missing or odd inputs,
# outputs that cannot be written, a full disk, an output that is an input.
source "$(dirname "$0")/hostile_lib.sh"

printf -- '---\ntitle: A book\nlang: en\n---\n\nBody.\n' >article.md
cp article.md article.orig
# The cases that replace a book compare it with one made afresh.
export SOURCE_DATE_EPOCH=1558396800
# big_md: writes big.md, an article of some 700 KB.
big_md() {
python3 -c "
import random; random.seed(5)
print('---\ntitle: Big enough\nlang: en\n---\n')
for i in range(3000): print(' '.join(random.choice(['alpha','beta','gamma','delta','*em*']) for _ in range(40)) + '\n')
" >big.md
}

case_inputs() {
refuse input-missing '^octavo: nope\.md: cannot read: No such file' nope.md
mkdir folder.md
refuse input-directory '^octavo: folder\.md: is a directory' folder.md
refuse input-device '^octavo: /dev/zero: is not a regular file' /dev/zero
mkfifo pipe.md
refuse input-fifo '^octavo: pipe\.md: is not a regular file' pipe.md
# A read that fails says why (an ifstream gave "read error"): /proc/self/mem is a regular file
# whose first page cannot be read.
refuse input-read-error '^octavo: /proc/self/mem: cannot read: Input/output error$' /proc/self/mem --title M
refuse metadata-file-directory '^octavo: folder\.md: is a directory' article.md --metadata-file folder.md
}

# The output's folder does not exist: nothing is created.
case_output_folder_missing() {
rc=0
"$OCTAVO" article.md -o "$WORK/no/such/folder/book.epub" 2>err || rc=$?
[ "$rc" = 1 ] && grep -q "^octavo: $WORK/no/such/folder/book\.epub: cannot write the book: the folder $WORK/no/such/folder/ does not exist" err || fail "output-folder-missing: exit $rc $(cat err)"
[ ! -e "$WORK/no" ] || fail "output-folder-missing: something was created"
pass "output-folder-missing: $(cat err)"
}
# The current folder was deleted (a shell stood in it while another removed it): said before the
# book is made, for -o and for the name made from the title. It was libzip's "Failure to create
# temporary file: No such file or directory", once the book was made.
case_output_folder_deleted() {
for out in book.epub ''; do
    rc=0
    (mkdir "$WORK/gone" && cd "$WORK/gone" && rmdir "$WORK/gone" && "$OCTAVO" "$WORK/article.md" ${out:+-o "$out"}) 2>err || rc=$?
    [ "$rc" = 1 ] && grep -qx "octavo: ${out:-a-book.epub}: cannot write the book: the current folder does not exist (it was deleted)" err ||
        fail "output-folder-deleted (${out:-no -o}): exit $rc $(cat err)"
done
pass "output-folder-deleted: $(cat err)"
}
# A folder where no file can be made: octavo's words, with the reason, not libzip's.
case_output_folder_unwritable() {
rc=0
"$OCTAVO" article.md -o /proc/book.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -qx 'octavo: /proc/book\.epub: cannot write the book: cannot create a file in the folder /proc/: No such file or directory' err ||
    fail "output-folder-unwritable: exit $rc $(cat err)"
pass "output-folder-unwritable: $(cat err)"
}

# The output is a device: written into, as standard output is, never replaced; /dev/full says
# its disk is full. A folder is refused.
case_output_dev_full() {
rc=0
"$OCTAVO" article.md -o /dev/full 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: /dev/full: cannot write the book: No space left on device' err || fail "output-dev-full: exit $rc $(cat err)"
[ -c /dev/full ] || fail "output-dev-full: /dev/full is no longer a device"
[ -z "$(find /dev -maxdepth 1 -name 'full.*' 2>/dev/null)" ] || fail "output-dev-full: temporary file left in /dev"
pass "output-dev-full: $(cat err)"
}
case_output_dev_null() {
rc=0
"$OCTAVO" article.md -o /dev/null 2>err || rc=$?
[ "$rc" = 0 ] && [ -c /dev/null ] || fail "output-dev-null: exit $rc $(cat err)"
[ -z "$(find /dev -maxdepth 1 -name 'null.*' 2>/dev/null)" ] || fail "output-dev-null: temporary file left in /dev"
pass "output-dev-null: written, /dev/null still a device"
}
case_output_directory() {
mkdir -p folder.md
rc=0
"$OCTAVO" article.md -o folder.md 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: folder\.md: cannot write the book: is a directory' err || fail "output-directory: exit $rc $(cat err)"
pass "output-directory: $(cat err)"
}

# A full disk, simulated with a file size limit (the write fails with EFBIG as it would with
# ENOSPC): exit 1, the earlier book intact, no temporary file.
case_disk_full() {
big_md
printf 'an earlier book\n' >full.epub
rc=0
# SIGXFSZ has its default action, which kills (as in a shell that does not ignore it): octavo
# ignores it itself, so the write fails with EFBIG and the clean-up runs (it used to be killed,
# exit 153, with no message and the partial temporary file left).
rc=0
python3 -c '
import resource, signal, subprocess, sys
def limit():
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
sys.exit(subprocess.call(sys.argv[1:], preexec_fn=limit, restore_signals=False))
' "$OCTAVO" big.md -o full.epub 2>err || rc=$?
[ "$rc" = 1 ] && grep -qx 'octavo: full\.epub: cannot write the book: File too large' err || fail "disk-full: exit $rc $(cat err)"
[ "$(cat full.epub)" = 'an earlier book' ] || fail "disk-full: the earlier book was changed"
no_leftovers
pass "disk-full: $(cat err)"
}

# The output is one of the inputs (same path, a symbolic link, a hard link, the metadata file):
# refused, the input untouched.
case_output_is_input() {
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
}

# The output is another file the book is made from: an article's image, the cover (--cover, or
# cover-image in front matter, the metadata file or the volume file), the stylesheet, the volume
# file; also through a symbolic or a hard link. Refused before anything is written.
case_output_is_source() {
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
printf -- '---\ntitle: Pictured\nlang: en\n---\n\n<img src="photo.png" alt="A photo">\n' >pictured-html.md
keeps_input output-is-raw-html-image "^octavo: pictured-html\.md:6: image 'photo\.png' is the output file photo\.png" photo.png --no-cover pictured-html.md
keeps_input output-is-cover "^octavo: command line: cover image 'cover\.jpg' is the output file cover\.jpg: the book would overwrite its input" cover.jpg article.md --cover cover.jpg
keeps_input output-is-cover-symlink "^octavo: command line: cover image 'cover\.jpg' is the output file cover-link\.epub" cover-link.epub article.md --cover cover.jpg
keeps_input output-is-front-matter-cover "^octavo: covered\.md:4: cover image 'cover\.jpg' is the output file" cover.jpg covered.md
keeps_input output-is-metadata-cover "^octavo: cover-meta\.yaml:1: cover image 'cover\.jpg' is the output file" cover.jpg article.md --metadata-file cover-meta.yaml
keeps_input output-is-volume-cover "^octavo: vol\.yaml:2: cover image 'cover\.jpg' is the output file" cover.jpg vol.yaml
keeps_input output-is-volume-file '^octavo: vol\.yaml: the book would overwrite its input vol\.yaml' vol.yaml vol.yaml
keeps_input output-is-stylesheet '^octavo: my\.css: the book would overwrite its input my\.css' my.css --no-cover article.md --css my.css
}

# SOURCE_DATE_EPOCH before 1970 or past 9999-12-31T23:59:59Z, which dcterms:modified cannot give:
# a usage error. The last second is a book; its zip entries carry 2107-12-31, the last DOS date,
# and SOURCE_DATE_EPOCH=0 gives 1980-01-01, the first: clamped, never wrapped.
case_source_date_epoch() {
for t in year-10000:253402300800 year-3170843:99999999999999 negative:-1 overflow:99999999999999999999; do
    REFUSE_RC=2 SOURCE_DATE_EPOCH=${t#*:} refuse "source-date-epoch-${t%%:*}" "^octavo: SOURCE_DATE_EPOCH '${t#*:}' is out of range: give seconds from 0 \(1970-01-01T00:00:00Z\) to 253402300799 \(9999-12-31T23:59:59Z\)" article.md
done
SOURCE_DATE_EPOCH=253402300799 book source-date-epoch-last '' article.md
unzip -p source-date-epoch-last.epub EPUB/package.opf | grepq '<meta property="dcterms:modified">9999-12-31T23:59:59Z</meta>' || fail "source-date-epoch-last: dcterms:modified"
[ "$(zipinfo -T source-date-epoch-last.epub | grep -c ' 21071231\.23595[89] ')" = "$(zipinfo -1 source-date-epoch-last.epub | wc -l)" ] || fail "source-date-epoch-last: zip dates $(zipinfo -T source-date-epoch-last.epub)"
SOURCE_DATE_EPOCH=0 book source-date-epoch-zero '' article.md
[ "$(zipinfo -T source-date-epoch-zero.epub | grep -c ' 19800101\.000000 ')" = "$(zipinfo -1 source-date-epoch-zero.epub | wc -l)" ] || fail "source-date-epoch-zero: zip dates $(zipinfo -T source-date-epoch-zero.epub)"
pass "source-date-epoch: 9999-12-31T23:59:59Z in the package, zip dates clamped to 2107 and 1980"
}

# A successful run replaces an earlier book in one step and leaves nothing else behind.
case_replace() {
printf 'an earlier book\n' >replace.epub
book replace-earlier-book '' article.md
"$OCTAVO" article.md -o replace.epub
[ "$(head -c 2 replace.epub)" = PK ] || fail "replace-earlier-book: not replaced"
cmp -s replace.epub replace-earlier-book.epub || fail "replace-earlier-book: differs from a fresh book"
no_leftovers
pass "replace-earlier-book: replaced"
# A replaced book keeps its permissions, but never a setuid, setgid or sticky bit (they were
# copied: 6755 gave -rwsr-sr-x); as root, it keeps its owner and group, as sed -i and install do
# (a user's book became root's).
printf 'an earlier book\n' >special.epub
chmod 7755 special.epub
"$OCTAVO" article.md -o special.epub
[ "$(stat -c %a special.epub)" = 755 ] || fail "replace-special-bits: $(stat -c %A special.epub)"
# The owner is kept only by root, as CI and the set-up commands run.
[ "$(id -u)" = 0 ] || fail "replace-owner: run the tests as root (scripts/test.sh does)"
printf 'an earlier book\n' >owned.epub
chown 65534:65533 owned.epub
chmod 640 owned.epub
"$OCTAVO" article.md -o owned.epub
[ "$(stat -c '%u:%g %a' owned.epub)" = '65534:65533 640' ] && cmp -s owned.epub replace.epub ||
    fail "replace-owner: $(stat -c '%u:%g %a' owned.epub)"
no_leftovers
pass "replace-special-bits, replace-owner: -rwxr-xr-x, and the owner and group kept"
}

# The output is a symbolic link: the book replaces the file it points to (relative to the
# link's folder, through a chain, or a dangling link's target), as cp, gcc -o and pandoc -o do;
# the links stay links. It used to replace the link itself with a regular file.
case_output_symlink() {
mkdir -p books
printf 'an earlier book\n' >books/target.epub
ln -sfn books/target.epub link.epub
ln -sfn ../link.epub books/chain.epub
ln -sfn new.epub books/dangling.epub
for out in link.epub books/chain.epub books/dangling.epub; do
    rc=0
    "$OCTAVO" article.md -o "$out" 2>err || rc=$?
    [ "$rc" = 0 ] && [ -L "$out" ] || fail "output-symlink ($out): exit $rc, link kept: $([ -L "$out" ] && echo yes || echo no) $(cat err)"
    no_leftovers
done
[ "$(head -c 2 books/target.epub)" = PK ] || fail "output-symlink: the target was not written"
check_book books/new.epub
pass "output-symlink: the targets written, link.epub, books/chain.epub and books/dangling.epub still links"
}

# The output is standard output by name (/dev/stdout, /dev/fd/1, /proc/self/fd/1), a pipe or a
# FIFO: the book is made in memory and written into it, as with -o -; nothing is renamed over it.
# /dev/stdout is tried in a private mount namespace over a copy of /dev, so that a regression
# could not turn the machine's /dev/stdout into a regular file (it did, as root).
case_output_stream() {
mkdir fakedev
cp -a /dev/stdout /dev/null fakedev/
unshare -m --propagation private bash -c "mount --bind '$WORK/fakedev' /dev &&
    '$OCTAVO' article.md -o /dev/stdout >via-dev-stdout.epub 2>err; echo \$? >rc; [ -L /dev/stdout ] && echo link >kind"
[ "$(cat rc)" = 0 ] && [ "$(cat kind)" = link ] || fail "output-dev-stdout: exit $(cat rc), /dev/stdout $(cat kind 2>/dev/null) $(cat err)"
[ -L fakedev/stdout ] && [ "$(ls fakedev)" = "$(printf 'null\nstdout')" ] || fail "output-dev-stdout: /dev changed: $(ls -l fakedev)"
check_book via-dev-stdout.epub
pass "output-dev-stdout: the book on standard output, /dev/stdout still a link"
for out in /dev/fd/1 /proc/self/fd/1; do
    name=$(tr / - <<<"$out")
    # An earlier file longer than the book, opened for appending: emptied, then the book.
    head -c 100000 /dev/zero | tr '\0' x >"stdout$name.epub"
    rc=0
    "$OCTAVO" article.md -o "$out" >>"stdout$name.epub" 2>err || rc=$?
    [ "$rc" = 0 ] || fail "output$name: exit $rc $(cat err)"
    cmp -s "stdout$name.epub" via-dev-stdout.epub || fail "output$name: not the same book as -o /dev/stdout"
    rc=0
    "$OCTAVO" article.md -o "$out" 2>err | cat >"pipe$name.epub" || rc=$?
    [ "$rc" = 0 ] && cmp -s "pipe$name.epub" via-dev-stdout.epub || fail "output$name (a pipe): exit $rc $(cat err)"
done
mkfifo book.fifo
cat book.fifo >via-fifo.epub &
reader=$!
rc=0
timeout 60 "$OCTAVO" article.md -o book.fifo 2>err || rc=$?
wait "$reader"
[ "$rc" = 0 ] && [ -p book.fifo ] && cmp -s via-fifo.epub via-dev-stdout.epub || fail "output-fifo: exit $rc $(cat err)"
no_leftovers
pass "output-stream: /dev/fd/1, /proc/self/fd/1 (to a file and a pipe) and a FIFO written like -o -"
}

# A signal while the book is written (SIGINT, SIGTERM, SIGHUP, SIGQUIT, with their default
# actions, as from a terminal or kill): the temporary file is removed, the earlier book stays,
# and octavo dies of the signal (128+N in a shell). The signal is sent once the temporary file
# exists, and the volume (3,000 articles) takes far longer to write than the 1 ms poll.
case_signal_during_write() {
bash "$SRC/scripts/generate-articles.sh" 3000 arts md >/dev/null
printf 'an earlier book\n' >signalled.epub
for sig in INT TERM HUP QUIT; do
    python3 - "$sig" "$OCTAVO" -q --no-cover arts/*.md --title Big -o signalled.epub <<'PY' || fail "signal-during-write ($sig)"
import glob, resource, signal, subprocess, sys, time
sig = getattr(signal, 'SIG' + sys.argv[1])
def defaults():
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(s, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
# The temporary file lives for some 10 ms: on a loaded machine the poll or the signal can miss
# it, and octavo finishes the book. That run proves nothing, so it is made again (5 times at most).
for attempt in range(5):
    with open('signalled.epub', 'w') as f:
        f.write('an earlier book\n')
    p = subprocess.Popen(sys.argv[2:], preexec_fn=defaults)
    deadline = time.monotonic() + 300
    while not glob.glob('signalled.epub.??????') and p.poll() is None:
        if time.monotonic() > deadline:
            p.kill()
            sys.exit('no temporary file after 300 s')
        time.sleep(0.001)
    if p.poll() is None:
        p.send_signal(sig)
    rc = p.wait(timeout=300)
    if rc == -sig:
        break
    if rc != 0:
        sys.exit(f'exit {rc}, expected death by signal {sig}')
    print(f'note: octavo finished before the signal (run {attempt + 1}); again', file=sys.stderr)
else:
    sys.exit('octavo finished the book before the signal reached it, 5 times')
PY
    [ "$(cat signalled.epub)" = 'an earlier book' ] || fail "signal-during-write ($sig): the earlier book was changed"
    no_leftovers
    pass "signal-during-write ($sig): died of it, no temporary file, the earlier book intact"
done
}
# Output names of 249 to 255 bytes are valid: the temporary file beside the book, named BOOK.XXXXXX
# (7 bytes more), has the end of its stem cut to fit NAME_MAX, in the same folder, and is still
# removed on failure and on a signal (they failed with "File name too long"). 256 bytes are
# refused before anything is made.
case_output_name_long() {
big_md
bash "$SRC/scripts/generate-articles.sh" 3000 arts md >/dev/null
mkdir long
name255=long/$(printf 'x%.0s' $(seq 250)).epub
name249=long/$(printf 'y%.0s' $(seq 244)).epub
printf 'an earlier book\n' >"$name255"
for out in "$name255" "$name249"; do
    rc=0 base=$(basename "$out")
    "$OCTAVO" article.md -o "$out" 2>err || rc=$?
    [ "$rc" = 0 ] || fail "output-name-long (${#base} bytes): exit $rc $(cat err)"
    check_book "$out"
done
[ "$(ls long | wc -l)" = 2 ] || fail "output-name-long: left in the folder: $(ls long)"
rc=0
"$OCTAVO" article.md -o "long/x$(basename "$name255")" 2>err || rc=$?
[ "$rc" = 1 ] && grep -q 'cannot write the book: its name is 256 bytes long, and a file name has at most 255$' err ||
    fail "output-name-256-bytes: exit $rc $(cat err)"
[ "$(ls long | wc -l)" = 2 ] || fail "output-name-256-bytes: left in the folder: $(ls long)"
printf 'an earlier book\n' >"$name255"
rc=0
python3 -c '
import resource, signal, subprocess, sys
def limit():
    signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
sys.exit(subprocess.call(sys.argv[1:], preexec_fn=limit, restore_signals=False))
' "$OCTAVO" big.md -o "$name255" 2>err || rc=$?
[ "$rc" = 1 ] && grep -q 'cannot write the book: .*File too large' err || fail "output-name-long (disk full): exit $rc $(cat err)"
[ "$(cat "$name255")" = 'an earlier book' ] && [ "$(ls long | wc -l)" = 2 ] ||
    fail "output-name-long (disk full): the earlier book changed, or left: $(ls long)"
python3 - "$OCTAVO" -q --no-cover arts/*.md --title Big -o "$name255" <<'PY' || fail "output-name-long (signal)"
import os, signal, subprocess, sys, time
def defaults():
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
before = set(os.listdir('long'))
book = sys.argv[sys.argv.index('-o') + 1]
for attempt in range(5):  # again if octavo finished before the signal (see signal-during-write)
    with open(book, 'w') as f:
        f.write('an earlier book\n')
    p = subprocess.Popen(sys.argv[1:], preexec_fn=defaults)
    deadline = time.monotonic() + 300
    while not (temp := set(os.listdir('long')) - before) and p.poll() is None:
        if time.monotonic() > deadline:
            p.kill()
            sys.exit('no temporary file after 300 s')
        time.sleep(0.001)
    if p.poll() is None:
        p.send_signal(signal.SIGTERM)
    rc = p.wait(timeout=300)
    if rc == -signal.SIGTERM and temp:
        break
    if rc != 0 and rc != -signal.SIGTERM:
        sys.exit(f'exit {rc}, expected death by SIGTERM')
    print(f'note: octavo finished before the signal (run {attempt + 1}); again', file=sys.stderr)
else:
    sys.exit('octavo finished the book before the signal reached it, 5 times')
t = temp.pop()
if len(t) != 255 or not t.startswith('x' * 243 + '.epub.'):
    sys.exit(f'the temporary file was named {t!r}')
if set(os.listdir('long')) != before:
    sys.exit(f'left in the folder: {set(os.listdir("long")) - before}')
PY
[ "$(cat "$name255")" = 'an earlier book' ] || fail "output-name-long (signal): the earlier book was changed"
no_leftovers
pass "output-name-long: 255- and 249-byte names written; the temporary file (xxx...x.epub.XXXXXX, 255 bytes) removed on a full disk and on SIGTERM; 256 bytes refused"
}

# --validate with -o -: the copy epubcheck reads (in TMPDIR) is removed too. The stand-in
# epubcheck says when it runs (the copy exists then) and is stopped by the test.
case_signal_during_validate() {
# arts/0001.md, the same for any number of articles.
bash "$SRC/scripts/generate-articles.sh" 1 arts md >/dev/null
mkdir tmp
printf '#!/bin/sh\necho $$ >"%s/checker.pid"\nexec sleep 300\n' "$WORK" >slow-epubcheck.sh
chmod +x slow-epubcheck.sh
EPUBCHECK=$WORK/slow-epubcheck.sh TMPDIR=$WORK/tmp python3 - "$OCTAVO" -q arts/0001.md --validate -o - <<'PY' || fail "signal-during-validate"
import os, signal, subprocess, sys, time
def defaults():
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
p = subprocess.Popen(sys.argv[1:], preexec_fn=defaults, stdout=open('validated.epub', 'wb'))
deadline = time.monotonic() + 300
while not os.path.exists('checker.pid') or not os.listdir('tmp'):
    if p.poll() is not None or time.monotonic() > deadline:
        sys.exit(f'epubcheck did not start (exit {p.poll()})')
    time.sleep(0.001)
p.send_signal(signal.SIGTERM)
rc = p.wait(timeout=300)
time.sleep(0.1)
os.kill(int(open('checker.pid').read()), signal.SIGKILL)
if rc != -signal.SIGTERM:
    sys.exit(f'exit {rc}')
if os.listdir('tmp'):
    sys.exit(f'left in TMPDIR: {os.listdir("tmp")}')
PY
pass "signal-during-validate: the copy for epubcheck removed"
}

# Out of memory (a small address space): a message and exit 1, never an abort (it was
# "terminate called after throwing an instance of 'std::bad_alloc'", exit 134), the earlier book
# intact and no temporary file. Not under AddressSanitizer, which needs terabytes of address space.
case_out_of_memory() {
bash "$SRC/scripts/generate-articles.sh" 3000 arts md >/dev/null
if ! nm -D "$OCTAVO" 2>/dev/null | grepq -w __asan_init; then
    { echo "title: T"; echo "articles:"; for f in arts/*.md; do echo "  - $f"; done; } >vol.yaml
    printf 'an earlier book\n' >oom.epub
    said=0
    for kb in 20000 30000 40000 50000 70000; do
        rc=0
        (
            ulimit -v "$kb"
            exec "$OCTAVO" -q --no-cover vol.yaml -o oom.epub
        ) 2>err || rc=$?
        case $rc in
        0) ;;
        1) grepq -E '^octavo: ' err || fail "out-of-memory ($kb KB): exit 1 without a message: $(cat err)" ;;
        *) fail "out-of-memory ($kb KB): exit $rc: $(head -c 300 err)" ;;
        esac
        grep -q '^octavo: .*out of memory' err && said=$((said + 1))
        [ "$rc" = 0 ] || [ "$(cat oom.epub)" = 'an earlier book' ] || fail "out-of-memory ($kb KB): the earlier book was changed"
        no_leftovers
    done
    [ "$said" -gt 0 ] || fail "out-of-memory: no limit gave 'out of memory'"
    pass "out-of-memory: exit 1 with a message at every limit ($said times 'out of memory')"
fi
}

run_cases "$@"
