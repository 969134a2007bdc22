#include "render/xhtml.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <cmark-gfm.h>
#include <idn2.h>
#include <pugixml.hpp>

#include <algorithm>
#include <arpa/inet.h>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string_view>
#include <strings.h>
#include <sys/stat.h>
#include <unigbrk.h>

#include "assets/image.hpp"
#include "core/limits.hpp"
#include "core/text.hpp"
#include "render/typography.hpp"

namespace octavo {
namespace {

struct StringWriter : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override {
        out.append(static_cast<const char*>(data), size);
    }
};

std::string relative_href(const std::string& from_doc, const std::string& to) {
    std::string prefix;
    for (char c : from_doc)
        if (c == '/') prefix += "../";
    return prefix + to;
}

const char* notes_heading(const std::string& lang) {
    std::string p = lang.substr(0, lang.find('-'));
    if (p == "fr" || p == "en") return "Notes";
    if (p == "de") return "Anmerkungen";
    if (p == "es" || p == "pt") return "Notas";
    if (p == "it") return "Note";
    if (p == "ar") return "\xD8\xA7\xD9\x84\xD9\x87\xD9\x88\xD8\xA7\xD9\x85\xD8\xB4";
    return "Notes";
}

} // namespace

namespace detail {

// path with every link, "." and ".." resolved, or "" when it does not exist.
std::string real_path(const std::string& path) {
    std::unique_ptr<char, void (*)(void*)> real(::realpath(path.c_str(), nullptr), std::free);
    return real ? std::string(real.get()) : std::string();
}

// True when real (a real_path) is inside folder.
bool inside_folder(const std::string& real, const std::string& folder) {
    std::string base = real_path(folder);
    if (real.empty() || base.empty()) return true; // missing: reading it fails with its message
    if (base != "/") base += '/';
    return real.compare(0, base.size(), base) == 0;
}

bool leaves_folder(std::string_view path) {
    int depth = 0;
    size_t pos = 0;
    while (pos <= path.size()) {
        size_t slash = path.find('/', pos);
        std::string_view part =
            path.substr(pos, slash == std::string_view::npos ? path.npos : slash - pos);
        if (part == "..") {
            if (--depth < 0) return true;
        } else if (!part.empty() && part != ".") {
            ++depth;
        }
        if (slash == std::string_view::npos) break;
        pos = slash + 1;
    }
    return false;
}

} // namespace detail

namespace {

using detail::inside_folder;
using detail::real_path;

const char* extension_for(const std::string& media_type) {
    if (media_type == "image/jpeg") return ".jpg";
    if (media_type == "image/png") return ".png";
    if (media_type == "image/gif") return ".gif";
    return ".svg";
}

// A URL as a valid URI reference: percent-encodes what RFC 3986 does not allow (spaces, < > " {
// } | \\ ^ `, [ ], controls, a second #, a % not followed by two hex digits, non-ASCII bytes).
std::string escape_href(std::string_view url) {
    static const char hex[] = "0123456789ABCDEF";
    auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    std::string out;
    bool fragment = false;
    for (size_t i = 0; i < url.size(); ++i) {
        auto c = static_cast<unsigned char>(url[i]);
        bool keep = c != 0 && (std::isalnum(c) || std::strchr("-._~:/?@!$&'()*+,;=", c));
        if (c == '#' && !fragment) keep = fragment = true;
        if (c == '%' && i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2])) keep = true;
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

// True for a host name of ASCII letters, digits and hyphens in dot-separated labels of 1 to 63
// characters that neither start nor end with a hyphen, the last starting with a letter (so that
// it cannot be read as an IPv4 address), or for a dotted-quad IPv4 address. A final dot is
// allowed. This is what both epubchecks accept: 4.2.6 reads hosts as RFC 2396 does, 5.3.0 as
// the WHATWG URL standard does.
bool valid_host_name(std::string_view host) {
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (host.empty() || host.size() > 253) return false;
    size_t last = host.rfind('.') + 1; // 0 when there is no dot
    if (host.find_first_not_of("0123456789", last) == std::string_view::npos) {
        unsigned char addr[4];
        return inet_pton(AF_INET, std::string(host).c_str(), addr) == 1;
    }
    if (!std::isalpha(static_cast<unsigned char>(host[last]))) return false;
    size_t start = 0;
    while (start <= host.size()) {
        size_t dot = std::min(host.find('.', start), host.size());
        std::string_view label = host.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
        start = dot + 1;
    }
    return true;
}

// The link for url, whose scheme (lower case) octavo allows, or "" with the reason in problem
// when it is not a valid URL: an http, https or ftp URL needs a host (a domain name, which goes
// into its ASCII form when it is internationalised, an IPv4 address, or an IPv6 one in brackets)
// and a port, if any, from 0 to 65535; a mailto or tel URL needs something after its scheme.
std::string link_href(const std::string& url, const std::string& scheme, std::string& problem) {
    std::string rest = url.substr(scheme.size() + 1);
    if (scheme != "http" && scheme != "https" && scheme != "ftp") {
        if (rest.find_first_not_of(" ") == std::string::npos) {
            problem = "nothing follows '" + scheme + ":'";
            return {};
        }
        return escape_href(url);
    }
    if (rest.compare(0, 2, "//") != 0) {
        problem = "it has no '//' and host after '" + scheme + ":'";
        return {};
    }
    size_t end = std::min(rest.find_first_of("/?#", 2), rest.size());
    std::string authority = rest.substr(2, end - 2);
    std::string userinfo, host, port;
    size_t at = authority.rfind('@');
    if (at != std::string::npos) {
        userinfo = escape_href(authority.substr(0, at));
        for (size_t i; (i = userinfo.find_first_of("@#")) != std::string::npos;)
            userinfo.replace(i, 1, userinfo[i] == '@' ? "%40" : "%23");
        userinfo += '@';
        authority.erase(0, at + 1);
    }
    size_t colon = authority.find(':', authority[0] == '[' ? authority.find(']') : 0);
    host = authority.substr(0, colon);
    if (colon != std::string::npos) port = authority.substr(colon + 1);
    if (host.empty()) {
        problem = "it has no host";
        return {};
    }
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        (!port.empty() && std::stol(port) > 65535)) {
        problem = "its port '" + port.substr(0, 20) + "' is not a number from 0 to 65535";
        return {};
    }
    bool ok = true;
    if (host[0] == '[') {
        unsigned char addr[16];
        ok = host.back() == ']' &&
             inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), addr) == 1;
    } else {
        // An internationalised name (or one with an ACE label to check) in its ASCII form, as
        // IDNA2008 with the UTS 46 mapping has it: the form browsers look up and validators accept.
        std::string lower = host;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        bool ascii = std::all_of(host.begin(), host.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii || lower.compare(0, 4, "xn--") == 0 ||
            lower.find(".xn--") != std::string::npos) {
            char* out = nullptr;
            ok = host.find('\0') == std::string::npos &&
                 idn2_to_ascii_8z(host.c_str(), &out, IDN2_NONTRANSITIONAL) == IDN2_OK;
            if (ok) host = out;
            idn2_free(out);
        }
        ok = ok && valid_host_name(host);
    }
    if (!ok) {
        problem = "its host is not a valid domain name or IP address";
        return {};
    }
    return scheme + "://" + userinfo + host + (colon != std::string::npos ? ":" + port : "") +
           escape_href(rest.substr(end));
}

bool has_scheme(std::string_view url, std::string& scheme) {
    size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (size_t i = 0; i < colon; ++i) {
        char c = url[i];
        bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
                  (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                             c == '.'));
        if (!ok) return false;
    }
    scheme.clear();
    for (size_t i = 0; i < colon; ++i)
        scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(url[i])));
    return true;
}

bool is_type(cmark_node* n, const char* name) {
    const char* t = cmark_node_get_type_string(n);
    return t && std::strcmp(t, name) == 0;
}

// Quotes in the article's language: a pass over the text nodes, each block starting afresh.
void localize_punctuation(cmark_node* root, QuoteStyle style) {
    QuoteState state;
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER) continue;
        auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_PARAGRAPH || type == CMARK_NODE_HEADING) state = {};
        if (type == CMARK_NODE_TEXT) {
            std::string lit = localize_quotes(cmark_node_get_literal(n), style, state);
            cmark_node_set_literal(n, lit.c_str());
        }
    }
}

// A paragraph holding nothing but a local image with a title: it becomes a captioned figure.
bool is_figure(cmark_node* para) {
    cmark_node* img = cmark_node_first_child(para);
    if (!img || cmark_node_next(img) || cmark_node_get_type(img) != CMARK_NODE_IMAGE) return false;
    const char* title = cmark_node_get_title(img);
    const char* url = cmark_node_get_url(img);
    std::string scheme;
    return title && *title && url && !has_scheme(url, scheme);
}

// What a node may hold that a reader sees but its plain text (plain_text) leaves out.
enum Seen {
    seen_notes = 1,    // a note reference: its number
    seen_raw_html = 2, // raw HTML, shown as text (an HTML comment is dropped)
    seen_images = 4,   // an image (one without alt text is seen, yet has no text)
};
// True when n holds one of kinds (Seen values).
bool shows_more_than_text(cmark_node* n, int kinds) {
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(n), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* c = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER || c == n) continue;
        auto type = cmark_node_get_type(c);
        if ((type == CMARK_NODE_FOOTNOTE_REFERENCE && (kinds & seen_notes)) ||
            (type == CMARK_NODE_IMAGE && (kinds & seen_images)))
            return true;
        if (type == CMARK_NODE_HTML_INLINE && (kinds & seen_raw_html) &&
            std::strncmp(cmark_node_get_literal(c), "<!--", 4) != 0)
            return true;
    }
    return false;
}

// The outermost <a> that node is in (node itself included), or an empty node.
pugi::xml_node enclosing_link(pugi::xml_node node) {
    pugi::xml_node link;
    for (; node.type() == pugi::node_element; node = node.parent())
        if (std::strcmp(node.name(), "a") == 0) link = node;
    return link;
}

// Pandoc's inline notes, ^[text]: a cmark-gfm inline extension (one per parse, its context
// private to it) makes each one a node of its own type holding the note's inlines, which
// Renderer::inline_notes_to_footnotes makes a note reference and a note like any other. The
// text is parsed by a parser of its own, where ^[ is text (no note in a note), reference links
// are not known, and bracket depth is bounded, so that finding the end of each note stays
// linear in the paragraph.
constexpr int max_inline_note_brackets = 32;

struct InlineNotes {
    int options = 0;
    std::map<cmark_node*, int> notes; // each note made -> its line in the body
    // The documents of the notes' text, kept while the document is: their text nodes point into
    // the text of the paragraph they came from.
    std::vector<std::unique_ptr<cmark_node, void (*)(cmark_node*)>> docs;
};

cmark_node_type inline_note_type() {
    static const cmark_node_type type = cmark_syntax_extension_add_node(1);
    return type;
}

// The character at pos of the inline parser's text, or 0 past its end (peek_at does not look).
unsigned char char_at(cmark_inline_parser* ip, int pos) {
    cmark_inline_parser_set_offset(ip, pos);
    return cmark_inline_parser_peek_char(ip);
}

// The offset of the ']' that closes the '[' at open (backslash escapes and code spans skipped,
// brackets nested up to max_inline_note_brackets), or -1. A run of backticks that nothing
// closes is text; after the first such run, backticks are all text: each search stays linear.
int closing_bracket(cmark_inline_parser* ip, int open) {
    int depth = 1;
    bool spans = true;
    for (int pos = open + 1;; ++pos) {
        unsigned char c = char_at(ip, pos);
        if (c == 0) return -1;
        if (c == '\\') {
            if (char_at(ip, pos + 1) != 0) ++pos;
        } else if (c == '`') {
            int run = 1;
            while (char_at(ip, pos + run) == '`')
                ++run;
            int end = -1; // the offset of the closing run
            for (int q = pos + run; spans && char_at(ip, q) != 0;) {
                int n = 0;
                while (char_at(ip, q + n) == '`')
                    ++n;
                if (n == run) {
                    end = q;
                    break;
                }
                q += n > 0 ? n : 1;
            }
            if (end < 0) spans = false;
            pos = (end < 0 ? pos : end) + run - 1;
        } else if (c == '[') {
            if (++depth > max_inline_note_brackets) return -1;
        } else if (c == ']' && --depth == 0) {
            return pos;
        }
    }
}

cmark_node* match_inline_note(cmark_syntax_extension* self, cmark_parser* outer, cmark_node* parent,
                              unsigned char c, cmark_inline_parser* ip) {
    if (c != '^') return nullptr;
    auto* ctx = static_cast<InlineNotes*>(cmark_syntax_extension_get_private(self));
    const int start = cmark_inline_parser_get_offset(ip);
    int close = char_at(ip, start + 1) == '[' ? closing_bracket(ip, start + 1) : -1;
    std::string text;
    for (int pos = start + 2; pos < close; ++pos)
        text += static_cast<char>(char_at(ip, pos));
    cmark_inline_parser_set_offset(ip, start);
    if (close < 0 || is_blank_text(text)) return nullptr;
    // Only where the parent may hold it: a table cell holds only what GFM's tables allow.
    cmark_node* note = cmark_node_new(inline_note_type());
    cmark_node_set_syntax_extension(note, self);
    if (!cmark_node_append_child(parent, note)) {
        cmark_node_free(note);
        return nullptr;
    }
    cmark_node_unlink(note); // appended again by the caller
    // "x " first, so that the text cannot open a block (a list, a heading, code), then taken off.
    {
        std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(
            cmark_parser_new(ctx->options), cmark_parser_free);
        for (const char* ext : {"strikethrough", "autolink"})
            if (auto* e = cmark_find_syntax_extension(ext))
                cmark_parser_attach_syntax_extension(parser.get(), e);
        std::string fed = "x " + text;
        cmark_parser_feed(parser.get(), fed.data(), fed.size());
        ctx->docs.emplace_back(cmark_parser_finish(parser.get()), cmark_node_free);
    }
    // cmark-gfm keeps the characters extensions react to in one table for all parsers, and a
    // parser's end takes its extensions' out: the outer parser's go back in (else ~~ after the
    // first inline note was text).
    cmark_manage_extensions_special_characters(outer, 1);
    cmark_node* para = cmark_node_first_child(ctx->docs.back().get());
    if (para && cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH) {
        cmark_node* first = cmark_node_first_child(para);
        if (first && cmark_node_get_type(first) == CMARK_NODE_TEXT) {
            std::string lit = cmark_node_get_literal(first);
            if (lit.rfind("x ", 0) == 0) lit.erase(0, 2);
            if (lit.empty())
                cmark_node_free(first);
            else
                cmark_node_set_literal(first, lit.c_str());
        }
        while (cmark_node* child = cmark_node_first_child(para)) {
            cmark_node_unlink(child);
            cmark_node_append_child(note, child);
        }
    }
    ctx->notes[note] = cmark_inline_parser_get_line(ip);
    cmark_inline_parser_set_offset(ip, close + 1);
    return note;
}

int inline_note_can_contain(cmark_syntax_extension*, cmark_node*, cmark_node_type child) {
    return (child & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_INLINE;
}

// A new inline-note extension whose private data is ctx (which outlives it).
std::unique_ptr<cmark_syntax_extension, void (*)(cmark_syntax_extension*)>
inline_note_extension(InlineNotes& ctx) {
    cmark_mem* mem = cmark_get_default_mem_allocator();
    cmark_syntax_extension* e = cmark_syntax_extension_new("octavo_inline_note");
    cmark_syntax_extension_set_match_inline_func(e, match_inline_note);
    cmark_syntax_extension_set_can_contain_func(e, inline_note_can_contain);
    cmark_syntax_extension_set_special_inline_chars(
        e, cmark_llist_append(mem, nullptr, reinterpret_cast<void*>(static_cast<uintptr_t>('^'))));
    cmark_syntax_extension_set_private(e, &ctx, nullptr);
    inline_note_type(); // the node type exists before any parse uses it
    return {e, [](cmark_syntax_extension* x) {
                cmark_syntax_extension_free(cmark_get_default_mem_allocator(), x);
            }};
}

class Renderer {
public:
    Renderer(const Article& a, const RenderOptions& o, Warnings& w) : a_(a), o_(o), w_(w) {}

    Result<RenderedArticle> run();

private:
    int line_of(cmark_node* n) const {
        int l = cmark_node_get_start_line(n);
        // An inline note's text was parsed apart: its lines count from the note's.
        for (cmark_node* p = n; p && !note_lines_.empty(); p = cmark_node_parent(p))
            if (auto it = note_lines_.find(p); it != note_lines_.end() && it->second > 0)
                return it->second + std::max(l, 1) - 1 + a_.body_line - 1;
        return l > 0 ? l + a_.body_line - 1 : 0;
    }
    void warn(cmark_node* n, const std::string& msg) {
        w_.push_back({Errc::content, a_.source, n ? line_of(n) : 0, 0, msg});
    }
    std::string unique_id(const std::string& base) {
        std::string id = base;
        for (int k = 2; !ids_.insert(id).second; ++k)
            id = base + "-" + std::to_string(k);
        return id;
    }
    void header(pugi::xml_node parent);
    Status markdown(pugi::xml_node parent);
    void text(pugi::xml_node parent);
    Status enter(cmark_node* n, pugi::xml_node& cur);
    void remove_forbidden_characters(cmark_node* root);
    void take_heading_attributes(cmark_node* root);
    void inline_notes_to_footnotes(cmark_node* doc, const InlineNotes& notes);
    int heading_level(int markdown_level);
    void noteref(cmark_node* n, pugi::xml_node cur);
    void noterefs_in(cmark_node* node, pugi::xml_node cur);
    Result<std::string> image(cmark_node* n, const std::string& url);
    void resolve_fragments();

    const Article& a_;
    const RenderOptions& o_;
    Warnings& w_;
    RenderedArticle r_;
    std::set<std::string> ids_;
    std::map<std::string, std::string> anchors_;     // slug or user id -> id in the document
    std::map<cmark_node*, std::string> heading_ids_; // given as pandoc's {#id}
    struct FragmentLink {
        pugi::xml_node node;
        std::string fragment;
        int line;
    };
    std::vector<FragmentLink> fragment_links_;
    int notes_defined_ = 0;
    std::map<int, int> note_refs_;                   // note number -> references so far
    std::map<cmark_node*, int> note_lines_;          // the note made of an inline note -> its line
    std::map<std::string, std::string> image_paths_; // real source path -> package path
    pugi::xml_node notes_section_;
    // The headings a new one can go under: (Markdown level, level in the book), outermost first.
    std::vector<std::pair<int, int>> open_headings_;
    bool skip_children_ = false; // set by enter: the node's children are not rendered
    std::string title_id_;
};

void Renderer::header(pugi::xml_node parent) {
    const Metadata& m = a_.meta;
    auto h = parent.append_child("header");
    auto h1 = h.append_child("h1");
    title_id_ = unique_id(o_.id_prefix + "-title");
    h1.append_attribute("id") = title_id_.c_str();
    h1.text() = m.title.c_str();
    if (!m.subtitle.empty()) {
        auto p = h.append_child("p");
        p.append_attribute("class") = "subtitle";
        p.text() = m.subtitle.c_str();
    }
    std::vector<const Person*> authors;
    for (const auto& p : m.authors)
        if (p.role == "aut") authors.push_back(&p);
    if (!authors.empty()) {
        auto p = h.append_child("p");
        p.append_attribute("class") = "byline";
        bool english = r_.lang.rfind("en", 0) == 0;
        if (english) p.append_child(pugi::node_pcdata).set_value("By ");
        for (size_t i = 0; i < authors.size(); ++i) {
            if (i > 0) {
                const char* sep = (i + 1 == authors.size()) ? (english ? " and " : " & ") : ", ";
                p.append_child(pugi::node_pcdata).set_value(sep);
            }
            auto s = p.append_child("span");
            s.append_attribute("class") = "author";
            s.text() = authors[i]->name.c_str();
        }
    }
    if (!m.date.empty() || !m.publisher.empty()) {
        auto p = h.append_child("p");
        p.append_attribute("class") = "dateline";
        if (!m.date.empty()) {
            auto t = p.append_child("time");
            t.append_attribute("datetime") = m.date.c_str();
            t.text() = display_date(m.date, r_.lang).c_str();
        }
        if (!m.date.empty() && !m.publisher.empty())
            p.append_child(pugi::node_pcdata).set_value(", ");
        if (!m.publisher.empty()) {
            auto s = p.append_child("span");
            s.append_attribute("class") = "publisher";
            s.text() = m.publisher.c_str();
        }
    }
}

void Renderer::text(pugi::xml_node parent) {
    // Plain text: blank lines separate paragraphs, lines inside a paragraph join.
    const std::string& b = a_.body;
    size_t pos = 0;
    while (pos < b.size()) {
        size_t end = b.find("\n\n", pos);
        std::string para =
            collapse_space(b.substr(pos, end == std::string::npos ? std::string::npos : end - pos));
        if (!para.empty()) parent.append_child("p").text() = para.c_str();
        if (end == std::string::npos) break;
        pos = end + 2;
    }
}

Result<std::string> Renderer::image(cmark_node* n, const std::string& url) {
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, a_.source, line_of(n), 0, msg};
    };
    if (url.empty()) return fail("image without a path");
    if (url[0] == '/')
        return fail("image path '" + url + "' is absolute; use a path relative to the article");
    if (detail::leaves_folder(url))
        return fail("image path '" + url + "' leaves the article's folder");
    std::string path = a_.base_dir + "/" + url;
    // The same file under several spellings (./a.png, sub/../a.png) is packed once.
    std::string real = real_path(path);
    const std::string& key = real.empty() ? path : real;
    if (auto it = image_paths_.find(key); it != image_paths_.end()) return it->second;
    // The path stays inside the folder on paper; a symbolic link may still lead out of it.
    if (!inside_folder(real, a_.base_dir))
        return fail("image path '" + url + "' leads outside the article's folder (a link)");
    if (same_file(path, o_.output_file))
        return fail("image '" + url + "' is the output file " + o_.output_file +
                    ": the book would overwrite its input");
    auto data = read_file(path);
    if (!data) return fail("image '" + url + "': " + data.error().message);
    std::string type = sniff_image(*data);
    if (type.empty()) return fail("image '" + url + "' is not a JPEG, PNG, GIF or SVG file");
    if (type == "image/svg+xml") {
        if (std::string without = svg_without_doctype(*data); !without.empty()) {
            warn(n, "SVG image '" + url + "' has a DOCTYPE, which EPUB does not allow: dropped");
            *data = std::move(without);
        }
    }
    if (auto why = image_problem(*data, type); !why.empty())
        return fail((type == "image/svg+xml" ? "SVG image '" : "image '") + url + "' " + why);
    std::string name =
        "images/" + o_.id_prefix + "-" + std::to_string(r_.images.size() + 1) + extension_for(type);
    r_.images.push_back({name, type, std::move(*data), ""});
    image_paths_[key] = name;
    return name;
}

Status Renderer::enter(cmark_node* n, pugi::xml_node& cur) {
    auto push = [&](const char* name) { cur = cur.append_child(name); };
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_BLOCK_QUOTE: {
        cmark_node* p = cmark_node_first_child(n);
        cmark_node* t = p ? cmark_node_first_child(p) : nullptr;
        const char* lit =
            t && cmark_node_get_type(t) == CMARK_NODE_TEXT ? cmark_node_get_literal(t) : nullptr;
        if (lit && strncasecmp(lit, "[!PULLQUOTE]", 12) == 0) {
            std::string rest = collapse_space(lit + 12);
            cmark_node_set_literal(t, rest.c_str());
            cmark_node* next = cmark_node_next(t);
            if (rest.empty() && next &&
                (cmark_node_get_type(next) == CMARK_NODE_SOFTBREAK ||
                 cmark_node_get_type(next) == CMARK_NODE_LINEBREAK))
                cmark_node_free(next);
            push("aside");
            cur.append_attribute("epub:type") = "pullquote";
            cur.append_attribute("role") = "doc-pullquote";
            cur.append_attribute("class") = "pullquote";
        } else {
            push("blockquote");
        }
        break;
    }
    case CMARK_NODE_LIST: {
        bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        push(ordered ? "ol" : "ul");
        int start = cmark_node_get_list_start(n);
        if (ordered && start != 1) cur.append_attribute("start") = start;
        break;
    }
    case CMARK_NODE_ITEM:
        push("li");
        break;
    case CMARK_NODE_CODE_BLOCK: {
        auto pre = cur.append_child("pre");
        if (r_.rtl) pre.append_attribute("dir") = "ltr"; // code reads left to right
        auto code = pre.append_child("code");
        const char* info = cmark_node_get_fence_info(n);
        if (info && *info) {
            std::string lang = slugify(std::string(info).substr(0, std::string(info).find(' ')));
            code.append_attribute("class") = ("language-" + lang).c_str();
        }
        code.text() = cmark_node_get_literal(n);
        return {};
    }
    case CMARK_NODE_HTML_BLOCK: {
        std::string lit = cmark_node_get_literal(n);
        while (!lit.empty() && (lit.back() == '\n' || lit.back() == ' '))
            lit.pop_back();
        if (lit.rfind("<!--", 0) == 0 && lit.find("-->") == lit.size() - 3) return {};
        warn(n, "raw HTML is shown as text, not interpreted");
        auto p = cur.append_child("p");
        p.append_attribute("class") = "raw-html";
        p.text() = lit.c_str();
        return {};
    }
    case CMARK_NODE_PARAGRAPH: {
        cmark_node* parent = cmark_node_parent(n);
        cmark_node* grand = parent ? cmark_node_parent(parent) : nullptr;
        if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM && grand &&
            cmark_node_get_list_tight(grand))
            break; // tight list: the text goes straight into the li
        push(is_figure(n) ? "figure" : "p");
        break;
    }
    case CMARK_NODE_HEADING: {
        std::string title = plain_text(n);
        // A heading with no text (or only white space: "## &nbsp;") would be an empty heading to
        // a screen reader (Ace: empty-heading) and an entry of the contents with no name (Ace:
        // link-name): with nothing else in it (an HTML comment, spaces), it is left out; with an
        // image without alt text or a note, that is kept as a paragraph. Either way its
        // subsections come under the entry before it.
        if (is_blank_text(title)) {
            if (!shows_more_than_text(n, seen_notes | seen_raw_html | seen_images)) {
                warn(n, "empty heading left out");
                skip_children_ = true;
                return {};
            }
            warn(n, "heading with no text kept as a paragraph, out of the table of contents");
            push("p");
            break;
        }
        int level = heading_level(cmark_node_get_heading_level(n));
        std::string name = "h" + std::to_string(level);
        push(name.c_str());
        // An id given as pandoc's {#id} is the heading's; links find it by that name too.
        auto given = heading_ids_.find(n);
        const std::string text_slug = slugify(title);
        const std::string& slug = given != heading_ids_.end() ? given->second : text_slug;
        // Note ids (PREFIX-fnN, PREFIX-fnrefN) are made without unique_id: keep headings apart.
        bool note_like =
            slug.size() > 2 && slug.compare(0, 2, "fn") == 0 &&
            slug.find_first_not_of("0123456789", slug.rfind("fnref", 0) == 0 ? 5 : 2) ==
                std::string::npos;
        std::string id = unique_id(o_.id_prefix + "-" + (note_like ? "h-" : "") + slug);
        if (given != heading_ids_.end()) anchors_.emplace(given->second, id);
        // A title with no ASCII letter or digit ("مقدمة", "?") has no slug: a link finds it by
        // its text instead, never by the "section" slugify falls back to.
        if (has_slug(title))
            anchors_.emplace(text_slug, id);
        else
            anchors_.emplace(title, id);
        cur.append_attribute("id") = id.c_str();
        r_.toc.push_back({title, o_.doc_path + "#" + id, level});
        break;
    }
    case CMARK_NODE_THEMATIC_BREAK:
        cur.append_child("hr");
        return {};
    case CMARK_NODE_FOOTNOTE_DEFINITION: {
        if (!notes_section_) {
            notes_section_ = cur.append_child("section");
            notes_section_.append_attribute("epub:type") = "endnotes";
            notes_section_.append_attribute("role") = "doc-endnotes";
            notes_section_.append_attribute("class") = "notes";
            std::string hid = unique_id(o_.id_prefix + "-notes");
            notes_section_.append_attribute("aria-labelledby") = hid.c_str();
            auto h = notes_section_.append_child("h2");
            h.append_attribute("id") = hid.c_str();
            h.text() = notes_heading(r_.lang);
            r_.features.notes = true;
        }
        // cmark-gfm moves definitions to the end, ordered by first reference, and numbers the
        // references itself (their literal is that number): the k-th definition is note k.
        int num = ++notes_defined_;
        std::string num_s = std::to_string(num);
        cur = notes_section_.append_child("aside");
        cur.append_attribute("id") = (o_.id_prefix + "-fn" + num_s).c_str();
        cur.append_attribute("epub:type") = "footnote";
        cur.append_attribute("role") = "doc-footnote";
        // The back link goes first in the note's first paragraph (added on exit below).
        break;
    }
    case CMARK_NODE_TEXT:
        cur.append_child(pugi::node_pcdata).set_value(cmark_node_get_literal(n));
        return {};
    case CMARK_NODE_SOFTBREAK:
        cur.append_child(pugi::node_pcdata).set_value(" ");
        return {};
    case CMARK_NODE_LINEBREAK:
        cur.append_child("br");
        return {};
    case CMARK_NODE_CODE:
        cur.append_child("code").text() = cmark_node_get_literal(n);
        return {};
    case CMARK_NODE_HTML_INLINE: {
        std::string lit = cmark_node_get_literal(n);
        if (lit.rfind("<!--", 0) == 0) return {};
        warn(n, "raw HTML '" + lit.substr(0, 40) + "' is shown as text, not interpreted");
        cur.append_child(pugi::node_pcdata).set_value(lit.c_str());
        return {};
    }
    case CMARK_NODE_EMPH:
        push("em");
        break;
    case CMARK_NODE_STRONG:
        push("strong");
        break;
    case CMARK_NODE_LINK: {
        std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
        std::string scheme;
        push("a");
        // A link with no text (spaces, an image without alt text; its notes go after it) has no
        // name for a screen reader (Ace: link-name): unwrapped.
        if (is_blank_text(plain_text(n)) && !shows_more_than_text(n, seen_raw_html)) {
            warn(n, "link to '" + url.substr(0, 60) + "' removed: it has no text");
            cur.set_name("span");
            break;
        }
        if (has_scheme(url, scheme)) {
            std::string problem;
            if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "ftp" ||
                scheme == "tel") {
                std::string href = link_href(url, scheme, problem);
                if (!href.empty()) {
                    cur.append_attribute("href") = href.c_str();
                } else {
                    warn(n, "link to '" + url.substr(0, 60) + "' removed: " + problem);
                    cur.set_name("span");
                }
            } else {
                warn(n, "link to '" + url.substr(0, 60) + "' removed: " + scheme +
                            ": links are not allowed in a book");
                cur.set_name("span");
            }
        } else if (!url.empty() && url[0] == '#') {
            fragment_links_.push_back({cur, url.substr(1), line_of(n)});
        } else {
            std::string problem = "it points outside the book";
            std::string target =
                o_.resolve_link && !url.empty() ? o_.resolve_link(url, problem) : "";
            if (!target.empty()) {
                std::string dir = o_.doc_path.substr(0, o_.doc_path.rfind('/') + 1);
                cur.append_attribute("href") = target.compare(0, dir.size(), dir) == 0
                                                   ? target.substr(dir.size()).c_str()
                                                   : relative_href(o_.doc_path, target).c_str();
            } else {
                Warnings& lw = o_.resolve_link && o_.link_warnings ? *o_.link_warnings : w_;
                if (!problem.empty()) // empty: the resolver already reported it
                    lw.push_back({Errc::content, a_.source, line_of(n), 0,
                                  "link to '" + url.substr(0, 60) + "' removed: " + problem});
                cur.set_name("span");
            }
        }
        const char* title = cmark_node_get_title(n);
        if (cur.name() == std::string("a") && title && *title)
            cur.append_attribute("title") = title;
        break;
    }
    case CMARK_NODE_IMAGE: {
        std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
        std::string alt = plain_text(n);
        std::string scheme;
        if (has_scheme(url, scheme)) {
            // Remote images are never fetched: keep a link to them instead.
            std::string problem, href;
            if (scheme == "http" || scheme == "https") href = link_href(url, scheme, problem);
            bool in_link = !enclosing_link(cur).empty(); // an <a> cannot hold another
            warn(n, "remote image '" + url.substr(0, 60) + "' is not fetched; " +
                        (!problem.empty() ? "link removed: " + problem
                         : in_link        ? "kept as text in the link around it"
                                          : "kept as a link"));
            if (in_link) href.clear();
            auto a = cur.append_child(href.empty() ? "span" : "a");
            if (!href.empty()) a.append_attribute("href") = href.c_str();
            a.text() = (alt.empty() ? url : alt).c_str();
            noterefs_in(n, cur);
            return {};
        }
        auto name = image(n, url);
        if (!name) return name.error();
        auto img = cur.append_child("img");
        img.append_attribute("src") = relative_href(o_.doc_path, *name).c_str();
        img.append_attribute("alt") = alt.c_str();
        noterefs_in(n, cur);
        const char* title = cmark_node_get_title(n);
        if (cur.name() == std::string("figure") && title && *title) {
            cur.append_child("figcaption").text() = title;
        }
        ++r_.features.images;
        if (alt.empty()) {
            ++r_.features.images_without_alt;
            warn(n, "image '" + url + "' has no alt text");
        }
        return {};
    }
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        noteref(n, cur);
        return {};
    default:
        if (is_type(n, "table")) {
            push("table");
            r_.features.tables = true;
        } else if (is_type(n, "table_row") || is_type(n, "table_header")) {
            bool head = cmark_gfm_extensions_get_table_row_is_header(n);
            if (head) {
                cur = cur.append_child("thead");
            } else {
                pugi::xml_node body = cur.child("tbody");
                cur = body ? body : cur.append_child("tbody");
            }
            push("tr");
        } else if (is_type(n, "table_cell")) {
            cmark_node* row = cmark_node_parent(n);
            // An empty header cell (or one with only spaces or a comment) heads nothing: a td
            // (Ace: empty-table-header).
            bool head = row && cmark_gfm_extensions_get_table_row_is_header(row) &&
                        (!is_blank_text(plain_text(n)) ||
                         shows_more_than_text(n, seen_notes | seen_raw_html));
            push(head ? "th" : "td");
            if (head) cur.append_attribute("scope") = "col";
            cmark_node* table = row ? cmark_node_parent(row) : nullptr;
            int col = 0;
            for (cmark_node* s = cmark_node_previous(n); s; s = cmark_node_previous(s))
                ++col;
            uint8_t* align = table ? cmark_gfm_extensions_get_table_alignments(table) : nullptr;
            if (align && col < cmark_gfm_extensions_get_table_columns(table)) {
                const char* cls = align[col] == 'l'   ? "left"
                                  : align[col] == 'c' ? "center"
                                  : align[col] == 'r' ? "right"
                                                      : nullptr;
                if (cls) cur.append_attribute("class") = cls;
            }
        } else if (is_type(n, "strikethrough")) {
            push("del");
        } else {
            push("span"); // unknown extension node: keep its text
        }
    }
    return {};
}

Status Renderer::markdown(pugi::xml_node parent) {
    cmark_gfm_core_extensions_ensure_registered();
    int opts = CMARK_OPT_SMART | CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS | CMARK_OPT_NORMALIZE;
    std::unique_ptr<cmark_parser, void (*)(cmark_parser*)> parser(cmark_parser_new(opts),
                                                                  cmark_parser_free);
    for (const char* ext : {"table", "strikethrough", "autolink"}) {
        if (auto* e = cmark_find_syntax_extension(ext))
            cmark_parser_attach_syntax_extension(parser.get(), e);
    }
    InlineNotes inline_notes;
    inline_notes.options = opts;
    auto notes_extension = inline_note_extension(inline_notes);
    cmark_parser_attach_syntax_extension(parser.get(), notes_extension.get());
    cmark_parser_feed(parser.get(), a_.body.data(), a_.body.size());
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(cmark_parser_finish(parser.get()),
                                                           cmark_node_free);
    inline_notes_to_footnotes(doc.get(), inline_notes);
    remove_forbidden_characters(doc.get());
    take_heading_attributes(doc.get());

    // Drop a first heading that repeats the title (heading_level makes the others h2 and below).
    // Its note references go to the title in the header: their notes would lead back to nothing
    // (epubcheck: RSC-012, fragment identifier not defined).
    cmark_node* first = cmark_node_first_child(doc.get());
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
        cmark_node_get_heading_level(first) == 1 && plain_text(first) == a_.meta.title) {
        noterefs_in(first, parent.child("header").child("h1"));
        cmark_node_free(first);
    }
    if (QuoteStyle qs = quote_style(r_.lang); qs != QuoteStyle::english)
        localize_punctuation(doc.get(), qs);

    std::vector<pugi::xml_node> stack;
    pugi::xml_node cur = parent;
    cmark_iter* it = cmark_iter_new(doc.get());
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> guard(it, cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it);
        auto type = cmark_node_get_type(n);
        if (type == CMARK_NODE_DOCUMENT) continue;
        if (ev == CMARK_EVENT_ENTER) {
            // Leaf nodes produce no EXIT event; containers do.
            bool leaf = type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK ||
                        type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_CODE ||
                        type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_CODE_BLOCK ||
                        type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK;
            if (type == CMARK_NODE_IMAGE) {
                // An image's children are its alt text, already used: skip them.
                auto st = enter(n, cur);
                if (!st) return st;
                cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
                continue;
            }
            if (!leaf) stack.push_back(cur);
            if (stack.size() > max_nesting) {
                return Error{Errc::content, a_.source, line_of(n), 0,
                             "content nested more than " + std::to_string(max_nesting) +
                                 " levels deep (block quotes, lists or emphasis); e-readers "
                                 "cannot lay that out"};
            }
            auto st = enter(n, cur);
            if (!st) return st;
            if (skip_children_) {
                // Its EXIT event is skipped too: what it pushed comes off here.
                skip_children_ = false;
                cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
                cur = stack.back();
                stack.pop_back();
            }
        } else {
            if (type == CMARK_NODE_FOOTNOTE_DEFINITION && cur.name() == std::string("aside")) {
                // Number and back link at the start of the note's first paragraph.
                std::string id = cur.attribute("id").value();
                std::string num = id.substr(id.rfind("-fn") + 3);
                pugi::xml_node p = cur.first_child();
                if (!p || p.name() != std::string("p")) p = cur.prepend_child("p");
                auto back = p.prepend_child("a");
                back.append_attribute("href") = ("#" + o_.id_prefix + "-fnref" + num).c_str();
                back.append_attribute("role") = "doc-backlink";
                back.append_attribute("class") = "backlink";
                back.text() = (num + ".").c_str();
                p.insert_child_after(pugi::node_pcdata, back).set_value(" ");
            }
            if (!stack.empty()) {
                cur = stack.back();
                stack.pop_back();
            }
        }
    }
    return {};
}

// A note reference in the text of a link goes right after the link, since an <a> cannot hold
// another (epubcheck: RSC-005); while the link is open, nothing but such references follows it.
void Renderer::noteref(cmark_node* n, pugi::xml_node cur) {
    const char* lit = cmark_node_get_literal(n);
    int num = lit ? std::atoi(lit) : 0;
    if (num <= 0) return;
    int k = ++note_refs_[num];
    std::string num_s = std::to_string(num);
    std::string ref_id = o_.id_prefix + "-fnref" + num_s + (k > 1 ? "-" + std::to_string(k) : "");
    ids_.insert(ref_id);
    if (pugi::xml_node link = enclosing_link(cur)) cur = link.parent();
    auto a = cur.append_child("a");
    a.append_attribute("id") = ref_id.c_str();
    a.append_attribute("href") = ("#" + o_.id_prefix + "-fn" + num_s).c_str();
    a.append_attribute("class") = "noteref";
    a.append_attribute("epub:type") = "noteref";
    a.append_attribute("role") = "doc-noteref";
    a.text() = num_s.c_str();
}

// The note references inside node, appended to cur: those of an image's alt text (attribute
// text, which holds no link) go after the image, those of a dropped heading to the title; else
// the notes' back links would point at nothing.
void Renderer::noterefs_in(cmark_node* node, pugi::xml_node cur) {
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(node), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* c = cmark_iter_get_node(it.get());
        if (ev == CMARK_EVENT_ENTER && cmark_node_get_type(c) == CMARK_NODE_FOOTNOTE_REFERENCE)
            noteref(c, cur);
    }
}

// Inline notes become note references and notes, numbered with the [^label] ones in the order
// they come, as pandoc numbers them; cmark-gfm's notes (at the end of the document, in the order
// of their first reference, numbered so) are put in that order too. Without inline notes nothing
// changes.
void Renderer::inline_notes_to_footnotes(cmark_node* doc, const InlineNotes& notes) {
    if (notes.notes.empty()) return;
    std::vector<cmark_node*> order; // note references and inline notes, as they come
    std::vector<cmark_node*> defs;  // cmark-gfm's notes: note k at k - 1
    {
        std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc), cmark_iter_free);
        cmark_event_type ev;
        while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
            cmark_node* n = cmark_iter_get_node(it.get());
            auto type = cmark_node_get_type(n);
            if (ev != CMARK_EVENT_ENTER) continue;
            if (type == CMARK_NODE_FOOTNOTE_REFERENCE || type == inline_note_type())
                order.push_back(n);
            else if (type == CMARK_NODE_FOOTNOTE_DEFINITION && cmark_node_parent(n) == doc)
                defs.push_back(n);
        }
    }
    std::map<size_t, size_t> number; // cmark-gfm's number -> the new one
    std::vector<cmark_node*> by_number{nullptr};
    for (cmark_node* n : order) {
        if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE) {
            const char* lit = cmark_node_get_literal(n);
            long k = lit ? std::atol(lit) : 0;
            if (k <= 0 || static_cast<size_t>(k) > defs.size()) continue;
            auto [it, fresh] = number.emplace(static_cast<size_t>(k), by_number.size());
            if (fresh) by_number.push_back(defs[static_cast<size_t>(k) - 1]);
            cmark_node_set_literal(n, std::to_string(it->second).c_str());
            continue;
        }
        cmark_node* def = cmark_node_new(CMARK_NODE_FOOTNOTE_DEFINITION);
        cmark_node* para = cmark_node_new(CMARK_NODE_PARAGRAPH);
        cmark_node_append_child(def, para);
        while (cmark_node* child = cmark_node_first_child(n)) {
            cmark_node_unlink(child);
            cmark_node_append_child(para, child);
        }
        cmark_node* ref = cmark_node_new(CMARK_NODE_FOOTNOTE_REFERENCE);
        cmark_node_set_literal(ref, std::to_string(by_number.size()).c_str());
        by_number.push_back(def);
        auto line = notes.notes.find(n);
        note_lines_[def] = line != notes.notes.end() ? line->second : 0;
        cmark_node_insert_before(n, ref);
        cmark_node_free(n);
    }
    for (cmark_node* d : defs)
        cmark_node_unlink(d);
    for (size_t k = 1; k < by_number.size(); ++k)
        cmark_node_append_child(doc, by_number[k]);
    // A note nothing refers to (cmark-gfm drops those already) would lead back to nothing.
    for (size_t k = 0; k < defs.size(); ++k)
        if (!number.count(k + 1)) cmark_node_free(defs[k]);
}

// A heading goes one level below the nearest heading before it with a smaller Markdown level
// (h2 when there is none: the article's title is the h1), so levels never skip one (Ace:
// heading-order): "## A" then "#### B" is h2 then h3, and a "###" after them is an h3 again.
int Renderer::heading_level(int markdown_level) {
    while (!open_headings_.empty() && open_headings_.back().first >= markdown_level)
        open_headings_.pop_back();
    int level = std::min(6, open_headings_.empty() ? 2 : open_headings_.back().second + 1);
    open_headings_.emplace_back(markdown_level, level);
    return level;
}

// Pandoc's {#id .class} at the end of a heading: removed from its text (the text nodes it ends
// with, which smart punctuation splits at quotes), the id kept for the heading.
void Renderer::take_heading_attributes(cmark_node* root) {
    std::vector<cmark_node*> headings;
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE)
        if (ev == CMARK_EVENT_ENTER &&
            cmark_node_get_type(cmark_iter_get_node(it.get())) == CMARK_NODE_HEADING)
            headings.push_back(cmark_iter_get_node(it.get()));
    for (cmark_node* h : headings) {
        std::vector<cmark_node*> texts; // the trailing text nodes, first to last
        for (cmark_node* c = cmark_node_last_child(h);
             c && cmark_node_get_type(c) == CMARK_NODE_TEXT; c = cmark_node_previous(c))
            texts.insert(texts.begin(), c);
        if (texts.empty()) continue;
        std::string text;
        for (cmark_node* t : texts)
            text += cmark_node_get_literal(t);
        auto id = octavo::take_heading_attributes(text);
        if (!id) continue;
        cmark_node_set_literal(texts[0], text.c_str());
        for (size_t k = 1; k < texts.size(); ++k)
            cmark_node_free(texts[k]);
        if (text.empty()) cmark_node_free(texts[0]);
        if (!id->empty()) heading_ids_[h] = *id;
    }
}

// cmark-gfm decodes character references after normalize_text has cleaned the input, so
// "&#x1;" or "&#xFFFE;" would reach the book (epubcheck: RSC-016, a fatal error): clean every
// string of the tree again, with a warning per line as for the input.
void Renderer::remove_forbidden_characters(cmark_node* root) {
    int warned_line = 0;
    auto clean = [&](cmark_node* n, const char* s, int line, int (*set)(cmark_node*, const char*)) {
        if (!s || !*s) return;
        std::string_view text(s);
        bool plain = std::all_of(text.begin(), text.end(), [](char ch) {
            auto c = static_cast<unsigned char>(ch);
            return c >= 0x20 && c < 0x80;
        });
        if (plain) return; // the common case: nothing to remove
        std::string kept = remove_xml_forbidden(text, a_.source, line, warned_line, w_);
        if (kept != text) set(n, kept.c_str());
    };
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(root), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER) continue;
        int line = line_of(n);
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_CODE_BLOCK: {
            int length = 0, offset = 0;
            char fence = 0;
            if (cmark_node_get_fenced(n, &length, &offset, &fence) && line > 0)
                ++line; // the code starts below the fence
            clean(n, cmark_node_get_literal(n), line, cmark_node_set_literal);
            clean(n, cmark_node_get_fence_info(n), line_of(n), cmark_node_set_fence_info);
            break;
        }
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
        case CMARK_NODE_HTML_INLINE:
        case CMARK_NODE_HTML_BLOCK:
            clean(n, cmark_node_get_literal(n), line, cmark_node_set_literal);
            break;
        case CMARK_NODE_LINK:
        case CMARK_NODE_IMAGE:
            clean(n, cmark_node_get_url(n), line, cmark_node_set_url);
            clean(n, cmark_node_get_title(n), line, cmark_node_set_title);
            break;
        default:
            break;
        }
    }
}

void Renderer::resolve_fragments() {
    for (auto& [node, frag, line] : fragment_links_) {
        std::string target;
        if (frag.empty()) // "#": the top of the article, as in a web page
            target = title_id_;
        else if (ids_.count(frag))
            target = frag;
        else if (auto it = anchors_.find(percent_decode(frag)); it != anchors_.end())
            target = it->second;
        else if (auto it2 = anchors_.find(slugify(frag)); has_slug(frag) && it2 != anchors_.end())
            target = it2->second;
        if (target.empty()) {
            w_.push_back({Errc::content, a_.source, line, 0,
                          "link to '#" + frag + "' removed: no such anchor in the article"});
            node.set_name("span");
        } else {
            node.append_attribute("href") = ("#" + target).c_str();
        }
    }
}

Result<RenderedArticle> Renderer::run() {
    r_.lang = a_.meta.lang;
    r_.rtl = is_rtl_language(a_.meta.lang);
    pugi::xml_document doc;
    pugi::xml_node body;
    start_xhtml(doc, r_.lang, r_.rtl, a_.meta.title, relative_href(o_.doc_path, o_.stylesheet),
                &body);
    if (!o_.user_stylesheet.empty())
        add_stylesheet(doc, relative_href(o_.doc_path, o_.user_stylesheet));
    body.append_attribute("epub:type") = "bodymatter";
    auto section = body.append_child("section");
    section.append_attribute("epub:type") = "chapter";
    section.append_attribute("role") = "doc-chapter";
    header(section);
    section.append_attribute("aria-labelledby") = title_id_.c_str();
    r_.toc.insert(r_.toc.begin(), TocEntry{a_.meta.title, o_.doc_path, 1});
    if (a_.format == Format::text) {
        text(section);
    } else {
        auto st = markdown(section);
        if (!st) return st.error;
        resolve_fragments();
    }
    std::map<std::string, std::string> where;
    r_.docs = split_document(doc, o_.doc_path, o_.max_doc_bytes,
                             o_.split_at ? &*o_.split_at : nullptr, &r_.split_at, &where);
    // Paragraphs are cut to fit; a longer block of another kind (a code block, a table, a list,
    // a block quote, the notes), or an element inside a paragraph, is not: its document stays
    // larger.
    for (const auto& d : r_.docs) {
        if (d.data.size() <= o_.max_doc_bytes) continue;
        w_.push_back({Errc::content, a_.source, 0, 0,
                      d.path + " is " + std::to_string((d.data.size() + 1023) / 1024) +
                          " KB, over the " + std::to_string(o_.max_doc_bytes / 1024) +
                          " KB some readers (Adobe RMSDK) can open: octavo cuts a long "
                          "paragraph, but not a code block, a table, a list, a block quote, the "
                          "notes, nor emphasis or a link inside a paragraph, and it holds one "
                          "longer than that; split it in the article"});
    }
    if (r_.docs.size() > 1) {
        for (auto& e : r_.toc) {
            size_t hash = e.href.find('#');
            if (hash == std::string::npos) continue;
            if (auto it = where.find(e.href.substr(hash + 1)); it != where.end())
                e.href = it->second;
        }
    }
    for (const auto& [slug, id] : anchors_) {
        auto it = where.find(id);
        r_.anchors.emplace(slug, it != where.end() ? it->second : o_.doc_path + "#" + id);
    }
    return std::move(r_);
}

} // namespace

namespace {

struct CountingWriter : pugi::xml_writer {
    size_t n = 0;
    void write(const void*, size_t size) override { n += size; }
};

size_t serialized_size(pugi::xml_node node) {
    CountingWriter w;
    node.print(w, "", pugi::format_raw, pugi::encoding_utf8);
    return w.n;
}

pugi::xml_node content_root(const pugi::xml_document& doc) {
    return doc.child("html").child("body").find_child(
        [](pugi::xml_node n) { return n.type() == pugi::node_element; });
}

bool is_heading(pugi::xml_node n) {
    const char* name = n.name();
    return name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && name[2] == 0;
}

std::string part_path(const std::string& base, size_t k) {
    if (k == 0) return base;
    size_t dot = base.rfind('.');
    return base.substr(0, dot) + "-" + std::to_string(k + 1) + base.substr(dot);
}

std::string file_name(const std::string& path) {
    return path.substr(path.rfind('/') + 1);
}

bool is_paragraph(pugi::xml_node n) {
    return std::strcmp(n.name(), "p") == 0;
}

// The links to an id (href="#id") in node: each gets the file name of its target's part when that
// is another, and so grows when the document is split.
size_t internal_links(pugi::xml_node node) {
    size_t n = node.attribute("href").value()[0] == '#' ? 1 : 0;
    for (auto c : node.children()) // elements nest at most some 100 deep (limits.hpp)
        if (c.type() == pugi::node_element) n += internal_links(c);
    return n;
}

// The bytes pugixml writes for byte c of an element's text: & < > escaped, and other control
// characters (which octavo removes before) as character references.
size_t escaped_size(char ch) {
    auto c = static_cast<unsigned char>(ch);
    if (c == '&') return 5;
    if (c == '<' || c == '>') return 4;
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return 5;
    return 1;
}

// The code point that starts at s[i] (octavo's text is valid UTF-8; else the byte).
char32_t code_point_at(std::string_view s, size_t i) {
    char32_t cp = 0;
    return utf8_sequence(s, i, cp) > 0 ? cp : static_cast<unsigned char>(s[i]);
}

// The code point that ends just before s[i] (0 < i), and where it starts.
char32_t code_point_before(std::string_view s, size_t i, size_t& start) {
    start = i - 1;
    while (start > 0 && i - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80)
        --start;
    return code_point_at(s, start);
}

// A closing quote or bracket, which can follow the mark that ends a sentence.
bool is_closing(char32_t c) {
    static const char32_t closing[] = {')',    ']',    '"',    '\'',   0xBB,   0x2019,
                                       0x201D, 0x203A, 0x300D, 0x300F, 0x3011, 0xFF09};
    return std::find(std::begin(closing), std::end(closing), c) != std::end(closing);
}

// 1 for a mark that ends a sentence when a space follows it (. ? ! … and the Arabic, Urdu and
// Devanagari ones), 2 for one that ends it with nothing after it (Chinese and Japanese full
// stops, question and exclamation marks: that text has no spaces), else 0.
int sentence_mark(char32_t c) {
    static const char32_t spaced[] = {'.',    '?',    '!',    0x2026, 0x203D,
                                      0x061F, 0x06D4, 0x0964, 0x0965};
    static const char32_t unspaced[] = {0x3002, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61};
    if (std::find(std::begin(spaced), std::end(spaced), c) != std::end(spaced)) return 1;
    if (std::find(std::begin(unspaced), std::end(unspaced), c) != std::end(unspaced)) return 2;
    return 0;
}

// True when a sentence ends just before s[k] (0 < k < s.size()) and the next starts there: a
// mark, the closing quotes or brackets after it, and the spaces after them (none after a Chinese
// or Japanese mark; then s[k] is neither a mark nor a closing one).
bool sentence_ends_at(std::string_view s, size_t k) {
    size_t i = k;
    while (i > 0 && s[i - 1] == ' ')
        --i;
    bool space = i < k;
    if (space ? s[k] == ' ' : is_closing(code_point_at(s, k)) || sentence_mark(code_point_at(s, k)))
        return false;
    size_t start = i;
    for (int n = 0; i > 0 && n < 8 && is_closing(code_point_before(s, i, start)); ++n)
        i = start;
    if (i == 0) return false;
    int mark = sentence_mark(code_point_before(s, i, start));
    return mark == 2 || (mark == 1 && space);
}

// A text node of a paragraph being cut, with the end of the paragraph's text before it (note
// numbers left out), so that a sentence or a space ending just before the node counts.
struct TextToCut {
    TextToCut(std::string_view text, const std::string& before)
        : s(text), before_size(before.size()), start(before + std::string(text.substr(0, 64))) {}
    std::string_view s;
    size_t before_size;
    std::string start; // the text before s, then the start of s

    bool sentence_before(size_t k) const {
        return k >= 24 ? sentence_ends_at(s, k) : sentence_ends_at(start, before_size + k);
    }
    bool space_before(size_t k) const {
        return k > 0 ? s[k - 1] == ' ' : before_size > 0 && start[before_size - 1] == ' ';
    }
};

bool inside_character(std::string_view s, size_t k) {
    return (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80;
}

// The last place in [lo, hi] of text t (hi < its size) where a sentence starts after the end of
// another (cut_sentence) or after a space (cut_space), or npos.
size_t cut_sentence(const TextToCut& t, size_t lo, size_t hi) {
    for (size_t k = hi + 1; k-- > lo;)
        if (!inside_character(t.s, k) && t.sentence_before(k)) return k;
    return std::string_view::npos;
}
size_t cut_space(const TextToCut& t, size_t lo, size_t hi) {
    for (size_t k = hi + 1; k-- > lo;)
        if (t.space_before(k)) return k;
    return std::string_view::npos;
}

// Where to cut s after from, at hi or before it (from < hi < s.size()): between two grapheme
// clusters, as libunistring tells them (a letter keeps its combining marks and vowel signs, Hangul
// jamo stay in their syllable, joined emoji stay whole); at the first character after hi when
// there is no such place in the 8 characters before it.
size_t cut_character(std::string_view s, size_t from, size_t hi) {
    size_t k = hi, start = 0;
    for (int joined = 0; k > from;) {
        if (inside_character(s, k)) {
            --k;
        } else if (joined < 8 &&
                   !uc_is_grapheme_break(code_point_before(s, k, start), code_point_at(s, k))) {
            --k;
            ++joined;
        } else {
            break;
        }
    }
    if (k > from) return k;
    k = std::max(hi, from + 1);
    while (k < s.size() && inside_character(s, k))
        ++k;
    return k;
}

// What pugixml writes for text s.
size_t escaped_size(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        n += escaped_size(c);
    return n;
}

// Appends the text of node (note numbers left out: they follow a sentence's mark) to text,
// keeping its last 24 bytes.
void keep_tail(std::string& tail, pugi::xml_node node) {
    if (node.type() == pugi::node_pcdata) {
        tail += node.value();
    } else if (std::strcmp(node.name(), "br") == 0) {
        tail += ' ';
    } else if (std::strcmp(node.attribute("class").value(), "noteref") != 0) {
        for (auto c : node.children())
            keep_tail(tail, c);
    }
    if (tail.size() > 24) tail.erase(0, tail.size() - 24);
}

// Where to cut paragraph p (of serialized size `size`, link_growth more for each link to an id)
// so that its first piece fits in room and every other one in budget: (child, offset) pairs as in
// SplitPoint. Only the paragraph's own text is cut, never an element in it (emphasis, a link, a
// note reference), so that every piece is well-formed as it is and keeps its markup; an element
// too long for a piece is left whole. A piece ends at the last sentence end in its second half,
// else at the last space there, else before an element, else between characters. started: its
// part holds something before it, so the first cut may come before the paragraph, (0, 0). last
// gets the size of the last piece.
std::vector<std::pair<size_t, size_t>> cut_paragraph(pugi::xml_node p, size_t size,
                                                     size_t link_growth, size_t room, size_t budget,
                                                     bool started, size_t& last) {
    constexpr size_t npos = std::string_view::npos;
    auto size_of = [&](pugi::xml_node c) {
        return serialized_size(c) + link_growth * internal_links(c);
    };
    size_t inner = 0;
    for (auto c : p.children())
        inner += size_of(c);
    // A piece is the paragraph's tags, with " continued" in its class, around its share.
    const size_t tags = (size > inner ? size - inner : 0) + 32;
    std::vector<std::pair<size_t, size_t>> cuts;
    size_t limit = room, used = tags;
    bool content = started; // the piece holds something: it may end before the next child
    // The last sentence end and space in the text the piece holds, and its size up to them.
    struct Place {
        size_t child = 0, offset = 0, fill = 0;
    };
    std::optional<Place> sentence, space;
    auto next_piece = [&](size_t child, size_t offset) {
        cuts.emplace_back(child, offset);
        limit = budget;
        used = tags;
        content = false;
        sentence.reset();
        space.reset();
    };
    // Ends the piece at place, if it is in the second half: what follows goes to the next piece.
    auto end_at = [&](const std::optional<Place>& place) {
        if (!place || place->fill <= tags || place->fill < limit / 2) return false;
        size_t after = used - place->fill;
        next_piece(place->child, place->offset);
        used += after;
        content = after > 0;
        return true;
    };
    std::string tail;
    size_t j = 0;
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling(), ++j) {
        if (c.type() != pugi::node_pcdata) {
            size_t s = size_of(c);
            // It does not fit: the piece ends at its last sentence end or space, and c goes on
            // after what follows that if it fits, else the piece ends before c.
            if (content && used + s > limit && !end_at(sentence) && !end_at(space))
                next_piece(j, 0);
            else if (content && used + s > limit)
                next_piece(j, 0);
            used += s;
            content = true;
            keep_tail(tail, c);
            continue;
        }
        TextToCut t(c.value(), tail);
        for (size_t from = 0; from < t.s.size();) {
            size_t left = limit > used ? limit - used : 0;
            size_t half = limit / 2 > used ? limit / 2 - used : 0; // to fill half the piece
            size_t k = from, n = 0, lo = from;
            while (k < t.s.size() && n + escaped_size(t.s[k]) <= left) {
                n += escaped_size(t.s[k++]);
                if (n <= half) lo = k;
            }
            if (k == t.s.size()) {
                // All of it fits: remember its last sentence end and space.
                size_t end = used + n;
                size_t first = content && from == 0 ? from : from + 1;
                if (size_t at = cut_sentence(t, first, t.s.size() - 1); at != npos)
                    sentence = Place{j, at, end - escaped_size(t.s.substr(at))};
                if (size_t at = cut_space(t, first, t.s.size() - 1); at != npos)
                    space = Place{j, at, end - escaped_size(t.s.substr(at))};
                used = end;
                content = true;
                break;
            }
            lo = std::max(lo, content && from == 0 ? from : from + 1);
            size_t cut = cut_sentence(t, lo, k);
            if (cut == npos && end_at(sentence)) continue;
            if (cut == npos) cut = cut_space(t, lo, k);
            if (cut == npos && end_at(space)) continue;
            // Else before this text, if that leaves the piece half full (and holding some of the
            // paragraph: a paragraph's start is choose_splits's), else between characters.
            if (cut == npos && content && from == 0 && end_at(Place{j, 0, used})) continue;
            if (cut == npos) cut = cut_character(t.s, from, k);
            next_piece(j, cut);
            from = cut;
        }
        keep_tail(tail, c);
    }
    last = used;
    return cuts;
}

// Where each part starts: greedy up to budget, cutting at the last heading of the part when that
// keeps at least a quarter of it, else before the block that does not fit. A paragraph longer
// than budget is cut into pieces that fill the parts (cut_paragraph), the first going on from
// what its part holds before it, unless that leaves less than a quarter of the part.
std::vector<SplitPoint> choose_splits(const std::vector<pugi::xml_node>& blocks,
                                      const std::vector<size_t>& sizes, size_t budget,
                                      const std::vector<bool>& heading, size_t link_growth) {
    std::vector<SplitPoint> starts;
    size_t start = 0, cur = 0, last_heading = 0;
    size_t start_size = 0; // the part's share of its first block, when it starts inside it
    bool inside = false, have_heading = false;
    for (size_t i = 0; i < sizes.size(); ++i) {
        bool cut = sizes[i] > budget && budget >= 1024 && is_paragraph(blocks[i]);
        size_t room = cur < budget ? budget - cur : 0;
        if (i > start && cur + sizes[i] > budget && (!cut || room < budget / 4)) {
            size_t at = i;
            if (have_heading && last_heading > start) {
                size_t before = inside ? start_size : sizes[start];
                for (size_t j = start + 1; j < last_heading; ++j)
                    before += sizes[j];
                if (before >= budget / 4) at = last_heading;
            }
            starts.push_back({at});
            start = at;
            inside = false;
            cur = 0;
            for (size_t j = at; j < i; ++j)
                cur += sizes[j];
            have_heading = false;
        }
        if (heading[i] && i > start) {
            last_heading = i;
            have_heading = true;
        }
        if (cut) {
            size_t last = 0;
            auto cuts = cut_paragraph(blocks[i], sizes[i], link_growth,
                                      cur < budget ? budget - cur : 0, budget, i > start, last);
            for (auto [child, offset] : cuts)
                starts.push_back({i, child, offset});
            if (!cuts.empty()) {
                start = i;
                inside = cuts.back() != std::pair<size_t, size_t>{0, 0};
                cur = start_size = inside ? last : sizes[i];
                have_heading = false;
                continue;
            }
        }
        cur += sizes[i];
    }
    return starts;
}

// Appends to parent the piece of paragraph p from `from` to `to` (child and offset as in
// SplitPoint; to null: to its end). A piece after the first goes on from the one before: its
// class says so ("continued": no first-line indent), and it has no id (the first piece has it).
void append_piece(pugi::xml_node parent, pugi::xml_node p, const SplitPoint& from,
                  const SplitPoint* to, bool continued) {
    pugi::xml_node piece = parent.append_child(p.name());
    for (auto a : p.attributes())
        if (!continued || std::strcmp(a.name(), "id") != 0) piece.append_copy(a);
    if (continued) {
        pugi::xml_attribute cls = piece.attribute("class");
        if (!cls) cls = piece.append_attribute("class");
        std::string value = cls.value();
        cls = (value.empty() ? "continued" : value + " continued").c_str();
    }
    size_t j = 0;
    for (pugi::xml_node c = p.first_child(); c; c = c.next_sibling(), ++j) {
        if (j < from.child) continue;
        if (to && (j > to->child || (j == to->child && to->offset == 0))) break;
        size_t begin = j == from.child ? from.offset : 0;
        size_t end = to && j == to->child ? to->offset : std::string_view::npos;
        if (c.type() == pugi::node_pcdata && (begin > 0 || end != std::string_view::npos)) {
            std::string_view t = c.value();
            begin = std::min(begin, t.size());
            end = std::min(end, t.size());
            if (end > begin)
                piece.append_child(pugi::node_pcdata).set_value(t.data() + begin, end - begin);
        } else {
            piece.append_copy(c);
        }
    }
}

} // namespace

std::vector<ContentDoc> split_document(const pugi::xml_document& doc, const std::string& base_path,
                                       size_t max_bytes, const std::vector<SplitPoint>* split_at,
                                       std::vector<SplitPoint>* chosen,
                                       std::map<std::string, std::string>* where) {
    pugi::xml_node root = content_root(doc);
    std::vector<pugi::xml_node> children;
    for (auto c : root.children())
        children.push_back(c);
    std::vector<SplitPoint> starts;
    std::string whole;
    if (split_at) {
        starts = *split_at;
    } else {
        whole = serialize(doc);
        if (whole.size() > max_bytes && !children.empty()) {
            // A block's size counts what its links to ids may grow by, the file name of the part
            // they lead to: "#a001-fn1" may become "a001-12.xhtml#a001-fn1" (up to 99 parts).
            const size_t link_growth = file_name(base_path).size() + 3;
            std::vector<size_t> sizes;
            std::vector<bool> heading;
            size_t sum = 0;
            for (auto c : children) {
                size_t size = serialized_size(c);
                sum += size;
                sizes.push_back(size + link_growth * internal_links(c));
                heading.push_back(is_heading(c));
            }
            size_t skeleton = whole.size() > sum ? whole.size() - sum : 0;
            size_t budget = max_bytes > skeleton + 1024 ? max_bytes - skeleton - 1024 : 1;
            starts = choose_splits(children, sizes, budget, heading, link_growth);
        }
    }
    if (chosen) *chosen = starts;
    if (starts.empty()) {
        if (where) where->clear(); // one document: every id is in base_path
        return {{base_path, whole.empty() ? serialize(doc) : std::move(whole)}};
    }

    // Each part: the document without the root's children, then its range of them; a range that
    // starts or ends inside a paragraph holds a piece of it.
    pugi::xml_document skeleton;
    skeleton.reset(doc);
    pugi::xml_node sroot = content_root(skeleton);
    while (sroot.first_child())
        sroot.remove_child(sroot.first_child());
    std::vector<std::unique_ptr<pugi::xml_document>> parts;
    std::vector<std::string> paths;
    std::map<std::string, size_t> part_of; // id -> part
    starts.insert(starts.begin(), SplitPoint{});
    starts.push_back({children.size()});
    for (size_t p = 0; p + 1 < starts.size(); ++p) {
        auto part = std::make_unique<pugi::xml_document>();
        part->reset(skeleton);
        pugi::xml_node proot = content_root(*part);
        const SplitPoint& from = starts[p];
        const SplitPoint& to = starts[p + 1];
        for (size_t i = from.block; i < children.size() && i <= to.block; ++i) {
            bool from_inside = i == from.block && (from.child || from.offset);
            bool to_inside = i == to.block && (to.child || to.offset);
            if (i == to.block && !to_inside) break;
            if (from_inside || to_inside)
                append_piece(proot, children[i], from_inside ? from : SplitPoint{},
                             to_inside ? &to : nullptr, from_inside);
            else
                proot.append_copy(children[i]);
        }
        for (auto n : part->select_nodes("//*[@id]"))
            part_of.emplace(n.node().attribute("id").value(), p);
        paths.push_back(part_path(base_path, p));
        parts.push_back(std::move(part));
    }
    if (where)
        for (const auto& [id, p] : part_of)
            (*where)[id] = paths[p] + "#" + id;
    if (parts.size() > 1) {
        for (size_t p = 0; p < parts.size(); ++p) {
            for (auto x : parts[p]->select_nodes("//*[@href]")) {
                pugi::xml_attribute href = x.node().attribute("href");
                if (href.value()[0] != '#') continue;
                auto it = part_of.find(href.value() + 1);
                if (it != part_of.end() && it->second != p)
                    href = (file_name(paths[it->second]) + href.value()).c_str();
            }
            // A continued part loses the heading that labelled the article: name it instead.
            pugi::xml_node proot = content_root(*parts[p]);
            pugi::xml_attribute label = proot.attribute("aria-labelledby");
            if (label && !(part_of.count(label.value()) && part_of[label.value()] == p)) {
                proot.remove_attribute(label);
                std::string title = parts[p]->child("html").child("head").child_value("title");
                proot.append_attribute("aria-label") = title.c_str();
            }
        }
    }
    std::vector<ContentDoc> out;
    for (size_t p = 0; p < parts.size(); ++p)
        out.push_back({paths[p], serialize(*parts[p])});
    return out;
}

std::string serialize(const pugi::xml_document& doc) {
    StringWriter w;
    doc.save(w, "", pugi::format_raw | pugi::format_no_declaration, pugi::encoding_utf8);
    return std::move(w.out);
}

void start_xhtml(pugi::xml_document& doc, const std::string& lang, bool rtl,
                 const std::string& title, const std::string& stylesheet_href,
                 pugi::xml_node* body) {
    auto decl = doc.append_child(pugi::node_declaration);
    decl.append_attribute("version") = "1.0";
    decl.append_attribute("encoding") = "UTF-8";
    doc.append_child(pugi::node_doctype).set_value("html");
    auto html = doc.append_child("html");
    html.append_attribute("xmlns") = "http://www.w3.org/1999/xhtml";
    html.append_attribute("xmlns:epub") = "http://www.idpf.org/2007/ops";
    html.append_attribute("lang") = lang.c_str();
    html.append_attribute("xml:lang") = lang.c_str();
    if (rtl) html.append_attribute("dir") = "rtl";
    auto head = html.append_child("head");
    head.append_child("meta").append_attribute("charset") = "utf-8";
    head.append_child("title").text() = title.c_str();
    if (!stylesheet_href.empty()) {
        auto link = head.append_child("link");
        link.append_attribute("rel") = "stylesheet";
        link.append_attribute("type") = "text/css";
        link.append_attribute("href") = stylesheet_href.c_str();
    }
    *body = html.append_child("body");
    if (rtl) body->append_attribute("dir") = "rtl"; // MuPDF and some others read it only here
}

void add_stylesheet(pugi::xml_document& doc, const std::string& href) {
    auto link = doc.child("html").child("head").append_child("link");
    link.append_attribute("rel") = "stylesheet";
    link.append_attribute("type") = "text/css";
    link.append_attribute("href") = href.c_str();
}

Result<RenderedArticle> render_article(const Article& article, const RenderOptions& options,
                                       Warnings& warnings) {
    return Renderer(article, options, warnings).run();
}

} // namespace octavo
