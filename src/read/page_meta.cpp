// What a page says about itself, each field from its most reliable source first: schema.org
// JSON-LD (what publishers give search engines, checked by them), OpenGraph and article:*,
// <meta> names and Dublin Core, <time datetime> and bylines in the page, then <title>.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <map>

#include "core/language.hpp"
#include "core/text.hpp"
#include "read/article.hpp"
#include "read/page.hpp"

namespace octavo {
namespace {

using json = nlohmann::json;

struct Page {
    // property, name or itemprop -> content; RDFa's property first, the way pages that give both
    // mean it (<meta name="DC.title"> is an older spelling of the same thing).
    std::multimap<std::string, std::string> property, named;
    std::string title, lang, canonical;
    std::vector<std::string> json_ld;
    std::vector<std::pair<std::string, const GumboNode*>> bylines;
    std::vector<std::string> headings; // the text of the page's h1 elements
    std::string time; // the first <time datetime> that says it is the publication's
    std::string any_time;
    const GumboNode* article_start = nullptr; // the article's first element
    size_t bylines_before = 0;                // how many bylines come before it
    bool start_seen = false;

    std::string get(std::initializer_list<const char*> keys) const {
        for (const char* k : keys)
            for (const auto* meta : {&property, &named}) {
                auto range = meta->equal_range(k);
                for (auto it = range.first; it != range.second; ++it)
                    if (!is_blank_text(it->second)) return metadata_text(it->second);
            }
        return {};
    }
    std::vector<std::string> all(const char* key) const {
        std::vector<std::string> v;
        for (const auto* meta : {&property, &named}) {
            auto range = meta->equal_range(key);
            for (auto it = range.first; it != range.second; ++it)
                if (!is_blank_text(it->second)) v.push_back(metadata_text(it->second));
        }
        return v;
    }
};

bool is_url(const std::string& s) {
    return s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("//", 0) == 0;
}

// "By Jane Doe" and "Jane Doe | Staff writer" name Jane Doe.
std::string byline_name(std::string s) {
    s = metadata_text(s);
    std::string l = lower(s);
    for (const char* lead : {"by ", "by: ", "written by ", "posted by ", "par ", "por "})
        if (l.rfind(lead, 0) == 0) {
            s = metadata_text(s.substr(std::string(lead).size()));
            break;
        }
    // What follows a separator is a date or a role ("Dan Goodin - Apr 16, 2015").
    for (const char* sep :
         {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " \xC2\xB7 ", " \xE2\x80\xA2 ", "|"})
        if (auto cut = s.find(sep); cut != std::string::npos && cut > 0)
            s = metadata_text(s.substr(0, cut));
    // A handle or an invitation is no name ("Follow @jdoe").
    if (s.find('@') != std::string::npos || lower(s).rfind("follow ", 0) == 0) return {};
    return s.size() <= 100 ? s : std::string();
}

bool names_byline(const std::string& classes) {
    for (size_t b = 0; b < classes.size();) {
        size_t e = classes.find_first_of(" -_", b);
        if (e == std::string::npos) e = classes.size();
        std::string_view part(classes.data() + b, e - b);
        for (const char* w : {"byline", "author", "byauthor", "writtenby"})
            if (part == w) return true;
        b = e + 1;
    }
    return false;
}

void walk(const GumboNode* n, Page& p, bool in_head) {
    if (!is_element(n)) return;
    GumboTag t = tag_of(n);
    switch (t) {
    case GUMBO_TAG_HTML:
        p.lang = attr(n, "lang");
        if (p.lang.empty()) p.lang = attr(n, "xml:lang");
        break;
    case GUMBO_TAG_TITLE:
        if (p.title.empty() && in_head) p.title = text_of(n);
        return;
    case GUMBO_TAG_META: {
        std::string content = attr(n, "content");
        // RDFa lists several properties in one ("dc:description og:description").
        for (const char* k : {"property", "name", "itemprop", "http-equiv"}) {
            std::string keys = lower(collapse_space(attr(n, k)));
            for (size_t b = 0; b < keys.size();) {
                size_t e = keys.find(' ', b);
                if (e == std::string::npos) e = keys.size();
                std::string key = keys.substr(b, e - b);
                // Dublin Core is written dc:title, DC.title or dcterms:title: one name each.
                for (const char* ns : {"dc:", "dcterms:", "dcterm:"})
                    if (key.rfind(ns, 0) == 0)
                        key = (ns[2] == ':' ? "dc." : "dcterms.") + key.substr(std::strlen(ns));
                (std::strcmp(k, "property") == 0 ? p.property : p.named).emplace(key, content);
                b = e + 1;
            }
        }
        return;
    }
    case GUMBO_TAG_LINK:
        if (lower(attr(n, "rel")) == "canonical" && p.canonical.empty())
            p.canonical = collapse_space(attr(n, "href"));
        return;
    case GUMBO_TAG_SCRIPT:
        if (lower(collapse_space(attr(n, "type"))) == "application/ld+json") {
            const GumboVector& c = children_of(n);
            if (c.length && child_at(n, 0)->type == GUMBO_NODE_TEXT)
                p.json_ld.emplace_back(child_at(n, 0)->v.text.text);
        }
        return;
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_TEMPLATE:
        return;
    case GUMBO_TAG_TIME: {
        std::string dt = attr(n, "datetime");
        if (!dt.empty()) {
            std::string ip = lower(attr(n, "itemprop"));
            if (p.time.empty() && (has_attr(n, "pubdate") || ip == "datepublished")) p.time = dt;
            if (p.any_time.empty()) p.any_time = dt;
        }
        break;
    }
    default:
        break;
    }
    if (t == GUMBO_TAG_H1 && p.headings.size() < 8) p.headings.push_back(text_of(n));
    if (!in_head) {
        std::string rel = lower(attr(n, "rel"));
        std::string ip = lower(attr(n, "itemprop"));
        std::string cls = lower(attr(n, "class") + " " + attr(n, "id"));
        if (n == p.article_start) p.bylines_before = p.bylines.size(), p.start_seen = true;
        // Marked as a byline: rel=author, itemprop=author, or a class or id with a part (between
        // hyphens and underscores) byline, author, byauthor or writtenby.
        bool byline =
            rel == "author" || ip.find("author") != std::string::npos || names_byline(cls);
        if (byline && p.bylines.size() < 64) { // a page of stories has one each
            // itemprop=author may hold its name in itemprop=name.
            std::string name;
            for (unsigned i = 0; i < children_of(n).length && ip == "author"; ++i)
                if (lower(attr(child_at(n, i), "itemprop")) == "name")
                    name = text_of(child_at(n, i));
            if (name.empty()) name = text_of(n);
            // A name is short: a longer text is a box around one (an author's biography).
            name = name.size() <= 100 ? byline_name(name) : std::string();
            if (!name.empty()) p.bylines.emplace_back(name, n);
        }
    }
    const GumboVector& c = children_of(n);
    for (unsigned i = 0; i < c.length; ++i)
        walk(child_at(n, i), p, in_head || t == GUMBO_TAG_HEAD);
}

// ---- JSON-LD ----------------------------------------------------------------------------------

bool article_type(const json& type) {
    static const char* const types[] = {"Article",
                                        "NewsArticle",
                                        "BlogPosting",
                                        "Report",
                                        "ScholarlyArticle",
                                        "TechArticle",
                                        "SocialMediaPosting",
                                        "LiveBlogPosting",
                                        "OpinionNewsArticle",
                                        "AnalysisNewsArticle",
                                        "ReportageNewsArticle",
                                        "ReviewNewsArticle",
                                        "Review",
                                        "WebPage",
                                        "Recipe"};
    auto is = [&](const json& t) {
        if (!t.is_string()) return false;
        std::string s = t.get<std::string>();
        if (auto slash = s.rfind('/'); slash != std::string::npos) s = s.substr(slash + 1);
        for (const char* x : types)
            if (s == x) return true;
        return false;
    };
    if (type.is_array()) {
        for (const auto& t : type)
            if (is(t)) return true;
        return false;
    }
    return is(type);
}

int type_rank(const json& o) { // an article before a page
    auto t = o.find("@type");
    if (t == o.end()) return 9;
    std::string s = t->is_string() ? t->get<std::string>()
                    : t->is_array() && !t->empty() && (*t)[0].is_string()
                        ? (*t)[0].get<std::string>()
                        : "";
    return s == "WebPage" ? 2 : 1;
}

void find_articles(const json& j, std::vector<const json*>& out, int depth = 0) {
    if (depth > 8) return;
    if (j.is_array()) {
        for (const auto& e : j)
            find_articles(e, out, depth + 1);
    } else if (j.is_object()) {
        if (auto t = j.find("@type"); t != j.end() && article_type(*t)) out.push_back(&j);
        if (auto g = j.find("@graph"); g != j.end()) find_articles(*g, out, depth + 1);
        if (auto m = j.find("mainEntity"); m != j.end()) find_articles(*m, out, depth + 1);
    }
}

std::string text(const json& j) {
    if (j.is_string()) return metadata_text(j.get<std::string>());
    if (j.is_object())
        if (auto n = j.find("name"); n != j.end() && n->is_string())
            return metadata_text(n->get<std::string>());
    if (j.is_array() && !j.empty()) return text(j[0]);
    return {};
}

std::string field(const json& o, const char* key) {
    auto it = o.find(key);
    return it == o.end() ? std::string() : text(*it);
}

std::vector<std::string> names(const json& j) {
    std::vector<std::string> out;
    if (j.is_array()) {
        for (const auto& e : j)
            for (auto& n : names(e))
                out.push_back(n);
    } else if (std::string n = text(j); !n.empty() && !is_url(n)) {
        for (auto& one : split_names(n))
            out.push_back(one);
    }
    return out;
}

// ---- Titles -------------------------------------------------------------------------------------

// "Title - Site", "Title | Site", "Site: Title"...: the title, when a separator parts it from
// what is known to be the site: its name (og:site_name, JSON-LD's publisher), or what is left
// when the other part is the page's own heading. *suffix is then the site's part.
std::string strip_site(const std::string& title, const std::string& site,
                       const std::vector<std::string>& headings, std::string* suffix) {
    static const char* const seps[] = {" | ",           " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ",
                                       " :: ",          " / ", " \xC2\xBB ",     " \xC2\xB7 ",
                                       " \xE2\x80\xA2 "};
    auto same = [](const std::string& a, const std::string& b) {
        return !a.empty() && lower(a) == lower(b);
    };
    for (const char* sep : seps) {
        for (size_t at = title.find(sep); at != std::string::npos && at > 0;
             at = title.find(sep, at + 1)) {
            std::string before = metadata_text(title.substr(0, at));
            std::string after = metadata_text(title.substr(at + std::strlen(sep)));
            if (same(after, site)) return *suffix = after, before;
            if (same(before, site)) return *suffix = before, after;
            for (const auto& h : headings) {
                if (same(before, h)) return *suffix = after, before;
                if (same(after, h)) return *suffix = before, after;
            }
        }
    }
    return title;
}

// A <title> that names nothing else the page says: "A title of some words – Site Name" is the
// title less its suffix when the suffix is short (four words at most) and the title is not.
// (The meta titles publishers write for sharing are taken as they are.)
std::string strip_short_suffix(const std::string& title, std::string* suffix) {
    auto words = [](const std::string& t) {
        size_t n = 0;
        for (size_t i = 0; i < t.size(); ++i)
            if (t[i] != ' ' && (i == 0 || t[i - 1] == ' ')) ++n;
        return n;
    };
    size_t best = std::string::npos, len = 0;
    for (const char* sep : {" | ", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", " :: ", " \xC2\xBB ",
                            " \xC2\xB7 ", " \xE2\x80\xA2 "}) {
        size_t at = title.rfind(sep);
        if (at != std::string::npos && at > 0 && (best == std::string::npos || at > best))
            best = at, len = std::strlen(sep);
    }
    if (best == std::string::npos) return title;
    std::string before = metadata_text(title.substr(0, best));
    std::string after = metadata_text(title.substr(best + len));
    if (after.empty() || words(after) > 4 || words(before) < 4) return title;
    *suffix = after;
    return before;
}

std::string first_date(std::initializer_list<std::string> candidates) {
    for (const auto& c : candidates) {
        if (c.empty()) continue;
        if (is_valid_w3cdtf(c)) return c;
        if (auto d = read_date(c)) return *d;
    }
    return {};
}

} // namespace

Metadata page_metadata(const GumboNode* html, const Extraction& article) {
    Page p;
    if (!article.roots.empty()) p.article_start = article.roots.front();
    walk(html, p, false);
    if (!p.start_seen) p.bylines_before = p.bylines.size();
    Metadata m;

    // JSON-LD: the first article (or page) the page describes; a broken block is skipped.
    json ld = json::object();
    int best_rank = 9;
    for (std::string s : p.json_ld) {
        // Pages wrap it as XHTML and old browsers wanted: <![CDATA[ ... ]]>, <!-- ... -->.
        for (auto [open, close] :
             {std::pair<const char*, const char*>{"<![CDATA[", "]]>"}, {"<!--", "-->"}}) {
            size_t b = s.find_first_not_of(" \t\r\n");
            if (b != std::string::npos && s.compare(b, std::strlen(open), open) == 0) {
                s.erase(0, b + std::strlen(open));
                size_t e = s.rfind(close);
                if (e != std::string::npos) s.erase(e);
            }
        }
        json j = json::parse(s, nullptr, false);
        if (j.is_discarded()) continue;
        std::vector<const json*> found;
        find_articles(j, found);
        for (const json* o : found)
            if (int r = type_rank(*o); r < best_rank) ld = *o, best_rank = r;
    }
    const bool is_article = best_rank == 1;

    // The publisher JSON-LD names (Wikipedia's is the Wikimedia Foundation), else the site's name.
    std::string ld_publisher = ld.contains("publisher") ? text(ld["publisher"]) : "";
    std::string site = p.get({"og:site_name"});
    if (site.empty()) site = p.get({"application-name"});

    // headline and name are the same but where a site fills headline with a summary (Wikipedia
    // gives its short description): then the one the page's heading or <title> says.
    std::string title = is_article ? field(ld, "headline") : "";
    if (is_article) {
        std::string name = field(ld, "name");
        auto shown = [&](const std::string& t) {
            if (t.empty()) return false;
            for (const auto& h : p.headings)
                if (lower(metadata_text(h)) == lower(t)) return true;
            return lower(metadata_text(p.title)).rfind(lower(t), 0) == 0;
        };
        if (title.empty() || (!shown(title) && shown(name))) title = name;
    }
    if (title.empty())
        title = p.get(
            {"dc.title", "dcterms.title", "og:title", "twitter:title", "parsely-title", "title"});
    std::string suffix;
    if (title.empty()) title = metadata_text(p.title);
    const bool from_title_element = title == metadata_text(p.title);
    std::string stripped = strip_site(title, site, p.headings, &suffix);
    if (stripped == title && !ld_publisher.empty())
        stripped = strip_site(title, ld_publisher, p.headings, &suffix);
    if (stripped == title && from_title_element) stripped = strip_short_suffix(title, &suffix);
    m.title = stripped;
    m.publisher = !ld_publisher.empty() ? ld_publisher : !site.empty() ? site : suffix;

    if (ld.contains("author")) {
        for (auto& n : names(ld["author"]))
            m.authors.push_back({n, "aut", ""});
    }
    if (m.authors.empty()) {
        std::string a = p.get({"dc.creator", "dcterms.creator", "author", "article:author",
                               "og:article:author", "parsely-author", "sailthru.author", "byl"});
        a = byline_name(a);
        if (!a.empty() && !is_url(a))
            for (auto& n : split_names(a))
                m.authors.push_back({n, "aut", ""});
    }
    // A byline in the article, else the last before it (its header's); one after it is a
    // comment's or another story's.
    auto in_article = [&](const GumboNode* n) {
        for (; n; n = n->parent) {
            if (std::find(article.roots.begin(), article.roots.end(), n) != article.roots.end())
                return true;
        }
        return false;
    };
    const std::string* byline = nullptr;
    for (const auto& [name, node] : p.bylines)
        if (!byline && in_article(node)) byline = &name;
    if (!byline && p.bylines_before > 0) byline = &p.bylines[p.bylines_before - 1].first;
    if (m.authors.empty() && byline)
        for (auto& n : split_names(*byline))
            m.authors.push_back({n, "aut", ""});

    m.date = first_date(
        {is_article ? field(ld, "datePublished") : "",
         p.get({"article:published_time", "og:published_time", "datepublished", "date", "dc.date",
                "dc.date.issued", "dcterms.date", "dcterms.created", "dcterms.issued", "pubdate",
                "publishdate", "publish-date", "publication_date", "sailthru.date",
                "parsely-pub-date", "article.published"}),
         p.time, is_article ? field(ld, "dateCreated") : "", p.any_time});

    m.description = is_article ? field(ld, "description") : "";
    if (m.description.empty())
        m.description = p.get({"dc.description", "dcterms.description", "og:description",
                               "description", "twitter:description"});

    m.lang = collapse_space(p.lang);
    if (m.lang.empty()) m.lang = p.get({"content-language", "dc.language", "og:locale"});
    if (m.lang.empty()) m.lang = field(ld, "inLanguage");
    m.lang = bcp47_spelling(m.lang);

    std::vector<std::string> subjects = p.all("article:tag");
    if (subjects.empty()) subjects.push_back(p.get({"keywords", "news_keywords"}));
    for (auto& s : subjects) {
        for (size_t at; (at = s.find(',')) != std::string::npos;) {
            if (std::string part = metadata_text(s.substr(0, at)); !part.empty())
                m.subjects.push_back(part);
            s = s.substr(at + 1);
        }
        if (std::string part = metadata_text(s); !part.empty()) m.subjects.push_back(part);
    }
    if (m.subjects.size() > 20) m.subjects.resize(20);

    std::string url = p.canonical.empty() ? p.get({"og:url"}) : p.canonical;
    if (url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0) m.identifier = url;
    return m;
}

} // namespace octavo
