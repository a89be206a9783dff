// main_web.cpp — the browser entry point: a GLFW/WebGL 2 canvas sized in device pixels (sharp on
// HiDPI), the CJK font, an ordered input queue (keys + IME/committed text, so nothing typed is lost
// or doubled), a draw-on-demand main loop (idle page = no CPU), and the window.nianbao exports.
//   [X] IME via a hidden <textarea> (shell.html) placed at the caret   [X] system clipboard
//   [X] file open/drag-drop, downloads, autosave (platform_web.cpp)    [ ] WebGL 1 fallback
#include "imgui.h"
#include "imgui_impl_glfw.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"
#include "nianbao/json_io.hpp"
#include "platform_web.hpp"
#include "ui/app.hpp"
#include <GLFW/glfw3.h>
#include <deque>
#include <emscripten.h>
#include <memory>
#include <nlohmann/json.hpp>

extern "C" {
extern const unsigned char nb_font[];
extern const unsigned int nb_font_len;
extern const unsigned int nb_font_ranges[];
}
namespace nb { const std::vector<std::string_view>& embeddedExample(); }

namespace {

GLFWwindow* g_window = nullptr;
web::WebPlatform g_platform;
std::unique_ptr<ui::App> g_app;
float g_dpr = 1.0f;
int g_cssW = 0, g_cssH = 0;
int g_idle = 0;
bool g_firstFrame = false;
int g_imeX = 0, g_imeY = 0;
std::string g_clip, g_ret;
ImVector<ImWchar> g_ranges;

struct InputEvent { bool isText; int key, scancode, action, mods; std::string text; };
std::deque<InputEvent> g_queue;

EM_JS(int, js_take_dirty, (), { var d = window.__nbDirty ? 1 : 0; window.__nbDirty = 0; return d; });
EM_JS(double, js_dpr, (), { return window.devicePixelRatio || 1; });
EM_JS(int, js_inner_w, (), { return window.innerWidth | 0; });
EM_JS(int, js_inner_h, (), { return window.innerHeight | 0; });
EM_JS(void, js_ime_sync, (int want, double x, double y, double h), { window.__nbImeSync(want, x, y, h); });
EM_JS(void, js_ready, (), { window.__nbReady(); });
EM_JS(void, js_first_frame, (), { window.__nbFirstFrame(); });
EM_JS(void, js_frame_done, (), { window.__nbFrames = (window.__nbFrames | 0) + 1; window.__nbLastFrameMs = performance.now(); });
EM_JS(void, js_fatal, (const char* msg), { window.__nbFatal(UTF8ToString(msg)); });

void keyCallback(GLFWwindow*, int key, int scancode, int action, int mods) {
    g_queue.push_back({false, key, scancode, action, mods, {}});
}

// ImGui 1.86 samples keys once per frame: feed the queue in order, and stop for this frame when a
// key changes twice or a key follows text (otherwise fast typing and Ctrl+letter drop input).
void drainInput() {
    if (g_app->holdInput()) return;   // a cell editor is opening: keep the rest of the typing for it
    bool changed[GLFW_KEY_LAST + 1] = {};
    bool hadText = false;
    while (!g_queue.empty()) {
        InputEvent& e = g_queue.front();
        if (!e.isText) {
            if (hadText) break;
            if (e.action != GLFW_REPEAT && e.key >= 0 && e.key <= GLFW_KEY_LAST) {
                if (changed[e.key]) break;
                changed[e.key] = true;
            }
            ImGui_ImplGlfw_KeyCallback(g_window, e.key, e.scancode, e.action, e.mods);
        } else {
            ImGui::GetIO().AddInputCharactersUTF8(e.text.c_str());
            hadText = true;
        }
        g_queue.pop_front();
    }
}

void buildFonts() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    g_ranges.clear();
    for (const unsigned int* r = nb_font_ranges; *r; r += 2) { g_ranges.push_back(static_cast<ImWchar>(r[0])); g_ranges.push_back(static_cast<ImWchar>(r[1])); }
    g_ranges.push_back(0);
    ImFontConfig cfg;
    cfg.FontDataOwnedByAtlas = false;   // static data
    cfg.OversampleH = 1;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = true;
    io.Fonts->AddFontFromMemoryTTF(const_cast<unsigned char*>(nb_font), static_cast<int>(nb_font_len), 16.0f * g_dpr, &cfg, g_ranges.Data);
    io.Fonts->Build();
}

void renderFrame() {
    drainInput();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    g_app->frame();
    ImGui::Render();
    int fw = 0, fh = 0;
    glfwGetFramebufferSize(g_window, &fw, &fh);
    glViewport(0, 0, fw, fh);
    glClearColor(0.94f, 0.94f, 0.94f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) {
        js_ime_sync(1, g_imeX / g_dpr, g_imeY / g_dpr, ImGui::GetFontSize() / g_dpr);
    } else if (g_app->wantsTextKeys()) {
        ui::Rect r = g_app->textSinkRect();
        js_ime_sync(1, r.x / g_dpr, r.y / g_dpr, r.h / g_dpr);
    } else {
        js_ime_sync(0, 0, 0, 0);
    }
    js_frame_done();   // frame counter and time, read by the benchmarks (keystroke → frame)
    if (!g_firstFrame) { g_firstFrame = true; js_first_frame(); }
}

void mainLoop() {
    int w = js_inner_w(), h = js_inner_h();
    bool resized = w != g_cssW || h != g_cssH;
    if (resized) {
        g_cssW = w;
        g_cssH = h;
        glfwSetWindowSize(g_window, static_cast<int>(w * g_dpr), static_cast<int>(h * g_dpr));
    }
    bool dirty = js_take_dirty() || !g_queue.empty() || resized || g_app->busy();
    if (dirty) g_idle = 0;
    else if (++g_idle > 6) return;   // idle: the canvas keeps its last image, no CPU is used
    renderFrame();
}

const char* ret(std::string s) {
    g_ret = std::move(s);
    return g_ret.c_str();
}

} // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void ime_add_text(const char* s) { g_queue.push_back({true, 0, 0, 0, 0, s}); }
EMSCRIPTEN_KEEPALIVE void clip_set(const char* s) { g_clip = s; }

// a system paste: a block into the selected table cell, else the text field's Ctrl+V uses g_clip
EMSCRIPTEN_KEEPALIVE int nb_paste(const char* s) {
    g_clip = s;
    if (ImGui::GetIO().WantTextInput) return 0;
    return g_app->onPaste(s) ? 1 : 0;
}

// what a system copy/cut takes: the active text field's selection, or the selected cell's value
EMSCRIPTEN_KEEPALIVE const char* ime_get_selection() {
    ImGuiContext& g = *GImGui;
    ImGuiInputTextState& st = g.InputTextState;
    if (g.ActiveId != 0 && st.ID == g.ActiveId) {
        int a = std::min(st.Stb.select_start, st.Stb.select_end), b = std::max(st.Stb.select_start, st.Stb.select_end);
        std::string out;
        for (int i = a; i < b && i < st.TextW.Size; ++i) {
            unsigned int c = st.TextW[i];
            char buf[5] = {};
            ImTextCharToUtf8(buf, c);
            out += buf;
        }
        return ret(out);
    }
    return ret(g_app->copyText());
}

EMSCRIPTEN_KEEPALIVE const char* nb_load_json(const char* text) {
    std::string err = g_app->loadText(text, "");
    renderFrame();
    nlohmann::json r = {{"ok", err.empty()}};
    if (!err.empty()) r["error"] = err;
    return ret(r.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}
EMSCRIPTEN_KEEPALIVE const char* nb_export_json() { return ret(g_app->exportJson()); }
EMSCRIPTEN_KEEPALIVE const char* nb_export_html() { return ret(g_app->exportHtml()); }
EMSCRIPTEN_KEEPALIVE const char* nb_findings() { return ret(g_app->findingsJson()); }

// brings a cell into view (a few frames, synchronously) and returns its rect in CSS pixels
EMSCRIPTEN_KEEPALIVE const char* nb_cell_rect(const char* id) {
    if (!g_app->reveal(id)) return ret("null");
    for (int i = 0; i < 4; ++i) renderFrame();
    auto r = g_app->itemRect(id);
    if (!r) return ret("null");
    nlohmann::json j = {{"x", r->x / g_dpr}, {"y", r->y / g_dpr}, {"w", r->w / g_dpr}, {"h", r->h / g_dpr}};
    return ret(j.dump());
}

// any item drawn in the last frame (buttons, findings, fields), without scrolling: CSS pixels
EMSCRIPTEN_KEEPALIVE const char* nb_item_rect(const char* id) {
    auto r = g_app->itemRect(id);
    if (!r) return ret("null");
    nlohmann::json j = {{"x", r->x / g_dpr}, {"y", r->y / g_dpr}, {"w", r->w / g_dpr}, {"h", r->h / g_dpr}};
    return ret(j.dump());
}
EMSCRIPTEN_KEEPALIVE const char* nb_selection() { return ret(g_app->selection()); }
EMSCRIPTEN_KEEPALIVE const char* nb_status() {
    return ret(nlohmann::json{{"message", g_app->statusMessage()}, {"notice", g_app->restoredNotice()}, {"storage", g_app->storageProblem()}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

EMSCRIPTEN_KEEPALIVE void nb_file_opened(int purpose, const char* name, const char* data, int len) {
    g_app->onFileOpened(static_cast<ui::FilePurpose>(purpose), name, std::string(data, static_cast<std::size_t>(len)));
    g_idle = 0;
}
EMSCRIPTEN_KEEPALIVE void nb_file_error(const char* msg) { g_app->onFileError(msg); g_idle = 0; }
EMSCRIPTEN_KEEPALIVE void nb_save_json() { g_app->saveJson(); g_idle = 0; }
EMSCRIPTEN_KEEPALIVE void nb_open_file() { g_app->openFile(); g_idle = 0; }
EMSCRIPTEN_KEEPALIVE int nb_unsaved() { return g_app->unsaved() ? 1 : 0; }

} // extern "C"

int main() {
    if (!glfwInit()) { js_fatal("无法初始化画布（GLFW）。"); return 1; }
    g_dpr = static_cast<float>(std::max(1.0, std::min(3.0, js_dpr())));
    g_cssW = js_inner_w();
    g_cssH = js_inner_h();
    g_window = glfwCreateWindow(static_cast<int>(g_cssW * g_dpr), static_cast<int>(g_cssH * g_dpr), "nianbao", nullptr, nullptr);
    if (!g_window) {
        js_fatal("浏览器无法创建 WebGL 2 画布。请开启硬件加速，或改用新版 Chrome / Edge；360、QQ 等浏览器请切换到“极速模式”。");
        return 1;
    }
    glfwMakeContextCurrent(g_window);
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.ConfigInputTextCursorBlink = false;   // nothing animates: the idle page draws nothing
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.FrameRounding = 3;
    style.FrameBorderSize = 1;
    style.ItemSpacing = ImVec2(8, 6);
    style.Colors[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.96f, 1);
    style.Colors[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    style.ScaleAllSizes(g_dpr);
    buildFonts();
    ImGui_ImplGlfw_InitForOpenGL(g_window, true);
    glfwSetCharCallback(g_window, nullptr);   // text comes from the <textarea> (IME), never twice
    glfwSetKeyCallback(g_window, keyCallback);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    io.SetClipboardTextFn = [](void*, const char* text) { g_platform.setClipboard(text); };
    io.GetClipboardTextFn = [](void*) -> const char* { return g_clip.c_str(); };
    io.ImeSetInputScreenPosFn = [](int x, int y) { g_imeX = x; g_imeY = y; };
    const auto& example = nb::embeddedExample();
    g_app = std::make_unique<ui::App>(g_platform, std::string(example.empty() ? std::string_view() : example[0]));
    g_app->setScale(g_dpr);
    js_ready();
    emscripten_set_main_loop(mainLoop, 0, false);
    return 0;
}
