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

EM_JS(void, js_leave_warning, (int on), { window.__nbUnsaved = !!on; });

} // namespace

namespace web {

void WebPlatform::downloadFile(const std::string& name, const std::string& mime, const std::string& bytes) {
    js_download(name.c_str(), mime.c_str(), bytes.data(), static_cast<int>(bytes.size()));
}
void WebPlatform::pickFile(ui::FilePurpose purpose) { js_pick_file(static_cast<int>(purpose)); }
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

} // namespace web
