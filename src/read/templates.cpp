#include "read/templates.hpp"

#include <cmark-gfm.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/text.hpp"

namespace octavo {
namespace {

bool starts(std::string_view s, size_t i, std::string_view with) {
    return s.compare(i, with.size(), with) == 0;
}

// The first word of a tag ("highlight" of "highlight ruby linenos") and the rest.
std::pair<std::string, std::string> split_tag(const std::string& inner) {
    size_t k = 0;
    while (k < inner.size() && !std::isspace(static_cast<unsigned char>(inner[k])))
        ++k;
    return {inner.substr(0, k), trim_space(std::string_view(inner).substr(k))};
}

// A quoted or bare argument's value: "x.md" -> x.md.
std::string unquote(std::string s) {
    s = trim_space(s);
    if (s.size() >= 2 && (s[0] == '"' || s[0] == '\'') && s.back() == s[0])
        return s.substr(1, s.size() - 2);
    return s;
}

// Hugo's named arguments: src="x.png" title="A b" -> {src: x.png, title: A b}; positional
// ones under "0", "1"...
std::vector<std::pair<std::string, std::string>> hugo_args(const std::string& s) {
    std::vector<std::pair<std::string, std::string>> out;
    size_t i = 0, pos = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
        if (i >= s.size()) break;
        std::string key;
        size_t k = i;
        while (k < s.size() &&
               (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_' || s[k] == '-'))
            ++k;
        if (k < s.size() && s[k] == '=' && k > i) {
            key = s.substr(i, k - i);
            i = k + 1;
        } else {
            key = std::to_string(pos++);
        }
        std::string value;
        if (i < s.size() && (s[i] == '"' || s[i] == '\'' || s[i] == '`')) {
            char q = s[i++];
            size_t e = s.find(q, i);
            if (e == std::string::npos) e = s.size();
            value = s.substr(i, e - i);
            i = e + 1;
        } else {
            size_t e = i;
            while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])))
                ++e;
            value = s.substr(i, e - i);
            i = e;
        }
        out.emplace_back(key, value);
    }
    return out;
}
// Liquid's include parameters: key="a string" or key=a.variable; only strings say something.
struct Param {
    std::string key, value;
    bool quoted;
};
std::vector<Param> liquid_params(const std::string& s) {
    std::vector<Param> out;
    size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i])))
            ++i;
        size_t k = i;
        while (k < s.size() &&
               (std::isalnum(static_cast<unsigned char>(s[k])) || s[k] == '_' || s[k] == '-'))
            ++k;
        size_t eq = k;
        while (eq < s.size() && s[eq] == ' ')
            ++eq;
        if (k == i || eq >= s.size() || s[eq] != '=') { // not a parameter: skip a word
            while (i < s.size() && !std::isspace(static_cast<unsigned char>(s[i])))
                ++i;
            continue;
        }
        Param p{s.substr(i, k - i), "", false};
        i = eq + 1;
        while (i < s.size() && s[i] == ' ')
            ++i;
        if (i < s.size() && (s[i] == '"' || s[i] == '\'')) {
            char q = s[i++];
            size_t e = s.find(q, i);
            if (e == std::string::npos) e = s.size();
            p.value = s.substr(i, e - i);
            p.quoted = true;
            i = e + 1;
        } else {
            size_t e = i;
            while (e < s.size() && !std::isspace(static_cast<unsigned char>(s[e])))
                ++e;
            p.value = s.substr(i, e - i);
            i = e;
        }
        out.push_back(std::move(p));
    }
    return out;
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::string arg(const std::vector<std::pair<std::string, std::string>>& args, const char* key) {
    for (const auto& [k, v] : args)
        if (k == key) return v;
    return "";
}

// A fenced code block holding text: a fence longer than any backtick run inside.
std::string fence(const std::string& lang, std::string code) {
    while (!code.empty() && code.front() == '\n')
        code.erase(code.begin());
    while (!code.empty() && (code.back() == '\n' || code.back() == ' '))
        code.pop_back();
    size_t run = 0, longest = 0;
    for (char c : code) {
        run = c == '`' ? run + 1 : 0;
        longest = std::max(longest, run);
    }
    std::string f(std::max<size_t>(3, longest + 1), '`');
    return "\n" + f + lang + "\n" + code + "\n" + f + "\n";
}

// The lines of the body in code blocks, from cmark's own parse: there template code is the
// subject, not an instruction.
std::vector<bool> code_lines(const std::string& text) {
    size_t lines = static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 2;
    std::vector<bool> code(lines, false);
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
        cmark_parse_document(text.data(), text.size(), CMARK_OPT_DEFAULT), cmark_node_free);
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc.get()),
                                                          cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK) continue;
        int a = cmark_node_get_start_line(n), b = cmark_node_get_end_line(n);
        for (int l = std::max(1, a); l <= b && static_cast<size_t>(l) < lines; ++l)
            code[static_cast<size_t>(l)] = true;
    }
    return code;
}

// The top-level values of the Jekyll site's _config.yml, in the article's folder or the nearest
// above it: what {{ site.title }} and the like name. None when there is no such file, or it is
// not YAML.
std::map<std::string, std::string> site_config(const std::string& base_dir) {
    std::map<std::string, std::string> out;
    std::string dir = base_dir.empty() ? "." : base_dir;
    for (int up = 0; up < 12; ++up) {
        std::string path = dir + "/_config.yml";
        std::ifstream f(path, std::ios::binary);
        if (f) {
            try {
                YAML::Node root = YAML::LoadFile(path);
                if (root.IsMap())
                    for (const auto& kv : root)
                        if (kv.second.IsScalar())
                            out[kv.first.as<std::string>()] = kv.second.as<std::string>();
            } catch (const std::exception&) {
                out.clear();
            }
            return out;
        }
        dir += "/..";
    }
    return out;
}

constexpr int max_depth = 64;

class Expander {
public:
    Expander(const Article& a, Warnings& w) : a_(a), w_(w), src_(a.body) {}

    std::string run() {
        code_ = code_lines(src_);
        site_ = site_config(a_.base_dir);
        line_starts_.push_back(0);
        for (size_t k = 0; k < src_.size(); ++k)
            if (src_[k] == '\n') line_starts_.push_back(k + 1);
        // Where each Hugo pair closes ("{{< /name >}}"), found once: looking ahead from every
        // shortcode would take the square of their number.
        for (const char* open : {"{{<", "{{%"})
            for (size_t k = 0; (k = src_.find(open, k)) != std::string::npos;) {
                size_t ke = src_.find(open[2] == '%' ? "%}}" : ">}}", k + 3);
                if (ke == std::string::npos) break;
                std::string in = trim_space(src_.substr(k + 3, ke - k - 3));
                if (!in.empty() && in[0] == '/')
                    closings_[trim_space(in.substr(1))].push_back({k, ke + 3});
                k = ke + 3;
            }
        for (auto& [name, v] : closings_)
            std::sort(v.begin(), v.end());
        std::string out;
        size_t i = 0;
        body(i, out, {});
        return out;
    }

private:
    int line_at(size_t i) const {
        auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), i);
        return a_.body_line + static_cast<int>(it - line_starts_.begin()) - 1;
    }
    bool in_code_block(size_t i) const {
        size_t l = static_cast<size_t>(line_at(i) - a_.body_line + 1);
        return l < code_.size() && code_[l];
    }
    void warn(size_t i, const std::string& what) {
        if (warned_.insert(what).second)
            w_.push_back({Errc::content, a_.source, line_at(i), 0,
                          what + " left out (said once per article)"});
    }

    // A tag from i ("{% name args %}", with Liquid's "-" trims): its name and arguments, and
    // the index after it; false when there is no end.
    bool liquid_tag(size_t i, std::string& name, std::string& args, size_t& end) const {
        size_t e = src_.find("%}", i + 2);
        if (e == std::string::npos) return false;
        std::string inner = src_.substr(i + 2, e - i - 2);
        if (!inner.empty() && inner.front() == '-') inner.erase(0, 1);
        if (!inner.empty() && inner.back() == '-') inner.pop_back();
        std::tie(name, args) = split_tag(trim_space(inner));
        end = e + 2;
        return true;
    }

    // Copies template-free text from i up to the end of a code span or code block line, taking
    // out only {% raw %} markers and Hugo's {{</* */>}} escapes.
    size_t literal(size_t i, size_t end, std::string& out) const {
        while (i < end) {
            std::string name, args;
            size_t after = 0;
            if (starts(src_, i, "{%") && liquid_tag(i, name, args, after) &&
                (name == "raw" || name == "endraw") && after <= end) {
                i = after;
            } else if (starts(src_, i, "{{</*") || starts(src_, i, "{{%/*")) {
                out += src_.substr(i, 3);
                i += 5;
                while (i < end && src_[i] == ' ')
                    ++i;
                out += ' ';
            } else if (starts(src_, i, "*/>}}") || starts(src_, i, "*/%}}")) {
                out += src_.substr(i + 2, 3);
                i += 5;
            } else {
                out += src_[i++];
            }
        }
        return i;
    }

    // The value of a Liquid variable: the page's own metadata; anything else (the site's
    // configuration, a loop's variable) is nil, as Liquid has an unknown variable.
    bool value_of(std::string expr, std::string& v) const {
        expr = trim_space(expr.substr(0, expr.find('|')));
        const Metadata& m = a_.meta;
        if (expr == "page.title")
            v = m.title;
        else if (expr == "page.subtitle")
            v = m.subtitle;
        else if (expr == "page.date")
            v = m.date;
        else if (expr == "page.description" || expr == "page.excerpt")
            v = m.description;
        else if (expr == "page.author")
            v = m.authors.empty() ? "" : m.authors[0].name;
        else if (expr == "page.lang")
            v = m.lang;
        else if (expr == "page.url" || expr == "page.permalink")
            v = m.site.permalink;
        else if (expr.rfind("site.", 0) == 0 && site_.count(expr.substr(5)))
            v = site_.at(expr.substr(5));
        else if (expr.size() >= 2 && (expr[0] == '"' || expr[0] == '\'') && expr.back() == expr[0])
            v = expr.substr(1, expr.size() - 2);
        else
            return false;
        return !v.empty();
    }

    // Liquid's truth: a condition on the page's metadata, nil (false) for everything else.
    bool truthy(const std::string& cond) const {
        // a or b, a and b: left to right, as Liquid evaluates them
        for (const char* op : {" or ", " and "}) {
            size_t k = cond.find(op);
            if (k != std::string::npos) {
                bool l = truthy(cond.substr(0, k)), r = truthy(cond.substr(k + std::strlen(op)));
                return std::string(op) == " or " ? l || r : l && r;
            }
        }
        for (const char* op : {"==", "!="}) {
            size_t k = cond.find(op);
            if (k != std::string::npos) {
                std::string a, b;
                bool ha = value_of(cond.substr(0, k), a), hb = value_of(cond.substr(k + 2), b);
                bool eq = ha == hb && a == b;
                return std::string(op) == "==" ? eq : !eq;
            }
        }
        std::string v;
        std::string c = trim_space(cond);
        if (c == "true") return true;
        return value_of(c, v);
    }

    // Skips from i to the end of the block opened before it ({% for %} ... {% endfor %}),
    // nested blocks of the same kind included: the index after the end tag. A block that never
    // ends (an error to Liquid) is only its tag: i, and a warning.
    size_t skip_block(size_t i, const std::string& open, const std::string& close) {
        int depth = 1;
        for (size_t k = i; (k = src_.find("{%", k)) != std::string::npos;) {
            std::string name, args;
            size_t after;
            if (!liquid_tag(k, name, args, after)) break;
            if (name == open) ++depth;
            if (name == close && --depth == 0) return after;
            k = after;
        }
        warn(i, "Liquid {% " + open + " %} without its {% " + close + " %} (its tag)");
        return i;
    }

    // Renders from i until one of the stop tags (at this block's depth) or the end; returns the
    // stop tag's name (empty at the end) with i after it.
    std::string body(size_t& i, std::string& out, const std::set<std::string>& stops) {
        while (i < src_.size()) {
            char c = src_[i];
            if (c == '\n' || (c != '{' && c != '`')) {
                size_t e = src_.find_first_of("{`\n", i + 1);
                if (c == '\n') e = i + 1;
                if (e == std::string::npos) e = src_.size();
                out.append(src_, i, e - i);
                i = e;
                continue;
            }
            if (in_code_block(i)) {
                size_t e = src_.find('\n', i);
                i = literal(i, e == std::string::npos ? src_.size() : e, out);
                continue;
            }
            if (c == '`') { // a code span: to the next run of as many backticks, on its line
                size_t n = 0;
                while (i + n < src_.size() && src_[i + n] == '`')
                    ++n;
                size_t eol = src_.find('\n', i);
                if (eol == std::string::npos) eol = src_.size();
                size_t close = src_.find(std::string(n, '`'), i + n);
                if (close == std::string::npos || close > eol) {
                    out.append(src_, i, n);
                    i += n;
                } else {
                    i = literal(i, close + n, out);
                }
                continue;
            }
            if (starts(src_, i, "{%")) {
                std::string name, args;
                size_t after;
                if (!liquid_tag(i, name, args, after)) {
                    out += src_[i++];
                    continue;
                }
                if (stops.count(name)) {
                    i = after;
                    return name;
                }
                size_t at = i;
                i = after;
                tag(at, name, args, i, out);
                continue;
            }
            if (starts(src_, i, "{{<") || starts(src_, i, "{{%")) {
                hugo(i, out);
                continue;
            }
            if (starts(src_, i, "{{")) {
                size_t e = src_.find("}}", i + 2);
                if (e == std::string::npos) {
                    out += src_[i++];
                    continue;
                }
                std::string expr = trim_space(src_.substr(i + 2, e - i - 2));
                if (!expr.empty() && expr.front() == '-') expr = trim_space(expr.substr(1));
                if (!expr.empty() && expr.back() == '-')
                    expr = trim_space(expr.substr(0, expr.size() - 1));
                // An unknown variable is nil, and Liquid writes nil as nothing.
                std::string v;
                if (value_of(expr, v)) out += v;
                i = e + 2;
                continue;
            }
            out += src_[i++];
        }
        return "";
    }

    // One Liquid tag, its block if it opens one.
    void tag(size_t at, const std::string& name, const std::string& args, size_t& i,
             std::string& out) {
        if (name == "raw") {
            size_t e = src_.find("{%", i), after = 0;
            for (std::string n2, a2; e != std::string::npos; e = src_.find("{%", e + 2))
                if (liquid_tag(e, n2, a2, after) && n2 == "endraw") break;
            if (e == std::string::npos) {
                warn(at, "Liquid {% raw %} without its {% endraw %} (its tag)");
                return;
            }
            out.append(src_, i, e - i);
            i = after;
        } else if (name == "comment") {
            i = skip_block(i, "comment", "endcomment");
        } else if (name == "highlight") {
            size_t start = i;
            size_t e = src_.find("{%", i);
            std::string n2, a2;
            size_t after = src_.size();
            while (e != std::string::npos) {
                if (liquid_tag(e, n2, a2, after) && n2 == "endhighlight") break;
                e = src_.find("{%", e + 2);
            }
            std::string code;
            literal(start, e == std::string::npos ? src_.size() : e, code);
            out += fence(split_tag(args).first, code);
            i = e == std::string::npos ? src_.size() : after;
        } else if (name == "link" || name == "post_url") {
            // A link to another page of the site, by its source path: resolved like any
            // other link (to an article of the same book, or left as text).
            std::string target = unquote(split_tag(args).first);
            out += name == "post_url" ? "/_posts/" + target + ".md" : "/" + target;
        } else if ((name == "if" || name == "unless") && depth_ >= max_depth) {
            warn(at, "Liquid conditions nested more than 64 deep (their tags)");
        } else if (name == "if" || name == "unless" || name == "elsif") {
            struct Deeper {
                int& d;
                Deeper(int& x) : d(++x) {}
                ~Deeper() { --d; }
            } deeper(depth_);
            bool take = truthy(args);
            if (name == "unless") take = !take;
            std::string sink;
            std::string stop = body(i, take ? out : sink, {"elsif", "else", "endif", "endunless"});
            if (take) { // the rest of the chain is skipped
                while (stop == "elsif" || stop == "else")
                    stop = body(i, sink, {"elsif", "else", "endif", "endunless"});
                return;
            }
            while (stop == "elsif") {
                std::string n2, a2;
                // body() consumed the elsif tag; its condition is before i
                size_t back = src_.rfind("{%", i - 1);
                size_t after;
                liquid_tag(back, n2, a2, after);
                if (truthy(a2)) {
                    stop = body(i, out, {"elsif", "else", "endif", "endunless"});
                    while (stop == "elsif" || stop == "else")
                        stop = body(i, sink, {"elsif", "else", "endif", "endunless"});
                    return;
                }
                stop = body(i, sink, {"elsif", "else", "endif", "endunless"});
            }
            if (stop == "else") body(i, out, {"endif", "endunless"});
        } else if (name == "for" || name == "tablerow") {
            // Over the site's posts or data, which are nil here: no iteration, as in Liquid.
            i = skip_block(i, name, "end" + name);
        } else if (name == "capture") {
            i = skip_block(i, "capture", "endcapture");
        } else if (name == "case") {
            warn(at, "Liquid {% case %}");
            i = skip_block(i, "case", "endcase");
        } else if (name == "assign" || name == "increment" || name == "decrement" ||
                   name == "cycle" || name == "break" || name == "continue") {
            // nothing to show
        } else if ((name == "include" || name == "include_relative") && include(at, args, i, out)) {
            // what the include was given to show, shown
        } else {
            // include, include_relative, seo, feed_meta and a site's own tags: they need the
            // site. A block tag's end tag ("endrender_time") is left out alone.
            if (name.rfind("end", 0) != 0)
                warn(at, "Liquid tag {% " + name + " %}, which needs the site it was written for,");
        }
    }

    // An include is the site's own template, which octavo does not run; what it was given to
    // show is what its author meant the reader to see: an image (image_path="/x.png"
    // caption="..."), or text (content="A note.", version="3.2" of a "since version" badge).
    // Returns false when it was given neither (its content needs the site).
    bool include(size_t at, const std::string& args, size_t after, std::string& out) {
        auto params = liquid_params(split_tag(args).second);
        auto quoted = [&](std::initializer_list<const char*> keys) {
            for (const char* k : keys)
                for (const auto& p : params)
                    if (p.quoted && p.key == k && !trim_space(p.value).empty())
                        return trim_space(p.value);
            return std::string();
        };
        std::string image = quoted({"image_path", "image", "img", "src", "url", "path", "file"});
        static const char* const exts[] = {".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"};
        bool is_image = false;
        for (const char* e : exts)
            is_image = is_image || (image.size() > std::strlen(e) &&
                                    lower_ascii(image.substr(image.size() - std::strlen(e))) == e);
        // Alone on its lines, it is a block; else a part of its paragraph.
        size_t line_start = src_.rfind('\n', at == 0 ? 0 : at - 1);
        line_start = line_start == std::string::npos ? 0 : line_start + 1;
        size_t line_end = src_.find('\n', after);
        bool block =
            trim_space(src_.substr(line_start, at - line_start)).empty() &&
            trim_space(src_.substr(after, line_end == std::string::npos ? std::string::npos
                                                                        : line_end - after))
                .empty();
        if (is_image) {
            std::string caption = quoted({"caption", "description", "title"});
            std::string alt = quoted({"alt", "title", "caption", "description"});
            std::string t, a;
            for (char c : caption) // nothing that would end the title early
                if (c != '"' && c != '\\' && c != '\n') t += c;
            for (char c : alt)
                if (c != '[' && c != ']' && c != '\n') a += c;
            std::string md =
                "![" + a + "](<" + image + ">" + (t.empty() ? "" : " \"" + t + "\"") + ")";
            out += block ? "\n\n" + md + "\n\n" : md;
            return true;
        }
        std::string text = quoted({"content", "text", "note", "message", "quote", "caption",
                                   "description", "title", "label", "version", "name", "alt"});
        if (text.empty()) return false;
        out += block ? "\n\n" + text + "\n\n" : text;
        return true;
    }

    // One Hugo shortcode from i ("{{< name args >}}" or "{{% name args %}}"), its content if it
    // has a closing one.
    void hugo(size_t& i, std::string& out) {
        const bool markdown = src_[i + 2] == '%';
        const char* close = markdown ? "%}}" : ">}}";
        size_t e = src_.find(close, i + 3);
        if (e == std::string::npos) {
            out += src_[i++];
            return;
        }
        std::string inner = trim_space(src_.substr(i + 3, e - i - 3));
        size_t at = i;
        i = e + 3;
        if (inner.rfind("/*", 0) == 0) { // an escaped shortcode, shown as written
            out += src_.substr(at, 3) + " " + trim_space(inner.substr(2, inner.size() - 4)) + " " +
                   close;
            return;
        }
        if (!inner.empty() && inner[0] == '/') { // the end of a pair: what closes it
            std::string name = trim_space(inner.substr(1));
            for (size_t k = open_pairs_.size(); k-- > 0;)
                if (open_pairs_[k].first == name) {
                    out += open_pairs_[k].second;
                    open_pairs_.resize(k);
                    break;
                }
            return;
        }
        auto [name, rest] = split_tag(inner);
        auto args = hugo_args(rest);
        // Where a closing shortcode of the same name follows, if one does.
        size_t close_at = std::string::npos, close_end = 0;
        if (auto c = closings_.find(name); c != closings_.end()) {
            auto it = std::lower_bound(c->second.begin(), c->second.end(),
                                       std::pair<size_t, size_t>{i, 0});
            if (it != c->second.end()) std::tie(close_at, close_end) = *it;
        }
        const bool paired = close_at != std::string::npos;
        if (name == "figure") {
            std::string src = arg(args, "src"), alt = arg(args, "alt"),
                        caption = arg(args, "caption"), title = arg(args, "title");
            if (alt.empty()) alt = !title.empty() ? title : caption;
            if (caption.empty()) caption = title;
            std::string t;
            for (char c : caption) // nothing that would end the title early
                if (c != '"' && c != '\\' && c != '\n') t += c;
            out +=
                "\n\n![" + alt + "](<" + src + ">" + (t.empty() ? "" : " \"" + t + "\"") + ")\n\n";
        } else if (name == "ref" || name == "relref") {
            out += "/" + arg(args, "0");
        } else if (name == "highlight" && paired) {
            std::string code;
            literal(i, close_at, code);
            out += fence(arg(args, "0"), code);
            i = close_end;
        } else if (name == "details" && paired) {
            std::string summary = arg(args, "summary");
            std::string sum;
            for (char c : summary.empty() ? std::string("Details") : summary)
                sum += c == '<'   ? std::string("&lt;")
                       : c == '&' ? std::string("&amp;")
                                  : std::string(1, c);
            out += "\n\n<details><summary>" + sum + "</summary>\n\n";
            open_pairs_.emplace_back(name, "\n\n</details>\n\n");
        } else if (name == "youtube") {
            std::string id = arg(args, "id").empty() ? arg(args, "0") : arg(args, "id");
            out += "<https://www.youtube.com/watch?v=" + id + ">";
        } else if (name == "vimeo") {
            std::string id = arg(args, "id").empty() ? arg(args, "0") : arg(args, "id");
            out += "<https://vimeo.com/" + id + ">";
        } else if (name == "gist") {
            out += "<https://gist.github.com/" + arg(args, "0") + "/" + arg(args, "1") + ">";
        } else if (name == "tweet" || name == "x") {
            std::string user = arg(args, "user"), id = arg(args, "id");
            if (id.empty()) id = arg(args, "0");
            out += user.empty() ? "<https://x.com/i/status/" + id + ">"
                                : "<https://x.com/" + user + "/status/" + id + ">";
        } else if (name == "param") {
            std::string v;
            if (value_of("page." + unquote(arg(args, "0")), v)) out += v;
        } else if (paired) {
            // A theme's box (note, tip, warning...): its content stays, read on as the rest is.
            warn(at, "Hugo shortcode {{< " + name + " >}} (its content kept)");
            open_pairs_.emplace_back(name, "");
        } else {
            warn(at, "Hugo shortcode {{< " + name + " >}}");
        }
    }

    const Article& a_;
    Warnings& w_;
    const std::string& src_;
    std::vector<bool> code_;
    std::set<std::string> warned_;
    std::vector<std::pair<std::string, std::string>> open_pairs_; // Hugo pairs: name, its end
    std::map<std::string, std::string> site_; // the site's _config.yml, its top-level values
    std::vector<size_t> line_starts_;
    std::map<std::string, std::vector<std::pair<size_t, size_t>>> closings_; // Hugo's, by name
    int depth_ = 0; // blocks ({% if %}) being read inside one another
};

} // namespace

std::string expand_templates(const Article& article, Warnings& warnings) {
    const std::string& b = article.body;
    if (b.find("{%") == std::string::npos && b.find("{{") == std::string::npos) return b;
    return Expander(article, warnings).run();
}

} // namespace octavo
