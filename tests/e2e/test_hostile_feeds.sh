# Catalogue of bad inputs, feeds (tests/hostile/README.md): each a valid book with nothing active
# in it, or a clear refusal naming the feed (and its line).
source "$(dirname "$0")/hostile_lib.sh"
rss() { # rss TITLE ITEMS...: an RSS 2.0 feed around the items
    local title=$1
    shift
    printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>%s</title><link>https://feed.example/</link><language>en</language>\n' "$title"
    printf '%s\n' "$@"
    printf '</channel></rss>\n'
}
item() { printf '<item><title>%s</title><link>https://feed.example/%s</link><description>%s</description></item>' "$1" "$2" "$3"; }
text='The paragraph of the entry, long enough to read as one, with words and a full stop.'

# Billion laughs: ten levels of entities of ten, a gigabyte expanded. The DTD is never read: the
# references stay text, in milliseconds and little memory.
case_billion_laughs() {
{
    printf '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY lol "lol">\n'
    prev=lol
    for i in 2 3 4 5 6 7 8 9 10; do
        printf '<!ENTITY lol%s "' $i
        for k in 1 2 3 4 5 6 7 8 9 10; do printf '&%s;' $prev; done
        printf '">\n'
        prev=lol$i
    done
    printf ']>\n'
    rss 'Laughs &lol10;' "$(item 'Entry &lol10;' 1 "$text &lol10;")" | tail -n +2
} >laughs.xml
measure "$OCTAVO" laughs.xml -o laughs.epub
[ "$rc" = 0 ] || fail "billion-laughs: exit $rc: $(cat "$WORK/err")"
[ "$kb" -lt 200000 ] || fail "billion-laughs: $kb KB"
[ "$cpu_ms" -lt 5000 ] || fail "billion-laughs: $cpu_ms ms of CPU"
grep -q 'declares entities in a DTD: they are not expanded' "$WORK/err" || fail "billion-laughs: no warning"
check_book laughs.epub
no_script laughs.epub
if unzip -p laughs.epub 'EPUB/text/*.xhtml' | grepq 'lollol'; then fail "billion-laughs: an entity expanded"; fi
pass "billion-laughs: not expanded ($kb KB, $cpu_ms ms)"
}

# External entities: SYSTEM file:///etc/passwd, and http:// to a port that would hang or refuse.
# Never read, never fetched.
case_external_entities() {
{
    printf '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY xxe SYSTEM "file:///etc/passwd">\n'
    printf '<!ENTITY web SYSTEM "http://127.0.0.1:9/evil.dtd">\n<!ENTITY %% pe SYSTEM "http://127.0.0.1:9/pe.dtd"> %%pe;\n]>\n'
    rss 'XXE &xxe;' "$(item 'Secret &xxe; &web;' 1 "$text &xxe; &web;")" | tail -n +2
} >xxe.xml
book external-entities 'not expanded, nor external ones fetched' xxe.xml
if unzip -p external-entities.epub | grepq 'root:'; then fail "external-entities: /etc/passwd in the book"; fi
pass "external-entities: nothing read or fetched"
}

# A 100 MB feed: refused by max_feed_bytes (32 MiB) before it is read, in well under a second.
case_huge_feed() {
{
    printf '<?xml version="1.0"?><rss version="2.0"><channel><title>Huge</title>'
    entry=$(item Entry 1 "$(for i in $(seq 1 200); do printf '%s ' "$text"; done)")
    for i in $(seq 1 6000); do printf '%s' "$entry"; done
    printf '</channel></rss>'
} >huge.xml
[ "$(stat -c %s huge.xml)" -gt 100000000 ] || fail "huge-feed: only $(stat -c %s huge.xml) bytes"
measure "$OCTAVO" huge.xml -o huge.epub
[ "$rc" = 1 ] && grep -q 'huge.xml: is larger than 32 MiB, the most octavo reads from one feed' "$WORK/err" ||
    fail "huge-feed: exit $rc: $(cat "$WORK/err")"
[ "$cpu_ms" -lt 1000 ] && [ "$kb" -lt 100000 ] || fail "huge-feed: $cpu_ms ms, $kb KB"
rm -f huge.xml
pass "huge-feed: refused ($cpu_ms ms, $kb KB)"
}

# Script and event handlers in the feed's title, the entries' titles (as HTML) and content (html
# and xhtml, SVG inside): nothing active in the book, the text kept.
case_script() {
cat >script.xml <<'XML'
<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en"><title type="html">&lt;script&gt;alert(1)&lt;/script&gt;Safe feed</title><id>f</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title type="html">&lt;img src=x onerror=alert(2)&gt;Safe title&lt;script&gt;alert(3)&lt;/script&gt;</title><id>1</id><updated>2024-01-01T00:00:00Z</updated>
<content type="html">&lt;p onclick="alert(4)"&gt;Click text kept.&lt;/p&gt;&lt;script&gt;alert(5)&lt;/script&gt;&lt;a href="javascript:alert(6)"&gt;js&lt;/a&gt;&lt;iframe src="https://evil.example/"&gt;&lt;/iframe&gt;&lt;form&gt;&lt;input name="q"&gt;&lt;/form&gt;&lt;img src="data:text/html,alert(7)" alt="data"&gt;</content></entry>
<entry><title>Second</title><id>2</id><updated>2024-01-02T00:00:00Z</updated><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p onmouseover="alert(8)">Hover text kept.<script>alert(9)</script></p><svg xmlns="http://www.w3.org/2000/svg" onload="alert(10)"><script>alert(11)</script></svg><a href=" JaVaScRiPt:alert(12)">x</a></div></content></entry>
</feed>
XML
book script '' script.xml
if unzip -p script.epub 'EPUB/*.xhtml' 'EPUB/text/*.xhtml' EPUB/package.opf | grepq -i 'alert\|javascript'; then
    fail "script: something active kept"
fi
book_text script.epub | grepq 'Click text kept' && book_text script.epub | grepq 'Hover text kept' || fail "script: text lost"
grep -q '<dc:title id="title">Safe feed</dc:title>' <<<"$(unzip -p script.epub EPUB/package.opf)" || fail "script: feed title"
unzip -p script.epub EPUB/nav.xhtml | grepq '>Safe title<' || fail "script: entry title"
pass "script: nothing active"
}

# Dates far in the past and the future, negative, absurd, a day the month lacks: the year 0001
# and 9999 kept, the rest left out with a warning naming the entry; the book valid.
case_dates() {
e() { printf '<item><title>%s</title><guid>%s</guid><pubDate>%s</pubDate><description>%s</description></item>' "$1" "$1" "$2" "$text"; }
rss Dates "$(e First 'Mon, 01 Jan 0001 00:00:00 GMT')" "$(e Last 'Fri, 31 Dec 9999 23:59:59 +0000')" \
    "$(e Negative '-0044-03-15T00:00:00Z')" "$(e Absurd 'Sat, 99 Foo 123456 99:99:99 +9999')" \
    "$(e Five-digit '10000-01-01T00:00:00Z')" "$(e February '2023-02-30T10:00:00Z')" \
    "$(e Words 'the day before yesterday')" >dates.xml
book dates "Negative'?:?[0-9]*:? ?its published date '-0044-03-15T00:00:00Z' is no date octavo reads" dates.xml
for w in Absurd Five-digit February Words; do
    grep -q "entry [0-9] '$w'.*is no date octavo reads" "$WORK/err" || fail "dates: no warning for $w"
done
d=$(unzip -p dates.epub 'EPUB/text/a*.xhtml')
grep -qF 'datetime="0001-01-01T00:00:00Z"' <<<"$d" && grep -qF 'datetime="9999-12-31T23:59:59Z"' <<<"$d" ||
    fail "dates: year 0001 or 9999 lost"
[ "$(unzip -p dates.epub EPUB/nav.xhtml | grep -o 'text/a0[0-9]*.xhtml"' | sort -u | wc -l)" = 7 ] || fail "dates: an entry lost"
pass "dates: the readable kept, the rest left out with a warning"
}

# Missing titles and links, an entry with no content, one whose content is only script: the
# untitled get their first words (or their date), the empty are left out with a warning naming
# them, the rest is the book; a feed with no title is named after its file.
case_missing() {
cat >missing.xml <<XML
<?xml version="1.0"?>
<rss version="2.0"><channel><language>en</language>
<item><description>Untitled entry whose first words make the title of the entry for the reader.</description></item>
<item><guid isPermaLink="false">only-a-date</guid><pubDate>Tue, 03 Dec 2024 10:00:00 GMT</pubDate><description>&lt;img src="x.png" alt=""&gt;</description></item>
<item><title>No content</title><guid>empty-1</guid></item>
<item><title>Only script</title><guid>empty-2</guid><description>&lt;script&gt;alert(1)&lt;/script&gt;</description></item>
<item><title>Kept</title><description>$text</description></item>
</channel></rss>
XML
book missing "missing.xml, entry 1:3: has no title: titled 'Untitled entry whose first words make the title…'" missing.xml
grep -q "the feed has no title: named 'missing'" "$WORK/err" || fail "missing: feed title"
grep -q "missing.xml, entry 3 'No content'.*left out of the book: has no content" "$WORK/err" || fail "missing: no content"
grep -q "missing.xml, entry 4 'Only script'.*left out of the book: has no content" "$WORK/err" || fail "missing: only script"
t=$(unzip -p missing.epub EPUB/nav.xhtml)
grep -qF '>Untitled entry whose first words make the title…<' <<<"$t" && grep -qF '>3 December 2024<' <<<"$t" && grep -qF '>Kept<' <<<"$t" || fail "missing: nav: $t"
if grep -qF 'No content' <<<"$t"; then fail "missing: the empty entry kept"; fi
pass "missing: titles given, empty entries left out"
}

# A feed with no entry left to package is refused, an earlier book untouched.
case_no_entries() {
rss Empty "<item><title>Nothing</title></item>" >empty.xml
refuse no-entries 'no entry of the feeds given is left to package' empty.xml
}

# A feed not well-formed where the damage is small: a bare '&', control characters, a byte that
# is not UTF-8: repaired with a warning per kind, with the line. A broken one (tags that do not
# match) is refused with the line.
case_malformed() {
{
    printf '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Fish & chips</title><language>en</language>\n'
    printf '<item><title>Control\x01\x08 characters</title><description>Caf\xe9 text, a bare & here; %s</description></item>\n' "$text"
    printf '</channel></rss>\n'
} >repair.xml
book malformed "repair.xml:2: not well-formed: an '&' that starts no character reference" repair.xml
grep -q 'repair.xml:3: not well-formed: control characters XML forbids, removed' "$WORK/err" || fail "malformed: controls"
grep -q 'repair.xml:3: not well-formed: bytes that are not UTF-8, replaced by U+FFFD' "$WORK/err" || fail "malformed: UTF-8"
book_text malformed.epub | grepq 'Caf. text, a bare & here' || fail "malformed: text"
printf '<?xml version="1.0"?>\n<rss version="2.0"><channel><title>x</title>\n<item><title>open\n<description>never closed</item>\n</channel></rss>\n' >broken.xml
refuse broken 'broken.xml:4: is not well-formed XML \(Start-end tags mismatch\)' broken.xml
}

# A feed's logo that leads out of its folder is not the cover: the cover is drawn.
case_logo_outside() {
mkdir -p feeds
printf '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Logo</title><id>l</id><updated>2024-01-01T00:00:00Z</updated><logo>../../../../../etc/passwd</logo><entry><title>E</title><id>1</id><updated>2024-01-01T00:00:00Z</updated><content>%s</content></entry></feed>' "$text" >feeds/logo.atom
book logo-outside '' feeds/logo.atom
if unzip -p logo-outside.epub | grepq 'root:'; then fail "logo-outside: /etc/passwd packed"; fi
pass "logo-outside: not read"
}

run_cases "$@"
