// Errors and warnings as values. The library never prints and never exits: every stage returns
// an Error (a code, the input's file and line, a message, the errno of a failed system call) and
// collects Warnings for the caller.
#pragma once

#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "octavo/export.hpp"

namespace octavo {

/// What went wrong, in kinds a caller can act on. The CLI maps usage to exit 2, the rest to 1.
enum class Errc {
    io,       ///< a file could not be read or written
    encoding, ///< the input is not valid UTF-8 or holds bytes that cannot be kept
    syntax,   ///< front matter or a volume file is malformed
    metadata, ///< a metadata value is missing or invalid (title, language, date...)
    content,  ///< the article's content cannot be packaged (missing image, unsafe path...)
    archive,  ///< libzip failed to write the book
    usage,    ///< the caller asked for something contradictory
};

/// A short name for a code, e.g. "encoding".
OCTAVO_API const char* to_string(Errc code);

/// An error: where it is (file, 1-based line and column, 0 when unknown), what is wrong and,
/// when a system call failed, its errno.
struct Error {
    Errc code = Errc::io;
    std::string file;
    int line = 0;
    int column = 0;
    std::string message;
    /// The errno of the system call that failed ("cannot read" with ENOENT), 0 when none did: the
    /// message does not say it, describe() does.
    int sys_errno = 0;

    /// "FILE:LINE:COLUMN: message: reason", leaving out the parts that are unknown; the reason is
    /// strerror(sys_errno) ("No such file or directory").
    OCTAVO_API std::string describe() const;
};

/// Something octavo repaired or left out; same shape as an Error.
using Warning = Error;
using Warnings = std::vector<Warning>;

/// A value or an Error.
template <class T> class Result {
public:
    Result(T value) : v_(std::move(value)) {}
    Result(Error error) : v_(std::move(error)) {}
    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }
    T& value() { return std::get<0>(v_); }
    const T& value() const { return std::get<0>(v_); }
    T& operator*() { return value(); }
    T* operator->() { return &value(); }
    const Error& error() const { return std::get<1>(v_); }

private:
    std::variant<T, Error> v_;
};

/// Success or an Error.
struct Status {
    Status() = default;
    Status(Error e) : error(std::move(e)), failed(true) {}
    Error error;
    bool failed = false;
    bool ok() const { return !failed; }
    explicit operator bool() const { return ok(); }
};

} // namespace octavo
