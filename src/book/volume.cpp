#include "book/volume.hpp"

#include <libdeflate.h>
#include <pugixml.hpp>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "assets/image.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "core/words.hpp"
#include "render/split.hpp"

namespace octavo {
namespace {

Error syntax_error(const std::string& file, const YAML::Node& n, const std::string& msg) {
    return Error{Errc::syntax, file, n.Mark().line + 1, n.Mark().column + 1, msg};
}

// Metadata from one YAML node, through the front matter reader so keys mean the same.
Result<Metadata> node_metadata(const YAML::Node& n, const std::string& file, Warnings& warnings) {
    YAML::Emitter out;
    out << n;
    return parse_metadata(out.c_str(), file, std::max(0, n.Mark().line), warnings);
}

// A group-position: digits, or groups of digits with dots between them ("3", "2.1").
bool is_series_position(const std::string& s) {
    bool digit = false;
    for (char c : s) {
        if (c == '.' && !digit) return false;
        digit = c != '.';
        if (digit && (c < '0' || c > '9')) return false;
    }
    return digit;
}

std::string normalize_path(const std::string& path) {
    return std::filesystem::path(path).lexically_normal().generic_string();
}

// The volume's own words (its title page, the authors in its contents) are English whatever its
// language, as they always were.
const Words& volume_words() {
    return words_for("en");
}

std::string names(const std::vector<Person>& people) {
    std::string out;
    for (size_t i = 0; i < people.size(); ++i) {
        if (i > 0) out += i + 1 == people.size() ? volume_words().last_and : ", ";
        out += people[i].name;
    }
    return out;
}

void add_person(std::vector<Person>& list, const Person& p) {
    for (const auto& q : list)
        if (q.name == p.name) return;
    list.push_back(p);
}

} // namespace

bool is_volume_file_name(std::string_view path) {
    for (std::string_view ext : {".yaml", ".yml"})
        if (path.size() > ext.size() && ends_with_ignoring_case(path, ext)) return true;
    return false;
}

std::string article_prefix(size_t i) {
    char prefix[32];
    std::snprintf(prefix, sizeof prefix, "a%03zu", i + 1);
    return prefix;
}

std::string most_common_language(const std::vector<std::string>& langs) {
    std::map<std::string, int> count;
    std::string best;
    int best_count = 0;
    for (const auto& l : langs) {
        int c = ++count[l];
        if (c > best_count) best = l, best_count = c;
    }
    return best;
}

Result<Volume> parse_volume(std::string_view yaml, const std::string& file,
                            const std::string& base_dir, Warnings& warnings) {
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::DeepRecursion& e) { // yaml-cpp says "bad file"
        return Error{Errc::syntax, file, e.mark.line + 1, e.mark.column + 1,
                     "invalid YAML: lists or mappings nested more than 2000 levels deep"};
    } catch (const YAML::Exception& e) {
        return Error{Errc::syntax, file, e.mark.line + 1, e.mark.column + 1,
                     "invalid YAML: " + e.msg};
    }
    if (!root.IsMap())
        return Error{Errc::syntax, file, 1, 0,
                     "a volume file is a YAML mapping with 'title' and 'articles'"};
    auto meta = parse_metadata(yaml, file, 0, warnings);
    if (!meta) return meta.error();
    Volume v;
    v.file = file;
    v.meta = std::move(*meta);
    try {
        for (const char* key : {"editors", "editor"}) {
            if (!root[key]) continue;
            YAML::Node wrap;
            wrap["author"] = root[key];
            auto m = node_metadata(wrap, file, warnings);
            if (!m) return m.error();
            for (auto& p : m->authors) {
                if (p.role == "aut") p.role = "edt";
                v.meta.authors.push_back(p);
            }
        }
        YAML::Node position; // series: {position: 3}, or series-position: 3
        const char* position_key = nullptr;
        if (YAML::Node s = root["series"]) {
            YAML::Node name = s.IsMap() ? s["name"] : s;
            if (!name) return syntax_error(file, s, "'series' needs a name");
            auto n = yaml_text(name, "series", syntax_error(file, name, ""), false);
            if (!n) return n.error();
            v.series = *n;
            if (s.IsMap() && s["position"]) {
                position.reset(s["position"]);
                position_key = "series.position";
            }
        }
        if (root["series-position"]) {
            position.reset(root["series-position"]);
            position_key = "series-position";
        }
        if (position_key) {
            auto p = yaml_text(position, position_key, syntax_error(file, position, ""), false);
            if (!p) return p.error();
            v.series_position = *p;
            if (!is_series_position(v.series_position))
                return Error{Errc::metadata, file, position.Mark().line + 1,
                             position.Mark().column + 1,
                             "series position '" + v.series_position +
                                 "' must be a number of the form 3 or 2.1 (digits, and dots "
                                 "between them)"};
        }
        YAML::Node list = root["articles"];
        if (!list || !list.IsSequence() || list.size() == 0)
            return Error{Errc::syntax, file, 0, 0,
                         "a volume file needs 'articles:', a list of article files"};
        for (const auto& item : list) {
            VolumeItem vi;
            YAML::Node path = item;
            if (item.IsMap()) {
                const char* key = item["path"] ? "path" : "file";
                if (!item[key]) return syntax_error(file, item, "each article needs a 'path'");
                path.reset(item[key]);
            }
            auto p = yaml_text(path, "path", syntax_error(file, path, ""), false);
            if (!p) return p.error();
            if (p->empty()) return syntax_error(file, path, "empty article path");
            // A volume file comes with its articles, from anyone: it names files inside its own
            // folder only, as an article does its images, or a shared one could pack any file
            // the user can read. Inputs on the command line are the user's own choice.
            auto outside = [&](const std::string& how) {
                return Error{Errc::content, file, path.Mark().line + 1, path.Mark().column + 1,
                             "article path '" + *p + "' " + how +
                                 "; a volume file lists only files inside its own folder: put it "
                                 "in a folder above its articles, or list the articles on the "
                                 "command line"};
            };
            if ((*p)[0] == '/') return outside("is absolute");
            if (leaves_folder(*p)) return outside("leads out of the volume file's folder");
            vi.path = base_dir.empty() ? *p : base_dir + "/" + *p;
            if (!inside_folder(real_path(vi.path), base_dir.empty() ? "." : base_dir))
                return outside("leads out of the volume file's folder through a symbolic link");
            // It would be read as a Markdown article: its YAML source a chapter of the book.
            if (is_volume_file_name(*p))
                return Error{Errc::content, file, path.Mark().line + 1, path.Mark().column + 1,
                             same_file(vi.path, file)
                                 ? "a volume file cannot list itself (" + *p + ")"
                                 : "a volume file cannot list another volume file (" + *p + ")"};
            if (item.IsMap()) {
                auto m = node_metadata(item, file, warnings);
                if (!m) return m.error();
                vi.overrides = std::move(*m);
            }
            v.items.push_back(std::move(vi));
        }
    } catch (const YAML::Exception& e) {
        return Error{Errc::syntax, file, e.mark.line + 1, e.mark.column + 1,
                     "invalid volume file: " + e.msg};
    }
    return v;
}

Result<Volume> read_volume_file(const std::string& path, Warnings& warnings, Encoding encoding) {
    auto text = load_file(path);
    if (!text) return text.error();
    if (auto wide = find_wide_unicode(*text)) return not_utf8(path, *wide);
    if (encoding == Encoding::latin1) *text = latin1_to_utf8(*text, path, warnings);
    if (auto bad = find_invalid_utf8(*text)) return not_utf8(path, *bad);
    return parse_volume(*text, path, parent_folder(path, ""), warnings);
}

VolumePlanner::VolumePlanner(std::vector<std::string> sources, bool volume)
    : sources_(std::move(sources)), volume_(volume) {
    for (size_t i = 0; i < sources_.size(); ++i)
        by_path_.emplace(normalize_path(sources_[i]), i);
    articles_.resize(sources_.size());
    for (size_t i = 0; i < sources_.size(); ++i) {
        articles_[i].prefix = article_prefix(i);
        articles_[i].docs.push_back("text/" + articles_[i].prefix + ".xhtml");
    }
}

namespace {

// A site path as a key: no leading or trailing slash, no index.html, .html, .md or .markdown:
// "/docs/install/", "/docs/install.html" and "docs/install" are one page.
std::string site_key(std::string p) {
    if (size_t q = p.find_first_of("?#"); q != std::string::npos) p.resize(q);
    while (!p.empty() && p.front() == '/')
        p.erase(p.begin());
    while (!p.empty() && p.back() == '/')
        p.pop_back();
    for (const char* end : {"/index.html", "index.html", ".html", ".markdown", ".md"}) {
        size_t n = std::strlen(end);
        if (p.size() >= n && p.compare(p.size() - n, n, end) == 0) {
            p.resize(p.size() - n);
            break;
        }
    }
    while (!p.empty() && p.back() == '/')
        p.pop_back();
    return p;
}

// Where a site publishes an article: its front matter's permalink, url and aliases; Jekyll's
// default for a post (2019-05-21-title.md: 2019/05/21/title); and its own path, which Jekyll's
// {% link _docs/x.md %} and Hugo's ref name (every tail of it: the site's root is not known).
std::vector<std::string> site_keys(const Article& a, const std::string& source) {
    std::vector<std::string> keys;
    const auto& site = a.meta.site;
    for (const std::string* u : {&site.permalink, &site.url})
        if (!u->empty()) keys.push_back(site_key(*u));
    for (const auto& alias : site.aliases)
        keys.push_back(site_key(alias));
    std::string path = normalize_path(source);
    std::string stem = site_key(path);
    // A page bundle (Hugo's posts/x/index.md) is published as its folder.
    for (const char* index : {"/index", "/_index"}) {
        size_t n = std::strlen(index);
        if (stem.size() > n && stem.compare(stem.size() - n, n, index) == 0)
            stem.resize(stem.size() - n);
    }
    for (size_t k = 0;; ++k) {
        keys.push_back(stem.substr(k));
        k = stem.find('/', k);
        if (k == std::string::npos) break;
    }
    std::string name = stem.substr(stem.rfind('/') + 1);
    if (name.size() > 11 && name[4] == '-' && name[7] == '-' && name[10] == '-' &&
        std::isdigit(static_cast<unsigned char>(name[0])))
        keys.push_back(name.substr(0, 4) + "/" + name.substr(5, 2) + "/" + name.substr(8, 2) + "/" +
                       name.substr(11));
    keys.erase(std::remove(keys.begin(), keys.end(), std::string()), keys.end());
    return keys;
}

} // namespace

std::optional<size_t> VolumePlanner::find_on_site(const std::string& path) const {
    std::string key = site_key(path);
    if (key.empty() || ambiguous_site_urls_.count(key)) return std::nullopt;
    auto it = by_site_url_.find(key);
    return it == by_site_url_.end() ? std::nullopt : std::optional(it->second);
}

std::string VolumePlanner::resolve(size_t from, const std::string& base_dir, const std::string& url,
                                   bool final, std::string& problem, bool* deferred) const {
    size_t hash = url.find('#');
    std::string file = percent_decode(url.substr(0, hash));
    std::string frag = hash == std::string::npos ? "" : percent_decode(url.substr(hash + 1));
    if (file.empty()) return {};
    std::optional<size_t> found;
    if (file[0] == '/') {
        // A page of the article's site ("/docs/install/", Jekyll's {% link %}, Hugo's ref):
        // an article of the book when one is published there. Those added later are known only
        // at the end.
        found = find_on_site(file);
        if (!found && !final) {
            if (deferred) *deferred = true;
            problem.clear();
            return {};
        }
        if (!found) {
            if (!base_url.empty()) { // the page on the site, as a link out of the book
                std::string b = base_url;
                while (!b.empty() && b.back() == '/')
                    b.pop_back();
                return b + url;
            }
            problem = "no article of the book is published at that path of its site (--base-url "
                      "names the site)";
            return {};
        }
    } else {
        std::string path = normalize_path((base_dir.empty() ? "." : base_dir) + "/" + file);
        auto it = by_path_.find(path);
        found = it != by_path_.end() ? std::optional(it->second) : find_real(path);
    }
    // Problems with links outside the book or to earlier articles are reported while planning;
    // those with links to this or later articles' headings when they can be checked, at the end.
    if (!found) {
        problem = final ? "" : "it points outside the book";
        return {};
    }
    size_t to = *found;
    const ArticlePlan& target = articles_[to];
    if (frag.empty()) return target.docs.front();
    if (!final && to >= from) {
        if (deferred) *deferred = true;
        return target.docs.front();
    }
    for (const std::string& key : {frag, has_slug(frag) ? slugify(frag) : frag})
        if (auto a = target.anchors.find(key); a != target.anchors.end()) return a->second;
    problem = final && to < from ? "" : "no heading '#" + frag + "' in " + sources_[to];
    return {};
}

// The article at path, compared by real path: `a/x.md` linking to `../b/y.md` finds the article
// given as `/home/me/b/y.md` or through a symbolic link to b.
std::optional<size_t> VolumePlanner::find_real(const std::string& path) const {
    std::string real = real_path(path);
    if (real.empty()) return std::nullopt;
    if (!real_paths_made_) {
        for (size_t i = 0; i < sources_.size(); ++i)
            if (std::string r = real_path(sources_[i]); !r.empty())
                by_real_path_.emplace(std::move(r), i);
        real_paths_made_ = true;
    }
    auto it = by_real_path_.find(real);
    return it == by_real_path_.end() ? std::nullopt : std::optional(it->second);
}

RenderOptions VolumePlanner::render_options(size_t i, const std::string& base_dir, bool final,
                                            Warnings* link_warnings, bool* deferred) const {
    RenderOptions ro;
    ro.id_prefix = articles_[i].prefix;
    ro.doc_path = articles_[i].docs.front();
    ro.max_doc_bytes = max_doc_bytes;
    if (final) ro.split_at = articles_[i].split_at;
    ro.link_warnings = link_warnings;
    ro.resolve_link = [this, i, base_dir, final, deferred](const std::string& url,
                                                           std::string& problem) {
        return resolve(i, base_dir, url, final, problem, deferred);
    };
    return ro;
}

void VolumePlanner::add(size_t i, const Article& article, RenderedArticle& r) {
    ArticlePlan& a = articles_[i];
    a.docs.clear();
    for (const auto& d : r.docs)
        a.docs.push_back(d.path);
    a.split_at = r.split_at;
    a.anchors = std::move(r.anchors);
    a.fingerprint = article.fingerprint;
    for (const auto& img : r.images)
        a.images.push_back(img.path);
    a.title = article.meta.title;
    for (const auto& key : site_keys(article, sources_[i])) {
        auto [it, added] = by_site_url_.emplace(key, i);
        if (!added && it->second != i) ambiguous_site_urls_.insert(key);
    }
    for (const auto& p : article.meta.authors)
        if (p.role == "aut") a.authors.push_back(p);
    langs_.push_back(article.meta.lang);
    // A section (a feed) is an entry of the contents above its articles, pointing at its first.
    const std::string* section =
        volume_ && i < sections.size() && !sections[i].empty() ? &sections[i] : nullptr;
    if (section && (i == 0 || sections[i - 1] != *section) && !r.docs.empty())
        toc_.push_back(TocEntry{*section, r.docs.front().path, 2, r.lang, r.rtl});
    const int down = section ? 2 : 1;
    for (auto& e : r.toc) {
        if (volume_) {
            e.level += down;
            e.lang = r.lang;
            e.rtl = r.rtl;
            if (e.level == 1 + down && !a.authors.empty())
                e.title += " \xE2\x80\x94 " + names(a.authors);
        }
        toc_.push_back(std::move(e));
    }
    // A volume's image is read again when it is packed (BookBuilder::reread_image): only where it
    // came from and what it was are kept. A single article's stay: its memory is the article's.
    for (auto& img : r.images) {
        if (volume_ && !img.reference.empty()) {
            img.fingerprint = {img.data.size(),
                               libdeflate_crc32(0, img.data.data(), img.data.size())};
            img.digest = image_digest(img.data);
            std::string().swap(img.data);
        }
        images_.push_back(std::move(img));
    }
    features_.images += r.features.images;
    features_.images_without_alt += r.features.images_without_alt;
    features_.tables = features_.tables || r.features.tables;
    features_.notes = features_.notes || r.features.notes;
}

bool VolumePlanner::agrees(size_t i, const RenderedArticle& r) const {
    const ArticlePlan& a = articles_[i];
    if (r.docs.size() != a.docs.size() || r.images.size() != a.images.size() ||
        r.anchors != a.anchors)
        return false;
    for (size_t k = 0; k < r.docs.size(); ++k)
        if (r.docs[k].path != a.docs[k]) return false;
    for (size_t k = 0; k < r.images.size(); ++k)
        if (r.images[k].path != a.images[k]) return false;
    return true;
}

Result<BookPlan> VolumePlanner::finish(Metadata meta, const std::string& series,
                                       const std::string& series_position, Warnings& warnings) {
    BookPlan plan;
    if (volume_) {
        if (is_blank_text(meta.title))
            return Error{Errc::usage, "", 0, 0,
                         "a volume of several articles needs a title (--title, or 'title:' in "
                         "the volume file)"};
        if (meta.lang.empty()) meta.lang = most_common_language(langs_);
        // The volume's own creators (editors, or --author) first; then every article author.
        std::vector<Person> authors;
        for (const auto& a : articles_)
            for (const auto& p : a.authors)
                add_person(authors, p);
        if (meta.authors.empty()) {
            meta.authors = authors;
        } else {
            for (const auto& p : authors) {
                bool creator = false;
                for (const auto& q : meta.authors)
                    creator = creator || (q.name == p.name && q.role == p.role);
                if (!creator) add_person(plan.contributors, p);
            }
        }
        auto st = finalize_metadata(meta, "", warnings);
        if (!st) return st.error;
        for (auto& p : plan.contributors)
            if (p.file_as.empty()) p.file_as = file_as_of(p.name);
    }
    plan.meta = std::move(meta);
    plan.series = series;
    plan.series_position = series_position;
    plan.rtl = is_rtl_language(plan.meta.lang);
    plan.features = features_;
    plan.resources = std::move(images_);
    for (const auto& a : articles_)
        for (const auto& d : a.docs)
            plan.spine.push_back(d);
    plan.bodymatter_href = plan.spine.front();
    if (volume_) {
        // Entries that repeat the book's language need not say so.
        for (auto& e : toc_)
            if (e.lang == plan.meta.lang) e.lang.clear();
        front_ = make_titlepage(plan);
        for (auto it = front_.rbegin(); it != front_.rend(); ++it)
            plan.spine.insert(plan.spine.begin(), it->path);
        plan.titlepage = front_.front().path;
        toc_.insert(toc_.begin(), TocEntry{plan.meta.title, plan.titlepage, 1, "", false});
    }
    plan.toc = std::move(toc_);
    return plan;
}

std::vector<ContentDoc> VolumePlanner::make_titlepage(const BookPlan& plan) const {
    const Metadata& m = plan.meta;
    pugi::xml_document doc;
    pugi::xml_node body;
    const std::string path = "text/titlepage.xhtml";
    start_xhtml(doc, m.lang, plan.rtl, m.title, "../css/octavo.css", &body);
    body.append_attribute("epub:type") = "frontmatter";
    auto page = body.append_child("section");
    page.append_attribute("epub:type") = "titlepage";
    page.append_attribute("class") = "titlepage";
    page.append_attribute("aria-labelledby") = "volume-title";
    auto header = page.append_child("header");
    auto h1 = header.append_child("h1");
    h1.append_attribute("id") = "volume-title";
    h1.text() = m.title.c_str();
    if (!m.subtitle.empty()) {
        auto p = header.append_child("p");
        p.append_attribute("class") = "subtitle";
        p.text() = m.subtitle.c_str();
    }
    std::vector<Person> editors;
    for (const auto& p : m.authors)
        if (p.role == "edt") editors.push_back(p);
    if (!editors.empty()) {
        auto p = header.append_child("p");
        p.append_attribute("class") = "editors";
        p.text() = (volume_words().edited_by + names(editors)).c_str();
    }
    if (!m.publisher.empty() || !m.date.empty()) {
        auto p = header.append_child("p");
        p.append_attribute("class") = "dateline";
        if (!m.publisher.empty()) {
            auto s = p.append_child("span");
            s.append_attribute("class") = "publisher";
            s.text() = m.publisher.c_str();
        }
        if (!m.publisher.empty() && !m.date.empty())
            p.append_child(pugi::node_pcdata).set_value(", ");
        if (!m.date.empty()) {
            auto t = p.append_child("time");
            t.append_attribute("datetime") = m.date.c_str();
            t.text() = display_date(m.date, m.lang).c_str();
        }
    }
    if (!plan.series.empty()) {
        auto p = header.append_child("p");
        p.append_attribute("class") = "series";
        std::string s = plan.series;
        if (!plan.series_position.empty()) s += ", " + plan.series_position;
        p.text() = s.c_str();
    }

    // Lists in chunks, so that a long title page can be split between them.
    const size_t chunk = 100;
    auto contents = page.append_child("h2");
    contents.append_attribute("id") = "volume-contents";
    contents.text() = volume_words().contents;
    pugi::xml_node ol;
    std::vector<Person> contributors;
    for (size_t i = 0; i < articles_.size(); ++i) {
        const ArticlePlan& a = articles_[i];
        if (i % chunk == 0) {
            ol = page.append_child("ol");
            ol.append_attribute("class") = "contents";
            if (i > 0) ol.append_attribute("start") = static_cast<unsigned>(i + 1);
        }
        auto li = ol.append_child("li");
        auto link = li.append_child("a");
        link.append_attribute("href") = a.docs.front().substr(5).c_str(); // beside titlepage
        if (langs_[i] != m.lang) {
            link.append_attribute("lang") = langs_[i].c_str();
            link.append_attribute("xml:lang") = langs_[i].c_str();
            link.append_attribute("dir") = is_rtl_language(langs_[i]) ? "rtl" : "ltr";
        }
        link.text() = a.title.c_str();
        if (!a.authors.empty()) {
            auto s = li.append_child("span");
            s.append_attribute("class") = "author";
            s.text() = (" \xE2\x80\x94 " + names(a.authors)).c_str();
        }
        for (const auto& p : a.authors)
            add_person(contributors, p);
    }
    if (!contributors.empty()) {
        auto h = page.append_child("h2");
        h.append_attribute("id") = "volume-contributors";
        h.text() = volume_words().contributors;
        pugi::xml_node ul;
        for (size_t i = 0; i < contributors.size(); ++i) {
            if (i % chunk == 0) {
                ul = page.append_child("ul");
                ul.append_attribute("class") = "contributors";
            }
            ul.append_child("li").text() = contributors[i].name.c_str();
        }
    }
    return split_document(doc, path, max_doc_bytes, nullptr, nullptr, nullptr);
}

} // namespace octavo
