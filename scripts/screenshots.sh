#!/usr/bin/env bash
# Renders the pictures in README.md with MuPDF: the article's generated cover and first pages, the
# rich fixture and the Arabic fixture. (article-cover-before.png is the cover as cairo and pango
# drew it before the FreeType module, kept for docs/books.md; this script leaves it.) Run after a build: scripts/screenshots.sh [build/octavo]
set -euo pipefail
cd "$(dirname "$0")/.."
octavo=${1:-build/octavo}
out=docs/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export SOURCE_DATE_EPOCH=1558396800
"$octavo" article/*.md -o "$work/article.epub"
"$octavo" tests/fixtures/rich/harbour-lights.md -o "$work/rich.epub"
"$octavo" tests/fixtures/rtl/adwa-al-marfa.md -o "$work/arabic.epub"
mkdir -p "$out"
draw() { mutool draw -q -r 80 -o "$1" "$2" "$3" 2>/dev/null; }
unzip -p "$work/article.epub" EPUB/images/cover.png >"$work/cover.png"
mutool draw -q -w 300 -o "$out/article-cover.png" "$work/cover.png" 2>/dev/null
draw "$out/article-page2.png" "$work/article.epub" 2
draw "$out/article-page3.png" "$work/article.epub" 3
draw "$out/rich-page2.png" "$work/rich.epub" 2
draw "$out/rich-page3.png" "$work/rich.epub" 3
draw "$out/arabic-page2.png" "$work/arabic.epub" 2
ls -l "$out"
