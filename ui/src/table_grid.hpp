// table_grid.hpp — a table as the editor navigates it: data rows in printed order (a 2021 表三 that
// uses the single legacy （六） row shows that row instead of its three), each with its value cells.
// Also the block-paste planner (Excel/WPS tab-separated text → cell values). No ImGui here.
#pragma once
#include "nianbao/report.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ui {

struct GridRow {
    int block = 0;
    std::string rowId;
    std::vector<int> cells;          // value cells, left to right
};

struct TableGrid {
    const nb::TableDef* table = nullptr;
    std::vector<GridRow> rows;
    /// (row, column) of a cell, or nullopt when it is not shown.
    std::optional<std::pair<int, int>> locate(int cellIndex) const;
};

TableGrid buildGrid(const nb::Report& r, const nb::TableDef& t);

/// Splits copied spreadsheet text into rows of cells (tabs and newlines; \r\n; a trailing newline).
std::vector<std::vector<std::string>> splitBlock(std::string_view text);

struct PastePlan {
    std::vector<std::pair<int, std::optional<nb::Fixed>>> values;
    std::string error;               // Chinese, names the cells refused; empty when the plan is good
    int rows = 0, cols = 0;
};

/// Plans pasting `text` into the grid from (row, col): numbers only (thousands separators and
/// stray spaces ignored, empty cells become blank); nothing is applied when anything is refused.
PastePlan planPaste(const nb::Report& r, const TableGrid& g, int row, int col, std::string_view text);

} // namespace ui
