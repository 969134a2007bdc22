#include "octavo/ocf.hpp"

#include <zip.h>

#include <ctime>

namespace octavo {

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

Status OcfWriter::add(const std::string& name, std::string data) {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    buffers_.push_back(std::move(data));
    const std::string& b = buffers_.back();
    zip_source_t* src = zip_source_buffer(zip_, b.data(), b.size(), 0);
    if (!src) return libzip_error("cannot add " + name);
    zip_int64_t idx = zip_file_add(zip_, name.c_str(), src, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
        zip_source_free(src);
        return libzip_error("cannot add " + name);
    }
    bool store = idx == 0; // the mimetype entry
    auto ui = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(zip_, ui, store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 0) < 0 ||
        zip_file_set_dostime(zip_, ui, dos_time_, dos_date_, 0) < 0)
        return libzip_error("cannot set up " + name);
    return {};
}

Status OcfWriter::commit() {
    if (!zip_) return Error{Errc::usage, path_, 0, 0, "the book was already written"};
    if (zip_close(zip_) < 0) {
        Error e = libzip_error("cannot write the book");
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
