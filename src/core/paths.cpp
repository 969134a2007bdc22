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
