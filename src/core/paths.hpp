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

/// The folder part of a '/'-separated path, up to and with its last slash ("a/b/" for "a/b/c",
/// "/" for "/c"), "" for a bare file name: the file name is what follows it. By hand rather than
/// std::filesystem::path, whose parent_path() is "" for a bare name and "a" for "a//c".
std::string_view folder_part(std::string_view path);

/// The folder a file is in as dirname(1) names it ("a/b" for "a/b/c", "/" for "/c"), or bare for
/// a bare file name.
std::string parent_folder(std::string_view path, std::string_view bare = ".");

/// The root of the site an article in folder is part of, against which its site-absolute paths
/// ("/images/x.png") resolve: walking up from folder, the first folder that holds a Jekyll
/// configuration (_config.yml, _config.yaml, _config.toml: that folder), a Hugo one (hugo.toml,
/// hugo.yaml, hugo.json, config.toml, config.yaml, config.yml: its static/ folder when it has
/// one) or .git (a folder, or the file of a worktree). "" when there is none, and never "/".
std::string find_site_root(const std::string& folder);

/// path made absolute and without "." and ".." (on paper, links not followed).
std::string absolute_path(const std::string& path);

} // namespace octavo
