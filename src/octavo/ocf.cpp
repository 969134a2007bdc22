#include "octavo/ocf.hpp"

#include <zip.h>
#include <zlib.h>

#include <cstring>
#include <sys/stat.h>

#include <ctime>

namespace octavo {

// zip's default level: libzip's (9) costs more time for a few bytes less on XHTML.
constexpr zip_uint32_t deflate_level = 6;

OcfWriter::OcfWriter(zip* archive, std::string path, long long mtime)
    : zip_(archive), path_(std::move(path)) {
    std::time_t t = static_cast<std::time_t>(mtime);
    std::tm tm{};
    gmtime_r(&t, &tm); // UTC: the same bytes in every time zone
    if (tm.tm_year < 80) tm = std::tm{0, 0, 0, 1, 0, 80, 0, 0, 0, 0, nullptr};
    dos_time_ =
        static_cast<unsigned short>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
    dos_date_ =
        static_cast<unsigned short>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

OcfWriter::~OcfWriter() {
    if (zip_) zip_discard(zip_);
    if (memory_) zip_source_free(memory_);
}

Result<std::unique_ptr<OcfWriter>> OcfWriter::create(const std::string& path, long long mtime) {
    // libzip would write its temporary file beside a device (/dev/full) and rename it over it.
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode))
        return Error{Errc::io, path, 0, 0,
                     S_ISDIR(st.st_mode) ? "cannot write the book: is a directory"
                                         : "cannot write the book: not a regular file"};
    std::string folder = path.substr(0, path.find_last_of('/') + 1);
    if (!folder.empty() && (::stat(folder.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)))
        return Error{Errc::io, path, 0, 0,
                     "cannot write the book: the folder " + folder + " does not exist"};
    int err = 0;
    zip* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        Error e{Errc::io, path, 0, 0,
                std::string("cannot create the book: ") + zip_error_strerror(&ze)};
        zip_error_fini(&ze);
        return e;
    }
    return std::unique_ptr<OcfWriter>(new OcfWriter(z, path, mtime));
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

// State of a lazy entry: libzip asks for the size (STAT) and then the data (OPEN, READ, CLOSE)
// when zip_close writes the entry; the data lives from the first of those until CLOSE.
struct LazySource {
    std::function<Result<std::string>()> produce;
    std::shared_ptr<Error> error;
    std::string data;
    bool ready = false;
    bool closed = false;   // written: only its size is left
    zip_uint64_t size = 0; // once closed
    zip_uint64_t offset = 0;
    bool deflated = false; // data is the raw deflate of size bytes with this CRC
    zip_uint32_t crc = 0;
    zip_uint64_t comp_size = 0; // once closed
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
        data = std::move(*r);
        ready = true;
        return true;
    }
};

zip_int64_t lazy_callback(void* state, void* out, zip_uint64_t len, zip_source_cmd_t cmd) {
    auto* s = static_cast<LazySource*>(state);
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
        if (!s->deflated) s->size = s->data.size();
        s->comp_size = s->data.size();
        std::string().swap(s->data);
        s->ready = false;
        s->closed = true;
        return 0;
    case ZIP_SOURCE_STAT: {
        if (len < sizeof(zip_stat_t) || (!s->closed && !s->fill())) return -1;
        auto* st = static_cast<zip_stat_t*>(out);
        zip_stat_init(st);
        st->size = s->closed || s->deflated ? s->size : s->data.size();
        st->comp_size = s->deflated ? (s->closed ? s->comp_size : s->data.size()) : st->size;
        st->comp_method = s->deflated ? ZIP_CM_DEFLATE : ZIP_CM_STORE;
        st->encryption_method = ZIP_EM_NONE;
        st->valid =
            ZIP_STAT_SIZE | ZIP_STAT_COMP_SIZE | ZIP_STAT_COMP_METHOD | ZIP_STAT_ENCRYPTION_METHOD;
        if (s->deflated) {
            st->crc = s->crc;
            st->valid |= ZIP_STAT_CRC;
        }
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
    auto* state =
        new LazySource{std::move(produce), lazy_error_, {}, false, false, 0, 0, false, 0, 0, {}};
    zip_source_t* src = function_source(zip_, state);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src);
}

Deflated deflate(const std::string& data) {
    Deflated out;
    out.size = data.size();
    out.crc = crc32(0, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    z_stream z{};
    deflateInit2(&z, deflate_level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY); // raw, as in zip
    out.data.resize(deflateBound(&z, static_cast<uLong>(data.size())));
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z.avail_in = static_cast<uInt>(data.size());
    z.next_out = reinterpret_cast<Bytef*>(out.data.data());
    z.avail_out = static_cast<uInt>(out.data.size());
    ::deflate(&z, Z_FINISH);
    out.data.resize(z.total_out);
    out.data.shrink_to_fit();
    deflateEnd(&z);
    return out;
}

Status OcfWriter::add_deflated(const std::string& name, Deflated d) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (!lazy_error_) lazy_error_ = std::make_shared<Error>();
    auto* state = new LazySource{nullptr, lazy_error_, std::move(d.data),
                                 true,    false,       d.size,
                                 0,       true,        static_cast<zip_uint32_t>(d.crc),
                                 0,       {}};
    zip_source_t* src = function_source(zip_, state);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src);
}

Status OcfWriter::add(const std::string& name, std::string data) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    buffers_.push_back(std::move(data));
    const std::string& b = buffers_.back();
    zip_source_t* src = zip_source_buffer(zip_, b.data(), b.size(), 0);
    if (!src) return libzip_error("cannot add " + name);
    return add_source(name, src);
}

Status OcfWriter::add_source(const std::string& name, zip_source_t* src) {
    zip_int64_t idx = zip_file_add(zip_, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return libzip_error("cannot add " + name);
    }
    bool store = idx == 0; // the mimetype entry
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
        Error e = lazy_error_ && !lazy_error_->message.empty()
                      ? *lazy_error_
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
