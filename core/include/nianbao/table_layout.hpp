// table_layout.hpp — one table of a report as it is printed: a grid of rows, each with its cells at
// their grid columns and their row/column spans — caption rows, merged column headers, the corner,
// row-group labels (printed vertically when they span more than two rows), row labels and the value
// cells. Worked out once from the format file (and whether a 2021 表三 uses its legacy （六） row);
// the HTML page, the Word file and the editor's grid all draw from it and none works merges out itself.
#pragma once
#include "nianbao/report.hpp"
#include <string>
#include <vector>

namespace nb {

enum class LayoutKind { Caption, Corner, Header, RowGroup, RowLabel, Value, Empty };

struct LayoutCell {
    LayoutKind kind = LayoutKind::Empty;
    int col = 0;                 // grid column of its left edge
    int rowspan = 1, colspan = 1;
    std::string text;            // the printed label (not a value's text: that comes from the report)
    int cell = -1;               // Value: index into Format::cells
    bool vertical = false;       // RowGroup spanning more than two rows: printed top to bottom
};

enum class LayoutPart { Caption, Header, Body };

struct LayoutRow {
    int block = 0;
    LayoutPart part = LayoutPart::Body;
    std::string rowId;           // Body: the data row ("3.4.1"; the legacy row's id when collapsed)
    std::vector<LayoutCell> cells;   // cells whose top-left is in this row, left to right
};

struct TableLayout {
    const TableDef* table = nullptr;
    int columns = 0;             // grid columns (label columns + value columns of the widest block)
    bool repeatHeader = false;   // one block: its header rows repeat on every printed page
    std::vector<LayoutRow> rows;
    /// The value cells of a Body row, left to right (indexes into Format::cells).
    std::vector<int> valueCells(std::size_t row) const;
};

TableLayout layoutTable(const Report& r, const TableDef& t);

} // namespace nb
