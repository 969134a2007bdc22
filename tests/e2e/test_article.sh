# The article this project exists for: valid under every validator, every seed sentence kept.
source "$(dirname "$0")/lib.sh"
book="$WORK/article.epub"
"$OCTAVO" "$SRC"/article/*.md -o "$book"

case_valid() {
validate "$book"
ace "$book"
}

# mimetype: first entry, stored, no extra field (local header bytes 26-29: name and extra lengths)
case_mimetype() {
first=$(unzip -Z1 "$book" | sed -n 1p)
[ "$first" = mimetype ] || fail "first entry is $first"
u16() { od -An -tu2 -j "$1" -N2 "$book" | tr -d ' '; }
[ "$(u16 8)" = 0 ] || fail "mimetype is compressed (method $(u16 8))"
[ "$(u16 26)" = 8 ] && [ "$(u16 28)" = 0 ] || fail "mimetype has an extra field ($(u16 28) bytes)"
[ "$(dd if="$book" bs=1 skip=38 count=20 2>/dev/null)" = "application/epub+zip" ] || fail "mimetype content"
pass "mimetype first, stored, no extra field"
}

# Every seed line of 40 characters or more but the "Read more" teaser is in the book's text.
case_seed_lines() {
seed=$(ls "$SRC"/../shared/seed/000_*.txt 2>/dev/null | head -n1 || true)
[ -n "$seed" ] || seed="$SRC/tests/fixtures/seed.txt"
text=$(book_text "$book")
missing=0
while IFS= read -r line; do
    [ ${#line} -ge 40 ] || continue
    case "$line" in "Read more:"*) continue ;; esac
    if ! grep -qF -- "$line" <<<"$text"; then
        echo "missing: $line" >&2
        missing=$((missing + 1))
    fi
done < <(tr -s ' ' <"$seed")
[ "$missing" = 0 ] || fail "$missing seed lines missing from the book"
pass "every seed line of 40+ characters is in the book"
}

run_cases "$@"
