#include "epubcheck.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <regex>

extern char** environ;

namespace octavo_cli {
namespace {

constexpr const char* debian_jar = "/usr/share/java/epubcheck.jar";
constexpr const char* how_to_install =
    "install it (Debian, Ubuntu: apt-get install epubcheck default-jre-headless; elsewhere: "
    "https://github.com/w3c/epubcheck/releases), or set EPUBCHECK to an epubcheck jar or command";

bool ends_with(const std::string& s, const std::string& tail) {
    return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

std::string search_path(const std::string& name) {
    const char* path = std::getenv("PATH");
    std::string dirs = path ? path : "/usr/local/bin:/usr/bin:/bin";
    size_t start = 0;
    while (start <= dirs.size()) {
        size_t end = dirs.find(':', start);
        if (end == std::string::npos) end = dirs.size();
        std::string dir = dirs.substr(start, end - start);
        std::string candidate = (dir.empty() ? "." : dir) + "/" + name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
        start = end + 1;
    }
    return {};
}

std::string plural(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

} // namespace

Epubcheck find_epubcheck() {
    if (const char* env = std::getenv("EPUBCHECK"); env && *env) {
        std::string v = env;
        if (ends_with(v, ".jar")) {
            if (access(v.c_str(), R_OK) != 0)
                return {{},
                        "EPUBCHECK names " + v + ", which cannot be read (" + std::strerror(errno) +
                            "): " + how_to_install};
            return {{"java", "-jar", v}, ""};
        }
        // A command, possibly with arguments: the shell splits it; the book follows as "$@".
        return {{"/bin/sh", "-c", v + " \"$@\"", "epubcheck"}, ""};
    }
    if (access(debian_jar, R_OK) == 0) return {{"java", "-jar", debian_jar}, ""};
    std::string found = search_path("epubcheck");
    if (!found.empty()) {
        // Debian's /usr/bin/epubcheck is a link to the jar, which only runs with binfmt support.
        char real[PATH_MAX];
        if (realpath(found.c_str(), real) && ends_with(real, ".jar"))
            return {{"java", "-jar", real}, ""};
        return {{found}, ""};
    }
    return {{}, std::string("epubcheck not found: ") + how_to_install};
}

bool Verdict::passed() const {
    return ran && status == 0 && fatals == 0 && errors == 0 && warnings == 0;
}

std::string Verdict::summary() const {
    return plural(fatals, "fatal error", "fatal errors") + ", " +
           plural(errors, "error", "errors") + ", " + plural(warnings, "warning", "warnings");
}

Verdict run_epubcheck(const Epubcheck& checker, const std::string& book, std::ostream& out) {
    Verdict v;
    std::vector<std::string> args = checker.argv;
    args.push_back(book);
    std::vector<char*> argv;
    for (auto& a : args)
        argv.push_back(a.data());
    argv.push_back(nullptr);

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
        v.problem = std::string("cannot run epubcheck: ") + std::strerror(errno);
        return v;
    }
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
    posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
    // octavo ignores SIGXFSZ (a write past `ulimit -f` fails with EFBIG instead); epubcheck gets
    // the default action back, as it would have been run by a shell.
    posix_spawnattr_t attr;
    posix_spawnattr_init(&attr);
    sigset_t defaults;
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGXFSZ);
    posix_spawnattr_setsigdefault(&attr, &defaults);
    posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGDEF);
    pid_t pid = 0;
    int err = posix_spawnp(&pid, argv[0], &actions, &attr, argv.data(), environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&actions);
    close(fds[1]);
    if (err != 0) {
        close(fds[0]);
        v.problem = "cannot run " + args[0] + " for epubcheck: " + std::strerror(err);
        if (args[0] == "java" && err == ENOENT)
            v.problem += " (install a Java runtime: apt-get install default-jre-headless)";
        return v;
    }
    v.ran = true;
    char chunk[4096];
    for (;;) {
        ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        out.write(chunk, n);
        out.flush();
        v.output.append(chunk, static_cast<size_t>(n));
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    v.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);

    // The last summary line: "Messages: 0 fatals / 1 error / 0 warnings / 0 infos".
    static const std::regex summary(R"(Messages: (\d+) fatals? / (\d+) errors? / (\d+) warnings?)");
    for (std::sregex_iterator it(v.output.begin(), v.output.end(), summary), end; it != end; ++it) {
        v.fatals = std::stoi((*it)[1]);
        v.errors = std::stoi((*it)[2]);
        v.warnings = std::stoi((*it)[3]);
    }
    if (v.fatals < 0)
        v.problem = v.status == 127 ? "epubcheck command not found: " + std::string(how_to_install)
                                    : "epubcheck gave no verdict (exit status " +
                                          std::to_string(v.status) + ")";
    return v;
}

std::string command_line(const std::vector<std::string>& argv) {
    std::string out;
    for (const auto& a : argv) {
        if (!out.empty()) out += ' ';
        bool plain = !a.empty() &&
                     a.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
                                         "OPQRSTUVWXYZ0123456789-_./=:+,@%") == std::string::npos;
        if (plain) {
            out += a;
            continue;
        }
        out += '\'';
        for (char c : a)
            out += c == '\'' ? std::string("'\\''") : std::string(1, c);
        out += '\'';
    }
    return out;
}

} // namespace octavo_cli
