#!/usr/bin/env bash
# Runs a validator over the books the e2e tests kept (OCTAVO_BOOKS/KIND), after they all ran:
#   bash tests/validate/validators.sh OCTAVO_BOOKS KIND EXPECTED-RUNS COMMAND [ARGS...]
# COMMAND gets the folder as its last argument. When no test kept a book of that kind, that is a
# failure if every e2e test ran (EXPECTED-RUNS of them), and nothing to check after a partial
# run (ctest -R).
set -euo pipefail
books=${1:?} kind=${2:?} expected=${3:?}
shift 3
if [ -z "$(find "$books/$kind" -name '*.epub' -print -quit 2>/dev/null)" ]; then
    ran=$(find "$books/ran" -type f 2>/dev/null | wc -l)
    if [ "$ran" -ge "$expected" ]; then
        echo "FAIL: all $ran e2e tests ran, and none kept a book for $kind"
        exit 1
    fi
    echo "ok: no book for $kind: $ran of the $expected e2e tests ran, none kept one"
    exit 0
fi
exec "$@" "$books/$kind"
