# Same input, same bytes: SOURCE_DATE_EPOCH fixes every time, whatever the time zone and clock.
source "$(dirname "$0")/lib.sh"
export SOURCE_DATE_EPOCH=1558396800

case_time_zones() {
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
}
# 2019-03-10 02:30 UTC is in New York's daylight-saving gap (02:00 to 03:00 local time that day):
# libzip's conversion through the local zone used to store the entries at 03:30 there.
case_dst_gap() {
SOURCE_DATE_EPOCH=1552185000 TZ=UTC "$OCTAVO" "$SRC"/article/*.md -o "$WORK/gap-utc.epub"
SOURCE_DATE_EPOCH=1552185000 TZ=America/New_York "$OCTAVO" "$SRC"/article/*.md -o "$WORK/gap-ny.epub"
cmp "$WORK/gap-utc.epub" "$WORK/gap-ny.epub" || fail "a time in New York's daylight-saving gap changes the bytes"
unzip -Z -T "$WORK/gap-ny.epub" | awk '$7 ~ /^[0-9]+\./ {print $7}' | sort -u | grepq -x 20190310.023000 ||
    fail "entry times are not 2019-03-10 02:30:00 under TZ=America/New_York"
pass "identical bytes under TZ=UTC and TZ=America/New_York for a time in New York's daylight-saving gap"
}

run_cases "$@"
