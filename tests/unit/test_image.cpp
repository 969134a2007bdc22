#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <sstream>

#include "assets/image.hpp"

using namespace octavo;

namespace {
std::string be32(uint32_t v) {
    return {static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
            static_cast<char>(v)};
}
uint32_t crc32(const std::string& s) {
    uint32_t c = 0xFFFFFFFF;
    for (unsigned char b : s) {
        c ^= b;
        for (int k = 0; k < 8; ++k)
            c = (c >> 1) ^ (0xEDB88320u & (0u - (c & 1)));
    }
    return ~c;
}
std::string chunk(const std::string& type, const std::string& data) {
    return be32(static_cast<uint32_t>(data.size())) + type + data + be32(crc32(type + data));
}
const std::string png_sig = "\x89PNG\r\n\x1A\n";
std::string ihdr(uint32_t w, uint32_t h, char depth = 8, char colour = 2, char interlace = 0) {
    return be32(w) + be32(h) + std::string{depth, colour, 0, 0, interlace};
}
std::string png(const std::string& header) {
    return png_sig + chunk("IHDR", header) + chunk("IDAT", std::string("x\x9c\x63\x60\0\0", 6)) +
           chunk("IEND", "");
}
std::string file(const std::string& path) {
    std::ifstream in(std::string(OCTAVO_TEST_DATA) + "/" + path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}
// A minimal GIF: 1x1, a two-colour global table, one image.
const std::string gif("GIF89a\x01\x00\x01\x00\x80\x00\x00\xff\xff\xff\x00\x00\x00"
                      "!\xf9\x04\x01\x00\x00\x00\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00"
                      "\x02\x02\x44\x01\x00;",
                      43);
std::string svg(const std::string& body, const std::string& attrs = "") {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\""
           " width=\"10\" height=\"10\"" +
           attrs + ">" + body + "</svg>";
}
} // namespace

TEST_CASE("images are typed by their content", "[image]") {
    CHECK(sniff_image(png(ihdr(1, 1))) == "image/png");
    CHECK(sniff_image(gif) == "image/gif");
    CHECK(sniff_image(file("fixtures/rich/cover.jpg")) == "image/jpeg");
    CHECK(sniff_image("\xEF\xBB\xBF <?xml version=\"1.0\"?><svg/>") == "image/svg+xml");
    CHECK(sniff_image("just text") == "");
    CHECK(sniff_image("") == "");
}

TEST_CASE("a PNG needs a whole, valid IHDR header", "[image]") {
    CHECK(bitmap_problem(png(ihdr(1, 1)), "image/png") == "");
    CHECK(bitmap_problem(file("fixtures/rich/ferries.png"), "image/png") == "");
    CHECK(bitmap_problem(png(ihdr(3, 2, 16, 6, 1)), "image/png") == "");
    CHECK(bitmap_problem(png(ihdr(3, 2, 4, 3)), "image/png") == "");
    // epubcheck reads no further than the header: a PNG cut after it is accepted.
    CHECK(bitmap_problem(png_sig + chunk("IHDR", ihdr(1, 1)), "image/png") == "");
    CHECK(bitmap_problem(png_sig, "image/png") ==
          "is not a valid PNG image: it ends before the end of its IHDR header");
    auto cut = png_sig + chunk("IHDR", ihdr(1, 1));
    CHECK(bitmap_problem(cut.substr(0, cut.size() - 1), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(0, 1)), "image/png") ==
          "is not a valid PNG image: its width or height is 0 or out of range");
    CHECK(bitmap_problem(png(ihdr(1, 0)), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(0x80000000, 1)), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(1, 1, 3)), "image/png") ==
          "is not a valid PNG image: its bit depth and colour type are not a valid combination");
    CHECK(bitmap_problem(png(ihdr(1, 1, 4, 2)), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(1, 1, 16, 3)), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(1, 1, 8, 5)), "image/png") != "");
    CHECK(bitmap_problem(png(ihdr(1, 1, 8, 2, 2)), "image/png") ==
          "is not a valid PNG image: its compression, filter or interlace method is unknown");
    auto bad_crc = png(ihdr(1, 1));
    bad_crc[29] = static_cast<char>(bad_crc[29] ^ 1);
    CHECK(bitmap_problem(bad_crc, "image/png") ==
          "is not a valid PNG image: its IHDR header is damaged (wrong CRC)");
    CHECK(bitmap_problem(png_sig + chunk("IDAT", "") + chunk("IHDR", ihdr(1, 1)), "image/png") ==
          "is not a valid PNG image: its first chunk is not a 13-byte IHDR header");
}

TEST_CASE("a JPEG needs well-formed segments up to its first scan, after a frame header",
          "[image]") {
    std::string jpg = file("fixtures/rich/cover.jpg");
    REQUIRE(jpg.size() > 1000);
    CHECK(bitmap_problem(jpg, "image/jpeg") == "");
    const std::string soi = "\xFF\xD8";
    CHECK(bitmap_problem(soi + "\xFF", "image/jpeg") ==
          "is not a valid JPEG image: it ends before its image data (no SOS segment)");
    std::string app0("\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00", 18);
    std::string sof("\xFF\xC0\x00\x11\x08\x00\x02\x00\x03\x03\x01\x11\x00\x02\x11\x01\x03\x11\x01",
                    19);
    std::string sos("\xFF\xDA\x00\x0C\x03\x01\x00\x02\x11\x03\x11\x00\x3F\x00", 14);
    CHECK(bitmap_problem(soi + app0 + sof + sos, "image/jpeg") == "");
    CHECK(bitmap_problem(soi + app0, "image/jpeg") != "");
    CHECK(bitmap_problem(soi + app0 + sof, "image/jpeg") != "");
    CHECK(bitmap_problem(soi + app0 + sos, "image/jpeg") ==
          "is not a valid JPEG image: it has no frame header (SOF) before its image data");
    auto zero = sof;
    zero[5] = zero[6] = 0; // height 0
    CHECK(bitmap_problem(soi + zero + sos, "image/jpeg") ==
          "is not a valid JPEG image: its width or height is 0");
    zero = sof;
    zero[7] = zero[8] = 0; // width 0
    CHECK(bitmap_problem(soi + zero + sos, "image/jpeg") != "");
    auto short_sof = sof;
    short_sof[3] = 0x0E; // length does not match three components
    CHECK(bitmap_problem(soi + short_sof + sos, "image/jpeg") != "");
    CHECK(bitmap_problem(soi + "\xFF\xE0garbage", "image/jpeg") ==
          "is not a valid JPEG image: it ends inside a segment");
    CHECK(bitmap_problem(soi + app0 + "garbage" + sof + sos, "image/jpeg") ==
          "is not a valid JPEG image: a segment does not start with a marker");
    CHECK(bitmap_problem(soi + "\xFF\xD9", "image/jpeg") != "");
}

TEST_CASE("a GIF needs a logical screen of non-zero size and a first image", "[image]") {
    CHECK(bitmap_problem(gif, "image/gif") == "");
    CHECK(bitmap_problem("GIF89a", "image/gif") ==
          "is not a valid GIF image: it ends before the end of its logical screen descriptor");
    CHECK(bitmap_problem(gif.substr(0, 13), "image/gif") ==
          "is not a valid GIF image: it ends before its first image");
    CHECK(bitmap_problem(gif.substr(0, 19), "image/gif") != "");
    CHECK(bitmap_problem(gif.substr(0, 28), "image/gif") != ""); // inside the extension
    CHECK(bitmap_problem(gif.substr(0, 30), "image/gif") ==
          "is not a valid GIF image: it ends inside its first image descriptor");
    auto zero = gif;
    zero[6] = zero[7] = 0;
    CHECK(bitmap_problem(zero, "image/gif") ==
          "is not a valid GIF image: its width or height is 0");
    auto junk = gif;
    junk[19] = 'x';
    CHECK(bitmap_problem(junk, "image/gif") ==
          "is not a valid GIF image: it holds an unknown block before its first image");
}

TEST_CASE("static SVG 1.1 passes, with other namespaces' markup left alone", "[image]") {
    CHECK(svg_problem(svg("<rect width=\"5\" height=\"5\"/>")) == "");
    CHECK(svg_problem("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
                      "<!-- Created with Inkscape -->\n" +
                      svg("<rect width=\"5\" height=\"5\"/>")) == "");
    CHECK(svg_problem("<svg:svg xmlns:svg=\"http://www.w3.org/2000/svg\"><svg:rect "
                      "width=\"1\" height=\"1\"/></svg:svg>") == "");
    // Inkscape's own markup, RDF metadata, foreign attributes: epubcheck accepts them.
    CHECK(svg_problem(svg("<sodipodi:namedview id=\"nv\" pagecolor=\"#fff\" inkscape:zoom=\"1\"/>"
                          "<g inkscape:label=\"Layer 1\" inkscape:groupmode=\"layer\">"
                          "<rect width=\"5\" height=\"5\"/></g>",
                          " xmlns:sodipodi=\"http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd\""
                          " xmlns:inkscape=\"http://www.inkscape.org/namespaces/inkscape\""
                          " inkscape:version=\"1.2\"")) == "");
    CHECK(svg_problem(svg("<metadata><rdf:RDF "
                          "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
                          "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><rdf:Description "
                          "rdf:about=\"\"><dc:title>T</dc:title></rdf:Description></rdf:RDF>"
                          "</metadata>")) == "");
    // Fragments of the image itself, style without outside references, harmless animation.
    CHECK(svg_problem(svg("<defs><linearGradient id=\"g\"><stop offset=\"0\" "
                          "stop-color=\"red\"/></linearGradient><rect id=\"r\" width=\"1\" "
                          "height=\"1\"/></defs><use xlink:href=\"#r\"/><use href=\"#r\"/>"
                          "<rect fill=\"url(#g)\" style=\"fill: url( '#g' )\" width=\"5\" "
                          "height=\"5\"/><style><![CDATA[rect{fill:url(#g)}]]></style>"
                          "<rect width=\"5\" height=\"5\"><animate attributeName=\"fill\" "
                          "values=\"red;blue\" dur=\"1s\"/></rect>")) == "");
    CHECK(svg_problem(svg("<rect aria-label=\"x\" role=\"img\" data-x=\"1\" xml:lang=\"en\" "
                          "class=\"a\" width=\"5\" height=\"5\"/>")) == "");
}

TEST_CASE("SVG that is not SVG 1.1, or could script or load, is refused", "[image]") {
    CHECK(svg_problem("<svg width=\"1\"><rect/></svg>") ==
          "has no SVG namespace (xmlns=\"http://www.w3.org/2000/svg\")");
    CHECK(svg_problem("<svg xmlns=\"http://www.w3.org/1999/xhtml\"/>") != "");
    CHECK(svg_problem("<g xmlns=\"http://www.w3.org/2000/svg\"><svg/></g>") ==
          "does not have <svg> as its root element");
    CHECK(svg_problem("<svg") == "is not well-formed XML");
    CHECK(svg_problem(svg("<bogus/>")) == "holds <bogus>, which is not an SVG 1.1 element");
    CHECK(svg_problem(svg("<rect foo=\"bar\"/>")) ==
          "holds the attribute foo on <rect>, which SVG 1.1 does not allow there");
    // Attributes SVG 1.1 has, but not on that element (epubcheck 4: RSC-005).
    CHECK(svg_problem(svg("<g width=\"5\"/>")) ==
          "holds the attribute width on <g>, which SVG 1.1 does not allow there");
    CHECK(svg_problem(svg("<circle x=\"1\" r=\"2\"/>")) != "");
    CHECK(svg_problem(svg("<rect dx=\"1\" width=\"5\" height=\"5\"/>")) != "");
    CHECK(svg_problem(svg("<g viewBox=\"0 0 1 1\"/>")) != "");
    CHECK(svg_problem(svg("<rect xlink:href=\"#a\" width=\"5\" height=\"5\"/>")) != "");
    CHECK(svg_problem(svg("<rect paint-order=\"stroke\" width=\"5\" height=\"5\"/>")) != "");
    // Required attributes, and elements and text where SVG 1.1 allows them.
    CHECK(svg_problem(svg("<rect x=\"1\" height=\"5\"/>")) ==
          "has <rect> without its width attribute, which SVG 1.1 requires");
    CHECK(svg_problem(svg("<text xml:space=\"keep\" y=\"5\">a</text>")) ==
          "has xml:space=\"keep\" (only default or preserve)");
    CHECK(svg_problem(svg("<image xlink:href=\"#r\"/>")) != "");
    CHECK(svg_problem(svg("<path/>")) != "");
    CHECK(svg_problem(svg("<rect width=\"5\" height=\"5\"><rect width=\"1\" height=\"1\"/>"
                          "</rect>")) ==
          "holds <rect> inside <rect>, where SVG 1.1 does not allow it");
    CHECK(svg_problem(svg("<stop offset=\"0\"/>")) != "");
    CHECK(svg_problem(svg("<title><g/></title>")) != "");
    CHECK(svg_problem(svg("<rect width=\"5\" height=\"5\">text</rect>")) ==
          "holds text inside <rect>, where SVG 1.1 does not allow it");
    CHECK(svg_problem(svg("<rect width=\"5\" height=\"5\">\n  </rect><text y=\"5\">a<tspan>b"
                          "</tspan></text><title>t</title>")) == "");
    CHECK(svg_problem(svg("<x:rect/>")) == "uses the undeclared namespace prefix x:");
    CHECK(svg_problem(svg("<rect x:y=\"1\"/>")) == "uses the undeclared namespace prefix x:");
    CHECK(svg_problem(svg("<rect xml:id=\"a\"/>")) != "");
    CHECK(svg_problem(svg("<p xmlns=\"http://www.w3.org/1999/xhtml\"/>")) != "");
    CHECK(svg_problem(svg("<g id=\"a\"/><g id=\"a\"/>")).find("repeated id") != std::string::npos);
    CHECK(svg_problem(svg("<g id=\"1a\"/>")) != "");
    // Processing instructions and DOCTYPEs.
    CHECK(svg_problem("<?xml-stylesheet href=\"https://evil.example/a.css\"?>" + svg("")) ==
          "holds a processing instruction (<?xml-stylesheet?>)");
    CHECK(svg_problem(svg("<?foo bar?>")) == "holds a processing instruction (<?foo?>)");
    CHECK(svg_problem("<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" "
                      "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">" +
                      svg(""))
              .rfind("has a DOCTYPE", 0) == 0);
    CHECK(svg_problem("<!DOCTYPE svg [<!ENTITY a \"b\">]>" + svg("")) == "declares XML entities");
    CHECK(svg_problem("<!DOCTYPE svg [<!ATTLIST svg a CDATA #IMPLIED>]>" + svg("")) ==
          "has a DOCTYPE with an internal subset");
    // Script, and what could become script.
    CHECK(svg_problem(svg("<script>alert(1)</script>")) ==
          "holds a <script> element; octavo packs only static SVG");
    CHECK(svg_problem(svg("<foreignObject/>")) != "");
    CHECK(svg_problem(svg("", " onload=\"alert(1)\"")) ==
          "holds an event handler (onload); octavo packs only static SVG");
    CHECK(svg_problem(svg("<a><text>x</text></a>")).rfind("holds a link (<a>)", 0) == 0);
    CHECK(svg_problem(svg("<g><animate attributeName=\"href\" values=\"#a\"/></g>")) ==
          "animates href; octavo packs only static SVG");
    CHECK(svg_problem(svg("<use xlink:href=\"#a\"><set attributeName=\"xlink:href\" "
                          "to=\"#b\"/></use>")) ==
          "animates xlink:href; octavo packs only static SVG");
    CHECK(svg_problem(svg("<set attributeName=\"onmouseover\" to=\"alert(1)\"/>")) ==
          "animates onmouseover; octavo packs only static SVG");
    CHECK(svg_problem(svg("<rect width=\"5\" height=\"5\"><animate attributeName=\"fill\" "
                          "values=\"JavaScript:alert(1)\"/></rect>")) ==
          "holds a javascript: URL; octavo packs only static SVG");
    // Outside references: attributes, presentation attributes, style sheets.
    CHECK(svg_problem(svg("<image xlink:href=\"https://example.com/x.png\"/>")) ==
          "refers to something outside the image (xlink:href=\"https://example.com/x.png\")");
    CHECK(svg_problem(svg("<image href=\"data:image/png;base64,AAAA\"/>")) != "");
    CHECK(svg_problem(svg("<rect fill=\"url(https://evil.example/x#g)\"/>")) ==
          "refers to something outside the image (url(https://evil.example/x#g))");
    CHECK(svg_problem(svg("<rect cursor=\"url(c.cur),auto\"/>")) != "");
    CHECK(svg_problem(svg("<rect fill=\"url('#g')\"/>")) ==
          "has quotes or spaces in url('#g'), which epubcheck misreads in an attribute: "
          "write url(#id)");
    CHECK(svg_problem(svg("<rect fill=\"url( #g)\"/>")) != "");
    CHECK(svg_problem(svg("<rect style=\"fill:URL( 'x.svg#g' )\"/>")) != "");
    CHECK(svg_problem(svg("<style>rect{fill:url(\"x.svg#g\")}</style>")) != "");
    CHECK(svg_problem(svg("<style>@import 'https://evil.example/a.css';</style>")) ==
          "uses @import in its style, which could load something from outside the image");
    CHECK(svg_problem(svg("<style>rect{fill:\\75rl(https://e.example/)}</style>")) != "");
    CHECK(svg_problem(svg("<style>rect{background:image-set('x.png' 1x)}</style>")) != "");
}

TEST_CASE("a DOCTYPE without an internal subset is dropped, the rest kept", "[image]") {
    std::string body = "\n<!-- a comment -->\n" +
                       svg("\n  <text xml:space=\"preserve\" y=\"5\">a &amp; b  c</text>"
                           "<style><![CDATA[ rect { fill: red } ]]></style>\n");
    std::string with = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE svg PUBLIC "
                       "\"-//W3C//DTD SVG 1.1//EN\" "
                       "\"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">" +
                       body;
    auto without = svg_without_doctype(with);
    CHECK(without.find("DOCTYPE") == std::string::npos);
    CHECK(without.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>", 0) == 0);
    CHECK(without.find("<!-- a comment -->") != std::string::npos);
    CHECK(without.find(">a &amp; b  c</text>") != std::string::npos);
    CHECK(without.find("<![CDATA[ rect { fill: red } ]]>") != std::string::npos);
    CHECK(svg_problem(without) == "");
    CHECK(svg_without_doctype(svg("")) == "");
    CHECK(svg_without_doctype("<!DOCTYPE svg [<!ATTLIST svg a CDATA #IMPLIED>]>" + svg("")) == "");
    CHECK(svg_without_doctype("<svg") == "");
}

TEST_CASE("a bitmap check never trusts the media type it is given", "[image]") {
    CHECK(bitmap_problem("", "image/png") ==
          "is not a valid PNG image: it does not start with the PNG signature");
    CHECK(bitmap_problem("", "image/jpeg") != "");
    CHECK(bitmap_problem(gif, "image/jpeg") != "");
    CHECK(bitmap_problem(png(ihdr(1, 1)), "image/gif") != "");
    CHECK(bitmap_problem(gif, "image/webp") == "is not a JPEG, PNG or GIF image");
}

TEST_CASE("every cut of a real image is read within its bounds", "[image]") {
    // Under the sanitizers, this shows no check reads past the data it is given.
    for (auto [path, type] : {std::pair{"fixtures/rich/cover.jpg", "image/jpeg"},
                              std::pair{"fixtures/rich/ferries.png", "image/png"}}) {
        std::string data = file(path);
        for (size_t n = 0; n < std::min<size_t>(data.size(), 1500); ++n)
            (void)bitmap_problem(std::string_view(data).substr(0, n), type);
    }
    // Cut before the end of its first image descriptor, a GIF is refused; after it, as epubcheck
    // does, it is not.
    for (size_t n = 0; n < gif.find(',') + 10; ++n)
        CHECK(bitmap_problem(std::string_view(gif).substr(0, n), "image/gif") != "");
    CHECK(bitmap_problem(std::string_view(gif).substr(0, gif.find(',') + 10), "image/gif") == "");
    auto jpg = file("fixtures/rich/cover.jpg");
    CHECK(bitmap_problem(std::string_view(jpg).substr(0, 100), "image/jpeg") != "");
}

TEST_CASE("image_problem picks the check by media type", "[image]") {
    CHECK(image_problem(png_sig, "image/png") != "");
    CHECK(image_problem(png(ihdr(1, 1)), "image/png") == "");
    CHECK(image_problem(svg(""), "image/svg+xml") == "");
    CHECK(image_problem(svg("<script/>"), "image/svg+xml") != "");
}

TEST_CASE("formats octavo converts are told by their first bytes", "[image]") {
    CHECK(sniff_convertible(std::string("RIFF\x10\0\0\0WEBPVP8L", 16)) == "webp");
    CHECK(sniff_convertible(std::string("\0\0\0\x1C"
                                        "ftypavif",
                                        12)) == "heif");
    CHECK(sniff_convertible(std::string("\0\0\0\x18"
                                        "ftypheic",
                                        12)) == "heif");
    CHECK(sniff_convertible(std::string("II*\0\x08\0\0\0", 8)) == "tiff");
    CHECK(sniff_convertible(std::string("MM\0*\0\0\0\x08", 8)) == "tiff");
    CHECK(sniff_convertible(std::string("BM\x46\0\0\0\0\0\0\0\x36\0\0\0\x28\0\0\0", 18)) == "bmp");
    CHECK(sniff_convertible("BMW is a car") == "");
    CHECK(sniff_convertible("\x89PNG\r\n\x1A\n") == "");
}

TEST_CASE("a header claiming more pixels than octavo decodes is refused before decoding",
          "[image]") {
    std::string ihdr =
        "IHDR" + be32(100000) + be32(100000) + std::string("\x08\x00\x00\x00\x00", 5);
    std::string png = std::string("\x89PNG\r\n\x1A\n") + be32(13) + ihdr + be32(crc32(ihdr));
    auto size = bitmap_size(png, "image/png");
    CHECK(size == std::pair<unsigned, unsigned>{100000, 100000});
    BookImage img = prepare_image(png);
    CHECK(img.problem.find("claims 100000x100000 pixels") != std::string::npos);
    // A WebP's VP8L header: 16384 x 16384.
    std::string vp8l("\x2F\xFF\xFF\xFF\x0F", 5);
    vp8l += std::string(27, '\0');
    std::string webp =
        "RIFF" + std::string("\x2C\0\0\0", 4) + "WEBPVP8L" + std::string("\x20\0\0\0", 4) + vp8l;
    CHECK(prepare_image(webp).problem.find("claims 16384x16384 pixels") != std::string::npos);
}
