// Every article of a volume that cannot be packaged, found in one pass: a volume's book stops at
// its first bad article, and the CLI asks for the rest (to report them all, or to leave them out
// with --skip-failed) only when that happened.
#include "assets/loader.hpp"
#include "core/language.hpp"
#include "octavo/book.hpp"
#include "read/article.hpp"
#include "render/xhtml.hpp"

namespace octavo {

std::vector<ArticleFailure> find_failed_articles(const Volume& volume, const BookOptions& options,
                                                 Warnings& warnings) {
    Metadata meta = volume.meta;
    meta.merge(options.meta);
    std::shared_ptr<RemoteFiles> remote =
        options.remote ? options.remote : make_remote_files(options.fetch);
    const FileLoader files({}, remote.get());
    ReadOptions read = read_options(options);
    read.remote = remote.get();
    std::vector<ArticleFailure> failed;
    for (size_t i = 0; i < volume.items.size(); ++i) {
        auto a = read_article_file(volume.items[i].path, warnings, read);
        if (!a) {
            failed.push_back({i, a.error()});
            continue;
        }
        a->meta.merge(volume.items[i].overrides);
        if (a->meta.lang.empty() && !meta.lang.empty()) a->meta.lang = meta.lang;
        if (auto st = finalize_metadata(a->meta, a->source, warnings); !st) {
            failed.push_back({i, st.error});
            continue;
        }
        RenderOptions ro; // links to the other articles are not followed: each stands alone
        ro.assets = &files;
        ro.fetch_images = options.fetch_images;
        ro.resource_path = options.resource_path;
        ro.site_root = options.site_root;
        Warnings ignored; // about those links
        ro.link_warnings = &ignored;
        if (auto r = render_article(*a, ro, warnings); !r) failed.push_back({i, r.error()});
    }
    return failed;
}

} // namespace octavo
