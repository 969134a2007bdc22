// Rewrites of cmark-gfm's tree before it is rendered. Each walks the tree first and changes it
// after, or changes only the literal of the node it is at (cmark allows nothing else while an
// iterator is on the tree).
#pragma once

#include <cmark-gfm.h>

#include <functional>
#include <map>
#include <set>
#include <string>

#include "core/error.hpp"
#include "render/typography.hpp"

namespace octavo {

/// Quotes in the article's language: a pass over the text nodes, each block starting afresh.
void localize_punctuation(cmark_node* root, QuoteStyle style);

} // namespace octavo
