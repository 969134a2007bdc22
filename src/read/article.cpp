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
#include "read/paragraphs.hpp"

namespace octavo {
namespace {

struct Ctx {
    const std::string& file;
    int line_offset;
    Warnings& warnings;
    int line_of(const YAML::Node& n) const { return n.Mark().line + 1 + line_offset; }
    int col_of(const YAML::Node& n) const { return n.Mark().column + 1; }
    Error error(const YAML::Node& n, const std::string& msg) const {
        return {Errc::metadata, file, line_of(n), col_of(n), msg};
    }
};

// A scalar value as a clean single-line string ("" for null), or an Error naming the key.
Result<std::string> scalar(const Ctx& c, const YAML::Node& n, const std::string& key) {
    return yaml_text(n, key, c.error(n, ""), true);
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

Result<std::vector<Person>> people(const Ctx& c, const YAML::Node& n, const std::string& key) {
    std::vector<Person> out;
    auto one = [&](const YAML::Node& item) -> Status {
        Person p;
        if (item.IsScalar() || item.IsNull()) {
            auto s = scalar(c, item, key);
            if (!s) return s.error();
            p.name = *s;
        } else if (item.IsMap()) {
            for (const char* k : {"name", "text"}) {
                if (item[k]) {
                    auto s = scalar(c, item[k], key + "." + k);
                    if (!s) return s.error();
                    p.name = *s;
                }
            }
            if (item["role"]) {
                auto s = scalar(c, item["role"], key + ".role");
                if (!s) return s.error();
                p.role = marc_role(*s);
                if (p.role.empty())
                    return c.error(item["role"], "unknown role '" + *s +
                                                     "' (use author, editor, translator... or a "
                                                     "MARC relator code)");
            }
            if (item["file-as"]) {
                auto s = scalar(c, item["file-as"], key + ".file-as");
                if (!s) return s.error();
                p.file_as = *s;
            }
        } else {
            return c.error(item, "each entry of '" + key + "' must be a name or {name, role}");
        }
        if (!p.name.empty()) out.push_back(std::move(p));
        return {};
    };
    if (n.IsSequence()) {
        for (const auto& item : n) {
            if (auto st = one(item); !st) return st.error;
        }
    } else if (auto st = one(n); !st) {
        return st.error;
    }
    return out;
}

Result<std::vector<std::string>> strings(const Ctx& c, const YAML::Node& n,
                                         const std::string& key) {
    std::vector<std::string> out;
    if (n.IsSequence()) {
        for (const auto& item : n) {
            auto s = scalar(c, item, key);
            if (!s) return s.error();
            if (!s->empty()) out.push_back(*s);
        }
    } else {
        auto s = scalar(c, n, key);
        if (!s) return s.error();
        // pandoc users often write "subject: a, b"; keep it as one subject, as pandoc does
        if (!s->empty()) out.push_back(*s);
    }
    return out;
}

// Title text of a Markdown heading line (line_no of source), rendered by cmark so inline markup
// becomes plain text, without the characters XML forbids that its character references may give.
std::string heading_text(std::string_view line, const std::string& source, int line_no,
                         Warnings& warnings) {
    std::unique_ptr<cmark_node, void (*)(cmark_node*)> doc(
        cmark_parse_document(line.data(), line.size(), CMARK_OPT_SMART), cmark_node_free);
    int warned_line = 0;
    std::string text =
        remove_xml_forbidden(plain_text(doc.get()), source, line_no, warned_line, warnings);
    take_heading_attributes(text); // pandoc's {#id}: the title's id is the book's own
    return text;
}

bool is_blank(std::string_view line) {
    return line.find_first_not_of(" \t") == std::string_view::npos;
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
        if (!is_blank(line)) break;
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

Error too_big(const std::string& file) {
    return Error{Errc::io, file, 0, 0,
                 "is larger than " + std::to_string(max_file_bytes >> 20) +
                     " MiB, the most octavo reads from one file"};
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

Result<Metadata> parse_metadata(std::string_view yaml, const std::string& file, int line_offset,
                                Warnings& warnings) {
    Ctx c{file, line_offset, warnings};
    YAML::Node root;
    try {
        root = YAML::Load(std::string(yaml));
    } catch (const YAML::DeepRecursion& e) { // yaml-cpp says "bad file"
        return Error{Errc::syntax, file, e.mark.line + 1 + line_offset, e.mark.column + 1,
                     "invalid YAML: lists or mappings nested more than 2000 levels deep"};
    } catch (const YAML::Exception& e) {
        return Error{Errc::syntax, file, e.mark.line + 1 + line_offset, e.mark.column + 1,
                     "invalid YAML: " + e.msg};
    }
    Metadata m;
    if (root.IsNull()) return m;
    if (!root.IsMap()) return c.error(root, "metadata must be a YAML mapping of keys to values");
    try {
        for (const auto& kv : root) {
            if (!kv.first.IsScalar()) continue;
            const std::string key = kv.first.Scalar();
            const YAML::Node& v = kv.second;
            auto text = [&](std::string& field) -> Status {
                auto s = scalar(c, v, key);
                if (!s) return s.error();
                field = *s;
                return {};
            };
            Status st;
            if (key == "title")
                st = text(m.title);
            else if (key == "subtitle")
                st = text(m.subtitle);
            else if (key == "date")
                st = text(m.date);
            else if (key == "lang" || key == "language")
                st = text(m.lang);
            else if (key == "publisher")
                st = text(m.publisher);
            else if (key == "rights")
                st = text(m.rights);
            else if (key == "description" || key == "abstract")
                st = text(m.description);
            else if (key == "cover-image")
                st = text(m.cover_image);
            else if (key == "identifier") {
                if (v.IsSequence() && v.size() > 0 && v[0].IsMap() && v[0]["text"])
                    st = [&]() -> Status {
                        auto s = scalar(c, v[0]["text"], "identifier");
                        if (!s) return s.error();
                        m.identifier = *s;
                        return {};
                    }();
                else
                    st = text(m.identifier);
            } else if (key == "author" || key == "creator" || key == "authors") {
                auto p = people(c, v, key);
                if (!p) return p.error();
                m.authors = *p;
            } else if (key == "subject" || key == "subjects" || key == "keywords") {
                auto s = strings(c, v, key);
                if (!s) return s.error();
                m.subjects = *s;
            } else {
                continue; // other keys are pandoc's or the user's own: ignored, as pandoc does
            }
            if (!st) return st.error;
            m.origins.push_back({key == "language" ? "lang" : key, file, c.line_of(v)});
        }
    } catch (const YAML::Exception& e) {
        return Error{Errc::syntax, file, e.mark.line + 1 + line_offset, e.mark.column + 1,
                     "invalid metadata: " + e.msg};
    }
    return m;
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
    for (const auto& [key, values] : keys) {
        std::string used = key == "language" ? "lang" : key;
        if (std::none_of(m->origins.begin(), m->origins.end(),
                         [&](const auto& o) { return o.key == used; }))
            warnings.push_back({Errc::metadata, source, 0, 0,
                                "-M " + key + ": not a key octavo uses (title, subtitle, author, " +
                                    "date, lang, publisher, rights, description, subject, " +
                                    "identifier, cover-image); ignored"});
    }
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

    // Front matter: "---" on the first line, closed by "---" or "...".
    auto line_is = [](std::string_view line, std::initializer_list<std::string_view> marks) {
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        for (auto m : marks)
            if (line == m) return true;
        return false;
    };
    size_t first_end = text.find('\n');
    if (line_is(std::string_view(text).substr(0, first_end), {"---"})) {
        size_t pos = first_end == std::string::npos ? text.size() : first_end + 1;
        int line = 2;
        size_t close = std::string::npos, after = text.size();
        while (pos < text.size()) {
            size_t end = text.find('\n', pos);
            std::string_view l(text.data() + pos,
                               (end == std::string::npos ? text.size() : end) - pos);
            if (line_is(l, {"---", "..."})) {
                close = pos;
                after = end == std::string::npos ? text.size() : end + 1;
                break;
            }
            pos = end == std::string::npos ? text.size() : end + 1;
            ++line;
        }
        if (close == std::string::npos) {
            return Error{Errc::syntax, source, 1, 0,
                         "front matter starts with '---' but has no closing '---' line"};
        }
        auto meta =
            parse_metadata(std::string_view(text).substr(first_end + 1, close - first_end - 1),
                           source, 1, warnings);
        if (!meta) return meta.error();
        a.meta = std::move(*meta);
        a.body = text.substr(after);
        a.body_line = line + 1;
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
    return a;
}

namespace {

// Reads fd to its end, in chunks, stopping past max_file_bytes (a file may grow while it is read,
// and a pipe may never end).
Result<std::string> read_all(int fd, const std::string& path, std::size_t expected) {
    std::string data;
    data.reserve(expected);
    char chunk[65536];
    for (;;) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return Error{Errc::io, path, 0, 0, "cannot read", errno};
        if (n == 0) break;
        data.append(chunk, static_cast<std::size_t>(n));
        if (data.size() > max_file_bytes) return too_big(path);
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
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return Error{Errc::io, path, 0, 0, "cannot read", errno};
    if (S_ISDIR(st.st_mode)) return Error{Errc::io, path, 0, 0, "is a directory, not a file"};
    // A device or a pipe (/dev/zero, /dev/stdin) could be read for ever.
    if (!S_ISREG(st.st_mode)) return Error{Errc::io, path, 0, 0, "is not a regular file"};
    if (static_cast<std::size_t>(st.st_size) > max_file_bytes) return too_big(path);
    // open(2) and read(2), not an ifstream, which hides why a read failed (EIO from
    // /proc/self/mem gave "read error" without a reason).
    struct Fd {
        int fd;
        ~Fd() {
            if (fd >= 0) ::close(fd);
        }
    } in{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY)};
    if (in.fd < 0) return Error{Errc::io, path, 0, 0, "cannot open", errno};
    return read_all(in.fd, path, static_cast<std::size_t>(st.st_size));
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

Result<Article> read_article_file(const std::string& path, Warnings& warnings, Encoding encoding) {
    auto data = path == "-" ? read_standard_input() : load_file(path);
    if (!data) return data.error();
    // Before Latin-1 makes UTF-16 or UTF-32 mojibake that no longer tells what it was.
    if (auto wide = find_wide_unicode(*data)) return not_utf8(path, *wide);
    if (encoding == Encoding::latin1) *data = latin1_to_utf8(*data, path, warnings);
    Format f = ends_with_ignoring_case(path, ".txt") || ends_with_ignoring_case(path, ".text")
                   ? Format::text
                   : Format::markdown;
    auto a = read_article(*data, path, f, warnings);
    if (!a) return a;
    a->base_dir = parent_folder(path);
    return a;
}

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
        return Error{Errc::metadata, source, 0, 0,
                     "no title: give 'title:' in the front matter, start the article with a "
                     "'# Heading', or pass --title"};
    }
    if (m.lang.empty()) {
        warnings.push_back({Errc::metadata, source, 0, 0, "no language given; assuming 'en'"});
        m.lang = "en";
    } else if (!is_valid_language_tag(m.lang)) {
        auto o = m.origin_of("lang", source);
        return Error{Errc::metadata, o.file, o.line, 0,
                     "'" + m.lang + "' is not a valid BCP 47 language tag (e.g. en, en-GB, ar)"};
    } else if (auto checked = check_language(m.lang);
               checked.tag != m.lang || !checked.problem.empty()) {
        auto o = m.origin_of("lang", source);
        if (!checked.problem.empty())
            return Error{Errc::metadata, o.file, o.line, 0, checked.problem};
        warnings.push_back(
            {Errc::metadata, o.file, o.line, 0,
             "language '" + m.lang + "' written as '" + checked.tag + "', its registered form"});
        m.lang = checked.tag;
    }
    if (!m.date.empty() && !is_valid_w3cdtf(m.date))
        if (auto d = pandoc_date(m.date)) m.date = *d; // "May 21, 2019", as pandoc reads it
    if (!m.date.empty() && !is_valid_w3cdtf(m.date)) {
        auto o = m.origin_of("date", source);
        if (m.date.compare(0, 4, "0000") == 0)
            return Error{Errc::metadata, o.file, o.line, 0,
                         "'" + m.date + "': there is no year 0000 (years run from 0001)"};
        return Error{Errc::metadata, o.file, o.line, 0,
                     "'" + m.date + "' is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD" +
                         " (nor one pandoc reads, such as May 21, 2019)"};
    }
    for (auto& p : m.authors)
        if (p.file_as.empty()) p.file_as = file_as_of(p.name);
    return {};
}

std::string file_as_of(const std::string& name) {
    size_t sp = name.rfind(' ');
    return sp == std::string::npos ? name : name.substr(sp + 1) + ", " + name.substr(0, sp);
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
