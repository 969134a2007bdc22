// Raw HTML made safe: parsed as HTML5 by gumbo, kept where an allowlist keeps it, and built as
// XHTML with pugixml. Script, styles, event handlers, forms, frames and foreign content never
// reach the book; what the allowlist does not know is unwrapped (its text stays). The renderer
// of Markdown uses it for the raw HTML in an article, through hooks for what depends on the book
// (links, images, ids).
#pragma once

#include <pugixml.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace octavo {

struct HtmlHooks {
    /// Gives the link a its href, or makes it a span (its text without a link).
    std::function<void(pugi::xml_node a, const std::string& href)> link;
    /// The src to write for an image, or "" when it cannot be packed (its alt text stays).
    std::function<std::string(const std::string& src)> image;
    /// A document-wide unique id for an id the HTML gives (and the name links know it by).
    std::function<std::string(const std::string& id)> id;
    /// The level in the book of a heading the HTML gives (h1 to h6).
    std::function<int(int level)> heading_level;
    /// Something left out or changed, by kind ("script", "event handler attribute", ...):
    /// the caller says so once per kind.
    std::function<void(const std::string& kind)> dropped;
};

/// Where the HTML goes: among blocks, or inside a paragraph (phrasing content only).
enum class HtmlContext { flow, phrasing };

/// Appends the content of html, made safe, to parent. Returns the innermost element the html
/// opened and did not close ("<div class=note>", "<sup>"), for what follows it to go into, or an
/// empty node; *open_tag is then the name of the tag that opened it ("section" for a div).
/// When what the html left open is an element left out with its content ("<script>", "<svg>"),
/// *dropped_open is its name: what follows, up to its end tag, is part of it.
pugi::xml_node append_html(const std::string& html, pugi::xml_node parent, HtmlContext context,
                           const HtmlHooks& hooks, std::string* open_tag = nullptr,
                           std::string* dropped_open = nullptr);

/// What an element raw HTML opened must not be once its content is in, called when it ends: a
/// heading or a link with nothing to read becomes a paragraph or a span (Ace: empty-heading,
/// link-name); details get a summary. append_html calls it for the elements it closes itself.
void finish_html_element(pugi::xml_node element);

/// The element name of an end tag ("</sup>" -> "sup", lower case), or "" when html does not start
/// with one; *length is how many bytes it takes.
std::string end_tag_name(const std::string& html, size_t* length = nullptr);

/// Whether html may nest elements more than max_depth deep (an upper bound, told without parsing):
/// gumbo's time grows with the square of the depth, so what is deeper is refused before it is
/// parsed.
bool nests_deeper_than(std::string_view html, int max_depth);

/// The most elements raw HTML may nest: deeper ones are unwrapped (their content stays).
constexpr int max_html_depth = 64;

} // namespace octavo
