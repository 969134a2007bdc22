// libFuzzer target: the front matter readers (YAML, TOML, JSON) and the metadata mapping. Any
// input must give an Article or an Error, never a crash, a hang or a metadata value that XML
// cannot hold; finalized metadata has a W3CDTF date and a valid language tag.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/text.hpp"
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
        bool finalized = bool(octavo::finalize_metadata(article->meta, "fuzz.md", warnings));
        const auto& m = article->meta;
        if (finalized) {
            if (!m.date.empty() && !octavo::is_valid_w3cdtf(m.date)) std::abort();
            if (!m.date.empty() && !octavo::is_valid_w3cdtf(octavo::w3cdtf_in_utc(m.date)))
                std::abort();
            if (!octavo::is_valid_language_tag(m.lang)) std::abort();
        }
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
    std::string name(text.substr(0, 256));
    for (const auto& n : octavo::split_names(name))
        if (n.empty()) std::abort();
    (void)octavo::file_as_of(name);
    (void)octavo::read_date(name);
    return 0;
}
