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

/// A language tag as people write one, spelt as BCP 47 spells it: '_' between subtags as '-', a
/// POSIX locale's encoding and modifier left out, and each subtag in its case (RFC 5646 section
/// 2.1.1: the language lower case, a region upper case, a script title case): zh_cn is zh-CN,
/// en_US.UTF-8 en-US, pt-br pt-BR, EN en. Other text is returned as it is.
std::string bcp47_spelling(std::string_view tag);

/// The language a text is written in, as a registered BCP 47 tag ("fr", "zh", "zh-Hant"), told
/// by cld2 from its words; empty when cld2 cannot tell it reliably (too little text, several
/// languages mixed).
std::string detect_language(std::string_view utf8_text);

} // namespace octavo
