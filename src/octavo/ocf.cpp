#include "octavo/ocf.hpp"

#include <zip.h>

#include <sys/stat.h>

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
    return {};
}

} // namespace octavo
