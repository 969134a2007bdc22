#include "assets/image.hpp"

#include <libdeflate.h>
#include <openssl/evp.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include "assets/convert/convert_module.h"
#include "core/limits.hpp"
#include "core/module.hpp"
#include "core/xml.hpp"

namespace octavo {
namespace {

uint32_t be32(std::string_view d, size_t i) {
    auto b = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(d[i + k])); };
    return (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
}
uint32_t be16(std::string_view d, size_t i) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(d[i])) << 8) |
           static_cast<unsigned char>(d[i + 1]);
}
uint32_t le16(std::string_view d, size_t i) {
    return (static_cast<uint32_t>(static_cast<unsigned char>(d[i + 1])) << 8) |
           static_cast<unsigned char>(d[i]);
}
unsigned byte(std::string_view d, size_t i) {
    return static_cast<unsigned char>(d[i]);
}

std::string png_problem(std::string_view d) {
    // Signature (8), IHDR length (4), type (4), data (13), CRC (4).
    if (d.substr(0, 8) != "\x89PNG\r\n\x1A\n") return "it does not start with the PNG signature";
    if (d.size() < 33) return "it ends before the end of its IHDR header";
    if (be32(d, 8) != 13 || d.substr(12, 4) != "IHDR")
        return "its first chunk is not a 13-byte IHDR header";
    uint32_t crc = libdeflate_crc32(0, d.data() + 12, 17);
    if (crc != be32(d, 29)) return "its IHDR header is damaged (wrong CRC)";
    uint32_t width = be32(d, 16), height = be32(d, 20);
    if (width == 0 || height == 0 || width > 0x7FFFFFFF || height > 0x7FFFFFFF)
        return "its width or height is 0 or out of range";
    unsigned depth = byte(d, 24), colour = byte(d, 25);
    bool depth_ok = false;
    switch (colour) {
    case 0:
        depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16;
        break;
    case 3:
        depth_ok = depth == 1 || depth == 2 || depth == 4 || depth == 8;
        break;
    case 2:
    case 4:
    case 6:
        depth_ok = depth == 8 || depth == 16;
        break;
    default:
        break;
    }
    if (!depth_ok) return "its bit depth and colour type are not a valid combination";
    if (byte(d, 26) != 0 || byte(d, 27) != 0 || byte(d, 28) > 1)
        return "its compression, filter or interlace method is unknown";
    return {};
}

std::string jpeg_problem(std::string_view d) {
    if (d.substr(0, 2) != "\xFF\xD8") return "it does not start with a JPEG SOI marker";
    bool frame = false;
    size_t i = 2; // after SOI
    while (true) {
        if (i >= d.size()) return "it ends before its image data (no SOS segment)";
        if (byte(d, i) != 0xFF) return "a segment does not start with a marker";
        while (i < d.size() && byte(d, i) == 0xFF) // fill bytes
            ++i;
        if (i >= d.size()) return "it ends before its image data (no SOS segment)";
        unsigned m = byte(d, i++);
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue; // no length
        if (m == 0xD8 || m == 0xD9 || m == 0x00)
            return "it has a misplaced marker before its image data";
        if (i + 2 > d.size()) return "it ends inside a segment";
        size_t len = be16(d, i);
        if (len < 2 || i + len > d.size()) return "it ends inside a segment";
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof) {
            if (len < 8) return "its frame header (SOF) is too short";
            unsigned components = byte(d, i + 7);
            if (be16(d, i + 3) == 0 || be16(d, i + 5) == 0) return "its width or height is 0";
            if (components == 0 || len != 8 + 3 * size_t{components})
                return "its frame header (SOF) is malformed";
            frame = true;
        } else if (m == 0xDA) {
            if (!frame) return "it has no frame header (SOF) before its image data";
            unsigned components = len >= 3 ? byte(d, i + 2) : 0;
            if (components == 0 || components > 4 || len != 6 + 2 * size_t{components})
                return "its scan header (SOS) is malformed";
            return {};
        }
        i += len;
    }
}

std::string gif_problem(std::string_view d) {
    if (d.substr(0, 6) != "GIF87a" && d.substr(0, 6) != "GIF89a")
        return "it does not start with GIF87a or GIF89a";
    if (d.size() < 13) return "it ends before the end of its logical screen descriptor";
    if (le16(d, 6) == 0 || le16(d, 8) == 0) return "its width or height is 0";
    size_t i = 13;
    if (byte(d, 10) & 0x80) i += 3 * (size_t{2} << (byte(d, 10) & 7)); // global colour table
    while (true) {
        if (i >= d.size()) return "it ends before its first image";
        unsigned block = byte(d, i);
        if (block == 0x2C) {
            if (i + 10 > d.size()) return "it ends inside its first image descriptor";
            return {};
        }
        if (block != 0x21) return "it holds an unknown block before its first image";
        i += 2;        // introducer, label
        while (true) { // data sub-blocks, up to an empty one
            if (i >= d.size()) return "it ends inside an extension block";
            size_t n = byte(d, i);
            i += 1 + n;
            if (n == 0) break;
        }
    }
}

// ---- SVG ----

constexpr const char* svg_ns = "http://www.w3.org/2000/svg";
constexpr const char* xlink_ns = "http://www.w3.org/1999/xlink";
constexpr const char* xml_ns = "http://www.w3.org/XML/1998/namespace";
constexpr const char* xhtml_ns = "http://www.w3.org/1999/xhtml";

// SVG 1.1's elements: the attributes each may have (in no namespace, or written xlink:NAME and
// xml:NAME), those it must have, and the SVG elements (and #text) it may hold, from epubcheck's
// schema (scripts/svg11-attributes.py).
struct SvgElementRow {
    std::string_view element, attributes, required, children; // names separated by spaces
};
constexpr SvgElementRow svg11_rows[] = {
#include "assets/svg11_attributes.inc"
};

// Hashed: an SVG of many elements asks for each of its attributes (a volume of SVG images spent a
// sixth of its time comparing names in ordered sets).
using NameSet = std::unordered_set<std::string_view>;
struct SvgElement {
    NameSet attributes, children;
    std::set<std::string_view> required; // in order: the first missing one is named
};

template <class Set = NameSet> Set words(std::string_view rest) {
    Set out;
    while (!rest.empty()) {
        size_t space = rest.find(' ');
        if (space != 0) out.insert(rest.substr(0, space));
        if (space == std::string_view::npos) break;
        rest.remove_prefix(space + 1);
    }
    return out;
}

// What SVG 1.1 allows for element, or nullptr when it is not an SVG 1.1 element.
const SvgElement* svg11(std::string_view element) {
    static const auto table = [] {
        std::unordered_map<std::string_view, SvgElement> t;
        for (const auto& r : svg11_rows)
            t[r.element] = {words(r.attributes), words(r.children),
                            words<std::set<std::string_view>>(r.required)};
        return t;
    }();
    auto it = table.find(element);
    return it == table.end() ? nullptr : &it->second;
}

bool is_animation(std::string_view local) {
    return local == "animate" || local == "set" || local == "animateMotion" ||
           local == "animateTransform" || local == "animateColor";
}

bool starts_with_on(std::string_view local) {
    return local.size() > 2 && (local[0] == 'o' || local[0] == 'O') &&
           (local[1] == 'n' || local[1] == 'N');
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

// Why an attribute's value or a style sheet (css: a style attribute or element) may load
// something from outside the image, or "". url(...) may only name a fragment (#id); in CSS,
// @import, image-set(), image() and escapes (which could spell any of them) are refused.
std::string css_problem(std::string_view text, bool css) {
    std::string s = lower(text);
    if (css && s.find('\\') != std::string::npos) return "uses a CSS escape (\\) in its style";
    if (css)
        for (const char* f : {"@import", "image-set(", "image(", "src("})
            if (s.find(f) != std::string::npos)
                return std::string("uses ") + f + (f[0] == '@' ? "" : "...)") +
                       " in its style, which could load something from outside the image";
    for (size_t p = s.find("url("); p != std::string::npos; p = s.find("url(", p + 4)) {
        size_t q = s.find_first_not_of(" \t\r\n\f\"'", p + 4);
        size_t close = s.find(')', p);
        size_t n = close == std::string::npos ? text.size() - p : close + 1 - p;
        std::string ref(text.substr(p, std::min<size_t>(60, n)));
        if (q == std::string::npos || s[q] != '#')
            return "refers to something outside the image (" + ref + ")";
        // epubcheck reads url('#a') and url( #a ) in an attribute as a file named ' or " or "".
        if (!css && q != p + 4)
            return "has quotes or spaces in " + ref +
                   ", which epubcheck misreads in an attribute: write url(#id)";
    }
    return {};
}

bool ncname(std::string_view s) {
    if (s.empty()) return false;
    auto c0 = static_cast<unsigned char>(s[0]);
    if (!(std::isalpha(c0) || c0 == '_' || c0 >= 0x80)) return false;
    return std::all_of(s.begin(), s.end(), [](char ch) {
        auto c = static_cast<unsigned char>(ch);
        return std::isalnum(c) || c == '_' || c == '-' || c == '.' || c >= 0x80;
    });
}

struct SvgChecker {
    std::vector<std::pair<std::string, std::string>> scope; // prefix -> namespace, innermost last
    std::set<std::string> ids;
    std::string problem;

    std::string ns_of(std::string_view prefix) const {
        if (prefix == "xml") return xml_ns;
        for (auto it = scope.rbegin(); it != scope.rend(); ++it)
            if (it->first == prefix) return it->second;
        return {};
    }

    bool fail(std::string why) {
        problem = std::move(why);
        return false;
    }

    // Checks element e and what it holds; false (with problem set) at the first problem.
    // parent: what the SVG parent element allows, or nullptr (the root, or a foreign parent).
    bool element(const pugi::xml_node& e, size_t depth, const SvgElement* parent) {
        if (depth > 1000) return fail("is nested more than 1,000 elements deep");
        size_t mark = scope.size();
        for (auto a : e.attributes()) {
            std::string_view an = a.name();
            if (an == "xmlns")
                scope.emplace_back("", a.value());
            else if (an.substr(0, 6) == "xmlns:")
                scope.emplace_back(an.substr(6), a.value());
        }
        std::string_view name = e.name();
        size_t colon = name.find(':');
        std::string_view prefix = colon == std::string_view::npos ? "" : name.substr(0, colon);
        std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
        std::string ns = ns_of(prefix);
        if (!prefix.empty() && ns.empty())
            return fail("uses the undeclared namespace prefix " + std::string(prefix) + ":");
        bool svg = ns == svg_ns;
        const SvgElement* allowed = nullptr;
        if (depth == 0 && !(svg && local == "svg"))
            return fail(local == "svg"
                            ? "has no SVG namespace (xmlns=\"http://www.w3.org/2000/svg\")"
                            : "does not have <svg> as its root element");
        if (ns == xhtml_ns) return fail("holds HTML (<" + std::string(name) + ">)");
        if (svg) {
            if (local == "script" || local == "foreignObject")
                return fail("holds a <" + std::string(local) +
                            "> element; octavo packs only static SVG");
            if (local == "a")
                return fail("holds a link (<a>), which cannot work in an image and epubcheck "
                            "rejects");
            allowed = svg11(local);
            if (!allowed)
                return fail("holds <" + std::string(name) + ">, which is not an SVG 1.1 element");
            if (parent && !parent->children.count(local))
                return fail("holds <" + std::string(name) + "> inside <" +
                            std::string(e.parent().name()) + ">, where SVG 1.1 does not allow it");
        }
        std::vector<std::string> present; // the attributes' keys (a handful)
        if (svg && is_animation(local)) {
            std::string target = e.attribute("attributeName").value();
            std::string_view t = target;
            t = t.substr(t.find(':') == std::string_view::npos ? 0 : t.find(':') + 1);
            if (lower(t) == "href" || starts_with_on(t))
                return fail("animates " + target + "; octavo packs only static SVG");
        }
        for (auto a : e.attributes()) {
            std::string_view an = a.name();
            std::string_view value = a.value();
            if (an == "xmlns" || an.substr(0, 6) == "xmlns:") continue;
            size_t c = an.find(':');
            std::string_view al = c == std::string_view::npos ? an : an.substr(c + 1);
            std::string ans = c == std::string_view::npos ? "" : ns_of(an.substr(0, c));
            if (c != std::string_view::npos && ans.empty())
                return fail("uses the undeclared namespace prefix " + std::string(an.substr(0, c)) +
                            ":");
            if (starts_with_on(al))
                return fail("holds an event handler (" + std::string(an) +
                            "); octavo packs only static SVG");
            // Only a value with a colon can hold one (path data, the bulk of most SVG, has none).
            if (value.find(':') != std::string_view::npos &&
                lower(value).find("javascript:") != std::string::npos)
                return fail("holds a javascript: URL; octavo packs only static SVG");
            if (al == "href" && !value.empty() && value[0] != '#')
                return fail("refers to something outside the image (" + std::string(an) + "=\"" +
                            std::string(value.substr(0, 60)) + "\")");
            if (!svg) continue; // markup in other namespaces (Inkscape's...) is left alone
            // Everything css_problem refuses holds a '(', a '\\' or an '@'.
            if (value.find_first_of("(\\@") != std::string_view::npos)
                if (auto why = css_problem(value, an == "style"); !why.empty()) return fail(why);
            std::string key; // the attribute as the schema names it, or "" for a foreign one
            if (c == std::string_view::npos)
                key = al;
            else if (ans == xml_ns)
                key = "xml:" + std::string(al);
            else if (ans == xlink_ns)
                key = "xlink:" + std::string(al);
            bool aria = c == std::string_view::npos &&
                        (al.substr(0, 5) == "aria-" || al == "role" || al.substr(0, 5) == "data-");
            present.push_back(key);
            if (!key.empty() && !aria && !allowed->attributes.count(key))
                return fail("holds the attribute " + std::string(an) + " on <" +
                            std::string(local) + ">, which SVG 1.1 does not allow there");
            if (key == "xml:space" && value != "default" && value != "preserve")
                return fail("has xml:space=\"" + std::string(value.substr(0, 20)) +
                            "\" (only default or preserve)");
            if (key == "id" && (!ncname(value) || !ids.insert(std::string(value)).second))
                return fail("has a malformed or repeated id (id=\"" +
                            std::string(value.substr(0, 60)) + "\")");
        }
        if (svg)
            for (auto r : allowed->required)
                if (std::find(present.begin(), present.end(), r) == present.end())
                    return fail("has <" + std::string(local) + "> without its " + std::string(r) +
                                " attribute, which SVG 1.1 requires");
        if (svg && local == "style") {
            std::string css;
            for (auto t : e.children())
                if (t.type() == pugi::node_pcdata || t.type() == pugi::node_cdata) css += t.value();
            if (auto why = css_problem(css, true); !why.empty()) return fail(why);
        }
        for (auto child : e.children()) {
            if (child.type() == pugi::node_pi)
                return fail("holds a processing instruction (<?" + std::string(child.name()) +
                            "?>)");
            bool text = child.type() == pugi::node_pcdata || child.type() == pugi::node_cdata;
            if (svg && text && !allowed->children.count("#text") &&
                std::string_view(child.value()).find_first_not_of(" \t\r\n") !=
                    std::string_view::npos)
                return fail("holds text inside <" + std::string(name) +
                            ">, where SVG 1.1 does not allow it");
            if (child.type() == pugi::node_element &&
                !element(child, depth + 1, svg ? allowed : nullptr))
                return false;
        }
        scope.resize(mark);
        return true;
    }
};

} // namespace

std::string sniff_image(std::string_view d) {
    auto starts = [&](std::string_view p) { return d.substr(0, p.size()) == p; };
    if (starts("\xFF\xD8\xFF")) return "image/jpeg";
    if (starts("\x89PNG\r\n\x1A\n")) return "image/png";
    if (starts("GIF87a") || starts("GIF89a")) return "image/gif";
    size_t i = d.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (i != std::string_view::npos && d[i] == '<' && d.find("<svg", i) != std::string_view::npos &&
        d.find("<svg", i) < 4096)
        return "image/svg+xml";
    return {};
}

std::string bitmap_problem(std::string_view data, const std::string& media_type) {
    std::string why;
    const char* kind = "";
    if (media_type == "image/png")
        why = png_problem(data), kind = "PNG";
    else if (media_type == "image/jpeg")
        why = jpeg_problem(data), kind = "JPEG";
    else if (media_type == "image/gif")
        why = gif_problem(data), kind = "GIF";
    else
        return "is not a JPEG, PNG or GIF image";
    return why.empty() ? why : std::string("is not a valid ") + kind + " image: " + why;
}

std::string svg_problem(std::string_view data) {
    if (data.find("<!ENTITY") != std::string_view::npos) return "declares XML entities";
    pugi::xml_document doc;
    if (!doc.load_buffer(data.data(), data.size(),
                         pugi::parse_default | pugi::parse_pi | pugi::parse_doctype,
                         pugi::encoding_utf8))
        return "is not well-formed XML";
    for (auto n : doc.children()) {
        if (n.type() == pugi::node_doctype)
            return std::string(n.value()).find('[') != std::string::npos
                       ? "has a DOCTYPE with an internal subset"
                       : "has a DOCTYPE, which EPUB does not allow in SVG";
        if (n.type() == pugi::node_pi)
            return "holds a processing instruction (<?" + std::string(n.name()) + "?>)";
    }
    SvgChecker checker;
    checker.element(doc.document_element(), 0, nullptr);
    return checker.problem;
}

std::string svg_without_doctype(std::string_view data) {
    pugi::xml_document doc;
    if (!doc.load_buffer(data.data(), data.size(), pugi::parse_full | pugi::parse_ws_pcdata,
                         pugi::encoding_utf8))
        return {};
    pugi::xml_node doctype;
    for (auto n : doc.children())
        if (n.type() == pugi::node_doctype) doctype = n;
    if (!doctype || std::string_view(doctype.value()).find('[') != std::string_view::npos)
        return {};
    doc.remove_child(doctype);
    return xml_text(doc, pugi::format_raw);
}

std::string image_problem(std::string_view data, const std::string& media_type) {
    return media_type == "image/svg+xml" ? svg_problem(data) : bitmap_problem(data, media_type);
}

std::optional<ImageDigest> image_digest(std::string_view data) {
    ImageDigest d;
    unsigned int n = 0;
    if (EVP_Digest(data.data(), data.size(), d.data(), &n, EVP_sha256(), nullptr) != 1 ||
        n != d.size())
        return std::nullopt;
    return d;
}

std::string sniff_convertible(std::string_view d) {
    auto at = [&](size_t i, std::string_view p) {
        return d.size() >= i + p.size() && d.substr(i, p.size()) == p;
    };
    if (at(0, "RIFF") && at(8, "WEBP")) return "webp";
    if (at(4, "ftyp")) {
        for (std::string_view brand :
             {"avif", "avis", "heic", "heix", "heim", "heis", "mif1", "msf1"})
            if (at(8, brand)) return "heif";
    }
    if (at(0, std::string_view("II*\0", 4)) || at(0, std::string_view("MM\0*", 4))) return "tiff";
    // "BM", then a header size BMP has had (BITMAPCOREHEADER to BITMAPV5HEADER).
    if (at(0, "BM") && d.size() >= 18) {
        uint32_t header = le16(d, 14) | (le16(d, 16) << 16);
        if (header == 12 || header == 40 || header == 52 || header == 56 || header == 64 ||
            header == 108 || header == 124)
            return "bmp";
    }
    return {};
}

std::pair<unsigned, unsigned> bitmap_size(std::string_view d, const std::string& media_type) {
    if (media_type == "image/png" && d.size() >= 24) return {be32(d, 16), be32(d, 20)};
    if (media_type == "image/gif" && d.size() >= 10) return {le16(d, 6), le16(d, 8)};
    if (media_type != "image/jpeg") return {0, 0};
    for (size_t i = 2; i + 4 <= d.size();) {
        if (byte(d, i) != 0xFF) break;
        while (i < d.size() && byte(d, i) == 0xFF)
            ++i;
        if (i >= d.size()) break;
        unsigned m = byte(d, i++);
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7)) continue;
        if (i + 2 > d.size()) break;
        size_t len = be16(d, i);
        bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (sof && i + 7 <= d.size()) return {be16(d, i + 5), be16(d, i + 3)};
        if (m == 0xDA || len < 2) break;
        i += len;
    }
    return {0, 0};
}

namespace {

void append_to(void* closure, const char* data, size_t n) {
    static_cast<std::string*>(closure)->append(data, n);
}

const char* kind_name(const std::string& kind) {
    if (kind == "webp") return "WebP";
    if (kind == "heif") return "AVIF or HEIF";
    if (kind == "tiff") return "TIFF";
    if (kind == "bmp") return "BMP";
    if (kind == "jpeg") return "JPEG";
    if (kind == "png") return "PNG";
    return "GIF";
}

// The image converted or scaled by the image module; problem set when it cannot be.
void convert(BookImage& img, const std::string& kind) {
    static const LoadedModule module =
        load_module(OCTAVO_IMAGE_MODULE, OCTAVO_CONVERT_IMAGE_SYMBOL);
    if (!module.symbol) {
        img.problem = std::string("is ") + kind_name(kind) +
                      ", which octavo converts with its image module, and that is not " +
                      (module.installed ? "loaded (" + module.error + ")" : "installed");
        return;
    }
    auto run = reinterpret_cast<octavo_convert_image_fn>(module.symbol);
    octavo_image_request req{img.data.data(), img.data.size(), kind.c_str(), max_image_pixels,
                             book_image_pixels};
    std::string out;
    char error[256] = "";
    unsigned w = 0, h = 0;
    int r = run(&req, append_to, &out, &w, &h, error, sizeof error);
    if (r == 0) {
        img.problem = error;
        return;
    }
    std::string to = r == 1 ? "image/png" : "image/jpeg";
    bool scaled = static_cast<unsigned long long>(w) * h > book_image_pixels;
    img.converted =
        std::string(kind_name(kind)) +
        (scaled ? " of " + std::to_string(w) + "x" + std::to_string(h) + " pixels scaled down"
                : std::string()) +
        (to != img.media_type
             ? std::string(scaled ? " and" : "") + " converted to " + (r == 1 ? "PNG" : "JPEG")
             : std::string());
    img.media_type = to;
    img.data = std::move(out);
    auto [cw, ch] = bitmap_size(img.data, img.media_type);
    img.width = cw, img.height = ch;
    img.problem = bitmap_problem(img.data, img.media_type);
}

// A WebP's canvas from its header (VP8X, VP8L or VP8), or 0, 0.
std::pair<unsigned, unsigned> webp_size(std::string_view d) {
    auto le24 = [&](size_t i) {
        return le16(d, i) | (static_cast<uint32_t>(byte(d, i + 2)) << 16);
    };
    if (d.size() >= 30 && d.substr(12, 4) == "VP8X") return {le24(24) + 1, le24(27) + 1};
    if (d.size() >= 25 && d.substr(12, 4) == "VP8L" && byte(d, 20) == 0x2F) {
        uint32_t bits = le16(d, 21) | (le16(d, 23) << 16);
        return {(bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1};
    }
    if (d.size() >= 30 && d.substr(12, 4) == "VP8 " && d.substr(23, 3) == "\x9D\x01\x2A")
        return {le16(d, 26) & 0x3FFF, le16(d, 28) & 0x3FFF};
    return {0, 0};
}

std::string too_many_pixels(unsigned w, unsigned h) {
    if (static_cast<unsigned long long>(w) * h <= max_image_pixels) return {};
    return "claims " + std::to_string(w) + "x" + std::to_string(h) + " pixels, more than the " +
           std::to_string(max_image_pixels / 1000000) + " million octavo decodes";
}

} // namespace

BookImage prepare_image(std::string data) {
    BookImage img;
    img.media_type = sniff_image(data);
    if (img.media_type.empty()) {
        if (std::string kind = sniff_convertible(data); !kind.empty()) {
            if (kind == "webp") {
                auto [w, h] = webp_size(data);
                if (std::string why = too_many_pixels(w, h); !why.empty()) {
                    img.problem = why;
                    return img;
                }
            }
            img.data = std::move(data);
            convert(img, kind);
            return img;
        }
        img.problem = "is not a JPEG, PNG, GIF or SVG file";
        return img;
    }
    if (img.media_type != "image/svg+xml") {
        img.problem = bitmap_problem(data, img.media_type);
        auto [w, h] = bitmap_size(data, img.media_type);
        img.width = w, img.height = h;
        unsigned long long pixels = static_cast<unsigned long long>(w) * h;
        img.data = std::move(data);
        if (!img.problem.empty()) return img;
        if (pixels > max_image_pixels) {
            img.problem = too_many_pixels(w, h);
        } else if (pixels > book_image_pixels) {
            const std::string& t = img.media_type;
            convert(img, t == "image/jpeg" ? "jpeg" : t == "image/png" ? "png" : "gif");
        }
        return img;
    }
    if (img.media_type == "image/svg+xml") {
        if (std::string without = svg_without_doctype(data); !without.empty()) {
            data = std::move(without);
            img.doctype_dropped = true;
        }
    }
    img.problem = image_problem(data, img.media_type);
    img.data = std::move(data);
    return img;
}

} // namespace octavo
