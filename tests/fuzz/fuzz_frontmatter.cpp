// libFuzzer target: the front matter and metadata reader. Any input must give an Article or an
// Error, never a crash, a hang or a metadata value that XML cannot hold.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "read/article.hpp"

namespace {

// Metadata that reaches the package documents must be valid UTF-8 with no XML-forbidden bytes.
void check_clean(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 && c != '\t' && c != '\n') std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    octavo::Warnings warnings;
    auto article = octavo::read_article(text, "fuzz.md", octavo::Format::markdown, warnings);
    if (article) {
        octavo::finalize_metadata(article->meta, "fuzz.md", warnings);
        const auto& m = article->meta;
        for (const auto* s : {&m.title, &m.subtitle, &m.date, &m.lang, &m.publisher, &m.rights,
                              &m.description, &m.identifier})
            check_clean(*s);
        for (const auto& p : m.authors)
            check_clean(p.name), check_clean(p.file_as);
    }
    auto text_article = octavo::read_article(text, "fuzz.txt", octavo::Format::text, warnings);
    (void)text_article;
    auto meta = octavo::parse_metadata(text, "fuzz.yaml", 0, warnings);
    (void)meta;
    return 0;
}
