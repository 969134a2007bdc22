// Where a book goes: what an output path names once its symbolic links are followed, and the
// temporary files a book is written to before it is renamed into place. Every temporary file
// octavo makes is named in a fixed-size registry while it exists, so that a program's signal
// handler can remove them with remove_temporary_files() (octavo/output.hpp): the library itself
// installs no handler.
#pragma once

#include <string>

#include "core/error.hpp"
#include "octavo/output.hpp"

namespace octavo {

/// What an output path names.
struct OutputTarget {
    enum class Kind {
        /// A regular file, or nothing yet: the book replaces it through a temporary file beside
        /// it (write_book, OcfWriter::create).
        file,
        /// Something that is written, not replaced: a character device (/dev/null, a terminal),
        /// a FIFO, a socket, or whatever a link in /proc leads to (/dev/stdout, /dev/fd/1,
        /// /proc/self/fd/1: the open file behind a descriptor). Nothing may be renamed over it:
        /// open it and write the book (made in memory) into it.
        stream,
        /// A directory: no book can go there.
        directory,
    };
    Kind kind = Kind::file;
    /// For a file: the path to replace, with every symbolic link followed (a dangling link gives
    /// the file it points to, which does not exist yet). Otherwise the path as given.
    std::string path;
};

/// Follows path's symbolic links, as cp, gcc -o and pandoc -o do: a book written through a link
/// replaces the file the link points to (relative targets are read from the link's folder) and
/// leaves the link alone. A link in /proc (a descriptor's, as /dev/stdout leads to) is not
/// followed: its target is a stream. An Error names path when a link cannot be read or there are
/// more than 40 of them in a row.
Result<OutputTarget> resolve_output(const std::string& path);

/// A temporary file: made with a name that is new (prefix, six random letters or digits, suffix;
/// O_EXCL, mode 0600, close-on-exec), named in the registry that remove_temporary_files() reads
/// before the file exists, and removed, unless renamed into place, when the object is destroyed.
/// At most max_registered temporary files are registered at a time; past that (or for a path of
/// PATH_MAX bytes or more) a file is made but not registered.
class TemporaryFile {
public:
    static constexpr int max_registered = 16;

    TemporaryFile() = default;
    ~TemporaryFile() { remove(); }
    TemporaryFile(TemporaryFile&& other) noexcept;
    TemporaryFile& operator=(TemporaryFile&& other) noexcept;
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;

    /// Makes the file (removing the one this object held, if any). False, with errno set, when
    /// it cannot.
    bool create(const std::string& prefix, const std::string& suffix = {});
    /// Makes the file a book that replaces target is written to: in target's folder (so that
    /// renaming it over target is atomic), named target's name plus `.XXXXXX`. When that would
    /// pass NAME_MAX (a name of 249 to 255 bytes), the end of the name's stem is cut, never inside
    /// a UTF-8 character, and a short extension kept: `BOOK.epub.XXXXXX` with BOOK shortened.
    /// False, with errno set, when it cannot.
    bool create_beside(const std::string& target);
    /// The open descriptor (-1 once closed) and the file's path (empty when there is none).
    int fd() const { return fd_; }
    const std::string& path() const { return path_; }
    /// Closes the descriptor; the file stays (and stays registered). False, with errno set, when
    /// close() fails.
    bool close();
    /// Closes the file and renames it to target; from then on it is no longer this object's nor
    /// registered. False, with errno set, on failure: the file is still there (remove() it).
    bool rename_to(const std::string& target);
    /// Closes and removes the file, and takes it out of the registry.
    void remove() noexcept;

private:
    int fd_ = -1;
    int slot_ = -1; ///< its entry in the registry, or -1
    std::string path_;
};

} // namespace octavo
