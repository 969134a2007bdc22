# Same input, same bytes: SOURCE_DATE_EPOCH fixes every time, whatever the time zone and clock.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1558396800
TZ=UTC "$OCTAVO" "$SRC"/article/*.md -o "$WORK/utc.epub"
sleep 2
TZ=Asia/Tokyo "$OCTAVO" "$SRC"/article/*.md -o "$WORK/tokyo.epub"
cmp "$WORK/utc.epub" "$WORK/tokyo.epub" || fail "builds under UTC and Asia/Tokyo differ"
pass "identical bytes under TZ=UTC and TZ=Asia/Tokyo ($(stat -c %s "$WORK/utc.epub") bytes)"
unzip -p "$WORK/utc.epub" EPUB/package.opf | grepq '<meta property="dcterms:modified">2019-05-21T00:00:00Z</meta>' ||
    fail "dcterms:modified does not follow SOURCE_DATE_EPOCH"
unzip -Z -T "$WORK/utc.epub" | awk '$7 ~ /^[0-9]+\./ {print $7}' | cut -c1-8 | sort -u | grepq -x 20190521 ||
    fail "zip entry times do not follow SOURCE_DATE_EPOCH"
pass "dcterms:modified and entry times follow SOURCE_DATE_EPOCH"
