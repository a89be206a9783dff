// app_findings.cpp — the left section list (with error/warning counts per section) and the right
// findings panel: every finding, errors first, with the official cell names; a click brings the
// cell into view and selects it; 采用计算值 applies a suggested value in one (undoable) step.
#include "ui/app.hpp"
#include "app_internal.hpp"

namespace ui {

void App::goTo(const nb::Finding& f) {
    goToTarget(!f.fixes.empty() ? f.fixes[0].cell : f.cells.empty() ? std::string("meta") : f.cells[0]);
}

void App::goToTarget(const std::string& ref) {
    const nb::Format& fmt = *m_doc->report().format;
    const nb::Target t = nb::Target::parse(fmt, ref);
    using K = nb::Target::Kind;
    switch (t.kind) {
    case K::Text: m_focusField = t.ref(); m_sectionTarget = t.section(fmt); break;
    case K::Meta: case K::Format:
        m_sectionTarget = t.section(fmt);
        if (t.kind == K::Meta && !t.key.empty()) m_focusField = t.ref();
        break;
    case K::Table: m_sectionTarget = t.section(fmt); break;
    case K::Cell: reveal(t.ref()); break;
    case K::None: break;
    }
}

void App::drawSections() {
    const nb::Report& r = m_doc->report();
    float s = m_scale;
    ImGui::TextUnformatted("报告目录");
    ImGui::Separator();
    auto entry = [&](const std::string& key, const std::string& title) {
        int errors = 0, warnings = 0;
        for (const auto& f : m_doc->findings()) {
            if (sectionOf(f, *r.format) != key) continue;
            if (f.severity == nb::Severity::Error) ++errors;
            else if (f.severity == nb::Severity::Warning) ++warnings;
        }
        ImGui::PushID(key.c_str());
        if (ImGui::Selectable("##sec", false, 0, ImVec2(0, ImGui::GetTextLineHeight() * 1.6f))) {
            m_sectionTarget = key;
        }
        ImVec2 p = ImGui::GetItemRectMin();
        ImDrawList* dl = ImGui::GetWindowDrawList();
        bool clipped = ImGui::CalcTextSize(title.c_str()).x > ImGui::GetItemRectSize().x - 34 * s;
        ImVec4 clip(p.x, p.y, ImGui::GetItemRectMax().x - 34 * s, ImGui::GetItemRectMax().y);   // room for the badges
        dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(p.x + 2 * s, p.y + 2 * s), ImGui::GetColorU32(ImGuiCol_Text), title.c_str(), nullptr, 0, &clip);
        if (clipped && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", title.c_str());
        float x = ImGui::GetItemRectMax().x - 4 * s;
        auto badge = [&](int n, nb::Severity sev) {
            if (!n) return;
            std::string t = std::to_string(n);
            ImVec2 sz = ImGui::CalcTextSize(t.c_str());
            ImVec2 a(x - sz.x - 8 * s, p.y + 2 * s), b2(x, p.y + 2 * s + sz.y);
            dl->AddRectFilled(a, b2, severityColor(sev), 6 * s);
            dl->AddText(ImVec2(a.x + 4 * s, a.y), IM_COL32_WHITE, t.c_str());
            x = a.x - 4 * s;
        };
        badge(warnings, nb::Severity::Warning);
        badge(errors, nb::Severity::Error);
        ImGui::PopID();
    };
    entry("meta", "基本信息");
    for (const auto& sec : r.format->sections)
        entry(sec.textKey.empty() ? sec.tableId : nb::Target::textRef(sec.textKey), sec.no + "、" + sec.heading);
    ImGui::Dummy(ImVec2(0, 8 * s));
    ImGui::Separator();
    ImGui::TextDisabled("红色：错误  黄色：警告");
}

void App::drawFindings() {
    const auto& fs = m_doc->findings();
    int errors = 0, warnings = 0, infos = 0;
    for (const auto& f : fs) (f.severity == nb::Severity::Error ? errors : f.severity == nb::Severity::Warning ? warnings : infos)++;
    ImGui::Text("检查结果：");
    ImGui::SameLine();
    ImGui::TextColored(severityVec(nb::Severity::Error), "%d 个错误", errors);
    ImGui::SameLine();
    ImGui::TextColored(severityVec(nb::Severity::Warning), "%d 个警告", warnings);
    ImGui::SameLine();
    ImGui::TextColored(severityVec(nb::Severity::Info), "%d 个提示", infos);
    int explained = 0;
    for (const auto& f : fs) explained += !f.explanation.empty();
    if (explained) ImGui::TextDisabled("其中 %d 个警告已写情况说明", explained);
    if (m_doc->previous()) ImGui::TextDisabled("已对照上年报告检查");
    for (const auto& p : m_doc->packs()) ImGui::TextDisabled("另按地方规则检查：%s", p.name.c_str());
    ImGui::Separator();
    if (fs.empty()) {
        ImGui::TextWrapped("没有发现问题。");
        return;
    }
    float s = m_scale;
    for (std::size_t i = 0; i < fs.size(); ++i) {
        const nb::Finding& f = fs[i];
        ImGui::PushID(static_cast<int>(i));
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::TextColored(severityVec(f.severity), "%s %s", nb::severityLabel(f.severity), f.code.c_str());
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(f.message.c_str());
        ImGui::PopTextWrapPos();
        ImVec2 end = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(start);
        if (ImGui::InvisibleButton("##go", ImVec2(ImGui::GetContentRegionAvail().x, std::max(1.0f, end.y - start.y)))) goTo(f);
        bool hovered = ImGui::IsItemHovered();
        m_rectsNext["finding." + std::to_string(i)] = lastItemRect();
        if (hovered) {
            ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetColorU32(ImVec4(0.2f, 0.4f, 0.8f, 0.08f)));
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
            ImGui::TextUnformatted(("规则：" + f.rule).c_str());
            ImGui::TextDisabled("点击定位到相关位置");
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::SetCursorScreenPos(end);
        if (!f.fixes.empty()) {
            std::string label = f.fixes.size() == 1 ? "采用计算值 " + nb::formatDecimal(f.fixes[0].value)
                                                    : "全部采用计算值（" + std::to_string(f.fixes.size()) + " 个单元格）";
            if (ImGui::SmallButton(label.c_str())) {
                std::string cell = f.fixes[0].cell;
                std::size_t n = f.fixes.size();
                if (m_doc->applyFix(f)) {
                    message(n == 1 ? "已采用计算值（可撤销）" : "已采用 " + std::to_string(n) + " 个计算值（一步，可撤销）", 0);
                    reveal(cell);
                }
            }
            m_rectsNext["fix." + std::to_string(i)] = lastItemRect();
        }
        drawExplanation(f, i);
        ImGui::Dummy(ImVec2(0, 4 * s));
        ImGui::Separator();
        ImGui::PopID();
    }
}

} // namespace ui
