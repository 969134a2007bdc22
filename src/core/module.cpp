#include "core/module.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstring>
#include <vector>

#include "core/paths.hpp"

namespace octavo {

LoadedModule load_module(const char* name, const char* symbol) {
    std::vector<std::string> candidates;
    Dl_info info{};
    if (dladdr(reinterpret_cast<void*>(&load_module), &info) && info.dli_fname &&
        std::strchr(info.dli_fname, '/'))
        candidates.push_back(parent_folder(info.dli_fname) + "/" + name);
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        auto dir = parent_folder(std::string(exe, static_cast<size_t>(n))) + "/";
        candidates.push_back(dir + name);
        candidates.push_back(dir + OCTAVO_BIN_TO_LIB "/" + name);
    }
    candidates.push_back(name);
    // The error to report is the first module that exists and fails to load (out of
    // memory, a missing library, a broken file): not the last path tried, which would say
    // "not installed" of a module that is.
    LoadedModule m;
    for (const auto& path : candidates) {
        bool named = path.find('/') != std::string::npos;
        if (named && access(path.c_str(), F_OK) != 0) continue;
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        std::string error;
        if (!handle) {
            const char* why = dlerror();
            error = why ? why : "cannot be loaded";
            // A library it needs may be what failed ("libgio-2.0.so.0: failed to map...").
            if (named && error.find(path) == std::string::npos) error = path + ": " + error;
        } else {
            m.symbol = dlsym(handle, symbol);
            if (m.symbol) return m;
            error = path + ": no " + symbol;
            dlclose(handle);
        }
        if (m.error.empty() || !m.installed) m.error = error;
        // A bare name is found by the dynamic linker: installed unless it says it is not.
        if (named || error.find("No such file") == std::string::npos) m.installed = true;
    }
    return m;
}

} // namespace octavo
