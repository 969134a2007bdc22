// Text utilities shared by the stages: UTF-8 checking, XML-safe text, language tags, dates, ids.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/error.hpp"

struct cmark_node; // cmark-gfm's node; only the library calls plain_text

namespace octavo {

/// Where the first invalid UTF-8 sequence is, if any.
struct Utf8Problem {
    size_t offset = 0; ///< byte offset from the start of the text
    int line = 1;      ///< 1-based line of that byte
};
std::optional<Utf8Problem> find_invalid_utf8(std::string_view text);
/// Decodes the UTF-8 sequence at s[i] into cp: its length, or 0 when it is not valid UTF-8 (cut
/// short, overlong, a surrogate, past U+10FFFF).
std::size_t utf8_sequence(std::string_view s, std::size_t i, char32_t& cp);
/// Appends the UTF-8 form of cp to out; nothing for a surrogate or past U+10FFFF.
void append_utf8(std::string& out, char32_t cp);

/// The Error for a file that is not valid UTF-8: its line and byte offset, and what to do.
Error not_utf8(const std::string& file, const Utf8Problem& bad);

/// A Unicode encoding other than UTF-8 that a file is in: UTF-16 or UTF-32, in either byte order.
struct WideUnicode {
    int bits = 16;             ///< 16 or 32
    bool little_endian = true; ///< else big-endian
    bool bom = true;           ///< told by its byte order mark, else by its NUL bytes
};
/// Recognises UTF-16 and UTF-32 text, which is never UTF-8 and which Latin-1 would make mojibake:
/// by its byte order mark (FF FE, FE FF, FF FE 00 00, 00 00 FE FF) or, without one, by the NULs
/// that ASCII and Latin-1 characters have in it: in the first 512 bytes, at least half of the
/// 4-byte units are one byte and three NULs (UTF-32), or at least half of the 2-byte units a byte
/// and a NUL (UTF-16), in the same order. Text in UTF-8 has no such NULs.
std::optional<WideUnicode> find_wide_unicode(std::string_view text);
/// The Error for a file in such an encoding: what it is, and the iconv command that converts it
/// ("le.md: is UTF-16 (little-endian); convert it to UTF-8: iconv -f UTF-16 -t UTF-8 le.md >
/// le.utf8.md").
Error not_utf8(const std::string& file, const WideUnicode& found);

/// Converts Latin-1 text to UTF-8. As in the WHATWG Encoding Standard (what browsers do with a
/// "latin1" or "iso-8859-1" label), bytes 0x80-0x9F are read as Windows-1252 (curly quotes,
/// dashes, the euro sign); the five bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90,
/// 0x9D) become U+FFFD.
std::string latin1_to_utf8(std::string_view text);
/// The same for the text of file, with one warning per line (lines end with LF, CRLF or CR, as
/// normalize_text counts them) where an undefined byte became U+FFFD:
/// "byte 0x81 has no character in Windows-1252; replaced by U+FFFD".
std::string latin1_to_utf8(std::string_view text, const std::string& file, Warnings& warnings);

/// Makes raw input text ready for the readers: drops a UTF-8 BOM, turns CRLF and lone CR into LF,
/// and removes characters XML 1.0 forbids (C0 controls other than tab and newline, U+FFFE,
/// U+FFFF), adding one warning per line where it removed any. The text must be valid UTF-8.
std::string normalize_text(std::string_view text, const std::string& file, Warnings& warnings);

/// Removes what normalize_text removes from a string that cmark-gfm made: it decodes character
/// references after normalize_text has run (&#x1; is U+0001), and writes U+FFFE and U+FFFF as the
/// single bytes 0xFE and 0xFF, which this removes too. One warning per line, as normalize_text
/// gives: text starts at line, and warned_line is the last line warned about (0 at first), so
/// that several strings from one line warn once.
std::string remove_xml_forbidden(std::string_view text, const std::string& file, int line,
                                 int& warned_line, Warnings& warnings);

/// Removes characters XML 1.0 forbids and replaces invalid UTF-8 by U+FFFD. For metadata values
/// that arrive from the command line or YAML; returns true when it changed anything.
bool make_xml_safe(std::string& text);

/// A metadata value as octavo keeps it, from front matter, a volume file or the command line:
/// characters XML forbids removed (make_xml_safe), white space collapsed and trimmed
/// (collapse_space). Empty when the value is blank: nothing but white space and such characters.
std::string metadata_text(std::string_view text);

/// True when tag is a well-formed BCP 47 language tag (RFC 5646 syntax, incl. grandfathered).
bool is_valid_language_tag(std::string_view tag);
/// True for languages written right to left (ar, he, fa, ur... or an Arab/Hebr script subtag).
bool is_rtl_language(std::string_view tag);

/// True for a W3CDTF date: YYYY, YYYY-MM, YYYY-MM-DD, or a date and time with a zone; the year
/// is 0001 to 9999 (there is no year 0000).
bool is_valid_w3cdtf(std::string_view date);
/// A date in one of the other forms pandoc reads (its normalizeDate: "May 21, 2019",
/// "21 May 2019", "May. 21, 2019", "05/21/2019", "05/21/19", "20190521", "201905"; English month
/// names, full or short, in any case) as W3CDTF ("2019-05-21", "2019-05"); nullopt for any other
/// text, or a day the month does not have.
std::optional<std::string> pandoc_date(std::string_view date);
/// A date in any form front matter gives (YAML, TOML, Jekyll, Hugo, RFC 3339, RFC 2822, asctime,
/// and pandoc_date's) as W3CDTF: "2019-05-21"; with a zone, the time too, in that zone
/// ("2018-10-17 17:00:00 +0530" is "2018-10-17T17:00:00+05:30", "Tue, 21 May 2019 10:00:00 GMT"
/// "2019-05-21T10:00:00Z"); a time without a zone only its day. A value that no form reads but
/// that starts with a day ("2023-01-29 18:30:22 2023 -0800") gives that day, and sets *only_day.
/// nullopt for any other text, or a day the month does not have.
std::optional<std::string> read_date(std::string_view date, bool* only_day = nullptr);
/// A W3CDTF date with a time, in UTC ("2018-10-17T17:00:00+05:30" is "2018-10-17T11:30:00Z");
/// any other date as it is.
std::string w3cdtf_in_utc(std::string_view date);
/// Human form of a W3CDTF date for a byline: "21 May 2019" for English, the date as given else.
std::string display_date(std::string_view date, std::string_view lang);

/// "YYYY-MM-DDThh:mm:ssZ" for a Unix time, in UTC whatever the time zone.
std::string iso_utc(long long unix_time);

/// An ASCII id fragment from text: lower-case letters, digits and hyphens, never empty.
std::string slugify(std::string_view text);
/// Pandoc's attributes at the end of a heading's text ("Section {#sec-one .unnumbered}"): when
/// text ends with such a block (after a space, or alone), removes it and the spaces before it and
/// returns the identifier it gives, or "" when it gives none; nullopt, and text untouched, when
/// there is no block. A block is `#id` (at most one), `.class`, `-` and `key=value` (the value
/// may be quoted, also with the curly quotes smart punctuation makes); an id is ASCII letters,
/// digits, '_', '-' and '.', which a prefix makes an XML name.
std::optional<std::string> take_heading_attributes(std::string& text);
/// s with each %XX replaced by the byte it stands for.
std::string percent_decode(const std::string& s);
/// True when text has an ASCII letter or digit: its slug comes from it, not the "section" that
/// slugify falls back to.
bool has_slug(std::string_view text);

/// The text of a cmark-gfm node and its descendants (text, code and raw HTML, which is shown as
/// text; breaks as spaces), with white space collapsed: what a heading or an image's alt text
/// reads as.
std::string plain_text(cmark_node* node);

/// True when text has nothing to read: only Unicode White_Space (tab, newline, space, no-break
/// space, the em space U+2003, the ideographic space U+3000...) and characters that are never
/// seen (soft hyphen, zero-width space and joiners, word joiner, U+FEFF), or nothing at all. A
/// heading, a table header cell or an entry of the contents with such text has no text.
bool is_blank_text(std::string_view text);

/// True when a line of source holds only spaces and tabs, or nothing: blank as Markdown and
/// YAML see it.
bool is_blank_line(std::string_view line);

/// Whether s ends with suffix, ASCII letters compared in either case: file types are told by
/// extension as pandoc does, so `NOTES.TXT` is plain text and `WEEK.YAML` a volume file.
bool ends_with_ignoring_case(std::string_view s, std::string_view suffix);

/// Collapses runs of white space to one space and trims both ends.
std::string collapse_space(std::string_view text);

/// text without the ASCII white space at its two ends.
std::string trim_space(std::string_view text);

} // namespace octavo
