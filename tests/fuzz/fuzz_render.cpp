// libFuzzer target: text -> Article -> XHTML -> package documents, all in memory (no file is
// written; images resolve against a folder that does not exist). Every document produced must be
// well-formed XML and hold no script.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <pugixml.hpp>

#include "check_document.hpp"

#include "package/package.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace {

// And no character XML does not allow, which the renderer removes.
void check_characters(const std::string& xml) {
    check_document(xml);
    for (unsigned char c : xml)
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 200000) return 0; // keep executions fast; size limits have their own tests
    std::string_view text(reinterpret_cast<const char*>(data), size);
    octavo::Warnings warnings;
    // The first byte picks the format, so both readers get fuzzed.
    octavo::Format format =
        (size > 0 && (data[0] & 1)) ? octavo::Format::text : octavo::Format::markdown;
    auto article = octavo::read_article(text, "fuzz.md", format, warnings);
    if (!article) return 0;
    article->base_dir = "/nonexistent/octavo-fuzz";
    if (!octavo::finalize_metadata(article->meta, "fuzz.md", warnings)) return 0;
    octavo::RenderOptions options;
    auto r = octavo::render_article(*article, options, warnings);
    if (!r) return 0;
    octavo::BookPlan plan;
    plan.meta = article->meta;
    if (plan.meta.identifier.empty()) plan.meta.identifier = octavo::make_identifier(plan.meta);
    plan.modified = "2019-05-21T00:00:00Z";
    plan.rtl = r->rtl;
    plan.resources.push_back({"css/octavo.css", "text/css", "", ""});
    for (auto& d : r->docs) {
        check_characters(d.data);
        plan.spine.push_back(d.path);
    }
    plan.toc = r->toc;
    plan.features = r->features;
    plan.bodymatter_href = plan.spine.front();
    check_characters(octavo::make_opf(plan));
    check_characters(octavo::make_nav(plan));
    check_characters(octavo::make_ncx(plan));
    return 0;
}
