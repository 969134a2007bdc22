// The article renderer behind render_article (private to src/render): the body's cmark-gfm tree
// (read/body.hpp), walked once, becomes the XHTML of the article's section. xhtml.cpp renders the
// article and walks the tree; nodes.cpp renders each kind of node.
#pragma once

#include <cmark-gfm.h>
#include <pugixml.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "assets/image.hpp"
#include "assets/loader.hpp"
#include "read/body.hpp"
#include "render/html.hpp"
#include "render/xhtml.hpp"

namespace octavo {

/// What a node may hold that a reader sees but its plain text (plain_text) leaves out.
enum Seen {
    seen_notes = 1,    ///< a note reference: its number
    seen_raw_html = 2, ///< raw HTML, shown as text (an HTML comment is dropped)
    seen_images = 4,   ///< an image (one without alt text is seen, yet has no text)
};
/// True when n holds one of kinds (Seen values).
bool shows_more_than_text(cmark_node* n, int kinds);

/// The path from a package document to a package file: "text/a.xhtml", "css/x.css" ->
/// "../css/x.css".
std::string relative_href(const std::string& from_doc, const std::string& to);

class Renderer {
public:
    Renderer(const Article& a, Body& b, const RenderOptions& o, Warnings& w)
        : a_(a), b_(b), o_(o), w_(w), files_(o.output_file) {}

    Result<RenderedArticle> run();

private:
    int line_of(cmark_node* n) const { return octavo::line_of(b_, a_, n); }
    void warn(cmark_node* n, const std::string& msg) {
        w_.push_back({Errc::content, a_.source, n ? line_of(n) : 0, 0, msg});
    }
    std::string unique_id(const std::string& base) {
        std::string id = base;
        for (int k = 2; !ids_.insert(id).second; ++k)
            id = base + "-" + std::to_string(k);
        return id;
    }

    // xhtml.cpp: the article.
    void header(pugi::xml_node parent);
    Status render_body(pugi::xml_node parent);
    void drop_title_heading(cmark_node* doc, pugi::xml_node section);
    Status walk(cmark_node* doc, pugi::xml_node parent);
    Status render_node(cmark_node* n, cmark_event_type ev);
    void resolve_fragments();
    void check_sizes() const;
    void place_targets(const std::map<std::string, std::string>& where);

    // nodes.cpp: one kind of node each, on ENTER unless named for its end.
    void open(const char* name) { cur_ = cur_.append_child(name); }
    void block_quote(cmark_node* n);
    void list(cmark_node* n);
    void code_block(cmark_node* n);
    void paragraph(cmark_node* n);
    void heading(cmark_node* n);
    int heading_level(int markdown_level);
    void footnote_definition();
    void footnote_definition_end();
    void link(cmark_node* n);
    void set_href(cmark_node* n, const std::string& url);
    void local_link(cmark_node* n, const std::string& url);
    Status image(cmark_node* n);
    void remote_image(cmark_node* n, const std::string& url, const std::string& scheme);
    Result<std::string> pack_image(cmark_node* n, const std::string& url);
    Result<std::string> pack_data_image(cmark_node* n, const std::string& url);
    Result<std::string> add_image(cmark_node* n, const std::string& url, BookImage img,
                                  const std::string& rel, const std::string& root);
    std::string web_image(const std::string& url) const;
    bool fetches_images() const { return !a_.base_url.empty() || o_.fetch_images; }
    void count_unfetched(cmark_node* n, const std::string& url, const char* kept_as);
    void warn_unfetched();
    std::vector<std::pair<std::string, std::string>> image_candidates(const std::string& url,
                                                                      std::string& problem);
    void extension_node(cmark_node* n);
    void table_cell(cmark_node* n);
    void fenced_div(cmark_node* n);
    void noteref(cmark_node* n, pugi::xml_node cur);
    void noterefs_in(cmark_node* node, pugi::xml_node cur);

    // raw_html.cpp: raw HTML, through the sanitizer (render/html.hpp). An element it opens and
    // does not close takes what follows, up to its end tag or the end of the container the tag
    // is in.
    void html_block(cmark_node* n);
    void html_inline(cmark_node* n);
    void raw_html(cmark_node* n, const std::string& html, HtmlContext context);
    bool close_html(const std::string& name);
    void close_html_from(size_t depth);
    HtmlHooks html_hooks(cmark_node* n);

    const Article& a_;
    Body& b_;
    const RenderOptions& o_;
    Warnings& w_;
    FileLoader files_; // the images' files, unless o_.assets
    RenderedArticle r_;
    std::set<std::string> ids_;
    std::map<std::string, std::string> anchors_; // slug or user id -> id in the document
    struct FragmentLink {
        pugi::xml_node node;
        std::string fragment;
        int line;
    };
    std::vector<FragmentLink> fragment_links_;
    int notes_defined_ = 0;
    std::map<int, int> note_refs_;                   // note number -> references so far
    std::map<std::string, std::string> image_paths_; // real source path -> package path
    std::string image_key_;                          // the identity of the image being packed
    std::string site_root_;                          // o_.site_root, or the one found
    bool site_root_found_ = false;
    bool overwrites_input_ = false; // the image pack_image refused is the book's own file
    // Remote images not fetched (no --fetch-images): told in one warning, at the first's line.
    struct {
        int count = 0, line = 0;
        std::string first;
        const char* kept_as = "";
    } unfetched_;
    std::optional<Error> fatal_; // what refuses the article, found where no Status is returned
    pugi::xml_node notes_section_;
    // The headings a new one can go under: (Markdown level, level in the book), outermost first.
    std::vector<std::pair<int, int>> open_headings_;
    // While walking: the element being filled, and those to go back to when each open container
    // ends (a leaf has no EXIT event).
    pugi::xml_node cur_;
    std::vector<pugi::xml_node> stack_;
    bool skip_children_ = false; // set on ENTER: the node's children are not rendered
    struct OpenHtml {
        pugi::xml_node element, parent; // the element raw HTML left open, and where it is
        std::string name;               // its end tag's name
        size_t depth;                   // stack_'s size when it was opened
    };
    std::vector<OpenHtml> open_html_;
    std::set<std::string> html_warned_; // the kinds of raw HTML left out so far
    // Inline raw HTML left out with its content ("<svg>" ... "</svg>"): the end tag that ends
    // it, stack_'s size where it began, and a container skipped inside it.
    std::string swallow_until_;
    size_t swallow_depth_ = 0;
    cmark_node* swallowed_ = nullptr;
    bool swallowing(cmark_node* n, cmark_event_type ev);
    std::string title_id_;
};

} // namespace octavo
