// Finds Markdown paragraphs too long for cmark-gfm, without parsing the Markdown.
#pragma once

#include <cstddef>
#include <string_view>

namespace octavo {

/// The line where a Markdown paragraph of more than max_bytes starts (body's first line being
/// first_line), or 0 when there is none. cmark-gfm's smart quotes are cubic in the length of one
/// paragraph, so this counts generously: a paragraph ends at a blank line (a block quote line
/// with nothing after its '>' included) and at a line that starts a block CommonMark lets
/// interrupt a paragraph, recognised from the start of the line alone: an ATX heading, a
/// thematic break, a code fence, a bullet or "1." list item (any number after an item), a
/// deeper block quote, an HTML block of kinds 1 to 6, a footnote definition ([^label]:). Any
/// other line, or one these tests are not sure of, counts as part of the paragraph before it.
/// Fenced code is skipped (cmark-gfm does not parse it for inlines), as long as every fence is
/// one cmark-gfm surely sees as such; from the first it might not, code is counted as text.
int long_paragraph_line(std::string_view body, int first_line, std::size_t max_bytes);

} // namespace octavo
