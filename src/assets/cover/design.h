/* The cover's design, shared by its two drawers (fast.cpp and pango.cpp) so that a cover looks
   the same whichever draws it: a dark band with the title and subtitle, an accent rule under it,
   the authors on paper below and the publisher and year at the foot. Sizes in pixels of the
   1200 x 1800 cover. */
#ifndef OCTAVO_COVER_DESIGN_H
#define OCTAVO_COVER_DESIGN_H

namespace octavo_cover {

struct Rgb {
    double r, g, b;
};
constexpr Rgb ink{0.12, 0.16, 0.22};   // the band and the authors
constexpr Rgb paper{0.96, 0.94, 0.90}; // the lower part
constexpr Rgb accent{0.78, 0.33, 0.24};
constexpr Rgb white{1, 1, 1};         // the title
constexpr Rgb pale{0.82, 0.85, 0.88}; // the subtitle on the band
constexpr Rgb grey{0.33, 0.33, 0.33}; // the foot

constexpr int band = 1180, margin = 110, accent_height = 18;
constexpr int rule_width = 160, rule_height = 6, subtitle_gap = 70, title_top = 100;
constexpr int foot_from_bottom = 150, foot_box = 100;

/* One text block: its font, its size from start down by tenths to min, and its box. */
struct Style {
    const char* family;
    const char* style; /* pango's style words: "Bold", "Italic", "" */
    int start_px, min_px, max_lines;
};
constexpr Style title{"DejaVu Serif", "Bold", 150, 64, 5};
constexpr int title_height = 760;
constexpr Style subtitle{"DejaVu Serif", "Italic", 56, 40, 4};
constexpr int subtitle_height = 260;
constexpr Style authors{"DejaVu Serif", "", 72, 40, 4};
constexpr Style foot{"DejaVu Sans", "", 40, 28, 1};

/* Space between lines, as a fraction of the font size. */
constexpr int line_spacing_divisor = 8;

} // namespace octavo_cover

#endif
