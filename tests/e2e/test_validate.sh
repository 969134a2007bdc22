# Built-in validation: --validate runs epubcheck on the book just written, --check on existing
# books; both print epubcheck's messages and fail on any fatal error, error or warning.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
unset EPUBCHECK
article=("$SRC"/article/*.md)
# file_epub: the article as file.epub, the good book the broken ones are made from.
file_epub() { SOURCE_DATE_EPOCH=1558396800 "$OCTAVO" "${article[@]}" -o file.epub; }
# Deliberately broken books, made from a good one with zip(1): unpack_book puts file.epub's files
# in unpacked/.
unpack_book() {
    file_epub
    rm -rf unpacked && mkdir unpacked
    (cd unpacked && unzip -q ../file.epub)
}
not_first_epub() { # PKG-006
    rm -f not-first.epub
    (cd unpacked && zip -q -X -D -r ../not-first.epub META-INF EPUB mimetype)
}
expect_check_failure() { # BOOK MESSAGE-ID VERDICT [EPUBCHECK]
    local rc=0
    EPUBCHECK=${4:-} "$OCTAVO" --check "$1" >out 2>err || rc=$?
    [ "$rc" = 1 ] || fail "--check $1: exit $rc, expected 1: $(cat out err)"
    grep -q "($2): $1" out || fail "--check $1: epubcheck's $2 not printed: $(cat out)"
    grep -qx "octavo: $1: epubcheck reported $3" err || fail "--check $1: verdict: $(cat err)"
    pass "--check $1 ${4:+(epubcheck 5) }exits 1: $(grep -m1 "($2)" out)"
}

# --validate on the article, with the default epubcheck (Debian's jar): its verdict, exit 0.
case_default_epubcheck() {
[ -f /usr/share/java/epubcheck.jar ] || fail "Debian's epubcheck is missing (run scripts/install-deps.sh test)"
rc=0
"$OCTAVO" --validate "${article[@]}" -o book.epub >out 2>err || rc=$?
[ "$rc" = 0 ] || fail "--validate: exit $rc: $(cat out err)"
grep -q '^No errors or warnings detected\.$' out || fail "--validate: no verdict from epubcheck: $(cat out)"
grep -qE '^Messages: 0 fatals / 0 errors / 0 warnings' out || fail "--validate: no summary: $(cat out)"
grep -qx 'octavo: book.epub: epubcheck reported no errors or warnings' err || fail "--validate: $(cat err)"
pass "--validate with Debian's epubcheck: $(grep '^Messages' out)"
}

# EPUBCHECK names a jar (epubcheck 5) or a command with arguments.
case_epubcheck_variable() {
rc=0
EPUBCHECK=$EPUBCHECK5_JAR "$OCTAVO" --validate "${article[@]}" -o book5.epub >out 2>err || rc=$?
[ "$rc" = 0 ] || fail "EPUBCHECK=jar: exit $rc: $(cat out err)"
grep -q 'EPUB version 3.3 rules' out || fail "EPUBCHECK=jar did not run epubcheck 5: $(cat out)"
pass "EPUBCHECK=epubcheck 5 jar: $(grep '^Messages' out)"
rc=0
EPUBCHECK="java -jar '$EPUBCHECK5_JAR' -u" "$OCTAVO" --check book5.epub >out 2>err || rc=$?
[ "$rc" = 0 ] || fail "EPUBCHECK=command: exit $rc: $(cat out err)"
grep -qE '^Messages: 0 fatals / 0 errors / 0 warnings / 0 infos / 0 usages$' out ||
    fail "EPUBCHECK=command did not pass its arguments: $(cat out)"
pass "EPUBCHECK=command with arguments: $(grep '^Messages' out)"
}

# -o - with --validate: the book on stdout, byte for byte; epubcheck's messages on stderr.
case_validate_stdout() {
export SOURCE_DATE_EPOCH=1558396800
"$OCTAVO" "${article[@]}" -o file.epub
rc=0
mkdir tmp
TMPDIR=$WORK/tmp "$OCTAVO" --validate "${article[@]}" -o - >stdout.epub 2>err || rc=$?
[ "$rc" = 0 ] || fail "--validate -o -: exit $rc: $(cat err)"
cmp -s stdout.epub file.epub || fail "--validate -o - changed the book on stdout"
grep -qE '^Messages: 0 fatals / 0 errors / 0 warnings' err || fail "--validate -o -: $(cat err)"
grep -qx 'octavo: standard output: epubcheck reported no errors or warnings' err || fail "$(cat err)"
[ -z "$(ls -A tmp)" ] || fail "--validate -o - left its temporary copy: $(ls tmp)"
pass "--validate -o -: the book on stdout, epubcheck's report on stderr"
unset SOURCE_DATE_EPOCH
}

case_not_first() {
unpack_book
not_first_epub
expect_check_failure not-first.epub PKG-006 "0 fatal errors, 1 error, 0 warnings"
expect_check_failure not-first.epub PKG-006 "0 fatal errors, 1 error, 0 warnings" "$EPUBCHECK5_JAR"
}
case_extra_field() {
unpack_book
(cd unpacked && zip -q -D ../extra-field.epub mimetype &&                       # PKG-005
    zip -q -X -D -r ../extra-field.epub META-INF EPUB)
expect_check_failure extra-field.epub PKG-005 "0 fatal errors, 1 error, 0 warnings"
}
case_deflated() {
unpack_book
# A compressed mimetype (PKG-007): zip(1) stores what deflate cannot shrink, so node writes it.
(cd unpacked && node -e '
    const fs = require("fs"), zlib = require("zlib");
    const crcTable = Array.from({length: 256}, (_, n) => {
        for (let k = 0; k < 8; k++) n = n & 1 ? 0xedb88320 ^ (n >>> 1) : n >>> 1;
        return n >>> 0;
    });
    const crc32 = (b) => { let c = ~0; for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8); return ~c >>> 0; };
    const out = [], central = [];
    let offset = 0;
    for (const name of process.argv.slice(1)) {
        const data = fs.readFileSync(name), packed = zlib.deflateRawSync(data), n = Buffer.from(name);
        const head = Buffer.alloc(30);
        head.writeUInt32LE(0x04034b50, 0); head.writeUInt16LE(20, 4); head.writeUInt16LE(8, 8);
        head.writeUInt16LE(0x21, 12); head.writeUInt32LE(crc32(data), 14);
        head.writeUInt32LE(packed.length, 18); head.writeUInt32LE(data.length, 22); head.writeUInt16LE(n.length, 26);
        const dir = Buffer.alloc(46);
        dir.writeUInt32LE(0x02014b50, 0); dir.writeUInt16LE(20, 4); dir.writeUInt16LE(20, 6);
        head.copy(dir, 8, 6, 30); dir.writeUInt32LE(offset, 42);
        out.push(head, n, packed); central.push(dir, n);
        offset += 30 + n.length + packed.length;
    }
    const cd = Buffer.concat(central), end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(central.length / 2, 8); end.writeUInt16LE(central.length / 2, 10);
    end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
    fs.writeFileSync("../deflated.epub", Buffer.concat([...out, cd, end]));
' mimetype $(unzip -Z1 ../file.epub | grep -v '^mimetype$'))
[ "$(od -An -tu2 -j 8 -N2 deflated.epub | tr -d ' ')" = 8 ] || fail "the test could not deflate mimetype"
unzip -tq deflated.epub >/dev/null || fail "the test wrote a broken zip"
expect_check_failure deflated.epub PKG-007 "0 fatal errors, 1 error, 0 warnings"
}
case_unlisted() {
unpack_book
cp file.epub unlisted.epub # a file missing from the manifest: only a warning (OPF-003)
(cd unpacked && echo stray >EPUB/stray.txt && zip -q -X -D ../unlisted.epub EPUB/stray.txt)
expect_check_failure unlisted.epub OPF-003 "0 fatal errors, 0 errors, 1 warning"
}

# Several books: fails when any fails; --quiet prints epubcheck's report only for a failure.
case_several_books() {
unpack_book
not_first_epub
rc=0
"$OCTAVO" --check -q file.epub not-first.epub >out 2>err || rc=$?
[ "$rc" = 1 ] || fail "--check good and bad: exit $rc"
grep -q 'PKG-006' out || fail "--check -q hid the failure: $(cat out)"
[ "$(grep -c '^Messages:' out)" = 1 ] || fail "--check -q printed the good book's report: $(cat out)"
rc=0
"$OCTAVO" --check --quiet file.epub >out 2>err || rc=$?
[ "$rc" = 0 ] && [ ! -s out ] && [ ! -s err ] || fail "--check -q on a good book: exit $rc, $(cat out err)"
pass "--check on several books; --quiet"
}

# Not a file: a FIFO (epubcheck would wait on it for ever), a directory, a device: refused at
# once, without starting epubcheck; the other books are still checked (one run: epubcheck's start
# is most of its time).
case_not_a_file() {
file_epub
rm -rf fifo.epub folder.epub && mkfifo fifo.epub && mkdir folder.epub
rc=0
timeout 60 "$OCTAVO" --check fifo.epub folder.epub /dev/zero file.epub >out 2>err || rc=$?
[ "$rc" = 1 ] || fail "--check with files that are not books: exit $rc, expected 1: $(cat err)"
for bad in fifo.epub folder.epub /dev/zero; do
    grep -qE "^octavo: $bad: is (a directory|not a regular file), not an EPUB$" err ||
        fail "--check $bad: $(cat err)"
    pass "--check $bad: $(grep "^octavo: $bad:" err)"
done
[ "$(grep -c '^Messages:' out)" = 1 ] || fail "--check: file.epub not checked: $(cat out)"
pass "--check: the book after them checked"
}

# --validate fails on a warning even when epubcheck exits 0 (a stand-in epubcheck).
case_validate_warning() {
rc=0
EPUBCHECK='printf "WARNING(OPF-003): %s(-1,-1): test\nMessages: 0 fatals / 0 errors / 1 warning / 0 infos\n"' \
    "$OCTAVO" --validate "${article[@]}" -o warned.epub >out 2>err || rc=$?
[ "$rc" = 1 ] || fail "--validate with a warning: exit $rc"
grep -q '^WARNING(OPF-003): warned.epub' out || fail "--validate did not print epubcheck's message: $(cat out)"
grep -qx 'octavo: warned.epub: epubcheck reported 0 fatal errors, 0 errors, 1 warning' err || fail "$(cat err)"
pass "--validate exits 1 on a warning"
}

# No epubcheck: a clear message on how to install it, exit 1.
case_no_epubcheck() {
file_epub
for bad in /nonexistent/epubcheck.jar no-such-epubcheck-command; do
    rc=0
    EPUBCHECK=$bad "$OCTAVO" --check file.epub >out 2>err || rc=$?
    [ "$rc" = 1 ] || fail "EPUBCHECK=$bad: exit $rc"
    grep -q 'apt-get install epubcheck' err || fail "EPUBCHECK=$bad: no install hint: $(cat err)"
    pass "EPUBCHECK=$bad: $(head -c 90 err)..."
done
rc=0
EPUBCHECK=/nonexistent/epubcheck.jar "$OCTAVO" --validate "${article[@]}" -o never.epub 2>err || rc=$?
[ "$rc" = 1 ] && [ ! -e never.epub ] || fail "--validate without epubcheck: exit $rc, or a book was written"
pass "--validate without epubcheck refuses before writing"
}

# Usage: --check takes books only; a missing book is bad input.
case_usage() {
file_epub
rc=0
"$OCTAVO" --check file.epub -o x.epub 2>err || rc=$?
[ "$rc" = 2 ] || fail "--check with -o: exit $rc"
rc=0
"$OCTAVO" --check 2>err || rc=$?
[ "$rc" = 2 ] || fail "--check without a book: exit $rc"
rc=0
"$OCTAVO" --check missing.epub >out 2>err || rc=$?
[ "$rc" = 1 ] && grep -q '^octavo: missing.epub: cannot read' err || fail "--check missing: exit $rc, $(cat err)"
pass "--check usage errors exit 2, a missing book 1"
}

run_cases "$@"
