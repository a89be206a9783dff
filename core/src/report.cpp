// report.cpp — the report model: blank report, cell access by id, value validation per cell kind.
#include "nianbao/report.hpp"

namespace nb {

Report Report::blank(const Format& f) {
    Report r;
    r.format = &f;
    r.cells.assign(f.cells.size(), std::nullopt);
    for (const auto& s : f.sections)
        if (!s.textKey.empty()) r.text[s.textKey] = "";
    return r;
}

std::optional<Fixed> Report::get(std::string_view cellId) const {
    int i = format ? format->findCell(cellId) : -1;
    return i < 0 ? std::nullopt : cells[static_cast<std::size_t>(i)];
}

bool Report::set(std::string_view cellId, std::optional<Fixed> v) {
    int i = format ? format->findCell(cellId) : -1;
    if (i < 0) return false;
    cells[static_cast<std::size_t>(i)] = v;
    return true;
}

bool Report::legacyInUse(const TableDef& t) const {
    for (int i : t.cells)
        if (format->cells[static_cast<std::size_t>(i)].legacy && cells[static_cast<std::size_t>(i)]) return true;
    return false;
}

std::vector<int> Report::countedCells(const TableDef& t) const {
    bool legacy = legacyInUse(t);
    std::vector<int> out;
    for (int i : t.cells) {
        const CellDef& c = format->cells[static_cast<std::size_t>(i)];
        if (c.legacy ? legacy : !(legacy && c.legacyCell >= 0)) out.push_back(i);
    }
    return out;
}

Report convertReport(const Report& r, const Format& target, std::vector<std::string>* dropped) {
    Report out = Report::blank(target);
    out.meta = r.meta;
    out.extra = r.extra;
    out.explanations = r.explanations;   // keyed by rule code and cell: those that still apply still attach
    for (const auto& [k, v] : r.text)
        if (target.sectionForText(k)) out.text[k] = v;
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
        if (!r.cells[i]) continue;
        const CellDef& c = r.format->cells[i];
        int j = target.findCell(c.id);
        if (j >= 0 && cellValueProblem(target.cells[static_cast<std::size_t>(j)], *r.cells[i]).empty())
            out.cells[static_cast<std::size_t>(j)] = r.cells[i];
        else if (dropped)
            dropped->push_back(c.id);
    }
    for (const auto& [id, unit] : r.units)
        if (int j = target.findCell(id); j >= 0 && !target.cells[static_cast<std::size_t>(j)].units.empty()) out.units[id] = unit;
    return out;
}

std::string readCellValue(const CellDef& c, std::string_view text, Fixed& out, bool allowGrouping) {
    switch (parseDecimal(text, out, allowGrouping)) {
    case DecimalError::None: return cellValueProblem(c, out);
    case DecimalError::TooManyDecimals:
        return c.kind == CellKind::Money ? "金额最多保留 " + std::to_string(kDecimals) + " 位小数" : "件数必须是整数";
    case DecimalError::OutOfRange: return "数值过大，超出可填报范围";
    case DecimalError::Syntax: break;
    }
    return "不是数字";
}

std::string cellValueProblem(const CellDef& c, Fixed v) {
    switch (c.kind) {
    case CellKind::Count:
        if (!isWhole(v)) return "件数必须是整数";
        if (v < 0) return "件数不能为负数";
        break;
    case CellKind::Signed:
        if (!isWhole(v)) return "必须是整数（减少用负数表示，如 -8）";
        break;
    case CellKind::Money:
        if (v < 0) return "金额不能为负数";
        break;
    }
    if (v >= kMaxMagnitude || v <= -kMaxMagnitude) return "数值过大";
    return {};
}

} // namespace nb
