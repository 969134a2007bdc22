// What the HTML page reader's parts share: gumbo's tree, read (never changed) through small
// helpers, and what the extractor decides about it.
#pragma once

#include <gumbo.h>

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "octavo/article.hpp"

namespace octavo {

inline bool is_element(const GumboNode* n) {
    return n && n->type == GUMBO_NODE_ELEMENT;
}
inline GumboTag tag_of(const GumboNode* n) {
    return is_element(n) ? n->v.element.tag : GUMBO_TAG_UNKNOWN;
}
inline const GumboVector& children_of(const GumboNode* n) {
    static const GumboVector none = {nullptr, 0, 0};
    if (n->type == GUMBO_NODE_ELEMENT || n->type == GUMBO_NODE_TEMPLATE)
        return n->v.element.children;
    if (n->type == GUMBO_NODE_DOCUMENT) return n->v.document.children;
    return none;
}
inline const GumboNode* child_at(const GumboNode* n, unsigned i) {
    return static_cast<const GumboNode*>(children_of(n).data[i]);
}
/// An attribute's value, or "" (also when n is not an element).
std::string attr(const GumboNode* n, const char* name);
bool has_attr(const GumboNode* n, const char* name);
/// ASCII lower case.
std::string lower(std::string_view s);
/// The text of n and its descendants, white space collapsed (skip: nodes left out).
std::string text_of(const GumboNode* n, const std::unordered_set<const GumboNode*>* skip = nullptr);
/// The first element below n (n included) with that tag, in document order.
const GumboNode* find_first(const GumboNode* n, GumboTag tag);

/// What the extractor keeps of a page: the elements the article is made of, in order, less the
/// nodes under them that are left out.
struct Extraction {
    std::vector<const GumboNode*> roots;
    std::unordered_set<const GumboNode*> dropped;
};

/// The article of the page whose <body> is body (read/extract.cpp); with whole_page, the whole
/// body less what is never shown (script, style, hidden elements).
Extraction extract_article(const GumboNode* body, bool whole_page);

/// The image an <img> of a page means (read/page_images.cpp): of its src, srcset, lazy-loading
/// attributes (data-src, data-srcset...) and the <source>s of its <picture>, a real image before a
/// placeholder, a local one (or a data: URI) before a remote one, a format every reader shows,
/// the largest under the size limit. src "" when there is none to show: a tracking pixel, an icon
/// (icon: its alt text stands for it), a placeholder whose real image is in a <noscript>.
struct PageImage {
    std::string src;
    bool icon = false;
};
PageImage page_image(const GumboNode* img);
/// Whether the images a <noscript> holds are shown already by an <img> beside it (the same
/// image, lazy-loaded): then the <noscript> is left out, else its images are the page's.
bool noscript_repeats(const GumboNode* noscript);

/// The metadata a page gives about itself (read/page_meta.cpp): JSON-LD first, then OpenGraph,
/// <meta> names, Dublin Core, <time>, bylines, <title>, <html lang>. Dates are W3CDTF; what
/// cannot be read is left out. article: the extraction, where bylines and dates are looked for.
Metadata page_metadata(const GumboNode* html, const Extraction& article);

} // namespace octavo
