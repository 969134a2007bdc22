#include "read/front_matter.hpp"

#include <nlohmann/json.hpp>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

// toml++ compiled into this file alone: the octavo binary loads no more shared objects for it.
#define TOML_HEADER_ONLY 1
#define TOML_ENABLE_FORMATTERS 0
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <sstream>

namespace octavo {

const Field* Field::get(std::string_view key) const {
    if (kind != Kind::map) return nullptr;
    for (const auto& [k, v] : items)
        if (k == key) return &v;
    return nullptr;
}

namespace {

int line_at(std::string_view text, size_t offset) {
    offset = std::min(offset, text.size());
    return 1 + static_cast<int>(std::count(text.begin(), text.begin() + offset, '\n'));
}

// --- YAML -------------------------------------------------------------------------------------

// yaml-cpp takes a quoted value that is never closed to the end of its text ("title: \"a" then
// "lang: fr" is the title "a lang: fr"): the closing quote is looked for from where the value
// starts, by YAML's two rules of escaping (\" in double quotes, '' in single).
bool quote_closed(std::string_view yaml, size_t pos) {
    if (pos >= yaml.size()) return true;
    char q = yaml[pos];
    if (q != '"' && q != '\'') return true; // a plain scalar, or one yaml-cpp placed elsewhere
    for (size_t i = pos + 1; i < yaml.size(); ++i) {
        if (q == '"' && yaml[i] == '\\') {
            ++i;
        } else if (yaml[i] == q) {
            if (q == '\'' && i + 1 < yaml.size() && yaml[i + 1] == '\'')
                ++i;
            else
                return true;
        }
    }
    return false;
}

struct YamlReader {
    std::string_view yaml;
    const std::string& file;
    int line_offset;
    std::optional<Error> error;
    long budget = max_fields;

    Field read(const YAML::Node& n, int depth) {
        Field f;
        f.line = n.Mark().line + 1 + line_offset;
        f.column = n.Mark().column + 1;
        if (n.IsScalar()) {
            f.kind = Field::Kind::text;
            f.text = n.Scalar();
            if (n.Tag() == "!" && n.Mark().pos >= 0 &&
                !quote_closed(yaml, static_cast<size_t>(n.Mark().pos)) && !error)
                error = Error{Errc::syntax, file, f.line, f.column,
                              "invalid YAML: a quoted value has no closing quote"};
        } else if (n.IsSequence()) {
            f.kind = Field::Kind::list;
            for (const auto& item : n) {
                if (depth >= max_field_depth || (depth > 0 && --budget < 0)) break;
                f.items.emplace_back(std::string(), read(item, depth + 1));
            }
        } else if (n.IsMap()) {
            f.kind = Field::Kind::map;
            for (const auto& kv : n) {
                if (depth >= max_field_depth || (depth > 0 && --budget < 0)) break;
                if (kv.first.IsScalar())
                    f.items.emplace_back(kv.first.Scalar(), read(kv.second, depth + 1));
            }
        }
        return f;
    }
};

// --- TOML -------------------------------------------------------------------------------------

Field toml_field(const toml::node& n, int line_offset, int depth) {
    Field f;
    f.line = static_cast<int>(n.source().begin.line) + line_offset;
    f.column = static_cast<int>(n.source().begin.column);
    std::ostringstream out;
    if (auto* t = n.as_table()) {
        f.kind = Field::Kind::map;
        if (depth < max_field_depth)
            for (auto&& [k, v] : *t)
                f.items.emplace_back(std::string(k.str()), toml_field(v, line_offset, depth + 1));
        // toml++ keeps a table's keys sorted: in the order written, as YAML and JSON give them
        std::stable_sort(f.items.begin(), f.items.end(), [](const auto& a, const auto& b) {
            return std::pair(a.second.line, a.second.column) <
                   std::pair(b.second.line, b.second.column);
        });
        return f;
    }
    if (auto* a = n.as_array()) {
        f.kind = Field::Kind::list;
        if (depth < max_field_depth)
            for (auto&& v : *a)
                f.items.emplace_back(std::string(), toml_field(v, line_offset, depth + 1));
        return f;
    }
    f.kind = Field::Kind::text;
    if (auto* s = n.as_string()) {
        f.text = s->get();
    } else if (auto* i = n.as_integer()) {
        f.text = std::to_string(i->get());
    } else if (auto* d = n.as_floating_point()) {
        out << d->get();
        f.text = out.str();
    } else if (auto* b = n.as_boolean()) {
        f.text = b->get() ? "true" : "false";
    } else if (auto* date = n.as_date()) { // RFC 3339's forms, which read_date reads
        char t[32];
        std::snprintf(t, sizeof t, "%04d-%02d-%02d", date->get().year, date->get().month,
                      date->get().day);
        f.text = t;
    } else if (auto* time = n.as_time()) {
        char t[32];
        std::snprintf(t, sizeof t, "%02d:%02d:%02d", time->get().hour, time->get().minute,
                      time->get().second);
        f.text = t;
    } else if (auto* dt = n.as_date_time()) {
        const toml::date_time& v = dt->get();
        char t[64];
        std::snprintf(t, sizeof t, "%04d-%02d-%02dT%02d:%02d:%02d", v.date.year, v.date.month,
                      v.date.day, v.time.hour, v.time.minute, v.time.second);
        f.text = t;
        if (v.offset) {
            int m = v.offset->minutes;
            std::snprintf(t, sizeof t, "%c%02d:%02d", m < 0 ? '-' : '+', std::abs(m) / 60,
                          std::abs(m) % 60);
            f.text += t;
        }
    }
    return f;
}

Result<Field> toml_fields(std::string_view text, const std::string& file, int line_offset) {
    try {
        toml::table t = toml::parse(text, file);
        return toml_field(t, line_offset, 0);
    } catch (const toml::parse_error& e) {
        return Error{Errc::syntax, file, static_cast<int>(e.source().begin.line) + line_offset,
                     static_cast<int>(e.source().begin.column),
                     "invalid TOML: " + std::string(e.description())};
    }
}

// --- JSON -------------------------------------------------------------------------------------

// nlohmann's SAX parser says where nothing is; the iterator it reads through does: the place
// of its last character read is the place of the key or value just parsed.
struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* p;
    const char** seen;
    reference operator*() const { return *p; }
    TrackingIterator& operator++() {
        *seen = ++p;
        return *this;
    }
    bool operator==(const TrackingIterator& o) const { return p == o.p; }
    bool operator!=(const TrackingIterator& o) const { return p != o.p; }
};

struct JsonReader : nlohmann::json_sax<nlohmann::json> {
    std::string_view text;
    const char* const* seen;
    std::vector<Field*> open; // the lists and maps being read, innermost last
    int skipped = 0;          // depth below max_field_depth being passed over
    long budget = max_fields;
    Field root;
    std::string last_key;
    std::optional<std::pair<size_t, std::string>> failed;

    int line() const { return line_at(text, static_cast<size_t>(*seen - text.data())); }
    Field* add(Field::Kind kind, std::string value = {}) {
        Field f;
        f.kind = kind;
        f.text = std::move(value);
        f.line = line();
        if (open.empty()) {
            root = std::move(f);
            return &root;
        }
        Field& parent = *open.back();
        parent.items.emplace_back(parent.kind == Field::Kind::map ? last_key : std::string(),
                                  std::move(f));
        return &parent.items.back().second;
    }
    bool keep() { return skipped == 0 && (open.size() <= 1 || --budget >= 0); }
    bool scalar(std::string value) {
        if (keep()) add(Field::Kind::text, std::move(value));
        return true;
    }
    bool start(Field::Kind kind) {
        if (skipped > 0 || open.size() >= static_cast<size_t>(max_field_depth) || !keep())
            ++skipped;
        else
            open.push_back(add(kind));
        return true;
    }
    bool end() {
        if (skipped > 0)
            --skipped;
        else
            open.pop_back();
        return true;
    }
    bool null() override {
        if (keep()) add(Field::Kind::null);
        return true;
    }
    bool boolean(bool v) override { return scalar(v ? "true" : "false"); }
    bool number_integer(number_integer_t v) override { return scalar(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return scalar(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& s) override { return scalar(s); }
    bool string(string_t& s) override { return scalar(s); }
    bool binary(binary_t&) override { return scalar({}); }
    bool start_object(std::size_t) override { return start(Field::Kind::map); }
    bool key(string_t& k) override {
        last_key = k;
        return true;
    }
    bool end_object() override { return end(); }
    bool start_array(std::size_t) override { return start(Field::Kind::list); }
    bool end_array() override { return end(); }
    bool parse_error(std::size_t position, const std::string&,
                     const nlohmann::detail::exception& e) override {
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error..."
        std::string what = e.what();
        size_t colon = what.find(": ", what.find("column"));
        failed = {position, colon == std::string::npos ? what : what.substr(colon + 2)};
        return false;
    }
};

Result<FrontMatter> json_front_matter(std::string_view text, const std::string& file) {
    const char* seen = text.data();
    JsonReader r;
    r.text = text;
    r.seen = &seen;
    TrackingIterator first{text.data(), &seen}, last{text.data() + text.size(), &seen};
    bool ok =
        nlohmann::json::sax_parse(first, last, &r, nlohmann::json::input_format_t::json, false);
    if (!ok || r.failed) {
        size_t at = r.failed ? r.failed->first : static_cast<size_t>(seen - text.data());
        return Error{Errc::syntax, file, line_at(text, at ? at - 1 : 0), 0,
                     "invalid JSON front matter: " +
                         (r.failed ? r.failed->second : std::string("not an object"))};
    }
    FrontMatter fm;
    fm.syntax = FrontMatterSyntax::json;
    fm.root = std::move(r.root);
    size_t end = static_cast<size_t>(seen - text.data());
    size_t eol = text.find('\n', end);
    std::string_view rest = text.substr(end, eol == std::string_view::npos ? eol : eol - end);
    if (rest.find_first_not_of(" \t") != std::string_view::npos)
        return Error{Errc::syntax, file, line_at(text, end), 0,
                     "JSON front matter must end with '}' alone at the end of its line"};
    fm.body_start = eol == std::string_view::npos ? text.size() : eol + 1;
    fm.body_line = line_at(text, end) + 1;
    return fm;
}

// --- Finding the block --------------------------------------------------------------------------

bool line_is(std::string_view line, std::initializer_list<std::string_view> marks) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
        line.remove_suffix(1);
    for (auto m : marks)
        if (line == m) return true;
    return false;
}

} // namespace

Result<Field> yaml_fields(std::string_view yaml, const std::string& file, int line_offset) {
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
    YamlReader r{yaml, file, line_offset, std::nullopt};
    try {
        Field f = r.read(root, 0);
        if (r.error) return *r.error;
        return f;
    } catch (const YAML::Exception& e) {
        return Error{Errc::syntax, file, e.mark.line + 1 + line_offset, e.mark.column + 1,
                     "invalid YAML: " + e.msg};
    }
}

Result<std::optional<FrontMatter>> read_front_matter(std::string_view text,
                                                     const std::string& file) {
    size_t first_end = text.find('\n');
    std::string_view first = text.substr(0, first_end);
    FrontMatterSyntax syntax;
    if (line_is(first, {"---"}))
        syntax = FrontMatterSyntax::yaml;
    else if (line_is(first, {"+++"}))
        syntax = FrontMatterSyntax::toml;
    else if (!first.empty() && first[0] == '{' &&
             (line_is(first, {"{"}) || first.find_first_not_of(" \t", 1) == first.find('"', 1)))
        syntax = FrontMatterSyntax::json; // not "{%" or "{{", Liquid's and Hugo's templates
    else
        return std::optional<FrontMatter>();
    if (syntax == FrontMatterSyntax::json) {
        auto fm = json_front_matter(text, file);
        if (!fm) return fm.error();
        return std::optional<FrontMatter>(std::move(*fm));
    }
    const char* mark = syntax == FrontMatterSyntax::yaml ? "---" : "+++";
    size_t pos = first_end == std::string_view::npos ? text.size() : first_end + 1;
    int line = 2;
    size_t close = std::string_view::npos, after = text.size();
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        std::string_view l =
            text.substr(pos, (end == std::string_view::npos ? text.size() : end) - pos);
        if (syntax == FrontMatterSyntax::yaml ? line_is(l, {"---", "..."}) : line_is(l, {"+++"})) {
            close = pos;
            after = end == std::string_view::npos ? text.size() : end + 1;
            break;
        }
        pos = end == std::string_view::npos ? text.size() : end + 1;
        ++line;
    }
    if (close == std::string_view::npos)
        return Error{Errc::syntax, file, 1, 0,
                     std::string("front matter starts with '") + mark + "' but has no closing '" +
                         mark + "' line"};
    std::string_view inner = text.substr(first_end + 1, close - first_end - 1);
    auto root = syntax == FrontMatterSyntax::yaml ? yaml_fields(inner, file, 1)
                                                  : toml_fields(inner, file, 1);
    if (!root) return root.error();
    FrontMatter fm;
    fm.syntax = syntax;
    fm.root = std::move(*root);
    fm.body_start = after;
    fm.body_line = line + 1;
    return std::optional<FrontMatter>(std::move(fm));
}

} // namespace octavo
