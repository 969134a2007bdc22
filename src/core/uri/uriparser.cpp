// liboctavo-uri.so: a reference resolved against a base URL (RFC 3986, section 5) by uriparser.
// A module, loaded only for pages and feeds: Debian ships uriparser shared only, and a Markdown
// article never needs it.
#include <uriparser/Uri.h>

#include <cstddef>
#include <cstring>

namespace {

struct Uri {
    UriUriA uri{};
    bool parsed = false;
    ~Uri() {
        if (parsed) uriFreeUriMembersA(&uri);
    }
    bool parse(const char* text) {
        const char* error = nullptr;
        parsed = uriParseSingleUriA(&uri, text, &error) == URI_SUCCESS;
        return parsed;
    }
};

} // namespace

// Writes base + ref, NUL-terminated, into out and returns its length; returns -1 when base is not
// an absolute URI or ref not a URI reference, and the length needed (out untouched) when
// out_size is too small.
extern "C" __attribute__((visibility("default"))) long
octavo_resolve_uri_v1(const char* base, const char* ref, char* out, size_t out_size) {
    Uri b, r, resolved;
    if (!b.parse(base) || b.uri.scheme.first == nullptr || !r.parse(ref)) return -1;
    if (uriAddBaseUriExA(&resolved.uri, &r.uri, &b.uri, URI_RESOLVE_STRICTLY) != URI_SUCCESS)
        return -1;
    resolved.parsed = true;
    int needed = 0;
    if (uriToStringCharsRequiredA(&resolved.uri, &needed) != URI_SUCCESS) return -1;
    if (static_cast<size_t>(needed) + 1 > out_size) return needed;
    int written = 0;
    if (uriToStringA(out, &resolved.uri, static_cast<int>(out_size), &written) != URI_SUCCESS)
        return -1;
    return static_cast<long>(std::strlen(out));
}

// Decodes the percent escapes of text (NUL-terminated) in place, '+' left as it is, and returns
// the decoded length.
extern "C" __attribute__((visibility("default"))) size_t octavo_unescape_uri_v1(char* text) {
    const char* end = uriUnescapeInPlaceExA(text, URI_FALSE, URI_BR_DONT_TOUCH);
    return static_cast<size_t>(end - text);
}
