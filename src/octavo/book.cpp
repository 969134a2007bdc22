#include "octavo/book.hpp"

#include <uuid/uuid.h>

#include <ctime>
#include <map>
#include <string_view>

#include "octavo/ocf.hpp"
#include "octavo/package.hpp"
#include "octavo/text.hpp"
#include "octavo/xhtml.hpp"

namespace octavo {
namespace detail {
std::string_view asset(std::string_view name); // generated from assets/
}

namespace {

Status check_identifier(const Metadata& m, const std::string& source) {
    const std::string prefix = "urn:uuid:";
    if (m.identifier.rfind(prefix, 0) == 0) {
        uuid_t u;
        if (uuid_parse(m.identifier.c_str() + prefix.size(), u) != 0) {
            auto o = m.origin_of("identifier", source);
            return Error{Errc::metadata, o.file, o.line, 0,
                         "identifier '" + m.identifier + "' is not a valid urn:uuid"};
        }
    }
    return {};
}

std::string most_common_lang(const std::vector<Article>& articles) {
    std::map<std::string, int> count;
    std::string best;
    for (const auto& a : articles) {
        int c = ++count[a.meta.lang];
        if (c > count[best] || best.empty()) best = a.meta.lang;
    }
    return best;
}

} // namespace

const char* version() {
    return OCTAVO_VERSION;
}

Status write_book(std::vector<Article> articles, const BookOptions& options,
                  const std::string& path, Warnings& warnings) {
    if (articles.empty()) return Error{Errc::usage, "", 0, 0, "no articles to package"};
    for (const auto& a : articles)
        if (same_file(a.source, path))
            return Error{Errc::io, path, 0, 0, "the book would overwrite its input " + a.source};
    const bool volume = articles.size() > 1;
    if (!volume) articles[0].meta.merge(options.meta);

    BookPlan plan;
    for (auto& a : articles) {
        auto st = finalize_metadata(a.meta, a.source, warnings);
        if (!st) return st;
    }
    if (volume) {
        plan.meta = options.meta;
        if (plan.meta.title.empty())
            return Error{Errc::usage, "", 0, 0, "a volume of several articles needs --title"};
        if (plan.meta.lang.empty()) plan.meta.lang = most_common_lang(articles);
        if (plan.meta.authors.empty()) {
            for (const auto& a : articles)
                for (const auto& p : a.meta.authors) {
                    bool seen = false;
                    for (const auto& q : plan.meta.authors)
                        seen = seen || q.name == p.name;
                    if (!seen) plan.meta.authors.push_back(p);
                }
        }
        auto st = finalize_metadata(plan.meta, "", warnings);
        if (!st) return st;
    } else {
        plan.meta = articles[0].meta;
    }
    if (auto st = check_identifier(plan.meta, articles[0].source); !st) return st;
    if (plan.meta.identifier.empty()) plan.meta.identifier = make_identifier(plan.meta);

    long long now =
        options.timestamp >= 0 ? options.timestamp : static_cast<long long>(std::time(nullptr));
    plan.modified = iso_utc(now);
    plan.rtl = is_rtl_language(plan.meta.lang);
    auto css = detail::asset("octavo.css");
    plan.resources.push_back({"css/octavo.css", "text/css", std::string(css), ""});

    std::vector<ContentDoc> docs;
    for (size_t i = 0; i < articles.size(); ++i) {
        char prefix[32];
        std::snprintf(prefix, sizeof prefix, "a%03zu", i + 1);
        RenderOptions ro;
        ro.id_prefix = prefix;
        ro.doc_path = std::string("text/") + prefix + ".xhtml";
        auto r = render_article(articles[i], ro, warnings);
        if (!r) return r.error();
        for (auto& d : r->docs) {
            plan.spine.push_back(d.path);
            docs.push_back(std::move(d));
        }
        plan.toc.insert(plan.toc.end(), r->toc.begin(), r->toc.end());
        for (auto& img : r->images)
            plan.resources.push_back(std::move(img));
        plan.features.images += r->features.images;
        plan.features.images_without_alt += r->features.images_without_alt;
        plan.features.tables = plan.features.tables || r->features.tables;
        plan.features.notes = plan.features.notes || r->features.notes;
    }
    plan.bodymatter_href = plan.spine.front();

    auto writer = OcfWriter::create(path, now);
    if (!writer) return writer.error();
    auto& w = **writer;
    const std::string dir = std::string(package_dir) + "/";
    Status st = w.add("mimetype", "application/epub+zip");
    auto add = [&](const std::string& name, std::string data) {
        if (st) st = w.add(name, std::move(data));
    };
    add("META-INF/container.xml", make_container_xml());
    add(dir + "package.opf", make_opf(plan));
    add(dir + "nav.xhtml", make_nav(plan));
    add(dir + "toc.ncx", make_ncx(plan));
    for (auto& r : plan.resources)
        add(dir + r.path, std::move(r.data));
    for (auto& d : docs)
        add(dir + d.path, std::move(d.data));
    if (!st) return st;
    return w.commit();
}

} // namespace octavo
