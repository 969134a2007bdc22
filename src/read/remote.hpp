// The pages and images one run fetches (octavo/fetch.hpp's RemoteFiles), each fetched once and
// kept in a spool: an unnamed temporary file, read back when a volume reads its article or packs
// its image again.
#pragma once

#include <functional>
#include <map>
#include <mutex>
#include <string>

#include "core/error.hpp"
#include "octavo/fetch.hpp"

namespace octavo {

class RemoteFiles {
public:
    /// What fetches one URL (is_page: an article, refused early when it is no page); tests give
    /// their own, and the default is libcurl's, through the fetch module.
    using Fetcher = std::function<Result<Fetched>(const std::string& url, const FetchLimits& limits,
                                                  bool is_page)>;
    explicit RemoteFiles(const FetchLimits& limits, Fetcher fetcher = {});
    ~RemoteFiles();
    RemoteFiles(const RemoteFiles&) = delete;
    RemoteFiles& operator=(const RemoteFiles&) = delete;

    /// The page at url (an article): fetched the first time, read back from the spool after.
    /// A body that is not an article (an image, a PDF) is refused without being read.
    Result<Fetched> page(const std::string& url);
    /// The bytes of the image at url, within max_remote_images, max_remote_image_bytes and
    /// max_remote_image_timeouts.
    Result<std::string> image(const std::string& url);

    const FetchLimits& limits() const { return limits_; }

private:
    struct Entry {
        Fetched meta; // bytes empty: they are in the spool (or in memory_)
        std::size_t offset = 0, size = 0;
        bool failed = false;
        Error error;
    };
    Result<Fetched> get(const std::string& url, bool is_page);
    bool store(Entry& e, std::string& bytes);
    Result<std::string> load(const Entry& e) const;

    FetchLimits limits_;
    Fetcher fetcher_;
    std::mutex mutex_;
    std::map<std::string, Entry> pages_, images_;
    int spool_ = -1; // the unnamed temporary file, or -1: bytes kept in memory_
    bool spool_tried_ = false;
    std::size_t spool_end_ = 0;
    std::map<std::size_t, std::string> memory_; // by offset, when there is no spool
    std::size_t image_count_ = 0, image_bytes_ = 0;
    long image_ms_ = 0; // spent fetching images
};

} // namespace octavo
