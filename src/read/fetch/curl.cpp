// liboctavo-fetch.so: one HTTP(S) GET by libcurl, within the caller's limits (fetch_module.h).
// Only http and https, also after a redirect; TLS verified; no cookies kept, no .netrc read, no
// credentials sent; the body goes to the caller's sink, never to a file.
#include "read/fetch/fetch_module.h"

#include <curl/curl.h>

#include <cstdio>
#include <cstring>
#include <mutex>

namespace {

struct Transfer {
    const octavo_fetch_request_v1* request;
    CURL* curl;
    size_t received = 0;
    bool asked_type = false, type_refused = false, too_big = false, sink_stopped = false;

    bool accept_type() {
        if (asked_type) return !type_refused;
        asked_type = true;
        char* type = nullptr;
        curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type);
        type_refused =
            request->accept_type && !request->accept_type(request->ctx, type ? type : "");
        return !type_refused;
    }
};

size_t on_body(char* data, size_t size, size_t count, void* user) {
    auto* t = static_cast<Transfer*>(user);
    size_t n = size * count;
    if (!t->accept_type()) return 0;
    // The limit counts decoded bytes: a small gzip response cannot inflate past it.
    if (t->received + n > t->request->max_bytes) {
        t->too_big = true;
        return 0;
    }
    t->received += n;
    if (!t->request->sink(t->request->ctx, data, n)) {
        t->sink_stopped = true;
        return 0;
    }
    return n;
}

void copy(char* out, size_t size, const char* text) {
    std::snprintf(out, size, "%s", text ? text : "");
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
octavo_fetch_v1(const octavo_fetch_request_v1* request, octavo_fetch_reply_v1* reply) {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    reply->status = 0;
    copy(reply->final_url, sizeof reply->final_url, request->url);
    reply->content_type[0] = reply->error[0] = '\0';
    CURL* curl = curl_easy_init();
    if (!curl) {
        copy(reply->error, sizeof reply->error, "libcurl could not start a transfer");
        return octavo_fetch_other;
    }
    Transfer t{request, curl};
    char error[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_URL, request->url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(curl, CURLOPT_MAXREDIRS, request->max_redirects);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, request->connect_timeout_ms);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, request->timeout_ms);
    curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE,
                     static_cast<curl_off_t>(request->max_bytes)); // told by Content-Length
    curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");           // every encoding libcurl decodes
    curl_easy_setopt(curl, CURLOPT_USERAGENT, request->user_agent);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L); // no SIGALRM for DNS time-outs
    curl_easy_setopt(curl, CURLOPT_FAILONERROR, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
    curl_easy_setopt(curl, CURLOPT_NETRC, static_cast<long>(CURL_NETRC_IGNORED));
    curl_easy_setopt(curl, CURLOPT_UNRESTRICTED_AUTH, 0L);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, &t);
    CURLcode rc = curl_easy_perform(curl);
    curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &reply->status);
    char* url = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &url) == CURLE_OK && url)
        copy(reply->final_url, sizeof reply->final_url, url);
    char* type = nullptr;
    if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type)
        copy(reply->content_type, sizeof reply->content_type, type);
    if (rc == CURLE_OK && !t.accept_type()) rc = CURLE_WRITE_ERROR; // an empty body
    copy(reply->error, sizeof reply->error, *error ? error : curl_easy_strerror(rc));
    curl_easy_cleanup(curl);
    switch (rc) {
    case CURLE_OK:
        return octavo_fetch_ok;
    case CURLE_UNSUPPORTED_PROTOCOL:
        return octavo_fetch_scheme;
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return octavo_fetch_dns;
    case CURLE_COULDNT_CONNECT:
        return octavo_fetch_connect;
    case CURLE_OPERATION_TIMEDOUT:
        return octavo_fetch_timeout;
    case CURLE_FILESIZE_EXCEEDED:
        return octavo_fetch_too_big;
    case CURLE_TOO_MANY_REDIRECTS:
        return octavo_fetch_redirects;
    case CURLE_HTTP_RETURNED_ERROR:
        return octavo_fetch_status;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
        return octavo_fetch_tls;
    case CURLE_WRITE_ERROR:
        return t.type_refused ? octavo_fetch_refused
               : t.too_big    ? octavo_fetch_too_big
                              : octavo_fetch_other;
    default:
        return octavo_fetch_other;
    }
}
