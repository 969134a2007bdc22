#!/usr/bin/env bash
# Installs what is missing, builds octavo and packages the article in article/ into an EPUB.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh build
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF
cmake --build build -j"$(nproc)"
mkdir -p out
for article in article/*.md; do
    book="out/$(basename "$article" .md).epub"
    ./build/octavo "$article" -o "$book"
    echo "wrote $book"
done
