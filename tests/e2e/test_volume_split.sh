# Long articles are split under 300 KB: at headings when there are some, between paragraphs
# when there are none; notes, links and the table of contents still lead to the right place.
source "$(dirname "$0")/lib.sh"
in="$WORK/in"
mkdir -p "$in"
awk 'BEGIN {
    print "---\ntitle: A Very Long Report\nauthor: Ines Moreau\nlang: en\n---\n"
    s = "The committee heard evidence on the harbour, the railway and the river for many days. "
    for (part = 1; part <= 16; part++) {
        printf "## Part %d\n\n", part
        for (p = 1; p <= 240; p++) {
            printf "%s%s%s", s, s, s
            if (p == 1) printf "Evidence of part %d.[^p%d]", part, part
            printf "\n\n"
        }
    }
    for (part = 1; part <= 16; part++) printf "[^p%d]: Note on part %d.\n\n", part, part
}' >"$in/long.md"
awk 'BEGIN {
    print "A Long Letter Without Headings\n"
    s = "I write again about the garden, the weather and the neighbours, as I promised. "
    for (p = 1; p <= 2400; p++) printf "%s%s%s\n\n", s, s, s
}' >"$in/letter.txt"
printf -- '---\ntitle: A Short Reply\nauthor: Tom Baker\nlang: en\n---\n\nSee [part 12 of the report](long.md#part-12).\n' >"$in/reply.md"
book="$WORK/split.epub"
"$OCTAVO" "$in/long.md" "$in/letter.txt" "$in/reply.md" --title "Long and short" -o "$book" -q
x="$WORK/x"
unzip -q "$book" -d "$x"
t="$x/EPUB/text"

case_valid() {
validate "$book"
}

case_sizes() {
big=$(find "$x/EPUB" -name '*.xhtml' -size +300k)
[ -z "$big" ] || fail "documents over 300 KB: $big"
parts1=$(ls "$t" | grep -c '^a001')
parts2=$(ls "$t" | grep -c '^a002')
[ "$parts1" -ge 3 ] || fail "the long report is in $parts1 documents"
[ "$parts2" -ge 2 ] || fail "the long letter is in $parts2 documents"
pass "report in $parts1 documents, letter in $parts2, none over 300 KB"
}

# Split at headings: every part of the report after the first starts with a heading.
case_headings() {
for f in "$t"/a001-*.xhtml; do
    grep -q '<section epub:type="chapter" role="doc-chapter" aria-label="A Very Long Report"><h2 id="a001-part-' "$f" ||
        fail "$(basename "$f") does not start at a heading"
done
pass "the report is split at headings"
}

# The notes are at the end of the last part; references and back links cross documents.
case_notes() {
last=$(ls "$t"/a001*.xhtml | sort -V | tail -n1)
[ "$(grep -o 'epub:type="footnote"' "$last" | wc -l)" = 16 ] || fail "notes not all in $(basename "$last")"
grep -q "href=\"$(basename "$last")#a001-p12\\|href=\"$(basename "$last")#a001-fn12\"" "$t"/a001*.xhtml || fail "no reference to note 12 across documents"
grep -q 'href="a001[-0-9]*.xhtml#a001-fnref1"' "$last" || fail "back link of note 1 does not cross documents"
pass "notes at the end of the last part, links across documents"
}

# The table of contents points at the part that holds each heading; the reply's link too.
case_toc() {
for k in 1 8 16; do
    href=$(grep -oE "href=\"text/a001[-0-9]*\.xhtml#a001-part-$k\"" "$x/EPUB/nav.xhtml" | head -n1 | sed -E 's/href="text\/([^#]*)#.*/\1/')
    [ -n "$href" ] || fail "part $k not in the nav"
    grep -q "<h2 id=\"a001-part-$k\"" "$t/$href" || fail "nav sends part $k to $href"
done
target=$(grep -oE 'href="a001[-0-9]*\.xhtml#a001-part-12"' "$t/a003.xhtml" | sed -E 's/href="([^#]*)#.*/\1/')
[ -n "$target" ] && grep -q '<h2 id="a001-part-12"' "$t/$target" || fail "the reply's link to part 12"
pass "nav and links lead to the part that holds each heading"
}

run_cases "$@"
