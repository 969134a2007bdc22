// Several articles -> one book: a volume, its metadata and the articles it holds, as a volume file
// gives them (write_volume in book.hpp makes the book).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "octavo/article.hpp"
#include "octavo/error.hpp"
#include "octavo/export.hpp"

namespace octavo {

/// One article of a volume: the file to read and metadata that wins over the article's own.
struct VolumeItem {
    std::string path; ///< from a volume file: already resolved against its folder
    Metadata overrides;
    /// An article already read (a feed's entry, add_feed_to_volume): given as it is, path only
    /// names it in messages ("feed.xml, entry 3").
    std::shared_ptr<const Article> article;
    std::string entry_id; ///< a feed entry's id (or link): the volume holds each once
    std::string feed;     ///< the feed file an entry came from: never overwritten
    /// The section of the table of contents the article is under (a feed's title, when the book
    /// holds more than one feed or other articles); empty: none.
    std::string section;
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
OCTAVO_API bool is_volume_file_name(std::string_view path);

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
OCTAVO_API Result<Volume> parse_volume(std::string_view yaml, const std::string& file,
                                       const std::string& base_dir, Warnings& warnings);

/// Reads a volume file; article paths are relative to its folder, and stay inside it. Like
/// articles, it must be UTF-8, or it is converted from Latin-1 first with Encoding::latin1.
OCTAVO_API Result<Volume> read_volume_file(const std::string& path, Warnings& warnings,
                                           Encoding encoding = Encoding::utf8);

/// An article of a volume that cannot be packaged: its place in Volume::items, and why.
struct ArticleFailure {
    size_t index = 0;
    Error error;
};
struct BookOptions;
/// Reads and renders each article of the volume on its own, as write_volume would (with its
/// overrides, the volume's language when it gives none, its metadata finalized), and gives the
/// error of every one that fails, in order: a volume's book stops at its first bad article, and
/// this finds them all in one run. Links between the articles are not followed. warnings
/// receives what reading and rendering them warns about.
OCTAVO_API std::vector<ArticleFailure>
find_failed_articles(const Volume& volume, const BookOptions& options, Warnings& warnings);

} // namespace octavo
