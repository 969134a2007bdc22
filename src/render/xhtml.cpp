#include "render/xhtml.hpp"

#include <cmark-gfm.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cstring>
#include <memory>

#include "core/limits.hpp"
#include "core/text.hpp"
#include "core/words.hpp"
#include "render/renderer.hpp"
#include "render/rewrite.hpp"
#include "render/typography.hpp"

namespace octavo {
namespace {

// The nodes cmark's iterator gives no EXIT event.
bool is_leaf(cmark_node_type type) {
    return type == CMARK_NODE_TEXT || type == CMARK_NODE_SOFTBREAK ||
           type == CMARK_NODE_LINEBREAK || type == CMARK_NODE_CODE ||
           type == CMARK_NODE_HTML_INLINE || type == CMARK_NODE_CODE_BLOCK ||
           type == CMARK_NODE_HTML_BLOCK || type == CMARK_NODE_THEMATIC_BREAK;
}

} // namespace

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
        const Words& words = words_for(r_.lang);
        if (*words.by) p.append_child(pugi::node_pcdata).set_value(words.by);
        for (size_t i = 0; i < authors.size(); ++i) {
            if (i > 0) {
                const char* sep = (i + 1 == authors.size()) ? words.last_and : ", ";
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

Status Renderer::render_body(pugi::xml_node parent) {
    cmark_node* doc = b_.doc.get();
    drop_title_heading(doc, parent);
    if (QuoteStyle qs = quote_style(r_.lang); b_.smart_quotes && qs != QuoteStyle::english)
        localize_punctuation(doc, qs);
    return walk(doc, parent);
}

// Drops a first heading that repeats the title (heading_level makes the others h2 and below).
// Its note references go to the title in the header: their notes would lead back to nothing
// (epubcheck: RSC-012, fragment identifier not defined).
void Renderer::drop_title_heading(cmark_node* doc, pugi::xml_node section) {
    cmark_node* first = cmark_node_first_child(doc);
    if (first && cmark_node_get_type(first) == CMARK_NODE_HEADING &&
        cmark_node_get_heading_level(first) == 1 && plain_text(first) == a_.meta.title) {
        noterefs_in(first, section.child("header").child("h1"));
        cmark_node_free(first);
    }
}

Status Renderer::walk(cmark_node* doc, pugi::xml_node parent) {
    cur_ = parent;
    std::unique_ptr<cmark_iter, void (*)(cmark_iter*)> it(cmark_iter_new(doc), cmark_iter_free);
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        if (auto st = render_node(n, ev); !st) return st;
        if (skip_children_) {
            // Straight to the node's end, rendered here: the iterator goes on after it.
            skip_children_ = false;
            cmark_iter_reset(it.get(), n, CMARK_EVENT_EXIT);
            if (auto st = render_node(n, CMARK_EVENT_EXIT); !st) return st;
        }
    }
    return {};
}

// One node's ENTER or EXIT event, as cmark's own renderers take them: an open container's
// element is filled until its EXIT goes back to the element it was entered in.
Status Renderer::render_node(cmark_node* n, cmark_event_type ev) {
    const auto type = cmark_node_get_type(n);
    if (type == CMARK_NODE_DOCUMENT || swallowing(n, ev)) return {};
    const bool entering = ev == CMARK_EVENT_ENTER;
    if (entering && !is_leaf(type)) {
        stack_.push_back(cur_);
        // An image's children (its alt text) are never entered: it nests nothing.
        if (type != CMARK_NODE_IMAGE && stack_.size() > max_nesting)
            return Error{Errc::content, a_.source, line_of(n), 0,
                         "content nested more than " + std::to_string(max_nesting) +
                             " levels deep (block quotes, lists or emphasis); e-readers "
                             "cannot lay that out"};
    }
    Status st;
    switch (type) {
    case CMARK_NODE_BLOCK_QUOTE:
        if (entering) block_quote(n);
        break;
    case CMARK_NODE_LIST:
        if (entering) list(n);
        break;
    case CMARK_NODE_ITEM:
        if (entering) open("li");
        break;
    case CMARK_NODE_CODE_BLOCK:
        code_block(n);
        break;
    case CMARK_NODE_HTML_BLOCK:
        html_block(n);
        break;
    case CMARK_NODE_PARAGRAPH:
        if (entering) paragraph(n);
        break;
    case CMARK_NODE_HEADING:
        if (entering) heading(n);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        cur_.append_child("hr");
        break;
    case CMARK_NODE_FOOTNOTE_DEFINITION:
        // The notes go after the article, outside any element its raw HTML left open.
        if (entering && !open_html_.empty() && open_html_.front().depth + 1 == stack_.size()) {
            stack_.back() = cur_ = open_html_.front().parent;
            close_html_from(0);
        }
        if (entering)
            footnote_definition();
        else
            footnote_definition_end();
        break;
    case CMARK_NODE_TEXT:
        cur_.append_child(pugi::node_pcdata).set_value(cmark_node_get_literal(n));
        break;
    case CMARK_NODE_SOFTBREAK:
        cur_.append_child(pugi::node_pcdata).set_value(" ");
        break;
    case CMARK_NODE_LINEBREAK:
        cur_.append_child("br");
        break;
    case CMARK_NODE_CODE:
        cur_.append_child("code").text() = cmark_node_get_literal(n);
        break;
    case CMARK_NODE_HTML_INLINE:
        html_inline(n);
        break;
    case CMARK_NODE_EMPH:
        if (entering) open("em");
        break;
    case CMARK_NODE_STRONG:
        if (entering) open("strong");
        break;
    case CMARK_NODE_LINK:
        if (entering) link(n);
        break;
    case CMARK_NODE_IMAGE:
        if (entering) {
            st = image(n);
            skip_children_ = true;
        }
        break;
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        if (entering) noteref(n, cur_);
        break;
    default:
        if (entering) extension_node(n);
        break;
    }
    if (!entering && !stack_.empty()) {
        // A paragraph of nothing but raw HTML left out: no empty paragraph.
        if (type == CMARK_NODE_PARAGRAPH && std::strcmp(cur_.name(), "p") == 0 &&
            !cur_.first_child() && !cur_.first_attribute())
            cur_.parent().remove_child(cur_);
        cur_ = stack_.back();
        stack_.pop_back();
        close_html_from(stack_.size() + 1);
    }
    return st;
}

void Renderer::resolve_fragments() {
    for (auto& [node, frag, line] : fragment_links_) {
        if (std::string(node.name()) != "a") continue; // raw HTML's link with nothing to read
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
    if (auto st = render_body(section); !st) return st.error;
    if (fatal_) return *fatal_;
    warn_unfetched();
    close_html_from(0);
    resolve_fragments();
    std::map<std::string, std::string> where;
    r_.docs = split_document(doc, o_.doc_path, o_.max_doc_bytes,
                             o_.split_at ? &*o_.split_at : nullptr, &r_.split_at, &where);
    check_sizes();
    place_targets(where);
    return std::move(r_);
}

// Paragraphs are cut to fit; a longer block of another kind (a code block, a table, a list, a
// block quote, the notes), or an element inside a paragraph, is not: its document stays larger.
void Renderer::check_sizes() const {
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
}

// The contents' entries and the anchors other articles link to, in the part that holds them.
void Renderer::place_targets(const std::map<std::string, std::string>& where) {
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
}

Result<RenderedArticle> render_article(const Article& article, const RenderOptions& options,
                                       Warnings& warnings) {
    auto body = read_body(article, warnings);
    if (!body) return body.error();
    return render_body(article, *body, options, warnings);
}

Result<RenderedArticle> render_body(const Article& article, Body& body,
                                    const RenderOptions& options, Warnings& warnings) {
    return Renderer(article, body, options, warnings).run();
}

} // namespace octavo
