// text_layout.hpp — prose broken into lines the way the browser's <textarea> wraps it: at the field's
// width, between any two Chinese characters but never before closing punctuation (，。、）》”…) or after
// opening punctuation (（《“…), between Latin words, and inside a word only when it alone is wider than
// a line; spaces at a line's end hang. The drawn view and the native field then show the same lines, so
// a click in the view puts the caret on the character clicked (caretAt). A font and a width in, byte
// ranges out: no ImGui state, tested headless.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

struct ImFont;

namespace ui {

struct TextLine { std::uint32_t begin = 0, end = 0; };   // byte range of the text, without its line break

struct TextLayout {
    std::string text;                 // what was laid out (a cache key with width and size)
    float width = 0, size = 0;
    std::vector<TextLine> lines;      // at least one (an empty text has one empty line)
};

/// Lays `text` out at `width` pixels with `font` drawn at `size` pixels; reuses `out` when nothing changed.
void layoutText(TextLayout& out, const ImFont& font, float size, std::string_view text, float width);
/// The byte offset where a click `x` pixels from the start of line `line` puts the caret.
std::size_t caretAt(const TextLayout& l, const ImFont& font, float size, int line, float x);

} // namespace ui
