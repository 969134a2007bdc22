// liboctavo-cover.so: draws the cover with FreeType and HarfBuzz alone, from font files known when
// octavo was built, into a palette PNG. Loading pango, cairo and fontconfig took longer than the
// rest of a one-article run; these two libraries and a few hundred lines of layout (greedy
// wrapping at libunistring's line breaks, centred lines) do what this design needs in a few
// milliseconds. Text the known fonts do not cover, or written right to left, is left to the pango
// module (OCTAVO_COVER_UNSUPPORTED): its font fallback and bidi are what such text needs.
#include <fcntl.h>
#include <ft2build.h>
#include <hb.h>
#include <libdeflate.h>
#include <png.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unictype.h>
#include <unilbrk.h>
#include <unistd.h>
#include <unistr.h>
#include <zlib.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>
#include FT_FREETYPE_H
#include FT_OUTLINE_H

#include "cover_module.h"
#include "design.h"
#include "png_sink.h"

namespace {

using namespace octavo_cover;

// A font file mapped once, read by FreeType (outlines) and HarfBuzz (shaping) alike.
class Font {
public:
    Font(FT_Library lib, const char* path) {
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        struct stat st {};
        if (fd < 0) return;
        if (fstat(fd, &st) == 0 && st.st_size > 0) {
            void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
            if (p != MAP_FAILED) {
                data_ = p;
                size_ = static_cast<size_t>(st.st_size);
            }
        }
        close(fd);
        if (!data_) return;
        if (FT_New_Memory_Face(lib, static_cast<const FT_Byte*>(data_), static_cast<FT_Long>(size_),
                               0, &ft_) != 0) {
            ft_ = nullptr;
            return;
        }
        hb_blob_t* blob =
            hb_blob_create(static_cast<const char*>(data_), static_cast<unsigned>(size_),
                           HB_MEMORY_MODE_READONLY, nullptr, nullptr);
        hb_face_t* face = hb_face_create(blob, 0);
        hb_blob_destroy(blob);
        hb_ = hb_font_create(face);
        hb_face_destroy(face);
        upem_ = static_cast<int>(hb_face_get_upem(hb_font_get_face(hb_)));
        hb_font_set_scale(hb_, upem_, upem_); // positions in font units
        hb_font_extents_t ext{};
        hb_font_get_h_extents(hb_, &ext);
        ascent_ = ext.ascender;
        descent_ = -ext.descender;
    }
    ~Font() {
        if (hb_) hb_font_destroy(hb_);
        if (ft_) FT_Done_Face(ft_);
        if (data_) munmap(data_, size_);
    }
    Font(const Font&) = delete;
    Font& operator=(const Font&) = delete;

    bool ok() const { return ft_ && hb_ && upem_ > 0; }
    bool covers(uint32_t c) const { return FT_Get_Char_Index(ft_, c) != 0; }
    FT_Face ft() const { return ft_; }
    hb_font_t* hb() const { return hb_; }
    int upem() const { return upem_; }
    int ascent() const { return ascent_; }
    int descent() const { return descent_; }

private:
    void* data_ = nullptr;
    size_t size_ = 0;
    FT_Face ft_ = nullptr;
    hb_font_t* hb_ = nullptr;
    int upem_ = 0, ascent_ = 0, descent_ = 0;
};

// Every character of text has a glyph in font, and none asks for right-to-left layout.
bool drawable(const std::string& text, const Font& font) {
    const auto* s = reinterpret_cast<const uint8_t*>(text.data());
    const auto* end = s + text.size();
    while (s < end) {
        ucs4_t c;
        int n = u8_mbtouc(&c, s, static_cast<size_t>(end - s));
        s += n;
        if (c == '\n') continue;
        if (c == 0xFFFD || !font.covers(c)) return false;
        switch (uc_bidi_category(c)) {
        case UC_BIDI_R:
        case UC_BIDI_AL:
        case UC_BIDI_AN:
        case UC_BIDI_RLE:
        case UC_BIDI_RLO:
        case UC_BIDI_RLI:
            return false;
        default:
            break;
        }
    }
    return true;
}

// One paragraph shaped once in font units; every size is a scale of it (no hinting).
struct Glyph {
    unsigned id;
    int32_t advance, x_offset, y_offset;
    uint32_t cluster;  ///< the byte where its characters start
    bool break_before; ///< a line may start here
    bool space;        ///< white space, not drawn or counted at the end of a line
};
struct Paragraph {
    std::vector<Glyph> glyphs;
};

Paragraph shape(const Font& font, const std::string& text, const char* lang) {
    Paragraph p;
    hb_buffer_t* buf = hb_buffer_create();
    hb_buffer_add_utf8(buf, text.data(), static_cast<int>(text.size()), 0,
                       static_cast<int>(text.size()));
    hb_buffer_set_direction(buf, HB_DIRECTION_LTR);
    if (*lang) hb_buffer_set_language(buf, hb_language_from_string(lang, -1));
    hb_buffer_guess_segment_properties(buf);
    hb_shape(font.hb(), buf, nullptr, 0);
    unsigned n = 0;
    const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buf, &n);
    const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buf, nullptr);
    std::vector<char> breaks(text.size());
    if (!text.empty())
        u8_possible_linebreaks(reinterpret_cast<const uint8_t*>(text.data()), text.size(), "UTF-8",
                               breaks.data());
    p.glyphs.reserve(n);
    for (unsigned i = 0; i < n; ++i) {
        uint32_t c = info[i].cluster;
        bool first_of_cluster = i == 0 || info[i - 1].cluster != c;
        unsigned char ch = static_cast<unsigned char>(text[c]);
        p.glyphs.push_back({info[i].codepoint, pos[i].x_advance, pos[i].x_offset, pos[i].y_offset,
                            c, first_of_cluster && i > 0 && breaks[c] != UC_BREAK_PROHIBITED,
                            ch == ' ' || ch == '\t'});
    }
    hb_buffer_destroy(buf);
    return p;
}

// A line: glyphs [begin, end) of one paragraph, trailing spaces left out, perhaps an ellipsis.
struct Line {
    size_t para; ///< in its block's paragraphs
    size_t begin, end;
    int64_t width; ///< font units
    bool ellipsis = false;
};

int64_t width_of(const Paragraph& p, size_t b, size_t& e) {
    while (e > b && p.glyphs[e - 1].space)
        --e;
    int64_t w = 0;
    for (size_t i = b; i < e; ++i)
        w += p.glyphs[i].advance;
    return w;
}

bool cluster_start(const Paragraph& p, size_t i) {
    return i == 0 || i == p.glyphs.size() || p.glyphs[i].cluster != p.glyphs[i - 1].cluster;
}

// Greedy wrapping at the allowed breaks; a word wider than the box is broken between clusters,
// as pango's PANGO_WRAP_WORD_CHAR does.
void wrap(const Paragraph& p, size_t index, int64_t box, std::vector<Line>& lines) {
    const size_t n = p.glyphs.size();
    size_t start = 0;
    if (n == 0) {
        lines.push_back({index, 0, 0, 0});
        return;
    }
    while (start < n) {
        size_t best = 0;
        int64_t best_w = 0;
        for (size_t i = start + 1; i <= n; ++i) {
            if (i < n && !p.glyphs[i].break_before) continue;
            size_t e = i;
            int64_t w = width_of(p, start, e);
            if (w > box && best) break;
            if (w > box) { // the first word is too wide: the most clusters that fit
                size_t k = start + 1;
                for (size_t j = start + 1; j <= i; ++j) {
                    if (!cluster_start(p, j)) continue;
                    size_t ej = j;
                    if (width_of(p, start, ej) > box) break;
                    k = j;
                }
                while (!cluster_start(p, k))
                    ++k;
                best = k;
                size_t ek = k;
                best_w = width_of(p, start, ek);
                break;
            }
            best = i;
            best_w = w;
        }
        size_t e = best;
        width_of(p, start, e);
        lines.push_back({index, start, e, best_w});
        start = best;
        while (start < n && p.glyphs[start].space && !p.glyphs[start].break_before)
            ++start;
    }
}

// A block of text laid out at one size.
struct Block {
    const Font* font = nullptr;
    std::vector<Paragraph> paras;
    int px = 0;
    std::vector<Line> lines;
    double height = 0; ///< pixels
    bool ellipsized = false;
    Glyph dots{}; ///< the ellipsis glyph
};

double line_height(const Font& f, int px) {
    return static_cast<double>(f.ascent() + f.descent()) * px / f.upem();
}
double line_step(const Font& f, int px) {
    return line_height(f, px) + static_cast<double>(px) / line_spacing_divisor;
}

Block layout(const Font& font, const std::vector<Paragraph>& paras, const Glyph& dots, int px,
             int box_width, int max_lines) {
    Block b;
    b.font = &font;
    b.px = px;
    b.dots = dots;
    const int64_t box = static_cast<int64_t>(box_width) * font.upem() / px;
    for (size_t i = 0; i < paras.size(); ++i)
        wrap(paras[i], i, box, b.lines);
    if (static_cast<int>(b.lines.size()) > max_lines) {
        // The last line shows what fits of the rest, and an ellipsis.
        b.lines.resize(static_cast<size_t>(max_lines));
        Line& last = b.lines.back();
        const Paragraph& p = paras[last.para];
        size_t e = p.glyphs.size();
        for (;; --e) {
            if (!cluster_start(p, e)) continue;
            size_t t = e;
            int64_t w = width_of(p, last.begin, t);
            if (w + dots.advance <= box || t <= last.begin + 1) {
                last.end = t;
                last.width = w + dots.advance;
                break;
            }
        }
        last.ellipsis = true;
        b.ellipsized = true;
    }
    int n = static_cast<int>(b.lines.size());
    b.height = n * line_height(font, px) + (n - 1) * static_cast<double>(px) / line_spacing_divisor;
    return b;
}

// The largest size from the style's start down to its min at which the text fits.
Block fit(const Font& font, const std::string& text, const char* lang, const Style& style,
          int box_width, int box_height) {
    std::vector<Paragraph> paras;
    size_t from = 0;
    for (;;) {
        size_t nl = text.find('\n', from);
        paras.push_back(shape(font, text.substr(from, nl - from), lang));
        if (nl == std::string::npos) break;
        from = nl + 1;
    }
    Paragraph ell = shape(font, "\xE2\x80\xA6", lang);
    Glyph dots = ell.glyphs.empty() ? Glyph{} : ell.glyphs[0];
    for (int px = style.start_px;; px = px * 9 / 10) {
        if (px < style.min_px) px = style.min_px;
        Block b = layout(font, paras, dots, px, box_width, style.max_lines);
        if ((!b.ellipsized && b.height <= box_height) || px == style.min_px) {
            b.paras = std::move(paras);
            return b;
        }
    }
}

// The image: one palette index per pixel. Each text colour on its background is a ramp of
// levels, so antialiased edges need no more than 256 colours.
constexpr int levels = 63;
struct Ramp {
    Rgb from, to;
};
enum : int { ramp_title, ramp_subtitle, ramp_authors, ramp_foot, ramp_count };
constexpr Ramp ramps[ramp_count] = {{ink, white}, {ink, pale}, {paper, ink}, {paper, grey}};
constexpr uint8_t accent_index = ramp_count * levels;
constexpr uint8_t base(int ramp) {
    return static_cast<uint8_t>(ramp * levels);
}

// A coverage's level in a ramp and back, computed once rather than per pixel.
struct Tables {
    uint8_t level[256];       ///< coverage 0..255 to its level 0..levels-1
    uint8_t coverage[levels]; ///< a level to its coverage
    Tables() {
        for (unsigned a = 0; a < 256; ++a)
            level[a] = static_cast<uint8_t>((a * (levels - 1) + 127) / 255);
        for (unsigned k = 0; k < levels; ++k)
            coverage[k] = static_cast<uint8_t>(k * 255u / (levels - 1));
    }
};
const Tables tables;

// The image is an 8-bit palette PNG. Its rows are runs of one index broken by text edges:
// zlib's run-length strategy at level 1 keeps them about as small as its default would
// (bench/README.md) in a fraction of the time.
//
// Most rows are flat, and a run of identical rows is deflated once: the run's first rows are
// compressed between two full flushes (byte-aligned, with no reference to what came before), and
// those bytes stand again for each repeat of them. zlib's stream cannot be told that its input
// repeats, so the deflate stream is raw and its zlib wrapper (RFC 1950: two header bytes and the
// Adler-32 of the data, which adler32_combine gives for the repeats) is added around it here;
// libpng writes the chunks.

// Runs of at least min_repeat like rows are compressed repeat_rows at a time, once.
constexpr int min_repeat = 4, repeat_rows = 16;

class Deflater {
public:
    explicit Deflater(size_t reserve) {
        // A 32 KiB window: a smaller one would do for runs, but zlib then slides its whole hash
        // table every few hundred bytes.
        ok_ = deflateInit2(&z_, 1, Z_DEFLATED, -15, 8, Z_RLE) == Z_OK;
        out_.reserve(reserve);
        out_.push_back('\x78'); // deflate with a 32 KiB window; check bits, level 1 (FLEVEL 0)
        out_.push_back('\x01');
    }
    ~Deflater() {
        if (ok_) deflateEnd(&z_);
    }
    Deflater(const Deflater&) = delete;
    Deflater& operator=(const Deflater&) = delete;

    bool ok() const { return ok_; }
    // Compresses data, whose Adler-32 is adler; with a full flush the stream ends byte-aligned at
    // a point it can restart from. Returns the bytes written.
    size_t add(const uint8_t* data, size_t size, int flush, uLong adler) {
        adler_ = adler32_combine(adler_, adler, static_cast<z_off_t>(size));
        z_.next_in = const_cast<Bytef*>(data);
        z_.avail_in = static_cast<uInt>(size);
        return drain(flush);
    }
    size_t add(const uint8_t* data, size_t size, int flush) {
        return add(data, size, flush, libdeflate_adler32(1, data, size));
    }
    // Writes again the last n bytes written, which stand for size bytes of input whose Adler-32
    // is adler.
    void repeat(size_t n, uLong adler, size_t size) {
        out_.append(out_, out_.size() - n, n);
        adler_ = adler32_combine(adler_, adler, static_cast<z_off_t>(size));
    }
    const std::string& finish() {
        z_.next_in = nullptr;
        z_.avail_in = 0;
        drain(Z_FINISH);
        for (int shift = 24; shift >= 0; shift -= 8)
            out_.push_back(static_cast<char>((adler_ >> shift) & 0xFF));
        return out_;
    }

private:
    size_t drain(int flush) {
        const size_t before = out_.size();
        for (;;) {
            z_.next_out = buffer_;
            z_.avail_out = sizeof buffer_;
            int rc = deflate(&z_, flush);
            out_.append(reinterpret_cast<const char*>(buffer_), sizeof buffer_ - z_.avail_out);
            if (rc == Z_STREAM_ERROR) {
                ok_ = false;
                break;
            }
            if (flush == Z_FINISH ? rc == Z_STREAM_END : z_.avail_out != 0) break;
        }
        return out_.size() - before;
    }
    z_stream z_{};
    bool ok_ = false;
    std::string out_;
    Bytef buffer_[16 * 1024];
    uLong adler_ = adler32(0, nullptr, 0);
};

// Rows of palette indices, drawn top to bottom and compressed as they are done with. A row of
// one colour is shared by every row like it until something is drawn on it: most of a cover's
// rows are flat, and neither their memory nor their filling is paid for. A row drawn on has a
// buffer of its own, which goes to the next row drawn on once the row is compressed: the rows of
// a line or two of text are in memory at a time, not the whole image (a page fault each 4 KiB).
class Canvas {
public:
    Canvas(int width, int height, uint8_t background, Deflater& d)
        : w(width), h(height), line_(static_cast<size_t>(w) + 1), d_(d) {
        rows_.assign(static_cast<size_t>(h), flat(background));
        owned_.resize(static_cast<size_t>(h));
        scan_.resize(line_ * repeat_rows);
    }
    const int w, h;

    void fill(uint8_t index, int x, int y, int rw, int rh) {
        const int x0 = std::max(0, x), x1 = std::min(w, x + rw);
        for (int r = std::max(done_, y); r < std::min(h, y + rh); ++r) {
            if (x0 == 0 && x1 == w) {
                rows_[static_cast<size_t>(r)] = flat(index);
                recycle(r);
            } else if (x0 < x1)
                std::memset(own(r) + x0, index, static_cast<size_t>(x1 - x0));
        }
    }
    // Adds a glyph's coverage (0 to 255 a pixel) in a ramp's colour, its top left at (x, y),
    // over what that ramp drew there: glyphs that touch do not leave a seam.
    void cover(int ramp, int x, int y, const FT_Bitmap& bm) {
        const int x0 = std::max(0, x), x1 = std::min(w, x + static_cast<int>(bm.width));
        const int y0 = std::max(done_, y), y1 = std::min(h, y + static_cast<int>(bm.rows));
        const unsigned lo = base(ramp);
        for (int r = y0; r < y1; ++r) {
            const unsigned char* src = bm.buffer + static_cast<ptrdiff_t>(r - y) * bm.pitch;
            uint8_t* dst = own(r);
            for (int c = x0; c < x1; ++c) {
                unsigned a = src[c - x];
                if (a == 0) continue;
                unsigned level = dst[c] - lo;
                if (level < static_cast<unsigned>(levels)) {
                    unsigned old = tables.coverage[level];
                    a = old + a * (255 - old) / 255;
                }
                dst[c] = static_cast<uint8_t>(lo + tables.level[a]);
            }
        }
    }
    // Nothing more is drawn above row y: the rows above it are compressed. The last run of like
    // rows stays open, as the rows after it may continue it.
    void release(int y) {
        for (; done_ < std::min(y, h); ++done_) {
            const int r = done_;
            if (run_n_ > 0 && same(r, run_y_)) {
                ++run_n_;
                recycle(r);
                continue;
            }
            if (run_n_ > 0) end_run();
            run_y_ = r;
            run_n_ = 1;
        }
    }
    // Compresses what is left.
    bool finish() {
        release(h);
        if (run_n_ > 0) end_run();
        return d_.ok();
    }

private:
    bool same(int a, int b) const {
        const uint8_t* p = rows_[static_cast<size_t>(a)];
        const uint8_t* q = rows_[static_cast<size_t>(b)];
        return p == q || std::memcmp(p, q, static_cast<size_t>(w)) == 0;
    }
    // The run of run_n_ rows like row run_y_, each a filter byte (none) and its indices.
    void end_run() {
        const int n = run_n_, k = std::min(n, repeat_rows);
        for (int i = 0; i < k; ++i) {
            scan_[static_cast<size_t>(i) * line_] = 0;
            std::memcpy(&scan_[static_cast<size_t>(i) * line_ + 1],
                        rows_[static_cast<size_t>(run_y_)], line_ - 1);
        }
        if (n < min_repeat) {
            for (int i = 0; i < n; ++i)
                d_.add(scan_.data(), line_, Z_NO_FLUSH);
        } else {
            d_.add(nullptr, 0, Z_FULL_FLUSH); // what came before, out and forgotten
            const size_t size = line_ * static_cast<size_t>(k);
            const uLong adler = libdeflate_adler32(1, scan_.data(), size);
            size_t bytes = d_.add(scan_.data(), size, Z_FULL_FLUSH, adler);
            for (int i = 1; i < n / k; ++i)
                d_.repeat(bytes, adler, size);
            for (int i = 0; i < n % k; ++i)
                d_.add(scan_.data(), line_, Z_NO_FLUSH);
        }
        recycle(run_y_);
        run_n_ = 0;
    }
    uint8_t* flat(uint8_t index) {
        auto& f = flat_[index];
        if (!f) {
            f = std::make_unique<uint8_t[]>(static_cast<size_t>(w));
            std::memset(f.get(), index, static_cast<size_t>(w));
        }
        return f.get();
    }
    uint8_t* own(int y) {
        auto& mine = owned_[static_cast<size_t>(y)];
        uint8_t*& r = rows_[static_cast<size_t>(y)];
        if (!mine) {
            if (spare_.empty()) {
                mine = std::make_unique<uint8_t[]>(static_cast<size_t>(w));
            } else {
                mine = std::move(spare_.back());
                spare_.pop_back();
            }
            std::memcpy(mine.get(), r, static_cast<size_t>(w));
            r = mine.get();
        }
        return r;
    }
    // Row y's own buffer, if it has one, is free for another row.
    void recycle(int y) {
        auto& mine = owned_[static_cast<size_t>(y)];
        if (mine) spare_.push_back(std::move(mine));
    }
    const size_t line_; ///< a row as compressed: a filter byte and its indices
    Deflater& d_;
    std::vector<uint8_t*> rows_;                    ///< each row: a flat one or its own
    std::unique_ptr<uint8_t[]> flat_[256];          ///< the flat row of each index, once drawn
    std::vector<std::unique_ptr<uint8_t[]>> owned_; ///< the rows drawn on
    std::vector<std::unique_ptr<uint8_t[]>> spare_; ///< buffers of rows compressed
    std::vector<uint8_t> scan_;                     ///< up to repeat_rows rows, as compressed
    int done_ = 0;                                  ///< the rows above are compressed
    int run_y_ = 0, run_n_ = 0;                     ///< the open run: run_n_ rows like row run_y_
};

// Text drawn at line_top (its ascent above its baseline) reaches at most this far above it: one
// em, for marks above capitals.
int reach_above(int px) {
    return px;
}

bool draw_block(Canvas& c, const Block& b, int ramp, double x0, double top, int box_width,
                char* error, size_t error_size) {
    FT_Face face = b.font->ft();
    if (FT_Set_Char_Size(face, 0, b.px * 64, 72, 72) != 0) {
        std::snprintf(error, error_size, "cannot draw the cover: FreeType cannot size the font");
        return false;
    }
    const double scale = static_cast<double>(b.px) / b.font->upem();
    double baseline = top + b.font->ascent() * scale;
    for (const Line& line : b.lines) {
        double x = x0 + (box_width - static_cast<double>(line.width) * scale) / 2;
        auto draw_glyph = [&](const Glyph& g) {
            double gx = x + g.x_offset * scale, gy = baseline - g.y_offset * scale;
            double ix = std::floor(gx), iy = std::floor(gy);
            if (FT_Load_Glyph(face, g.id, FT_LOAD_NO_HINTING | FT_LOAD_NO_BITMAP) == 0 &&
                face->glyph->format == FT_GLYPH_FORMAT_OUTLINE) {
                FT_Outline_Translate(&face->glyph->outline, std::lround((gx - ix) * 64),
                                     -std::lround((gy - iy) * 64));
                if (FT_Render_Glyph(face->glyph, FT_RENDER_MODE_NORMAL) == 0)
                    c.cover(ramp, static_cast<int>(ix) + face->glyph->bitmap_left,
                            static_cast<int>(iy) - face->glyph->bitmap_top, face->glyph->bitmap);
            }
            x += g.advance * scale;
        };
        for (size_t i = line.begin; i < line.end; ++i)
            draw_glyph(b.paras[line.para].glyphs[i]);
        if (line.ellipsis) draw_glyph(b.dots);
        baseline += line_step(*b.font, b.px);
        // The next line's glyphs start below this.
        c.release(static_cast<int>(std::floor(baseline - b.font->ascent() * scale)) -
                  reach_above(b.px));
    }
    return true;
}

uint8_t channel(double v) {
    return static_cast<uint8_t>(std::lround(std::clamp(v, 0.0, 1.0) * 255));
}

bool write_png(Canvas& c, Deflater& d, octavo_cover_sink sink, void* closure) {
    png_color palette[256]{};
    for (int r = 0; r < ramp_count; ++r)
        for (int k = 0; k < levels; ++k) {
            double t = static_cast<double>(k) / (levels - 1);
            const Ramp& m = ramps[r];
            palette[base(r) + k] = {channel(m.from.r + (m.to.r - m.from.r) * t),
                                    channel(m.from.g + (m.to.g - m.from.g) * t),
                                    channel(m.from.b + (m.to.b - m.from.b) * t)};
        }
    palette[accent_index] = {channel(accent.r), channel(accent.g), channel(accent.b)};
    if (!c.finish()) return false;
    const std::string& idat = d.finish();
    if (!d.ok()) return false;

    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    if (!png) return false;
    png_infop info = png_create_info_struct(png);
    PngSink s{sink, closure};
    if (!info || setjmp(png_jmpbuf(png))) {
        png_destroy_write_struct(&png, &info);
        return false;
    }
    write_to(png, &s);
    png_set_IHDR(png, info, static_cast<png_uint_32>(c.w), static_cast<png_uint_32>(c.h), 8,
                 PNG_COLOR_TYPE_PALETTE, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_set_PLTE(png, info, palette, accent_index + 1);
    png_write_info(png, info);
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IDAT"),
                    reinterpret_cast<png_const_bytep>(idat.data()), idat.size());
    png_write_chunk(png, reinterpret_cast<png_const_bytep>("IEND"), nullptr, 0);
    png_destroy_write_struct(&png, &info);
    return true;
}

struct FreeType {
    FT_Library lib = nullptr;
    FreeType() {
        if (FT_Init_FreeType(&lib) != 0) lib = nullptr;
    }
    ~FreeType() {
        if (lib) FT_Done_FreeType(lib);
    }
};

// Draws the text on c, top to bottom, which compresses the rows as they are done with. The fonts,
// FreeType and HarfBuzz are let go when it returns.
int paint(const octavo_cover_text* text, Canvas& c, char* error, size_t error_size) {
    FreeType ft;
    if (!ft.lib) {
        std::snprintf(error, error_size, "cannot draw the cover: FreeType cannot start");
        return -1;
    }
    // Each font is let go once its text is drawn: what HarfBuzz and FreeType read of a font file
    // stays in memory as long as it is mapped.
    auto serif_bold = std::make_unique<Font>(ft.lib, OCTAVO_FONT_SERIF_BOLD);
    auto serif_italic = std::make_unique<Font>(ft.lib, OCTAVO_FONT_SERIF_ITALIC);
    auto serif = std::make_unique<Font>(ft.lib, OCTAVO_FONT_SERIF);
    auto sans = std::make_unique<Font>(ft.lib, OCTAVO_FONT_SANS);
    const std::string title_text = text->title, sub_text = text->subtitle, names = text->authors,
                      foot_text = text->foot;
    // A missing font file or a character it lacks: the pango module chooses fonts.
    if (!serif_bold->ok() || !serif_italic->ok() || !serif->ok() || !sans->ok() ||
        !drawable(title_text, *serif_bold) || !drawable(sub_text, *serif_italic) ||
        !drawable(names, *serif) || !drawable(foot_text, *sans))
        return OCTAVO_COVER_UNSUPPORTED;

    const int w = c.w, h = c.h, box = w - 2 * margin;
    c.fill(base(ramp_title), 0, 0, w, band);
    c.fill(accent_index, 0, band, w, accent_height);

    // Title and subtitle, centred together in the band.
    Block tb = fit(*serif_bold, title_text, text->lang, title, box, title_height);
    Block sb;
    int gap = 0;
    if (!sub_text.empty()) {
        sb = fit(*serif_italic, sub_text, text->lang, subtitle, box, subtitle_height);
        gap = subtitle_gap;
    }
    double group = tb.height + gap + sb.height;
    double y = std::max<double>(title_top, (band - group) / 2.0);
    bool ok = draw_block(c, tb, ramp_title, margin, y, box, error, error_size);
    serif_bold.reset();
    if (ok && !sub_text.empty()) {
        double rule_y = y + tb.height + gap / 2.0;
        c.fill(accent_index, (w - rule_width) / 2, static_cast<int>(std::lround(rule_y)) - 3,
               rule_width, rule_height);
        ok = draw_block(c, sb, ramp_subtitle, margin, y + tb.height + gap, box, error, error_size);
    }
    serif_italic.reset();

    // Authors on the paper, publisher and year at the foot.
    const int foot_top = h - foot_from_bottom;
    if (ok && !names.empty()) {
        Block ab = fit(*serif, names, text->lang, authors, box, foot_top - band - 120);
        double ay = band + accent_height + (foot_top - band - accent_height - ab.height) / 2.0;
        ok = draw_block(c, ab, ramp_authors, margin, ay, box, error, error_size);
    }
    serif.reset();
    if (ok && !foot_text.empty()) {
        Block fb = fit(*sans, foot_text, text->lang, foot, box, foot_box);
        ok = draw_block(c, fb, ramp_foot, margin, foot_top + (foot_box - fb.height) / 2.0, box,
                        error, error_size);
    }
    return ok ? 0 : -1;
}

int draw(const octavo_cover_text* text, octavo_cover_sink sink, void* closure, char* error,
         size_t error_size) {
    Deflater d(256 * 1024);
    Canvas c(text->width, text->height, base(ramp_authors), d);
    if (int rc = paint(text, c, error, error_size); rc != 0) return rc;
    if (!d.ok() || !write_png(c, d, sink, closure)) {
        std::snprintf(error, error_size, "cannot encode the cover: libpng failed");
        return -1;
    }
    return 0;
}

} // namespace

extern "C" __attribute__((visibility("default"))) int
octavo_draw_cover_v1(const octavo_cover_text* text, octavo_cover_sink sink, void* closure,
                     char* error, size_t error_size) {
    try { // no exception crosses the C interface
        return draw(text, sink, closure, error, error_size);
    } catch (const std::exception& e) {
        std::snprintf(error, error_size, "cannot draw the cover: %s", e.what());
        return -1;
    }
}
