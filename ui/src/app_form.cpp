// app_form.cpp — the form column: basic information (机关, 类型, 年度, 公开日期) and the six
// sections in order — text sections as multi-line editors, tables via app_tables.cpp.
// Text edits are checked live on every keystroke and become one undo step when the field is left.
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "misc/cpp/imgui_stdlib.h"
#include "nianbao/meta_values.hpp"
#include "nianbao/text_from_tables.hpp"

namespace ui {

namespace {
// puts one field of `before` back into `snap` (the report as it was before this field's edit)
void restoreField(nb::Report& snap, const nb::Report& cur, const std::string& id, const std::string& before) {
    snap = cur;
    if (id.rfind("text.", 0) == 0) snap.text[id.substr(5)] = before;
    else if (id == "meta.agency") snap.meta.agency = before;
    else if (id == "meta.published") snap.meta.published = before;
}
}

// One text/meta field: live re-check on every keystroke, one undo step per visit (the report as it
// was when the field was entered, kept per field: one field can activate in the frame another is left).
bool App::editField(const std::string& id, std::string& value, const std::function<bool()>& widget) {
    Document& d = *m_doc;
    bool wasActive = m_fieldEdits.count(id) > 0;
    std::string before = wasActive ? std::string() : value;
    bool changed = widget();
    bool active = ImGui::IsItemActive();
    fieldFrame(id);
    if (active && !wasActive) {
        FieldEdit e;
        e.before = before;
        e.report = std::make_unique<nb::Report>();
        restoreField(*e.report, d.report(), id, before);
        m_fieldEdits[id] = std::move(e);
    }
    if (changed) d.fieldChanged();
    if (!active && wasActive) {
        FieldEdit e = std::move(m_fieldEdits[id]);
        m_fieldEdits.erase(id);
        if (e.before != value) d.commitFieldEdit(std::move(*e.report));
    }
    return active;
}

bool App::fieldFrame(const std::string& id) {
    m_rectsNext[id] = lastItemRect();
    if (const CellMark* m = m_doc->mark(id)) {
        ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), severityColor(m->severity), 0, 0, 2 * m_scale);
        if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
            for (int i : m->findings) ImGui::TextColored(severityVec(m_doc->findings()[i].severity), "%s", m_doc->findings()[i].message.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    return true;
}

void App::drawForm() {
    const nb::Report& r = m_doc->report();
    float s = m_scale;
    if (m_sectionTarget == "meta") { ImGui::SetScrollHereY(0); m_sectionTarget.clear(); }
    drawMeta();
    for (const nb::SectionDef& sec : r.format->sections) {
        ImGui::Dummy(ImVec2(0, 10 * s));
        std::string key = sec.textKey.empty() ? sec.tableId : "text." + sec.textKey;
        if (m_sectionTarget == key) { ImGui::SetScrollHereY(0); m_sectionTarget.clear(); }
        std::string heading = sec.no + "、" + sec.heading;
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.20f, 0.45f, 1));
        ImGui::TextUnformatted(heading.c_str());
        ImGui::PopStyleColor();
        ImGui::Separator();
        if (!sec.textKey.empty()) drawTextSection(sec.textKey, heading);
        else if (const nb::TableDef* t = r.format->findTable(sec.tableId)) drawTable(*t);
    }
    ImGui::Dummy(ImVec2(0, 40 * s));
}

void App::drawMeta() {
    Document& d = *m_doc;
    nb::Report& r = d.mutableReport();
    float s = m_scale, labelW = 90 * s;
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(0.05f, 0.20f, 0.45f, 1));
    ImGui::TextUnformatted("基本信息");
    ImGui::PopStyleColor();
    ImGui::Separator();

    auto textField = [&](const char* label, const std::string& id, std::string& value, float width, const char* hint) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(label);
        ImGui::SameLine(labelW);
        ImGui::SetNextItemWidth(width);
        if (m_focusField == id) { ImGui::SetKeyboardFocusHere(); m_focusField.clear(); }
        editField(id, value, [&] { return ImGui::InputTextWithHint(("##" + id).c_str(), hint, &value); });
    };
    textField("机关名称", "meta.agency", r.meta.agency, 420 * s, "如：某某市人民政府");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("机关类型");
    ImGui::SameLine(labelW);
    const char* kinds[] = {"（未选择）", "人民政府（需报告工作考核、社会评议和责任追究结果）", "政府部门"};
    int kind = r.meta.agencyKind == "government" ? 1 : r.meta.agencyKind == "department" ? 2 : 0;
    ImGui::SetNextItemWidth(420 * s);
    if (ImGui::Combo("##meta.agency_kind", &kind, kinds, 3)) {
        nb::Report next = r;
        next.meta.agencyKind = kind == 1 ? "government" : kind == 2 ? "department" : "";
        d.replaceReport(std::move(next));
    }
    fieldFrame("meta.agency_kind");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("报告年度");
    ImGui::SameLine(labelW);
    ImGui::SetNextItemWidth(120 * s);
    if (!m_yearActive) m_yearBuf = r.meta.year ? std::to_string(*r.meta.year) : r.meta.yearText;
    if (m_focusField == "meta.year") { ImGui::SetKeyboardFocusHere(); m_focusField.clear(); }
    ImGui::InputTextWithHint("##meta.year", "如 2024", &m_yearBuf);
    bool yearActive = ImGui::IsItemActive();
    fieldFrame("meta.year");
    if (!yearActive && m_yearActive) {
        // kept as typed when it is not a year (R-3 says so); never an exception, never a lost keystroke
        std::optional<int> y = nb::parseYear(m_yearBuf);
        std::string text = y ? std::string() : nb::trimText(m_yearBuf);
        if (y != r.meta.year || text != r.meta.yearText) {
            nb::Report next = r;
            next.meta.year = y;
            next.meta.yearText = text;
            d.replaceReport(std::move(next));
        }
        if (std::string why = nb::yearProblem(m_yearBuf); !why.empty()) message(why, 1);
    }
    m_yearActive = yearActive;
    ImGui::SameLine();
    ImGui::TextDisabled("格式：%s 年格式（%s）", r.format->id.c_str(), r.format->document.c_str());
    if (r.meta.year && *r.meta.year >= 2019) {
        const nb::Format& want = nb::formatForYear(*r.meta.year);
        if (&want != r.format) {   // the year calls for the other format: offer to convert (undoable)
            ImGui::SameLine();
            std::string label = "转换为 " + want.id + " 年格式";
            if (ImGui::SmallButton(label.c_str())) {
                std::vector<std::string> dropped;
                d.replaceReport(nb::convertReport(r, want, &dropped));
                m_sel = -1;
                std::string msg = "已转换为 " + want.id + " 年格式（" + want.document + "），正文和两种格式共有的单元格已保留";
                if (!dropped.empty()) msg += "；" + std::to_string(dropped.size()) + " 个单元格在新格式中没有对应项（主要是表二），请按新格式重新填写。可撤销";
                message(msg, dropped.empty() ? 0 : 1);
            }
            m_rectsNext["button.convert"] = lastItemRect();
        }
    }

    textField("公开日期", "meta.published", r.meta.published, 160 * s, "如 2025-03-28");
    bool dateActive = ImGui::IsItemActive();
    if (!dateActive && r.meta.published != nb::normalizeDate(r.meta.published)) {
        r.meta.published = nb::normalizeDate(r.meta.published);   // 2020年3月30日 → 2020-03-30 once the field is left
        d.fieldChanged();
    }
    if (std::string why = nb::dateProblem(r.meta.published); !why.empty() && !dateActive) {
        ImGui::SameLine();
        ImGui::TextColored(severityVec(nb::Severity::Warning), "不是有效日期：请写作 2025-03-28 或 2025年3月28日");
    }
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
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("插入陈述本报告表格数字的标准语句（本年新收、办理结果、结转、复议诉讼、规章和规范性文件），正文与表格一致");
}

void App::insertGenerated(const std::string& key) {
    std::string sentences = nb::sentencesFromTables(m_doc->report());
    if (sentences.empty()) { message("表格中还没有填写可用于生成语句的数字", 1); return; }
    nb::Report next = m_doc->report();
    std::string& text = next.text[key];
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    text += (text.empty() ? "" : "\n\n") + sentences;   // a paragraph of its own at the end
    m_doc->replaceReport(std::move(next));
    message("已根据表格生成语句并插入（可撤销）", 0);
}

void App::drawTextSection(const std::string& key, const std::string& title) {
    drawTextTools(key);
    Document& d = *m_doc;
    nb::Report& r = d.mutableReport();
    std::string id = "text." + key;
    std::string& value = r.text[key];
    float s = m_scale;
    float lines = std::max(8.0f, std::min(24.0f, 2.0f + static_cast<float>(std::count(value.begin(), value.end(), '\n')) +
                                                  static_cast<float>(value.size()) / 120.0f));
    const ImVec2 size(std::max(400 * s, ImGui::GetContentRegionAvail().x), ImGui::GetTextLineHeight() * lines);
    if (m_focusField == id || m_reveal == id) {
        ImGui::SetScrollHereY(0.1f);
        m_focusField.clear();
        if (m_reveal == id) m_reveal.clear();
        m_textEditor = id;
        m_textEditorFrames = 0;
    }
    // ImGui 1.86 cannot wrap lines inside an editor: show the text wrapped, edit on click
    if (m_textEditor != id) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImGui::GetStyleColorVec4(ImGuiCol_FrameBg));
        ImGui::BeginChild(("##view." + id).c_str(), size, true);
        bool clicked = ImGui::IsWindowHovered() && ImGui::IsMouseClicked(0);
        if (value.empty()) ImGui::TextDisabled("点击此处填写");
        else {
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(value.c_str(), value.c_str() + value.size());
            ImGui::PopTextWrapPos();
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
        fieldFrame(id);
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_ChildWindows)) ImGui::SetMouseCursor(ImGuiMouseCursor_TextInput);
        if (clicked) { m_textEditor = id; m_textEditorFrames = 0; m_sel = -1; }
        if (value.empty()) ImGui::TextDisabled("（%s：请填写。段落之间空一行。）", title.c_str());
        return;
    }
    if (m_textEditorFrames++ == 0) ImGui::SetKeyboardFocusHere();
    bool active = editField(id, value, [&] { return ImGui::InputTextMultiline(("##" + id).c_str(), &value, size); });
    if (!active && m_textEditorFrames > 3) m_textEditor.clear();   // left (or never entered): back to the wrapped view
    if (value.empty()) ImGui::TextDisabled("（%s：请填写。段落之间空一行。）", title.c_str());
}

} // namespace ui
