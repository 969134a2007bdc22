// Running epubcheck on a book for --validate and --check. This is the command line's business:
// the library never spawns processes and never prints.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace octavo_cli {

/// How to run epubcheck, or why it cannot be run.
struct Epubcheck {
    std::vector<std::string> argv; ///< the command before the book's name; empty when not found
    std::string problem;           ///< what is missing and how to install it, when argv is empty
};

/// Finds epubcheck: $EPUBCHECK (a .jar run with `java -jar`, or a command run by /bin/sh), else
/// /usr/share/java/epubcheck.jar (Debian's package), else `epubcheck` on PATH.
Epubcheck find_epubcheck();

/// What epubcheck said about one book.
struct Verdict {
    bool ran = false; ///< false when epubcheck could not be started; see problem
    int status = -1;  ///< epubcheck's exit status
    int fatals = -1;  ///< counts from its "Messages:" line; -1 when it printed none
    int errors = -1;
    int warnings = -1;
    std::string problem; ///< why it could not run or gave no verdict
    std::string output;  ///< everything it printed (stdout and stderr, interleaved)
    /// True when epubcheck ran, exited 0 and reported no fatal error, error or warning.
    bool passed() const;
    /// "1 error and 0 warnings" and the like.
    std::string summary() const;
};

/// Runs epubcheck on book, copying its output to out as it comes.
Verdict run_epubcheck(const Epubcheck& checker, const std::string& book, std::ostream& out);

/// The command as a user would type it, for --verbose.
std::string command_line(const std::vector<std::string>& argv);

} // namespace octavo_cli
