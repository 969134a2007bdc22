# Catalogue of bad inputs, encodings (tests/hostile/README.md).
source "$(dirname "$0")/hostile_lib.sh"
# An article with no title, for the cases that give it one.
printf -- '---\nlang: fr\n---\n\nCorps.\n' >untitled.md

# Invalid UTF-8: refused with the file, the line and the byte offset.
case_invalid_utf8() {
printf 'Title\n\nok\nbad \xc3\x28 here\n' >bad-utf8.txt
refuse invalid-utf8 '^octavo: bad-utf8\.txt:4: not valid UTF-8 \(byte offset 14\); .*--input-encoding latin1' bad-utf8.txt
printf -- '---\ntitle: Caf\xe9\n---\nBody\n' >bad-utf8-front.md
refuse invalid-utf8-front-matter '^octavo: bad-utf8-front\.md:2: not valid UTF-8 \(byte offset 14\)' bad-utf8-front.md
printf '# Overlong\n\n\xc0\xaf and a surrogate \xed\xa0\x80\n' >overlong.md
refuse overlong-and-surrogate '^octavo: overlong\.md:3: not valid UTF-8 \(byte offset 12\)' overlong.md
printf '# Cut\n\nends in the middle of a character \xe2\x82' >truncated.md
refuse truncated-sequence '^octavo: truncated\.md:3: not valid UTF-8' truncated.md
}

# The same bytes in a --metadata-file: refused the same way, or read as Latin-1 with the option.
case_metadata_file() {
printf 'lang: fr\ntitle: Caf\xe9\n' >latin1-meta.yaml
refuse invalid-utf8-metadata-file '^octavo: latin1-meta\.yaml:2: not valid UTF-8 \(byte offset 19\); .*--input-encoding latin1' untitled.md --metadata-file latin1-meta.yaml
book latin1-metadata-file '' untitled.md --metadata-file latin1-meta.yaml --input-encoding latin1
unzip -p latin1-metadata-file.epub EPUB/package.opf | grepq '<dc:title id="title">Café</dc:title>' || fail "latin1-metadata-file: title not converted"
pass "latin1-metadata-file: converted to UTF-8"
}

# And in text given on the command line: refused, naming the option (never replaced by U+FFFD).
case_cli_text() {
refuse invalid-utf8-title '^octavo: --title: not valid UTF-8 \(byte offset 3\)' untitled.md --title $'Caf\xe9'
refuse invalid-utf8-author '^octavo: --author: not valid UTF-8 \(byte offset 2\)' untitled.md --author Ann --author $'Bj\xf6rn'
refuse invalid-utf8-lang '^octavo: --lang: not valid UTF-8' untitled.md --lang $'fr\xff'
refuse invalid-utf8-date '^octavo: --date: not valid UTF-8' untitled.md --date $'2019\xff'
}

# Latin-1, with the option: converted (0x80-0x9F as Windows-1252).
case_latin1() {
printf 'Caf\xe9 \x93cr\xe8me\x94\n\nna\xefve \x96 \xa9 2019\n' >latin1.txt
book latin1 '' latin1.txt --input-encoding latin1 --lang fr
xhtml latin1.epub | grepq 'Café “crème”' || fail "latin1: title not converted: $(xhtml latin1.epub)"
xhtml latin1.epub | grepq 'naïve – © 2019' || fail "latin1: body not converted"
pass "latin1: converted to UTF-8"
}
# The five bytes Windows-1252 has no character for (0x81 0x8D 0x8F 0x90 0x9D): U+FFFD, with one
# warning per line naming them (they were replaced without a word); in an article, a metadata
# file and a volume file.
case_latin1_undefined() {
printf -- '---\ntitle: Undefined\nlang: en\n---\n\nBody \x80 \x81 \x8d end.\nClean caf\xe9.\r\n\x8f\x90\x9d \x81\n' >latin1-undefined.md
printf 'title: Vol\x90ume\narticles: [latin1-undefined.md]\n' >latin1-undefined.yaml
book latin1-undefined "^octavo: warning: latin1-undefined\.md:6: bytes 0x81 and 0x8D have no character in Windows-1252; replaced by U\+FFFD$" latin1-undefined.md --input-encoding latin1
grep -qx 'octavo: warning: latin1-undefined\.md:8: bytes 0x8F, 0x90, 0x9D and 0x81 have no character in Windows-1252; replaced by U+FFFD' err || fail "latin1-undefined: no warning for line 8: $(cat err)"
[ "$(grep -c 'no character in Windows-1252' err)" = 2 ] || fail "latin1-undefined: expected one warning per line: $(cat err)"
xhtml latin1-undefined.epub | grepq 'Body € � � end\.' || fail "latin1-undefined: body $(xhtml latin1-undefined.epub)"
printf 'lang: fr\ntitle: Caf\xe9 \x9d\n' >latin1-meta-undefined.yaml
book latin1-undefined-metadata-file "^octavo: warning: latin1-meta-undefined\.yaml:2: byte 0x9D has no character in Windows-1252" untitled.md --metadata-file latin1-meta-undefined.yaml --input-encoding latin1
book latin1-undefined-volume-file "^octavo: warning: latin1-undefined\.yaml:1: byte 0x90 has no character in Windows-1252" latin1-undefined.yaml --input-encoding latin1 --no-cover
pass "latin1-undefined: replaced by U+FFFD with a warning per line"
}

# UTF-16 and UTF-32, by their byte order mark or, without one, by the NULs of ASCII text: refused,
# saying which and how to convert (it said "not valid UTF-8 ... --input-encoding latin1", which
# gives mojibake, or, without a BOM, packed the text with a warning per line for the NULs); also
# with --input-encoding latin1, in a metadata file and in a volume file. The command it gives
# makes a file that octavo packages.
case_utf16_utf32() {
wide_body=$'---\ntitle: Wide café\nlang: fr\n---\n\nBonjour « monde ».\n'
for enc in UTF-16LE UTF-16BE UTF-32LE UTF-32BE; do
    bits=${enc:4:2} order=$([ "${enc:6}" = LE ] && echo little || echo big)
    name=$(tr 'A-Z' 'a-z' <<<"${enc//-/}")
    printf '%s' $'\ufeff'"$wide_body" | iconv -f UTF-8 -t "$enc" >"$name-bom.md"
    printf '%s' "$wide_body" | iconv -f UTF-8 -t "$enc" >"$name.md"
    refuse "$name-bom" "^octavo: $name-bom\.md: is UTF-$bits \($order-endian\); convert it to UTF-8: iconv -f UTF-$bits -t UTF-8 $name-bom\.md > $name-bom\.utf8\.md$" "$name-bom.md"
    refuse "$name-no-bom" "^octavo: $name\.md: is UTF-$bits \($order-endian, no byte order mark\); convert it to UTF-8: iconv -f $enc -t UTF-8 $name\.md > $name\.utf8\.md$" "$name.md"
done
[ "$(wc -l <err)" = 1 ] || fail "utf32be-no-bom: more than one message: $(cat err)"
refuse utf16le-bom-latin1 '^octavo: utf16le-bom\.md: is UTF-16 \(little-endian\); ' utf16le-bom.md --input-encoding latin1
printf '%s' $'\ufefftitle: Wide\n' | iconv -f UTF-8 -t UTF-16LE >utf16-meta.yaml
refuse utf16-metadata-file '^octavo: utf16-meta\.yaml: is UTF-16 \(little-endian\); convert it to UTF-8: iconv -f UTF-16 -t UTF-8 utf16-meta\.yaml > utf16-meta\.utf8\.yaml$' untitled.md --metadata-file utf16-meta.yaml
printf 'title: Wide\narticles: [untitled.md]\n' | iconv -f UTF-8 -t UTF-16BE >utf16-volume.yaml
refuse utf16-volume-file '^octavo: utf16-volume\.yaml: is UTF-16 \(big-endian, no byte order mark\); convert it to UTF-8: iconv -f UTF-16BE -t UTF-8 utf16-volume\.yaml > utf16-volume\.utf8\.yaml$' utf16-volume.yaml
convert=$({ "$OCTAVO" utf16le-bom.md -o converted.epub 2>&1 >/dev/null || true; } | sed -n 's/^octavo: utf16le-bom\.md: .*convert it to UTF-8: //p')
[ -n "$convert" ] || fail "utf16-converted: no command given"
eval "$convert"
book utf16-converted '' utf16le-bom.utf8.md
xhtml utf16-converted.epub | grepq '<h1 id="a001-title">Wide café</h1></header><p>Bonjour «' || fail "utf16-converted: $(xhtml utf16-converted.epub)"
pass "utf16-converted: the iconv command given makes a UTF-8 article"
}

# A UTF-8 byte order mark: dropped; the front matter after it is still read.
case_bom() {
printf '\xef\xbb\xbf---\ntitle: After a BOM\nlang: en\n---\nBody.\n' >bom.md
book bom '' bom.md
xhtml bom.epub | grepq '<h1 id="a001-title">After a BOM</h1>' || fail "bom: front matter not read"
[ "$(unzip -p bom.epub EPUB/text/a001.xhtml | grep -c $'\xef\xbb\xbf')" = 0 ] || fail "bom: BOM in the book"
pass "bom: dropped, front matter read"
}

# CRLF and lone CR line ends.
case_line_ends() {
printf -- '---\r\ntitle: CRLF\r\nlang: en\r\n---\r\nFirst line\r\nsame paragraph\r\n\r\nSecond paragraph\r\n' >crlf.md
book crlf '' crlf.md
[ "$(xhtml crlf.epub | grep -o '<p>[^<]*</p>' | wc -l)" = 2 ] || fail "crlf: expected 2 paragraphs: $(xhtml crlf.epub)"
printf -- '---\rtitle: CR\rlang: en\r---\rFirst line\rsame paragraph\r\rSecond paragraph\r' >cr.md
book cr '' cr.md
[ "$(xhtml cr.epub | grep -o '<p>[^<]*</p>' | wc -l)" = 2 ] || fail "cr: expected 2 paragraphs"
[ "$(unzip -p cr.epub EPUB/text/a001.xhtml | tr -cd '\r' | wc -c)" = 0 ] || fail "cr: CR in the book"
pass "crlf, cr: read as line ends"
}

# NUL bytes and other characters XML 1.0 forbids: dropped, one warning per line, never written.
case_controls() {
printf '# Con\x00trol\n\nA bell\x07, a NUL\x00, escape\x1b, form feed\x0c, U+FFFE \xef\xbf\xbe, U+FFFF \xef\xbf\xbf.\n\nClean line.\n' >controls.md
book controls '^octavo: warning: controls\.md:1: removed a character that XML does not allow' controls.md --lang en
grep -q 'controls\.md:3: removed a character' err || fail "controls: no warning for line 3"
[ "$(grep -c 'removed a character' err)" = 2 ] || fail "controls: expected one warning per line"
bad=$(unzip -p controls.epub '*.xhtml' '*.opf' '*.ncx' '*.xml' | LC_ALL=C grep -caP '[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]' || true)
[ "$bad" = 0 ] || fail "controls: $bad lines of the archive's XML hold forbidden characters"
xhtml controls.epub | grepq '<h1 id="a001-title">Control</h1>' || fail "controls: title"
pass "controls: dropped with a warning per line"
}

# The same characters in metadata given on the command line and in front matter.
case_controls_in_metadata() {
printf -- '---\ntitle: "Tab\\tand \\x01 bell \\x07"\nlang: en\nauthor: "A\\x1bB"\n---\nBody\n' >controls-meta.md
book controls-in-metadata '' controls-meta.md --title $'Title\x01 from\x07 the command line'
bad=$(unzip -p controls-in-metadata.epub '*.xhtml' '*.opf' '*.ncx' '*.xml' | LC_ALL=C grep -caP '[\x00-\x08\x0b\x0c\x0e-\x1f]' || true)
[ "$bad" = 0 ] || fail "controls-in-metadata: forbidden characters written"
pass "controls-in-metadata: dropped"
}

run_cases "$@"
