// table_grid.cpp — navigation grid of a table and the block-paste planner.
#include "table_grid.hpp"
#include "nianbao/table_layout.hpp"

namespace ui {

std::optional<std::pair<int, int>> TableGrid::locate(int cellIndex) const {
    for (std::size_t r = 0; r < rows.size(); ++r)
        for (std::size_t c = 0; c < rows[r].cells.size(); ++c)
            if (rows[r].cells[c] == cellIndex) return std::make_pair(static_cast<int>(r), static_cast<int>(c));
    return std::nullopt;
}

TableGrid buildGrid(const nb::Report& rep, const nb::TableDef& t) {
    TableGrid g;
    g.table = &t;
    const nb::TableLayout l = nb::layoutTable(rep, t);   // the printed rows: legacy rows already collapsed
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
        if (l.rows[i].part != nb::LayoutPart::Body) continue;
        g.rows.push_back(GridRow{l.rows[i].block, l.rows[i].rowId, l.valueCells(i)});
    }
    return g;
}

std::vector<std::vector<std::string>> splitBlock(std::string_view text) {
    std::vector<std::vector<std::string>> rows;
    std::string cell;
    std::vector<std::string> row;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '\r') continue;
        if (c == '\t') { row.push_back(cell); cell.clear(); }
        else if (c == '\n') { row.push_back(cell); cell.clear(); rows.push_back(std::move(row)); row.clear(); }
        else cell += c;
    }
    if (!cell.empty() || !row.empty()) { row.push_back(cell); rows.push_back(std::move(row)); }
    return rows;
}

namespace {
// strips spaces, tabs, quotes (Excel quotes cells with line breaks) and no-break spaces, whole characters only
std::string trimmed(std::string s) {
    static const std::string nbsp = "\xC2\xA0";
    auto plain = [](char c) { return c == ' ' || c == '\t' || c == '"'; };
    for (;;) {
        if (!s.empty() && plain(s[0])) s.erase(0, 1);
        else if (s.compare(0, 2, nbsp) == 0) s.erase(0, 2);
        else break;
    }
    for (;;) {
        if (!s.empty() && plain(s.back())) s.pop_back();
        else if (s.size() >= 2 && s.compare(s.size() - 2, 2, nbsp) == 0) s.erase(s.size() - 2);
        else break;
    }
    return s;
}
} // namespace

PastePlan planPaste(const nb::Report& r, const TableGrid& g, int row, int col, std::string_view text) {
    PastePlan plan;
    auto block = splitBlock(text);
    if (block.empty()) { plan.error = "剪贴板中没有可粘贴的内容"; return plan; }
    plan.rows = static_cast<int>(block.size());
    for (const auto& br : block) plan.cols = std::max(plan.cols, static_cast<int>(br.size()));
    if (row < 0 || col < 0 || row + plan.rows > static_cast<int>(g.rows.size())) {
        plan.error = "粘贴区域有 " + std::to_string(plan.rows) + " 行，超出了" + g.table->shortName + "的范围，未粘贴";
        return plan;
    }
    std::string refused;
    int refusedCount = 0;
    for (int i = 0; i < plan.rows; ++i) {
        const GridRow& gr = g.rows[static_cast<std::size_t>(row + i)];
        const auto& src = block[static_cast<std::size_t>(i)];
        if (col + static_cast<int>(src.size()) > static_cast<int>(gr.cells.size())) {
            plan.error = "粘贴区域有 " + std::to_string(plan.cols) + " 列，超出了" + g.table->shortName + "这一行的范围，未粘贴";
            plan.values.clear();
            return plan;
        }
        for (std::size_t j = 0; j < src.size(); ++j) {
            int idx = gr.cells[static_cast<std::size_t>(col) + j];
            const nb::CellDef& c = r.format->cells[static_cast<std::size_t>(idx)];
            std::string s = trimmed(src[j]);
            if (s.empty()) { plan.values.emplace_back(idx, std::nullopt); continue; }
            nb::Fixed v = 0;
            std::string why = nb::readCellValue(c, s, v, true);
            if (!why.empty()) {
                if (refusedCount < 4) refused += (refused.empty() ? "" : "；") + c.name + "“" + s + "”" + why;
                ++refusedCount;
                continue;
            }
            plan.values.emplace_back(idx, v);
        }
    }
    if (refusedCount) {
        plan.error = "未粘贴：" + refused + (refusedCount > 4 ? "；等 " + std::to_string(refusedCount) + " 处" : "");
        plan.values.clear();
    }
    return plan;
}

} // namespace ui
