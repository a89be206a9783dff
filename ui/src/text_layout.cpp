// text_layout.cpp — line breaking for the drawn text view; see text_layout.hpp.
#include "ui/text_layout.hpp"
#include "imgui.h"

namespace ui {

namespace {

// one UTF-8 code point at s[i] (a broken byte reads as itself, one byte long)
unsigned int decode(std::string_view s, std::size_t i, std::size_t& len) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    if (i + static_cast<std::size_t>(n) > s.size()) n = 1;
    unsigned int cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n; ++k) {
        unsigned char d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((d & 0xC0) != 0x80) { n = 1; cp = c; break; }
        cp = (cp << 6) | (d & 0x3F);
    }
    len = static_cast<std::size_t>(n);
    return cp;
}

bool isSpace(unsigned int c) { return c == ' ' || c == '\t' || c == 0x3000; }
// characters a line may not start with (closing brackets and quotes, sentence and clause marks)
bool noBreakBefore(unsigned int c) {
    static const std::u32string_view s = U"，。、：；？！）］｝》〉」』】〕〗”’…‥—·％‰℃,.;:?!)]}%";
    return s.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}
// characters a line may not end with (opening brackets and quotes)
bool noBreakAfter(unsigned int c) {
    static const std::u32string_view s = U"（［｛《〈「『【〔〖“‘([{";
    return s.find(static_cast<char32_t>(c)) != std::u32string_view::npos;
}
bool isWide(unsigned int c) { return c >= 0x2E80; }   // CJK ideographs, punctuation, kana, full-width forms

bool canBreakBetween(unsigned int a, unsigned int b) {
    if (isSpace(b)) return false;
    if (isSpace(a)) return true;
    if (noBreakBefore(b) || noBreakAfter(a)) return false;
    return isWide(a) || isWide(b);
}

float advance(const ImFont& font, float scale, unsigned int c) {
    if (c == '\t') c = ' ';
    return font.GetCharAdvance(static_cast<ImWchar>(c)) * scale;
}

void breakParagraph(std::vector<TextLine>& lines, const ImFont& font, float scale, std::string_view s,
                    std::size_t begin, std::size_t end, float width) {
    std::size_t lineStart = begin, lastBreak = std::string_view::npos;
    float x = 0;
    unsigned int prev = 0;
    for (std::size_t i = begin; i < end;) {
        std::size_t len = 1;
        unsigned int c = decode(s, i, len);
        if (i > lineStart && canBreakBetween(prev, c)) lastBreak = i;
        float a = advance(font, scale, c);
        if (!isSpace(c) && x + a > width && i > lineStart) {
            std::size_t brk = lastBreak != std::string_view::npos && lastBreak > lineStart ? lastBreak : i;
            lines.push_back({static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(brk)});
            lineStart = brk;
            lastBreak = std::string_view::npos;
            x = 0;
            for (std::size_t j = brk; j < i;) {   // what moved down with the break
                std::size_t l2 = 1;
                x += advance(font, scale, decode(s, j, l2));
                j += l2;
            }
        }
        x += a;
        prev = c;
        i += len;
    }
    lines.push_back({static_cast<std::uint32_t>(lineStart), static_cast<std::uint32_t>(end)});
}

} // namespace

void layoutText(TextLayout& out, const ImFont& font, float size, std::string_view text, float width) {
    if (out.width == width && out.size == size && !out.lines.empty() && out.text == text) return;
    out.text.assign(text);
    out.width = width;
    out.size = size;
    out.lines.clear();
    float scale = size / font.FontSize;
    std::size_t start = 0;
    for (;;) {
        std::size_t nl = text.find('\n', start);
        std::size_t end = nl == std::string_view::npos ? text.size() : nl;
        std::size_t e = end > start && text[end - 1] == '\r' ? end - 1 : end;
        breakParagraph(out.lines, font, scale, text, start, e, width);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
}

std::size_t caretAt(const TextLayout& l, const ImFont& font, float size, int line, float x) {
    if (l.lines.empty()) return 0;
    if (line < 0) return 0;
    if (static_cast<std::size_t>(line) >= l.lines.size()) return l.text.size();
    const TextLine& ln = l.lines[static_cast<std::size_t>(line)];
    float scale = size / font.FontSize, cx = 0;
    for (std::size_t i = ln.begin; i < ln.end;) {
        std::size_t len = 1;
        float a = advance(font, scale, decode(l.text, i, len));
        if (x < cx + a / 2) return i;
        cx += a;
        i += len;
    }
    return ln.end;
}

} // namespace ui
