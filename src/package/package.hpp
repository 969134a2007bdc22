// Package documents: the OPF, the navigation document, the NCX and META-INF/container.xml.
// Each is a function from the book plan to a serialized XML document; none does I/O.
#pragma once

#include <string>
#include <vector>

#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {

/// Everything the package documents describe. Paths are relative to the package folder.
struct BookPlan {
    Metadata meta;                    ///< finalized book metadata (title, lang, identifier...)
    std::vector<Person> contributors; ///< credited as dc:contributor
    std::string modified;             ///< dcterms:modified, "YYYY-MM-DDThh:mm:ssZ"
    std::vector<std::string> spine;   ///< content documents in reading order
    std::vector<Resource> resources;  ///< stylesheets and images (data may be empty here)
    std::vector<TocEntry> toc;        ///< in spine order; level 1 and deeper
    std::string bodymatter_href;      ///< landmark target of the first article
    std::string cover_page;           ///< XHTML cover page, if any (first in the spine)
    std::string titlepage;            ///< title page, if any
    Features features;
    bool rtl = false;            ///< page-progression-direction="rtl"
    std::string series;          ///< belongs-to-collection (a series), if any
    std::string series_position; ///< the book's group-position in it, if any
};

/// The package folder inside the container.
inline constexpr const char* package_dir = "EPUB";

std::string make_container_xml();
std::string make_opf(const BookPlan& plan);
std::string make_nav(const BookPlan& plan);
std::string make_ncx(const BookPlan& plan);

/// A name-based (v5) UUID URN for a book, from its title, authors and date.
std::string make_identifier(const Metadata& meta);

/// The manifest id of a package path ("text/a001.xhtml" -> "text-a001-xhtml").
std::string manifest_id(const std::string& path);

} // namespace octavo
