# Articles by URL (src/read/fetch.cpp, the module src/read/fetch/curl.cpp): pages fetched with
# their images, against a loopback server this script starts (http_server.py, 127.0.0.1 only);
# every refusal names the URL, and no book is left behind.
source "$(dirname "$0")/lib.sh"
cd "$WORK"
# Nothing may go through a proxy: every request of these tests is for 127.0.0.1.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY ALL_PROXY all_proxy
export no_proxy='*'
# The server's port, which changes from run to run, is in the books (identifiers, links): the
# sanitizer build's books are not compared with the normal build's.
export KEEP_VARIES=1
opf() { unzip -p "$1" EPUB/package.opf; }
doc() { unzip -p "$1" EPUB/text/a001.xhtml; }

SERVER_PID=
start_server() {
    python3 "$SRC/tests/e2e/http_server.py" "$WORK/port" &
    SERVER_PID=$!
    for _ in $(seq 200); do # 10 s: python starts slowly on a loaded machine
        [ -s "$WORK/port" ] && break
        sleep 0.05
    done
    [ -s "$WORK/port" ] || fail "the test server did not start"
    BASE="http://127.0.0.1:$(cat "$WORK/port")"
}
stop_server() { [ -z "$SERVER_PID" ] || kill "$SERVER_PID" 2>/dev/null || true; }
trap 'stop_server; rm -rf "$WORK"' EXIT
start_server

# refused NAME URL MESSAGE [OPTIONS...]: octavo fails (exit 1) naming the URL with MESSAGE, and
# writes nothing.
refused() {
    local name=$1 url=$2 message=$3 rc=0
    shift 3
    "$OCTAVO" -q "$@" "$url" -o "$name.epub" 2>err || rc=$?
    [ "$rc" = 1 ] || fail "$name: exit $rc, not 1: $(cat err)"
    grep -qF "octavo: $url: " err || fail "$name: the message does not name the URL: $(cat err)"
    grep -qE "$message" err || fail "$name: no '$message': $(cat err)"
    [ ! -e "$name.epub" ] || fail "$name: a book was written"
    pass "$name: refused, naming the URL"
}

# A page: its article, its metadata, its image fetched and packed, a missing one a warning that
# keeps its alt text; its relative links made links to the site; dc:identifier its URL.
case_page() {
"$OCTAVO" "$BASE/article.html" -o page.epub 2>err
check_book page.epub
ace page.epub
o=$(opf page.epub)
d=$(doc page.epub)
grep -q '<dc:title id="title">Ferries return</dc:title>' <<<"$o" || fail "page: title: $o"
grep -q '>Ada Quay</dc:creator>' <<<"$o" || fail "page: author"
grep -qF "<dc:identifier id=\"bookid\">$BASE/article.html</dc:identifier>" <<<"$o" || fail "page: identifier: $o"
grep -qF 'src="../images/a001-1.png" alt="The harbour at dawn"' <<<"$d" || fail "page: image: $d"
[ "$(unzip -Z1 page.epub | grep -c '^EPUB/images/a001')" = 1 ] || fail "page: images packed"
grep -qF 'A missing map' <<<"$d" || fail "page: the missing image's alt text"
grep -qF "image '/img/gone.png': cannot be fetched: the server answered HTTP 404" err || fail "page: no warning: $(cat err)"
grep -qF "<a href=\"$BASE/about\">about us</a>" <<<"$d" || fail "page: the relative link"
if grep -qE 'Home|Copyright' <<<"$d"; then fail "page: the page's furniture kept"; fi
pass "page: fetched, with its image"
}

# gzip, the User-Agent, <base href>, the server's charset before the page's <meta>, text/plain.
case_http_details() {
"$OCTAVO" -q "$BASE/gzip.html" -o gzip.epub
check_book gzip.epub
doc gzip.epub | grepq 'forty passengers' || fail "http-details: gzip"
"$OCTAVO" -q "$BASE/ua.html" -o ua.epub
doc ua.epub | grepq 'Agent: octavo/' || fail "http-details: User-Agent"
"$OCTAVO" -q "$BASE/base.html" -o base.epub
check_book base.epub
unzip -Z1 base.epub | grepq '^EPUB/images/a001-1.png' || fail "http-details: the image under <base href>"
"$OCTAVO" -q "$BASE/latin1.html" -o latin1.epub
check_book latin1.epub
doc latin1.epub | grepq 'Le café ouvre à six heures' || fail "http-details: charset: $(doc latin1.epub)"
"$OCTAVO" -q "$BASE/notes.txt" -o notes.epub
check_book notes.epub
grep -q '<dc:title id="title">Notes from the quay</dc:title>' <<<"$(opf notes.epub)" || fail "http-details: text/plain"
pass "http-details: gzip, User-Agent, <base href>, HTTP charset, text/plain"
}

# A redirect (301 then 200): the identifier and the images' base are the final URL.
case_redirect() {
"$OCTAVO" -q "$BASE/old" -o moved.epub
check_book moved.epub
grep -qF "<dc:identifier id=\"bookid\">$BASE/moved/article.html</dc:identifier>" <<<"$(opf moved.epub)" || fail "redirect: identifier"
unzip -Z1 moved.epub | grepq '^EPUB/images/a001-1.png' || fail "redirect: the image beside the final URL"
pass "redirect: followed, the final URL is the base"
}

case_redirect_loop() {
refused redirect-loop "$BASE/loop" 'redirects more than 10 times \(a redirect loop\?\)'
}
case_redirect_to_file() {
refused redirect-to-file "$BASE/to-file" 'redirects to file:///etc/passwd, which is not http or https'
}

# A server that answers a byte a second: refused by --timeout, in about the limit.
case_slow_server() {
local start end
start=$(date +%s%N)
refused slow-server "$BASE/slow" 'did not answer in time \(1 s to connect, 1 s in all; --timeout' --timeout 1
end=$(date +%s%N)
[ $(((end - start) / 1000000)) -lt 5000 ] || fail "slow-server: took $(((end - start) / 1000000)) ms"
pass "slow-server: refused in $(((end - start) / 1000000)) ms"
}

# A page whose images are slow: each is a warning that keeps its alt text once --timeout passes;
# the book is written with the rest.
case_slow_images() {
"$OCTAVO" --timeout 1 "$BASE/slow-images.html" -o slow.epub 2>err
check_book slow.epub
[ "$(grep -c 'did not answer in time' err)" = 2 ] || fail "slow-images: warnings: $(cat err)"
d=$(doc slow.epub)
grep -qF 'First slow picture' <<<"$d" && grep -qF 'Second slow picture' <<<"$d" || fail "slow-images: alt text"
[ "$(unzip -Z1 slow.epub | grep -c '^EPUB/images/a001')" = 1 ] || fail "slow-images: the quick image"
pass "slow-images: warnings, alt text kept"
}

# 64 MiB of page with no length: refused at 8 MiB, the rest not read.
case_huge_response() {
refused huge-response "$BASE/huge" 'is larger than 8 MiB, the most octavo reads for a page'
sleep 0.2
sent=$(python3 -c "import urllib.request; print(urllib.request.urlopen('$BASE/huge-sent').read().decode())")
[ "$sent" -lt $((40 * 1024 * 1024)) ] || fail "huge-response: the server sent $sent bytes"
pass "huge-response: $sent of 67108864 bytes sent"
}

case_wrong_type() {
refused wrong-type-pdf "$BASE/doc.pdf" 'is application/pdf, not a web page'
refused wrong-type-png "$BASE/pic.png" 'is image/png, not a web page'
}
# A feed by URL: its entries the book's articles, each with its byline and date, an entry's
# image (relative to the entry's page) fetched; a feed served as text/xml told by its root.
case_feed() {
"$OCTAVO" "$BASE/feed.xml" -o feed.epub 2>err || fail "feed: $(cat err)"
check_book feed.epub
ace feed.epub
o=$(opf feed.epub)
grep -q '<dc:title id="title">Harbour News</dc:title>' <<<"$o" || fail "feed: the feed's title: $o"
nav=$(unzip -p feed.epub EPUB/nav.xhtml)
grep -q 'Ferries return.*The new timetable' <<<"$(tr -d '\n' <<<"$nav")" || fail "feed: entries in the nav: $nav"
d=$(doc feed.epub)
grep -qF 'Ada Quay' <<<"$d" || fail "feed: the entry's byline"
grep -qF 'src="../images/a001-1.png"' <<<"$d" || fail "feed: the entry's image not fetched: $d $(cat err)"
"$OCTAVO" -q "$BASE/feed-as-xml" -o atom.epub 2>err || fail "feed: text/xml: $(cat err)"
check_book atom.epub
grep -qF 'served as text/xml' <<<"$(doc atom.epub)" || fail "feed: text/xml entry"
pass "feed: a feed by URL, its entries and an entry's image"
}

# An entry that gives only a summary: kept as it is, or with --fetch-entries read from its page
# (the page's article and image), its byline and date still the feed's.
case_feed_summaries() {
"$OCTAVO" -q "$BASE/summary-feed.xml" -o summary.epub 2>err || fail "summaries: $(cat err)"
check_book summary.epub
grep -qF 'Only a summary of the ferries' <<<"$(doc summary.epub)" || fail "summaries: the summary"
"$OCTAVO" -q --fetch-entries "$BASE/summary-feed.xml" -o full.epub 2>err || fail "summaries: --fetch-entries: $(cat err)"
check_book full.epub
ace full.epub
d=$(doc full.epub)
if grep -qF 'Only a summary' <<<"$d"; then fail "summaries: the summary kept with --fetch-entries"; fi
grep -qF 'The harbour at dawn' <<<"$d" || fail "summaries: the page's article not read: $d"
grep -qF 'src="../images/a001-1.png"' <<<"$d" || fail "summaries: the page's image not packed"
grep -qF 'Ada Quay' <<<"$d" || fail "summaries: the feed's byline"
pass "feed-summaries: a summary's page read with --fetch-entries"
}
case_refused_connection() {
# A port just freed by a listener of our own: nothing listens there.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
refused refused-connection "http://127.0.0.1:$port/page.html" 'no connection to the server'
}
# https with a certificate no authority signed (made here): refused, TLS is verified.
case_tls_unverified() {
openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 1 \
    -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 2>/dev/null || fail "tls: openssl"
python3 "$SRC/tests/e2e/http_server.py" "$WORK/tls-port" cert.pem key.pem &
local pid=$!
for _ in $(seq 200); do
    [ -s "$WORK/tls-port" ] && break
    sleep 0.05
done
[ -s "$WORK/tls-port" ] || fail "tls: the https server did not start"
refused tls-unverified "https://127.0.0.1:$(cat "$WORK/tls-port")/article.html" 'the secure connection failed'
kill "$pid" 2>/dev/null || true
}
case_not_found() {
refused not-found "$BASE/missing" 'the server answered HTTP 404'
}
case_other_schemes() {
refused scheme-file "file:///etc/passwd" "is a URL of the scheme 'file': octavo fetches http and https URLs only"
refused scheme-ftp "ftp://127.0.0.1/a.html" "is a URL of the scheme 'ftp'"
refused credentials "http://user:secret@127.0.0.1:1/a.html" 'holds a user name or password'
}

# A local page's and a Markdown article's remote images: links (one warning with the count and
# the option) unless --fetch-images, which packs them.
case_remote_images_of_files() {
cat >notes.md <<MD
---
title: Quay notes
lang: en
---

A note: ![Remote harbour]($BASE/img/remote.png) and ![A dot]($BASE/pic.png).
MD
"$OCTAVO" notes.md -o links.epub 2>err
check_book links.epub
grep -qF "notes.md:6: 2 remote images are not fetched, the first '$BASE/img/remote.png': kept as links or their alt text (--fetch-images fetches them)" err || fail "remote-images: warning: $(cat err)"
[ "$(grep -c 'remote image' err)" = 1 ] || fail "remote-images: more than one warning"
doc links.epub | grepq -F "<a href=\"$BASE/img/remote.png\">Remote harbour</a>" || fail "remote-images: no link"
if unzip -Z1 links.epub | grepq '^EPUB/images/a001'; then fail "remote-images: fetched without the option"; fi
"$OCTAVO" -q --fetch-images notes.md -o fetched.epub
check_book fetched.epub
[ "$(unzip -Z1 fetched.epub | grep -c '^EPUB/images/a001')" = 2 ] || fail "remote-images: not packed with --fetch-images"
# A local page whose <base href> is the server: its relative image is still a file beside it
# (none here), never fetched nor read elsewhere; its absolute one is fetched when asked.
cat >local.html <<HTML
<!DOCTYPE html><html lang="en"><head><title>Local page</title><base href="$BASE/img/"></head>
<body><article><h1>Local page</h1><p>A saved page with a paragraph long enough to be the article
found in it, and two pictures below it.</p><p><img src="$BASE/img/remote.png" alt="Remote in page"></p>
<p><img src="harbour.png" alt="Relative under base"></p></article></body></html>
HTML
"$OCTAVO" --fetch-images local.html -o local.epub 2>err
check_book local.epub
[ "$(unzip -Z1 local.epub | grep -c '^EPUB/images/a001')" = 1 ] || fail "remote-images: the local page's images"
grep -qF "local.html: image 'harbour.png': cannot read" err || fail "remote-images: the relative image: $(cat err)"
pass "remote-images: links, or fetched with --fetch-images"
}

# A volume of a URL, a local page and a Markdown file; then one bad URL, with and without
# --skip-failed.
case_mixed_volume() {
printf -- '---\ntitle: Notes\nauthor: Dee Writer\nlang: en\n---\n\nA note.\n' >notes.md
cp "$SRC/tests/fixtures/pages/clean.xhtml" clean.xhtml
"$OCTAVO" -q "$BASE/article.html" clean.xhtml notes.md --title "Reading list" -o list.epub
check_book list.epub
unzip -p list.epub 'EPUB/text/a001*.xhtml' | grepq 'Ada Quay' || fail "mixed-volume: the URL's byline"
unzip -p list.epub 'EPUB/text/a002*.xhtml' | grepq 'Camille Durand' || fail "mixed-volume: the page's byline"
unzip -p list.epub 'EPUB/text/a003*.xhtml' | grepq 'Dee Writer' || fail "mixed-volume: the article's byline"
unzip -Z1 list.epub | grepq '^EPUB/images/a001-1.png' || fail "mixed-volume: the URL's image"
cp list.epub before.epub
rc=0
"$OCTAVO" -q "$BASE/article.html" "$BASE/missing" notes.md --title "Reading list" -o list.epub 2>err || rc=$?
[ "$rc" = 1 ] || fail "mixed-volume: exit $rc with a bad URL"
grep -qF "octavo: $BASE/missing: cannot be fetched: the server answered HTTP 404" err || fail "mixed-volume: $(cat err)"
cmp -s list.epub before.epub || fail "mixed-volume: the earlier book was changed"
"$OCTAVO" --skip-failed "$BASE/article.html" "$BASE/missing" notes.md --title "Reading list" -o skipped.epub 2>err
check_book skipped.epub
grep -qF "warning: $BASE/missing: left out of the book (--skip-failed): cannot be fetched: the server answered HTTP 404" err || fail "mixed-volume: skip warning: $(cat err)"
[ "$(unzip -Z1 skipped.epub | grep -c '^EPUB/text/a00[0-9].xhtml')" = 2 ] || fail "mixed-volume: two articles left"
pass "mixed-volume: URLs among files; a bad one named, or left out with --skip-failed"
}

run_cases "$@"
