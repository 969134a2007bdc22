#!/usr/bin/env bash
# A sanitizer build's books are the normal build's, byte for byte: the validators passed those,
# so they need not run again. Every book the normal build kept must be there too.
#   bash tests/validate/same_books.sh REFERENCE-FOLDER FOLDER
set -euo pipefail
ref=${1:?} got=${2:?}
[ -d "$ref" ] || { echo "FAIL: no books of a normal build at $ref (run its tests first)"; exit 1; }
passed=0 failed=0 varies=0
while IFS= read -r book; do
    name=${book#"$ref"/}
    if [ -f "$book.varies" ]; then # stamped with the time it was made (lib.sh: KEEP_VARIES)
        [ -f "$got/$name" ] || { echo "FAIL: $name: not written by this build"; failed=$((failed + 1)); }
        varies=$((varies + 1))
    elif [ ! -f "$got/$name" ]; then
        echo "FAIL: $name: not written by this build"
        failed=$((failed + 1))
    elif ! cmp -s "$book" "$got/$name"; then
        echo "FAIL: $name: differs from the normal build's"
        failed=$((failed + 1))
    else
        passed=$((passed + 1))
    fi
done < <(find "$ref" -name '*.epub' | sort)
extra=$(cd "$got" && find . -name '*.epub' | sort | while read -r b; do [ -f "$ref/$b" ] || echo "$b"; done)
[ -z "$extra" ] || { echo "FAIL: books the normal build did not write: $extra"; failed=$((failed + 1)); }
echo "same bytes: $passed passed, $failed failed ($varies made at different times, not compared)"
[ $((passed + failed)) -gt 0 ] || { echo "FAIL: no book under $ref"; exit 1; }
[ "$failed" = 0 ]
