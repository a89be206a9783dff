// platform_web.cpp — the browser side of ui::Platform, as small named EM_JS functions.
#include "platform_web.hpp"
#include <cstdlib>
#include <emscripten.h>

namespace {

EM_JS(void, js_download, (const char* name, const char* mime, const char* data, int len), {
    var bytes = HEAPU8.slice(data, data + len);
    var blob = new Blob([bytes], {type: UTF8ToString(mime)});
    var a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    setTimeout(function() { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
});

EM_JS(void, js_pick_file, (int purpose), { window.__nbPickFile(purpose); });
// the page as it was loaded (shell.html keeps it before anything changes the DOM), malloc'd UTF-8
EM_JS(char*, js_self_html, (), {
  var s = window.__nbSelfHtml ? window.__nbSelfHtml() : '';
  var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});

EM_JS(int, js_store, (const char* text), {
    try { localStorage.setItem('nianbao.autosave', UTF8ToString(text)); return 1; } catch (e) { return 0; }
});

EM_JS(char*, js_load, (), {
    var s = null;
    try { s = localStorage.getItem('nianbao.autosave'); } catch (e) { s = null; }
    if (s === null) return 0;
    var n = lengthBytesUTF8(s) + 1, p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});

EM_JS(void, js_clear, (), { try { localStorage.removeItem('nianbao.autosave'); } catch (e) {} });

EM_JS(void, js_clipboard, (const char* text), {
    var s = UTF8ToString(text);
    window.__nbClipboard = s;
    try { if (navigator.clipboard) navigator.clipboard.writeText(s).catch(function() {}); } catch (e) {}
});

// rect x y w h, clip x y w h, font size, line height, padding x y: CSS pixels
EM_JS(void, js_field_open, (const char* id, int multiline, const float* g, const char* placeholder, const char* label, const char* text, int caretBytes, float scrollY, float dpr), {
    var o = { id: UTF8ToString(id), multiline: !!multiline, x: HEAPF32[g >> 2], y: HEAPF32[(g >> 2) + 1], w: HEAPF32[(g >> 2) + 2], h: HEAPF32[(g >> 2) + 3],
              cx: HEAPF32[(g >> 2) + 4], cy: HEAPF32[(g >> 2) + 5], cw: HEAPF32[(g >> 2) + 6], ch: HEAPF32[(g >> 2) + 7],
              fontPx: HEAPF32[(g >> 2) + 8], lineHeight: HEAPF32[(g >> 2) + 9], padX: HEAPF32[(g >> 2) + 10], padY: HEAPF32[(g >> 2) + 11],
              placeholder: UTF8ToString(placeholder), label: UTF8ToString(label), text: UTF8ToString(text), caret: UTF8ToString(text, caretBytes).length, scrollY: scrollY, dpr: dpr };
    window.__nbField.open(o);
});
EM_JS(void, js_field_place, (int multiline, const float* g), {
    window.__nbField.place({ multiline: !!multiline, x: HEAPF32[g >> 2], y: HEAPF32[(g >> 2) + 1], w: HEAPF32[(g >> 2) + 2], h: HEAPF32[(g >> 2) + 3],
                             cx: HEAPF32[(g >> 2) + 4], cy: HEAPF32[(g >> 2) + 5], cw: HEAPF32[(g >> 2) + 6], ch: HEAPF32[(g >> 2) + 7] });
});
EM_JS(void, js_field_close, (), { window.__nbField.close(); });

// a field's geometry in CSS pixels, in the order js_field_open reads it
void fieldGeometry(const ui::TextField& f, float dpr, float* g) {
    const float v[12] = {f.rect.x, f.rect.y, f.rect.w, f.rect.h, f.clip.x, f.clip.y, f.clip.w, f.clip.h, f.fontPx, f.lineHeight, f.padX, f.padY};
    for (int i = 0; i < 12; ++i) g[i] = v[i] / dpr;
}
bool samePlace(const ui::TextField& a, const ui::TextField& b) {
    auto eq = [](const ui::Rect& p, const ui::Rect& q) { return p.x == q.x && p.y == q.y && p.w == q.w && p.h == q.h; };
    return a.id == b.id && eq(a.rect, b.rect) && eq(a.clip, b.clip);
}

EM_JS(void, js_leave_warning, (int on), { window.__nbUnsaved = !!on; });

} // namespace

namespace web {

void WebPlatform::downloadFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}
void WebPlatform::pickFile(ui::FilePurpose purpose) { js_pick_file(static_cast<int>(purpose)); }
std::string WebPlatform::appPageHtml() {
    char* p = js_self_html();
    std::string s(p);
    std::free(p);
    return s;
}
bool WebPlatform::storeAutosave(const std::string& json) { return js_store(json.c_str()) != 0; }
std::optional<std::string> WebPlatform::loadAutosave() {
    char* p = js_load();
    if (!p) return std::nullopt;
    std::string s(p);
    std::free(p);
    return s;
}
void WebPlatform::clearAutosave() { js_clear(); }
void WebPlatform::setClipboard(const std::string& text) { js_clipboard(text.c_str()); }
void WebPlatform::setLeaveWarning(bool on) {
    static int last = -1;
    if (last != static_cast<int>(on)) { js_leave_warning(on); last = on; }
}
double WebPlatform::nowMs() { return emscripten_get_now(); }

void WebPlatform::openTextField(const ui::TextField& f, const std::string& text, std::size_t caret, float scrollY) {
    float g[12];
    fieldGeometry(f, m_dpr, g);
    m_placed = f;
    js_field_open(f.id.c_str(), f.multiline ? 1 : 0, g, f.placeholder.c_str(), f.label.c_str(), text.c_str(), static_cast<int>(caret), scrollY / m_dpr, m_dpr);
}
void WebPlatform::placeTextField(const ui::TextField& f) {
    if (samePlace(f, m_placed)) return;
    float g[12];
    fieldGeometry(f, m_dpr, g);
    m_placed = f;
    js_field_place(f.multiline ? 1 : 0, g);
}
void WebPlatform::closeTextField() {
    m_placed = ui::TextField{};
    js_field_close();
}

} // namespace web
