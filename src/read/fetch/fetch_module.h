// The C interface between liboctavo and its fetch module, liboctavo-fetch.so (curl.cpp): one
// HTTP(S) GET with limits. A module, loaded only when a URL is read, so that a run that reads
// only files never loads libcurl and the twenty libraries behind it.
#pragma once

#include <stddef.h>

extern "C" {

enum octavo_fetch_outcome {
    octavo_fetch_ok = 0,
    octavo_fetch_scheme,    ///< not http or https (also after a redirect)
    octavo_fetch_dns,       ///< the host name could not be resolved
    octavo_fetch_connect,   ///< no connection (refused, unreachable network)
    octavo_fetch_timeout,   ///< the connect or total time limit passed
    octavo_fetch_too_big,   ///< more bytes than max_bytes
    octavo_fetch_redirects, ///< more redirects than max_redirects
    octavo_fetch_tls,       ///< the TLS handshake or the certificate failed
    octavo_fetch_status,    ///< an HTTP status of 400 or more (status says which)
    octavo_fetch_refused,   ///< the caller's accept_type said no to the content type
    octavo_fetch_other,
};

struct octavo_fetch_request_v1 {
    const char* url;
    const char* user_agent;
    long connect_timeout_ms;
    long timeout_ms;
    size_t max_bytes;
    long max_redirects;
    /// Called once, before the first byte of the body, with the Content-Type ("" when none):
    /// nonzero to go on. Lets a page refuse a PDF without reading it.
    int (*accept_type)(void* ctx, const char* content_type);
    /// Called with each piece of the body, decoded (gzip, deflate): nonzero to go on.
    int (*sink)(void* ctx, const char* data, size_t size);
    void* ctx;
};

struct octavo_fetch_reply_v1 {
    long status;            ///< the last HTTP status
    char final_url[8192];   ///< after redirects
    char content_type[512]; ///< as the server gave it, "" when none
    char error[512];        ///< libcurl's reason, when outcome is not ok
};

/// Fetches request->url; returns an octavo_fetch_outcome.
typedef int (*octavo_fetch_v1_fn)(const struct octavo_fetch_request_v1* request,
                                  struct octavo_fetch_reply_v1* reply);
}
