// What liboctavo exports. The library is built with hidden visibility (-fvisibility=hidden
// -fvisibility-inlines-hidden): only the functions declared OCTAVO_API in these headers are in its
// dynamic symbol table, everything else stays inside it and may change between versions.
#pragma once

#if defined(__GNUC__) || defined(__clang__)
#define OCTAVO_API __attribute__((visibility("default")))
#else
#define OCTAVO_API
#endif
