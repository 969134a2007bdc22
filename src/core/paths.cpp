#include "core/paths.hpp"

#include <cstdlib>
#include <memory>

namespace octavo {

std::string real_path(const std::string& path) {
    std::unique_ptr<char, void (*)(void*)> real(::realpath(path.c_str(), nullptr), std::free);
    return real ? std::string(real.get()) : std::string();
}

bool inside_folder(const std::string& real, const std::string& folder) {
    std::string base = real_path(folder);
    if (real.empty() || base.empty()) return true; // missing: reading it fails with its message
    if (base != "/") base += '/';
    return real.compare(0, base.size(), base) == 0;
}

std::string_view folder_part(std::string_view path) {
    return path.substr(0, path.rfind('/') + 1); // npos + 1 is 0
}

std::string parent_folder(std::string_view path, std::string_view bare) {
    std::string_view folder = folder_part(path);
    if (folder.empty()) return std::string(bare);
    return std::string(folder.size() == 1 ? folder : folder.substr(0, folder.size() - 1));
}

bool leaves_folder(std::string_view path) {
    int depth = 0;
    size_t pos = 0;
    while (pos <= path.size()) {
        size_t slash = path.find('/', pos);
        std::string_view part =
            path.substr(pos, slash == std::string_view::npos ? path.npos : slash - pos);
        if (part == "..") {
            if (--depth < 0) return true;
        } else if (!part.empty() && part != ".") {
            ++depth;
        }
        if (slash == std::string_view::npos) break;
        pos = slash + 1;
    }
    return false;
}

} // namespace octavo
