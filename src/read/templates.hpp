// Liquid (Jekyll) and Hugo shortcodes in an article's Markdown, read as their site generator
// would before the Markdown is parsed: {% raw %}, {% highlight %}, {% link %}, {% post_url %},
// {{ page.title }}, {{< figure >}}, {{< ref >}}, {{< highlight >}}, {{< youtube >}}... An include
// shows the image or text it was given. What needs the site itself (an include given only
// variables, loops over its posts, its data) is left out with a warning naming the line; nothing is left to break the Markdown around it. Code blocks and code spans keep
// their text: only {% raw %} markers and Hugo's {{</* */>}} escapes are taken out of them.
#pragma once

#include <string>

#include "octavo/article.hpp"
#include "octavo/error.hpp"

namespace octavo {

/// The article's body with its template code read. Warnings name the article's lines.
std::string expand_templates(const Article& article, Warnings& warnings);

} // namespace octavo
