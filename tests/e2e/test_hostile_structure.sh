# Catalogue of bad inputs, structure and metadata (tests/hostile/README.md).
source "$(dirname "$0")/hostile_lib.sh"

# Files several cases read: a plain article, an Arabic one, one with a title and an author, and
# an article for the volume files in vol/.
printf '# T\n\nBody\n' >plain.md
printf -- '---\ntitle: T\nlang: ara\n---\n\nقال "مرحبا".\n' >ara.md
printf -- '---\ntitle: A title\nauthor: A. Writer\nlang: en\n---\n\nBody.\n' >titled.md
mkdir -p vol
printf -- '---\ntitle: Only\nlang: en\n---\nBody.\n' >vol/only.md

case_empty_files() {
: >empty.md
refuse empty-file '^octavo: empty\.md: is empty' empty.md
printf '\n  \n\t\n' >blank.txt
refuse blank-file '^octavo: blank\.txt: is empty' blank.txt
}

# Front matter and nothing else: a book of the title alone when there is a title.
case_front_matter_only() {
printf -- '---\ntitle: Only front matter\nlang: en\nauthor: Ann Author\n---\n' >front-only.md
book front-matter-only '' front-only.md
printf -- '---\nauthor: Ann Author\nlang: en\n---\n' >front-only-untitled.md
book front-matter-only-untitled "front-only-untitled\.md: no title given; 'Front only untitled', from the file's name" front-only-untitled.md
unzip -p "$WORK/front-matter-only-untitled.epub" EPUB/package.opf | grepq '<dc:title id="title">Front only untitled</dc:title>' ||
    fail "front-matter-only-untitled: not titled from the file's name"
printf -- '---\nauthor: Ann Author\n---\n' | refuse stdin-untitled '^octavo: -: no title' -
printf -- '---\ntitle: Never closed\nlang: en\n\nBody\n' >unclosed.md
refuse front-matter-unclosed "^octavo: unclosed\.md:1: front matter starts with '---' but has no closing" unclosed.md
}

# YAML syntax errors: line (of the article file) and column.
case_yaml_syntax() {
printf -- '---\nlang: en\ntitle: ok\n  bad: indent\n---\nBody\n' >yaml-indent.md
refuse yaml-syntax-error '^octavo: yaml-indent\.md:4:6: invalid YAML: illegal map value' yaml-indent.md
printf -- '---\ntitle: [a, b\nlang: en\n---\nBody\n' >yaml-flow.md
refuse yaml-unclosed-flow '^octavo: yaml-flow\.md:3:5: invalid YAML: end of sequence flow' yaml-flow.md
printf -- '---\n- a\n- b\n---\nBody\n' >yaml-list.md
refuse yaml-not-a-mapping '^octavo: yaml-list\.md:2:1: metadata must be a YAML mapping' yaml-list.md
printf -- '---\ntitle: T\nx: *nope\n---\nB\n' >yaml-anchor.md
refuse yaml-undefined-alias '^octavo: yaml-anchor\.md:3:4: invalid YAML: the referenced anchor' yaml-anchor.md
printf -- 'title: [broken\n' >broken.yaml
refuse metadata-file-syntax-error '^octavo: broken\.yaml:2:1: invalid YAML' plain.md --metadata-file broken.yaml
}

# YAML alias bombs ("billion laughs"): yaml-cpp keeps aliases as shared nodes and octavo's
# readers never expand nested lists, so time and memory stay small.
case_alias_bombs() {
python3 - <<'PY'
lines = ['---', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
for i in range(1, 10):
    lines.append('a%d: &a%d [%s]' % (i, i, ','.join(['*a%d' % (i - 1)] * 9)))
open('bomb.md', 'w').write('\n'.join(lines + ['title: *a9', 'lang: en', '---', 'Body', '']))
open('bomb-authors.md', 'w').write('\n'.join(lines + ['title: Bomb', 'author: *a9', 'lang: en', '---', 'Body', '']))
open('bomb-ignored.md', 'w').write('\n'.join(lines + ['title: Bomb', 'lang: en', '---', 'Body', '']))
PY
for f in bomb bomb-authors; do
    measure "$OCTAVO" $f.md -o $f.epub
    [ "$rc" = 1 ] || fail "$f: exit $rc"
    grep -qE "^octavo: $f\.md:[0-9]+:[0-9]+: ('title' must be a text value|each entry of 'author' must be a name)" "$WORK/err" || fail "$f: $(cat "$WORK/err")"
    [ "$kb" -lt 300000 ] && [ "$ms" -lt 10000 ] || fail "$f: ${ms} ms, ${kb} KB"
    pass "alias bomb ($f): refused in ${ms} ms, peak ${kb} KB"
done
book alias-bomb-unused '' bomb-ignored.md
# Aliases used as intended still work.
printf -- '---\ntitle: Aliases\nlang: en\ntopics: &t [Iran, Diplomacy]\nsubject: *t\n---\nBody\n' >alias-ok.md
book alias-plain-use '' alias-ok.md
unzip -p alias-plain-use.epub EPUB/package.opf | grepq '<dc:subject>Diplomacy</dc:subject>' || fail "alias: subjects"
}
# Nesting 100 000 deep: yaml-cpp's depth guard refuses it, no stack overflow.
case_yaml_nesting() {
python3 -c "print('---\ntitle: T\nx: ' + '[' * 100000 + ']' * 100000 + '\n---\nBody')" >yaml-deep.md
refuse yaml-nested-100000-deep '^octavo: yaml-deep\.md:3:[0-9]+: invalid YAML: lists or mappings nested more than 2000 levels deep$' yaml-deep.md
printf 'title: V\narticles: %s\n' "$(python3 -c "print('[' * 3000 + ']' * 3000)")" >deep.yaml
refuse yaml-volume-3000-deep '^octavo: deep\.yaml:2:[0-9]+: invalid YAML: lists or mappings nested more than 2000 levels deep$' deep.yaml
}

# Language tags (BCP 47): a locale's spelling is written as BCP 47 spells it, without a word; a
# value that names no language is a warning naming the file and line, never a refusal, and the
# language the text reads as stands in for it (English when too little text tells).
case_language_invalid() {
printf -- '---\ntitle: T\nlang: en_US\n---\nB\n' >lang.md
book language-locale-spelling '' lang.md --no-cover
grepq warning "$WORK/err" && fail "language-locale-spelling: warned: $(cat "$WORK/err")"
xhtml language-locale-spelling.epub | grepq 'lang="en-US"' || fail "language-locale-spelling: not en-US"
book invalid-language-tag-cli "^octavo: warning: command line: 'english!' is not a valid BCP 47 language tag .*; assuming 'en'" plain.md --lang 'english!'
ace invalid-language-tag-cli.epub
}
# Well-formed but unregistered: DAISY Ace fails a book in such a language (html-lang-valid). An
# ISO 639-2 or 639-3 code with a two-letter code is written with it, with a warning, so that
# right-to-left text and the language's typography follow; a code that no ISO 639 part has, a
# private-use (x-...) and an irregular grandfathered (i-...) tag, which name no known language,
# are warned about and replaced.
case_language_iso639() {
book language-iso639-2 "^octavo: warning: ara\.md:3: language 'ara' written as 'ar', its registered form" ara.md --no-cover
xhtml language-iso639-2.epub | grepq '<html [^>]*lang="ar" xml:lang="ar" dir="rtl"' || fail "language-iso639-2: not Arabic, right to left"
unzip -p language-iso639-2.epub EPUB/package.opf | grepq '<dc:language>ar</dc:language>' || fail "language-iso639-2: dc:language"
ace language-iso639-2.epub
book language-iso639-2-bibliographic "^octavo: warning: command line: language 'fre' written as 'fr'" plain.md --lang fre
xhtml language-iso639-2-bibliographic.epub | grepq 'lang="fr"' || fail "language-iso639-2-bibliographic: not French"
printf 'title: V\nlang: ger\narticles:\n  - plain.md\n  - ara.md\n' >lang-volume.yaml
book language-iso639-2-volume "^octavo: warning: lang-volume\.yaml:2: language 'ger' written as 'de'" lang-volume.yaml --no-cover
[ "$(grep -c 'written as' "$WORK/err")" = 2 ] || fail "language-iso639-2-volume: warnings $(cat "$WORK/err")" # ger, ara
}
case_language_unregistered() {
for tag in zz xxx on aaaaa; do
    printf -- '---\ntitle: T\nlang: %s\n---\nB\n' "$tag" >lang-$tag.md
    book language-unregistered-$tag "^octavo: warning: lang-$tag\.md:3: '$tag' is not a registered language: it is no ISO 639 language code" lang-$tag.md --no-cover
    xhtml language-unregistered-$tag.epub | grepq 'lang="en"' || fail "language-unregistered-$tag: not English"
done
ace language-unregistered-zz.epub
book language-unregistered-cli "^octavo: warning: command line: 'zz-GB' is not a registered language: 'zz' is no ISO 639" plain.md --lang zz-GB --no-cover
printf 'title: V\nlang: xxx\narticles:\n  - plain.md\n  - ara.md\n' >lang-volume-xxx.yaml
book language-unregistered-volume "^octavo: warning: lang-volume-xxx\.yaml:2: 'xxx' is not a registered language" lang-volume-xxx.yaml --no-cover
book language-private-use "^octavo: warning: command line: 'x-klingon' is a private-use tag, .*mis-x-klingon" plain.md --lang x-klingon --no-cover
book language-grandfathered-irregular "^octavo: warning: command line: 'i-klingon' is an irregular grandfathered tag" plain.md --lang i-klingon --no-cover
}
case_language_special() {
book language-special-und '' plain.md --lang und
book language-local-use '' plain.md --lang qaa-x-klingon
}
case_dates() {
printf -- '---\ntitle: T\nlang: en\ndate: 2019-02-30\n---\nB\n' >date.md
refuse invalid-date "^octavo: date\.md:4: '2019-02-30' is not a date" date.md
refuse invalid-date-cli "^octavo: command line: '21/05/2019' is not a date" plain.md --date 21/05/2019
# There is no year 0000 (epubcheck warns, OPF-053); 0001 to 0999 are dates both epubchecks pass.
printf -- '---\ntitle: T\nlang: en\ndate: 0000-01-01\n---\nB\n' >year0.md
refuse year-0000 "^octavo: year0\.md:4: '0000-01-01': there is no year 0000 \(years run from 0001\)" year0.md
refuse year-0000-cli "^octavo: command line: '0000': there is no year 0000" plain.md --date 0000
book year-0001 '' plain.md --date 0001-01-01 --lang en
book year-0999 '' plain.md --date 0999 --lang en
}
case_identifier() {
printf -- '---\ntitle: T\nidentifier: urn:uuid:not-a-uuid\n---\nB\n' >ident.md
refuse invalid-identifier "^octavo: ident\.md:3: identifier 'urn:uuid:not-a-uuid' is not a valid urn:uuid" ident.md
}

# Titles and names full of XML's special characters: escaped by pugixml, never markup.
case_special_characters() {
nasty='Tom & Jerry <script>alert(1)</script> "quoted" '"'"'single'"'"' ]]> <![CDATA[x]]> &amp;'
cat >nasty.md <<MD
---
title: '${nasty//\'/\'\'}'
subtitle: '${nasty//\'/\'\'}'
author:
  - name: '<b>Ann</b> & "Bob" ]]>'
  - name: "O'Brien <i>"
    role: editor
publisher: '${nasty//\'/\'\'}'
description: '${nasty//\'/\'\'}'
subject: ['<x>', '& ]]>']
lang: en
date: 2019-05-21
---

# ${nasty}

Text & more <text> ]]> here.
MD
book special-characters '' nasty.md
unzip -p special-characters.epub EPUB/package.opf | grepq -F '<dc:title id="title">Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; "quoted" '"'single'"' ]]&gt; &lt;![CDATA[x]]&gt; &amp;amp;</dc:title>' ||
    unzip -p special-characters.epub EPUB/package.opf | grepq -F 'Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt;' ||
    fail "special-characters: title not escaped in the OPF: $(unzip -p special-characters.epub EPUB/package.opf | grep dc:title)"
xhtml special-characters.epub | grepq -F '<h1 id="a001-title">Tom &amp; Jerry &lt;script&gt;alert(1)&lt;/script&gt; "quoted"' ||
    fail "special-characters: title not escaped in the XHTML"
unzip -p special-characters.epub EPUB/nav.xhtml EPUB/toc.ncx | grepq -F 'Tom &amp; Jerry &lt;script&gt;' || fail "special-characters: nav/ncx"
pass "special-characters: escaped everywhere"
book special-characters-cli '' plain.md --title "$nasty" --author '<b>Ann</b> & "Bob" ]]>' --lang en
xhtml special-characters-cli.epub | grepq -F '&lt;b&gt;Ann&lt;/b&gt; &amp; "Bob" ]]&gt;' || fail "special-characters-cli: author"
pass "special-characters-cli: escaped"
}

# Unknown keys are ignored, as pandoc does; wrong types are refused with line and column.
case_unknown_keys() {
printf -- '---\ntitle: T\nlang: en\nheader-includes: <script>alert(1)</script>\ncss: evil.css\n---\nB\n' >unknown.md
book unknown-keys '' unknown.md
printf -- '---\ntitle: {a: b}\nlang: en\n---\nB\n' >wrong-type.md
refuse wrong-type "^octavo: wrong-type\.md:2:8: 'title' must be a text value" wrong-type.md
}

# Volume files: a volume needs a title, even of one article (the file is named); a series
# position is a number like 3 or 2.1, refused with its line and column.
case_volume_title_series() {
printf 'articles: [only.md]\n' >vol/untitled.yaml
refuse volume-untitled "^octavo: vol/untitled\.yaml: the volume has no title: give 'title:' in the volume file, or --title" vol/untitled.yaml
printf 'articles: [only.md, only.md]\n' >vol/untitled2.yaml
refuse volume-untitled-two "^octavo: vol/untitled2\.yaml: the volume has no title" vol/untitled2.yaml
printf 'title: V\nseries: {name: S, position: abc}\narticles: [only.md]\n' >vol/series-abc.yaml
refuse series-position-not-a-number "^octavo: vol/series-abc\.yaml:2:29: series position 'abc' must be a number of the form 3 or 2\.1" vol/series-abc.yaml
printf 'title: V\nseries: S\nseries-position: -1\narticles: [only.md]\n' >vol/series-negative.yaml
refuse series-position-negative "^octavo: vol/series-negative\.yaml:3:18: series position '-1' must be a number of the form 3 or 2\.1" vol/series-negative.yaml
printf 'title: V\nseries: {name: S, position: 2.1}\narticles: [only.md]\n' >vol/series-ok.yaml
book series-position-2.1 '' --no-cover vol/series-ok.yaml
}
# A volume file names articles inside its own folder only (it may come from anyone, with its
# articles): no absolute path, no ".." out, no symbolic link out, refused with line and column
# and what to do instead. The same files on the command line, or from a volume file in a folder
# above them, are the user's own choice.
case_volume_paths() {
instead='; a volume file lists only files inside its own folder: put it in a folder above its articles, or list the articles on the command line$'
printf 'title: V\narticles:\n  - only.md\n  - path: /etc/passwd\n    title: X\n' >vol/absolute.yaml
refuse volume-article-absolute "^octavo: vol/absolute\.yaml:4:11: article path '/etc/passwd' is absolute$instead" vol/absolute.yaml
printf 'title: V\narticles: [only.md, ../../../../../../etc/hostname]\n' >vol/up.yaml
refuse volume-article-dotdot "^octavo: vol/up\.yaml:2:21: article path '\.\./\.\./\.\./\.\./\.\./\.\./etc/hostname' leads out of the volume file's folder$instead" vol/up.yaml
printf 'title: V\narticles: [only.md, sub/../../plain.md]\n' >vol/sneaky.yaml
refuse volume-article-dotdot-inside-out "^octavo: vol/sneaky\.yaml:2:21: article path 'sub/\.\./\.\./plain\.md' leads out of the volume file's folder$instead" vol/sneaky.yaml
ln -sf ../plain.md vol/link-out.md
printf 'title: V\narticles: [only.md, link-out.md]\n' >vol/link.yaml
refuse volume-article-link-out "^octavo: vol/link\.yaml:2:21: article path 'link-out\.md' leads out of the volume file's folder through a symbolic link$instead" vol/link.yaml
printf 'title: V\narticles: [vol/only.md, vol/link-out.md, plain.md]\n' >above.yaml
book volume-file-above-its-articles '' --no-cover above.yaml
book volume-articles-on-command-line '' --no-cover vol/only.md vol/link-out.md "$WORK/plain.md" --title V
}
# Volumes do not nest: a volume file listed in a volume file (even one whose first line, a YAML
# comment, reads as a Markdown heading), or listing itself, is refused with its line and column;
# it was read as a Markdown article, its YAML source a chapter. On the command line a volume file
# must be the only input (a usage error): among articles, it too was read as Markdown.
case_volume_nesting() {
printf '# Part two of the series\ntitle: Part two\narticles:\n  - only.md\n' >vol/part2.yml
printf 'title: Whole\nlang: en\narticles:\n  - only.md\n  - part2.yml\n' >vol/whole.yaml
refuse volume-lists-volume-file "^octavo: vol/whole\.yaml:5:5: a volume file cannot list another volume file \(part2\.yml\)$" vol/whole.yaml
printf 'title: Me\narticles: [only.md, {path: me.yaml, title: Again}]\n' >vol/me.yaml
refuse volume-lists-itself "^octavo: vol/me\.yaml:2:28: a volume file cannot list itself \(me\.yaml\)$" vol/me.yaml
only_input='a volume file must be the only input: give one volume file alone, or article files \(\.md, \.txt; several with --title\)$'
REFUSE_RC=2 refuse volume-file-among-articles "^octavo: vol/part2\.yml: $only_input" vol/only.md vol/part2.yml --title V
REFUSE_RC=2 refuse volume-files-two "^octavo: vol/whole\.yaml: $only_input" vol/whole.yaml vol/part2.yml
book volume-file-alone '' --no-cover vol/part2.yml
}

# Headings with no text: one with nothing in it (nothing, a control character) is left out; one
# with only an image without alt text or a note is kept as a paragraph; both with a warning, out
# of the nav and the NCX (an empty entry is invalid, an empty heading fails Ace); the sections
# under one move up to the entry before. The same in a volume.
case_empty_headings() {
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1\0\0\0\1\10\0\0\0\0\x3a\x7e\x9b\x55\0\0\0\nIDAT\x78\x9c\x63\x60\0\0\0\2\0\1\xe5\x27\xde\xfc\0\0\0\0IEND\xae\x42\x60\x82' >dot.png
printf -- '---\ntitle: Empty headings\nlang: en\n---\n\nText.\n\n## First\n\n##\n\n### Under\n\n## ![](dot.png)\n\n## [^1]\n\n## \x01\n\n## Last\n\n[^1]: A note.\n' >empty-headings.md
book empty-headings 'empty-headings\.md:10: empty heading left out' empty-headings.md
[ "$(grep -c 'empty heading left out' err)" = 2 ] || fail "empty-headings: $(cat err)"
[ "$(grep -c 'heading with no text kept as a paragraph, out of the table of contents' err)" = 2 ] ||
    fail "empty-headings: $(cat err)"
xhtml empty-headings.epub | grepq -F '<h2 id="a001-first">First</h2><h3 id="a001-under">Under</h3><p><img' ||
    fail "empty-headings: $(xhtml empty-headings.epub)"
# First, Last, Notes: the empty ones are gone, the image and the note are paragraphs.
[ "$(xhtml empty-headings.epub | grep -o "<h2" | wc -l)" = 3 ] || fail "empty-headings: h2 count"
nav=$(unzip -p empty-headings.epub EPUB/nav.xhtml | grep -o '<nav epub:type="toc".*</nav><nav')
grep -qF '<a href="text/a001.xhtml#a001-first">First</a><ol><li><a href="text/a001.xhtml#a001-under">Under</a></li></ol></li><li><a href="text/a001.xhtml#a001-last">Last</a></li></ol>' <<<"$nav" ||
    fail "empty-headings: nav: $nav"
[ "$(unzip -p empty-headings.epub EPUB/toc.ncx | grep -o '<text>[^<]*</text>' | tr '\n' ' ')" = '<text>Empty headings</text> <text>Empty headings</text> <text>First</text> <text>Under</text> <text>Last</text> ' ] ||
    fail "empty-headings: NCX: $(unzip -p empty-headings.epub EPUB/toc.ncx | grep -o '<text>[^<]*</text>')"
ace "$WORK/empty-headings.epub"
pass "empty-headings: left out of the text or kept as paragraphs, out of nav and NCX"
printf -- '---\ntitle: Second\nauthor: Ann\nlang: en\n---\n\n##\n\n### Sub\n\n[top](#) [first](empty-headings.md#)\n' >empty-headings-2.md
book empty-headings-volume 'empty-headings-2\.md:7: empty heading left out' empty-headings.md empty-headings-2.md --title Volume
unzip -p empty-headings-volume.epub EPUB/nav.xhtml | grepq -F '<a href="text/a002.xhtml">Second — Ann</a><ol><li><a href="text/a002.xhtml#a002-sub">Sub</a></li></ol>' ||
    fail "empty-headings-volume: nav"
unzip -p empty-headings-volume.epub EPUB/text/a002.xhtml | grepq -F '<a href="#a002-title">top</a> <a href="a001.xhtml">first</a>' ||
    fail "empty-headings-volume: links to the tops of the articles"
pass "empty-headings-volume: left out of the volume's nav, '#' the top of each article"
# An article of a volume whose title is only a control character has no title: its file's name.
printf -- '---\ntitle: "\\x01"\nlang: en\n---\n\nText.\n' >control-title.md
book empty-title-in-volume "control-title\.md: no title given; 'Control title'" empty-headings-2.md control-title.md --title Volume
}

# Blank values on the command line are treated as in front matter (trimmed, control characters
# dropped) and never give an empty dc:title or dc:creator: a blank --title, --lang or --date is a
# usage error naming the option (not "a.md: no title"); a blank --author is left out with a
# warning. They used to give a book epubcheck refuses (RSC-005), with exit 0.
case_blank_cli_values() {
for t in spaces:'   ' empty:'' control:$'\x01' tab-and-control:$'\t\x02 '; do
    REFUSE_RC=2 refuse "blank-title-cli-${t%%:*}" "^octavo: --title: the value is blank" titled.md --title "${t#*:}"
done
REFUSE_RC=2 refuse blank-title-cli-volume "^octavo: --title: the value is blank" titled.md plain.md --title ' '
REFUSE_RC=2 refuse blank-lang-cli "^octavo: --lang: the value is blank" titled.md --lang ' '
REFUSE_RC=2 refuse blank-date-cli "^octavo: --date: the value is blank" titled.md --date $'\x01'
creators() { unzip -p "$1" EPUB/package.opf | grep -o '<dc:creator[^<]*<' | sed 's/.*>//; s/<$//' | paste -sd'|'; }
book blank-author-cli 'warning: --author: a blank name \(only white space or control characters\) is left out' \
    titled.md --author '' --author ' ' --author $'\x01' --author '  B.   Writer '
[ "$(creators blank-author-cli.epub)" = 'B. Writer' ] || fail "blank-author-cli: creators $(creators blank-author-cli.epub)"
[ "$(grep -c 'warning: --author' err)" = 3 ] || fail "blank-author-cli: $(cat err)"
# Only blank authors: none from the command line, the article's stay.
book blank-author-cli-only 'warning: --author' titled.md --author ' '
[ "$(creators blank-author-cli-only.epub)" = 'A. Writer' ] || fail "blank-author-cli-only: creators $(creators blank-author-cli-only.epub)"
book blank-author-cli-volume 'warning: --author' titled.md plain.md --title V --author ' '
unzip -p blank-author-cli-volume.epub EPUB/package.opf | grepq -F 'file-as=", "' && fail "blank-author-cli-volume: file-as ', '"
book padded-values-cli '' titled.md --title '  A   spaced title ' --lang ' en-GB ' --date ' 2019-05-21 '
unzip -p padded-values-cli.epub EPUB/package.opf | grepq -F '<dc:title id="title">A spaced title</dc:title>' ||
    fail "padded-values-cli: $(unzip -p padded-values-cli.epub EPUB/package.opf | grep dc:title)"
unzip -p padded-values-cli.epub EPUB/package.opf | grepq -F '<dc:language>en-GB</dc:language>' || fail "padded-values-cli: language"
pass "blank-cli-values: refused or left out, never an empty dc:title or dc:creator"
}

# An empty file name on the command line (-o "$OUT" with OUT unset) is a usage error naming the
# option. -o '' wrote TITLE.epub in the current folder, exit 0; --css '', --cover '' and
# --metadata-file '' were ignored; an empty input gave "octavo: : cannot read".
case_empty_file_names() {
for opt in css cover metadata-file; do
    REFUSE_RC=2 refuse "empty-file-name-$opt" "^octavo: --$opt: empty file name: give a file, or leave the option out" titled.md "--$opt" ''
done
REFUSE_RC=2 refuse empty-file-name-input '^octavo: inputs: empty file name' titled.md ''
mkdir empty-output && cd empty-output
rc=0
"$OCTAVO" ../titled.md -o '' 2>../err || rc=$?
cd ..
[ "$rc" = 2 ] && grep -qx "octavo: --output: empty file name: give a file, or leave the option out" err ||
    fail "empty-file-name-output: exit $rc $(cat err)"
[ -z "$(ls empty-output)" ] || fail "empty-file-name-output: written: $(ls empty-output)"
pass "empty-file-name-output: refused: $(head -n1 err)"
}

run_cases "$@"
