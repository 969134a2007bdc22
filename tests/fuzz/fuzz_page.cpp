// libFuzzer target: bytes -> an HTML page read (charset, extraction, metadata) -> its Body ->
// XHTML, in memory. Every document produced must be well-formed XML and hold nothing active.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "check_document.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 200000) return 0; // keep executions fast; size limits have their own tests
    std::string_view text(reinterpret_cast<const char*>(data), size);
    octavo::Warnings warnings;
    octavo::ReadOptions options;
    options.format = octavo::Format::html;
    options.format_given = true;
    options.whole_page = size > 0 && (data[0] & 1); // the first byte picks: both ways fuzzed
    auto article = octavo::read_article(text, "fuzz.html", options, warnings);
    if (!article) return 0;
    article->base_dir = "/nonexistent/octavo-fuzz";
    if (!octavo::finalize_metadata(article->meta, "fuzz.html", warnings)) return 0;
    octavo::RenderOptions ro;
    auto r = octavo::render_article(*article, ro, warnings);
    if (!r) return 0;
    for (auto& d : r->docs)
        check_document(d.data);
    return 0;
}
