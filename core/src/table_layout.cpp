// table_layout.cpp — the printed grid of a table from its format data; see table_layout.hpp.
#include "nianbao/table_layout.hpp"
#include <functional>

namespace nb {

std::vector<int> TableLayout::valueCells(std::size_t row) const {
    std::vector<int> out;
    if (row < rows.size())
        for (const LayoutCell& c : rows[row].cells)
            if (c.kind == LayoutKind::Value) out.push_back(c.cell);
    return out;
}

namespace {

struct Builder {
    const Report& r;
    const TableDef& t;
    bool legacy;
    TableLayout out;
    std::vector<std::vector<bool>> taken;   // grid occupancy: a cell placed with a rowspan covers later rows

    LayoutRow& newRow(int block, LayoutPart part) {
        out.rows.push_back(LayoutRow{block, part, {}, {}});
        while (taken.size() < out.rows.size()) taken.emplace_back(static_cast<std::size_t>(out.columns), false);
        return out.rows.back();
    }
    // the next free column of the current row from `from`, then the cell marked over its spans
    void place(LayoutCell c, int& from) {
        std::size_t row = out.rows.size() - 1;
        while (from < out.columns && taken[row][static_cast<std::size_t>(from)]) ++from;
        c.col = from;
        for (int dr = 0; dr < c.rowspan; ++dr) {
            while (taken.size() <= row + static_cast<std::size_t>(dr)) taken.emplace_back(static_cast<std::size_t>(out.columns), false);
            for (int dc = 0; dc < c.colspan && from + dc < out.columns; ++dc) taken[row + static_cast<std::size_t>(dr)][static_cast<std::size_t>(from + dc)] = true;
        }
        from += c.colspan;
        out.rows[row].cells.push_back(std::move(c));
    }

    void header(int bi, const Block& b) {
        const int valueCols = t.gridColumns - b.labelColumns, leaves = static_cast<int>(b.leafColumns.size());
        for (int level = 1; level <= b.headerDepth; ++level) {
            newRow(bi, LayoutPart::Header);
            int col = 0;
            if (level == 1 && b.labelColumns > 0)
                place(LayoutCell{LayoutKind::Corner, 0, b.headerDepth, b.labelColumns, b.corner, -1, false}, col);
            std::function<void(const HeaderNode&)> walk = [&](const HeaderNode& n) {
                if (n.depth == level) {
                    int colspan = n.colspan;
                    if (n.children.empty() && &n == b.leafColumns.back()) colspan += valueCols - leaves;   // the last column takes the rest
                    else if (!n.children.empty() && leaves < valueCols && n.colspan == leaves) colspan = valueCols;
                    place(LayoutCell{LayoutKind::Header, 0, n.rowspan, colspan, n.label, -1, false}, col);
                    return;
                }
                for (const auto& c : n.children) walk(c);
            };
            for (const auto& c : b.columns) walk(c);
        }
    }

    int leafCount(const RowNode& n) const {   // data rows as printed: a legacy group is one row
        if (n.children.empty() || (legacy && !n.legacyId.empty())) return 1;
        int k = 0;
        for (const auto& c : n.children) k += leafCount(c);
        return k;
    }

    // the group labels waiting for their first data row
    void rows(int bi, const Block& b, const RowNode& n, std::vector<LayoutCell>& pending) {
        bool collapsed = legacy && !n.legacyId.empty();
        if (n.children.empty() || collapsed) {
            LayoutRow& row = newRow(bi, LayoutPart::Body);
            row.rowId = collapsed ? n.legacyId : n.id;
            const std::string rowId = row.rowId;
            int col = 0;
            for (auto& p : pending) place(std::move(p), col);
            pending.clear();
            if (b.labelColumns > 0)
                place(LayoutCell{LayoutKind::RowLabel, 0, 1, b.labelColumns - n.depth + 1, collapsed ? n.legacyLabel : n.label, -1, false}, col);
            const int valueCols = t.gridColumns - b.labelColumns, leaves = static_cast<int>(b.leafColumns.size());
            for (const HeaderNode* h : b.leafColumns) {
                int idx = r.format->findCell(t.id, rowId, h->key);
                int span = h == b.leafColumns.back() ? 1 + valueCols - leaves : 1;
                place(LayoutCell{idx >= 0 ? LayoutKind::Value : LayoutKind::Empty, 0, 1, span, {}, idx, false}, col);
            }
            return;
        }
        int span = leafCount(n);
        pending.push_back(LayoutCell{LayoutKind::RowGroup, 0, span, 1, n.label, -1, span > 2});
        for (const auto& c : n.children) rows(bi, b, c, pending);
    }
};

} // namespace

TableLayout layoutTable(const Report& r, const TableDef& t) {
    Builder b{r, t, r.legacyInUse(t), {}, {}};
    b.out.table = &t;
    b.out.columns = t.gridColumns;
    b.out.repeatHeader = t.blocks.size() == 1;
    for (std::size_t bi = 0; bi < t.blocks.size(); ++bi) {
        const Block& blk = t.blocks[bi];
        const int i = static_cast<int>(bi);
        if (!blk.caption.empty()) {
            b.newRow(i, LayoutPart::Caption);
            int col = 0;
            b.place(LayoutCell{LayoutKind::Caption, 0, 1, t.gridColumns, blk.caption, -1, false}, col);
        }
        b.header(i, blk);
        std::vector<LayoutCell> pending;
        for (const auto& n : blk.rows) b.rows(i, blk, n, pending);
    }
    return std::move(b.out);
}

} // namespace nb
