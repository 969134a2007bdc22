// The image an <img> of a saved page means: of its src, its srcset, its lazy-loading attributes
// and the <source>s of the <picture> around it, the one a reader of the book should see.
#include <cctype>
#include <cstdlib>
#include <string>
#include <tuple>
#include <vector>

#include "read/page.hpp"

namespace octavo {
namespace {

// Largest width the book wants: a candidate at most this wide is "under the size limit"
// (an e-reader's screen is 600 to 1,900 pixels wide; images over 4 megapixels are scaled).
constexpr long max_width = 2000;

struct Candidate {
    std::string url;
    long width = 0;     // from a w descriptor, or the width the page declares; 0: unknown
    double density = 1; // an x descriptor
    int format = 2;     // 2: every reader shows it (or unknown), 1: converted, 0: never decoded
    bool narrow_media = false; // a <source> for small or dark screens
};

bool starts_with_ci(std::string_view s, std::string_view prefix) {
    return s.size() >= prefix.size() && lower(s.substr(0, prefix.size())) == prefix;
}

bool is_picture(const GumboNode* n) {
    if (!is_element(n) || n->v.element.tag != GUMBO_TAG_UNKNOWN) return false;
    GumboStringPiece t = n->v.element.original_tag;
    gumbo_tag_from_original_text(&t);
    return t.data && lower(std::string_view(t.data, t.length)) == "picture";
}

long declared(const GumboNode* n, const char* name) {
    std::string v = attr(n, name);
    if (v.empty() || !std::isdigit(static_cast<unsigned char>(v[0]))) return -1;
    return std::strtol(v.c_str(), nullptr, 10);
}

// By the media type a <source> gives, else by the URL's extension.
int format_of(const std::string& url, const std::string& type) {
    std::string t = lower(type);
    if (t.empty()) {
        if (starts_with_ci(url, "data:")) {
            t = lower(url.substr(5, url.find_first_of(";,") - 5));
        } else {
            std::string path = lower(url.substr(0, url.find_first_of("?#")));
            size_t dot = path.rfind('.');
            std::string ext = dot == std::string::npos ? "" : path.substr(dot + 1);
            if (ext == "webp" || ext == "avif" || ext == "tif" || ext == "tiff" || ext == "bmp" ||
                ext == "heic" || ext == "heif")
                return 1;
            if (ext == "jxl") return 0;
            return 2;
        }
    }
    if (t.empty() || t == "image/jpeg" || t == "image/jpg" || t == "image/png" ||
        t == "image/gif" || t == "image/svg+xml")
        return 2;
    if (t == "image/webp" || t == "image/avif" || t == "image/tiff" || t == "image/bmp" ||
        t == "image/heic" || t == "image/heif")
        return 1;
    return 0;
}

// A srcset as HTML parses it: URLs may hold commas ("resize=140,93"); a candidate ends at white
// space, its descriptors at a comma outside parentheses.
void parse_srcset(const std::string& s, const std::string& type, bool narrow, long declared_w,
                  std::vector<Candidate>& out) {
    size_t i = 0, n = s.size();
    auto space = [&](size_t k) { return std::isspace(static_cast<unsigned char>(s[k])) != 0; };
    while (i < n) {
        while (i < n && (space(i) || s[i] == ','))
            ++i;
        if (i >= n) break;
        size_t start = i;
        while (i < n && !space(i))
            ++i;
        std::string url = s.substr(start, i - start);
        bool descriptors = true;
        while (!url.empty() && url.back() == ',') {
            url.pop_back();
            descriptors = false;
        }
        Candidate c{url, declared_w > 0 ? declared_w : 0, 1, format_of(url, type), narrow};
        if (descriptors) {
            int depth = 0;
            std::string d;
            auto take = [&] {
                if (d.size() < 2) return;
                char unit = static_cast<char>(std::tolower(static_cast<unsigned char>(d.back())));
                double v = std::strtod(d.c_str(), nullptr);
                if (unit == 'w' && v > 0) c.width = static_cast<long>(v);
                if (unit == 'x' && v > 0) {
                    c.density = v;
                    if (declared_w > 0)
                        c.width = static_cast<long>(v * static_cast<double>(declared_w));
                }
                d.clear();
            };
            for (; i < n; ++i) {
                char ch = s[i];
                if (ch == '(') ++depth;
                if (ch == ')' && depth > 0) --depth;
                if (ch == ',' && depth == 0) break;
                if (space(i) && depth == 0)
                    take();
                else
                    d += ch;
            }
            take();
        }
        if (!url.empty()) out.push_back(std::move(c));
    }
}

bool is_remote(const std::string& url) {
    return url.compare(0, 2, "//") == 0 || starts_with_ci(url, "http:") ||
           starts_with_ci(url, "https:");
}

// A stand-in a lazy-loading page shows until its script swaps the real image in: a data: URI
// of a few bytes (a 1x1 GIF, an empty SVG), or a file named for it.
bool is_placeholder(const std::string& url) {
    if (starts_with_ci(url, "data:")) return url.size() < 2048;
    std::string path = lower(url.substr(0, url.find_first_of("?#")));
    std::string name = path.substr(path.find_last_of('/') + 1);
    for (const char* p :
         {"blank.", "spacer.", "pixel.", "placeholder", "lazy", "transparent.", "loading.", "1x1."})
        if (name.rfind(p, 0) == 0) return true;
    return false;
}

const char* const lazy_sources[] = {"data-src",      "data-original", "data-lazy-src",
                                    "data-lazy",     "data-url",      "data-hi-res-src",
                                    "data-full-src", "data-orig-src", "data-actualsrc"};
const char* const lazy_srcsets[] = {"data-srcset", "data-lazy-srcset", "data-original-srcset"};

bool lazy(const GumboNode* img) {
    for (const char* a : lazy_sources)
        if (has_attr(img, a)) return true;
    for (const char* a : lazy_srcsets)
        if (has_attr(img, a)) return true;
    return lower(attr(img, "class")).find("lazy") != std::string::npos;
}

bool word_in(const std::string& text, const char* word) {
    return lower(text).find(word) != std::string::npos;
}

// The element siblings directly before and after n (white space and comments between).
std::vector<const GumboNode*> neighbours(const GumboNode* n) {
    std::vector<const GumboNode*> out;
    const GumboNode* parent = n->parent;
    if (!parent) return out;
    const GumboVector& c = children_of(parent);
    auto at = static_cast<unsigned>(n->index_within_parent);
    for (unsigned i = at; i-- > 0;)
        if (auto* k = child_at(parent, i); is_element(k)) {
            out.push_back(k);
            break;
        } else if (k->type == GUMBO_NODE_TEXT) {
            break;
        }
    for (unsigned i = at + 1; i < c.length; ++i)
        if (auto* k = child_at(parent, i); is_element(k)) {
            out.push_back(k);
            break;
        } else if (k->type == GUMBO_NODE_TEXT) {
            break;
        }
    return out;
}

// The images in n, a few levels down (a link, a <picture>, a wrapper): a <noscript> beside a whole
// section is no fallback for one image, and looking through it for each would be quadratic.
void images_under(const GumboNode* n, std::vector<const GumboNode*>& out, int depth = 0) {
    if (tag_of(n) == GUMBO_TAG_NOSCRIPT || depth > 3) return;
    if (tag_of(n) == GUMBO_TAG_IMG) out.push_back(n);
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i)
        images_under(child_at(n, i), out, depth + 1);
}

// Whether n is all its parent holds but white space: a link, a <picture> or a box around it.
bool alone(const GumboNode* n) {
    const GumboNode* parent = n->parent;
    if (!is_element(parent) || tag_of(parent) == GUMBO_TAG_BODY) return false;
    const GumboVector& c = children_of(parent);
    for (unsigned i = 0; i < c.length; ++i)
        if (auto* k = child_at(parent, i); k != n &&
                                           (is_element(k) || k->type == GUMBO_NODE_TEXT) &&
                                           !(is_picture(parent) && tag_of(k) == GUMBO_TAG_SOURCE))
            return false;
    return true;
}

bool noscript_image_beside(const GumboNode* img) {
    // The <noscript> may be beside the <img>, or beside the <picture> or link around it.
    for (const GumboNode* at = img; at && is_element(at); at = at->parent) {
        for (const GumboNode* k : neighbours(at))
            if (tag_of(k) == GUMBO_TAG_NOSCRIPT && find_first(k, GUMBO_TAG_IMG)) return true;
        if (!alone(at)) break;
    }
    return false;
}

} // namespace

PageImage page_image(const GumboNode* img) {
    PageImage out;
    long w = declared(img, "width"), h = declared(img, "height");
    // A tracking pixel or a spacer: nothing a reader sees.
    if ((w >= 0 && w <= 2) || (h >= 0 && h <= 2)) return out;
    std::string src = attr(img, "src");
    // Icons (a share button, an emoji drawn as a picture): their alt text reads as well.
    bool small = w >= 0 && h >= 0 && w <= 32 && h <= 32;
    std::string names = attr(img, "class") + " " + src;
    std::string path = lower(src.substr(0, src.find_first_of("?#")));
    if (path.size() >= 4 && path.compare(path.size() - 4, 4, ".ico") == 0) {
        out.icon = true;
        return out;
    }
    if (small && (word_in(names, "icon") || word_in(names, "emoji") || word_in(names, "logo") ||
                  word_in(names, "avatar") || word_in(names, "badge") ||
                  word_in(names, "spinner") || word_in(names, "sprite"))) {
        out.icon = true;
        return out;
    }

    std::vector<Candidate> cands;
    if (is_picture(img->parent)) {
        const GumboNode* pic = img->parent;
        const GumboVector& c = children_of(pic);
        for (unsigned i = 0; i < c.length; ++i) {
            const GumboNode* s = child_at(pic, i);
            if (tag_of(s) != GUMBO_TAG_SOURCE) continue;
            std::string media = lower(attr(s, "media"));
            bool narrow = media.find("max-width") != std::string::npos ||
                          media.find("dark") != std::string::npos ||
                          media.find("print") != std::string::npos;
            std::string type = attr(s, "type");
            for (const char* a : lazy_srcsets)
                if (has_attr(s, a)) parse_srcset(attr(s, a), type, narrow, w, cands);
            if (has_attr(s, "srcset")) parse_srcset(attr(s, "srcset"), type, narrow, w, cands);
        }
    }
    for (const char* a : lazy_srcsets)
        if (has_attr(img, a)) parse_srcset(attr(img, a), "", false, w, cands);
    parse_srcset(attr(img, "srcset"), "", false, w, cands);
    for (const char* a : lazy_sources)
        if (std::string v = attr(img, a); !v.empty() && v.find_first_of(" \t\n") == v.npos)
            cands.push_back({v, w > 0 ? w : 0, 1, format_of(v, ""), false});
    bool src_first = cands.empty();
    if (!src.empty()) cands.push_back({src, w > 0 ? w : 0, 1, format_of(src, ""), false});

    // Best first: a real image before a stand-in; one in the saved page's files (or a data:
    // URI) before one on the network, which is not fetched; a format every reader shows; for
    // every screen; the largest under the size limit, else the smallest over it.
    const Candidate* best = nullptr;
    auto key = [](const Candidate& c) {
        bool fits = c.width <= max_width;
        long size = c.width ? c.width : static_cast<long>(c.density * 1000);
        return std::make_tuple(!is_placeholder(c.url), !is_remote(c.url), c.format, !c.narrow_media,
                               fits, fits ? size : -size);
    };
    for (const auto& c : cands)
        if (!best || key(c) > key(*best)) best = &c;
    if (!best) return out;
    // A stand-in that a script would have replaced: the page's real image is in a <noscript>
    // beside it, or nowhere a book can see.
    if (is_placeholder(best->url) && !src_first) return out;
    if (is_placeholder(best->url) && (lazy(img) || noscript_image_beside(img))) return out;
    out.src = best->url;
    return out;
}

bool noscript_repeats(const GumboNode* noscript) {
    // The <noscript> beside a lazy-loading <img> (or the <picture> or link around it) holds the
    // same image: one of them is enough. The <img> outside wins unless page_image leaves it out.
    for (const GumboNode* at = noscript; at && is_element(at); at = at->parent) {
        for (const GumboNode* k : neighbours(at)) {
            std::vector<const GumboNode*> imgs;
            images_under(k, imgs);
            for (const GumboNode* i : imgs)
                if (!page_image(i).src.empty()) return true;
        }
        if (!alone(at)) break;
    }
    return false;
}

} // namespace octavo
