// Several articles -> one book: the volume (octavo/volume.hpp), and the plan that gives each
// article its ids, documents and place in the spine and the table of contents, resolves links
// between articles, credits every author and builds the volume's title page.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "octavo/volume.hpp"
#include "package/package.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {

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

    /// Records article i (added in order) from its first rendering; takes its images, keeping of
    /// each read from a file its reference and fingerprint, not its bytes.
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
    std::string base_url; ///< BookOptions::base_url
    /// Each article's section of the table of contents (a feed's title), or "" (or none at
    /// all): consecutive articles of one section are listed under it, one level down.
    std::vector<std::string> sections;

private:
    std::string resolve(size_t from, const std::string& base_dir, const std::string& url,
                        bool final, std::string& problem, bool* deferred) const;
    std::vector<ContentDoc> make_titlepage(const BookPlan& plan) const;
    std::optional<size_t> find_real(const std::string& path) const;
    std::optional<size_t> find_on_site(const std::string& path) const;

    std::vector<std::string> sources_;
    std::map<std::string, size_t> by_path_; // normalized file name -> article
    // real path -> article, made on the first link that by_path_ does not find (an article named
    // by an absolute path or through a symbolic link); rendering is single-threaded.
    mutable std::map<std::string, size_t> by_real_path_;
    mutable bool real_paths_made_ = false;
    bool volume_;
    // Where each article added so far is published on its site (permalink, url, aliases, a
    // Jekyll post's dated path, its path without extension), as a key of site_key(); a key two
    // articles share finds neither.
    std::map<std::string, size_t> by_site_url_;
    std::set<std::string> ambiguous_site_urls_;
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
