#!/bin/bash
# generate-articles.sh N DIR [txt|md] [images]: writes N articles of 2,000 to 5,000 characters
# into DIR (0001.txt... or 0001.md...), the same for the same N. Plain text: the first paragraph is
# the title. Markdown: front matter (title, author, date, lang), two sections and a footnote; with
# `images`, also a figure, an SVG image of its own of about 75 KB (DIR/img/0001.svg...).
set -euo pipefail
n=${1:?N} dir=${2:?DIR} kind=${3:-txt} images=${4:-}
mkdir -p "$dir"
[ -z "$images" ] || mkdir -p "$dir/img"
awk -v n="$n" -v dir="$dir" -v kind="$kind" -v images="$images" '
function rnd() { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
function word() { return w[int(rnd() * nw) + 1] }
function sentence(   s, k, i) {
    k = 8 + int(rnd() * 14); s = word(); s = toupper(substr(s, 1, 1)) substr(s, 2)
    for (i = 1; i < k; i++) s = s " " word()
    return s "."
}
function paragraph(   p, k, i) {
    k = 3 + int(rnd() * 4); p = sentence()
    for (i = 1; i < k; i++) p = p " " sentence()
    return p
}
BEGIN {
    nw = split("harbour river council market winter letter railway bridge garden village " \
               "archive season mountain editor morning evening country journey promise " \
               "silence history budget minister station window harvest question answer " \
               "distance weather lantern meadow ferry tunnel factory school teacher doctor " \
               "the a of and in on with for from over under between after before while", w, " ")
    for (a = 1; a <= n; a++) {
        seed = a * 7919
        file = sprintf("%s/%04d.%s", dir, a, kind)
        t1 = word(); title = sprintf("Article %d: %s%s %s", a, toupper(substr(t1, 1, 1)), substr(t1, 2), word())
        target = 2000 + int(rnd() * 3000)
        body = ""
        if (kind == "md") {
            printf "---\ntitle: \"%s\"\nauthor: Writer %d\ndate: 2024-01-%02d\nlang: en\n---\n\n", \
                title, (a % 37) + 1, (a % 28) + 1 > file
            half = int(target / 2)
            while (length(body) < half) body = body paragraph() "\n\n"
            if (images != "") {
                svg = sprintf("%s/img/%04d.svg", dir, a)
                printf "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 1000 1000\">\n" > svg
                for (i = 0; i < 1200; i++)
                    printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#%06x\"/>\n", \
                        int(rnd() * 900), int(rnd() * 900), 1 + int(rnd() * 100), 1 + int(rnd() * 100), \
                        int(rnd() * 16777216) > svg
                printf "</svg>\n" > svg
                close(svg)
                body = body sprintf("![Figure of article %d](img/%04d.svg)\n\n", a, a)
            }
            body = body "## Background\n\n"
            while (length(body) < target) body = body paragraph() "\n\n"
            body = body "A closing remark.[^1]\n\n[^1]: A note of article " a ".\n"
        } else {
            printf "%s\n\n", title > file
            while (length(body) < target) body = body paragraph() "\n\n"
        }
        printf "%s", body > file
        close(file)
    }
}'
