#include "read/html.hpp"

#include <cmark-gfm.h>
#include <iconv.h>
#include <libdeflate.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <unordered_map>
#include <utility>

#include "core/language.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "read/page.hpp"
#include "render/html.hpp"

namespace octavo {

std::string attr(const GumboNode* n, const char* name) {
    if (!is_element(n)) return {};
    const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
    return a ? std::string(a->value) : std::string();
}

bool has_attr(const GumboNode* n, const char* name) {
    return is_element(n) && gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

std::string lower(std::string_view s) {
    std::string out(s);
    for (auto& ch : out)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

namespace {

void append_text(const GumboNode* n, const std::unordered_set<const GumboNode*>* skip,
                 std::string& out) {
    if (skip && skip->count(n)) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
        out += n->v.text.text;
        return;
    }
    if (!is_element(n)) return;
    GumboTag t = tag_of(n);
    if (t == GUMBO_TAG_SCRIPT || t == GUMBO_TAG_STYLE || t == GUMBO_TAG_TEMPLATE) return;
    // Blocks and breaks part words, as a reader sees them.
    bool block = t != GUMBO_TAG_A && t != GUMBO_TAG_SPAN && t != GUMBO_TAG_EM &&
                 t != GUMBO_TAG_STRONG && t != GUMBO_TAG_B && t != GUMBO_TAG_I;
    if (block) out += ' ';
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i)
        append_text(static_cast<const GumboNode*>(c.data[i]), skip, out);
    if (block) out += ' ';
}

} // namespace

std::string text_of(const GumboNode* n, const std::unordered_set<const GumboNode*>* skip) {
    std::string out;
    append_text(n, skip, out);
    return collapse_space(out);
}

const GumboNode* find_first(const GumboNode* n, GumboTag tag) {
    if (tag_of(n) == tag) return n;
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i)
        if (auto* f = find_first(static_cast<const GumboNode*>(c.data[i]), tag)) return f;
    return nullptr;
}

namespace {

// ---- Charset --------------------------------------------------------------------------------

// The name iconv knows a charset label by, as the WHATWG Encoding Standard maps labels: Latin-1
// and ASCII are read as Windows-1252, GB2312 as GBK; "" for UTF-8 (and for UTF-16 declared in a
// page that is ASCII-compatible, which cannot be UTF-16).
std::string iconv_name(std::string label) {
    label = lower(collapse_space(label));
    while (!label.empty() && (label.back() == '"' || label.back() == '\'' || label.back() == ';'))
        label.pop_back();
    while (!label.empty() && (label.front() == '"' || label.front() == '\''))
        label.erase(0, 1);
    if (label.empty() || label == "utf-8" || label == "utf8" || label == "unicode-1-1-utf-8" ||
        label.rfind("utf-16", 0) == 0 || label == "unicode")
        return "";
    static const char* const western[] = {"iso-8859-1", "iso8859-1",  "latin1",       "l1",
                                          "us-ascii",   "ascii",      "iso_8859-1",   "cp1252",
                                          "cp819",      "ibm819",     "windows-1252", "x-cp1252",
                                          "iso-ir-100", "csisolatin1"};
    for (const char* w : western)
        if (label == w) return "WINDOWS-1252";
    if (label == "gb2312" || label == "chinese" || label == "csgb2312" || label == "x-gbk")
        return "GBK";
    if (label == "x-sjis" || label == "sjis" || label == "ms_kanji") return "SHIFT_JIS";
    return label;
}

struct GumboFree {
    const GumboOptions* options;
    void operator()(GumboOutput* o) const { gumbo_destroy_output(options, o); }
};
using GumboTree = std::unique_ptr<GumboOutput, GumboFree>;

// Gumbo's options for a whole page, or for a fragment of flow content (an article's HTML as the
// reader wrote it, a feed's text): its parse errors are never read, so none are kept.
const GumboOptions& parse_options(bool fragment) {
    static const auto options = [] {
        GumboOptions page = kGumboDefaultOptions;
        page.max_errors = 0;
        GumboOptions flow = page;
        flow.fragment_context = GUMBO_TAG_DIV;
        return std::pair{page, flow};
    }();
    return fragment ? options.second : options.first;
}

GumboTree gumbo_tree(std::string_view html, bool fragment) {
    const GumboOptions& o = parse_options(fragment);
    return GumboTree(gumbo_parse_with_options(&o, html.data(), html.size()), GumboFree{&o});
}

// The charset the page's head declares: <meta charset> or <meta http-equiv=Content-Type>, read
// by gumbo from the page's first 16 KiB (a browser looks at the first 1,024 bytes first, then
// changes its mind when the parser meets a later <meta>).
std::string declared_charset(std::string_view raw) {
    std::string_view head = raw.substr(0, 16384);
    if (nests_deeper_than(head, max_page_depth)) return {};
    GumboTree out = gumbo_tree(head, false);
    if (!out) return {};
    struct Finder {
        std::string found;
        void visit(const GumboNode* n) {
            if (!found.empty()) return;
            if (tag_of(n) == GUMBO_TAG_META) {
                if (has_attr(n, "charset")) {
                    found = attr(n, "charset");
                    if (found.empty()) found = "utf-8";
                } else if (lower(attr(n, "http-equiv")) == "content-type") {
                    std::string c = lower(attr(n, "content"));
                    auto at = c.find("charset=");
                    if (at != std::string::npos) {
                        c = c.substr(at + 8);
                        found = c.substr(0, c.find_first_of("; "));
                    }
                }
            }
            const GumboVector& c = children_of(n);
            for (unsigned i = 0; i < c.length && found.empty(); ++i)
                visit(static_cast<const GumboNode*>(c.data[i]));
        }
    } finder;
    finder.visit(out->document);
    return finder.found;
}

// The charset a page that declares none is most likely in, told from its bytes by uchardet (as
// Firefox does): "" when it cannot tell.
std::string detected_charset(std::string_view raw) {
    uchardet_t u = uchardet_new();
    if (!u) return {};
    std::string_view sample = raw.substr(0, 256 * 1024);
    std::string found;
    if (uchardet_handle_data(u, sample.data(), sample.size()) == 0) {
        uchardet_data_end(u);
        if (const char* cs = uchardet_get_charset(u)) found = cs;
    }
    uchardet_delete(u);
    return found;
}

// from's text converted to UTF-8; each byte with no character in it becomes U+FFFD (counted in
// *bad). nullopt when iconv knows no such charset.
std::optional<std::string> convert(std::string_view text, const std::string& from, size_t* bad) {
    iconv_t cd = iconv_open("UTF-8", from.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
    std::string out;
    out.reserve(text.size() + text.size() / 2);
    char* in = const_cast<char*>(text.data());
    size_t in_left = text.size();
    char buf[16384];
    while (in_left > 0) {
        char* o = buf;
        size_t o_left = sizeof buf;
        size_t r = iconv(cd, &in, &in_left, &o, &o_left);
        out.append(buf, static_cast<size_t>(o - buf));
        if (r == static_cast<size_t>(-1) && (errno == EILSEQ || errno == EINVAL)) {
            out += "\xEF\xBF\xBD";
            ++*bad;
            ++in;
            --in_left;
            iconv(cd, nullptr, nullptr, nullptr, nullptr); // a fresh state after the bad byte
        } else if (r == static_cast<size_t>(-1) && errno != E2BIG) {
            break;
        }
    }
    iconv_close(cd);
    return out;
}

bool has_non_ascii(std::string_view s) {
    for (char c : s)
        if (static_cast<unsigned char>(c) >= 0x80) return true;
    return false;
}

} // namespace

std::optional<std::string> convert_to_utf8(std::string_view text, const std::string& label,
                                           size_t* bad) {
    std::string from = label == "UTF-16LE" || label == "UTF-16BE" ? label : iconv_name(label);
    if (from.empty()) return std::string(text);
    return convert(text, from, bad);
}

Result<std::string> decode_page(std::string_view raw, const std::string& source, Warnings& warnings,
                                const std::string& http_charset) {
    std::string charset;
    if (raw.size() >= 3 && raw.compare(0, 3, "\xEF\xBB\xBF") == 0) {
        charset = "";
    } else if (raw.size() >= 2 &&
               (raw.compare(0, 2, "\xFF\xFE") == 0 || raw.compare(0, 2, "\xFE\xFF") == 0)) {
        // UTF-16 by its byte order mark (UTF-32 is no encoding a browser reads).
        charset = raw[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
        raw.remove_prefix(2);
    } else if (auto wide = find_wide_unicode(raw)) {
        if (wide->bits == 32) return not_utf8(source, *wide);
        charset = wide->little_endian ? "UTF-16LE" : "UTF-16BE";
    } else {
        // What the server says wins over what the page says, as in browsers.
        std::string declared = !http_charset.empty() ? http_charset : declared_charset(raw);
        charset = iconv_name(declared);
        if (!charset.empty() && has_non_ascii(raw) && !find_invalid_utf8(raw)) {
            warnings.push_back(
                {Errc::content, source, 0, 0,
                 "declares the charset '" + declared + "' but is UTF-8 throughout: read as UTF-8"});
            charset.clear();
        } else if (declared.empty() && find_invalid_utf8(raw)) {
            std::string guess = detected_charset(raw);
            charset = iconv_name(guess);
            if (!charset.empty())
                warnings.push_back({Errc::content, source, 0, 0,
                                    "declares no charset and is not UTF-8: read as " + guess +
                                        ", the charset its text reads as"});
        }
    }
    std::string text;
    size_t bad = 0;
    if (charset.empty() || !has_non_ascii(raw)) {
        text.assign(raw);
    } else if (auto converted = convert(raw, charset, &bad)) {
        text = std::move(*converted);
    } else {
        warnings.push_back(
            {Errc::content, source, 0, 0,
             "declares the charset '" + charset + "', which octavo does not know: read as UTF-8"});
        text.assign(raw);
    }
    if (find_invalid_utf8(text)) {
        make_xml_safe(text); // replaces what is not UTF-8 with U+FFFD
        ++bad;
    }
    if (bad)
        warnings.push_back({Errc::content, source, 0, 0,
                            "has bytes that are no character in " +
                                (charset.empty() ? std::string("UTF-8") : charset) +
                                ": replaced by U+FFFD"});
    return normalize_text(text, source, warnings);
}

namespace {

// ---- Serializing what the extractor kept ------------------------------------------------------

bool is_void(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_AREA:
    case GUMBO_TAG_BASE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_COL:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_IMG:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_PARAM:
    case GUMBO_TAG_SOURCE:
    case GUMBO_TAG_TRACK:
    case GUMBO_TAG_WBR:
        return true;
    default:
        return false;
    }
}

void escape(std::string_view s, bool in_attr, std::string& out) {
    for (char c : s) {
        switch (c) {
        case '&':
            out += "&amp;";
            break;
        case '<':
            out += "&lt;";
            break;
        case '>':
            out += "&gt;";
            break;
        case '"':
            if (in_attr) {
                out += "&quot;";
                break;
            }
            [[fallthrough]];
        default:
            out += c;
        }
    }
}

// The attributes the sanitizer may keep: the rest (class, style, handlers, data-*) would only be
// dropped by it.
bool kept_attribute(std::string_view name) {
    static const char* const kept[] = {"id",    "lang",     "dir",    "title",    "href",
                                       "alt",   "width",    "height", "colspan",  "rowspan",
                                       "scope", "headers",  "start",  "reversed", "type",
                                       "value", "datetime", "cite",   "span",     "abbr"};
    for (const char* k : kept)
        if (name == k) return true;
    return false;
}

// A link or an image's path in a feed's entry, resolved against the entry's base URL (xml:base,
// its link); fragments stay links inside the article.
std::string resolved(std::string value, const std::string& base) {
    std::string scheme;
    if (base.empty() || value.empty() || value[0] == '#' || has_scheme(value, scheme)) return value;
    std::string r = resolve_url(base, value);
    return r.empty() ? value : r;
}

void serialize(const GumboNode* n, const Extraction& ex, std::string& out,
               const std::string& base = {});

// A <noscript>'s images, when no <img> beside it shows them already (a lazy-loading page's
// real image); the rest of it (a "turn on JavaScript" line) is not of the article.
void noscript_images(const GumboNode* n, const Extraction& ex, std::string& out,
                     const std::string& base) {
    if (noscript_repeats(n)) return;
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i) {
        auto* k = static_cast<const GumboNode*>(c.data[i]);
        if (tag_of(k) == GUMBO_TAG_IMG)
            serialize(k, ex, out, base);
        else if (is_element(k))
            noscript_images(k, ex, out, base);
    }
}

void serialize(const GumboNode* n, const Extraction& ex, std::string& out,
               const std::string& base) {
    if (tag_of(n) == GUMBO_TAG_NOSCRIPT) return noscript_images(n, ex, out, base);
    if (ex.dropped.count(n)) return;
    switch (n->type) {
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
        escape(n->v.text.text, false, out);
        return;
    case GUMBO_NODE_ELEMENT:
        break;
    default:
        return;
    }
    const GumboElement& el = n->v.element;
    if (el.tag_namespace == GUMBO_NAMESPACE_MATHML && el.tag == GUMBO_TAG_MATH) {
        // MathML is not packed yet: its text (or the alternative it gives) is what reads.
        std::string alt = attr(n, "alttext");
        escape(alt.empty() ? text_of(n) : alt, false, out);
        return;
    }
    if (el.tag_namespace != GUMBO_NAMESPACE_HTML) return; // SVG: its text is icons and labels
    if (el.tag == GUMBO_TAG_UNKNOWN) { // a custom element: its content, as a browser shows it
        for (unsigned i = 0; i < el.children.length; ++i)
            serialize(static_cast<const GumboNode*>(el.children.data[i]), ex, out, base);
        return;
    }
    std::string src;
    if (el.tag == GUMBO_TAG_IMG) {
        PageImage img = page_image(n);
        if (img.src.empty()) {
            if (img.icon) escape(attr(n, "alt"), false, out);
            return;
        }
        src = std::move(img.src);
    }
    if (el.tag == GUMBO_TAG_SOURCE) return; // page_image chose among them
    std::string name = gumbo_normalized_tagname(el.tag);
    out += '<';
    out += name;
    for (unsigned i = 0; i < el.attributes.length; ++i) {
        auto* a = static_cast<const GumboAttribute*>(el.attributes.data[i]);
        if (el.tag == GUMBO_TAG_IMG && std::strcmp(a->name, "src") == 0) continue;
        if (!kept_attribute(a->name)) continue;
        out += ' ';
        out += a->name;
        out += "=\"";
        escape(std::strcmp(a->name, "href") == 0 ? resolved(a->value, base) : a->value, true, out);
        out += '"';
    }
    if (el.tag == GUMBO_TAG_IMG) {
        out += " src=\"";
        escape(resolved(src, base), true, out);
        out += '"';
    }
    out += '>';
    if (is_void(el.tag)) return;
    for (unsigned i = 0; i < el.children.length; ++i)
        serialize(static_cast<const GumboNode*>(el.children.data[i]), ex, out, base);
    out += "</";
    out += name;
    out += '>';
}

bool same_words(const std::string& a, const std::string& b) {
    return !a.empty() && lower(collapse_space(a)) == lower(collapse_space(b));
}

// The first heading of the article, when it says the title again (the renderer writes the
// title above the article).
void drop_title_heading(Extraction& ex, const std::string& title) {
    for (const GumboNode* root : ex.roots) {
        for (GumboTag t : {GUMBO_TAG_H1, GUMBO_TAG_H2}) {
            const GumboNode* h = find_first(root, t);
            if (h && !ex.dropped.count(h) && same_words(text_of(h), title)) {
                ex.dropped.insert(h);
                return;
            }
        }
    }
}

using Memo = std::unordered_map<const GumboNode*, bool>;
bool holds_blocks(const GumboNode* n, Memo& memo);

bool short_sentence(const std::string& t) {
    size_t spaces = static_cast<size_t>(std::count(t.begin(), t.end(), ' '));
    if (spaces < 2 || t.empty()) return false;
    for (const char* end : {".", "!", "?", "\xE3\x80\x82", "\xD8\x9F", "\xDB\x94"}) // 。 ؟ ۔
        if (t.size() >= std::strlen(end) &&
            t.compare(t.size() - std::strlen(end), std::strlen(end), end) == 0)
            return true;
    return false;
}

// The article's first paragraph of prose, as a description when the page gives none (what a
// reader sees first of it; as Readability's excerpt), cut at a word past 300 bytes.
std::string first_paragraph(const Extraction& ex) {
    std::vector<const GumboNode*> stack(ex.roots.rbegin(), ex.roots.rend());
    Memo memo;
    while (!stack.empty()) {
        const GumboNode* n = stack.back();
        stack.pop_back();
        if (!is_element(n) || ex.dropped.count(n)) continue;
        GumboTag tag = tag_of(n);
        if (tag == GUMBO_TAG_P ||
            ((tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION) && !holds_blocks(n, memo))) {
            std::string t = metadata_text(text_of(n, &ex.dropped));
            // A short paragraph is a label ("Advertisement", "Photo: AP") unless it is a
            // sentence of a few words.
            if (t.size() < 40 && !short_sentence(t)) continue;
            if (t.size() > 300) {
                size_t cut = t.find(' ', 300);
                if (cut != std::string::npos) t = t.substr(0, cut) + "\xE2\x80\xA6";
            }
            return t;
        }
        const GumboVector& c = children_of(n);
        for (unsigned i = c.length; i-- > 0;)
            stack.push_back(static_cast<const GumboNode*>(c.data[i]));
    }
    return {};
}

// text as gumbo's tree, refused first when it nests deeper than any page (gumbo's time grows
// with the square of the depth); deeper: what the message says after the depth.
Result<GumboTree> parse_html(const std::string& text, const std::string& source,
                             const char* deeper) {
    if (nests_deeper_than(text, max_page_depth))
        return Error{Errc::content, source, 0, 0,
                     "nests elements more than " + std::to_string(max_page_depth) + " deep" +
                         deeper};
    GumboTree out = gumbo_tree(text, false);
    if (!out || !out->root) return Error{Errc::content, source, 0, 0, "cannot be parsed as HTML"};
    return out;
}

const GumboNode* body_of(const GumboOutput& out) {
    const GumboNode* body = find_first(out.root, GUMBO_TAG_BODY);
    return body ? body : out.root;
}

// The extraction as the article's body (its links and images resolved against base); returns
// the first few kilobytes of its text, for the test that there is any and for detection.
std::string serialize_article(const Extraction& ex, std::string& body, const std::string& base) {
    std::string words;
    for (const GumboNode* root : ex.roots) {
        serialize(root, ex, body, base);
        body += '\n';
        if (words.size() < 4096) words += text_of(root, &ex.dropped) + "\n";
    }
    return words;
}

// The language the text reads as, when lang names none that is registered; else "".
std::string detected_unless_given(const std::string& lang, const std::string& text) {
    std::string spelt = bcp47_spelling(lang);
    if (spelt.empty() || !is_valid_language_tag(spelt) || !check_language(spelt).problem.empty())
        return detect_language(text);
    return {};
}

} // namespace

Result<Article> read_html_article(std::string_view raw, const std::string& source,
                                  const ReadOptions& options, Warnings& warnings,
                                  const PageOrigin& origin) {
    if (raw.size() > max_file_bytes)
        return Error{Errc::io, source, 0, 0,
                     "is larger than " + std::to_string(max_file_bytes >> 20) +
                         " MiB, the most octavo reads from one file"};
    Article a;
    a.source = source;
    a.format = Format::html;
    a.fingerprint = {raw.size(), libdeflate_crc32(0, raw.data(), raw.size())};
    std::string text;
    if (options.encoding == Encoding::latin1) {
        // Before Latin-1 makes UTF-16 or UTF-32 mojibake that no longer tells what it was.
        if (auto wide = find_wide_unicode(raw)) return not_utf8(source, *wide);
        text = normalize_text(latin1_to_utf8(raw, source, warnings), source, warnings);
    } else {
        auto decoded = decode_page(raw, source, warnings, origin.charset);
        if (!decoded) return decoded.error();
        text = std::move(*decoded);
    }
    auto tree = parse_html(text, source,
                           ": no page octavo reads is made so (parsing it would take too long)");
    if (!tree) return tree.error();
    const GumboTree& out = *tree;
    const GumboNode* body = body_of(*out);
    if (!origin.url.empty()) {
        // A fetched page's references resolve as a browser resolves them: against its <base
        // href> when that is a web URL, else against the page's own URL. (A local page's <base>
        // is not followed: its images are files beside it, under the path policy.)
        a.base_url = origin.url;
        if (const GumboNode* b = find_first(out->root, GUMBO_TAG_BASE); b && has_attr(b, "href")) {
            std::string resolved = resolve_url(origin.url, collapse_space(attr(b, "href")));
            std::string scheme;
            if (has_scheme(resolved, scheme) && (scheme == "http" || scheme == "https"))
                a.base_url = resolved;
        }
    }
    Extraction ex = extract_article(body, options.whole_page);
    a.meta = page_metadata(out->root, ex);
    if (is_blank_text(a.meta.title)) { // the article's first heading, else its first words
        for (GumboTag t : {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3})
            if (const GumboNode* h = find_first(body, t); h && a.meta.title.empty())
                a.meta.title = metadata_text(text_of(h));
    }
    // Else the file's name, as for any article (finalize_metadata).
    if (!a.meta.title.empty()) {
        a.meta.origins.push_back({"title", source, 0});
        drop_title_heading(ex, a.meta.title);
    }
    if (a.meta.description.empty()) a.meta.description = first_paragraph(ex);
    std::string words = serialize_article(ex, a.body, {});
    if (is_blank_text(words) && a.body.find("<img") == std::string::npos)
        return Error{Errc::content, source, 0, 0,
                     "has no article: no text in its body (--whole-page keeps all of it)"};
    a.meta.detected_lang = detected_unless_given(a.meta.lang, a.meta.title + "\n" + words);
    return a;
}

Result<Article> read_html_fragment(std::string_view html, const std::string& source,
                                   const std::string& base_url, const std::string& title,
                                   const std::string& lang, Warnings& warnings) {
    if (html.size() > max_file_bytes)
        return Error{Errc::io, source, 0, 0,
                     "has content larger than " + std::to_string(max_file_bytes >> 20) +
                         " MiB, the most octavo reads of one article"};
    Article a;
    a.source = source;
    a.format = Format::html;
    a.fingerprint = {html.size(), libdeflate_crc32(0, html.data(), html.size())};
    std::string text(html);
    if (find_invalid_utf8(text)) make_xml_safe(text);
    text = normalize_text(text, source, warnings);
    auto tree = parse_html(text, source, "");
    if (!tree) return tree.error();
    Extraction ex = extract_article(body_of(**tree), true);
    if (!title.empty()) drop_title_heading(ex, title);
    std::string words = serialize_article(ex, a.body, base_url);
    if (is_blank_text(words) && a.body.find("<img") == std::string::npos)
        return Error{Errc::content, source, 0, 0, "has no content: no text and no image"};
    a.meta.description = first_paragraph(ex);
    a.meta.lang = lang;
    a.meta.detected_lang = detected_unless_given(lang, title + "\n" + words);
    return a;
}

std::string html_text(std::string_view html) {
    if (html.size() > max_file_bytes || nests_deeper_than(html, max_page_depth))
        return metadata_text(html);
    GumboTree out = gumbo_tree(html, true);
    if (!out || !out->root) return metadata_text(html);
    return metadata_text(text_of(out->root));
}

namespace {

// What the body reader does with an element of the article.
enum class Part { inline_, wrapper, heading, block };

Part part_of(const GumboNode* n) {
    switch (tag_of(n)) {
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
        return Part::heading;
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_HGROUP:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_FORM:
        return Part::wrapper;
    case GUMBO_TAG_P:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_LISTING:
    case GUMBO_TAG_XMP:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
        return Part::block;
    default:
        return Part::inline_;
    }
}

// Told once per node (memo): spans nested deep around many elements would make it quadratic.
bool holds_blocks(const GumboNode* n, Memo& memo) {
    if (auto it = memo.find(n); it != memo.end()) return it->second;
    bool blocks = false;
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length && !blocks; ++i) {
        auto* k = static_cast<const GumboNode*>(c.data[i]);
        if (is_element(k)) blocks = part_of(k) != Part::inline_ || holds_blocks(k, memo);
    }
    return memo[n] = blocks;
}

struct BodyBuilder {
    const Extraction none;
    Memo memo;
    cmark_node* doc;
    std::string run; // phrasing content between blocks, made a paragraph
    bool run_shows = false;

    void add_html(const std::string& html) {
        cmark_node* b = cmark_node_new(CMARK_NODE_HTML_BLOCK);
        cmark_node_set_literal(b, html.c_str());
        cmark_node_append_child(doc, b);
    }
    void flush() {
        if (run_shows) add_html("<p>" + run + "</p>");
        run.clear();
        run_shows = false;
    }
    void walk(const GumboNode* parent) {
        const GumboVector& c = children_of(parent);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* n = static_cast<const GumboNode*>(c.data[i]);
            if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
                if (!is_blank_text(n->v.text.text)) run_shows = true;
                escape(n->v.text.text, false, run);
                continue;
            }
            if (n->type == GUMBO_NODE_WHITESPACE) {
                run += ' ';
                continue;
            }
            if (!is_element(n)) continue;
            Part part = part_of(n);
            // A span or a custom element around paragraphs holds blocks all the same.
            if (part == Part::inline_ && holds_blocks(n, memo)) part = Part::wrapper;
            switch (part) {
            case Part::inline_:
                if (!is_blank_text(text_of(n)) || find_first(n, GUMBO_TAG_IMG)) run_shows = true;
                serialize(n, none, run);
                break;
            case Part::wrapper:
                flush();
                walk(n);
                flush();
                break;
            case Part::heading: {
                flush();
                std::string t = text_of(n);
                if (is_blank_text(t)) break;
                cmark_node* h = cmark_node_new(CMARK_NODE_HEADING);
                cmark_node_set_heading_level(h, tag_of(n) - GUMBO_TAG_H1 + 1);
                cmark_node* tx = cmark_node_new(CMARK_NODE_TEXT);
                cmark_node_set_literal(tx, t.c_str());
                cmark_node_append_child(h, tx);
                cmark_node_append_child(doc, h);
                break;
            }
            case Part::block: {
                flush();
                std::string html;
                serialize(n, none, html);
                add_html(html);
                break;
            }
            }
        }
    }
};

} // namespace

Result<Body> read_html_body(const Article& article, Warnings& warnings) {
    Body body;
    body.doc.reset(cmark_node_new(CMARK_NODE_DOCUMENT));
    // The article's HTML as read_html_article wrote it (an Article made by hand may hold any).
    if (nests_deeper_than(article.body, max_page_depth))
        return Error{Errc::content, article.source, 0, 0,
                     "nests elements more than " + std::to_string(max_page_depth) + " deep"};
    GumboTree out = gumbo_tree(article.body, true);
    if (!out || !out->root) return body;
    BodyBuilder b{{}, {}, body.doc.get(), {}, false};
    b.walk(out->root);
    b.flush();
    remove_forbidden_characters(body, article, warnings);
    return body;
}

} // namespace octavo
