// app_import.cpp — what an import leaves for the person to look at, above the findings: every conversion
// made, every printed row or value not understood, every official cell or section not found, and the meta
// values to fill. Each item jumps to its cell or field; ✓ dismisses one, 全部核对完毕 the list. And the paste
// of a table copied with its labels (Word/WPS/Excel/a web page), placed by the labels as one undo step.
#include "ui/app.hpp"
#include "app_internal.hpp"

namespace ui {

namespace {
const char* kindLabel(nb::ImportItemKind k) {
    switch (k) {
    case nb::ImportItemKind::Conversion: return "换算";
    case nb::ImportItemKind::Unread: return "未读入";
    case nb::ImportItemKind::Unplaced: return "未识别";
    case nb::ImportItemKind::Missing: return "未找到";
    case nb::ImportItemKind::Meta: return "待填";
    }
    return "";
}
ImVec4 kindColour(nb::ImportItemKind k) {
    return k == nb::ImportItemKind::Conversion ? severityVec(nb::Severity::Info)
           : k == nb::ImportItemKind::Meta     ? severityVec(nb::Severity::Warning)
                                               : severityVec(nb::Severity::Error);
}
} // namespace

void App::setImportReview(const nb::ImportResult& r, const std::string& name) {
    m_importItems = r.recognised ? r.items : std::vector<nb::ImportItem>{};
    m_importName = name;
}

void App::drawImportReview() {
    if (m_importItems.empty()) return;
    float s = m_scale;
    ImGui::TextColored(severityVec(nb::Severity::Warning), "导入核对：%d 项", static_cast<int>(m_importItems.size()));
    ImGui::SameLine();
    ImGui::TextDisabled("（%s）", m_importName.c_str());
    if (ImGui::SmallButton("全部核对完毕，关闭清单")) {
        m_importItems.clear();
        message("已关闭导入核对清单", 0);
        return;
    }
    m_rectsNext["import.dismiss"] = lastItemRect();
    ImGui::Separator();
    int dismiss = -1;
    for (std::size_t i = 0; i < m_importItems.size(); ++i) {
        const nb::ImportItem& it = m_importItems[i];
        ImGui::PushID(static_cast<int>(i) + 100000);
        if (ImGui::SmallButton("已核对")) dismiss = static_cast<int>(i);
        m_rectsNext["import.done." + std::to_string(i)] = lastItemRect();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("移出清单");
        ImGui::SameLine();
        ImVec2 start = ImGui::GetCursorScreenPos();
        ImGui::BeginGroup();
        ImGui::TextColored(kindColour(it.kind), "%s", kindLabel(it.kind));
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(it.message.c_str());
        ImGui::PopTextWrapPos();
        ImGui::EndGroup();
        ImVec2 end = ImGui::GetCursorScreenPos();
        if (!it.cell.empty()) {
            ImGui::SetCursorScreenPos(start);
            if (ImGui::InvisibleButton("##go", ImVec2(ImGui::GetContentRegionAvail().x, std::max(1.0f, end.y - start.y)))) goToTarget(it.cell);
            if (ImGui::IsItemHovered()) {
                ImGui::GetWindowDrawList()->AddRectFilled(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), ImGui::GetColorU32(ImVec4(0.2f, 0.4f, 0.8f, 0.08f)));
                ImGui::SetTooltip("点击定位到相关位置");
            }
            ImGui::SetCursorScreenPos(end);
        }
        m_rectsNext["import." + std::to_string(i)] = Rect{start.x, start.y, ImGui::GetContentRegionAvail().x, end.y - start.y};
        ImGui::Dummy(ImVec2(0, 2 * s));
        ImGui::PopID();
    }
    if (dismiss >= 0) m_importItems.erase(m_importItems.begin() + dismiss);
    ImGui::Dummy(ImVec2(0, 6 * s));
    ImGui::Separator();
}

bool App::onPasteTable(const std::string& html, const std::string& plain) {
    if (m_editing || m_field) return false;
    nb::ImportResult r = nb::importPastedTable(m_doc->report(), html, plain);
    if (!r.report) return false;
    const nb::Report& cur = m_doc->report();
    std::vector<std::pair<int, std::optional<nb::Fixed>>> values;
    for (std::size_t i = 0; i < cur.cells.size(); ++i)
        if (r.report->cells[i] != cur.cells[i]) values.emplace_back(static_cast<int>(i), r.report->cells[i]);
    if (r.report->units != cur.units) {
        m_doc->replaceReport(std::move(*r.report));   // a unit came with the table: the whole edit, one step
    } else if (!values.empty()) {
        m_doc->setCells(values);
    }
    setImportReview(r, "粘贴的表格");
    std::string where;
    for (const auto& c : r.cells) {
        const nb::TableDef* t = cur.format->findTable(c.cell.substr(0, c.cell.find('.')));
        if (t && where.find(t->shortName) == std::string::npos) where += (where.empty() ? "" : "、") + t->shortName;
    }
    message("已按表格标签粘贴 " + std::to_string(r.cells.size()) + " 格（" + where + "，改变 " + std::to_string(values.size()) + " 格）" +
                (m_importItems.empty() ? "" : "，待核对 " + std::to_string(m_importItems.size()) + " 项") + "，Ctrl+Z 可整体撤销",
            m_importItems.empty() ? 0 : 1);
    if (!r.cells.empty()) reveal(r.cells.front().cell);
    return true;
}

} // namespace ui
