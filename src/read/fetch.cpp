#include "octavo/fetch.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <string>

#include "core/limits.hpp"
#include "core/module.hpp"
#include "core/url.hpp"
#include "read/fetch/fetch_module.h"
#include "read/remote.hpp"

namespace octavo {
namespace {

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string trim(std::string_view s) {
    size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    size_t e = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(b, e - b + 1));
}

std::string seconds(long ms) {
    std::string s = std::to_string(ms / 1000);
    if (ms % 1000) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (frac.back() == '0')
            frac.pop_back();
        s += "." + frac;
    }
    return s + " s";
}

std::string mib(std::size_t bytes) {
    return bytes >= (std::size_t{1} << 20) && bytes % (std::size_t{1} << 20) == 0
               ? std::to_string(bytes >> 20) + " MiB"
               : std::to_string(bytes) + " bytes";
}

// The name of the root element of an XML document, past its declaration, comments, processing
// instructions and DOCTYPE; "" when it does not look like XML.
std::string xml_root(std::string_view b) {
    size_t i = 0;
    if (b.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
    for (int guard = 0; guard < 64; ++guard) {
        i = b.find_first_not_of(" \t\r\n", i);
        if (i == std::string_view::npos || b[i] != '<') return {};
        if (b.compare(i, 4, "<!--") == 0) {
            i = b.find("-->", i + 4);
            if (i == std::string_view::npos) return {};
            i += 3;
        } else if (b.compare(i, 2, "<?") == 0 || b.compare(i, 2, "<!") == 0) {
            i = b.find('>', i + 2);
            if (i == std::string_view::npos) return {};
            i += 1;
        } else {
            size_t end = b.find_first_of(" \t\r\n/>", i + 1);
            if (end == std::string_view::npos) return {};
            return std::string(b.substr(i + 1, end - i - 1));
        }
    }
    return {};
}

WebContent by_xml_root(std::string_view bytes) {
    std::string root = xml_root(bytes);
    std::string l = lower_ascii(root);
    if (l == "rss" || l == "feed" || root == "rdf:RDF") return WebContent::feed;
    if (l == "html") return WebContent::html;
    return WebContent::other;
}

// No type, or one that says nothing: what the first bytes look like, as browsers sniff (only
// what is safe to read as a page).
WebContent sniff(std::string_view bytes) {
    std::string head = lower_ascii(bytes.substr(0, 1024));
    size_t i = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (i == std::string::npos) return WebContent::other;
    if (head.compare(i, 14, "<!doctype html") == 0 || head.compare(i, 5, "<html") == 0 ||
        head.compare(i, 5, "<head") == 0 || head.compare(i, 5, "<body") == 0)
        return WebContent::html;
    if (head[i] == '<') return by_xml_root(bytes);
    return WebContent::other;
}

// What a page's fetch takes before reading its body: a type that may be an article, or none.
int page_type_acceptable(void*, const char* content_type) {
    std::string t = parse_content_type(content_type).type;
    if (t.empty() || t.compare(0, 5, "text/") == 0) return 1;
    for (const char* ok : {"application/xhtml+xml", "application/xml", "application/rss+xml",
                           "application/atom+xml", "application/rdf+xml", "application/feed+json",
                           "application/json", "application/octet-stream"})
        if (t == ok) return 1;
    return 0;
}

int append(void* ctx, const char* data, size_t size) {
    static_cast<std::string*>(ctx)->append(data, size);
    return 1;
}

Error fetch_error(const std::string& url, const std::string& message) {
    return Error{Errc::io, url, 0, 0, message};
}

Result<Fetched> fetch(const std::string& url, const FetchLimits& limits, bool is_page) {
    std::string scheme;
    if (!has_scheme(url, scheme) || (scheme != "http" && scheme != "https"))
        return fetch_error(url, (scheme.empty() ? std::string("is not a URL")
                                                : "is a URL of the scheme '" + scheme + "'") +
                                    ": octavo fetches http and https URLs only (a local file is "
                                    "given by its path)");
    size_t host = url.find("//");
    if (host != scheme.size() + 1)
        return fetch_error(url, "is not a URL octavo can fetch: give http://HOST/...");
    size_t end = url.find_first_of("/?#", host + 2);
    if (url.substr(host + 2, end - host - 2).find('@') != std::string::npos)
        return fetch_error(url, "holds a user name or password: octavo sends no credentials; "
                                "give the URL without 'user@'");
    static const LoadedModule module = load_module("liboctavo-fetch.so", "octavo_fetch_v1");
    if (!module.symbol)
        return fetch_error(
            url, "cannot be fetched: octavo's fetch module (liboctavo-fetch.so) " +
                     std::string(module.installed ? "cannot be loaded: " : "is not installed") +
                     (module.installed ? module.error : ""));
    auto run = reinterpret_cast<octavo_fetch_v1_fn>(module.symbol);
    Fetched f;
    octavo_fetch_request_v1 req{};
    static const std::string agent =
        std::string("octavo/") + OCTAVO_VERSION + " (EPUB maker; one article at a time)";
    req.url = url.c_str();
    req.user_agent = agent.c_str();
    req.connect_timeout_ms = limits.connect_timeout_ms;
    req.timeout_ms = limits.timeout_ms;
    req.max_bytes = limits.max_bytes;
    req.max_redirects = limits.max_redirects;
    req.accept_type = is_page ? page_type_acceptable : nullptr;
    req.sink = append;
    req.ctx = &f.bytes;
    auto reply = std::make_unique<octavo_fetch_reply_v1>();
    int outcome = run(&req, reply.get());
    f.url = reply->final_url;
    MediaType mt = parse_content_type(reply->content_type);
    f.content_type = mt.type;
    f.charset = mt.charset;
    const std::string why = reply->error;
    switch (outcome) {
    case octavo_fetch_ok:
        return f;
    case octavo_fetch_scheme:
        return fetch_error(url, "redirects to " + f.url.substr(0, 200) +
                                    ", which is not http or https: not followed");
    case octavo_fetch_dns:
        return fetch_error(url,
                           "cannot be fetched: its host name cannot be resolved (" + why + ")");
    case octavo_fetch_connect:
        return fetch_error(url, "cannot be fetched: no connection to the server (refused, or "
                                "the network is unreachable: " +
                                    why + ")");
    case octavo_fetch_timeout:
        return fetch_error(url,
                           "cannot be fetched: the server did not answer in time (" +
                               seconds(std::min(limits.connect_timeout_ms, limits.timeout_ms)) +
                               " to connect, " + seconds(limits.timeout_ms) +
                               " in all; --timeout SECONDS gives more)");
    case octavo_fetch_too_big:
        return fetch_error(url, "is larger than " + mib(limits.max_bytes) + ", the most octavo " +
                                    (is_page ? "reads for a page" : "fetches for an image") +
                                    ": not read further");
    case octavo_fetch_redirects:
        return fetch_error(url, "redirects more than " + std::to_string(limits.max_redirects) +
                                    " times (a redirect loop?), last to " + f.url.substr(0, 200));
    case octavo_fetch_tls:
        return fetch_error(url, "cannot be fetched: the secure connection failed (" + why + ")");
    case octavo_fetch_status:
        return fetch_error(url, "cannot be fetched: the server answered HTTP " +
                                    std::to_string(reply->status) +
                                    (f.url != url ? " for " + f.url.substr(0, 200) : ""));
    case octavo_fetch_refused:
        return fetch_error(url, "is " + (f.content_type.empty() ? "no page" : f.content_type) +
                                    ", not a web page: octavo reads HTML pages, text and "
                                    "Markdown from the web");
    default:
        return fetch_error(url, "cannot be fetched: " + why);
    }
}

} // namespace

bool is_web_url(std::string_view text) {
    std::string head = lower_ascii(text.substr(0, 8));
    return head.compare(0, 7, "http://") == 0 || head.compare(0, 8, "https://") == 0;
}

MediaType parse_content_type(std::string_view header) {
    MediaType m;
    size_t semi = header.find(';');
    m.type = lower_ascii(trim(header.substr(0, semi)));
    while (semi != std::string_view::npos) {
        size_t next = header.find(';', semi + 1);
        std::string_view param = header.substr(semi + 1, next - semi - 1);
        size_t eq = param.find('=');
        if (eq != std::string_view::npos && lower_ascii(trim(param.substr(0, eq))) == "charset") {
            std::string v = trim(param.substr(eq + 1));
            if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
            m.charset = trim(v);
            break;
        }
        semi = next;
    }
    return m;
}

WebContent web_content(const std::string& media_type, std::string_view bytes) {
    const std::string& t = media_type;
    if (t == "text/html" || t == "application/xhtml+xml") return WebContent::html;
    if (t == "application/rss+xml" || t == "application/atom+xml" || t == "application/rdf+xml" ||
        t == "application/feed+json")
        return WebContent::feed;
    if (t == "application/xml" || t == "text/xml") return by_xml_root(bytes);
    if (t == "application/json") {
        std::string head(bytes.substr(0, 512));
        return head.find("jsonfeed.org/version") != std::string::npos ? WebContent::feed
                                                                      : WebContent::other;
    }
    if (t == "text/plain")
        return sniff(bytes) == WebContent::html ? WebContent::html : WebContent::text;
    if (t == "text/markdown" || t == "text/x-markdown") return WebContent::markdown;
    if (t.empty() || t == "application/octet-stream" || t.compare(0, 5, "text/") == 0)
        return sniff(bytes);
    return WebContent::other;
}

Result<Fetched> fetch_url(const std::string& url, const FetchLimits& limits) {
    return fetch(url, limits, false);
}

std::shared_ptr<RemoteFiles> make_remote_files(const FetchLimits& limits) {
    return std::make_shared<RemoteFiles>(limits);
}

// ---- RemoteFiles --------------------------------------------------------------------------

RemoteFiles::RemoteFiles(const FetchLimits& limits, Fetcher fetcher)
    : limits_(limits), fetcher_(fetcher ? std::move(fetcher) : Fetcher(fetch)) {}

RemoteFiles::~RemoteFiles() {
    if (spool_ >= 0) ::close(spool_);
}

bool RemoteFiles::store(Entry& e, std::string& bytes) {
    if (!spool_tried_) {
        spool_tried_ = true;
        const char* dir = std::getenv("TMPDIR");
        // Unnamed: never seen in a folder, gone with the process however it ends.
        spool_ = ::open(dir && *dir ? dir : "/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
    }
    e.offset = spool_end_;
    e.size = bytes.size();
    bool written = spool_ >= 0;
    for (size_t done = 0; written && done < bytes.size();) {
        ssize_t n = ::pwrite(spool_, bytes.data() + done, bytes.size() - done,
                             static_cast<off_t>(e.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            written = false;
        else
            done += static_cast<size_t>(n);
    }
    if (!written) memory_[e.offset] = bytes; // a full disk, or no spool: kept in memory
    spool_end_ += bytes.size();
    return true;
}

Result<std::string> RemoteFiles::load(const Entry& e) const {
    if (auto it = memory_.find(e.offset); it != memory_.end() && it->second.size() == e.size)
        return it->second;
    std::string out(e.size, '\0');
    for (size_t done = 0; done < e.size;) {
        ssize_t n =
            ::pread(spool_, out.data() + done, e.size - done, static_cast<off_t>(e.offset + done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            return Error{Errc::io,           e.meta.url, 0, 0, "cannot be read back from the spool",
                         n < 0 ? errno : EIO};
        done += static_cast<size_t>(n);
    }
    return out;
}

Result<Fetched> RemoteFiles::get(const std::string& url, bool is_page) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto& table = is_page ? pages_ : images_;
    auto it = table.find(url);
    if (it == table.end()) {
        Entry e;
        FetchLimits l = limits_;
        if (!is_page) {
            if (image_count_ >= max_remote_images)
                return fetch_error(url, "not fetched: the book has " +
                                            std::to_string(max_remote_images) +
                                            " remote images already, the most octavo fetches");
            if (image_bytes_ >= max_remote_image_bytes)
                return fetch_error(url, "not fetched: the book's remote images reach " +
                                            mib(max_remote_image_bytes) +
                                            ", the most octavo fetches");
            l.max_bytes = std::min(l.max_bytes, max_remote_image_bytes - image_bytes_);
            // All of a book's images share max_remote_image_timeouts times one fetch's time.
            long budget = limits_.timeout_ms * static_cast<long>(max_remote_image_timeouts);
            if (image_ms_ >= budget)
                return fetch_error(
                    url, "not fetched: the book's remote images took " + seconds(image_ms_) +
                             " already, the most octavo " + "spends on them (" +
                             std::to_string(max_remote_image_timeouts) + " times --timeout)");
            l.timeout_ms = std::min(l.timeout_ms, budget - image_ms_);
            l.connect_timeout_ms = std::min(l.connect_timeout_ms, l.timeout_ms);
        }
        auto start = std::chrono::steady_clock::now();
        auto f = fetcher_(url, l, is_page);
        if (!is_page)
            image_ms_ += static_cast<long>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::steady_clock::now() - start)
                                               .count());
        if (!f) {
            e.failed = true;
            e.error = f.error();
            if (!is_page && l.max_bytes < limits_.max_bytes &&
                e.error.message.rfind("is larger than", 0) == 0)
                e.error.message = "not fetched: the book's remote images reach " +
                                  mib(max_remote_image_bytes) + ", the most octavo fetches";
        } else {
            if (!is_page) ++image_count_, image_bytes_ += f->bytes.size();
            e.meta = std::move(*f);
            store(e, e.meta.bytes);
            e.meta.bytes.clear();
            e.meta.bytes.shrink_to_fit();
        }
        it = table.emplace(url, std::move(e)).first;
    }
    const Entry& e = it->second;
    if (e.failed) return e.error;
    auto bytes = load(e);
    if (!bytes) return bytes.error();
    Fetched f = e.meta;
    f.bytes = std::move(*bytes);
    return f;
}

Result<Fetched> RemoteFiles::page(const std::string& url) {
    return get(url, true);
}

Result<std::string> RemoteFiles::image(const std::string& url) {
    auto f = get(url, false);
    if (!f) return f.error();
    return std::move(f->bytes);
}

} // namespace octavo
