#include "render/rewrite.hpp"

#include <algorithm>
#include <memory>
#include <string_view>
#include <strings.h>
#include <vector>

#include "core/text.hpp"
#include "read/body.hpp"

namespace octavo {

void localize_punctuation(cmark_node* root, QuoteStyle style) {
    QuoteState state;
    CmarkIter it(cmark_iter_new(root), cmark_iter_free);
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

} // namespace octavo
