// headless.hpp — what the UI tests share: the real ui::App driven by Dear ImGui with no backend, a fake
// Platform that records downloads, storage, the clipboard and the native text field it was asked to
// show, and synthetic mouse and keyboard input.
#pragma once
#include "imgui.h"
#include "ui/app.hpp"
#include "ui/document.hpp"
#include <catch2/catch.hpp>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace test_ui {

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct FakePlatform : ui::Platform {
    std::vector<std::pair<std::string, std::string>> downloads;
    std::optional<std::string> stored;
    bool storageWorks = true;
    std::string clipboard;
    bool leaveWarning = false;
    double now = 0;
    int picks = 0;
    void downloadFile(const std::string& name, const std::string&, const std::string& bytes) override { downloads.emplace_back(name, bytes); }
    void pickFile(ui::FilePurpose) override { ++picks; }
    bool storeAutosave(const std::string& json) override { if (!storageWorks) return false; stored = json; return true; }
    std::optional<std::string> loadAutosave() override { return stored; }
    void clearAutosave() override { stored.reset(); }
    void setClipboard(const std::string& t) override { clipboard = t; }
    void setLeaveWarning(bool on) override { leaveWarning = on; }
    double nowMs() override { return now; }
    // the native text field: what the app asked to show, and where it was last placed
    std::optional<ui::TextField> field;
    std::string fieldText;
    std::size_t fieldCaret = 0;
    int fieldOpens = 0;
    void openTextField(const ui::TextField& f, const std::string& text, std::size_t caret, float) override {
        field = f; fieldText = text; fieldCaret = caret; ++fieldOpens;
    }
    void placeTextField(const ui::TextField& f) override { if (field) field = f; }
    void closeTextField() override { field.reset(); }
};

// ImGui context with a key map of our own (indices 0..21) and a built font atlas
struct Headless {
    Headless() {
        ImGui::CreateContext();
        ImGuiIO& io = ImGui::GetIO();
        io.IniFilename = nullptr;
        io.DisplaySize = ImVec2(1400, 900);
        for (int k = 0; k < ImGuiKey_COUNT; ++k) io.KeyMap[k] = k + 1;
        unsigned char* px; int w, h;
        io.Fonts->GetTexDataAsRGBA32(&px, &w, &h);
    }
    ~Headless() { ImGui::DestroyContext(); }
    void frame(ui::App& app, FakePlatform& p, int n = 1) {
        for (int i = 0; i < n; ++i) {
            ImGui::GetIO().DeltaTime = 1.0f / 60.0f;
            p.now += 100;
            ImGui::NewFrame();
            app.frame();
            ImGui::Render();
        }
    }
    void click(ui::App& app, FakePlatform& p, const ui::Rect& r) { clickAt(app, p, r.x + r.w / 2, r.y + r.h / 2); }
    void clickAt(ui::App& app, FakePlatform& p, float x, float y) {
        ImGuiIO& io = ImGui::GetIO();
        io.MousePos = ImVec2(x, y);
        frame(app, p);
        io.MouseDown[0] = true;
        frame(app, p);
        io.MouseDown[0] = false;
        frame(app, p);
    }
    void key(ui::App& app, FakePlatform& p, ImGuiKey_ k, bool shift = false, bool ctrl = false) {
        ImGuiIO& io = ImGui::GetIO();
        io.KeyShift = shift; io.KeyCtrl = ctrl;
        io.KeysDown[io.KeyMap[k]] = true;
        frame(app, p);
        io.KeysDown[io.KeyMap[k]] = false;
        io.KeyShift = io.KeyCtrl = false;
        frame(app, p);
    }
    void type(ui::App& app, FakePlatform& p, const char* s) {
        ImGui::GetIO().AddInputCharactersUTF8(s);
        frame(app, p, 3);
    }
};

inline std::string seedJson() { return readFile(std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json"); }

} // namespace test_ui
using namespace test_ui;
