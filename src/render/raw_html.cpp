// Raw HTML in an article: made safe by the sanitizer (render/html.cpp) with the renderer's own
// rules for links, images and ids, and its open elements kept across cmark's nodes. CommonMark
// gives an HTML block whole ("<table>...</table>", "<div class=note>" alone before Markdown)
// and inline HTML one tag at a time ("<sup>", text, "</sup>").
#include <cmark-gfm.h>

#include <cctype>

#include "core/text.hpp"
#include "core/url.hpp"
#include "render/renderer.hpp"

namespace octavo {
namespace {

bool is_comment(const std::string& s) {
    return s.rfind("<!--", 0) == 0 && s.size() >= 7 && s.compare(s.size() - 3, 3, "-->") == 0;
}

// The most raw HTML elements left open at once: more are written and closed at once.
constexpr size_t max_open_html = 32;

} // namespace

HtmlHooks Renderer::html_hooks(cmark_node* n) {
    HtmlHooks h;
    h.link = [this, n](pugi::xml_node a, const std::string& href) {
        pugi::xml_node saved = cur_;
        cur_ = a;
        set_href(n, href);
        cur_ = saved;
    };
    h.image = [this, n](const std::string& src) -> std::string {
        std::string scheme;
        if (has_scheme(src, scheme) && scheme != "data" &&
            !(fetches_images() && !web_image(src).empty())) {
            if (scheme == "http" || scheme == "https")
                count_unfetched(n, src, "its alt text is kept");
            else
                warn(n, "remote image '" + src.substr(0, 60) +
                            "' in raw HTML is not fetched: its alt text is kept");
            return "";
        }
        auto name = pack_image(n, src);
        if (!name && overwrites_input_ && !fatal_) fatal_ = name.error(); // as in Markdown
        if (!name) { // a missing image in raw HTML costs its picture, not the article
            w_.push_back(name.error());
            return "";
        }
        ++r_.features.images;
        return relative_href(o_.doc_path, *name);
    };
    h.id = [this](const std::string& id) {
        std::string unique = unique_id(id);
        anchors_.emplace(id, unique);
        return unique;
    };
    h.heading_level = [this](int level) { return heading_level(level); };
    h.dropped = [this, n](const std::string& kind) {
        if (html_warned_.insert(kind).second)
            warn(n, "raw HTML: " + kind + " left out of the book (said once per article)");
    };
    return h;
}

void Renderer::raw_html(cmark_node* n, const std::string& html, HtmlContext context) {
    std::string tag, dropped;
    pugi::xml_node open = append_html(html, cur_, context, html_hooks(n), &tag, &dropped);
    if (!dropped.empty() && context == HtmlContext::phrasing) {
        swallow_until_ = dropped;
        swallow_depth_ = stack_.size();
    }
    if (!open) return;
    if (open_html_.size() >= max_open_html) {
        html_hooks(n).dropped("more than 32 elements open at once (closed early)");
        return;
    }
    open_html_.push_back({open, cur_, tag, stack_.size()});
    cur_ = open;
}

// Closes the innermost element open at this depth that an end tag of this name ends.
bool Renderer::close_html(const std::string& name) {
    for (size_t i = open_html_.size(); i-- > 0;) {
        if (open_html_[i].depth != stack_.size()) break;
        if (open_html_[i].name != name) continue;
        cur_ = open_html_[i].parent;
        for (size_t k = open_html_.size(); k-- > i;)
            finish_html_element(open_html_[k].element);
        open_html_.resize(i);
        return true;
    }
    return false;
}

// The container that held the elements opened at this depth and deeper has ended: so have they.
void Renderer::close_html_from(size_t depth) {
    while (!open_html_.empty() && open_html_.back().depth >= depth) {
        finish_html_element(open_html_.back().element);
        open_html_.pop_back();
    }
}

// True when n is part of inline raw HTML left out with its content, and so not rendered.
bool Renderer::swallowing(cmark_node* n, cmark_event_type ev) {
    if (swallow_until_.empty()) return false;
    if (n == swallowed_) { // the end of a container skipped whole
        swallowed_ = nullptr;
        return true;
    }
    if (ev == CMARK_EVENT_EXIT && stack_.size() <= swallow_depth_) { // its container ends
        swallow_until_.clear();
        return false;
    }
    auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_HTML_INLINE && end_tag_name(cmark_node_get_literal(n)) == swallow_until_)
        swallow_until_.clear();
    else if (ev == CMARK_EVENT_ENTER && type != CMARK_NODE_TEXT && type != CMARK_NODE_CODE &&
             type != CMARK_NODE_HTML_INLINE && type != CMARK_NODE_SOFTBREAK &&
             type != CMARK_NODE_LINEBREAK) {
        swallowed_ = n; // an inline container: skipped with its children
        skip_children_ = true;
    }
    return true;
}

void Renderer::html_block(cmark_node* n) {
    std::string html = trim_space(cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "");
    if (is_comment(html)) return;
    // End tags first ("</div>" after the Markdown a "<div>" held), then what follows them.
    size_t len = 0;
    for (std::string name; !(name = end_tag_name(html, &len)).empty();) {
        close_html(name);
        html = trim_space(html.substr(len));
    }
    if (!html.empty()) raw_html(n, html, HtmlContext::flow);
}

void Renderer::html_inline(cmark_node* n) {
    std::string html = cmark_node_get_literal(n) ? cmark_node_get_literal(n) : "";
    if (html.rfind("<!--", 0) == 0) return;
    if (std::string name = end_tag_name(html); !name.empty()) {
        close_html(name);
        return;
    }
    raw_html(n, html, HtmlContext::phrasing);
}

} // namespace octavo
