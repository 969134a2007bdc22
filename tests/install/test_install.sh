# Installs octavo into a temporary prefix, then builds the README's example program against the
# installed package, with CMake (find_package(octavo)) and with pkg-config, runs it and checks
# the book it writes with every validator. CTest runs it with the e2e environment plus BUILD_DIR
# (the build to install), CXX (its compiler) and OCTAVO_SANITIZE (ON in a sanitizer build).
source "$(dirname "$0")/../e2e/lib.sh"
: "${BUILD_DIR:?}" "${CXX:?}"
prefix="$WORK/prefix"

cmake --install "$BUILD_DIR" --prefix "$prefix" >"$WORK/install.log" || {
    cat "$WORK/install.log" >&2
    fail "cmake --install failed"
}
for f in bin/octavo share/man/man1/octavo.1 include/octavo/octavo.hpp include/octavo/book.hpp \
    lib/liboctavo.so lib/cmake/octavo/octavoConfig.cmake \
    lib/cmake/octavo/octavoConfigVersion.cmake lib/pkgconfig/octavo.pc; do
    [ -e "$prefix/$f" ] || fail "not installed: $f"
done
pass "installed binary, man page, headers, CMake package and pkg-config file"

# The headers installed are the public ones, include/octavo/*.hpp, and nothing else: no internal
# header of src/ (nor any other file) under include/.
expected=$(cd "$SRC/include" && find octavo -maxdepth 1 -type f -name '*.hpp' | LC_ALL=C sort)
installed=$(cd "$prefix/include" && find . -mindepth 1 ! -type d | sed 's|^\./||' | LC_ALL=C sort)
[ -n "$expected" ] || fail "no public header in $SRC/include/octavo"
[ "$installed" = "$expected" ] || {
    diff <(echo "$expected") <(echo "$installed") >&2 || true
    fail "installed headers are not exactly include/octavo/*.hpp (< source, > installed)"
}
pass "installed headers are include/octavo/*.hpp: $(tr "\n" " " <<<"$installed")"

# The library exports the public API only: nothing of octavo::detail, and every function of
# namespace octavo that it exports is named in an installed header.
symbols=$(nm -D --defined-only "$prefix/lib/liboctavo.so" | c++filt) || fail "nm failed on liboctavo.so"
exported=$(grep ' T octavo::' <<<"$symbols" | sed 's/^[0-9a-f]* T //') || fail "liboctavo.so exports no octavo:: function"
! grep -q 'octavo::detail' <<<"$symbols" || {
    grep 'octavo::detail' <<<"$symbols" >&2
    fail "liboctavo.so exports octavo::detail symbols"
}
while IFS= read -r sym; do
    name=${sym%%(*}     # octavo::Metadata::merge, octavo::write_book_to_memory[abi:cxx11]
    name=${name%%\[*}
    name=${name##*::}
    grep -qw -- "$name" "$prefix"/include/octavo/*.hpp || fail "liboctavo.so exports $sym, not in a public header"
done <<<"$exported"
pass "liboctavo.so exports $(wc -l <<<"$exported") functions of octavo, all public, none of octavo::detail"

# Every installed header compiles on its own: none needs a header that is not installed.
for h in "$prefix"/include/octavo/*.hpp; do
    echo "#include <octavo/$(basename "$h")>" |
        "$CXX" -std=c++17 -fsyntax-only -I"$prefix/include" -x c++ - || fail "$h does not compile alone"
done
pass "each of $(ls "$prefix"/include/octavo | wc -l) installed headers compiles on its own"

# The installed binary runs from its prefix and finds the cover module there (the book has a cover).
"$prefix/bin/octavo" --version | grepq -x "octavo [0-9]*\.[0-9]*\.[0-9]*" || fail "installed octavo --version"
"$prefix/bin/octavo" "$SRC"/article/*.md -o "$WORK/installed.epub"
check_book "$WORK/installed.epub"
unzip -l "$WORK/installed.epub" | grepq 'EPUB/images/cover.png' || fail "the installed octavo drew no cover"
pass "the installed octavo packages the article, with the cover its module draws"
man -l "$prefix/share/man/man1/octavo.1" 2>&1 | grepq -- '--validate' || fail "man cannot show the installed page"
pass "man shows the installed page"

# The example program and its CMakeLists.txt, exactly as the README shows them.
project="$WORK/hello"
mkdir -p "$project"
readme_block() { # MARKER: the fenced block after "<!-- example: MARKER -->"
    awk -v m="<!-- example: $1 -->" '
        $0 == m { found = 1; next }
        found == 1 && /^```/ { found = 2; next }
        found == 2 && /^```/ { exit }
        found == 2 { print }' "$SRC/README.md"
}
readme_block hello.cpp >"$project/hello.cpp"
readme_block CMakeLists.txt >"$project/CMakeLists.txt"
[ -s "$project/hello.cpp" ] && [ -s "$project/CMakeLists.txt" ] || fail "README's example not found"
[ "$(wc -l <"$project/hello.cpp")" -le 16 ] || fail "README's example grew past sixteen lines"

flags=()
if [ "${OCTAVO_SANITIZE:-OFF}" = ON ]; then # a sanitized library needs a sanitized program
    flags=(-fsanitize=address,undefined)
fi
cmake -S "$project" -B "$project/build" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_CXX_COMPILER="$CXX" -DCMAKE_CXX_FLAGS="${flags[*]}" >"$WORK/cmake.log" 2>&1 || {
    cat "$WORK/cmake.log" >&2
    fail "configuring the example against the installed package failed"
}
cmake --build "$project/build" >"$WORK/build.log" 2>&1 || {
    cat "$WORK/build.log" >&2
    fail "building the example against the installed package failed"
}
(cd "$WORK" && "$project/build/hello") || fail "the example program failed"
[ -f "$WORK/hello.epub" ] || fail "the example program wrote no book"
# The example gives no timestamp: its book has the time it was made.
KEEP_VARIES=1 validate "$WORK/hello.epub"
book_text "$WORK/hello.epub" | grepq "My first book" || fail "the example's book lacks its text"
pass "README's example builds with find_package(octavo) and writes a valid book"

# The same program with pkg-config.
rm -f "$WORK/hello.epub"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
pc=$(pkg-config --cflags --libs octavo) || fail "pkg-config does not find octavo.pc"
# shellcheck disable=SC2086
"$CXX" -std=c++17 "${flags[@]}" "$project/hello.cpp" $pc -o "$WORK/hello-pc" || fail "pkg-config build failed"
(cd "$WORK" && LD_LIBRARY_PATH="$prefix/lib" "$WORK/hello-pc") || fail "the pkg-config build failed to run"
KEEP_VARIES=1 check_book "$WORK/hello.epub"
pass "README's example builds with pkg-config ($pc)"
