// The user's stylesheet (--css): a CSS Syntax Level 3 tokenizer, the checks that keep the book
// valid (no parse error, no remote resource) and the packing of the fonts and images it uses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "assets/loader.hpp"
#include "core/error.hpp"
#include "render/xhtml.hpp"

namespace octavo {
namespace css {

/// Token types of CSS Syntax Level 3 (section 4), comments and EOF left out.
enum class TokenType {
    ident,
    function,   ///< "name(": value is the name
    at_keyword, ///< "@name": value is the name
    hash,
    string,
    bad_string, ///< a string cut by a newline
    url,        ///< url(unquoted): value is the URL, escapes resolved
    bad_url,    ///< url( with a quote, a bracket, a space or a control inside
    delim,
    number,
    percentage,
    dimension,
    whitespace,
    cdo, ///< <!--
    cdc, ///< -->
    colon,
    semicolon,
    comma,
    open_square,
    close_square,
    open_paren,
    close_paren,
    open_curly,
    close_curly,
};

struct Token {
    TokenType type = TokenType::delim;
    std::string value; ///< name, string or URL with escapes resolved; the character of a delim
    size_t offset = 0; ///< byte offset of the token in the text
    size_t length = 0; ///< its length in bytes
    int line = 1;      ///< 1-based line where it starts
};

/// A parse error the tokenizer met (the spec's "parse error" that matter to a validator).
struct Problem {
    int line = 1;
    std::string message;
};

/// Tokenizes text (UTF-8) as CSS Syntax Level 3 does; problems collects the parse errors:
/// unclosed comment, string or url(, newline in a string, bad url(, a backslash before a newline.
std::vector<Token> tokenize(std::string_view text, std::vector<Problem>& problems);

} // namespace css

/// A stylesheet ready for the book, and the files it refers to.
struct Stylesheet {
    std::string text; ///< the stylesheet, its references turned into the packed files' names
    std::vector<Resource> resources; ///< the fonts and images it uses, beside it in the package
};

/// Checks the user's stylesheet and gathers what it refers to. text is the file's content, file
/// its path (for messages, and relative references are resolved from its folder), package_path
/// where it goes in the package ("css/user.css"). Refused (Error naming file and line): invalid
/// UTF-8, an encoding other than UTF-8 in @charset, a CSS parse error (unclosed block, comment,
/// string or url(, bad url(, stray closing bracket), the properties EPUB forbids (direction,
/// unicode-bidi), @import, a reference to a remote resource or a data: URL, an absolute path,
/// a path that leaves the stylesheet's folder, or a file that is not a WOFF, WOFF2, OpenType or
/// TrueType font or a PNG, JPEG, GIF or static SVG image whose name says what it holds.
/// @font-face is refused unless embed_fonts: epubcheck 5 -u reports every one (CSS-028).
/// The files are read through assets (nullptr: files on disk).
Result<Stylesheet> prepare_stylesheet(std::string_view text, const std::string& file,
                                      const std::string& package_path, Warnings& warnings,
                                      bool embed_fonts = false,
                                      const AssetLoader* assets = nullptr);

} // namespace octavo
