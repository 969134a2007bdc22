// URLs in links: their scheme, and the form a validator and a reading system accept (percent
// encoding, a host in its ASCII form through IDNA2008).
#pragma once

#include <string>
#include <string_view>

namespace octavo {

/// True when url starts with a scheme ("https:", "mailto:"); scheme gets it in lower case.
bool has_scheme(std::string_view url, std::string& scheme);

/// url as a valid URI reference: percent-encodes what RFC 3986 does not allow (spaces, < > " {
/// } | \ ^ `, [ ], controls, a second #, a % not followed by two hex digits, non-ASCII bytes).
std::string escape_href(std::string_view url);

/// The link for url, whose scheme (lower case) octavo allows, or "" with the reason in problem
/// when it is not a valid URL: an http, https or ftp URL needs a host (a domain name, which goes
/// into its ASCII form when it is internationalised, an IPv4 address, or an IPv6 one in brackets)
/// and a port, if any, from 0 to 65535; a mailto or tel URL needs something after its scheme.
std::string link_href(const std::string& url, const std::string& scheme, std::string& problem);

/// ref resolved against base as RFC 3986 says (section 5: "../b" against "http://h/a/c" is
/// "http://h/b"), both made valid URI references first (escape_href); "" when base is not an
/// absolute URL or the resolver module (liboctavo-uri.so) is not installed.
std::string resolve_url(std::string_view base, std::string_view ref);

/// The bytes of a data: URL (RFC 2397: "data:[<media type>][;base64],<data>"), its percent
/// escapes decoded (by uriparser, in liboctavo-uri.so) and then its base64 (by libcrypto), into
/// data, and its media type (lower case, "text/plain" when it gives none) into media_type.
/// Returns why it cannot be read ("" when it can): no comma, bad base64, the module missing.
std::string decode_data_url(std::string_view url, std::string& media_type, std::string& data);

} // namespace octavo
