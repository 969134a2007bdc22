// Splitting a content document too large for some reading systems into several.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "render/document.hpp"

namespace octavo {

/// Where a content document starts: before the article section's child block, or, when that child
/// is a paragraph too long for one document, inside it: before the paragraph's child `child`,
/// `offset` bytes into its text (child and offset 0: before the block itself).
struct SplitPoint {
    size_t block = 0;
    size_t child = 0;
    size_t offset = 0;
    bool operator==(const SplitPoint& o) const {
        return block == o.block && child == o.child && offset == o.offset;
    }
};

/// Splits an XHTML document whose content is the children of the first element in its body
/// (html > body > section) into documents of at most max_bytes where it can: a new document starts
/// at a heading when one is near, else between children; a paragraph (p) longer than a document
/// is cut inside its own text, at a sentence end, else a space, else a character, into pieces
/// that fill the documents, each piece after the first a <p class="continued">. With split_at
/// given, splits there instead. Parts go to base_path, then base_path with "-2", "-3"... before
/// ".xhtml"; links to an id in another part are rewritten to point there. Returns the parts
/// (one can still be larger than max_bytes when it holds a longer block of another kind: a code
/// block, a table, a list...); chosen gets the split points and where (if given, and the
/// document was split) maps every id to "part-path#id".
std::vector<ContentDoc> split_document(const pugi::xml_document& doc, const std::string& base_path,
                                       size_t max_bytes, const std::vector<SplitPoint>* split_at,
                                       std::vector<SplitPoint>* chosen,
                                       std::map<std::string, std::string>* where);

} // namespace octavo
