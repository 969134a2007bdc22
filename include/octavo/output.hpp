// The temporary files a book is written to before it is renamed into place. Every one octavo
// makes is named in a fixed-size table while it exists, so that a program's signal handler can
// remove them with remove_temporary_files(): the library itself installs no handler.
#pragma once

#include "octavo/export.hpp"

namespace octavo {

/// Removes every temporary file octavo has made and not yet renamed into place or removed: the
/// book being written (BOOK.epub.XXXXXX beside BOOK.epub) and any other temporary file. It only
/// reads a static table and calls unlink(): no allocation, no lock, so it is async-signal-safe and
/// meant to be called from a handler of SIGINT, SIGTERM, SIGHUP or SIGQUIT before the program
/// dies. A book being written when it runs fails to be renamed into place afterwards.
OCTAVO_API void remove_temporary_files() noexcept;

} // namespace octavo
