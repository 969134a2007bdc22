// octavo's own shared modules (the cover drawers, the language detector), loaded with dlopen only
// when a book needs them, so a run that does not loads none of their libraries.
#pragma once

#include <string>

namespace octavo {

struct LoadedModule {
    void* symbol = nullptr; ///< the entry point, or null
    std::string error;      ///< why it could not be loaded
    bool installed = false; ///< a module was found (and failed to load)
};

/// Loads module file_name (once per process per name: callers keep the result) and looks up
/// symbol in it: beside the code that asks for it (liboctavo, or the octavo binary it is linked
/// into), in the library folder of the binary's prefix, or wherever the dynamic linker finds it.
/// Never unloaded: the libraries behind it (glib, fontconfig) keep state for the process's life.
LoadedModule load_module(const char* file_name, const char* symbol);

} // namespace octavo
