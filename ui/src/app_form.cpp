// app_form.cpp — the form column: basic information (机关, 类型, 年度, 公开日期) and the six
// sections in order — text sections and the free-text meta fields via app_text.cpp, tables via
// app_tables.cpp.
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "misc/cpp/imgui_stdlib.h"
#include "nianbao/meta_values.hpp"

namespace ui {

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
        std::string key = sec.textKey.empty() ? sec.tableId : nb::Target::textRef(sec.textKey);
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
        drawLineField(id, label, value, width, hint);
    };
    textField("机关名称", nb::Target::metaRef("agency"), r.meta.agency, 420 * s, "如：某某市人民政府");

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("机关类型");
    ImGui::SameLine(labelW);
    static const std::vector<std::string> kindLabels = [] {   // （未选择）, then nb::kAgencyKinds
        std::vector<std::string> v{"（未选择）"};
        for (const nb::AgencyKind& k : nb::kAgencyKinds)
            v.push_back(std::string(k.label) + (k.note.empty() ? "" : "（" + std::string(k.note) + "）"));
        return v;
    }();
    std::vector<const char*> kinds;
    for (const auto& l : kindLabels) kinds.push_back(l.c_str());
    int kind = 0;
    for (std::size_t i = 0; i < std::size(nb::kAgencyKinds); ++i)
        if (r.meta.agencyKind == nb::kAgencyKinds[i].id) kind = static_cast<int>(i) + 1;
    ImGui::SetNextItemWidth(420 * s);
    if (ImGui::Combo("##meta.agency_kind", &kind, kinds.data(), static_cast<int>(kinds.size()))) {
        nb::Report next = r;
        next.meta.agencyKind = kind > 0 ? std::string(nb::kAgencyKinds[static_cast<std::size_t>(kind - 1)].id) : std::string();
        d.replaceReport(std::move(next));
    }
    fieldFrame(nb::Target::metaRef("agency_kind"));

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("报告年度");
    ImGui::SameLine(labelW);
    ImGui::SetNextItemWidth(120 * s);
    if (!m_yearActive) m_yearBuf = r.meta.year ? std::to_string(*r.meta.year) : r.meta.yearText;
    if (m_focusField == nb::Target::metaRef("year")) { ImGui::SetKeyboardFocusHere(); m_focusField.clear(); }
    ImGui::InputTextWithHint("##meta.year", "如 2024", &m_yearBuf);
    bool yearActive = ImGui::IsItemActive();
    fieldFrame(nb::Target::metaRef("year"));
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
            std::string label = "转换为 " + want.label;
            if (ImGui::SmallButton(label.c_str())) {
                std::vector<std::string> dropped;
                const nb::Format& from = *r.format;   // r is the new report once replaced
                d.replaceReport(nb::convertReport(r, want, &dropped));
                m_sel = -1;
                std::string msg = "已转换为 " + want.label + "（" + want.document + "），正文和两种格式共有的单元格已保留";
                if (!dropped.empty()) {
                    std::string tables;   // which tables they were in (the old format's names)
                    for (const std::string& id : dropped) {
                        const nb::Target t = nb::Target::parse(from, id);
                        const nb::TableDef* td = t.kind == nb::Target::Kind::Cell ? from.findTable(from.cells[static_cast<std::size_t>(t.cell)].table) : nullptr;
                        if (td && tables.find(td->shortName) == std::string::npos) tables += (tables.empty() ? "" : "、") + td->shortName;
                    }
                    msg += "；" + std::to_string(dropped.size()) + " 个单元格在新格式中没有对应项（" + tables + "），请按新格式重新填写。可撤销";
                }
                message(msg, dropped.empty() ? 0 : 1);
            }
            m_rectsNext["button.convert"] = lastItemRect();
        }
    }

    textField("公开日期", nb::Target::metaRef("published"), r.meta.published, 160 * s, "如 2025-03-28");
    bool dateActive = openFieldId() == nb::Target::metaRef("published");
    if (std::string why = nb::dateProblem(r.meta.published); !why.empty() && !dateActive) {
        ImGui::SameLine();
        ImGui::TextColored(severityVec(nb::Severity::Warning), "不是有效日期：请写作 2025-03-28 或 2025年3月28日");
    }
}

} // namespace ui
