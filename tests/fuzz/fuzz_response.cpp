// libFuzzer target: an HTTP response as octavo reads a fetched page, without a network. The
// first line is the Content-Type header, the rest the body: what it says the body is
// (web_content), then, for a page, the page read with the server's charset and its URL as its
// base, and rendered with no image to be had. Every document must be well-formed XML and hold
// nothing active.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "assets/loader.hpp"
#include "check_document.hpp"
#include "octavo/fetch.hpp"
#include "read/article.hpp"
#include "read/html.hpp"
#include "render/xhtml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 200000) return 0; // keep executions fast; size limits have their own tests
    std::string_view text(reinterpret_cast<const char*>(data), size);
    size_t eol = text.find('\n');
    std::string_view header = text.substr(0, eol);
    std::string_view body =
        eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
    octavo::MediaType type = octavo::parse_content_type(header);
    if (octavo::web_content(type.type, body) != octavo::WebContent::html) return 0;
    const std::string url = "https://fuzz.example/a/page.html";
    octavo::Warnings warnings;
    octavo::ReadOptions options;
    auto article = octavo::read_html_article(body, url, options, warnings, {url, type.charset});
    if (!article) return 0;
    if (article->base_url.rfind("http", 0) != 0) std::abort(); // always a web URL
    if (!octavo::finalize_metadata(article->meta, url, warnings)) return 0;
    octavo::MemoryLoader nothing; // every image is missing: no file is read, nothing fetched
    octavo::RenderOptions ro;
    ro.assets = &nothing;
    auto r = octavo::render_article(*article, ro, warnings);
    if (!r) return 0;
    for (auto& d : r->docs)
        check_document(d.data);
    return 0;
}
