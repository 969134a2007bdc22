// The path policy: a file named by an input (an article's image, a stylesheet's font, a volume
// file's article) is looked up relative to that input's folder, and never outside it.
#pragma once

#include <string>
#include <string_view>

namespace octavo {

/// path with every link, "." and ".." resolved, or "" when it does not exist.
std::string real_path(const std::string& path);

/// True when real (a real_path) is inside folder (or either does not exist).
bool inside_folder(const std::string& real, const std::string& folder);

/// True when a relative path ('/'-separated) climbs out of its folder through "..", on paper.
bool leaves_folder(std::string_view path);

} // namespace octavo
