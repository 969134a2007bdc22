#include "assets/loader.hpp"

#include "core/paths.hpp"
#include "octavo/fetch.hpp"
#include "read/article.hpp"
#include "read/remote.hpp"

namespace octavo {
namespace {

std::string joined(const std::string& reference, const std::string& base_dir) {
    return base_dir.empty() ? reference : base_dir + "/" + reference;
}

} // namespace

std::string FileLoader::identity(const std::string& reference, const std::string& base_dir) const {
    if (base_dir.empty() && is_web_url(reference)) return reference;
    std::string path = joined(reference, base_dir);
    std::string real = real_path(path);
    return real.empty() ? path : real; // missing: reading it fails with its message
}

LoadedFile FileLoader::load(const std::string& reference, const std::string& base_dir,
                            Reach reach) const {
    if (base_dir.empty() && is_web_url(reference)) {
        if (!remote_) return {LoadedFile::unreadable, {}, "remote images are not fetched here"};
        auto data = remote_->image(reference);
        if (!data) return {LoadedFile::unreadable, {}, data.error().message};
        return {LoadedFile::none, std::move(*data), {}};
    }
    std::string path = joined(reference, base_dir);
    // The path stays inside the folder on paper; a symbolic link may still lead out of it.
    if (reach == Reach::inside && !inside_folder(real_path(path), base_dir))
        return {LoadedFile::outside, {}, {}};
    if (same_file(path, output_)) return {LoadedFile::output_file, {}, {}};
    auto data = read_file(path);
    if (!data) return {LoadedFile::unreadable, {}, data.error().message};
    return {LoadedFile::none, std::move(*data), {}};
}

std::string MemoryLoader::identity(const std::string& reference,
                                   const std::string& base_dir) const {
    return joined(reference, base_dir);
}

LoadedFile MemoryLoader::load(const std::string& reference, const std::string& base_dir,
                              Reach) const {
    auto it = files.find(joined(reference, base_dir));
    if (it == files.end())
        return {LoadedFile::unreadable, {}, "cannot read: No such file or directory"};
    return {LoadedFile::none, it->second, {}};
}

} // namespace octavo
