// Whether a well-formed language tag names a registered language, and its registered form.
#pragma once

#include <string>
#include <string_view>

namespace octavo {

/// What check_language makes of a tag that is_valid_language_tag accepts.
struct LanguageCheck {
    /// The tag to use: the one given, or with its primary language subtag replaced by the
    /// registered form (eng, fre, fra -> en, fr: ISO 639-1 codes stand for themselves in BCP 47).
    std::string tag;
    /// Why the tag is refused, with a hint; empty when it is accepted.
    std::string problem;
};

/// Checks the primary language subtag against the codes BCP 47 registers (ISO 639-1, 639-2,
/// 639-3, 639-5, and qaa-qtz for local use; from Debian's iso-codes) and gives the registered
/// form. A private-use tag (x-...) and an irregular grandfathered one (i-klingon...) are
/// refused: reading systems and checkers such as DAISY Ace know no language by them.
LanguageCheck check_language(std::string_view tag);

} // namespace octavo
