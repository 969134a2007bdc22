// octavo: package articles (Markdown or plain text, with YAML front matter) into EPUB 3 books.
//
// The public API, in the order a program uses it:
//
//   read an article     read_article_file(path, warnings)                    article.hpp
//                       read_article(text, source, Format::markdown, warnings)
//   set its metadata    article.meta.title = ...; article.meta.merge(other)    article.hpp
//                       or BookOptions::meta, which overrides the article's
//   add it to a book    a std::vector<Article>: one article is a book, several a volume
//   write the book      write_book(articles, options, path, warnings)         book.hpp
//                       write_book_to_memory(articles, options, warnings)
//   or a volume file    read_volume_file(path, warnings), then write_volume   volume.hpp
//   or a web page       read_article_file("https://...", warnings), or        fetch.hpp
//                       fetch_url(url, limits) and read_article on its bytes
//
// Errors are values: every call returns a Result<T> or a Status whose Error holds a code (Errc),
// the input's file and line, and a message (error.hpp). Warnings (what octavo repaired or left
// out) are appended to the Warnings vector the caller passes. The library never prints, never
// exits and installs no signal handler; its only global state is the table of the temporary files
// it is writing, which a program's own handler of SIGINT or SIGTERM empties with
// remove_temporary_files() (output.hpp), async-signal-safe. A path that is a symbolic link is
// written through (the file it points to is replaced, the link kept); an output that is a device
// or a pipe is for write_book_to_memory. Only what these headers declare OCTAVO_API is exported
// (export.hpp).
//
//   #include <octavo/octavo.hpp>
//
//   octavo::Warnings warnings;
//   auto article = octavo::read_article("# Hello\n\nMy first book.\n", "hello.md",
//                                       octavo::Format::markdown, warnings);
//   if (!article) return fail(article.error().describe());
//   article->meta.lang = "en";
//   auto status = octavo::write_book({*article}, {}, "hello.epub", warnings);
//   if (!status) return fail(status.error.describe());
//
// Link with octavo::octavo (CMake: find_package(octavo)) or `pkg-config --libs octavo`; the
// headers need C++17.
#pragma once

#include "octavo/article.hpp"
#include "octavo/book.hpp"
#include "octavo/error.hpp"
#include "octavo/export.hpp"
#include "octavo/fetch.hpp"
#include "octavo/output.hpp"
#include "octavo/volume.hpp"
