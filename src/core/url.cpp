#include "core/url.hpp"

#include "core/module.hpp"

#include <idn2.h>
#include <openssl/evp.h>

#include <algorithm>
#include <arpa/inet.h>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

namespace octavo {
namespace {

// True for a host name of ASCII letters, digits and hyphens in dot-separated labels of 1 to 63
// characters that neither start nor end with a hyphen, the last starting with a letter (so that
// it cannot be read as an IPv4 address), or for a dotted-quad IPv4 address. A final dot is
// allowed. This is what both epubchecks accept: 4.2.6 reads hosts as RFC 2396 does, 5.3.0 as
// the WHATWG URL standard does.
bool valid_host_name(std::string_view host) {
    if (!host.empty() && host.back() == '.') host.remove_suffix(1);
    if (host.empty() || host.size() > 253) return false;
    size_t last = host.rfind('.') + 1; // 0 when there is no dot
    if (host.find_first_not_of("0123456789", last) == std::string_view::npos) {
        unsigned char addr[4];
        return inet_pton(AF_INET, std::string(host).c_str(), addr) == 1;
    }
    if (!std::isalpha(static_cast<unsigned char>(host[last]))) return false;
    size_t start = 0;
    while (start <= host.size()) {
        size_t dot = std::min(host.find('.', start), host.size());
        std::string_view label = host.substr(start, dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-')
            return false;
        for (char c : label)
            if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-') return false;
        start = dot + 1;
    }
    return true;
}

} // namespace

std::string escape_href(std::string_view url) {
    static const char hex[] = "0123456789ABCDEF";
    auto is_hex = [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; };
    std::string out;
    bool fragment = false;
    for (size_t i = 0; i < url.size(); ++i) {
        auto c = static_cast<unsigned char>(url[i]);
        bool keep = c != 0 && (std::isalnum(c) || std::strchr("-._~:/?@!$&'()*+,;=", c));
        if (c == '#' && !fragment) keep = fragment = true;
        if (c == '%' && i + 2 < url.size() && is_hex(url[i + 1]) && is_hex(url[i + 2])) keep = true;
        if (keep) {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::string link_href(const std::string& url, const std::string& scheme, std::string& problem) {
    std::string rest = url.substr(scheme.size() + 1);
    if (scheme != "http" && scheme != "https" && scheme != "ftp") {
        if (rest.find_first_not_of(" ") == std::string::npos) {
            problem = "nothing follows '" + scheme + ":'";
            return {};
        }
        return escape_href(url);
    }
    if (rest.compare(0, 2, "//") != 0) {
        problem = "it has no '//' and host after '" + scheme + ":'";
        return {};
    }
    size_t end = std::min(rest.find_first_of("/?#", 2), rest.size());
    std::string authority = rest.substr(2, end - 2);
    std::string userinfo, host, port;
    size_t at = authority.rfind('@');
    if (at != std::string::npos) {
        userinfo = escape_href(authority.substr(0, at));
        for (size_t i; (i = userinfo.find_first_of("@#")) != std::string::npos;)
            userinfo.replace(i, 1, userinfo[i] == '@' ? "%40" : "%23");
        userinfo += '@';
        authority.erase(0, at + 1);
    }
    size_t colon = authority.find(':', authority[0] == '[' ? authority.find(']') : 0);
    host = authority.substr(0, colon);
    if (colon != std::string::npos) port = authority.substr(colon + 1);
    if (host.empty()) {
        problem = "it has no host";
        return {};
    }
    if (port.size() > 5 || port.find_first_not_of("0123456789") != std::string::npos ||
        (!port.empty() && std::stol(port) > 65535)) {
        problem = "its port '" + port.substr(0, 20) + "' is not a number from 0 to 65535";
        return {};
    }
    bool ok = true;
    if (host[0] == '[') {
        unsigned char addr[16];
        ok = host.back() == ']' &&
             inet_pton(AF_INET6, host.substr(1, host.size() - 2).c_str(), addr) == 1;
    } else {
        // An internationalised name (or one with an ACE label to check) in its ASCII form, as
        // IDNA2008 with the UTS 46 mapping has it: the form browsers look up and validators accept.
        std::string lower = host;
        for (char& c : lower)
            c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        bool ascii = std::all_of(host.begin(), host.end(),
                                 [](char c) { return static_cast<unsigned char>(c) < 0x80; });
        if (!ascii || lower.compare(0, 4, "xn--") == 0 ||
            lower.find(".xn--") != std::string::npos) {
            char* out = nullptr;
            ok = host.find('\0') == std::string::npos &&
                 idn2_to_ascii_8z(host.c_str(), &out, IDN2_NONTRANSITIONAL) == IDN2_OK;
            if (ok) host = out;
            idn2_free(out);
        }
        ok = ok && valid_host_name(host);
    }
    if (!ok) {
        problem = "its host is not a valid domain name or IP address";
        return {};
    }
    return scheme + "://" + userinfo + host + (colon != std::string::npos ? ":" + port : "") +
           escape_href(rest.substr(end));
}

bool has_scheme(std::string_view url, std::string& scheme) {
    size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) return false;
    for (size_t i = 0; i < colon; ++i) {
        char c = url[i];
        bool ok = std::isalpha(static_cast<unsigned char>(c)) ||
                  (i > 0 && (std::isdigit(static_cast<unsigned char>(c)) || c == '+' || c == '-' ||
                             c == '.'));
        if (!ok) return false;
    }
    scheme.clear();
    for (size_t i = 0; i < colon; ++i)
        scheme += static_cast<char>(std::tolower(static_cast<unsigned char>(url[i])));
    return true;
}

std::string resolve_url(std::string_view base, std::string_view ref) {
    using Resolve = long (*)(const char*, const char*, char*, size_t);
    static const LoadedModule module = load_module("liboctavo-uri.so", "octavo_resolve_uri_v1");
    if (!module.symbol) return {};
    auto resolve = reinterpret_cast<Resolve>(module.symbol);
    std::string b = escape_href(base), r = escape_href(ref);
    std::string out(b.size() + r.size() + 16, '\0');
    long n = resolve(b.c_str(), r.c_str(), out.data(), out.size());
    if (n >= 0 && static_cast<size_t>(n) >= out.size()) { // longer than thought: once more
        out.assign(static_cast<size_t>(n) + 1, '\0');
        n = resolve(b.c_str(), r.c_str(), out.data(), out.size());
    }
    if (n < 0 || static_cast<size_t>(n) >= out.size()) return {};
    out.resize(static_cast<size_t>(n));
    return out;
}

std::string decode_data_url(std::string_view url, std::string& media_type, std::string& data) {
    data.clear();
    size_t comma = url.find(',');
    if (url.size() < 5 || comma == std::string_view::npos) return "has no comma before its data";
    std::string head(url.substr(5, comma - 5));
    for (auto& c : head)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool base64 = head.size() >= 7 && head.compare(head.size() - 7, 7, ";base64") == 0;
    if (base64) head.resize(head.size() - 7);
    media_type = head.substr(0, head.find(';'));
    media_type.erase(
        std::remove_if(media_type.begin(), media_type.end(),
                       [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
        media_type.end());
    if (media_type.empty()) media_type = "text/plain";
    std::string text(url.substr(comma + 1));
    if (text.find('%') != std::string::npos) {
        if (text.find('\0') != std::string::npos) return "holds a NUL character";
        using Unescape = size_t (*)(char*);
        static const LoadedModule module =
            load_module("liboctavo-uri.so", "octavo_unescape_uri_v1");
        if (!module.symbol) return "cannot be decoded: " + module.error;
        text.resize(reinterpret_cast<Unescape>(module.symbol)(text.data()));
    }
    if (!base64) {
        data = std::move(text);
        return {};
    }
    // EVP_DecodeUpdate skips white space and line breaks, as browsers do.
    std::unique_ptr<EVP_ENCODE_CTX, void (*)(EVP_ENCODE_CTX*)> ctx(EVP_ENCODE_CTX_new(),
                                                                   EVP_ENCODE_CTX_free);
    if (!ctx) return "cannot be decoded (out of memory)";
    EVP_DecodeInit(ctx.get());
    data.resize(text.size() / 4 * 3 + 3);
    int n = 0, m = 0;
    if (text.size() > static_cast<size_t>(INT32_MAX) ||
        EVP_DecodeUpdate(ctx.get(), reinterpret_cast<unsigned char*>(data.data()), &n,
                         reinterpret_cast<const unsigned char*>(text.data()),
                         static_cast<int>(text.size())) < 0 ||
        EVP_DecodeFinal(ctx.get(), reinterpret_cast<unsigned char*>(data.data()) + n, &m) < 0) {
        data.clear();
        return "is not valid base64";
    }
    data.resize(static_cast<size_t>(n + m));
    return {};
}

} // namespace octavo
