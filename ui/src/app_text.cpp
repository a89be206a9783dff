// app_text.cpp — the free-text fields (the three text sections, 机关名称, 公开日期): drawn as wrapped text,
// and edited in a native field the platform puts over the drawn one (the browser's <textarea>/<input>,
// so wrapping, caret, selection, IME, context menu and in-field undo are the browser's own). The drawn
// view breaks lines as the native field does (text_layout), so a click puts the caret on the character
// clicked. Typing is re-checked after a short pause; a visit is one step in the app's undo history.
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "imgui_internal.h"
#include "nianbao/meta_values.hpp"
#include "nianbao/text_from_tables.hpp"
#include "ui/text_layout.hpp"

namespace ui {

namespace {
constexpr double kRecheckDelayMs = 150;    // findings follow typing after this pause
constexpr float kMinLines = 6, kMaxLines = 22;

ImRect toImRect(const Rect& r) { return ImRect(r.x, r.y, r.x + r.w, r.y + r.h); }
Rect fromImRect(const ImRect& r) { return Rect{r.Min.x, r.Min.y, r.GetWidth(), r.GetHeight()}; }
}

// the report's value behind a free-text field id, or nullptr
std::string* App::fieldValue(nb::Report& r, const std::string& id) {
    if (auto key = explanationOfField(id)) return &r.explanations[*key];   // a warning's 情况说明
    const nb::Target t = nb::Target::parse(*r.format, id);
    if (t.kind == nb::Target::Kind::Text) return &r.text[t.key];
    if (t.kind == nb::Target::Kind::Meta && t.key == "agency") return &r.meta.agency;
    if (t.kind == nb::Target::Kind::Meta && t.key == "published") return &r.meta.published;
    return nullptr;
}

float App::proseLineHeight() const { return std::round(ImGui::GetFontSize() * 1.5f); }

void App::openField(const TextField& f, std::size_t caret, float scrollY) {
    if (m_field) leaveField(LeaveBy::Elsewhere, m_field->caret, 0);
    if (m_editing) commitEdit(false, 0, 0);
    std::string* v = fieldValue(m_doc->mutableReport(), f.id);
    if (!v) return;
    m_sel = -1;
    OpenField o;
    o.field = f;
    o.before = m_doc->report();
    o.text = *v;
    o.caret = std::min(caret, v->size());
    m_field = std::move(o);
    m_platform.openTextField(f, *v, m_field->caret, scrollY);
}

void App::onTextInput(const std::string& id, const std::string& text) {
    if (!m_field || m_field->field.id != id) return;   // a late event of a field already left
    std::string* v = fieldValue(m_doc->mutableReport(), id);
    if (!v || *v != m_field->text) { closeFieldIfReplaced(); return; }   // the report changed under it first
    if (*v == text) return;
    *v = text;
    m_field->text = text;
    m_doc->fieldChanged(false);
    m_recheckDueMs = m_platform.nowMs() + kRecheckDelayMs;
}

void App::onTextLeave(const std::string& id, LeaveBy how, std::size_t caret, float scrollY) {
    if (!m_field || m_field->field.id != id) return;
    leaveField(how, caret, scrollY);
}

void App::leaveField(LeaveBy how, std::size_t caret, float scrollY) {
    OpenField f = std::move(*m_field);
    m_field.reset();
    m_platform.closeTextField();
    const std::string& id = f.field.id;
    std::string* v = fieldValue(m_doc->mutableReport(), id);
    if (v && id == nb::Target::metaRef("published") && *v != nb::normalizeDate(*v)) {
        *v = nb::normalizeDate(*v);   // 2020年3月30日 → 2020-03-30 once the field is left
        m_doc->fieldChanged(false);
    }
    m_lastCaret[id] = caret;
    m_viewScroll[id] = scrollY;
    const std::string* before = fieldValue(f.before, id);
    if (v && before && *v != *before) m_doc->commitFieldEdit(std::move(f.before));   // one undo step per visit
    else if (m_recheckDueMs >= 0) m_doc->recheck();
    m_recheckDueMs = -1;
    if (how == LeaveBy::Tab || how == LeaveBy::ShiftTab) {   // on to the next / previous free-text field
        auto it = std::find(m_fieldOrder.begin(), m_fieldOrder.end(), id);
        if (it != m_fieldOrder.end()) {
            if (how == LeaveBy::Tab && it + 1 != m_fieldOrder.end()) m_focusField = *(it + 1);
            if (how == LeaveBy::ShiftTab && it != m_fieldOrder.begin()) m_focusField = *(it - 1);
        }
    }
}

// the field was changed under the open native field (undo, a file opened, a fix): close it without a step
void App::closeFieldIfReplaced() {
    if (!m_field) return;
    const std::string* v = fieldValue(m_doc->mutableReport(), m_field->field.id);
    if (v && *v == m_field->text) return;
    m_field.reset();
    m_platform.closeTextField();
    m_recheckDueMs = -1;
}

void App::tickRecheck() {
    if (m_recheckDueMs >= 0 && m_platform.nowMs() >= m_recheckDueMs) {
        m_recheckDueMs = -1;
        m_doc->recheck();
    }
}

// A free-text field: its frame while the native field is over it (kept in place every frame), else its
// drawn text (`view`, which returns the caret a click asks for and the view's scroll); a click, a finding
// or Tab from the previous field opens the native field.
void App::fieldBox(TextField f, std::size_t focusCaret, const std::function<std::optional<std::size_t>(float& scrollY)>& view) {
    const std::string& id = f.id;
    m_fieldOrderNext.push_back(id);
    ImGuiWindow* win = ImGui::GetCurrentWindow();
    f.clip = fromImRect(win->InnerClipRect);
    if (m_field && m_field->field.id == id) {
        ImRect r = toImRect(f.rect);
        ImGui::ItemSize(r);
        ImGui::ItemAdd(r, ImGui::GetID(id.c_str()));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(r.Min, r.Max, IM_COL32(255, 255, 255, 255), 0);
        dl->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_NavHighlight), 0, 0, 2 * m_scale);
        fieldFrame(id);
        m_field->field = f;
        m_platform.placeTextField(f);
        return;
    }
    float scrollY = 0;
    std::optional<std::size_t> caret = view(scrollY);
    fieldFrame(id);
    if (ImGui::IsMouseHoveringRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax())) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
    if (m_focusField == id) {
        m_focusField.clear();
        caret = focusCaret;
    }
    if (caret) openField(f, *caret, scrollY);
}

// 机关名称, 公开日期: a one-line field
void App::drawLineField(const std::string& id, const char* label, std::string& value, float width, const char* hint) {
    const ImGuiStyle& st = ImGui::GetStyle();
    ImVec2 p = ImGui::GetCursorScreenPos();
    TextField f;
    f.id = id;
    f.rect = Rect{p.x, p.y, width, ImGui::GetFrameHeight()};
    f.multiline = false;
    f.fontPx = m_fontEm > 0 ? m_fontEm : ImGui::GetFontSize();
    f.lineHeight = ImGui::GetFontSize();
    f.padX = st.FramePadding.x;
    f.padY = st.FramePadding.y;
    f.placeholder = hint;
    f.label = label;
    fieldBox(f, value.size(), [&](float&) -> std::optional<std::size_t> {
        ImGui::PushID(id.c_str());
        bool clicked = ImGui::InvisibleButton("##view", ImVec2(f.rect.w, f.rect.h));
        ImGui::PopID();
        ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(r.Min, r.Max, ImGui::GetColorU32(ImGui::IsItemHovered() ? ImGuiCol_FrameBgHovered : ImGuiCol_FrameBg), st.FrameRounding);
        dl->AddRect(r.Min, r.Max, ImGui::GetColorU32(ImGuiCol_Border), st.FrameRounding);
        ImVec2 tp(r.Min.x + f.padX, r.Min.y + f.padY);
        ImVec4 clip(r.Min.x + 1, r.Min.y, r.Max.x - 1, r.Max.y);
        const float size = ImGui::GetFontSize();
        if (value.empty()) dl->AddText(ImGui::GetFont(), size, tp, ImGui::GetColorU32(ImGuiCol_TextDisabled), hint, nullptr, 0, &clip);
        else dl->AddText(ImGui::GetFont(), size, tp, ImGui::GetColorU32(ImGuiCol_Text), value.c_str(), value.c_str() + value.size(), 0, &clip);
        if (!clicked) return std::nullopt;
        TextLayout& l = m_layouts[id];
        layoutText(l, *ImGui::GetFont(), size, value, 1e9f);
        return caretAt(l, *ImGui::GetFont(), size, 0, ImGui::GetIO().MousePos.x - tp.x);
    });
}

// The line above a text section: its character count, and 根据表格生成 where the format writes its figures.
void App::drawTextTools(const std::string& key) {
    const nb::Report& r = m_doc->report();
    auto it = r.text.find(key);
    std::size_t n = it == r.text.end() ? 0 : nb::countCharacters(it->second);
    ImGui::TextDisabled("字数：%zu", n);
    if (key != r.format->summarySection || r.format->summary.empty()) return;
    ImGui::SameLine();
    if (ImGui::SmallButton("根据表格生成")) insertGenerated(key);
    m_rectsNext["button.generate"] = lastItemRect();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("在光标处插入陈述本报告表格数字的标准语句（本年新收、办理结果、结转、复议诉讼、规章和规范性文件），正文与表格一致");
}

// 根据表格生成: at the caret where the clerk last was in this section (the click on the button left
// the field), else as a paragraph of its own at the end; the field opens again after the insertion
void App::insertGenerated(const std::string& key) {
    std::string sentences = nb::sentencesFromTables(m_doc->report());
    if (sentences.empty()) { message("表格中还没有填写可用于生成语句的数字", 1); return; }
    nb::Report next = m_doc->report();
    std::string& text = next.text[key];
    std::string id = nb::Target::textRef(key);
    std::size_t at;
    auto c = m_lastCaret.find(id);
    if (c != m_lastCaret.end() && c->second < text.size() && (static_cast<unsigned char>(text[c->second]) & 0xC0) != 0x80) {
        at = c->second;
        text.insert(at, sentences);
    } else {
        while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
        if (!text.empty()) text += "\n\n";
        at = text.size();
        text += sentences;
    }
    m_doc->replaceReport(std::move(next));
    m_lastCaret[id] = at + sentences.size();
    m_focusField = id;
    m_focusCaret = at + sentences.size();
    message("已根据表格生成语句并插入（可撤销）", 0);
}

void App::drawTextSection(const std::string& key, const std::string& title) {
    drawTextTools(key);
    Document& d = *m_doc;
    std::string id = nb::Target::textRef(key);
    std::string* vp = fieldValue(d.mutableReport(), id);
    if (!vp) return;
    const std::string& value = *vp;
    const float s = m_scale, pad = 6 * s, gutter = 15 * s, lineH = proseLineHeight(), fontPx = ImGui::GetFontSize();
    const float emPx = m_fontEm > 0 ? m_fontEm : fontPx;   // the native field's font size
    ImFont& font = *ImGui::GetFont();
    const float width = std::max(400 * s, ImGui::GetContentRegionAvail().x);
    const float maxH = kMaxLines * lineH + 2 * pad, minH = kMinLines * lineH + 2 * pad;
    TextLayout& l = m_layouts[id];
    layoutText(l, font, fontPx, value, width - 2 * pad);
    bool scrolls = static_cast<float>(l.lines.size()) * lineH + 2 * pad > maxH;
    if (scrolls) layoutText(l, font, fontPx, value, width - 2 * pad - gutter);   // room for the scroll bar
    const float contentH = static_cast<float>(l.lines.size()) * lineH;
    const float h = std::max(minH, std::min(maxH, contentH + 2 * pad));

    if (m_focusField == id || m_reveal == id) {
        ImGui::SetScrollHereY(0.1f);
        if (m_reveal == id) m_reveal.clear();
    }
    ImVec2 p = ImGui::GetCursorScreenPos();
    TextField f;
    f.id = id;
    f.rect = Rect{p.x, p.y, width, h};
    f.multiline = true;
    f.fontPx = emPx;
    f.lineHeight = lineH;
    f.padX = f.padY = pad;
    f.placeholder = "（" + title + "：请填写。段落之间空一行。）";
    f.label = title;
    std::size_t focusCaret = m_focusCaret == std::string::npos ? 0 : m_focusCaret;
    if (m_focusField == id) m_focusCaret = std::string::npos;
    fieldBox(f, focusCaret, [&](float& scrollY) -> std::optional<std::size_t> {
        ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
        ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, gutter);
        ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(255, 255, 255, 255));
        ImGui::BeginChild(("##view." + id).c_str(), ImVec2(width, h), true,
                          scrolls ? ImGuiWindowFlags_AlwaysVerticalScrollbar : ImGuiWindowFlags_NoScrollbar);
        if (auto sc = m_viewScroll.find(id); sc != m_viewScroll.end()) {   // where the native field was scrolled to
            ImGui::SetScrollY(sc->second);
            m_viewScroll.erase(sc);
        }
        ImVec2 origin = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(1, contentH));
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const ImVec2 cmin = dl->GetClipRectMin(), cmax = dl->GetClipRectMax();
        if (value.empty()) dl->AddText(&font, fontPx, ImVec2(origin.x, origin.y + (lineH - fontPx) / 2), ImGui::GetColorU32(ImGuiCol_TextDisabled), f.placeholder.c_str());
        const int n = static_cast<int>(l.lines.size());
        int first = std::max(0, static_cast<int>((cmin.y - origin.y) / lineH));
        int last = std::min(n, static_cast<int>((cmax.y - origin.y) / lineH) + 1);
        const ImU32 textCol = ImGui::GetColorU32(ImGuiCol_Text);
        for (int i = first; i < last && !value.empty(); ++i) {   // only the lines in view are drawn
            const TextLine& ln = l.lines[static_cast<std::size_t>(i)];
            dl->AddText(&font, fontPx, ImVec2(origin.x, origin.y + static_cast<float>(i) * lineH + (lineH - fontPx) / 2), textCol,
                        l.text.c_str() + ln.begin, l.text.c_str() + ln.end);
        }
        std::optional<std::size_t> caret;
        if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0)) {
            ImVec2 m = ImGui::GetIO().MousePos;
            caret = caretAt(l, font, fontPx, static_cast<int>(std::floor((m.y - origin.y) / lineH)), m.x - origin.x);
        }
        scrollY = ImGui::GetScrollY();
        ImGui::EndChild();
        ImGui::PopStyleColor();
        ImGui::PopStyleVar(2);
        return caret;
    });
}

} // namespace ui
