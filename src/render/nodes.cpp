#include "render/renderer.hpp"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <pugixml.hpp>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "assets/image.hpp"
#include "assets/loader.hpp"
#include "core/language.hpp"
#include "core/limits.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "core/words.hpp"

namespace octavo {
namespace {

// An image's URL as messages give it: a data: URI by its start only.
std::string shown_url(const std::string& url) {
    std::string scheme;
    if (url.size() > 60 && has_scheme(url, scheme) && scheme == "data")
        return url.substr(0, std::min(url.find(','), size_t{40}) + 1) + "\xE2\x80\xA6";
    return url;
}

const char* extension_for(const std::string& media_type) {
    if (media_type == "image/jpeg") return ".jpg";
    if (media_type == "image/png") return ".png";
    if (media_type == "image/gif") return ".gif";
    return ".svg";
}

bool is_type(cmark_node* n, const char* name) {
    const char* t = cmark_node_get_type_string(n);
    return t && std::strcmp(t, name) == 0;
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

// The outermost <a> that node is in (node itself included), or an empty node.
pugi::xml_node enclosing_link(pugi::xml_node node) {
    pugi::xml_node link;
    for (; node.type() == pugi::node_element; node = node.parent())
        if (std::strcmp(node.name(), "a") == 0) link = node;
    return link;
}

} // namespace

std::string relative_href(const std::string& from_doc, const std::string& to) {
    std::string prefix;
    for (char c : from_doc)
        if (c == '/') prefix += "../";
    return prefix + to;
}

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

void Renderer::block_quote(cmark_node* n) {
    if (auto alert = b_.alerts.find(n); alert != b_.alerts.end()) {
        // GitHub's alert: an aside labelled in the article's language (role note: not a
        // landmark, as a complementary aside would be).
        open("aside");
        cur_.append_attribute("class") = ("alert " + alert->second).c_str();
        cur_.append_attribute("role") = "note";
        auto title = cur_.append_child("p");
        title.append_attribute("class") = "alert-title";
        title.text() = alert_title(words_for(r_.lang), alert->second);
        return;
    }
    if (!b_.pullquotes.count(n)) {
        open("blockquote");
        return;
    }
    open("aside");
    cur_.append_attribute("epub:type") = "pullquote";
    cur_.append_attribute("role") = "doc-pullquote";
    cur_.append_attribute("class") = "pullquote";
}

void Renderer::list(cmark_node* n) {
    bool ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
    open(ordered ? "ol" : "ul");
    int start = cmark_node_get_list_start(n);
    if (ordered && start != 1) cur_.append_attribute("start") = start;
}

void Renderer::code_block(cmark_node* n) {
    auto pre = cur_.append_child("pre");
    if (r_.rtl) pre.append_attribute("dir") = "ltr"; // code reads left to right
    auto code = pre.append_child("code");
    const char* info = cmark_node_get_fence_info(n);
    if (info && *info) {
        std::string lang = slugify(std::string(info).substr(0, std::string(info).find(' ')));
        code.append_attribute("class") = ("language-" + lang).c_str();
    }
    code.text() = cmark_node_get_literal(n);
}

void Renderer::paragraph(cmark_node* n) {
    cmark_node* parent = cmark_node_parent(n);
    cmark_node* grand = parent ? cmark_node_parent(parent) : nullptr;
    if (parent && cmark_node_get_type(parent) == CMARK_NODE_ITEM && grand &&
        cmark_node_get_list_tight(grand))
        return; // tight list: the text goes straight into the li
    if (parent && b_.tight_definitions.count(parent)) return; // the same in a dd
    open(is_figure(n) ? "figure" : "p");
}

void Renderer::heading(cmark_node* n) {
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
            return;
        }
        warn(n, "heading with no text kept as a paragraph, out of the table of contents");
        open("p");
        return;
    }
    int level = heading_level(cmark_node_get_heading_level(n));
    std::string name = "h" + std::to_string(level);
    open(name.c_str());
    // An id given as pandoc's {#id} is the heading's; links find it by that name too.
    auto given = b_.heading_ids.find(n);
    const std::string text_slug = slugify(title);
    const std::string& slug = given != b_.heading_ids.end() ? given->second : text_slug;
    // Note ids (PREFIX-fnN, PREFIX-fnrefN) are made without unique_id: keep headings apart.
    bool note_like = slug.size() > 2 && slug.compare(0, 2, "fn") == 0 &&
                     slug.find_first_not_of("0123456789", slug.rfind("fnref", 0) == 0 ? 5 : 2) ==
                         std::string::npos;
    std::string id = unique_id(o_.id_prefix + "-" + (note_like ? "h-" : "") + slug);
    if (given != b_.heading_ids.end()) anchors_.emplace(given->second, id);
    // A title with no ASCII letter or digit ("مقدمة", "?") has no slug: a link finds it by
    // its text instead, never by the "section" slugify falls back to.
    if (has_slug(title))
        anchors_.emplace(text_slug, id);
    else
        anchors_.emplace(title, id);
    cur_.append_attribute("id") = id.c_str();
    r_.toc.push_back({title, o_.doc_path + "#" + id, level});
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

void Renderer::footnote_definition() {
    if (!notes_section_) {
        notes_section_ = cur_.append_child("section");
        notes_section_.append_attribute("epub:type") = "endnotes";
        notes_section_.append_attribute("role") = "doc-endnotes";
        notes_section_.append_attribute("class") = "notes";
        std::string hid = unique_id(o_.id_prefix + "-notes");
        notes_section_.append_attribute("aria-labelledby") = hid.c_str();
        auto h = notes_section_.append_child("h2");
        h.append_attribute("id") = hid.c_str();
        h.text() = words_for(r_.lang).notes;
        r_.features.notes = true;
    }
    // cmark-gfm moves definitions to the end, ordered by first reference, and numbers the
    // references itself (their literal is that number): the k-th definition is note k.
    int num = ++notes_defined_;
    std::string num_s = std::to_string(num);
    cur_ = notes_section_.append_child("aside");
    cur_.append_attribute("id") = (o_.id_prefix + "-fn" + num_s).c_str();
    cur_.append_attribute("epub:type") = "footnote";
    cur_.append_attribute("role") = "doc-footnote";
    // The back link goes first in the note's first paragraph (footnote_definition_end).
}

// Number and back link at the start of the note's first paragraph.
void Renderer::footnote_definition_end() {
    if (cur_.name() != std::string("aside")) return;
    std::string id = cur_.attribute("id").value();
    std::string num = id.substr(id.rfind("-fn") + 3);
    pugi::xml_node p = cur_.first_child();
    if (!p || p.name() != std::string("p")) p = cur_.prepend_child("p");
    auto back = p.prepend_child("a");
    back.append_attribute("href") = ("#" + o_.id_prefix + "-fnref" + num).c_str();
    back.append_attribute("role") = "doc-backlink";
    back.append_attribute("class") = "backlink";
    back.text() = (num + ".").c_str();
    p.insert_child_after(pugi::node_pcdata, back).set_value(" ");
}

void Renderer::link(cmark_node* n) {
    std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
    // Inside a link already (raw HTML's <a> whose text is a URL cmark autolinks): its text only,
    // since XHTML allows no link in a link.
    for (pugi::xml_node p = cur_; p; p = p.parent())
        if (std::strcmp(p.name(), "a") == 0) {
            open("span");
            return;
        }
    open("a");
    // A link with no text (spaces, an image without alt text; its notes go after it) has no
    // name for a screen reader (Ace: link-name): unwrapped.
    if (is_blank_text(plain_text(n)) && !shows_more_than_text(n, seen_raw_html)) {
        warn(n, "link to '" + url.substr(0, 60) + "' removed: it has no text");
        cur_.set_name("span");
        return;
    }
    set_href(n, url);
    const char* title = cmark_node_get_title(n);
    if (cur_.name() == std::string("a") && title && *title) cur_.append_attribute("title") = title;
}

// The href of the link being filled (cur_), or cur_ made a span with a warning: the schemes a
// book may link to, a fragment of the article (resolved at its end), another article.
void Renderer::set_href(cmark_node* n, const std::string& url) {
    std::string scheme;
    if (has_scheme(url, scheme)) {
        std::string problem;
        if (scheme == "http" || scheme == "https" || scheme == "mailto" || scheme == "ftp" ||
            scheme == "tel") {
            std::string href = link_href(url, scheme, problem);
            if (!href.empty()) {
                cur_.append_attribute("href") = href.c_str();
            } else {
                warn(n, "link to '" + url.substr(0, 60) + "' removed: " + problem);
                cur_.set_name("span");
            }
        } else {
            warn(n, "link to '" + url.substr(0, 60) + "' removed: " + scheme +
                        ": links are not allowed in a book");
            cur_.set_name("span");
        }
    } else if (!url.empty() && url[0] == '#') {
        fragment_links_.push_back({cur_, url.substr(1), line_of(n)});
    } else {
        local_link(n, url);
    }
}

// A link to another file: to another article of the book when resolve_link knows it.
void Renderer::local_link(cmark_node* n, const std::string& url) {
    std::string problem = "it points outside the book";
    std::string target = o_.resolve_link && !url.empty() ? o_.resolve_link(url, problem) : "";
    if (std::string scheme; has_scheme(target, scheme)) { // a page of the site, on the web
        std::string href = link_href(target, scheme, problem);
        if (!href.empty()) {
            cur_.append_attribute("href") = href.c_str();
            return;
        }
        target.clear();
    }
    if (!target.empty()) {
        std::string dir(folder_part(o_.doc_path));
        cur_.append_attribute("href") = target.compare(0, dir.size(), dir) == 0
                                            ? target.substr(dir.size()).c_str()
                                            : relative_href(o_.doc_path, target).c_str();
        return;
    }
    if (!a_.base_url.empty() && !url.empty()) { // a fetched page's link: to the web
        std::string full = resolve_url(a_.base_url, url), scheme;
        if (has_scheme(full, scheme) && (scheme == "http" || scheme == "https")) {
            std::string href = link_href(full, scheme, problem);
            if (!href.empty()) {
                cur_.append_attribute("href") = href.c_str();
                return;
            }
        }
    }
    Warnings& lw = o_.resolve_link && o_.link_warnings ? *o_.link_warnings : w_;
    if (!problem.empty()) // empty: the resolver already reported it
        lw.push_back({Errc::content, a_.source, line_of(n), 0,
                      "link to '" + url.substr(0, 60) + "' removed: " + problem});
    cur_.set_name("span");
}

Status Renderer::image(cmark_node* n) {
    std::string url = cmark_node_get_url(n) ? cmark_node_get_url(n) : "";
    std::string scheme;
    if (has_scheme(url, scheme) && scheme != "data" &&
        !(fetches_images() && !web_image(url).empty())) {
        remote_image(n, url, scheme);
        return {};
    }
    auto name = pack_image(n, url);
    if (!name && overwrites_input_) return name.error(); // the book would destroy the image
    if (!name) {
        // A missing or refused image never refuses the article: its alt text stands in for it.
        std::string alt = plain_text(n);
        warn(n, name.error().message + (alt.empty() ? "; left out" : "; its alt text is kept"));
        if (!alt.empty()) cur_.append_child(pugi::node_pcdata).set_value(alt.c_str());
        noterefs_in(n, cur_);
        return {};
    }
    std::string alt = plain_text(n);
    auto img = cur_.append_child("img");
    img.append_attribute("src") = relative_href(o_.doc_path, *name).c_str();
    img.append_attribute("alt") = alt.c_str();
    noterefs_in(n, cur_);
    const char* title = cmark_node_get_title(n);
    if (cur_.name() == std::string("figure") && title && *title) {
        cur_.append_child("figcaption").text() = title;
    }
    ++r_.features.images;
    if (alt.empty()) {
        ++r_.features.images_without_alt;
        warn(n, "image '" + shown_url(url) + "' has no alt text");
    }
    return {};
}

// The absolute web URL of an image: its own (http, https), or, in a fetched article, its path
// resolved against the article's URL; "" for a local image or another scheme.
std::string Renderer::web_image(const std::string& url) const {
    std::string scheme, full = url;
    if (!has_scheme(url, scheme)) {
        if (a_.base_url.empty() || url.empty()) return {};
        full = resolve_url(a_.base_url, url);
        if (!has_scheme(full, scheme)) return {};
    }
    if (scheme != "http" && scheme != "https") return {};
    std::string problem;
    return link_href(full, scheme, problem);
}

// A remote image left as a link: counted, and told once per article (warn_unfetched).
void Renderer::count_unfetched(cmark_node* n, const std::string& url, const char* kept_as) {
    if (unfetched_.count++ == 0) {
        unfetched_.line = line_of(n);
        unfetched_.first = url.substr(0, 60);
        unfetched_.kept_as = kept_as;
    }
}

void Renderer::warn_unfetched() {
    if (unfetched_.count == 0) return;
    std::string msg = unfetched_.count == 1
                          ? "remote image '" + unfetched_.first + "' is not fetched; " +
                                unfetched_.kept_as + " (--fetch-images fetches it)"
                          : std::to_string(unfetched_.count) +
                                " remote images are not fetched, the first '" + unfetched_.first +
                                "': kept as links or their alt text (--fetch-images fetches them)";
    w_.push_back({Errc::content, a_.source, unfetched_.line, 0, msg});
}

// Remote images are fetched only when asked (fetches_images): otherwise a link to them is kept.
void Renderer::remote_image(cmark_node* n, const std::string& url, const std::string& scheme) {
    std::string alt = plain_text(n);
    std::string problem, href;
    if (scheme == "http" || scheme == "https") href = link_href(url, scheme, problem);
    bool in_link = !enclosing_link(cur_).empty(); // an <a> cannot hold another
    if (!href.empty())
        count_unfetched(n, url, in_link ? "kept as text in the link around it" : "kept as a link");
    else
        warn(n, "remote image '" + url.substr(0, 60) + "' is not fetched; " +
                    (!problem.empty() ? "link removed: " + problem : "kept as text"));
    if (in_link) href.clear();
    auto a = cur_.append_child(href.empty() ? "span" : "a");
    if (!href.empty()) a.append_attribute("href") = href.c_str();
    a.text() = (alt.empty() ? url : alt).c_str();
    noterefs_in(n, cur_);
}

// Where an image's path may lead: the article's folder, the resource path (pandoc's
// --resource-path: relative paths are tried against each folder) and the site's root (site-absolute
// paths, and relative ones that climb out of the article's folder but stay in the site), each
// also through links only to what stays inside it.
std::vector<std::pair<std::string, std::string>> Renderer::image_candidates(const std::string& url,
                                                                            std::string& problem) {
    std::vector<std::pair<std::string, std::string>> out; // (root, path relative to it)
    if (!site_root_found_) {
        site_root_found_ = true;
        site_root_ = !o_.site_root.empty() ? o_.site_root
                     : a_.base_dir.empty() ? std::string()
                                           : find_site_root(a_.base_dir);
    }
    if (url[0] == '/') {
        std::string rel = url.substr(1);
        if (site_root_.empty()) {
            problem = "image path '" + url +
                      "' is site-absolute, and no site root was found above the article (a "
                      "folder with _config.yml, hugo.toml or .git); give it with --site-root";
            return out;
        }
        if (leaves_folder(rel)) {
            problem = "image path '" + url + "' leaves the site's root";
            return out;
        }
        out.emplace_back(site_root_, rel);
        for (const auto& dir : o_.resource_path)
            out.emplace_back(dir, rel);
        return out;
    }
    if (!leaves_folder(url)) {
        out.emplace_back(a_.base_dir, url);
        for (const auto& dir : o_.resource_path)
            out.emplace_back(dir, url);
        return out;
    }
    // "../../images/x.png": allowed where it stays in the site's root or a resource folder.
    std::string full = absolute_path((a_.base_dir.empty() ? "." : a_.base_dir) + "/" + url);
    std::vector<std::string> roots = o_.resource_path;
    if (!site_root_.empty()) roots.insert(roots.begin(), site_root_);
    for (const auto& root : roots) {
        std::string r = absolute_path(root);
        if (r != "/" && full.compare(0, r.size() + 1, r + "/") == 0)
            out.emplace_back(root, full.substr(r.size() + 1));
    }
    if (out.empty())
        problem = "image path '" + url + "' leaves the article's folder" +
                  (roots.empty() ? "" : ", the site's root and the resource path");
    return out;
}

Result<std::string> Renderer::pack_image(cmark_node* n, const std::string& url) {
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, a_.source, line_of(n), 0, msg};
    };
    overwrites_input_ = false;
    if (url.empty()) return fail("image without a path");
    std::string scheme;
    if (has_scheme(url, scheme) && scheme == "data") return pack_data_image(n, url);
    // On the web (fetched through the loader, never a local file) or a file under the path policy.
    std::string web = fetches_images() ? web_image(url) : std::string();
    std::vector<std::pair<std::string, std::string>> candidates;
    if (!web.empty()) {
        candidates.emplace_back("", web);
    } else {
        if (url.compare(0, 2, "//") == 0)
            return fail("image path '" + url +
                        "' is a network path; remote images are not fetched");
        if (!a_.base_url.empty()) return fail("image path '" + url + "' is not a web URL");
        std::string problem;
        candidates = image_candidates(url, problem);
        if (candidates.empty()) return fail(problem);
    }
    const AssetLoader& assets = o_.assets ? *o_.assets : files_;
    LoadedFile file;
    std::string first_error, found_rel, found_root;
    for (const auto& [root, rel] : candidates) {
        // The same file under several spellings (./a.png, sub/../a.png) is packed once.
        std::string key = assets.identity(rel, root);
        if (auto it = image_paths_.find(key); it != image_paths_.end()) return it->second;
        file = assets.load(rel, root, Reach::inside);
        if (file.problem == LoadedFile::unreadable) {
            if (first_error.empty()) first_error = file.error;
            continue; // the next folder may have it
        }
        if (file.problem == LoadedFile::outside)
            return fail("image path '" + url + "' leads outside " +
                        (root == a_.base_dir ? "the article's folder" : "'" + root + "'") +
                        " (a link)");
        overwrites_input_ = file.problem == LoadedFile::output_file;
        if (overwrites_input_)
            return fail("image '" + url + "' is the output file " + assets.output_file() +
                        ": the book would overwrite its input");
        image_key_ = key;
        found_rel = rel, found_root = root; // where a volume reads it again when it packs it
        break;
    }
    if (file.problem != LoadedFile::none) return fail("image '" + url + "': " + first_error);
    return add_image(n, url, prepare_image(std::move(file.data)), found_rel, found_root);
}

// An image checked (prepare_image), packed under the next image name of the article.
Result<std::string> Renderer::add_image(cmark_node* n, const std::string& url, BookImage img,
                                        const std::string& rel, const std::string& root) {
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, a_.source, line_of(n), 0, msg};
    };
    std::string shown = shown_url(url);
    if (img.media_type.empty()) return fail("image '" + shown + "' " + img.problem);
    if (img.doctype_dropped)
        warn(n, "SVG image '" + shown + "' has a DOCTYPE, which EPUB does not allow: dropped");
    if (!img.problem.empty())
        return fail((img.media_type == "image/svg+xml" ? "SVG image '" : "image '") + shown + "' " +
                    img.problem);
    // A page's image of a pixel or two (its size not declared in the page) tracks, shows nothing.
    if (a_.format == Format::html && img.width && img.height && img.width <= 2 && img.height <= 2)
        return fail("image '" + shown + "' is a tracking pixel (" + std::to_string(img.width) +
                    "x" + std::to_string(img.height) + ")");
    std::string name = "images/" + o_.id_prefix + "-" + std::to_string(r_.images.size() + 1) +
                       extension_for(img.media_type);
    r_.images.push_back({name, img.media_type, std::move(img.data), "", rel, root, {}});
    image_paths_[image_key_] = name;
    return name;
}

// A data: URI: its bytes are the image (packed from memory, never read again); the same URI twice
// is packed once.
Result<std::string> Renderer::pack_data_image(cmark_node* n, const std::string& url) {
    auto fail = [&](const std::string& msg) {
        return Error{Errc::content, a_.source, line_of(n), 0, msg};
    };
    auto digest = image_digest(url);
    image_key_ = digest ? "data:" + std::string(reinterpret_cast<const char*>(digest->data()),
                                                digest->size())
                        : url;
    if (auto it = image_paths_.find(image_key_); it != image_paths_.end()) return it->second;
    std::string media_type, data;
    if (std::string why = decode_data_url(url, media_type, data); !why.empty())
        return fail("image '" + shown_url(url) + "' " + why);
    if (media_type.rfind("image/", 0) != 0)
        return fail("image '" + shown_url(url) + "' is of type " + media_type.substr(0, 40) +
                    ", not an image");
    if (data.size() > max_file_bytes)
        return fail("image '" + shown_url(url) + "' is larger than " +
                    std::to_string(max_file_bytes >> 20) + " MiB");
    return add_image(n, url, prepare_image(std::move(data)), "", "");
}

// The nodes of cmark-gfm's extensions: tables, strikethrough.
void Renderer::extension_node(cmark_node* n) {
    if (is_type(n, "table")) {
        open("table");
        r_.features.tables = true;
    } else if (is_type(n, "table_row") || is_type(n, "table_header")) {
        bool head = cmark_gfm_extensions_get_table_row_is_header(n);
        if (head) {
            cur_ = cur_.append_child("thead");
        } else {
            pugi::xml_node body = cur_.child("tbody");
            cur_ = body ? body : cur_.append_child("tbody");
        }
        open("tr");
    } else if (is_type(n, "table_cell")) {
        table_cell(n);
    } else if (is_type(n, "strikethrough")) {
        open("del");
    } else if (is_type(n, "superscript")) {
        open("sup");
    } else if (is_type(n, "subscript")) {
        open("sub");
    } else if (is_type(n, "definition_list")) {
        open("dl");
    } else if (is_type(n, "definition_term")) {
        open("dt");
    } else if (is_type(n, "definition")) {
        open("dd");
    } else if (is_type(n, "fenced_div")) {
        fenced_div(n);
    } else {
        open("span"); // unknown extension node: keep its text
    }
}

// A fenced div keeps what is safe of its attributes: classes as CSS names, its id made unique
// as a heading's (links find it by the id given), a language that is registered, a direction.
void Renderer::fenced_div(cmark_node* n) {
    open("div");
    auto it = b_.divs.find(n);
    if (it == b_.divs.end()) return;
    const DivAttributes& a = it->second;
    if (!a.id.empty()) {
        std::string id = unique_id(o_.id_prefix + "-" + a.id);
        anchors_.emplace(a.id, id);
        cur_.append_attribute("id") = id.c_str();
    }
    std::string classes;
    for (const auto& c : a.classes)
        if (std::isalpha(static_cast<unsigned char>(c[0])) &&
            std::all_of(c.begin(), c.end(), [](char ch) {
                return std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_';
            }))
            classes += (classes.empty() ? "" : " ") + c;
    if (!classes.empty()) cur_.append_attribute("class") = classes.c_str();
    if (!a.lang.empty()) {
        std::string tag = bcp47_spelling(a.lang);
        LanguageCheck check = is_valid_language_tag(tag) ? check_language(tag)
                                                         : LanguageCheck{tag, "not a BCP 47 tag"};
        if (check.problem.empty()) {
            cur_.append_attribute("lang") = check.tag.c_str();
            cur_.append_attribute("xml:lang") = check.tag.c_str();
        } else {
            warn(n, "div's language '" + a.lang + "' left out: " + check.problem);
        }
    }
    if (a.dir == "ltr" || a.dir == "rtl" || a.dir == "auto")
        cur_.append_attribute("dir") = a.dir.c_str();
}

void Renderer::table_cell(cmark_node* n) {
    cmark_node* row = cmark_node_parent(n);
    // An empty header cell (or one with only spaces or a comment) heads nothing: a td
    // (Ace: empty-table-header).
    bool head =
        row && cmark_gfm_extensions_get_table_row_is_header(row) &&
        (!is_blank_text(plain_text(n)) || shows_more_than_text(n, seen_notes | seen_raw_html));
    open(head ? "th" : "td");
    if (head) cur_.append_attribute("scope") = "col";
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
        if (cls) cur_.append_attribute("class") = cls;
    }
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

} // namespace octavo
