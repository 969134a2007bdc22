// Feeds: Atom 1.0, RSS 2.0 and 0.9x, RSS 1.0 (RDF) and JSON Feed 1.0 and 1.1, each entry an
// article. A feed is told by its content (its root element and namespace, or a JSON object with
// a jsonfeed.org version), whatever its name; its entries' content is read by the HTML reader
// with the whole body kept, relative URLs resolved against xml:base and the entry's and the
// feed's links. DTDs are never read: no entity a feed declares is expanded, no external one
// fetched.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "octavo/article.hpp"
#include "octavo/error.hpp"
#include "octavo/export.hpp"
#include "octavo/fetch.hpp"
#include "octavo/volume.hpp"

namespace octavo {

enum class FeedFormat { atom, rss, rdf, json };

/// One entry of a feed, as an article: its metadata (title, authors, date, subjects, language,
/// the feed's title as publisher, its link as identifier) and its content as the HTML reader
/// reads a page's whole body.
struct FeedEntry {
    Article article;
    std::string id;        ///< the entry's id, else its link: what tells the same entry twice
    std::string link;      ///< the entry's page (resolved), if any
    std::string published; ///< W3CDTF, if the entry gives a date that can be read
    std::string updated;   ///< W3CDTF, likewise
};

/// A feed: its own metadata and its entries, in the feed's order (newest first, as feeds list
/// them) unless FeedOptions say otherwise.
struct Feed {
    FeedFormat format = FeedFormat::atom;
    /// title, subtitle, authors, lang, publisher, description, rights; cover_image when the
    /// feed's logo (or icon) is a local file beside the feed.
    Metadata meta;
    std::string link;   ///< the site's page, if the feed gives it
    std::string source; ///< the file (or URL) it was read from
    std::vector<FeedEntry> entries;
};

/// Which entries are kept, and in what order.
struct FeedOptions {
    /// An entry that gives only a summary (Atom's summary, RSS's description without
    /// content:encoded, JSON's summary) is read from its page instead: fetched through remote
    /// (one is made when null), its article taken out of it as for any page (--fetch-entries).
    bool fetch_summarized = false;
    RemoteFiles* remote = nullptr;
    /// The URL the feed was fetched from (its final URL): relative links resolve against it
    /// when the feed gives no xml:base or link of its own. Empty for a saved file.
    std::string base_url;
    /// W3CDTF: entries published (else updated) before it are left out; undated ones are kept.
    std::string since;
    /// The most entries kept, the first ones the feed lists (its newest); 0: all.
    std::size_t max_entries = 0;
    /// The entries in the reverse of the feed's order: oldest first.
    bool oldest_first = false;
};

/// True when bytes start like a feed: an XML document whose root is Atom's <feed>, <rss>, or
/// RDF's <rdf:RDF> with an RSS channel namespace, or a JSON object with a jsonfeed.org version.
/// Only the first few kilobytes are looked at.
OCTAVO_API bool looks_like_feed(std::string_view bytes);

/// (A fetched document is told a feed by web_content, fetch.hpp, which asks looks_like_feed.)

/// True when path names a feed: by its content (looks_like_feed over its first bytes), for any
/// name but Markdown's and plain text's. False when it cannot be read.
OCTAVO_API bool is_feed_file(const std::string& path);

/// Reads a feed from memory. source names it in messages (a file or a URL). A feed that is not
/// well-formed where the damage is small (an unescaped '&', a control character, a byte that is
/// not UTF-8) is repaired with a warning; otherwise refused with the line. An entry that cannot
/// become an article (no content, content refused) is left out with a warning naming it; an
/// entry without a title is given one (its first words, else its date) with a warning.
OCTAVO_API Result<Feed> read_feed(std::string_view bytes, const std::string& source,
                                  const FeedOptions& options, Warnings& warnings);

/// Reads a feed file (at most max_feed_bytes, core/limits.hpp).
OCTAVO_API Result<Feed> read_feed_file(const std::string& path, const FeedOptions& options,
                                       Warnings& warnings);

/// Appends the feed's entries to the volume, each an item holding its article, under a section
/// named after the feed in the table of contents when section is true. An entry already in the
/// volume (the same id, else link, from this feed or another) is left out.
OCTAVO_API void add_feed_to_volume(Volume& volume, const Feed& feed, bool section);

} // namespace octavo
