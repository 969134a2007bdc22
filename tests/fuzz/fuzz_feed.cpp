// libFuzzer target: bytes -> a feed read (XML or JSON Feed, repairs, entries through the HTML
// reader) -> each entry's XHTML, in memory. Every document produced must be well-formed XML and
// hold nothing active.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "check_document.hpp"
#include "octavo/feed.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 200000) return 0; // keep executions fast; size limits have their own tests
    std::string_view text(reinterpret_cast<const char*>(data), size);
    octavo::Warnings warnings;
    octavo::FeedOptions options;
    // The first byte picks: the order, a limit, a base URL, a date to start from.
    unsigned pick = size > 0 ? data[0] : 0;
    options.oldest_first = pick & 1;
    options.max_entries = (pick & 2) ? 3 : 0;
    if (pick & 4) options.base_url = "https://fuzz.example/feed/";
    if (pick & 8) options.since = "2020-01-01";
    auto feed = octavo::read_feed(text, "fuzz.xml", options, warnings);
    if (!feed) return 0;
    for (auto& entry : feed->entries) {
        octavo::Article& article = entry.article;
        article.base_dir = "/nonexistent/octavo-fuzz";
        if (!octavo::finalize_metadata(article.meta, article.source, warnings)) continue;
        octavo::RenderOptions ro;
        auto r = octavo::render_article(article, ro, warnings);
        if (!r) continue;
        for (auto& d : r->docs)
            check_document(d.data);
    }
    return 0;
}
