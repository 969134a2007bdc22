// The Article model and its readers (octavo/article.hpp), and what the other stages need besides:
// reading a whole file, telling two paths of one file, checking metadata before packaging.
#pragma once

#include <string>

#include "core/error.hpp"
#include "octavo/article.hpp"

namespace octavo {

/// Reads a whole regular file of at most max_file_bytes (limits.hpp); an Error names the file
/// when it cannot, or when it is a directory, a device or a pipe. When a system call failed, the
/// Error's sys_errno is its errno and the message says what failed ("cannot read", "cannot open").
Result<std::string> load_file(const std::string& path);

/// The same, with the system's reason in the message ("cannot read: No such file or directory";
/// sys_errno 0), for a caller that puts the message inside one of its own (an image, a cover, a
/// stylesheet's font).
Result<std::string> read_file(const std::string& path);

/// True when both paths exist and name the same file (also through links: same device and inode).
/// Every file a book is built from is checked against the book's path with it, so that the book
/// never overwrites its input; an empty path (a book in memory) names no file.
bool same_file(const std::string& a, const std::string& b);

/// Checks metadata that must be right before packaging: a title, a valid language tag and date.
/// Fills lang with "en" when none is given (with a warning) and derives file_as for people.
Status finalize_metadata(Metadata& meta, const std::string& source, Warnings& warnings);

} // namespace octavo
