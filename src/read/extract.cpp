// The article of a page: what the page shows around it left out (never shown, page furniture,
// boxes whose class or id says what they are), then the article's container found: a semantic
// one (articleBody, <article>, <main>) when it holds most of the text, else the best scored by
// its paragraphs' text (length, commas, little link text), as Readability's published scoring
// does, with the siblings that read as part of it; then what is still boilerplate inside it.
#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "core/text.hpp"
#include "read/page.hpp"

namespace octavo {
namespace {

using Set = std::unordered_set<const GumboNode*>;

// The words of a class or an id, lower case ("post-share__button" -> post, share, button).
std::vector<std::string> name_words(const GumboNode* n) {
    std::vector<std::string> words;
    std::string s = lower(attr(n, "class") + " " + attr(n, "id"));
    std::string w;
    for (char c : s + " ") {
        if (std::isalnum(static_cast<unsigned char>(c))) {
            w += c;
        } else if (!w.empty()) {
            words.push_back(w);
            w.clear();
        }
    }
    return words;
}

bool word_starts(const std::vector<std::string>& words, std::initializer_list<const char*> any) {
    for (const auto& w : words)
        for (const char* a : any)
            if (w.rfind(a, 0) == 0) return true;
    return false;
}
bool word_is(const std::vector<std::string>& words, std::initializer_list<const char*> any) {
    for (const auto& w : words)
        for (const char* a : any)
            if (w == a) return true;
    return false;
}

// Page furniture by its class or id: comments, share and social buttons, related links,
// subscribe and newsletter boxes, promotions and ads, cookie banners, sidebars, menus,
// breadcrumbs.
bool looks_like_boilerplate(const std::vector<std::string>& w) {
    return word_starts(w, {"comment",       "share",      "sharing",  "social",     "related",
                           "subscri",       "newsletter", "promo",    "advert",     "cookie",
                           "banner",        "sidebar",    "menu",     "breadcrumb", "popup",
                           "modal",         "sponsor",    "disqus",   "outbrain",   "taboola",
                           "signup",        "recommend",  "masthead", "skip",       "paywall",
                           "footnote-back", "widget",     "byline",   "toolbar"}) ||
           word_is(w, {"ad", "ads", "adsense", "adslot", "nav", "navbar", "navigation", "footer",
                       "header", "tags", "tag", "meta", "author", "print", "rss"});
}
// What says a box is the article itself, whatever else its class says ("article-comments" is
// not, "post-content" is).
bool looks_like_content(const std::vector<std::string>& w) {
    return word_starts(w, {"article", "content", "entry", "post", "story", "body", "text", "main",
                           "blog"}) &&
           !word_starts(w, {"comment"});
}

bool hidden(const GumboNode* n) {
    if (has_attr(n, "hidden")) return true;
    if (lower(attr(n, "aria-hidden")) == "true") return true;
    std::string style = lower(attr(n, "style"));
    style.erase(std::remove_if(style.begin(), style.end(), ::isspace), style.end());
    return style.find("display:none") != std::string::npos ||
           style.find("visibility:hidden") != std::string::npos;
}

bool never_shown(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_LINK:
    case GUMBO_TAG_META:
    case GUMBO_TAG_HEAD:
        return true;
    default:
        return false;
    }
}

bool furniture(GumboTag t) {
    switch (t) {
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_MENU:
        return true;
    default:
        return false;
    }
}

bool is_heading(GumboTag t) {
    return t >= GUMBO_TAG_H1 && t <= GUMBO_TAG_H6;
}

// The text of every node, and how much of it is in links, measured once.
struct Stats {
    size_t text = 0, link = 0, commas = 0;
};

struct Extractor {
    Set dropped;
    std::unordered_map<const GumboNode*, Stats> stats;
    std::unordered_map<const GumboNode*, double> score;
    std::unordered_map<const GumboNode*, size_t> order; // of elements, in the document
    size_t total_text = 0;

    // What is never shown: left out of any page, whole or not.
    void prune_unseen(const GumboNode* n) {
        const GumboVector& c = children_of(n);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* k = static_cast<const GumboNode*>(c.data[i]);
            if (!is_element(k)) continue;
            if (never_shown(tag_of(k)) || hidden(k) ||
                k->v.element.tag_namespace == GUMBO_NAMESPACE_SVG)
                dropped.insert(k);
            else
                prune_unseen(k);
        }
    }

    // Page furniture, by its element, its role or its class. A box that holds most of the
    // page's text is the page, whatever its class says ("render-target-modal" around it all).
    void prune_furniture(const GumboNode* n, size_t page_text) {
        const GumboVector& c = children_of(n);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* k = static_cast<const GumboNode*>(c.data[i]);
            if (!is_element(k) || dropped.count(k)) continue;
            GumboTag t = tag_of(k);
            std::string role = lower(attr(k, "role"));
            bool drop = furniture(t) || role == "navigation" || role == "complementary" ||
                        role == "banner" || role == "contentinfo" || role == "menu" ||
                        role == "dialog" || role == "alert";
            if (!drop && t != GUMBO_TAG_BODY && t != GUMBO_TAG_ARTICLE && t != GUMBO_TAG_MAIN &&
                !is_heading(t)) {
                auto w = name_words(k);
                drop = looks_like_boilerplate(w) && !looks_like_content(w) &&
                       of(k).text * 2 < page_text;
            }
            if (drop)
                dropped.insert(k);
            else
                prune_furniture(k, page_text);
        }
    }

    const Stats& measure(const GumboNode* n, bool in_link = false) {
        Stats s;
        if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
            std::string t = collapse_space(n->v.text.text);
            s.text = t.size();
            s.link = in_link ? t.size() : 0;
            s.commas = static_cast<size_t>(std::count(t.begin(), t.end(), ','));
        } else if (is_element(n) && !dropped.count(n)) {
            order.emplace(n, order.size());
            bool link = in_link || tag_of(n) == GUMBO_TAG_A;
            const GumboVector& c = children_of(n);
            for (unsigned i = 0; i < c.length; ++i) {
                const Stats& k = measure(static_cast<const GumboNode*>(c.data[i]), link);
                s.text += k.text;
                s.link += k.link;
                s.commas += k.commas;
            }
        }
        return stats[n] = s;
    }
    const Stats& of(const GumboNode* n) {
        static const Stats none;
        auto it = stats.find(n);
        return it == stats.end() ? none : it->second;
    }
    double link_density(const GumboNode* n) {
        const Stats& s = of(n);
        return s.text ? static_cast<double>(s.link) / static_cast<double>(s.text) : 0.0;
    }

    // A container's own weight: what its tag and its class say.
    double base_score(const GumboNode* n) {
        double b = 0;
        switch (tag_of(n)) {
        case GUMBO_TAG_DIV:
        case GUMBO_TAG_ARTICLE:
        case GUMBO_TAG_SECTION:
        case GUMBO_TAG_MAIN:
            b = 5;
            break;
        case GUMBO_TAG_PRE:
        case GUMBO_TAG_TD:
        case GUMBO_TAG_BLOCKQUOTE:
            b = 3;
            break;
        case GUMBO_TAG_OL:
        case GUMBO_TAG_UL:
        case GUMBO_TAG_DL:
        case GUMBO_TAG_LI:
        case GUMBO_TAG_DD:
        case GUMBO_TAG_DT:
        case GUMBO_TAG_ADDRESS:
            b = -3;
            break;
        case GUMBO_TAG_TH:
            b = -5;
            break;
        default:
            break;
        }
        auto w = name_words(n);
        if (looks_like_content(w)) b += 25;
        return b;
    }

    // Whether an element reads as a paragraph: a p, a pre, or a div or section holding only
    // phrasing content (many pages write paragraphs so).
    bool paragraph_like(const GumboNode* n) {
        GumboTag t = tag_of(n);
        if (t == GUMBO_TAG_P || t == GUMBO_TAG_PRE || t == GUMBO_TAG_TD) return true;
        if (t != GUMBO_TAG_DIV && t != GUMBO_TAG_SECTION) return false;
        const GumboVector& c = children_of(n);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* k = static_cast<const GumboNode*>(c.data[i]);
            if (!is_element(k) || dropped.count(k)) continue;
            switch (tag_of(k)) {
            case GUMBO_TAG_A:
            case GUMBO_TAG_SPAN:
            case GUMBO_TAG_EM:
            case GUMBO_TAG_STRONG:
            case GUMBO_TAG_B:
            case GUMBO_TAG_I:
            case GUMBO_TAG_BR:
            case GUMBO_TAG_CODE:
            case GUMBO_TAG_SUP:
            case GUMBO_TAG_SUB:
            case GUMBO_TAG_IMG:
            case GUMBO_TAG_SMALL:
            case GUMBO_TAG_FONT:
                break;
            default:
                return false;
            }
        }
        return true;
    }

    void score_paragraphs(const GumboNode* n) {
        if (!is_element(n) || dropped.count(n)) return;
        if (paragraph_like(n)) {
            const Stats& s = of(n);
            if (s.text >= 25) {
                double points = 1.0 + static_cast<double>(s.commas) +
                                std::min(3.0, static_cast<double>(s.text) / 100.0);
                total_text += s.text;
                const GumboNode* a = n->parent;
                for (int level = 0; a && is_element(a) && level < 5; ++level, a = a->parent) {
                    if (!score.count(a)) score[a] = base_score(a);
                    score[a] += points / (level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0);
                }
            }
            if (tag_of(n) != GUMBO_TAG_TD) return;
        }
        const GumboVector& c = children_of(n);
        for (unsigned i = 0; i < c.length; ++i)
            score_paragraphs(static_cast<const GumboNode*>(c.data[i]));
    }

    // The text of the scored paragraphs under n.
    // Measured once per node: nested candidates would otherwise make it quadratic.
    std::unordered_map<const GumboNode*, size_t> ptext;
    size_t paragraph_text(const GumboNode* n) {
        if (!is_element(n) || dropped.count(n)) return 0;
        if (auto it = ptext.find(n); it != ptext.end()) return it->second;
        size_t sum = 0;
        if (paragraph_like(n) && tag_of(n) != GUMBO_TAG_TD) {
            size_t t = of(n).text;
            sum = t >= 25 ? t : 0;
        } else {
            const GumboVector& c = children_of(n);
            for (unsigned i = 0; i < c.length; ++i)
                sum += paragraph_text(static_cast<const GumboNode*>(c.data[i]));
        }
        return ptext[n] = sum;
    }

    // A semantic container that holds most of the page's paragraph text.
    const GumboNode* semantic(const GumboNode* body) {
        const GumboNode* best = nullptr;
        size_t best_text = 0;
        int best_rank = 9;
        std::vector<const GumboNode*> stack{body};
        while (!stack.empty()) {
            const GumboNode* n = stack.back();
            stack.pop_back();
            if (!is_element(n) || dropped.count(n)) continue;
            int rank = lower(attr(n, "itemprop")) == "articlebody"                       ? 0
                       : tag_of(n) == GUMBO_TAG_ARTICLE                                  ? 1
                       : tag_of(n) == GUMBO_TAG_MAIN || lower(attr(n, "role")) == "main" ? 2
                                                                                         : 9;
            if (rank < 9) {
                size_t t = paragraph_text(n);
                if (t * 10 >= total_text * 7 &&
                    (rank < best_rank || (rank == best_rank && t > best_text))) {
                    best = n, best_text = t, best_rank = rank;
                }
            }
            const GumboVector& c = children_of(n);
            for (unsigned i = c.length; i-- > 0;)
                stack.push_back(static_cast<const GumboNode*>(c.data[i]));
        }
        return best;
    }

    bool ends_sentence(const std::string& t) {
        return !t.empty() && (t.back() == '.' || t.back() == '!' || t.back() == '?' ||
                              t.find(". ") != std::string::npos);
    }

    // Boxes inside the article that are not of it: lists and boxes of links, boxes with more
    // images than text, short boxes of nothing. Tables with headers are data, never boxes.
    void clean(const GumboNode* n, bool in_figure) {
        const GumboVector& c = children_of(n);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* k = static_cast<const GumboNode*>(c.data[i]);
            if (!is_element(k) || dropped.count(k)) continue;
            GumboTag t = tag_of(k);
            bool fig = in_figure || t == GUMBO_TAG_FIGURE;
            if (t == GUMBO_TAG_DIV || t == GUMBO_TAG_SECTION || t == GUMBO_TAG_UL ||
                t == GUMBO_TAG_OL || t == GUMBO_TAG_TABLE) {
                if (doubtful(k, fig)) {
                    dropped.insert(k);
                    continue;
                }
            }
            clean(k, fig);
        }
    }
    struct Counts {
        size_t p = 0, img = 0, li = 0, headings = 0, pre = 0, th = 0;
    };
    // Counted once per node, before any box under it is left out (clean goes down the tree).
    std::unordered_map<const GumboNode*, Counts> counts;
    const Counts& count_of(const GumboNode* n) {
        if (auto it = counts.find(n); it != counts.end()) return it->second;
        Counts c;
        const GumboVector& ch = children_of(n);
        for (unsigned i = 0; i < ch.length; ++i) {
            auto* k = static_cast<const GumboNode*>(ch.data[i]);
            if (!is_element(k) || dropped.count(k)) continue;
            GumboTag t = tag_of(k);
            if (t == GUMBO_TAG_P) ++c.p;
            if (t == GUMBO_TAG_IMG) ++c.img;
            if (t == GUMBO_TAG_LI) ++c.li;
            if (is_heading(t)) ++c.headings;
            if (t == GUMBO_TAG_PRE || t == GUMBO_TAG_BLOCKQUOTE) ++c.pre;
            if (t == GUMBO_TAG_TH || t == GUMBO_TAG_CAPTION) ++c.th;
            const Counts& kc = count_of(k);
            c.p += kc.p, c.img += kc.img, c.li += kc.li, c.headings += kc.headings;
            c.pre += kc.pre, c.th += kc.th;
        }
        return counts[n] = c;
    }
    bool doubtful(const GumboNode* n, bool in_figure) {
        const Stats& s = of(n);
        if (s.commas >= 10) return false;
        const Counts& c = count_of(n);
        if (c.th || c.pre) return false;
        bool list = tag_of(n) == GUMBO_TAG_UL || tag_of(n) == GUMBO_TAG_OL;
        double ld = link_density(n);
        if (!in_figure && c.img > 1 &&
            static_cast<double>(c.p) / static_cast<double>(c.img) < 0.5 && s.text < 200)
            return true;
        if (!list && !c.headings && s.text < 25 && (c.img == 0 || c.img > 2) && !in_figure)
            return true;
        if (list ? ld > 0.5 && s.text < 1000 : ld > 0.35) return true;
        return false;
    }
};

} // namespace

Extraction extract_article(const GumboNode* body, bool whole_page) {
    Extractor x;
    x.prune_unseen(body);
    x.measure(body);
    if (!whole_page) {
        x.prune_furniture(body, x.of(body).text);
        x.measure(body);
    }
    Extraction ex;
    if (whole_page) {
        ex.roots.push_back(body);
        ex.dropped = std::move(x.dropped);
        return ex;
    }
    x.score_paragraphs(body);
    const GumboNode* top = x.semantic(body);
    if (top) {
        x.clean(top, false);
        ex.roots.push_back(top);
        ex.dropped = std::move(x.dropped);
        return ex;
    }
    // The candidates best first (in document order where they tie, so that a page always
    // gives the same article).
    std::vector<std::pair<double, const GumboNode*>> ranked;
    for (auto& [n, sc] : x.score)
        ranked.emplace_back(sc * (1.0 - x.link_density(n)), n);
    std::sort(ranked.begin(), ranked.end(), [&](const auto& a, const auto& b) {
        return a.first != b.first ? a.first > b.first : x.order[a.second] < x.order[b.second];
    });
    double best = ranked.empty() ? 0 : ranked[0].first;
    if (!ranked.empty()) top = ranked[0].second;
    auto final_score = [&](const GumboNode* n) {
        auto it = x.score.find(n);
        return it == x.score.end() ? -1.0 : it->second * (1.0 - x.link_density(n));
    };
    // An article in parts (steps, sections) scores each part alike: when three of the other
    // best candidates, each nearly as good, lie in one ancestor of the best, that is the article.
    if (top) {
        std::vector<const GumboNode*> close;
        for (size_t i = 1; i < ranked.size() && i < 6; ++i)
            if (ranked[i].first >= best * 0.75) close.push_back(ranked[i].second);
        if (close.size() >= 3) {
            for (const GumboNode* a = top->parent; a && a != body && is_element(a); a = a->parent) {
                int inside = 0;
                for (const GumboNode* c : close)
                    for (const GumboNode* up = c; up; up = up->parent)
                        if (up == a) {
                            ++inside;
                            break;
                        }
                if (inside >= 3) {
                    top = a;
                    break;
                }
            }
        }
        // An ancestor that scores better than the one below it holds more of the article.
        double last = final_score(top);
        for (const GumboNode* a = top->parent; a && a != body && is_element(a); a = a->parent) {
            double sc = final_score(a);
            if (sc < 0) continue;
            if (sc < last / 3) break;
            if (sc > last) {
                top = a;
                break;
            }
            last = sc;
        }
        best = std::max(best, final_score(top));
    }
    if (!top) top = body;
    // A lone child says no more than its parent: the parent is the container.
    while (top != body && top->parent && is_element(top->parent)) {
        const GumboNode* p = top->parent;
        unsigned elements = 0;
        const GumboVector& c = children_of(p);
        for (unsigned i = 0; i < c.length; ++i) {
            auto* k = static_cast<const GumboNode*>(c.data[i]);
            if (is_element(k) && !x.dropped.count(k)) ++elements;
        }
        if (elements != 1) break;
        top = p;
    }
    if (top == body || !top->parent || !is_element(top->parent)) {
        x.clean(top, false);
        ex.roots.push_back(top);
        ex.dropped = std::move(x.dropped);
        return ex;
    }
    // The siblings that read as part of the article: scored well, or paragraphs of prose.
    double threshold = std::max(10.0, best * 0.2);
    std::string top_class = attr(top, "class");
    const GumboVector& c = children_of(top->parent);
    for (unsigned i = 0; i < c.length; ++i) {
        auto* k = static_cast<const GumboNode*>(c.data[i]);
        if (!is_element(k) || x.dropped.count(k)) continue;
        bool take = k == top;
        if (!take) {
            double bonus = !top_class.empty() && attr(k, "class") == top_class ? best * 0.2 : 0;
            auto it = x.score.find(k);
            if (it != x.score.end() && it->second * (1.0 - x.link_density(k)) + bonus >= threshold)
                take = true;
            else if (tag_of(k) == GUMBO_TAG_P || x.paragraph_like(k)) {
                size_t len = x.of(k).text;
                double ld = x.link_density(k);
                std::string t = text_of(k, &x.dropped);
                take = (len > 80 && ld < 0.25) ||
                       (len > 0 && len <= 80 && ld == 0 && x.ends_sentence(t));
            }
        }
        if (take) ex.roots.push_back(k);
    }
    // Between two parts of the article, a heading, a figure, a list or a quote is of it too.
    std::vector<const GumboNode*> roots;
    for (unsigned i = 0, taken = 0; i < c.length && taken < ex.roots.size(); ++i) {
        auto* k = static_cast<const GumboNode*>(c.data[i]);
        if (k == ex.roots[taken]) {
            roots.push_back(k);
            ++taken;
            continue;
        }
        GumboTag t = tag_of(k);
        bool between = taken > 0 && !x.dropped.count(k) && x.link_density(k) < 0.5 &&
                       (is_heading(t) || t == GUMBO_TAG_FIGURE || t == GUMBO_TAG_BLOCKQUOTE ||
                        t == GUMBO_TAG_PRE || t == GUMBO_TAG_TABLE || t == GUMBO_TAG_UL ||
                        t == GUMBO_TAG_OL || t == GUMBO_TAG_IMG);
        if (between) roots.push_back(k);
    }
    // ...but not after the last part.
    while (!roots.empty() && roots.back() != ex.roots.back())
        roots.pop_back();
    ex.roots = std::move(roots);
    for (const GumboNode* r : ex.roots)
        x.clean(r, false);
    ex.dropped = std::move(x.dropped);
    return ex;
}

} // namespace octavo
