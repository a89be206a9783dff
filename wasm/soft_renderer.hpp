// soft_renderer.hpp — draws Dear ImGui's draw lists into an RGBA buffer without a GPU: the page's
// fallback where the browser gives no WebGL 2 (main_web.cpp puts the buffer on a 2D canvas). Solid and
// font-textured triangles with per-vertex colour, clip rectangles and alpha blending, with fast paths for
// the axis-aligned rectangles most of a form is made of (frames, cell fills, glyphs). No browser or
// Emscripten code here: the native tests draw the app with it too.
#pragma once
#include "imgui.h"
#include <cstdint>
#include <vector>

namespace web {

class SoftRenderer {
public:
    /// The font atlas as ImGui builds it (GetTexDataAsAlpha8); `id` is what the draw commands name it by.
    void setFontAtlas(const unsigned char* alpha, int width, int height, ImTextureID id);
    /// Clears to `clear` (IM_COL32) and draws the frame; the buffer is width×height RGBA (ImageData order).
    void render(const ImDrawData& data, int width, int height, ImU32 clear);
    const std::uint32_t* pixels() const { return m_px.data(); }
    /// The part of the buffer that differs from the previous frame (all of it after a resize; w = 0 when
    /// nothing changed): only that needs putting on the canvas.
    struct Rect { int x = 0, y = 0, w = 0, h = 0; };
    const Rect& changed() const { return m_changed; }
    int width() const { return m_w; }
    int height() const { return m_h; }

    struct Stats { int quads = 0, glyphs = 0, triangles = 0; };
    const Stats& stats() const { return m_stats; }   // of the last frame (benchmarks)

private:
    struct Clip { int x0, y0, x1, y1; };
    void fillRect(float x0, float y0, float x1, float y1, ImU32 col, const Clip& c);
    void glyphRect(const ImDrawVert& a, const ImDrawVert& c, const Clip& clip);
    void triangle(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c, bool textured, const Clip& clip);
    bool textured(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c) const;
    unsigned texel(const ImVec2& uv) const;   // the atlas's alpha at uv, nearest

    void findChanged();
    std::vector<std::uint32_t> m_px, m_prev;   // this frame, the one before
    Rect m_changed;
    int m_w = 0, m_h = 0;
    const unsigned char* m_tex = nullptr;
    int m_texW = 0, m_texH = 0;
    ImTextureID m_texId = nullptr;
    Stats m_stats;
};

} // namespace web
