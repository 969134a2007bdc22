#include "read/article.hpp"

#include <cmark-gfm.h>
#include <libdeflate.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <mutex>
#include <optional>
#include <sys/stat.h>
#include <unistd.h>

#include "core/language.hpp"
#include "core/limits.hpp"
#include "core/paths.hpp"
#include "core/text.hpp"
#include "core/url.hpp"
#include "read/body.hpp"
#include "read/front_matter.hpp"
#include "read/html.hpp"
#include "read/paragraphs.hpp"
#include "read/remote.hpp"

namespace octavo {
namespace {

struct Ctx {
    const std::string& file;
    Warnings& warnings;
    Error error(const Field& f, const std::string& msg) const {
        return {Errc::metadata, file, f.line, f.column, msg};
    }
};

// A text value as a clean single-line string ("" for null), or an Error naming the key.
Result<std::string> scalar(const Ctx& c, const Field& f, const std::string& key) {
    if (f.kind == Field::Kind::null) return std::string();
    if (f.kind != Field::Kind::text) return c.error(f, "'" + key + "' must be a text value");
    return metadata_text(f.text);
}

std::string marc_role(std::string role) {
    for (auto& ch : role)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    static const std::pair<const char*, const char*> names[] = {
        {"author", "aut"},      {"editor", "edt"},      {"translator", "trl"},
        {"illustrator", "ill"}, {"contributor", "ctb"}, {"photographer", "pht"},
        {"compiler", "com"},    {"narrator", "nrt"},    {"publisher", "pbl"}};
    for (auto& [name, code] : names)
        if (role == name) return code;
    if (role.size() == 3 && std::all_of(role.begin(), role.end(), ::isalpha)) return role;
    return {};
}

// The people of key: a name, a list of names (each of which may list several: split_names), or a
// list of {name, role, file-as}, whose name is one person's; role is the role of those that give
// none.
Result<std::vector<Person>> people(const Ctx& c, const Field& f, const std::string& key,
                                   const std::string& role) {
    std::vector<Person> out;
    auto one = [&](const Field& item) -> Status {
        Person p;
        p.role = role;
        if (item.kind == Field::Kind::text || item.kind == Field::Kind::null) {
            auto s = scalar(c, item, key);
            if (!s) return s.error();
            for (auto& name : split_names(*s))
                out.push_back({std::move(name), role, ""});
            return {};
        } else if (item.kind == Field::Kind::map) {
            for (const char* k : {"name", "text"}) {
                if (const Field* v = item.get(k)) {
                    auto s = scalar(c, *v, key + "." + k);
                    if (!s) return s.error();
                    p.name = *s;
                }
            }
            if (const Field* v = item.get("role")) {
                auto s = scalar(c, *v, key + ".role");
                if (!s) return s.error();
                p.role = marc_role(*s);
                if (p.role.empty())
                    return c.error(*v, "unknown role '" + *s +
                                           "' (use author, editor, translator... or a "
                                           "MARC relator code)");
            }
            if (const Field* v = item.get("file-as")) {
                auto s = scalar(c, *v, key + ".file-as");
                if (!s) return s.error();
                p.file_as = *s;
            }
        } else {
            return c.error(item, "each entry of '" + key + "' must be a name or {name, role}");
        }
        if (!p.name.empty()) out.push_back(std::move(p));
        return {};
    };
    if (f.kind == Field::Kind::list) {
        for (const auto& item : f.items)
            if (auto st = one(item.second); !st) return st.error;
    } else if (auto st = one(f); !st) {
        return st.error;
    }
    return out;
}

// words: a text value is a list of words, as Jekyll reads its tags and categories ("release
// update" is two), or of comma-separated phrases when it has commas; else a text value is one
// entry (pandoc users write "subject: a, b" and get one subject, as pandoc gives).
Result<std::vector<std::string>> strings(const Ctx& c, const Field& f, const std::string& key,
                                         bool words = false) {
    std::vector<std::string> out;
    if (f.kind == Field::Kind::list) {
        for (const auto& item : f.items) {
            auto s = scalar(c, item.second, key);
            if (!s) return s.error();
            if (!s->empty()) out.push_back(*s);
        }
        return out;
    }
    auto s = scalar(c, f, key);
    if (!s) return s.error();
    if (!words) {
        if (!s->empty()) out.push_back(*s);
        return out;
    }
    char sep = s->find(',') != std::string::npos ? ',' : ' ';
    for (size_t start = 0; start <= s->size();) {
        size_t end = std::min(s->find(sep, start), s->size());
        std::string w = collapse_space(std::string_view(*s).substr(start, end - start));
        if (!w.empty()) out.push_back(std::move(w));
        start = end + 1;
    }
    return out;
}

// Title text of a Markdown heading line (line_no of source), rendered by cmark so inline markup
// becomes plain text, without the characters XML forbids that its character references may give.
std::string heading_text(std::string_view line, const std::string& source, int line_no,
                         Warnings& warnings) {
    make_cmark_allocations_throw();
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
        cmark_parse_document(line.data(), line.size(), CMARK_OPT_SMART), cmark_node_free);
    int warned_line = 0;
    std::string text =
        remove_xml_forbidden(plain_text(doc.get()), source, line_no, warned_line, warnings);
    take_heading_attributes(text); // pandoc's {#id}: the title's id is the book's own
    return text;
}

// If the body's first block is a level-1 heading, returns its text and removes it from body.
std::string take_markdown_title(std::string& body, int& body_line, const std::string& source,
                                Warnings& warnings) {
    size_t pos = 0;
    int skipped = 0;
    while (pos < body.size()) {
        size_t end = body.find('\n', pos);
        std::string_view line(body.data() + pos,
                              (end == std::string::npos ? body.size() : end) - pos);
        if (!is_blank_line(line)) break;
        pos = end == std::string::npos ? body.size() : end + 1;
        ++skipped;
    }
    size_t end = body.find('\n', pos);
    if (end == std::string::npos) end = body.size();
    std::string_view line(body.data() + pos, end - pos);
    size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos || indent > 3) return {};
    std::string_view rest = line.substr(indent);
    size_t cut = end;
    if (rest.size() >= 2 && rest[0] == '#' && (rest[1] == ' ' || rest[1] == '\t')) {
        // ATX heading
    } else {
        size_t next_end = end < body.size() ? body.find('\n', end + 1) : std::string::npos;
        if (end >= body.size()) return {};
        std::string_view next(body.data() + end + 1,
                              (next_end == std::string::npos ? body.size() : next_end) - end - 1);
        std::string_view n = next.substr(std::min(next.find_first_not_of(' '), next.size()));
        while (!n.empty() && (n.back() == ' ' || n.back() == '\t'))
            n.remove_suffix(1);
        if (n.empty() || n.find_first_not_of('=') != std::string_view::npos) return {};
        cut = next_end == std::string::npos ? body.size() : next_end;
        std::string title =
            heading_text("# " + std::string(rest), source, body_line + skipped, warnings);
        body.erase(0, std::min(cut + 1, body.size()));
        body_line += skipped + 2;
        return title;
    }
    std::string title = heading_text(std::string(rest), source, body_line + skipped, warnings);
    body.erase(0, std::min(cut + 1, body.size()));
    body_line += skipped + 1;
    return title;
}

// Plain text: the first paragraph with text (not only spaces, such as no-break spaces) becomes
// the title.
std::string take_text_title(std::string& body, int& body_line) {
    std::string title;
    while (is_blank_text(title) && !body.empty()) {
        size_t pos = 0;
        while (pos < body.size() && (body[pos] == '\n' || body[pos] == ' ' || body[pos] == '\t')) {
            if (body[pos] == '\n') ++body_line;
            ++pos;
        }
        size_t end = body.find("\n\n", pos);
        std::string para =
            body.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
        title = collapse_space(para);
        size_t lines = static_cast<size_t>(std::count(para.begin(), para.end(), '\n')) + 1;
        body.erase(0, end == std::string::npos ? body.size() : end + 2);
        body_line += static_cast<int>(lines) + 1;
    }
    return title;
}

// Whether tag, spelt as BCP 47 spells it, names a registered language.
bool usable_language(const std::string& tag) {
    std::string t = bcp47_spelling(tag);
    return !t.empty() && is_valid_language_tag(t) && check_language(t).problem.empty();
}

Error too_big(const std::string& file, std::size_t max_bytes = max_file_bytes) {
    return Error{Errc::io, file, 0, 0,
                 "is larger than " + std::to_string(max_bytes >> 20) +
                     (max_bytes == max_file_bytes ? " MiB, the most octavo reads from one file"
                                                  : " MiB, the most octavo reads from one feed")};
}

// Refuses a Markdown paragraph longer than max_paragraph_bytes; body starts at line first_line.
Status check_paragraphs(std::string_view body, const std::string& source, int first_line) {
    if (int line = long_paragraph_line(body, first_line, max_paragraph_bytes)) {
        return Error{Errc::content, source, line, 0,
                     "a paragraph longer than " + std::to_string(max_paragraph_bytes >> 10) +
                         " KiB (no blank line); octavo's Markdown parser would take too "
                         "long on it: split it with blank lines, or use plain text (.txt)"};
    }
    return {};
}

} // namespace

void Metadata::merge(const Metadata& over) {
    auto set = [](std::string& a, const std::string& b) {
        if (!b.empty()) a = b;
    };
    set(title, over.title);
    set(subtitle, over.subtitle);
    if (!over.authors.empty()) authors = over.authors;
    set(date, over.date);
    set(lang, over.lang);
    set(publisher, over.publisher);
    set(rights, over.rights);
    set(description, over.description);
    if (!over.subjects.empty()) subjects = over.subjects;
    set(identifier, over.identifier);
    set(cover_image, over.cover_image);
    set(site.permalink, over.site.permalink);
    set(site.url, over.site.url);
    set(site.slug, over.site.slug);
    if (!over.site.aliases.empty()) site.aliases = over.site.aliases;
    set(detected_lang, over.detected_lang);
    for (const auto& o : over.origins) {
        origins.erase(std::remove_if(origins.begin(), origins.end(),
                                     [&](const Origin& x) { return x.key == o.key; }),
                      origins.end());
        origins.push_back(o);
    }
}

Metadata::Origin Metadata::origin_of(std::string_view key, const std::string& source) const {
    for (const auto& o : origins)
        if (o.key == key) return o;
    return {std::string(key), source, 0};
}

namespace {

// What a front matter key means to octavo.
enum class Key {
    title,
    subtitle,
    date,
    lang,
    publisher,
    rights,
    description,
    summary,
    cover,
    identifier,
    author,
    translator,
    subject,
    tags,
    permalink,
    url,
    slug,
    aliases,
    ignored
};

Key key_of(const std::string& key) {
    static const std::pair<const char*, Key> keys[] = {{"title", Key::title},
                                                       {"subtitle", Key::subtitle},
                                                       {"date", Key::date},
                                                       {"lang", Key::lang},
                                                       {"language", Key::lang},
                                                       {"publisher", Key::publisher},
                                                       {"rights", Key::rights},
                                                       {"description", Key::description},
                                                       {"abstract", Key::description},
                                                       {"summary", Key::summary}, // Hugo's
                                                       {"excerpt", Key::summary}, // Jekyll's
                                                       {"cover-image", Key::cover},
                                                       {"identifier", Key::identifier},
                                                       {"author", Key::author},
                                                       {"authors", Key::author},
                                                       {"creator", Key::author},
                                                       {"translator", Key::translator},
                                                       {"translators", Key::translator},
                                                       {"subject", Key::subject},
                                                       {"subjects", Key::subject},
                                                       {"keywords", Key::subject},
                                                       {"tags", Key::tags}, // Jekyll's and Hugo's
                                                       {"categories", Key::tags},
                                                       {"category", Key::tags},
                                                       {"permalink", Key::permalink},
                                                       {"url", Key::url},
                                                       {"slug", Key::slug},
                                                       {"aliases", Key::aliases}};
    for (auto [name, k] : keys)
        if (key == name) return k;
    return Key::ignored;
}

// The name an origin is kept under: the Metadata field's, whatever key set it.
const char* origin_key(Key k, const std::string& key) {
    switch (k) {
    case Key::lang:
        return "lang";
    case Key::summary:
    case Key::description:
        return "description";
    case Key::author:
        return "author";
    case Key::subject:
    case Key::tags:
        return "subject";
    default:
        return key.c_str();
    }
}

void add_unique(std::vector<std::string>& to, std::vector<std::string> more) {
    for (auto& s : more)
        if (std::find(to.begin(), to.end(), s) == to.end()) to.push_back(std::move(s));
}

} // namespace

Result<Metadata> metadata_from_fields(const Field& root, const std::string& file,
                                      Warnings& warnings) {
    Ctx c{file, warnings};
    Metadata m;
    if (root.kind == Field::Kind::null) return m;
    if (root.kind != Field::Kind::map)
        return c.error(root, "metadata must be a YAML mapping of keys to values");
    bool described = false; // description or abstract, which summary and excerpt do not replace
    for (const auto& item : root.items) { // not a structured binding: lambdas capture these
        const std::string& key = item.first;
        const Field& v = item.second;
        const Key k = key_of(key);
        auto text = [&](std::string& field) -> Status {
            auto s = scalar(c, v, key);
            if (!s) return s.error();
            field = *s;
            return {};
        };
        Status st;
        switch (k) {
        case Key::title:
            st = text(m.title);
            break;
        case Key::subtitle:
            st = text(m.subtitle);
            break;
        case Key::date:
            st = text(m.date);
            break;
        case Key::lang:
            st = text(m.lang);
            break;
        case Key::publisher:
            st = text(m.publisher);
            break;
        case Key::rights:
            st = text(m.rights);
            break;
        case Key::description:
            st = text(m.description);
            described = true;
            break;
        case Key::summary:
            if (described) continue;
            st = text(m.description);
            break;
        case Key::cover:
            st = text(m.cover_image);
            break;
        case Key::identifier:
            if (v.kind == Field::Kind::list && !v.items.empty() && v.items[0].second.get("text"))
                st = [&]() -> Status {
                    auto s = scalar(c, *v.items[0].second.get("text"), "identifier");
                    if (!s) return s.error();
                    m.identifier = *s;
                    return {};
                }();
            else
                st = text(m.identifier);
            break;
        case Key::author:
        case Key::translator: {
            auto p = people(c, v, key, k == Key::author ? "aut" : "trl");
            if (!p) return p.error();
            // Authors given again replace those before, as pandoc's last key wins; translators
            // are credited beside them.
            if (k == Key::author)
                m.authors.erase(std::remove_if(m.authors.begin(), m.authors.end(),
                                               [](const Person& x) { return x.role == "aut"; }),
                                m.authors.end());
            m.authors.insert(m.authors.end(), p->begin(), p->end());
            break;
        }
        case Key::subject:
        case Key::tags: {
            auto s = strings(c, v, key, k == Key::tags);
            if (!s) return s.error();
            add_unique(m.subjects, std::move(*s));
            break;
        }
        case Key::permalink:
            st = text(m.site.permalink);
            break;
        case Key::url:
            st = text(m.site.url);
            break;
        case Key::slug:
            st = text(m.site.slug);
            break;
        case Key::aliases: {
            auto s = strings(c, v, key);
            if (!s) return s.error();
            m.site.aliases = std::move(*s);
            break;
        }
        case Key::ignored:
            continue; // other keys are pandoc's, the generator's (layout, weight, draft...) or the
                      // user's own: ignored, as pandoc does
        }
        if (!st) return st.error;
        std::string used = origin_key(k, key);
        m.origins.erase(std::remove_if(m.origins.begin(), m.origins.end(),
                                       [&](const Metadata::Origin& o) { return o.key == used; }),
                        m.origins.end());
        m.origins.push_back({used, file, v.line});
    }
    return m;
}

static bool is_metadata_key(const std::string& key) {
    return key_of(key) != Key::ignored;
}

Result<Metadata> parse_metadata(std::string_view yaml, const std::string& file, int line_offset,
                                Warnings& warnings) {
    auto root = yaml_fields(yaml, file, line_offset);
    if (!root) return root.error();
    return metadata_from_fields(*root, file, warnings);
}

Result<Metadata> metadata_from_pairs(const std::vector<std::pair<std::string, std::string>>& pairs,
                                     Warnings& warnings) {
    // The values grouped by key, in the order the keys came, made into YAML by yaml-cpp (which
    // quotes what needs it) and read as front matter is.
    std::vector<std::pair<std::string, std::vector<std::string>>> keys;
    for (const auto& pair : pairs) { // not a structured binding: clang 14 cannot capture one
        const std::string& key = pair.first;
        auto it =
            std::find_if(keys.begin(), keys.end(), [&](const auto& k) { return k.first == key; });
        if (it == keys.end()) it = keys.insert(keys.end(), {key, {}});
        it->second.push_back(pair.second);
    }
    YAML::Emitter yaml;
    yaml.SetStringFormat(YAML::DoubleQuoted); // "~" or "null" is text too
    yaml << YAML::BeginMap;
    for (const auto& [key, values] : keys) {
        yaml << YAML::Key << key << YAML::Value;
        if (values.size() == 1)
            yaml << values[0];
        else
            yaml << YAML::Flow << values;
    }
    yaml << YAML::EndMap;
    const std::string source = "command line";
    Warnings scratch;
    auto m = parse_metadata(yaml.c_str(), source, 0, scratch);
    if (!m) {
        Error e = m.error();
        e.line = e.column = 0;
        return e;
    }
    for (auto& o : m->origins)
        o.line = 0;
    for (const auto& kv : keys)
        if (!is_metadata_key(kv.first))
            warnings.push_back({Errc::metadata, source, 0, 0,
                                "-M " + kv.first + ": not a key octavo uses (title, subtitle, " +
                                    "author, translator, date, lang, publisher, rights, " +
                                    "description, subject, tags, identifier, cover-image); " +
                                    "ignored"});
    for (auto& w : scratch) {
        w.line = w.column = 0;
        warnings.push_back(std::move(w));
    }
    return m;
}

Result<Metadata> read_metadata_file(const std::string& path, Warnings& warnings,
                                    Encoding encoding) {
    auto data = load_file(path);
    if (!data) return data.error();
    if (auto wide = find_wide_unicode(*data)) return not_utf8(path, *wide);
    if (encoding == Encoding::latin1) *data = latin1_to_utf8(*data, path, warnings);
    if (auto bad = find_invalid_utf8(*data)) return not_utf8(path, *bad);
    return parse_metadata(normalize_text(*data, path, warnings), path, 0, warnings);
}

Result<Article> read_article(std::string_view raw, const std::string& source, Format format,
                             Warnings& warnings) {
    if (raw.size() > max_file_bytes) return too_big(source);
    if (auto wide = find_wide_unicode(raw)) return not_utf8(source, *wide);
    if (auto bad = find_invalid_utf8(raw)) return not_utf8(source, *bad);
    Article a;
    a.source = source;
    a.format = format;
    a.fingerprint = {raw.size(), libdeflate_crc32(0, raw.data(), raw.size())};
    std::string text = normalize_text(raw, source, warnings);
    if (text.find_first_not_of(" \t\n") == std::string::npos)
        return Error{Errc::content, source, 0, 0, "is empty: there is nothing to package"};

    auto fm = read_front_matter(text, source);
    if (!fm) return fm.error();
    if (*fm) {
        auto meta = metadata_from_fields((*fm)->root, source, warnings);
        if (!meta) return meta.error();
        a.meta = std::move(*meta);
        a.body = text.substr((*fm)->body_start);
        a.body_line = (*fm)->body_line;
    } else {
        a.body = std::move(text);
    }

    if (format == Format::markdown) {
        if (auto st = check_paragraphs(a.body, source, a.body_line); !st) return st.error;
    }
    if (is_blank_text(a.meta.title)) {
        a.meta.title = format == Format::markdown
                           ? take_markdown_title(a.body, a.body_line, source, warnings)
                           : take_text_title(a.body, a.body_line);
        if (!a.meta.title.empty()) a.meta.origins.push_back({"title", source, a.body_line - 1});
    }
    // The language the text reads as, for when none is given (or none usable): told now, from
    // the text, since finalize_metadata sees only the metadata.
    if (!usable_language(a.meta.lang))
        a.meta.detected_lang = detect_language(a.meta.title + "\n" + a.body);
    return a;
}

namespace {

// Reads fd to its end, in chunks, stopping past max_file_bytes (a file may grow while it is read,
// and a pipe may never end).
Result<std::string> read_all(int fd, const std::string& path, std::size_t expected,
                             std::size_t max_bytes = max_file_bytes) {
    std::string data;
    data.reserve(expected);
    char chunk[65536];
    for (;;) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{Errc::io, path, 0, 0, "cannot read", errno};
        if (n == 0) break;
        data.append(chunk, static_cast<std::size_t>(n));
        if (data.size() > max_bytes) return too_big(path, max_bytes);
    }
    return data;
}

// Standard input, read to its end once and kept: a volume reads an article a second time to
// write it, and must get the same bytes.
Result<std::string> read_standard_input() {
    static std::mutex mutex;
    static std::optional<Result<std::string>> kept;
    std::lock_guard<std::mutex> lock(mutex);
    if (!kept) {
        if (isatty(STDIN_FILENO))
            kept = Error{Errc::usage, "-", 0, 0,
                         "standard input is a terminal: pipe an article in "
                         "(cat a.md | octavo - -o a.epub), or give its file"};
        else
            kept = read_all(STDIN_FILENO, "-", 0);
    }
    return *kept;
}

} // namespace

Result<std::string> load_file(const std::string& path) {
    return load_file(path, max_file_bytes);
}

Result<std::string> load_file(const std::string& path, std::size_t max_bytes) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error{Errc::io, path, 0, 0, "cannot read", errno};
    if (S_ISDIR(st.st_mode)) return Error{Errc::io, path, 0, 0, "is a directory, not a file"};
    // A device or a pipe (/dev/zero, /dev/stdin) could be read for ever.
    if (!S_ISREG(st.st_mode)) return Error{Errc::io, path, 0, 0, "is not a regular file"};
    if (static_cast<std::size_t>(st.st_size) > max_bytes) return too_big(path, max_bytes);
    // open(2) and read(2), not an ifstream, which hides why a read failed (EIO from
    // /proc/self/mem gave "read error" without a reason).
    struct Fd {
        int fd;
        ~Fd() {
            if (fd >= 0) ::close(fd);
        }
    } in{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
    if (in.fd < 0) return Error{Errc::io, path, 0, 0, "cannot open", errno};
    return read_all(in.fd, path, static_cast<std::size_t>(st.st_size), max_bytes);
}

Result<std::string> read_file(const std::string& path) {
    auto data = load_file(path);
    if (data || data.error().sys_errno == 0) return data;
    Error e = data.error();
    e.message = message_with_reason(e);
    e.sys_errno = 0;
    return e;
}

bool same_file(const std::string& a, const std::string& b) {
    struct stat sa {};
    struct stat sb {};
    return ::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0 && sa.st_dev == sb.st_dev &&
           sa.st_ino == sb.st_ino;
}

Result<Article> read_article(std::string_view text, const std::string& source,
                             const ReadOptions& options, Warnings& warnings) {
    if (options.format == Format::html) return read_html_article(text, source, options, warnings);
    return read_article(text, source, options.format, warnings);
}

Result<Article> read_article_file(const std::string& path, Warnings& warnings, Encoding encoding) {
    ReadOptions options;
    options.encoding = encoding;
    return read_article_file(path, warnings, options);
}

namespace {

// A feed is many articles, not one: the command line gives a feed's URL to read_feed (feed.hpp);
// asked for as one article (an item of a volume file), it is refused.
Result<Article> read_web_feed(const Fetched& f, const std::string& url, const ReadOptions&,
                              Warnings&) {
    return Error{
        Errc::content, url, 0, 0,
        "is a feed (" +
            (f.content_type.empty() ? std::string("by its root element") : f.content_type) +
            "), not one article: give it on the command line, where each of its "
            "entries becomes an article"};
}

bool is_latin1_label(std::string label) {
    for (char& c : label)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* l : {"iso-8859-1", "latin1", "l1", "windows-1252", "cp1252", "us-ascii"})
        if (label == l) return true;
    return false;
}

// An article named by a URL: fetched (once per run, through options.remote), then read by its
// Content-Type (--from wins), its references resolving against its final URL.
Result<Article> read_web_article(const std::string& url, Warnings& warnings,
                                 const ReadOptions& options) {
    std::unique_ptr<RemoteFiles> own;
    RemoteFiles* remote = options.remote;
    if (!remote) remote = (own = std::make_unique<RemoteFiles>(FetchLimits{})).get();
    auto f = remote->page(url);
    if (!f) return f.error();
    ReadOptions ro = options;
    if (!ro.format_given) {
        switch (web_content(f->content_type, f->bytes)) {
        case WebContent::html:
            ro.format = Format::html;
            break;
        case WebContent::text:
            ro.format = Format::text;
            break;
        case WebContent::markdown:
            ro.format = Format::markdown;
            break;
        case WebContent::feed:
            return read_web_feed(*f, url, ro, warnings);
        case WebContent::other:
            return Error{Errc::content, url, 0, 0,
                         "is " +
                             (f->content_type.empty() ? std::string("no page octavo knows")
                                                      : f->content_type) +
                             ", not a web page: octavo reads HTML pages, text and Markdown "
                             "from the web"};
        }
    }
    Result<Article> a = Article{};
    if (ro.format == Format::html) {
        a = read_html_article(f->bytes, url, ro, warnings, PageOrigin{f->url, f->charset});
    } else {
        if (auto wide = find_wide_unicode(f->bytes)) return not_utf8(url, *wide);
        if (ro.encoding == Encoding::latin1 ||
            (is_latin1_label(f->charset) && find_invalid_utf8(f->bytes)))
            f->bytes = latin1_to_utf8(f->bytes, url, warnings);
        a = read_article(f->bytes, url, ro.format, warnings);
        if (a) a->base_url = f->url;
    }
    if (!a) return a;
    // The page's canonical URL when it gives one (read from the page), else where it was found.
    if (a->meta.identifier.empty()) {
        a->meta.identifier = f->url;
        a->meta.origins.push_back({"identifier", url, 0});
    }
    return a;
}

} // namespace

Result<Article> read_article_file(const std::string& path, Warnings& warnings,
                                  const ReadOptions& options) {
    // "ftp://...", "file:///...": URLs octavo does not fetch, refused as such (fetch_url says
    // why), not looked for as files of that name.
    std::string scheme;
    if (is_web_url(path) ||
        (has_scheme(path, scheme) && path.compare(scheme.size(), 3, "://") == 0))
        return read_web_article(path, warnings, options);
    auto data = path == "-" ? read_standard_input() : load_file(path);
    if (!data) return data.error();
    ReadOptions ro = options;
    if (!ro.format_given)
        ro.format = ends_with_ignoring_case(path, ".txt") || ends_with_ignoring_case(path, ".text")
                        ? Format::text
                    : ends_with_ignoring_case(path, ".html") ||
                            ends_with_ignoring_case(path, ".htm") ||
                            ends_with_ignoring_case(path, ".xhtml")
                        ? Format::html
                        : Format::markdown;
    Result<Article> a = Article{};
    if (ro.format == Format::html) { // a page says its own charset, UTF-16 included
        a = read_html_article(*data, path, ro, warnings);
    } else {
        // Before Latin-1 makes UTF-16 or UTF-32 mojibake that no longer tells what it was.
        if (auto wide = find_wide_unicode(*data)) return not_utf8(path, *wide);
        if (ro.encoding == Encoding::latin1) *data = latin1_to_utf8(*data, path, warnings);
        a = read_article(*data, path, ro.format, warnings);
    }
    if (!a) return a;
    a->base_dir = parent_folder(path);
    // Jekyll's posts are named by their day (2018-10-17-title.md): the date, when the front
    // matter gives none.
    std::string name = path.substr(folder_part(path).size());
    if (a->meta.date.empty() && name.size() > 11 && name[10] == '-' &&
        is_valid_w3cdtf(name.substr(0, 10))) {
        a->meta.date = name.substr(0, 10);
        a->meta.origins.push_back({"date", path, 0});
    }
    return a;
}

namespace {

// The language: given in any spelling of a locale (zh_cn, en_US, pt-br, EN), written in BCP 47's
// form without a word; an ISO 639-2 code as its two-letter form, with a warning; one that names
// no registered language, or none, replaced by the language the text reads as (detected_lang),
// else English, with a warning that says so.
Status finalize_language(Metadata& m, const std::string& source, Warnings& warnings) {
    auto fallback = [&]() {
        if (!m.detected_lang.empty()) return "the text reads as '" + m.detected_lang + "'";
        return std::string("assuming 'en' (too little text to tell its language)");
    };
    if (m.lang.empty()) {
        warnings.push_back({Errc::metadata, source, 0, 0, "no language given; " + fallback()});
        m.lang = m.detected_lang.empty() ? "en" : m.detected_lang;
        return {};
    }
    std::string spelt = bcp47_spelling(m.lang);
    auto o = m.origin_of("lang", source);
    std::string problem;
    if (!is_valid_language_tag(spelt))
        problem = "'" + m.lang + "' is not a valid BCP 47 language tag (e.g. en, en-GB, ar)";
    else if (auto checked = check_language(spelt); !checked.problem.empty())
        problem = checked.problem;
    else if (checked.tag != spelt)
        warnings.push_back(
            {Errc::metadata, o.file, o.line, 0,
             "language '" + m.lang + "' written as '" + checked.tag + "', its registered form"});
    if (problem.empty()) {
        m.lang = check_language(spelt).tag;
        return {};
    }
    // A book in a language no reading system knows is worse than one in the language its text
    // is in: a warning, never a refusal.
    warnings.push_back({Errc::metadata, o.file, o.line, 0, problem + "; " + fallback()});
    m.lang = m.detected_lang.empty() ? "en" : m.detected_lang;
    return {};
}

// "2018-10-17-rendering_process.md" reads "Rendering process": the extension and a Jekyll day
// left out, hyphens and underscores as spaces, the first letter a capital. "" for standard input.
std::string title_from_file_name(const std::string& source) {
    if (source.empty() || source == "-") return {};
    std::string name = source.substr(folder_part(source).size());
    // Its last extension only: "release-1.0.md" is release 1.0.
    if (size_t dot = name.rfind('.'); dot != std::string::npos && dot > 0) name.erase(dot);
    if (name.size() > 11 && name[10] == '-' && is_valid_w3cdtf(name.substr(0, 10)))
        name.erase(0, 11);
    std::replace(name.begin(), name.end(), '-', ' ');
    std::replace(name.begin(), name.end(), '_', ' ');
    name = metadata_text(name);
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z')
        name[0] = static_cast<char>(name[0] - 32);
    return name;
}

} // namespace

Status finalize_metadata(Metadata& m, const std::string& source, Warnings& warnings) {
    // As front matter has them, whoever set them (a program, the command line): a blank value is
    // no value, never an empty dc:title or dc:creator.
    for (std::string* s : {&m.title, &m.subtitle, &m.date, &m.lang, &m.publisher, &m.rights,
                           &m.description, &m.identifier})
        *s = metadata_text(*s);
    for (auto& p : m.authors)
        p.name = metadata_text(p.name), p.file_as = metadata_text(p.file_as);
    m.authors.erase(std::remove_if(m.authors.begin(), m.authors.end(),
                                   [](const Person& p) { return p.name.empty(); }),
                    m.authors.end());
    for (auto& s : m.subjects)
        s = metadata_text(s);
    m.subjects.erase(std::remove(m.subjects.begin(), m.subjects.end(), std::string()),
                     m.subjects.end());

    if (is_blank_text(m.title)) { // "&nbsp;" would be a title no one can read or find
        // As pandoc and calibre do: the file's name, said in a warning.
        if (std::string t = title_from_file_name(source); !t.empty()) {
            warnings.push_back({Errc::metadata, source, 0, 0,
                                "no title given; '" + t +
                                    "', from the file's name (give 'title:' in the front "
                                    "matter, start with a '# Heading', or pass --title)"});
            m.title = t;
        }
    }
    if (is_blank_text(m.title)) {
        return Error{Errc::metadata, source, 0, 0,
                     "no title: give 'title:' in the front matter, start the article with a "
                     "'# Heading', or pass --title"};
    }
    if (auto st = finalize_language(m, source, warnings); !st) return st;
    if (!m.date.empty() && !is_valid_w3cdtf(m.date)) {
        auto o = m.origin_of("date", source);
        bool only_day = false;
        if (auto d = read_date(m.date, &only_day)) {
            if (only_day)
                warnings.push_back({Errc::metadata, o.file, o.line, 0,
                                    "'" + m.date + "': only its day, " + *d +
                                        ", is a date octavo reads; the rest is left out"});
            m.date = *d;
        } else if (m.date.compare(0, 4, "0000") == 0) {
            return Error{Errc::metadata, o.file, o.line, 0,
                         "'" + m.date + "': there is no year 0000 (years run from 0001)"};
        } else {
            return Error{Errc::metadata, o.file, o.line, 0,
                         "'" + m.date + "' is not a date octavo reads (such as 2019-05-21, " +
                             "2019-05-21 10:00:00 +0200, 2019-05-21T10:00:00Z, " +
                             "Tue, 21 May 2019 10:00:00 GMT or May 21, 2019)"};
        }
    }
    for (auto& p : m.authors)
        if (p.file_as.empty()) p.file_as = file_as_of(p.name);
    return {};
}

namespace {

std::vector<std::string_view> words_of(std::string_view s) {
    std::vector<std::string_view> out;
    for (size_t start = 0; start < s.size();) {
        size_t end = std::min(s.find(' ', start), s.size());
        if (end > start) out.push_back(s.substr(start, end - start));
        start = end + 1;
    }
    return out;
}

std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& ch : out)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// The words that make a name an organisation's, in English, which names of teams, companies
// and institutions are mostly written in; a person's name has none of them.
bool is_organisation_word(std::string_view word) {
    static const char* const words[] = {
        "team",         "teams",        "project",    "foundation",   "inc",          "ltd",
        "llc",          "gmbh",         "corp",       "corporation",  "company",      "group",
        "association",  "society",      "committee",  "council",      "university",   "institute",
        "college",      "school",       "press",      "staff",        "contributors", "developers",
        "maintainers",  "community",    "editors",    "editorial",    "board",        "agency",
        "organization", "organisation", "department", "ministry",     "collective",   "consortium",
        "club",         "office",       "news",       "magazine",     "journal",      "network",
        "lab",          "labs",         "laboratory", "center",       "centre",       "bureau",
        "services",     "authority",    "commission", "federation",   "union",        "alliance",
        "partners",     "media",        "publishing", "publications", "blog",         "newsroom",
        "desk",         "wire",         "reporters",  "authors",      "writers",      "working"};
    while (!word.empty() && std::ispunct(static_cast<unsigned char>(word.back())))
        word.remove_suffix(1);
    std::string w = lower_ascii(word);
    for (const char* o : words)
        if (w == o) return true;
    return false;
}

bool is_organisation(std::string_view name) {
    auto words = words_of(name);
    if (words.size() > 1 && lower_ascii(words[0]) == "the") return true;
    return std::any_of(words.begin(), words.end(), is_organisation_word);
}

// A part of a list of names that can stand for a person's whole name: two words or more, the
// first starting with a capital (or a letter that has no case), and no organisation's words.
bool is_full_name(std::string_view part) {
    auto words = words_of(part);
    if (words.size() < 2) return false;
    unsigned char first = static_cast<unsigned char>(words[0][0]);
    return first >= 0x80 || std::isupper(first);
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> split_on(std::string_view s, std::string_view sep) {
    std::vector<std::string_view> out;
    for (size_t start = 0;;) {
        size_t end = s.find(sep, start);
        out.push_back(trim(s.substr(start, end == std::string_view::npos ? end : end - start)));
        if (end == std::string_view::npos) return out;
        start = end + sep.size();
    }
}

// "A B and C D", "A B & C D": two people when both sides are whole names.
void split_pair(std::string_view part, std::vector<std::string>& out) {
    for (std::string_view sep : {" and ", " & "}) {
        auto sides = split_on(part, sep);
        if (sides.size() > 1 && std::all_of(sides.begin(), sides.end(), is_full_name)) {
            for (auto side : sides)
                out.emplace_back(side);
            return;
        }
    }
    out.emplace_back(part);
}

} // namespace

std::vector<std::string> split_names(const std::string& names) {
    std::vector<std::string> out;
    std::string_view all = trim(names);
    if (all.empty()) return out;
    if (all.find(';') != std::string_view::npos) { // never inside one name
        for (auto part : split_on(all, ";"))
            if (!part.empty()) out.emplace_back(part);
        return out;
    }
    // An organisation's name may hold "and" or "&" (Simon & Schuster, Research and Development
    // Team) and a comma (Acme, Inc.): it stays whole.
    if (is_organisation(all)) return {std::string(all)};
    auto parts = split_on(all, ",");
    for (auto& p : parts) // the serial comma: "A B, C D, and E F"
        for (std::string_view lead : {"and ", "& "})
            if (p.substr(0, lead.size()) == lead) p = trim(p.substr(lead.size()));
    // "Smith, John" is one name, inverted, and "John Smith, Jr." one with a suffix: commas list
    // people only when every part is a whole name.
    if (parts.size() > 1 && std::all_of(parts.begin(), parts.end(), is_full_name)) {
        for (auto p : parts)
            split_pair(p, out);
        return out;
    }
    split_pair(all, out);
    return out;
}

std::string file_as_of(const std::string& name) {
    // Already in sort form ("Smith, John"), an organisation's, or one word: as it is.
    if (name.find(',') != std::string::npos || is_organisation(name)) return name;
    auto words = words_of(name);
    if (words.size() < 2) return name;
    // "Martin Luther King Jr." is "King, Martin Luther, Jr.".
    std::string suffix;
    static const char* const suffixes[] = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"};
    std::string last = lower_ascii(words.back());
    if (words.size() > 2 && std::any_of(std::begin(suffixes), std::end(suffixes),
                                        [&](const char* x) { return last == x; })) {
        suffix = ", " + std::string(words.back());
        words.pop_back();
    }
    std::string given;
    for (size_t i = 0; i + 1 < words.size(); ++i)
        given += (i ? " " : "") + std::string(words[i]);
    return std::string(words.back()) + ", " + given + suffix;
}

Result<std::string> yaml_text(const YAML::Node& n, const std::string& key, Error where,
                              bool null_is_empty) {
    if (null_is_empty && n.IsNull()) return std::string();
    if (!n.IsScalar()) {
        where.message = "'" + key + "' must be a text value";
        return where;
    }
    return metadata_text(n.Scalar());
}

} // namespace octavo
