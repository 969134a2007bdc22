// The Article model and its readers (octavo/article.hpp), and what the other stages need besides:
// reading a whole file, telling two paths of one file, checking metadata before packaging.
#pragma once

#include <string>
#include <vector>

#include "core/error.hpp"
#include "octavo/article.hpp"

namespace YAML {
class Node;
} // namespace YAML

namespace octavo {

/// Reads a whole regular file of at most max_file_bytes (limits.hpp); an Error names the file
/// when it cannot, or when it is a directory, a device or a pipe. When a system call failed, the
/// Error's sys_errno is its errno and the message says what failed ("cannot read", "cannot open").
Result<std::string> load_file(const std::string& path);
/// The same with another limit than max_file_bytes (a feed's, max_feed_bytes).
Result<std::string> load_file(const std::string& path, std::size_t max_bytes);

/// The same, with the system's reason in the message ("cannot read: No such file or directory";
/// sys_errno 0), for a caller that puts the message inside one of its own (an image, a cover, a
/// stylesheet's font).
Result<std::string> read_file(const std::string& path);

/// True when both paths exist and name the same file (also through links: same device and inode).
/// Every file a book is built from is checked against the book's path with it, so that the book
/// never overwrites its input; an empty path (a book in memory) names no file.
bool same_file(const std::string& a, const std::string& b);

/// Checks metadata that must be right before packaging: a title, a valid language tag and date.
/// Writes lang as BCP 47 spells it; when none is given, or one that names no registered language,
/// uses detected_lang (else "en") with a warning. Reads the date in any form read_date reads.
/// Derives file_as for people.
Status finalize_metadata(Metadata& meta, const std::string& source, Warnings& warnings);

/// A person's sort form when none is given: "Bakeer, Ali" for "Ali Bakeer" (the last word
/// first; "King, Martin Luther, Jr."); the name itself when it is one word, has a comma (it is
/// in sort form already) or is an organisation's ("The Rust Release Team", "Mozilla Foundation":
/// "The" first, or a word such as Team, Project, Foundation, Inc.).
std::string file_as_of(const std::string& name);

/// The people a single name field lists: "Felix Klock, Mark Rousskov", "A B and C D", "A B & C D"
/// and "A; B" are two. Only where that is unambiguous: "Smith, John" is one name in sort form,
/// "John Smith, Jr." one with a suffix, "Simon & Schuster" and an organisation's name one.
std::vector<std::string> split_names(const std::string& names);

/// A YAML value as a metadata value (metadata_text), for front matter and volume files alike.
/// A list or a map is refused, with where (its code, file and place) and the message "'key' must
/// be a text value"; so is null, unless null_is_empty (front matter's "title:" is no title).
Result<std::string> yaml_text(const YAML::Node& n, const std::string& key, Error where,
                              bool null_is_empty);

} // namespace octavo
