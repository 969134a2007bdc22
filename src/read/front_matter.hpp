// Front matter in the three syntaxes static site generators write: YAML between "---" lines
// (Jekyll, pandoc), TOML between "+++" lines and a JSON object (Hugo). Each is read by its own
// library into one tree of values that keeps their lines, so that one mapping (article.cpp) gives
// every syntax the same keys.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace octavo {

/// A value of front matter, whichever syntax gave it.
struct Field {
    enum class Kind { null, text, list, map };
    Kind kind = Kind::null;
    /// A text value as written: strings, numbers, booleans and dates (TOML's in RFC 3339 form).
    std::string text;
    /// A list's values (keys empty) or a map's keys and values, in order. Nothing below
    /// max_field_depth is kept, no key octavo reads being that deep, and no more than
    /// max_fields values below the top (YAML's aliases can make billions of them from a few
    /// lines): the top's keys are always kept.
    std::vector<std::pair<std::string, Field>> items;
    int line = 0;   ///< 1-based line in the file
    int column = 0; ///< 1-based, 0 when the syntax's reader does not say

    /// The value of key in a map, or nullptr.
    const Field* get(std::string_view key) const;
};
inline constexpr int max_field_depth = 4;
inline constexpr long max_fields = 1 << 16;

enum class FrontMatterSyntax { yaml, toml, json };

/// YAML text as Fields; line_offset is added to its lines. Refuses what is not valid YAML with its
/// line, also a quoted value never closed (yaml-cpp reads one to the end of the text).
Result<Field> yaml_fields(std::string_view yaml, const std::string& file, int line_offset);

/// Front matter found at the start of text (normalized: LF line ends, no BOM).
struct FrontMatter {
    FrontMatterSyntax syntax = FrontMatterSyntax::yaml;
    Field root;
    size_t body_start = 0; ///< offset in text where the body starts
    int body_line = 1;     ///< its line
};
/// The front matter at the start of text, if any: "---" on the first line, closed by "---" or
/// "..." (YAML); "+++" closed by "+++" (TOML); or a first line that is "{" or starts with `{"`,
/// a JSON object whose "}" ends its line. An Error names the file and line of what is not valid
/// in it, or of an opening line never closed.
Result<std::optional<FrontMatter>> read_front_matter(std::string_view text,
                                                     const std::string& file);

} // namespace octavo
