#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (as tests/fuzz/CMakeLists.txt says) and runs each for a
# short while from its corpus, so that the fuzz build keeps compiling and a quick search for
# crashes is part of every test run. Longer runs: see tests/fuzz/CMakeLists.txt.
#   SRC=source folder WORK=build folder [FUZZ_SECONDS=30] bash tests/fuzz/run_fuzzers.sh
# Exit 1 without clang++, when the build fails or when a target finds a crash (its input is kept
# in WORK/artifacts and named in the log).
set -euo pipefail
: "${SRC:?}" "${WORK:?}"
seconds=${FUZZ_SECONDS:-30}
command -v clang++ >/dev/null || {
    echo "FAIL: no clang++ (scripts/install-deps.sh test installs it)"
    exit 1
}
cmake -S "$SRC" -B "$WORK" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang \
    -DOCTAVO_FUZZ=ON -DBUILD_TESTING=OFF >"$WORK.configure.log" 2>&1 || {
    cat "$WORK.configure.log"
    echo "FAIL: configuring the fuzz build"
    exit 1
}
cmake --build "$WORK" -j2 --target fuzz_render fuzz_frontmatter fuzz_html fuzz_page fuzz_response || {
    echo "FAIL: building the fuzz targets with clang"
    exit 1
}
mkdir -p "$WORK/artifacts"
status=0
for target in render frontmatter html page response; do
    # New inputs go to a scratch folder first; the committed corpus is only read.
    scratch=$(mktemp -d)
    if "$WORK/tests/fuzz/fuzz_$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=1 -artifact_prefix="$WORK/artifacts/$target-" \
        "$scratch" "$SRC/tests/fuzz/corpus/$target" >"$WORK/$target.log" 2>&1; then
        echo "ok: fuzz_$target ran ${seconds} s: $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$WORK/$target.log")"
    else
        tail -n 40 "$WORK/$target.log"
        echo "FAIL: fuzz_$target found a crash (its input: $WORK/artifacts/$target-*)"
        status=1
    fi
    rm -rf "$scratch"
done
exit $status
