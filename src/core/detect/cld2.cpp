// liboctavo-detect.so: the language of a text, by cld2. A module of its own, loaded only for an
// article that gives no usable language: cld2 (and the shared C++ runtime it needs) cost every
// other run 1.7 MiB and a millisecond of loading.
#include <cstddef>
#include <cstdio> // before cld2's header, which uses FILE without it
#include <exception>

#include <cld2/public/compact_lang_det.h>

extern "C" __attribute__((visibility("default"))) int
octavo_detect_language_v1(const char* text, size_t size, char* code, size_t code_size) {
    try { // no exception crosses the C interface
        bool reliable = false;
        int valid_prefix = 0;
        CLD2::Language lang = CLD2::DetectLanguageCheckUTF8(text, static_cast<int>(size), true,
                                                            &reliable, &valid_prefix);
        if (!reliable || lang == CLD2::UNKNOWN_LANGUAGE || lang == CLD2::TG_UNKNOWN_LANGUAGE)
            return 0;
        std::snprintf(code, code_size, "%s", CLD2::LanguageCode(lang));
        return 1;
    } catch (const std::exception&) {
        return 0;
    }
}
