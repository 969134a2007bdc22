#include "container/ocf.hpp"

#include "container/output.hpp"
#include "core/paths.hpp"

#include <libdeflate.h>
#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <new>
#include <sys/stat.h>
#include <unistd.h>

#include <ctime>

namespace octavo {

// zip's default level, for every entry but mimetype: 9 costs more time for a few bytes less.
constexpr int deflate_level = 6;

OcfWriter::OcfWriter(zip* archive, std::string path, long long mtime)
    : zip_(archive), path_(std::move(path)) {
    std::time_t t = static_cast<std::time_t>(mtime);
    std::tm tm{};
    // UTC: the same bytes in every time zone. A DOS date holds 1980 to 2107: times outside are
    // clamped to its first or last second (2107-12-31 23:59:58), never wrapped.
    const std::tm first{0, 0, 0, 1, 0, 80, 0, 0, 0, 0, nullptr};
    const std::tm last{58, 59, 23, 31, 11, 207, 0, 0, 0, 0, nullptr};
    if (!gmtime_r(&t, &tm)) tm = mtime < 0 ? first : last;
    if (tm.tm_year < 80) tm = first;
    if (tm.tm_year > 207) tm = last;
    dos_time_ =
        static_cast<unsigned short>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    dos_date_ =
        static_cast<unsigned short>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

OcfWriter::~OcfWriter() {
    if (zip_) zip_discard(zip_);
    if (memory_) zip_source_free(memory_);
}

namespace {

// Why a book cannot go in folder ("a/b/"; empty for the current folder) when it is not there:
// "the folder a/b/ does not exist", or "the current folder does not exist" for a relative path
// when a shell stood in a folder that was deleted (it can still be stat()ed, as "."; getcwd()
// fails with ENOENT). Empty when the folder is there.
std::string missing_folder(const std::string& folder) {
    struct stat st {};
    if (!folder.empty() && (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
        return "the folder " + folder + " does not exist";
    char cwd[PATH_MAX];
    if ((folder.empty() || folder[0] != '/') && !::getcwd(cwd, sizeof cwd) && errno == ENOENT)
        return "the current folder does not exist (it was deleted)";
    return {};
}

// Gives the file behind fd the owner and group of old, the book it replaces, as sed -i and
// install do. Only root may give a file away: for anyone else fchown fails (EPERM) and the file
// stays theirs, with the old group when they belong to it. Best effort, as the mode.
void keep_owner(int fd, const struct stat& old) {
    struct stat made {};
    if (::fstat(fd, &made) != 0 || (made.st_uid == old.st_uid && made.st_gid == old.st_gid)) return;
    if (::fchown(fd, old.st_uid, old.st_gid) == 0 || made.st_gid == old.st_gid) return;
    if (::fchown(fd, static_cast<uid_t>(-1), old.st_gid) != 0) return; // not a group of theirs
}

// The byte sink of a book written to a file: libzip writes the archive through it (ZIP_SOURCE_WRITE
// and friends) and it keeps the bytes in a buffer, writing them to a temporary file beside the
// target a buffer at a time; COMMIT_WRITE renames that file into place. libzip's own file source
// would name its temporary file with OpenSSL's RAND (loading its configuration) and write through
// stdio, which rereads a page at every seek: dozens of system calls for an 8 KB book.
struct FileSink {
    std::string path;         // the target, its links followed (resolve_output)
    TemporaryFile temp;       // the temporary file beside it, while it exists
    size_t capacity;          // the buffer is written out once it holds this much
    std::string buffer;       // the bytes from `flushed` on, not yet in the file
    zip_uint64_t flushed = 0; // bytes [0, flushed) are in the file
    zip_uint64_t offset = 0;  // where the next write goes
    zip_error_t error;
    // The first failure in octavo's words ("cannot write the book" with EFBIG, which describe()
    // says as "cannot write the book: File too large"), which OcfWriter::commit reports rather
    // than libzip's ("Write error: File too large").
    std::shared_ptr<Error> failure = std::make_shared<Error>();

    FileSink(std::string p, size_t cap) : path(std::move(p)), capacity(cap ? cap : 1) {
        zip_error_init(&error);
    }
    ~FileSink() {
        discard();
        zip_error_fini(&error);
    }
    FileSink(const FileSink&) = delete;
    FileSink& operator=(const FileSink&) = delete;

    zip_uint64_t size() const { return flushed + buffer.size(); }
    bool fail(int ze, int sys) {
        zip_error_set(&error, ze, sys);
        return false;
    }
    // what failed ("cannot rename the finished book into place"; empty for a write), and the
    // errno that says why (0: what says it all).
    bool fail(int ze, int sys, const std::string& what, int reason) {
        if (failure->message.empty()) {
            failure->code = Errc::archive;
            failure->message =
                what.empty() ? "cannot write the book" : "cannot write the book: " + what;
            failure->sys_errno = reason;
        }
        return fail(ze, sys);
    }
    std::string folder() const { return std::string(folder_part(path)); }

    // A temporary file beside the target (TemporaryFile: no OpenSSL, and named in the registry
    // remove_temporary_files() reads). A book that replaces one keeps its owner and group
    // (keep_owner) and its permissions, but never a setuid, setgid or sticky bit: a book is no
    // program. A new book gets the mode a new file gets (0666 less the umask).
    bool begin() {
        discard();
        mode_t mode;
        struct stat old {};
        const bool replacing = ::stat(path.c_str(), &old) == 0;
        if (replacing) {
            mode = old.st_mode & 0777;
        } else {
            mode_t mask = ::umask(0); // the only way to read it; libzip does the same
            ::umask(mask);
            mode = 0666 & ~mask;
        }
        if (!temp.create_beside(path)) {
            int e = errno;
            std::string f = folder(), why = e == ENOENT ? missing_folder(f) : "";
            if (!why.empty()) return fail(ZIP_ER_TMPOPEN, e, why, 0);
            return fail(ZIP_ER_TMPOPEN, e,
                        "cannot create a file in " +
                            (f.empty() ? "the current folder" : "the folder " + f),
                        e);
        }
        if (replacing) keep_owner(temp.fd(), old);
        (void)::fchmod(temp.fd(), mode); // best effort, as libzip: some file systems refuse it
        buffer.clear();
        flushed = offset = 0;
        return true;
    }

    bool write_at(const char* data, size_t n, zip_uint64_t at) {
        while (n > 0) {
            ssize_t w = ::pwrite(temp.fd(), data, n, static_cast<off_t>(at));
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) { // nothing written: a full disk
                int e = w < 0 ? errno : ENOSPC;
                return fail(ZIP_ER_WRITE, e, "", e);
            }
            data += w;
            n -= static_cast<size_t>(w);
            at += static_cast<zip_uint64_t>(w);
        }
        return true;
    }

    bool flush() {
        if (buffer.empty()) return true;
        if (!write_at(buffer.data(), buffer.size(), flushed)) return false;
        flushed += buffer.size();
        buffer.clear();
        return true;
    }

    // libzip writes at the end, except that it seeks back to rewrite an entry's local header once
    // the entry is written: those bytes may be in the file already, or still in the buffer.
    bool write(const char* data, zip_uint64_t n) {
        if (offset < flushed) {
            auto k = static_cast<size_t>(std::min(n, flushed - offset));
            if (!write_at(data, k, offset)) return false;
            data += k;
            n -= k;
            offset += k;
        }
        if (n == 0) return true;
        auto at = static_cast<size_t>(offset - flushed); // <= buffer.size(): no seek past the end
        auto over = static_cast<size_t>(std::min<zip_uint64_t>(n, buffer.size() - at));
        buffer.replace(at, over, data, over);
        buffer.append(data + over, static_cast<size_t>(n) - over);
        offset += n;
        return buffer.size() < capacity || flush();
    }

    // Everything written: close the file and rename it over the target. No fsync, as libzip.
    bool commit() {
        if (temp.fd() < 0) return fail(ZIP_ER_INTERNAL, 0);
        if (!flush()) {
            discard();
            return false;
        }
        std::string().swap(buffer);
        if (!temp.close()) {
            int e = errno;
            discard();
            return fail(ZIP_ER_WRITE, e, "", e);
        }
        if (!temp.rename_to(path)) {
            int e = errno;
            discard();
            return fail(ZIP_ER_RENAME, e, "cannot rename the finished book into place", e);
        }
        return true;
    }

    // Drops the temporary file, if any; the target stays as it was.
    void discard() {
        temp.remove();
        std::string().swap(buffer);
        flushed = offset = 0;
    }
};

// libzip is C: nothing may unwind through it. Every callback runs its command through this,
// which turns an exception (std::bad_alloc above all) into libzip's error for the command.
template <class F> zip_int64_t guarded(zip_error_t* error, F&& run) noexcept {
    try {
        return run();
    } catch (const std::bad_alloc&) {
        zip_error_set(error, ZIP_ER_MEMORY, 0);
    } catch (...) {
        zip_error_set(error, ZIP_ER_INTERNAL, 0);
    }
    return -1;
}

zip_int64_t sink_command(FileSink* s, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
    case ZIP_SOURCE_STAT:
        // No archive to read: libzip takes this error for a file that does not exist yet, and
        // starts an empty archive (ZIP_CREATE) without opening the source for reading.
        zip_error_set(&s->error, ZIP_ER_READ, ENOENT);
        return -1;
    case ZIP_SOURCE_BEGIN_WRITE:
        return s->begin() ? 0 : -1;
    case ZIP_SOURCE_WRITE:
        return s->write(static_cast<const char*>(data), len) ? static_cast<zip_int64_t>(len) : -1;
    case ZIP_SOURCE_SEEK_WRITE: {
        zip_int64_t to = zip_source_seek_compute_offset(s->offset, s->size(), data, len, &s->error);
        if (to < 0) return -1;
        s->offset = static_cast<zip_uint64_t>(to);
        return 0;
    }
    case ZIP_SOURCE_TELL_WRITE:
        return static_cast<zip_int64_t>(s->offset);
    case ZIP_SOURCE_COMMIT_WRITE:
        return s->commit() ? 0 : -1;
    case ZIP_SOURCE_ROLLBACK_WRITE:
    case ZIP_SOURCE_REMOVE: // an archive with no entries: nothing is written
        s->discard();
        return 0;
    case ZIP_SOURCE_CLOSE:
        return 0;
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->error, data, len);
    case ZIP_SOURCE_FREE:
        delete s;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        // Writable implies seekable (OPEN, READ, SEEK, TELL), which libzip never uses here: it
        // reads an archive only if STAT finds one.
        return ZIP_SOURCE_SUPPORTS_WRITABLE;
    default: // OPEN, READ, SEEK, TELL
        zip_error_set(&s->error, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

zip_int64_t sink_callback(void* state, void* data, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<FileSink*>(state);
    return guarded(&s->error, [&] { return sink_command(s, data, len, cmd); });
}

} // namespace

Result<std::unique_ptr<OcfWriter>> OcfWriter::create(const std::string& path, long long mtime,
                                                     size_t buffer_bytes) {
    // Through a link, the book replaces the file it points to. A device (/dev/full), a pipe or
    // /dev/stdout is refused: the temporary file would go beside it and be renamed over it.
    auto target = resolve_output(path);
    if (!target) return target.error();
    if (target->kind != OutputTarget::Kind::file)
        return Error{Errc::io, path, 0, 0,
                     target->kind == OutputTarget::Kind::directory
                         ? "cannot write the book: is a directory"
                         : "cannot write the book: not a regular file"};
    std::string folder(folder_part(target->path));
    if (std::string why = missing_folder(folder); !why.empty())
        return Error{Errc::io, path, 0, 0, "cannot write the book: " + why};
    // Found now, not after the book is made: the temporary file would be made (create_beside
    // shortens its name) and the rename would fail.
    if (size_t name = target->path.size() - folder.size(); name > NAME_MAX)
        return Error{Errc::io, path, 0, 0,
                     "cannot write the book: its name is " + std::to_string(name) +
                         " bytes long, and a file name has at most " + std::to_string(NAME_MAX)};
    zip_error_t ze;
    zip_error_init(&ze);
    auto* sink = new FileSink(target->path, buffer_bytes);
    std::shared_ptr<Error> sink_failure = sink->failure;
    sink_failure->file = path; // as given: the book's other Errors name it so
    zip_source_t* src = zip_source_function_create(sink_callback, sink, &ze);
    if (!src) delete sink;
    zip* z = src ? zip_open_from_source(src, ZIP_CREATE | ZIP_TRUNCATE, &ze) : nullptr;
    if (!z) {
        Error e{Errc::io, path, 0, 0,
                std::string("cannot create the book: ") + zip_error_strerror(&ze)};
        zip_error_fini(&ze);
        if (src) zip_source_free(src); // frees the sink
        return e;
    }
    zip_error_fini(&ze);
    auto w = std::unique_ptr<OcfWriter>(new OcfWriter(z, path, mtime));
    w->sink_failure_ = std::move(sink_failure);
    return w;
}

Result<std::unique_ptr<OcfWriter>> OcfWriter::create_in_memory(long long mtime) {
    zip_error_t ze;
    zip_error_init(&ze);
    zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &ze);
    zip_t* z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : nullptr;
    if (!z) {
        Error e{Errc::archive, "", 0, 0,
                std::string("cannot create the book in memory: ") + zip_error_strerror(&ze)};
        zip_error_fini(&ze);
        if (src) zip_source_free(src);
        return e;
    }
    zip_error_fini(&ze);
    zip_source_keep(src); // the archive releases its reference in zip_close; the bytes stay
    auto w = std::unique_ptr<OcfWriter>(new OcfWriter(z, "", mtime));
    w->memory_ = src;
    return w;
}

Error OcfWriter::libzip_error(const std::string& what) const {
    return Error{Errc::archive, path_, 0, 0, what + ": " + zip_strerror(zip_)};
}

namespace {

// Formats compressed already, by the extension octavo gives their files.
bool is_stored(const std::string& name) {
    static const char* const exts[] = {".jpg",   ".jpeg", ".png", ".gif", ".webp", ".woff",
                                       ".woff2", ".mp3",  ".mp4", ".m4a", ".ogg",  ".opus"};
    for (const char* e : exts) {
        size_t n = std::strlen(e);
        if (name.size() > n && name.compare(name.size() - n, n, e) == 0) return true;
    }
    return false;
}
// State of a lazy entry: libzip asks for the size (STAT) and then the data (OPEN, READ, CLOSE)
// when zip_close writes the entry; the data, always raw deflate of size bytes with this CRC, lives
// from the first of those until CLOSE.
struct LazySource {
    std::function<Result<Deflated>()> produce;
    std::shared_ptr<Error> error;
    std::string data;
    bool ready = false;
    bool closed = false;   // written: only its size is left
    zip_uint64_t size = 0; // once closed
    zip_uint64_t offset = 0;
    zip_uint32_t crc = 0;
    zip_uint64_t comp_size = 0; // once closed
    bool stored = false;        // the bytes themselves, not deflated
    zip_error_t zerr;

    bool fill() {
        if (ready) return true;
        if (!produce) { // data given once, already written
            zip_error_set(&zerr, ZIP_ER_INTERNAL, 0);
            return false;
        }
        auto r = produce();
        if (!r) {
            if (error->message.empty()) *error = r.error();
            zip_error_set(&zerr, ZIP_ER_INTERNAL, 0);
            return false;
        }
        Deflated d = std::move(*r);
        data = std::move(d.data);
        size = d.size;
        crc = static_cast<zip_uint32_t>(d.crc);
        stored = d.stored;
        ready = true;
        return true;
    }
};

zip_int64_t lazy_command(LazySource* s, void* out, zip_uint64_t len, zip_source_cmd_t cmd) {
    switch (cmd) {
    case ZIP_SOURCE_OPEN:
        s->offset = 0;
        s->closed = false;
        return s->fill() ? 0 : -1;
    case ZIP_SOURCE_READ: {
        zip_uint64_t n = std::min<zip_uint64_t>(len, s->data.size() - s->offset);
        std::memcpy(out, s->data.data() + s->offset, n);
        s->offset += n;
        return static_cast<zip_int64_t>(n);
    }
    case ZIP_SOURCE_CLOSE:
        // Released as soon as libzip has written it; libzip asks for the size once more after.
        s->comp_size = s->data.size();
        std::string().swap(s->data);
        s->ready = false;
        s->closed = true;
        return 0;
    case ZIP_SOURCE_STAT: {
        if (len < sizeof(zip_stat_t) || (!s->closed && !s->fill())) return -1;
        auto* st = static_cast<zip_stat_t*>(out);
        zip_stat_init(st);
        st->size = s->size;
        st->comp_size = s->closed ? s->comp_size : s->data.size();
        st->comp_method = s->stored ? ZIP_CM_STORE : ZIP_CM_DEFLATE;
        st->encryption_method = ZIP_EM_NONE;
        st->crc = s->crc;
        st->valid = ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD |
                    ZIP_STAT_ENCRYPTION_METHOD | ZIP_STAT_CRC;
        return sizeof(zip_stat_t);
    }
    case ZIP_SOURCE_ERROR:
        return zip_error_to_data(&s->zerr, out, len);
    case ZIP_SOURCE_FREE:
        zip_error_fini(&s->zerr);
        delete s;
        return 0;
    case ZIP_SOURCE_SUPPORTS:
        return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                              ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                              -1);
    default:
        zip_error_set(&s->zerr, ZIP_ER_OPNOTSUPP, 0);
        return -1;
    }
}

zip_int64_t lazy_callback(void* state, void* out, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<LazySource*>(state);
    if (cmd == ZIP_SOURCE_FREE) return lazy_command(s, out, len, cmd); // s is gone after it
    zip_int64_t r = guarded(&s->zerr, [&] { return lazy_command(s, out, len, cmd); });
    // The producer's own Error says more than libzip's code, and commit() reports it.
    if (r < 0 && s->error && s->error->message.empty() &&
        zip_error_code_zip(&s->zerr) == ZIP_ER_MEMORY)
        *s->error = Error{Errc::archive, "", 0, 0, "out of memory"};
    return r;
}

// A libzip source over state, which it owns from here on (freed by ZIP_SOURCE_FREE, or now).
zip_source_t* function_source(zip_t* archive, LazySource* state) {
    zip_error_init(&state->zerr);
    zip_source_t* src = zip_source_function(archive, lazy_callback, state);
    if (!src) {
        zip_error_fini(&state->zerr);
        delete state;
    }
    return src;
}

} // namespace

Status OcfWriter::add_lazy(const std::string& name, std::function<Result<std::string>()> produce) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (!lazy_error_) lazy_error_ = std::make_shared<Error>();
    // Deflated (or stored) as every entry: libzip only copies the bytes.
    auto packed = [name, produce = std::move(produce)]() -> Result<Deflated> {
        auto r = produce();
        if (!r) return r.error();
        return pack(name, *r);
    };
    auto* state =
        new LazySource{std::move(packed), lazy_error_, {}, false, false, 0, 0, 0, 0, false, {}};
    zip_source_t* src = function_source(zip_, state);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src, is_stored(name));
}

Deflated pack(const std::string& name, const std::string& data) {
    if (!is_stored(name)) return deflate(data);
    Deflated out;
    out.size = data.size();
    out.crc = libdeflate_crc32(0, data.data(), data.size());
    out.data = data;
    out.stored = true;
    return out;
}

Deflated deflate(const std::string& data) {
    // One compressor per thread (the main one and a volume's deflating thread), made on first use
    // and kept: making one costs more than compressing a small document.
    struct Free {
        void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
    };
    thread_local std::unique_ptr<libdeflate_compressor, Free> compressor(
        libdeflate_alloc_compressor(deflate_level));
    if (!compressor) throw std::bad_alloc();
    Deflated out;
    out.size = data.size();
    out.crc = libdeflate_crc32(0, data.data(), data.size());
    out.data.resize(libdeflate_deflate_compress_bound(compressor.get(), data.size()));
    size_t n = libdeflate_deflate_compress(compressor.get(), data.data(), data.size(),
                                           out.data.data(), out.data.size());
    out.data.resize(n);
    out.data.shrink_to_fit();
    return out;
}

Status OcfWriter::add_deflated(const std::string& name, Deflated d, const Spool* spool) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (!lazy_error_) lazy_error_ = std::make_shared<Error>();
    if (d.spooled_at >= 0) {
        if (!spool) return Error{Errc::usage, path_, 0, 0, "no spool for " + name};
        auto state = new LazySource{[spool, d]() -> Result<Deflated> {
                                        auto data = spool->get(d);
                                        if (!data) return data.error();
                                        Deflated back = d;
                                        back.data = std::move(*data);
                                        return back;
                                    },
                                    lazy_error_,
                                    {},
                                    false,
                                    false,
                                    0,
                                    0,
                                    0,
                                    0,
                                    d.stored,
                                    {}};
        zip_source_t* src = function_source(zip_, state);
        if (!src) return libzip_error("cannot add " + name);
        return add_source(name, src, d.stored);
    }
    auto* state = new LazySource{nullptr,
                                 lazy_error_,
                                 std::move(d.data),
                                 true,
                                 false,
                                 d.size,
                                 0,
                                 static_cast<zip_uint32_t>(d.crc),
                                 0,
                                 d.stored,
                                 {}};
    zip_source_t* src = function_source(zip_, state);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src, d.stored);
}

std::unique_ptr<Spool> Spool::create(const std::string& folder) {
    // O_EXCL: the file can never be given a name (linkat) either.
    int fd = ::open(folder.empty() ? "." : folder.c_str(), O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC,
                    0600);
    if (fd < 0) return nullptr;
    return std::unique_ptr<Spool>(new Spool(fd));
}

Spool::~Spool() {
    ::close(fd_);
}

bool Spool::put(Deflated& d) {
    const char* p = d.data.data();
    size_t n = d.data.size();
    auto at = static_cast<off_t>(end_);
    while (n > 0) {
        ssize_t w = ::pwrite(fd_, p, n, at);
        if (w < 0 && errno == EINTR) continue;
        if (w <= 0) return false; // a full disk: what was written past end_ is written over later
        p += w;
        n -= static_cast<size_t>(w);
        at += w;
    }
    d.spooled_at = static_cast<long long>(end_);
    d.spooled_bytes = d.data.size();
    end_ += d.data.size();
    std::string().swap(d.data);
    return true;
}

Result<std::string> Spool::get(const Deflated& d) const {
    std::string out(static_cast<size_t>(d.spooled_bytes), '\0');
    size_t done = 0;
    while (done < out.size()) {
        ssize_t r = ::pread(fd_, out.data() + done, out.size() - done,
                            static_cast<off_t>(d.spooled_at) + static_cast<off_t>(done));
        if (r < 0 && errno == EINTR) continue;
        if (r <= 0) {
            Error e{Errc::archive, "", 0, 0, "cannot read back a document set aside"};
            e.sys_errno = r < 0 ? errno : EIO;
            return e;
        }
        done += static_cast<size_t>(r);
    }
    return out;
}

Status OcfWriter::add(const std::string& name, std::string data) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (zip_get_num_entries(zip_, 0) > 0) return add_deflated(name, pack(name, data));
    buffers_.push_back(std::move(data));
    const std::string& b = buffers_.back();
    zip_source_t* src = zip_source_buffer(zip_, b.data(), b.size(), 0);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src);
}

Status OcfWriter::add_source(const std::string& name, zip_source_t* src, bool stored) {
    zip_int64_t idx = zip_file_add(zip_, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return libzip_error("cannot add " + name);
    }
    bool store = stored || idx == 0; // compressed already, or the mimetype entry
    auto ui = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(zip_, ui, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
                                 store ? 0 : deflate_level) < 0 ||
        zip_file_set_dostime(zip_, ui, dos_time_, dos_date_, 0) < 0)
        return libzip_error("cannot set up " + name);
    return {};
}

Status OcfWriter::commit() {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (zip_close(zip_) < 0) {
        Error e = lazy_error_ && !lazy_error_->message.empty() ? *lazy_error_
                  : sink_failure_ && !sink_failure_->message.empty()
                      ? *sink_failure_
                      : libzip_error("cannot write the book");
        zip_discard(zip_);
        zip_ = nullptr;
        return e;
    }
    zip_ = nullptr;
    buffers_.clear();
    return memory_ ? read_back() : Status{};
}

Status OcfWriter::read_back() {
    auto fail = [&] {
        return Error{Errc::archive, "", 0, 0,
                     std::string("cannot read the book back from memory: ") +
                         zip_error_strerror(zip_source_error(memory_))};
    };
    if (zip_source_open(memory_) < 0) return fail();
    char chunk[16384];
    zip_int64_t n;
    while ((n = zip_source_read(memory_, chunk, sizeof chunk)) > 0)
        bytes_.append(chunk, static_cast<size_t>(n));
    Status st = n < 0 ? Status{fail()} : Status{};
    zip_source_close(memory_);
    return st;
}

} // namespace octavo
