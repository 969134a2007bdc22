#include "core/error.hpp"

#include <cstring>

namespace octavo {

const char* to_string(Errc code) {
    switch (code) {
    case Errc::io:
        return "io";
    case Errc::encoding:
        return "encoding";
    case Errc::syntax:
        return "syntax";
    case Errc::metadata:
        return "metadata";
    case Errc::content:
        return "content";
    case Errc::archive:
        return "archive";
    case Errc::usage:
        return "usage";
    }
    return "unknown";
}

std::string message_with_reason(const Error& e) {
    if (e.sys_errno == 0) return e.message;
    return e.message + ": " + std::strerror(e.sys_errno);
}

std::string Error::describe() const {
    std::string out;
    if (!file.empty()) {
        out += file;
        if (line > 0) {
            out += ':' + std::to_string(line);
            if (column > 0) out += ':' + std::to_string(column);
        }
        out += ": ";
    }
    return out + message_with_reason(*this);
}

} // namespace octavo
