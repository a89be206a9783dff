// soft_renderer.cpp — ImGui's draw lists rasterised on the CPU; see soft_renderer.hpp.
// Pixels are covered when their centre is inside (a top-left rule on shared edges, so the two triangles
// of a translucent shape never blend a pixel twice); colours are straight alpha over an opaque buffer.
#include "soft_renderer.hpp"
#include <algorithm>
#include <cmath>
#include <cstring>

namespace web {

namespace {

// src over dst, alpha 0..255 (dst opaque; the result is opaque)
inline std::uint32_t over(std::uint32_t d, std::uint32_t s, unsigned a) {
    if (a >= 255) return s | 0xFF000000u;
    unsigned a256 = a + (a >> 7), ia = 256 - a256;
    std::uint32_t rb = (((s & 0xFF00FFu) * a256 + (d & 0xFF00FFu) * ia) >> 8) & 0xFF00FFu;
    std::uint32_t g = (((s & 0x00FF00u) * a256 + (d & 0x00FF00u) * ia) >> 8) & 0x00FF00u;
    return rb | g | 0xFF000000u;
}

inline unsigned alphaOf(ImU32 c) { return (c >> IM_COL32_A_SHIFT) & 0xFF; }

// two rows of pixels equal? (8 bytes at a time: the wasm libc's memcmp goes byte by byte)
inline bool sameRow(const std::uint32_t* a, const std::uint32_t* b, int n) {
    int i = 0;
    for (; i + 2 <= n; i += 2) {
        std::uint64_t x, y;
        std::memcpy(&x, a + i, 8);
        std::memcpy(&y, b + i, 8);
        if (x != y) return false;
    }
    return i == n || a[i] == b[i];
}

// the first pixel whose centre is at or right of x: where a span starting at x begins, or where one
// ending at x (exclusive) stops
inline int firstCovered(float x) { return static_cast<int>(std::ceil(x - 0.5f)); }

}  // namespace

void SoftRenderer::setFontAtlas(const unsigned char* alpha, int width, int height, ImTextureID id) {
    m_tex = alpha;
    m_texW = width;
    m_texH = height;
    m_texId = id;
}

unsigned SoftRenderer::texel(const ImVec2& uv) const {
    int x = std::min(m_texW - 1, std::max(0, static_cast<int>(uv.x * static_cast<float>(m_texW))));
    int y = std::min(m_texH - 1, std::max(0, static_cast<int>(uv.y * static_cast<float>(m_texH))));
    return m_tex[static_cast<std::size_t>(y) * static_cast<std::size_t>(m_texW) + static_cast<std::size_t>(x)];
}

bool SoftRenderer::textured(const ImDrawVert& a, const ImDrawVert& b, const ImDrawVert& c) const {
    // untextured geometry samples the atlas's white pixel with every vertex
    return !(a.uv.x == b.uv.x && a.uv.x == c.uv.x && a.uv.y == b.uv.y && a.uv.y == c.uv.y);
}

void SoftRenderer::fillRect(float x0, float y0, float x1, float y1, ImU32 col, const Clip& c) {
    int px0 = std::max(c.x0, firstCovered(x0)), px1 = std::min(c.x1, firstCovered(x1));
    int py0 = std::max(c.y0, firstCovered(y0)), py1 = std::min(c.y1, firstCovered(y1));
    if (px0 >= px1 || py0 >= py1) return;
    unsigned a = alphaOf(col);
    if (a == 0) return;
    std::uint32_t s = col & 0x00FFFFFFu;
    for (int y = py0; y < py1; ++y) {
        std::uint32_t* row = m_px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_w);
        if (a == 255) std::fill(row + px0, row + px1, s | 0xFF000000u);
        else for (int x = px0; x < px1; ++x) row[x] = over(row[x], s, a);
    }
}

// an axis-aligned textured rectangle (a glyph): a = top-left vertex, c = bottom-right. Sampled bilinearly
// at each pixel centre as WebGL's LINEAR filter does: a glyph on whole pixels reads its texels exactly,
// one on a fractional line (wrapped text advances by a fractional line height) blends them the same way.
void SoftRenderer::glyphRect(const ImDrawVert& a, const ImDrawVert& c, const Clip& clip) {
    float x0 = a.pos.x, y0 = a.pos.y, x1 = c.pos.x, y1 = c.pos.y;
    int px0 = std::max(clip.x0, firstCovered(x0)), px1 = std::min(clip.x1, firstCovered(x1));
    int py0 = std::max(clip.y0, firstCovered(y0)), py1 = std::min(clip.y1, firstCovered(y1));
    if (px0 >= px1 || py0 >= py1 || px1 - px0 > 512) return;   // (render() sends glyphs of at most 512 px)
    unsigned ca = alphaOf(a.col);
    if (ca == 0) return;
    ++m_stats.glyphs;
    std::uint32_t s = a.col & 0x00FFFFFFu;
    const float du = (c.uv.x - a.uv.x) / (x1 - x0) * static_cast<float>(m_texW);
    const float dv = (c.uv.y - a.uv.y) / (y1 - y0) * static_cast<float>(m_texH);
    // texel-space sample positions (texel centres at .5), as integer texel + 8-bit weight
    auto split = [](float t, int size, int& i0, int& i1, unsigned& w) {
        t -= 0.5f;
        float f = std::floor(t);
        i0 = static_cast<int>(f);
        w = static_cast<unsigned>((t - f) * 256.0f + 0.5f);
        if (w >= 256) { ++i0; w = 0; }
        i1 = std::min(size - 1, std::max(0, i0 + 1));
        i0 = std::min(size - 1, std::max(0, i0));
    };
    int c0[512], c1[512];
    unsigned cw[512];
    const int n = px1 - px0;
    const float u0 = a.uv.x * static_cast<float>(m_texW) + (static_cast<float>(px0) + 0.5f - x0) * du;
    const float v0 = a.uv.y * static_cast<float>(m_texH) + (static_cast<float>(py0) + 0.5f - y0) * dv;
    for (int i = 0; i < n; ++i) split(u0 + static_cast<float>(i) * du, m_texW, c0[i], c1[i], cw[i]);
    for (int y = py0; y < py1; ++y) {
        int r0, r1;
        unsigned rw;
        split(v0 + static_cast<float>(y - py0) * dv, m_texH, r0, r1, rw);
        const unsigned char* t0 = m_tex + static_cast<std::size_t>(r0) * static_cast<std::size_t>(m_texW);
        const unsigned char* t1 = m_tex + static_cast<std::size_t>(r1) * static_cast<std::size_t>(m_texW);
        std::uint32_t* row = m_px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_w) + px0;
        for (int i = 0; i < n; ++i) {
            unsigned t;
            if (cw[i] == 0 && rw == 0) t = t0[c0[i]];                       // on the texel: the usual case
            else {
                unsigned top = t0[c0[i]] * (256 - cw[i]) + t0[c1[i]] * cw[i];
                unsigned bottom = t1[c0[i]] * (256 - cw[i]) + t1[c1[i]] * cw[i];
                t = (top * (256 - rw) + bottom * rw + 32768) >> 16;
            }
            if (t == 0) continue;
            row[i] = over(row[i], s, ca == 255 ? t : (t * ca + 127) / 255);
        }
    }
}

void SoftRenderer::triangle(const ImDrawVert& v0, const ImDrawVert& v1, const ImDrawVert& v2, bool tex, const Clip& clip) {
    const float x0 = v0.pos.x, y0 = v0.pos.y, x1 = v1.pos.x, y1 = v1.pos.y, x2 = v2.pos.x, y2 = v2.pos.y;
    float area = (x1 - x0) * (y2 - y0) - (y1 - y0) * (x2 - x0);
    if (!(std::fabs(area) > 1e-6f)) return;   // degenerate (or NaN)
    const int bx0 = std::max(clip.x0, static_cast<int>(std::floor(std::min({x0, x1, x2}))));
    const int bx1 = std::min(clip.x1, static_cast<int>(std::ceil(std::max({x0, x1, x2}))));
    const int by0 = std::max(clip.y0, static_cast<int>(std::floor(std::min({y0, y1, y2}))));
    const int by1 = std::min(clip.y1, static_cast<int>(std::ceil(std::max({y0, y1, y2}))));
    if (bx0 >= bx1 || by0 >= by1) return;
    ++m_stats.triangles;
    // edge i is the one opposite vertex i: w_i = A_i x + B_i y + C_i, positive inside
    const float sign = area > 0 ? 1.0f : -1.0f;
    area *= sign;
    const float ex[3][2] = {{x1, y1}, {x2, y2}, {x0, y0}}, ey[3][2] = {{x2, y2}, {x0, y0}, {x1, y1}};
    float A[3], B[3], C[3];
    for (int i = 0; i < 3; ++i) {
        const float ax = ex[i][0], ay = ex[i][1], bx = ey[i][0], by = ey[i][1];
        A[i] = -(by - ay) * sign;
        B[i] = (bx - ax) * sign;
        C[i] = ((by - ay) * ax - (bx - ax) * ay) * sign;
    }
    // vertex attributes: colour (constant when the vertices agree) and texture coordinates
    auto chan = [](ImU32 c, int shift) { return static_cast<float>((c >> shift) & 0xFF); };
    const bool flat = v0.col == v1.col && v0.col == v2.col;
    float col[3][4];
    for (int k = 0; k < 4; ++k) {
        const int sh = k == 0 ? IM_COL32_R_SHIFT : k == 1 ? IM_COL32_G_SHIFT : k == 2 ? IM_COL32_B_SHIFT : IM_COL32_A_SHIFT;
        col[0][k] = chan(v0.col, sh); col[1][k] = chan(v1.col, sh); col[2][k] = chan(v2.col, sh);
    }
    if (flat && col[0][3] == 0) return;
    const std::uint32_t flatRgb = v0.col & 0x00FFFFFFu;
    const float inv = 1.0f / area;
    const float tw = static_cast<float>(m_texW), th = static_cast<float>(m_texH);
    const unsigned whiteAlpha = !tex && m_tex ? texel(v0.uv) : 255;
    float invA[3];
    for (int i = 0; i < 3; ++i) invA[i] = A[i] != 0 ? -1.0f / A[i] : 0.0f;
    for (int py = by0; py < by1; ++py) {
        const float yc = static_cast<float>(py) + 0.5f;
        int xl = bx0, xr = bx1;   // [xl, xr)
        bool empty = false;
        for (int i = 0; i < 3 && !empty; ++i) {
            const float rowC = B[i] * yc + C[i];
            if (A[i] > 0) xl = std::max(xl, firstCovered(rowC * invA[i]));           // left edge: inclusive
            else if (A[i] < 0) xr = std::min(xr, firstCovered(rowC * invA[i]));      // right edge: exclusive
            else if (rowC < 0 || (rowC == 0 && B[i] <= 0)) empty = true;           // horizontal: top inclusive
        }
        if (empty || xl >= xr) continue;
        std::uint32_t* row = m_px.data() + static_cast<std::size_t>(py) * static_cast<std::size_t>(m_w);
        if (flat && !tex) {   // one colour: a span (most fills of rounded frames)
            const unsigned a = (static_cast<unsigned>(col[0][3]) * whiteAlpha + 127) / 255;
            const std::uint32_t src = flatRgb;
            if (a >= 255) std::fill(row + xl, row + xr, src | 0xFF000000u);
            else for (int x = xl; x < xr; ++x) row[x] = over(row[x], src, a);
            continue;
        }
        float xc = static_cast<float>(xl) + 0.5f;
        float l1 = (A[1] * xc + B[1] * yc + C[1]) * inv, l2 = (A[2] * xc + B[2] * yc + C[2]) * inv;
        const float d1 = A[1] * inv, d2 = A[2] * inv;
        for (int x = xl; x < xr; ++x, l1 += d1, l2 += d2) {
            float l0 = 1.0f - l1 - l2;
            unsigned r, g, b, a;
            if (flat) {
                r = static_cast<unsigned>(col[0][0]); g = static_cast<unsigned>(col[0][1]);
                b = static_cast<unsigned>(col[0][2]); a = static_cast<unsigned>(col[0][3]);
            } else {
                auto mix = [&](int k) {
                    float v = l0 * col[0][k] + l1 * col[1][k] + l2 * col[2][k];
                    return static_cast<unsigned>(std::min(255.0f, std::max(0.0f, v + 0.5f)));
                };
                r = mix(0); g = mix(1); b = mix(2); a = mix(3);
            }
            unsigned t = whiteAlpha;
            if (tex && m_tex) {
                float u = (l0 * v0.uv.x + l1 * v1.uv.x + l2 * v2.uv.x) * tw, v = (l0 * v0.uv.y + l1 * v1.uv.y + l2 * v2.uv.y) * th;
                int tx = std::min(m_texW - 1, std::max(0, static_cast<int>(u))), ty = std::min(m_texH - 1, std::max(0, static_cast<int>(v)));
                t = m_tex[static_cast<std::size_t>(ty) * static_cast<std::size_t>(m_texW) + static_cast<std::size_t>(tx)];
            }
            a = t == 255 ? a : (a * t + 127) / 255;
            if (a == 0) continue;
            row[x] = over(row[x], (b << 16) | (g << 8) | r, a);
        }
    }
}

// the bounding box of the pixels that differ from the previous frame's
void SoftRenderer::findChanged() {
    int y0 = m_h, y1 = -1, x0 = m_w, x1 = -1;
    for (int y = 0; y < m_h; ++y) {
        const std::uint32_t* a = m_px.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_w);
        const std::uint32_t* b = m_prev.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(m_w);
        if (sameRow(a, b, m_w)) continue;
        y0 = std::min(y0, y);
        y1 = y;
        int l = 0, r = m_w - 1;
        while (a[l] == b[l]) ++l;
        while (a[r] == b[r]) --r;
        x0 = std::min(x0, l);
        x1 = std::max(x1, r);
    }
    m_changed = y1 < 0 ? Rect{} : Rect{x0, y0, x1 - x0 + 1, y1 - y0 + 1};
}

void SoftRenderer::render(const ImDrawData& data, int width, int height, ImU32 clear) {
    m_stats = {};
    if (width <= 0 || height <= 0) return;
    const bool resized = width != m_w || height != m_h;
    if (resized) {
        m_w = width;
        m_h = height;
        m_px.assign(static_cast<std::size_t>(width) * static_cast<std::size_t>(height), 0);
    }
    m_prev.swap(m_px);
    m_px.resize(m_prev.size());
    std::fill(m_px.begin(), m_px.end(), clear | 0xFF000000u);
    const ImVec2 off = data.DisplayPos, sc = data.FramebufferScale;
    const bool identity = off.x == 0 && off.y == 0 && sc.x == 1 && sc.y == 1;
    std::vector<ImDrawVert> moved;   // vertices in buffer pixels, when ImGui's are not already
    for (int n = 0; n < data.CmdListsCount; ++n) {
        const ImDrawList* list = data.CmdLists[n];
        const ImDrawVert* vb = list->VtxBuffer.Data;
        if (!identity) {
            moved.assign(list->VtxBuffer.begin(), list->VtxBuffer.end());
            for (ImDrawVert& v : moved) v.pos = ImVec2((v.pos.x - off.x) * sc.x, (v.pos.y - off.y) * sc.y);
            vb = moved.data();
        }
        const ImDrawIdx* ib = list->IdxBuffer.Data;
        for (const ImDrawCmd& cmd : list->CmdBuffer) {
            if (cmd.UserCallback) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState) cmd.UserCallback(list, &cmd);
                continue;
            }
            Clip clip{std::max(0, static_cast<int>((cmd.ClipRect.x - off.x) * sc.x)), std::max(0, static_cast<int>((cmd.ClipRect.y - off.y) * sc.y)),
                      std::min(width, static_cast<int>((cmd.ClipRect.z - off.x) * sc.x)), std::min(height, static_cast<int>((cmd.ClipRect.w - off.y) * sc.y))};
            if (clip.x0 >= clip.x1 || clip.y0 >= clip.y1) continue;
            const bool atlas = m_tex && cmd.TextureId == m_texId;
            const ImDrawVert* v = vb + cmd.VtxOffset;
            const ImDrawIdx* idx = ib + cmd.IdxOffset;
            const unsigned count = cmd.ElemCount;
            for (unsigned i = 0; i + 2 < count;) {
                const ImDrawIdx* q = idx + i;
                // PrimRect / PrimRectUV: (a b c) (a c d), a..d clockwise from the top left, one colour
                if (i + 5 < count && q[3] == q[0] && q[4] == q[2]) {
                    const ImDrawVert &a = v[q[0]], &b = v[q[1]], &c = v[q[2]], &d = v[q[5]];
                    const bool oneColour = a.col == b.col && a.col == c.col && a.col == d.col;
                    const bool solid = a.uv.x == c.uv.x && a.uv.y == c.uv.y && a.uv.x == b.uv.x && a.uv.y == b.uv.y && a.uv.x == d.uv.x && a.uv.y == d.uv.y;
                    // a line segment without anti-aliasing (and PrimRect) in any direction: one colour, axis-aligned
                    if (oneColour && solid && ((a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y && d.pos.x == a.pos.x) ||
                                               (a.pos.x == b.pos.x && b.pos.y == c.pos.y && c.pos.x == d.pos.x && d.pos.y == a.pos.y))) {
                        ++m_stats.quads;
                        ImU32 col = a.col;
                        const unsigned t = atlas ? texel(a.uv) : 255;
                        if (t != 255) col = (col & 0x00FFFFFFu) | ((alphaOf(col) * t + 127) / 255) << IM_COL32_A_SHIFT;
                        fillRect(std::min(a.pos.x, c.pos.x), std::min(a.pos.y, c.pos.y), std::max(a.pos.x, c.pos.x), std::max(a.pos.y, c.pos.y), col, clip);
                        i += 6;
                        continue;
                    }
                    // a glyph (PrimRectUV from the atlas, clockwise from the top left); anything else of this
                    // shape (a wider image, another texture) goes through the triangles below
                    if (atlas && !solid && oneColour && a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y &&
                        d.pos.x == a.pos.x && a.uv.y == b.uv.y && b.uv.x == c.uv.x && c.uv.y == d.uv.y && d.uv.x == a.uv.x &&
                        a.pos.x < c.pos.x && a.pos.y < c.pos.y && c.pos.x - a.pos.x <= 512) {
                        glyphRect(a, c, clip);
                        i += 6;
                        continue;
                    }
                }
                const ImDrawVert &a = v[q[0]], &b = v[q[1]], &c = v[q[2]];
                triangle(a, b, c, atlas && textured(a, b, c), clip);
                i += 3;
            }
        }
    }
    if (resized || m_prev.size() != m_px.size()) m_changed = Rect{0, 0, m_w, m_h};
    else findChanged();
}

}  // namespace web
