// The OCF container: a zip written with libzip. `mimetype` goes first and stored; every entry has
// a known size and a fixed time; nothing reaches the target (a file or memory) until commit()
// succeeds.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <string>

#include "core/error.hpp"

struct zip;
struct zip_source;

namespace octavo {

/// An entry's data compressed as the writer does every entry but `mimetype` (raw deflate at level
/// 6, with libdeflate), ready for add_deflated; a quarter or so of the size of XHTML.
struct Deflated {
    std::string data;
    unsigned long crc = 0;
    unsigned long long size = 0; ///< uncompressed
    /// Set aside in a Spool: where its bytes are there (data is then empty), and how many.
    long long spooled_at = -1;
    unsigned long long spooled_bytes = 0;
    /// Not deflated but stored as it is (data holds the bytes themselves).
    bool stored = false;
};
Deflated deflate(const std::string& data);
/// The entry name's data as it goes into the archive: stored when its format is compressed
/// already (JPEG, PNG, GIF, WebP, WOFF, audio and video), where deflate gains a percent or two
/// for all its time; deflated otherwise.
Deflated pack(const std::string& name, const std::string& data);

/// Deflated entries set aside in an unnamed temporary file until the archive is written, so that
/// a volume's documents kept from its planning pass do not stay in memory. The file (O_TMPFILE)
/// never has a name: nothing is left behind, whatever ends the process. One thread puts, then
/// (after it) the writer reads back.
class Spool {
public:
    /// A spool in folder ("" for the current one), or nullptr when its file system cannot make an
    /// unnamed file (entries then stay in memory).
    static std::unique_ptr<Spool> create(const std::string& folder);
    ~Spool();
    Spool(const Spool&) = delete;
    Spool& operator=(const Spool&) = delete;

    /// Moves d's bytes to the file; false (d unchanged, still in memory) when it cannot.
    bool put(Deflated& d);
    /// d's bytes read back; an Error when they cannot be.
    Result<std::string> get(const Deflated& d) const;

private:
    explicit Spool(int fd) : fd_(fd) {}
    int fd_;
    unsigned long long end_ = 0;
};

class OcfWriter {
public:
    /// Starts a book at path. mtime (Unix time) stamps every entry, in UTC. libzip 1.7 passes the
    /// time through the process's local time zone, so a time in that zone's daylight-saving gap
    /// is stored an hour off: a program wanting the same bytes in every zone runs in UTC
    /// (TZ=UTC0), as the octavo command does. libzip writes the
    /// archive into a sink of ours: in commit(), a temporary file `path.XXXXXX` beside the target
    /// (TemporaryFile::create_beside, which shortens the name to fit NAME_MAX; given the target's
    /// permissions less any setuid, setgid or sticky bit, and as root its owner and group, if it
    /// exists, else 0666 less the umask), filled through a buffer of buffer_bytes (the bytes
    /// already written are patched in place when libzip rewrites a local header) and renamed
    /// over path once complete, without fsync. An existing file at path is untouched until then;
    /// on any failure, or without commit(), the temporary file is removed. Refuses a path that is
    /// a directory or not a regular file, whose folder does not exist, or whose name is longer
    /// than NAME_MAX.
    static Result<std::unique_ptr<OcfWriter>> create(const std::string& path, long long mtime,
                                                     size_t buffer_bytes = 256 * 1024);
    /// Starts a book in memory: after commit(), take_bytes() returns the archive.
    static Result<std::unique_ptr<OcfWriter>> create_in_memory(long long mtime);
    ~OcfWriter();
    OcfWriter(const OcfWriter&) = delete;
    OcfWriter& operator=(const OcfWriter&) = delete;

    /// Adds an entry; the writer keeps the data until commit(). The first entry must be
    /// `mimetype` and is stored uncompressed; the rest are deflated.
    Status add(const std::string& name, std::string data);
    /// Adds an entry whose data is produced only when libzip writes it (in commit()) and released
    /// as soon as it is written, so a book's documents need not all be in memory at once.
    /// produce is called once (again only if libzip asks twice) and must give the same bytes each
    /// time; its Error fails commit(). Not for the first entry.
    Status add_lazy(const std::string& name, std::function<Result<std::string>()> produce);
    /// Adds an entry already compressed by deflate() (raw deflate, its CRC-32 and size); the
    /// writer releases the data as soon as it is written. One set aside is read back from spool
    /// when libzip writes it (the spool must live until commit()).
    Status add_deflated(const std::string& name, Deflated data, const Spool* spool = nullptr);
    /// Writes the archive and renames it into place; on failure nothing is left behind.
    Status commit();
    /// The archive written by a committed in-memory writer (empty for a file writer); moves it out.
    std::string take_bytes() { return std::move(bytes_); }

private:
    OcfWriter(zip* archive, std::string path, long long mtime);
    Status read_back();
    Error libzip_error(const std::string& what) const;
    Status add_source(const std::string& name, ::zip_source* src, bool stored = false);

    zip* zip_ = nullptr;
    std::string path_;
    unsigned short dos_time_ = 0, dos_date_ = 0;
    std::deque<std::string> buffers_;
    std::shared_ptr<Error> lazy_error_;   ///< the first Error of a lazy entry's producer
    std::shared_ptr<Error> sink_failure_; ///< the file sink's first failure (no message: none)
    zip_source* memory_ = nullptr;        ///< the in-memory archive, kept past zip_close
    std::string bytes_;
};

} // namespace octavo
