#!/bin/bash
# bench/run.sh: times octavo against pandoc and against `zip -X -r` of octavo's own book
# unpacked, on generated articles (scripts/generate-articles.sh) or on a folder of them.
#
#   bash bench/run.sh                    one article, 1,000 articles, and 100/1,000/10,000 for growth
#   bash bench/run.sh --sizes "1 500"    other volume sizes (generated Markdown articles)
#   bash bench/run.sh --dir FOLDER       the .md/.txt files of FOLDER as one volume
#   bash bench/run.sh --runs 10          runs per measurement (default 5)
#   bash bench/run.sh --one              one article only, and what its time is made of
#   bash bench/run.sh --feeds            the feeds row only: 10 feeds of 50 entries into one book
#   bash bench/run.sh --images "1000"    volume sizes with an SVG image per article (default 1000;
#                                        "" for none), after growth
#   bash bench/run.sh --pages            the web pages row alone: the corpus's saved pages read
#                                        into books, against readability.js with jsdom
#
# Each pair is measured side by side in one hyperfine run; the figures are medians. Peak memory
# is the median of /usr/bin/time's maximum resident set size over the runs. Installs hyperfine,
# pandoc, zip and time with apt-get when they are missing (as root). Not part of the test suite.
set -euo pipefail
SRC=$(cd "$(dirname "$0")/.." && pwd)
OCTAVO=${OCTAVO:-$SRC/build/octavo}
WORK=${BENCH_WORK:-$SRC/bench/work}
runs=5 sizes="" dir="" growth="100 1000 10000" one=0 images=1000 feeds_only=0 pages_only=0
CORPUS=${CORPUS:-$SRC/../shared/corpus/web-pages}
while [ $# -gt 0 ]; do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --sizes) sizes=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --growth) growth=$2; shift 2 ;;
    --images) images=$2; shift 2 ;;
    --one) one=1; shift ;;
    --feeds) feeds_only=1; shift ;;
    --pages) pages_only=1; shift ;;
    -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
    *) echo "bench: unknown argument $1" >&2; exit 2 ;;
    esac
done

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v pandoc >/dev/null || need+=(pandoc)
command -v zip >/dev/null || need+=(zip)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y --no-install-recommends "${need[@]}" >/dev/null
    else
        echo "bench: missing ${need[*]}; install them (apt-get install ${need[*]})" >&2
    fi
fi
command -v hyperfine >/dev/null || { echo "bench: hyperfine is required" >&2; exit 1; }
have_pandoc=0
command -v pandoc >/dev/null && have_pandoc=1
[ -x "$OCTAVO" ] || cmake --build "$SRC/build" -j2 >/dev/null
mkdir -p "$WORK"
export SOURCE_DATE_EPOCH=1700000000 LC_ALL=C.UTF-8

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
# peak_kb CMD...: median over $runs runs of the maximum resident set size, in KiB
peak_kb() {
    for _ in $(seq "$runs"); do
        /usr/bin/time -f %M -o "$WORK/time.out" "$@" >/dev/null 2>&1
        cat "$WORK/time.out"
    done | median
}
# times LABEL CMD...: hyperfine medians (seconds) of the commands, one per line
times() {
    local label=$1
    shift
    local args=()
    for c in "$@"; do args+=("$c"); done
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-csv "$WORK/$label.csv" "${args[@]}" >/dev/null 2>&1 ||
        hyperfine --style none --warmup 1 --runs "$runs" --export-csv "$WORK/$label.csv" "${args[@]}" >/dev/null
    awk -F, 'NR > 1 { print $4 }' "$WORK/$label.csv"
}
# cpu LABEL ROW: mean user+system seconds of the ROW-th command of a hyperfine run (a steadier
# figure than wall time on a machine shared with other work)
cpu() { awk -F, -v r="$2" 'NR == r + 1 { print $5 + $6 }' "$WORK/$1.csv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }

# volume LABEL FILES...: octavo vs pandoc vs zip on these articles
volume() {
    local label=$1
    shift
    local out="$WORK/$label"
    rm -rf "$out" && mkdir -p "$out"
    printf '%s\n' "$@" >"$out/list"
    # As a user types it, the cover drawn (pandoc draws none); title and language given to both.
    local octavo_cmd="$OCTAVO -q -o $out/octavo.epub --title Bench --lang en $*"
    local pandoc_cmd="pandoc -o $out/pandoc.epub --metadata title=Bench --metadata lang=en $*"
    $octavo_cmd
    mkdir -p "$out/unpacked" && (cd "$out/unpacked" && unzip -q ../octavo.epub)
    local zip_cmd="sh -c 'cd $out/unpacked && rm -f ../zip.epub && zip -X -r -q ../zip.epub mimetype META-INF EPUB'"
    echo "## $label: $# article(s), $(cat "$@" | wc -c) bytes of input, $runs runs"
    echo "octavo -q -o BOOK --title Bench --lang en FILES (cover drawn); pandoc -o BOOK --metadata title=Bench --metadata lang=en FILES"
    local t_oct t_pan t_zip
    if [ $have_pandoc = 1 ]; then
        mapfile -t t < <(times "$label-pandoc" "$octavo_cmd" "$pandoc_cmd")
        t_oct=${t[0]} t_pan=${t[1]}
    fi
    mapfile -t t < <(times "$label-zip" "$octavo_cmd" "$zip_cmd")
    [ -n "${t_oct:-}" ] || t_oct=${t[0]}
    t_zip=${t[1]}
    local m_oct
    m_oct=$(peak_kb $octavo_cmd)
    echo "octavo: median $(ms "$t_oct"), peak RSS $((m_oct / 1024)) MiB ($m_oct KiB)"
    if [ $have_pandoc = 1 ]; then
        local m_pan
        m_pan=$(peak_kb $pandoc_cmd)
        echo "pandoc: median $(ms "$t_pan"), peak RSS $((m_pan / 1024)) MiB; octavo takes 1/$(ratio "$t_pan" "$t_oct") of pandoc's time"
    else
        echo "pandoc: not installed, not measured"
    fi
    echo "zip -X -r of octavo's book unpacked: median $(ms "$t_zip") (measured beside octavo in one run: octavo $(ms "${t[0]}")); octavo/zip = $(ratio "${t[0]}" "$t_zip")x"
    local c_oct c_zip
    c_oct=$(cpu "$label-zip" 1) c_zip=$(cpu "$label-zip" 2)
    echo "CPU time (user+sys, mean): octavo $(ms "$c_oct"), zip $(ms "$c_zip") ($(ratio "$c_oct" "$c_zip")x)$(
        [ $have_pandoc = 1 ] && echo ", pandoc $(ms "$(cpu "$label-pandoc" 2)") (1/$(ratio "$(cpu "$label-pandoc" 2)" "$(cpu "$label-pandoc" 1)"))")"
    echo
}

# floor ARTICLE: what a one-article run is made of. Side by side in one hyperfine run: an empty C
# program, a C program that only links libzip (and so libcrypto, libbz2 and zlib), one that writes
# a zip of one entry to a new file with it (what any EPUB writer does: a new file's inode, a
# rename), `octavo --version`, the book written to a new file, the book written over an existing one (ext4 then
# starts writeback of the new file at the rename), and pandoc over an existing one.
floor() {
    local out="$WORK/floor" c
    rm -rf "$out" && mkdir -p "$out"
    printf 'int main(void) { return 0; }\n' >"$out/empty.c"
    printf '#include <zip.h>\nint main(void) { return zip_libzip_version()[0] == 0; }\n' >"$out/libzip.c"
    cat >"$out/zipwrite.c" <<'C'
#include <zip.h>
int main(int argc, char** argv) {
    int e;
    zip_t* z = zip_open(argc > 1 ? argv[1] : "x.zip", ZIP_CREATE | ZIP_TRUNCATE, &e);
    if (!z) return 1;
    zip_source_t* s = zip_source_buffer(z, "application/epub+zip", 20, 0);
    zip_int64_t i = zip_file_add(z, "mimetype", s, 0);
    if (i < 0 || zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0) != 0) return 1;
    return zip_close(z) != 0;
}
C
    for c in empty libzip zipwrite; do
        cc -O2 -o "$out/$c" "$out/$c.c" $([ $c != empty ] && echo -lzip) || {
            echo "## floor: cannot build the C programs (cc, libzip-dev), not measured"
            return 0
        }
    done
    local args="-q --no-cover --title Bench --lang en $1"
    local cmds=("$out/empty" "$out/libzip" "$out/zipwrite $out/zip.epub" "$OCTAVO --version"
        "$OCTAVO -o $out/new.epub $args"
        "$OCTAVO -o $out/over.epub $args")
    # The headline: the command as the README gives it, the generated cover drawn.
    cmds+=("$OCTAVO $1 -o $out/default.epub")
    [ $have_pandoc = 1 ] && cmds+=("pandoc -o $out/pandoc.epub --metadata title=Bench --metadata lang=en $1")
    "$OCTAVO" -o "$out/over.epub" $args
    "$OCTAVO" -q "$1" -o "$out/default.epub"
    [ $have_pandoc = 1 ] && pandoc -o "$out/pandoc.epub" --metadata title=Bench --metadata lang=en "$1"
    hyperfine -N --style none --warmup 3 --runs "$((runs * 4))" --prepare "rm -f $out/new.epub $out/zip.epub" \
        --export-csv "$WORK/floor.csv" "${cmds[@]}" >/dev/null 2>&1 || {
        echo "## floor: hyperfine failed, not measured"
        return 0
    }
    mapfile -t t < <(awk -F, 'NR > 1 { print $4 }' "$WORK/floor.csv")
    echo "## one article, the floor ($((runs * 4)) runs side by side, medians)"
    local labels=("empty C program" "C program linking only libzip"
        "C program writing a zip, new file" "octavo --version"
        "octavo --no-cover, to a new file" "octavo --no-cover, over a file" "octavo ARTICLE -o FILE (cover)"
        "pandoc, over an existing file")
    local i
    for i in "${!t[@]}"; do
        printf '%-36s %7s%s\n' "${labels[$i]}:" "$(ms "${t[$i]}")" "$(
            [ $have_pandoc = 1 ] && echo "   pandoc takes $(ratio "${t[7]}" "${t[$i]}")x")"
    done
    echo "octavo --no-cover to a new file: $(ratio "${t[4]}" "${t[1]}")x the libzip floor," \
        "$(ratio "${t[4]}" "${t[2]}")x the program writing a zip to a new file"
    local m
    m=$(peak_kb $OCTAVO "$1" -o "$out/default.epub")
    echo "peak RSS, octavo ARTICLE -o FILE (cover): $(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }') MiB ($m KiB)"
    m=$(peak_kb $OCTAVO -o "$out/over.epub" $args)
    echo "peak RSS, octavo --no-cover: $(awk -v k="$m" 'BEGIN { printf "%.1f", k / 1024 }') MiB ($m KiB)"
    echo
}

# raw_html: the same article twice, its emphasis, code and links once in Markdown and once as
# inline raw HTML (800 paragraphs, about 0.6 and 0.9 MB): raw HTML should cost at most twice.
raw_html() {
    local out="$WORK/raw-html"
    rm -rf "$out" && mkdir -p "$out"
    for kind in md html; do
        awk -v kind=$kind 'BEGIN {
            split("harbour lights ferry night crossing water island captain deck rope engine tide", w, " ")
            print "---\ntitle: Raw HTML bench\nlang: en\n---\n"; seed = 1
            for (p = 0; p < 800; p++) {
                line = ""
                for (i = 0; i < 60; i++) {
                    seed = (seed * 1103515245 + 12345) % 2147483648; x = w[int(seed / 2147483648 * 12) + 1]
                    r = i % 6
                    if (r == 0) t = kind == "md" ? "**" x "**" : "<b>" x "</b>"
                    else if (r == 1) t = kind == "md" ? "*" x "*" : "<i>" x "</i>"
                    else if (r == 2) t = kind == "md" ? "`" x "`" : "<code>" x "</code>"
                    else if (r == 3) t = kind == "md" ? "[" x "](https://example.org/" x ")" : "<a href=\"https://example.org/" x "\">" x "</a>"
                    else t = x
                    line = line (i ? " " : "") t
                }
                print line "\n"
            }
        }' >"$out/$kind.md"
    done
    mapfile -t t < <(times raw-html "$OCTAVO -q --no-cover -o $out/md.epub $out/md.md" \
        "$OCTAVO -q --no-cover -o $out/html.epub $out/html.md")
    echo "## raw HTML: one article of 800 paragraphs, its markup as Markdown and as inline HTML (--no-cover, $runs runs)"
    echo "Markdown: median $(ms "${t[0]}"); raw HTML: median $(ms "${t[1]}"); raw HTML/Markdown = $(ratio "${t[1]}" "${t[0]}")x"
    echo
}

# feeds: 10 saved RSS 2.0 feeds of 50 entries each (4 paragraphs, an image link or two, a
# heading, dc:creator, RFC 822 dates) into one book, beside pandoc on the same 500 entries saved
# as HTML files (pandoc -o x.epub e1.html e2.html ...). calibre (ebook-convert of a recipe-less
# feed) is not installed here, and is not installed by this script.
feeds() {
    local out="$WORK/feeds"
    rm -rf "$out" && mkdir -p "$out/html"
    awk -v out="$out" 'BEGIN {
        split("harbour lights ferry night crossing water island captain deck rope engine tide market bridge council school river", w, " ")
        seed = 7
        for (f = 1; f <= 10; f++) {
            file = sprintf("%s/feed-%02d.xml", out, f)
            printf "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel><title>Site %d</title><link>https://site%d.example/</link><description>The news of site %d</description><language>en</language>\n", f, f, f > file
            for (e = 1; e <= 50; e++) {
                body = ""
                for (p = 0; p < 4; p++) {
                    para = ""
                    for (i = 0; i < 70; i++) {
                        seed = (seed * 1103515245 + 12345) % 2147483648
                        para = para (i ? " " : "") w[int(seed / 2147483648 * 17) + 1]
                    }
                    body = body "<p>" para ".</p>\n"
                    if (p == 1) body = body "<h2>Part two of entry " e "</h2>\n<p><img src=\"/images/" f "-" e ".jpg\" alt=\"A photograph for entry " e "\"></p>\n"
                }
                if (e % 2) body = body "<p><a href=\"/gallery/" e ".html\"><img src=\"https://cdn.example/" f "/" e ".png\" alt=\"Gallery\"></a></p>\n"
                day = 28 - int((e - 1) / 2)
                printf "<item><title>Entry %d of site %d</title><link>https://site%d.example/%d</link><guid>https://site%d.example/%d</guid><dc:creator>Writer %d</dc:creator><pubDate>Mon, %02d Nov 2024 %02d:00:00 +0100</pubDate><content:encoded><![CDATA[%s]]></content:encoded></item>\n", e, f, f, e, f, e, e % 7, day, e % 24, body > file
                html = sprintf("%s/html/f%02d-e%02d.html", out, f, e)
                printf "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Entry %d of site %d</title><meta name=\"author\" content=\"Writer %d\"></head><body>\n<h1>Entry %d of site %d</h1>\n%s</body></html>\n", e, f, e % 7, e, f, body > html
                close(html)
            }
            printf "</channel></rss>\n" > file
            close(file)
        }
    }'
    local octavo_cmd="$OCTAVO -q -o $out/octavo.epub --title Feeds --lang en $out/feed-*.xml"
    local pandoc_cmd="pandoc -o $out/pandoc.epub --metadata title=Feeds --metadata lang=en $out/html/*.html"
    echo "## feeds: 10 RSS feeds of 50 entries ($(cat "$out"/feed-*.xml | wc -c) bytes), $runs runs"
    echo "octavo -q -o BOOK --title Feeds --lang en feed-*.xml (cover drawn); pandoc -o BOOK --metadata title=Feeds --metadata lang=en 500 .html files"
    local cmds=("sh -c '$octavo_cmd'")
    [ $have_pandoc = 1 ] && cmds+=("sh -c '$pandoc_cmd'")
    mapfile -t t < <(times feeds "${cmds[@]}")
    local m
    m=$(peak_kb sh -c "$octavo_cmd")
    echo "octavo: median $(ms "${t[0]}"), CPU $(ms "$(cpu feeds 1)"), peak RSS $((m / 1024)) MiB; $(unzip -Z1 "$out/octavo.epub" | grep -c 'text/a') entry documents"
    if [ $have_pandoc = 1 ]; then
        echo "pandoc: median $(ms "${t[1]}"), CPU $(ms "$(cpu feeds 2)"), peak RSS $(($(peak_kb sh -c "$pandoc_cmd") / 1024)) MiB; octavo takes 1/$(ratio "${t[1]}" "${t[0]}") of pandoc's time"
    fi
    echo "calibre: not installed here (ebook-convert not measured)"
    echo
}

# pages: the saved pages of the corpus (CORPUS, default ../shared/corpus/web-pages/*/source.html)
# read into books by octavo, one run per page as a user types it (`octavo PAGE -o BOOK`, the
# cover drawn), against readability.js with jsdom extracting the same pages in one node process
# (its start-up and module loading paid once, not per page), side by side in one hyperfine run;
# then octavo's peak memory on each page against the page's size. Skipped without the corpus;
# readability.js and jsdom are installed into bench/work/node_modules (npm) when missing.
pages() {
    local out="$WORK/pages" f
    mapfile -t files < <(ls "$CORPUS"/*/source.html 2>/dev/null || true)
    if [ ${#files[@]} -eq 0 ]; then
        echo "## pages: no saved pages in $CORPUS (set CORPUS), not measured"
        echo
        return 0
    fi
    rm -rf "$out" && mkdir -p "$out"
    local modules=${READABILITY_MODULES:-$WORK/node_modules}
    if [ ! -d "$modules/@mozilla/readability" ] || [ ! -d "$modules/jsdom" ]; then
        if command -v npm >/dev/null && [ "$modules" = "$WORK/node_modules" ]; then
            [ -f "$WORK/package.json" ] || echo '{"name":"octavo-bench","private":true}' >"$WORK/package.json"
            (cd "$WORK" && npm install --no-audit --no-fund --loglevel=error @mozilla/readability jsdom >/dev/null) || true
        fi
    fi
    local have_readability=0
    command -v node >/dev/null && [ -d "$modules/@mozilla/readability" ] && [ -d "$modules/jsdom" ] && have_readability=1
    printf '%s\n' "${files[@]}" >"$out/list"
    # One octavo per page, as a user runs it; the loop's own cost (a shell) is a few ms in all.
    local octavo_cmd="sh -c 'while read -r f; do $OCTAVO \"\$f\" -o $out/page.epub 2>/dev/null || exit 1; done <$out/list'"
    local node_cmd="node $SRC/bench/readability.js ${files[*]}"
    local n=$runs
    [ "$n" -ge 9 ] || n=9
    local bytes largest=0 size
    bytes=$(cat "${files[@]}" | wc -c)
    for f in "${files[@]}"; do
        size=$(stat -c %s "$f")
        [ "$size" -le "$largest" ] || largest=$size
    done
    echo "## pages: ${#files[@]} saved pages ($bytes bytes, the largest $largest), $n runs"
    echo "octavo PAGE -o BOOK, once per page (cover drawn); node bench/readability.js PAGES (JSDOM + new Readability(document).parse(), one process)"
    local t_oct t_node
    if [ $have_readability = 1 ]; then
        READABILITY_MODULES=$modules hyperfine -N --style none --warmup 1 --runs "$n" \
            --export-csv "$WORK/pages.csv" "$octavo_cmd" "$node_cmd" >/dev/null 2>&1 ||
            READABILITY_MODULES=$modules hyperfine --style none --warmup 1 --runs "$n" \
                --export-csv "$WORK/pages.csv" "$octavo_cmd" "$node_cmd" >/dev/null
        mapfile -t t < <(awk -F, 'NR > 1 { print $4 }' "$WORK/pages.csv")
        t_oct=${t[0]} t_node=${t[1]}
        echo "octavo: median $(ms "$t_oct") for the ${#files[@]} pages, $(ms "$(awk -v t="$t_oct" -v n=${#files[@]} 'BEGIN { print t / n }')") a page"
        echo "readability.js + jsdom: median $(ms "$t_node"), $(ms "$(awk -v t="$t_node" -v n=${#files[@]} 'BEGIN { print t / n }')") a page; octavo is $(ratio "$t_node" "$t_oct")x faster (target: 20x)"
        echo "CPU time (user+sys, mean): octavo $(ms "$(cpu pages 1)"), readability.js $(ms "$(cpu pages 2)") ($(ratio "$(cpu pages 2)" "$(cpu pages 1)")x)"
    else
        t_oct=$(times pages "$octavo_cmd")
        echo "octavo: median $(ms "$t_oct") for the ${#files[@]} pages; readability.js not measured (no node, or npm could not install @mozilla/readability and jsdom)"
    fi
    # Peak memory: the most any page took, as typed (the cover drawn: pango's fallback fonts for a
    # script DejaVu lacks cost the most) and with --no-cover (the page alone), against the largest
    # page; and beyond what octavo takes with no page at all (--version).
    local base peak peak_page m opts
    base=$(peak_kb "$OCTAVO" --version)
    for opts in "" "--no-cover"; do
        peak=0 peak_page=""
        for f in "${files[@]}"; do
            /usr/bin/time -f %M -o "$WORK/time.out" "$OCTAVO" -q $opts "$f" -o "$out/page.epub" >/dev/null 2>&1 || true
            m=$(cat "$WORK/time.out")
            [ "$m" -le "$peak" ] || { peak=$m; peak_page=$f; }
        done
        echo "peak RSS${opts:+ with $opts}: $((peak / 1024)) MiB ($peak KiB, on $(basename "$(dirname "$peak_page")")), $(ratio "$((peak * 1024))" "$largest")x the largest page; beyond octavo with no page ($((base / 1024)) MiB, --version), $(ratio "$(((peak - base) * 1024))" "$largest")x (target: at most 4x)"
    done
    echo
}

echo "# octavo bench, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $("$OCTAVO" --version)"
[ $have_pandoc = 1 ] && echo "# $(pandoc --version | head -n1)"
echo
if [ $pages_only = 1 ]; then
    pages
    exit 0
fi
if [ -n "$dir" ]; then
    mapfile -t files < <(find "$dir" -maxdepth 1 -name '*.md' -o -maxdepth 1 -name '*.txt' | sort)
    volume folder "${files[@]}"
    exit 0
fi
if [ $feeds_only = 1 ]; then
    feeds
    exit 0
fi
volume one-article "$SRC/article/backdoor-negotiations.md"
floor "$SRC/article/backdoor-negotiations.md"
[ $one = 0 ] || exit 0
raw_html
feeds
pages
for n in ${sizes:-1000}; do
    [ -d "$WORK/gen-$n" ] || bash "$SRC/scripts/generate-articles.sh" "$n" "$WORK/gen-$n" md
    volume "articles-$n" "$WORK/gen-$n"/*.md
done

# Growth: octavo alone on 100, 1,000, 10,000 articles; time per article should stay flat.
echo "## growth (octavo only: octavo -q --no-cover -o BOOK --title Bench --lang en FILES)"
for n in $growth; do
    [ -d "$WORK/gen-$n" ] || bash "$SRC/scripts/generate-articles.sh" "$n" "$WORK/gen-$n" md
    cmd="$OCTAVO -q --no-cover -o $WORK/growth.epub --title Bench --lang en $WORK/gen-$n/*.md"
    t=$(times "growth-$n" "sh -c '$cmd'")
    m=$(peak_kb sh -c "$cmd")
    awk -v n="$n" -v t="$t" -v m="$m" 'BEGIN { printf "%6d articles: median %8.1f ms, %.3f ms per article, peak RSS %d MiB\n", n, t * 1000, t * 1000 / n, m / 1024 }'
done
# Images: each article with an SVG of its own (75 KB), which a volume reads again when it packs it.
for n in $images; do
    [ -d "$WORK/img-$n" ] || bash "$SRC/scripts/generate-articles.sh" "$n" "$WORK/img-$n" md images
    cmd="$OCTAVO -q --no-cover -o $WORK/images.epub --title Bench --lang en $WORK/img-$n/*.md"
    t=$(times "images-$n" "sh -c '$cmd'")
    m=$(peak_kb sh -c "$cmd")
    awk -v n="$n" -v t="$t" -v m="$m" 'BEGIN { printf "%6d articles, an image each: median %8.1f ms, %.3f ms per article, peak RSS %d MiB\n", n, t * 1000, t * 1000 / n, m / 1024 }'
done
