# Front matter as Jekyll, Hugo and pandoc users write it: dates with a time and a zone, locale
# spellings of languages, TOML and JSON, organisations and lists of authors, invalid YAML, and a
# volume with bad articles. Each book is kept for both epubchecks, and some for Ace.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
opf() { unzip -p "$1" EPUB/package.opf; }
text() { unzip -p "$1" EPUB/text/a001.xhtml; }

# Jekyll's own form of date, with its zone: dc:date in UTC, the header the day as written.
case_jekyll_date() {
printf -- '---\ntitle: A release\nlang: en\ndate: 2018-10-17 01:00:00 +0300\n---\n\nBody.\n' >release.md
"$OCTAVO" release.md -o release.epub 2>err || fail "refused: $(cat err)"
opf release.epub | grepq '<dc:date>2018-10-16T22:00:00Z</dc:date>' || fail "dc:date: $(opf release.epub | grep dc:date)"
text release.epub | grepq '<time datetime="2018-10-17T01:00:00+03:00">17 October 2018</time>' || fail "header: $(text release.epub | grep -o '<time.*</time>')"
check_book release.epub
# No date in the front matter: the one in a Jekyll post's file name.
printf -- '---\ntitle: A post\nlang: en\n---\n\nBody.\n' >2019-05-21-a-post.md
"$OCTAVO" 2019-05-21-a-post.md -o post.epub 2>err || fail "refused: $(cat err)"
opf post.epub | grepq '<dc:date>2019-05-21</dc:date>' || fail "no date from the file name"
check_book post.epub
# RFC 2822, and in a volume whose date is given on the command line.
printf -- '---\ntitle: A mail\nlang: en\ndate: Tue, 21 May 2019 10:00:00 GMT\n---\n\nBody.\n' >mail.md
"$OCTAVO" release.md mail.md --title Both --date 2020-01-01 -o both.epub 2>err || fail "volume refused: $(cat err)"
unzip -p both.epub EPUB/text/a002.xhtml | grepq 'datetime="2019-05-21T10:00:00Z">21 May 2019' || fail "volume: article date"
check_book both.epub
pass "dates with times and zones"
}

# Locale spellings are BCP 47 without a word; no language: told from the text, with a warning.
case_locale_language() {
printf -- '---\ntitle: 标题\nlang: zh_cn\n---\n\n这是一篇用中文写的文章。\n' >zh.md
"$OCTAVO" zh.md -o zh.epub 2>err || fail "refused: $(cat err)"
grepq warning err && fail "warned: $(cat err)"
opf zh.epub | grepq '<dc:language>zh-CN</dc:language>' || fail "not zh-CN"
check_book zh.epub
ace zh.epub
printf -- '---\ntitle: Un article\n---\n\nCeci est un article écrit en français, assez long pour que sa langue soit reconnue sans la moindre hésitation.\n' >fr.md
"$OCTAVO" fr.md -o fr.epub 2>err || fail "refused: $(cat err)"
grep -q "^octavo: warning: fr\.md: no language given; the text reads as 'fr'" err || fail "no warning: $(cat err)"
opf fr.epub | grepq '<dc:language>fr</dc:language>' || fail "not French"
check_book fr.epub
pass "languages"
}

# Hugo's TOML front matter, with its keys: tags and categories are subjects, summary the
# description, generator keys ignored without a word.
case_toml() {
printf '+++\ntitle = "A TOML post"\ndate = 2019-05-21T10:00:00+02:00\nlang = "en"\ntags = ["rust", "release"]\ncategories = ["news"]\nsummary = "In short."\ndraft = false\nweight = 3\nslug = "a-toml-post"\n\n[params]\nx = 1\n+++\n\nThe body.\n' >toml.md
"$OCTAVO" toml.md -o toml.epub 2>err || fail "refused: $(cat err)"
[ ! -s err ] || fail "warned: $(cat err)"
for want in '<dc:title id="title">A TOML post</dc:title>' '<dc:date>2019-05-21T08:00:00Z</dc:date>' \
    '<dc:subject>rust</dc:subject>' '<dc:subject>news</dc:subject>' '<dc:description>In short.</dc:description>'; do
    opf toml.epub | grepq -F "$want" || fail "no $want"
done
text toml.epub | grepq 'The body' || fail "no body"
text toml.epub | grepq '+++' && fail "front matter in the body"
check_book toml.epub
printf '+++\ntitle = "Broken\n+++\n\nBody.\n' >bad.toml.md
"$OCTAVO" bad.toml.md -o bad.epub 2>err && fail "invalid TOML accepted"
grep -q '^octavo: bad\.toml\.md:2:.*invalid TOML' err || fail "message: $(cat err)"
pass "TOML front matter"
}

# Hugo's JSON front matter.
case_json() {
printf '{\n  "title": "A JSON post",\n  "date": "2019-05-21T10:00:00Z",\n  "lang": "en",\n  "keywords": ["a", "b"],\n  "excerpt": "An excerpt.",\n  "translator": "Ana Ortega",\n  "layout": "post"\n}\n\nThe body.\n' >json.md
"$OCTAVO" json.md -o json.epub 2>err || fail "refused: $(cat err)"
[ ! -s err ] || fail "warned: $(cat err)"
for want in '<dc:title id="title">A JSON post</dc:title>' '<dc:subject>b</dc:subject>' \
    '<dc:description>An excerpt.</dc:description>' '<dc:contributor id="creator1">Ana Ortega</dc:contributor>' \
    'property="role" scheme="marc:relators">trl</meta>'; do
    opf json.epub | grepq -F "$want" || fail "no $want"
done
check_book json.epub
pass "JSON front matter"
}

# An organisation is not inverted; one field may list several people.
case_authors() {
printf -- '---\ntitle: Announcing\nlang: en\nauthor: The Rust Release Team\n---\n\nBody.\n' >team.md
"$OCTAVO" team.md -o team.epub 2>err || fail "refused: $(cat err)"
opf team.epub | grepq 'property="file-as">The Rust Release Team<' || fail "inverted: $(opf team.epub | grep file-as)"
check_book team.epub
printf -- '---\ntitle: Two\nlang: en\nauthor: Felix Klock, Mark Rousskov\n---\n\nBody.\n' >two.md
"$OCTAVO" two.md -o two.epub 2>err || fail "refused: $(cat err)"
[ "$(opf two.epub | grep -c '<dc:creator')" = 2 ] || fail "not two people: $(opf two.epub | grep dc:creator)"
opf two.epub | grepq 'property="file-as">Rousskov, Mark<' || fail "file-as"
text two.epub | grepq 'Felix Klock</span> and <span class="author">Mark Rousskov' || fail "byline"
check_book two.epub
ace two.epub
pass "authors"
}

# Front matter that is not valid YAML is refused with its line, not read with fields lost.
case_invalid_yaml() {
printf -- '---\ntitle: "An unclosed quote\nlang: fr\n---\n\nBody.\n' >quote.md
"$OCTAVO" quote.md -o quote.epub 2>err && fail "unclosed quote accepted"
grep -q '^octavo: quote\.md:2:[0-9]*: invalid YAML: a quoted value has no closing quote' err || fail "message: $(cat err)"
[ ! -e quote.epub ] || fail "a book was written"
pass "invalid YAML refused: $(cat err)"
}

# A volume with two bad articles: both errors in one run; --skip-failed writes the rest, naming
# each one left out.
case_volume_skip_failed() {
printf -- '---\ntitle: Good one\nlang: en\n---\n\nBody.\n' >good1.md
printf -- '---\ntitle: Good two\nlang: en\n---\n\nBody.\n' >good2.md
printf -- '---\ntitle: Bad date\nlang: en\ndate: yesterday\n---\n\nBody.\n' >bad1.md
printf -- '---\ntitle: "Unclosed\n---\n\nBody.\n' >bad2.md
printf 'title: Four\narticles:\n  - good1.md\n  - bad1.md\n  - good2.md\n  - bad2.md\n' >four.yaml
rc=0
"$OCTAVO" four.yaml -o four.epub 2>err || rc=$?
[ "$rc" = 1 ] || fail "exit $rc"
grep -q '^octavo: bad1\.md:4: .yesterday. is not a date' err || fail "bad1 not reported: $(cat err)"
grep -q '^octavo: bad2\.md:2:[0-9]*: invalid YAML' err || fail "bad2 not reported: $(cat err)"
grep -q '2 of 4 articles cannot be packaged; --skip-failed' err || fail "no summary: $(cat err)"
[ ! -e four.epub ] || fail "a book was written"
"$OCTAVO" four.yaml --skip-failed -o four.epub 2>err || fail "--skip-failed: $(cat err)"
grep -q '^octavo: warning: bad1\.md:4: left out of the book (--skip-failed): ' err || fail "bad1 not named: $(cat err)"
grep -q '^octavo: warning: bad2\.md:2:[0-9]*: left out of the book (--skip-failed): ' err || fail "bad2 not named: $(cat err)"
[ "$(unzip -l four.epub | grep -c 'EPUB/text/a00[0-9].xhtml')" = 2 ] || fail "not two articles"
check_book four.epub
printf 'title: None\narticles:\n  - bad1.md\n  - bad2.md\n' >none.yaml
rc=0
"$OCTAVO" none.yaml --skip-failed -o none.epub 2>err || rc=$?
[ "$rc" = 1 ] || fail "nothing to write: exit $rc"
grep -q 'no article of the volume could be packaged' err || fail "message: $(cat err)"
[ ! -e none.epub ] || fail "a book was written"
pass "volume with bad articles"
}

run_cases "$@"
