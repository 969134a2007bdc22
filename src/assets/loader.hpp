// The one place octavo reads the files its inputs refer to (an article's images, the fonts and
// images of the user's stylesheet, the cover image), and where the path policy is applied to
// them. Tests give an in-memory loader instead of files.
#pragma once

#include <map>
#include <string>

namespace octavo {

/// How far a reference may reach.
enum class Reach {
    /// Inside base_dir, through links too: a file an input names, from anyone (an article, a
    /// stylesheet). On paper (absolute, "..") the caller checks it first (leaves_folder), with
    /// its own message.
    inside,
    /// Anywhere: the user's own choice (the cover image).
    anywhere,
};

/// A file read for the book, or why it was not.
struct LoadedFile {
    enum Problem {
        none,
        outside,     ///< it leads out of base_dir through a link (Reach::inside)
        output_file, ///< it is the book's own file, which writing the book would overwrite
        unreadable,  ///< reading it failed: error says why
    };
    Problem problem = none;
    std::string data;
    std::string error;
};

class AssetLoader {
public:
    virtual ~AssetLoader() = default;
    /// The file reference names from base_dir (reference as it is when base_dir is empty): a
    /// name that is the same for every spelling of one file, so that it is packed once.
    virtual std::string identity(const std::string& reference,
                                 const std::string& base_dir) const = 0;
    /// Reads that file, if reach allows it and it is not the book's own file.
    virtual LoadedFile load(const std::string& reference, const std::string& base_dir,
                            Reach reach) const = 0;
    /// The file the book is written to ("": none), for messages.
    virtual const std::string& output_file() const = 0;
};

class RemoteFiles;

/// Files on disk; output_file (if any) is refused. With remote, a reference that is an http or
/// https URL (with an empty base_dir: the renderer gives web images so) is fetched through it
/// (once, kept in its spool for the volume's second reading); without, it is not read.
class FileLoader : public AssetLoader {
public:
    explicit FileLoader(std::string output_file = {}, RemoteFiles* remote = nullptr)
        : output_(std::move(output_file)), remote_(remote) {}
    std::string identity(const std::string& reference, const std::string& base_dir) const override;
    LoadedFile load(const std::string& reference, const std::string& base_dir,
                    Reach reach) const override;
    const std::string& output_file() const override { return output_; }

private:
    std::string output_;
    RemoteFiles* remote_;
};

/// Files held in memory, by path (base_dir + "/" + reference, or reference when base_dir is
/// empty): "." and ".." in paths are not resolved, and every file is inside every folder.
class MemoryLoader : public AssetLoader {
public:
    std::map<std::string, std::string> files;
    std::string identity(const std::string& reference, const std::string& base_dir) const override;
    LoadedFile load(const std::string& reference, const std::string& base_dir,
                    Reach reach) const override;
    const std::string& output_file() const override { return output_; }

private:
    std::string output_;
};

} // namespace octavo
