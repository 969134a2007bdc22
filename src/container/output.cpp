#include "container/output.hpp"

#include "core/paths.hpp"
#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstring>
#include <ctime>

namespace octavo {
namespace {

constexpr long proc_super_magic = 0x9fa0; // PROC_SUPER_MAGIC, <linux/magic.h>

// True when p lies in a procfs: its links (/proc/self/fd/1) lead to open files, not to paths.
bool in_proc(const std::string& p) {
    std::string folder(folder_part(p));
    struct statfs fs {};
    return ::statfs(folder.empty() ? "." : folder.c_str(), &fs) == 0 &&
           static_cast<long>(fs.f_type) == proc_super_magic;
}

// The registry of temporary files: a fixed table, so that remove_temporary_files() reads it from
// a signal handler without allocating or locking. A slot is free, claimed (its path being
// written, or not a file of ours: the handler leaves it alone) or named (its path is complete and
// may exist: the handler unlinks it). The path is written before the release store that names it
// and read after the acquire load that sees it named.
enum SlotState : int { slot_free = 0, slot_claimed = 1, slot_named = 2 };
// Every member has an initializer, so the table is constant-initialized: it stays in zeroed .bss
// and no page of it is touched until a slot is used (a dynamic initializer would write all 16).
struct Slot {
    std::atomic<int> state{slot_free};
    char path[PATH_MAX]{};
};
static_assert(std::atomic<int>::is_always_lock_free, "the registry must be async-signal-safe");
Slot registry[TemporaryFile::max_registered];

int claim_slot() {
    for (int i = 0; i < TemporaryFile::max_registered; ++i) {
        int expected = slot_free;
        if (registry[i].state.compare_exchange_strong(expected, slot_claimed)) return i;
    }
    return -1;
}

// Six letters or digits from getrandom(), or from the clock and the process id without it.
void random_letters(char* out) {
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    unsigned char bytes[6];
    if (::getrandom(bytes, sizeof bytes, GRND_NONBLOCK) != static_cast<ssize_t>(sizeof bytes)) {
        struct timespec ts {};
        ::clock_gettime(CLOCK_MONOTONIC, &ts);
        unsigned long long x = (static_cast<unsigned long long>(ts.tv_nsec) * 2654435761u) ^
                               (static_cast<unsigned long long>(::getpid()) << 20) ^
                               static_cast<unsigned long long>(ts.tv_sec);
        for (auto& b : bytes) {
            b = static_cast<unsigned char>(x);
            x = x * 6364136223846793005ull + 1442695040888963407ull;
            b ^= static_cast<unsigned char>(x >> 56);
        }
    }
    for (int i = 0; i < 6; ++i)
        out[i] = alphabet[bytes[i] % (sizeof alphabet - 1)];
}

} // namespace

Result<OutputTarget> resolve_output(const std::string& path) {
    using Kind = OutputTarget::Kind;
    std::string p = path;
    for (int links = 0;; ++links) {
        struct stat st {};
        // Nothing there (or nothing this process can see): the file is made there, and making it
        // says what is wrong.
        if (::lstat(p.c_str(), &st) != 0) return OutputTarget{Kind::file, p};
        if (!S_ISLNK(st.st_mode)) {
            if (S_ISREG(st.st_mode)) return OutputTarget{Kind::file, p};
            return OutputTarget{S_ISDIR(st.st_mode) ? Kind::directory : Kind::stream, path};
        }
        if (in_proc(p))
            return OutputTarget{::stat(p.c_str(), &st) == 0 && S_ISDIR(st.st_mode) ? Kind::directory
                                                                                   : Kind::stream,
                                path};
        if (links == 40)
            return Error{Errc::io, path, 0, 0,
                         "cannot write the book: more than 40 symbolic links in a row"};
        std::string target(static_cast<size_t>(st.st_size > 0 ? st.st_size : PATH_MAX) + 1, '\0');
        ssize_t n = ::readlink(p.c_str(), &target[0], target.size());
        if (n < 0 || static_cast<size_t>(n) >= target.size()) {
            int e = n < 0 ? errno : ENAMETOOLONG;
            std::string what = "cannot write the book: cannot read the symbolic link " + p;
            return Error{Errc::io, path, 0, 0, what, e};
        }
        target.resize(static_cast<size_t>(n));
        p = !target.empty() && target[0] == '/' ? target : std::string(folder_part(p)) + target;
    }
}

TemporaryFile::TemporaryFile(TemporaryFile&& other) noexcept
    : fd_(other.fd_), slot_(other.slot_), path_(std::move(other.path_)) {
    other.fd_ = other.slot_ = -1;
    other.path_.clear();
}

TemporaryFile& TemporaryFile::operator=(TemporaryFile&& other) noexcept {
    if (this != &other) {
        remove();
        fd_ = other.fd_;
        slot_ = other.slot_;
        path_ = std::move(other.path_);
        other.fd_ = other.slot_ = -1;
        other.path_.clear();
    }
    return *this;
}

// The name is in the registry before the file exists, and open(O_EXCL) makes it: a signal at any
// moment finds every file made so far. (mkostemp would choose the name and make the file in one
// call, leaving a moment when the file exists and the registry does not name it.)
bool TemporaryFile::create(const std::string& prefix, const std::string& suffix) {
    remove();
    std::string name = prefix + "XXXXXX" + suffix;
    int slot = name.size() < PATH_MAX ? claim_slot() : -1;
    for (int attempt = 0; attempt < 100; ++attempt) {
        random_letters(&name[prefix.size()]);
        if (slot >= 0) {
            std::memcpy(registry[slot].path, name.c_str(), name.size() + 1);
            registry[slot].state.store(slot_named, std::memory_order_release);
        }
        int f = ::open(name.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        int e = errno;
        if (f >= 0) {
            fd_ = f;
            slot_ = slot;
            path_ = std::move(name);
            return true;
        }
        // Not ours (someone else's file of that name, or none): the handler must leave it.
        if (slot >= 0) registry[slot].state.store(slot_claimed, std::memory_order_release);
        if (e != EEXIST) {
            if (slot >= 0) registry[slot].state.store(slot_free, std::memory_order_release);
            errno = e;
            return false;
        }
    }
    if (slot >= 0) registry[slot].state.store(slot_free, std::memory_order_release);
    errno = EEXIST;
    return false;
}

bool TemporaryFile::create_beside(const std::string& target) {
    const size_t slash = folder_part(target).size(); // 0 for a bare name
    std::string name = target.substr(slash);
    // NAME_MAX less ".XXXXXX": past it, the end of the stem goes. A short extension stays (the
    // file still reads BOOK.epub.XXXXXX), unless the stem would go with it; the cut backs off to
    // the start of a UTF-8 character.
    const size_t room = NAME_MAX - 7;
    if (name.size() > room) {
        const size_t cut = name.size() - room, dot = name.rfind('.');
        const size_t end =
            dot != std::string::npos && dot > cut && name.size() - dot <= 16 ? dot : name.size();
        size_t start = end - cut;
        while (start > 0 && (static_cast<unsigned char>(name[start]) & 0xC0) == 0x80)
            --start;
        name.erase(start, end - start);
    }
    return create(target.substr(0, slash) + name + ".");
}

bool TemporaryFile::close() {
    if (fd_ < 0) return true;
    int f = fd_;
    fd_ = -1;
    return ::close(f) == 0;
}

bool TemporaryFile::rename_to(const std::string& target) {
    if (path_.empty()) {
        errno = ENOENT;
        return false;
    }
    if (!close()) return false;
    if (::rename(path_.c_str(), target.c_str()) != 0) return false;
    // Forgotten only now: a signal before the rename must still find the file. After it, the
    // name is gone, and a handler's unlink() of it fails harmlessly.
    if (slot_ >= 0) registry[slot_].state.store(slot_free, std::memory_order_release);
    slot_ = -1;
    path_.clear();
    return true;
}

void TemporaryFile::remove() noexcept {
    int e = errno;
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
    if (!path_.empty()) ::unlink(path_.c_str());
    if (slot_ >= 0) registry[slot_].state.store(slot_free, std::memory_order_release);
    slot_ = -1;
    path_.clear();
    errno = e;
}

void remove_temporary_files() noexcept {
    int e = errno; // a handler must leave errno as it found it
    for (auto& slot : registry)
        if (slot.state.load(std::memory_order_acquire) == slot_named) ::unlink(slot.path);
    errno = e;
}

} // namespace octavo
