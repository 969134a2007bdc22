// Several articles -> one book: the volume file, and the plan that gives each article its ids,
// documents and place in the spine and the table of contents, resolves links between articles,
// credits every author and builds the volume's title page.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "package/package.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {

/// One article of a volume: the file to read and metadata that wins over the article's own.
struct VolumeItem {
    std::string path; ///< from a volume file: already resolved against its folder
    Metadata overrides;
};

/// A volume: its own metadata and an ordered list of articles.
struct Volume {
    /// title, subtitle, publisher, date, lang, cover-image, identifier...; authors holds the
    /// editors (role "edt") when the file names any.
    Metadata meta;
    std::string series;          ///< belongs-to-collection, if any
    std::string series_position; ///< its group-position ("3", "2.1"), if any
    std::vector<VolumeItem> items;
    /// The volume file it was read from, if any: named in messages, and never overwritten.
    std::string file;
};

/// True when path names a volume file: a name that ends in ".yaml" or ".yml" (after at least one
/// other character), as the command line tells a volume file from an article. A volume file is
/// never an article of a volume: parse_volume refuses one in 'articles:'.
bool is_volume_file_name(std::string_view path);

/// Parses a volume file:
///
///     title: A week of commentary          # and subtitle, publisher, date, lang, rights,
///     editors: [Jane Doe]                  #   description, subject, identifier, cover-image
///     series: {name: Weekly, position: 3}  # or series: Weekly + series-position: 3
///     articles:
///       - monday.md
///       - path: tuesday.txt
///         title: Tuesday                   # any front matter key overrides the article's
///
/// base_dir is the volume file's folder (empty: the current one): article paths are relative to
/// it and must stay inside it (no absolute path, no ".." out, no symbolic link out), or the
/// volume is refused with the path's line and column. So is a path that names a volume file
/// (is_volume_file_name): volumes do not nest.
Result<Volume> parse_volume(std::string_view yaml, const std::string& file,
                            const std::string& base_dir, Warnings& warnings);

/// Reads a volume file; article paths are relative to its folder, and stay inside it. Like
/// articles, it must be UTF-8, or it is converted from Latin-1 first with Encoding::latin1.
Result<Volume> read_volume_file(const std::string& path, Warnings& warnings,
                                Encoding encoding = Encoding::utf8);

/// What the plan keeps of one article after its first rendering.
struct ArticlePlan {
    std::string prefix;                         ///< id prefix, "a001"
    std::vector<std::string> docs;              ///< its content documents, in order
    std::vector<SplitPoint> split_at;           ///< where it was split (RenderOptions::split_at)
    std::map<std::string, std::string> anchors; ///< heading slug -> package href
    std::string title;
    std::vector<Person> authors;     ///< role "aut" only
    Fingerprint fingerprint;         ///< of the text it was read from (Article::fingerprint)
    std::vector<std::string> images; ///< package paths of its images, in order
};

/// Plans a book from its articles, given one at a time in order (each is rendered twice: once
/// to plan, once to write; nothing of the rendering is kept but what the plan needs).
class VolumePlanner {
public:
    /// sources: each article's file name, used to recognise links between articles. volume:
    /// a volume (title page, nested table of contents) rather than a single-article book.
    VolumePlanner(std::vector<std::string> sources, bool volume);

    /// How to render article i. Not final (the planning pass, articles added in order): links to
    /// earlier articles resolve; a link to a heading of this or a later article cannot yet, and
    /// sets *deferred (the rendering is then only good for planning). final (after every article
    /// was added): every link resolves, and only problems not reported before are warned about.
    /// link_warnings receives the warnings about links between files.
    RenderOptions render_options(size_t i, const std::string& base_dir, bool final,
                                 Warnings* link_warnings, bool* deferred = nullptr) const;

    /// Records article i (added in order) from its first rendering; takes its images.
    void add(size_t i, const Article& article, RenderedArticle& rendered);

    /// Whether a later rendering of article i agrees with the plan made from its first: the same
    /// documents, heading anchors and images (package paths, which carry the image's type), so
    /// that the nav, the NCX, the manifest and the images packed fit the documents written.
    bool agrees(size_t i, const RenderedArticle& rendered) const;

    /// The package plan once every article was added. meta is the volume's (for a single
    /// article, its finalized metadata); a volume without a title is an Error.
    Result<BookPlan> finish(Metadata meta, const std::string& series,
                            const std::string& series_position, Warnings& warnings);

    /// The title page documents (empty for a single article), valid after finish().
    const std::vector<ContentDoc>& front_matter() const { return front_; }
    const ArticlePlan& article(size_t i) const { return articles_[i]; }
    size_t size() const { return sources_.size(); }

    size_t max_doc_bytes = 300 * 1024;

private:
    std::string resolve(size_t from, const std::string& base_dir, const std::string& url,
                        bool final, std::string& problem, bool* deferred) const;
    std::vector<ContentDoc> make_titlepage(const BookPlan& plan) const;
    std::optional<size_t> find_real(const std::string& path) const;

    std::vector<std::string> sources_;
    std::map<std::string, size_t> by_path_; // normalized file name -> article
    // real path -> article, made on the first link that by_path_ does not find (an article named
    // by an absolute path or through a symbolic link); rendering is single-threaded.
    mutable std::map<std::string, size_t> by_real_path_;
    mutable bool real_paths_made_ = false;
    bool volume_;
    std::vector<ArticlePlan> articles_;
    std::vector<TocEntry> toc_;
    std::vector<Resource> images_;
    std::vector<std::string> langs_;
    Features features_;
    std::vector<ContentDoc> front_;
};

/// The id prefix of article i (0-based): "a001", "a002"...
std::string article_prefix(size_t i);

/// The most common language among the tags, the first seen on a tie.
std::string most_common_language(const std::vector<std::string>& langs);

} // namespace octavo
