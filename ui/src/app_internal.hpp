// app_internal.hpp — small helpers shared by the App's files: colours, UTF-8 from ImGui's
// character queue, field ids. Only included by ui/src/*.cpp.
#pragma once
#include "ui/app.hpp"
#include "ui/document.hpp"
#include "imgui.h"
#include "nianbao/check.hpp"
#include <optional>
#include <string>

namespace ui {

/// What confirmThen() runs once the user agrees to replace the report on screen (app.cpp runAction).
enum Action { kNone = 0, kPickFile, kOpenExample, kNewReport, kOpenPending, kPickPrevious, kOpenPendingReport };

inline ImU32 severityColor(nb::Severity s, float alpha = 1.0f) {
    switch (s) {
    case nb::Severity::Error: return ImGui::GetColorU32(ImVec4(0.80f, 0.10f, 0.10f, alpha));
    case nb::Severity::Warning: return ImGui::GetColorU32(ImVec4(0.85f, 0.55f, 0.00f, alpha));
    default: return ImGui::GetColorU32(ImVec4(0.15f, 0.40f, 0.80f, alpha));
    }
}
inline ImVec4 severityVec(nb::Severity s) { return ImGui::ColorConvertU32ToFloat4(severityColor(s)); }

inline std::string utf8(unsigned int c) {
    std::string s;
    if (c < 0x80) s += static_cast<char>(c);
    else if (c < 0x800) { s += static_cast<char>(0xC0 | (c >> 6)); s += static_cast<char>(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) { s += static_cast<char>(0xE0 | (c >> 12)); s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); s += static_cast<char>(0x80 | (c & 0x3F)); }
    else { s += static_cast<char>(0xF0 | (c >> 18)); s += static_cast<char>(0x80 | ((c >> 12) & 0x3F)); s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); s += static_cast<char>(0x80 | (c & 0x3F)); }
    return s;
}

/// The rect of the last ImGui item, for itemRect() (automation, the IME sink).
inline Rect lastItemRect() {
    return Rect{ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectSize().x, ImGui::GetItemRectSize().y};
}

/// ImGui 1.86: a named key pressed this frame (ImGuiKey_ values index the key map, not KeysDown).
inline bool keyPressed(ImGuiKey_ k) { return ImGui::IsKeyPressed(ImGui::GetKeyIndex(k)); }

/// Maps a character typed into a number cell to ASCII, or 0 when it is not allowed there.
inline unsigned int numberChar(unsigned int c) {
    if (c >= 0xFF10 && c <= 0xFF19) return '0' + (c - 0xFF10);   // full-width digits from an IME
    if (c == 0xFF0E || c == 0x3002) return '.';
    if (c == 0xFF0D) return '-';
    if (c == 0xFF0C) return ',';
    if ((c >= '0' && c <= '9') || c == '.' || c == '-' || c == ',' || c == ' ') return c;
    return 0;
}

/// Which section a finding belongs to: "meta", "text.overview", "t3"… (its first target's)
inline std::string sectionOf(const nb::Finding& f, const nb::Format& fmt) {
    return f.cells.empty() ? std::string("meta") : nb::Target::parse(fmt, f.cells[0]).section(fmt);
}

/// The editor's field id of a warning's 情况说明 (its explanation key, check.hpp), and back.
inline std::string explanationField(const std::string& key) { return "expl." + key; }
inline std::optional<std::string> explanationOfField(const std::string& id) {
    if (id.rfind("expl.", 0) != 0) return std::nullopt;
    return id.substr(5);
}

} // namespace ui
