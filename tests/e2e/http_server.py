#!/usr/bin/env python3
"""A loopback HTTP server for the URL tests (test_urls.sh): binds 127.0.0.1 on a free port,
writes the port to the file given as its first argument (with a certificate and its key as the
next two, serves https), serves a fixed set of paths, and stops by
itself after a minute (or when the test kills it). Nothing here reaches beyond 127.0.0.1."""
import gzip
import struct
import sys
import threading
import time
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LIFETIME = 90  # seconds: the server ends on its own even if the test does not kill it


def png(width, height):
    """A small valid PNG, one colour, of that size."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))
    rows = b"".join(b"\x00" + b"\x30\x60\x90" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def page(title, body, head=""):
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>%s"
            "</head><body><header><nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav>"
            "</header><main><article><h1>%s</h1>%s</article></main><footer>Copyright</footer>"
            "</body></html>" % (title, head, title, body)).encode()


PROSE = ("<p>The harbour opened again this morning after a week of storms, and the first ferry "
         "left at six with forty passengers on board and the captain waving from the bridge.</p>"
         "<p>Fishermen mended their nets on the quay while the market set up its stalls, and by "
         "noon the town was as busy as it had been before the wind came.</p>")


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def send(self, status, ctype, body, extra=None):
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        for k, v in (extra or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, to, status=301):
        self.send(status, "text/html", b"moved", {"Location": to})

    def do_GET(self):
        p = self.path.split("?")[0]
        ua = self.headers.get("User-Agent", "")
        if self.headers.get("Cookie") or self.headers.get("Authorization"):
            return self.send(400, "text/plain", b"credentials sent")
        if p == "/article.html":
            body = (PROSE + "<figure><img src=\"img/harbour.png\" alt=\"The harbour at dawn\">"
                    "<figcaption>The harbour at dawn</figcaption></figure>"
                    "<p><img src=\"/img/gone.png\" alt=\"A missing map\"></p>"
                    "<p>Read <a href=\"/about\">about us</a> or <a href=\"#top\">the top</a>.</p>")
            return self.send(200, "text/html; charset=utf-8",
                             page("Ferries return", body,
                                  "<meta name=\"author\" content=\"Ada Quay\">"
                                  "<meta name=\"date\" content=\"2024-05-21\">"))
        if p == "/gzip.html":
            data = gzip.compress(page("Packed page", PROSE))
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                return self.send(406, "text/plain", b"gzip expected")
            return self.send(200, "text/html", data, {"Content-Encoding": "gzip"})
        if p == "/ua.html":
            return self.send(200, "text/html", page("Agent", PROSE + "<p>Agent: %s</p>" % ua))
        if p == "/base.html":
            return self.send(200, "text/html", page("Based page", PROSE +
                             "<p><img src=\"harbour.png\" alt=\"Harbour under base\"></p>",
                             "<base href=\"/img/\">"))
        if p.startswith("/img/harbour.png") or p == "/img/remote.png":
            return self.send(200, "image/png", png(64, 48))
        if p == "/old":
            return self.redirect("/moved/article.html")
        if p == "/moved/article.html":
            return self.send(200, "text/html", page("Moved page", PROSE +
                             "<p><img src=\"pic.png\" alt=\"A moved picture\"></p>"))
        if p == "/moved/pic.png":
            return self.send(200, "image/png", png(32, 32))
        if p == "/loop":
            return self.redirect("/loop2", 302)
        if p == "/loop2":
            return self.redirect("/loop", 302)
        if p == "/to-file":
            return self.redirect("file:///etc/passwd", 302)
        if p == "/slow-images.html":
            return self.send(200, "text/html", page("Slow pictures", PROSE +
                             "<p><img src=\"/slow?1\" alt=\"First slow picture\"></p>"
                             "<p><img src=\"/slow?2\" alt=\"Second slow picture\"></p>"
                             "<p><img src=\"/img/harbour.png\" alt=\"A quick picture\"></p>"))
        if p == "/slow":  # headers at once, then a byte a second
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(60):
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(1)
            except OSError:
                pass
            return
        if p == "/huge":  # no length given: 64 MiB streamed unless the client stops
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Connection", "close")
            self.end_headers()
            chunk = b"<p>" + b"x" * 65532 + b"\n"
            try:
                self.wfile.write(b"<html><body>")
                for _ in range(1024):
                    self.wfile.write(chunk)
                    self.server.huge_sent += len(chunk)
            except OSError:
                pass
            self.close_connection = True
            return
        if p == "/huge-sent":
            return self.send(200, "text/plain", str(self.server.huge_sent).encode())
        if p == "/doc.pdf":
            return self.send(200, "application/pdf", b"%PDF-1.4\n" + b"0" * 1000)
        if p == "/pic.png":
            return self.send(200, "image/png", png(8, 8))
        if p == "/feed.xml":  # two entries, an image by a path relative to the entry's page
            para = ("<p>The ferries ran again this morning, forty passengers aboard the first "
                    "one, and the harbour master said the timetable holds for the summer.</p>")
            item = ("<item><title>{t}</title><link>{base}/news/{n}.html</link>"
                    "<guid>{base}/news/{n}.html</guid><pubDate>{d}</pubDate>"
                    "<dc:creator>Ada Quay</dc:creator><content:encoded><![CDATA[{c}]]>"
                    "</content:encoded></item>")
            base = "http://127.0.0.1:%d" % self.server.server_address[1]
            body = ("<?xml version=\"1.0\"?><rss version=\"2.0\" "
                    "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" "
                    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><channel>"
                    "<title>Harbour News</title><link>" + base + "/</link>"
                    "<description>The port's news</description><language>en-GB</language>" +
                    item.format(t="Ferries return", n="ferries", d="Tue, 21 May 2019 10:00:00 +0200",
                                base=base, c=para + "<p><img src=\"../img/harbour.png\" alt=\"The harbour\"></p>") +
                    item.format(t="The new timetable", n="timetable", d="Mon, 20 May 2019 09:00:00 GMT",
                                base=base, c=para + para) +
                    "</channel></rss>")
            return self.send(200, "application/rss+xml", body.encode())
        if p == "/summary-feed.xml":  # an entry that gives only a summary of its page
            base = "http://127.0.0.1:%d" % self.server.server_address[1]
            body = ("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"
                    "<title>Summaries</title><id>urn:x:s</id><updated>2024-05-21T10:00:00Z</updated>"
                    "<entry><title>Ferries return</title><id>urn:x:s1</id>"
                    "<updated>2024-05-21T10:00:00Z</updated><author><name>Ada Quay</name></author>"
                    "<link href=\"" + base + "/article.html\"/>"
                    "<summary>Only a summary of the ferries, to be read on the site.</summary>"
                    "</entry></feed>")
            return self.send(200, "application/atom+xml", body.encode())
        if p == "/feed-as-xml":
            return self.send(200, "text/xml",
                             b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>F</title>"
                             b"<entry><title>One entry</title><id>urn:x:1</id><updated>2019-05-21T10:00:00Z</updated>"
                             b"<content type=\"html\">&lt;p&gt;An entry of a feed served as text/xml, long enough to read.&lt;/p&gt;</content>"
                             b"</entry></feed>")
        if p == "/latin1.html":  # the server's charset wins over the page's <meta>
            body = ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"windows-1251\">"
                    "<title>Caf\u00e9 du port</title></head><body><article><h1>Caf\u00e9 du port</h1>"
                    "<p>Le caf\u00e9 ouvre \u00e0 six heures, et l'on y reste jusqu'\u00e0 la "
                    "nuit pour regarder les bateaux rentrer au port sous la pluie d'automne.</p>"
                    "</article></body></html>")
            return self.send(200, "text/html; charset=ISO-8859-1", body.encode("latin-1"))
        if p == "/notes.txt":
            return self.send(200, "text/plain; charset=utf-8",
                             b"Notes from the quay\n\nThe ferries run again.\n")
        return self.send(404, "text/html", b"<p>not here</p>")


def main():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    if len(sys.argv) > 3:  # CERT KEY: https, with a certificate no authority signed
        import ssl
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(sys.argv[2], sys.argv[3])
        server.socket = context.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    server.huge_sent = 0
    with open(sys.argv[1] + ".tmp", "w") as f:
        f.write(str(server.server_address[1]))
    import os
    os.rename(sys.argv[1] + ".tmp", sys.argv[1])
    threading.Timer(LIFETIME, server.shutdown).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
