// Errors and warnings (octavo/error.hpp), and what the stages need of them beyond the public API.
#pragma once

#include <string>

#include "octavo/error.hpp"

namespace octavo {

/// The error's message followed by the system's reason, ": strerror(sys_errno)", when it has one:
/// what describe() gives after the file and line.
std::string message_with_reason(const Error& e);

} // namespace octavo
