#include "core/paths.hpp"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <system_error>

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

std::string absolute_path(const std::string& path) {
    std::error_code ec;
    auto p = std::filesystem::absolute(path.empty() ? "." : path, ec);
    if (ec) return path;
    std::string s = p.lexically_normal().string();
    if (s.size() > 1 && s.back() == '/') s.pop_back();
    return s;
}

std::string find_site_root(const std::string& folder) {
    namespace fs = std::filesystem;
    std::error_code ec;
    fs::path dir = absolute_path(folder);
    for (int up = 0; up < 64 && !dir.empty(); ++up) {
        auto has = [&](const char* name) { return fs::exists(dir / name, ec); };
        std::string found;
        if (has("_config.yml") || has("_config.yaml") || has("_config.toml")) {
            found = dir.string();
        } else if (has("hugo.toml") || has("hugo.yaml") || has("hugo.json") || has("config.toml") ||
                   has("config.yaml") || has("config.yml")) {
            found = fs::is_directory(dir / "static", ec) ? (dir / "static").string() : dir.string();
        } else if (has(".git")) {
            found = dir.string();
        }
        if (!found.empty()) return real_path(found) == "/" ? std::string() : found;
        if (dir == dir.root_path()) break;
        dir = dir.parent_path();
    }
    return {};
}

} // namespace octavo
