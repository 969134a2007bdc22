#!/usr/bin/env bash
# Installs what is missing, builds octavo and runs the whole test suite twice:
#  1. a normal build: unit tests, fuzz replays, the end-to-end cases, then epubcheck 4.2.6,
#     epubcheck 5.3.0 -u and DAISY Ace once over every book the cases kept, the installed
#     package, and a short libFuzzer run;
#  2. a build under AddressSanitizer and UndefinedBehaviorSanitizer: the same tests but the
#     validators, and a check that its books are byte for byte the normal build's.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh test
jobs=$(nproc)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON -DOCTAVO_SANITIZE=ON \
    -DOCTAVO_REFERENCE_BOOKS="$PWD/build/e2e-books"
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
    LSAN_OPTIONS=suppressions=$PWD/tests/lsan.supp:print_suppressions=0 \
    ctest --test-dir build-asan --output-on-failure -j"$jobs"
