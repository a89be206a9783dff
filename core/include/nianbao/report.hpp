// report.hpp — the report being written: meta, the three text sections and every cell by id.
// A blank cell (std::nullopt) is not 0. Values are Fixed (×10^4). Knows nothing about JSON or HTML.
#pragma once
#include "nianbao/decimal.hpp"
#include "nianbao/format.hpp"
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace nb {

struct Meta {
    std::string agency;
    std::string agencyKind;         // "government" / "department" / "" (unknown)
    std::optional<int> year;        // a valid year (meta_values.hpp: kYearMin..kYearMax)
    std::string yearText;           // the year as typed when it is not one ("----", "99999"): a finding; else ""
    std::string published;          // "YYYY-MM-DD", "", or the text as typed when it is not a date (a finding)
    nlohmann::json extra = nlohmann::json::object();   // unknown meta keys, kept as they were
};

struct Report {
    const Format* format = nullptr;
    Meta meta;
    std::map<std::string, std::string> text;           // "overview", "problems", "other"
    std::vector<std::optional<Fixed>> cells;           // by Format::cells index
    std::map<std::string, std::string> units;          // cell id → "元" / "万元"
    std::map<std::string, std::string> explanations;   // "T3-7@t3.1.total" → the filer's 情况说明 on that warning
    nlohmann::json extra = nlohmann::json::object();   // unknown top-level keys, kept as they were

    static Report blank(const Format& f);
    std::optional<Fixed> get(std::string_view cellId) const;
    bool set(std::string_view cellId, std::optional<Fixed> v);   // false if the id is unknown
    bool legacyInUse(const TableDef& t) const;                   // 2021 表三 printed with one （六） row
    /// The table's cells that count in this report: a legacy row's cells only when it is in use, and then
    /// not the cells it stands for (format.hpp CellDef::legacy). The one place that choice is made.
    std::vector<int> countedCells(const TableDef& t) const;
};

/// The report in another format: meta, texts and every cell whose id exists in both formats are
/// kept (表三/表四 entirely; 表二 only rows with the same meaning); `dropped` receives the filled
/// cells that have no place in the target format.
Report convertReport(const Report& r, const Format& target, std::vector<std::string>* dropped = nullptr);

/// Why a value typed or loaded for a cell is not acceptable, in Chinese; empty when it is fine.
std::string cellValueProblem(const CellDef& c, Fixed v);

/// Reads a number typed, pasted or loaded for a cell ("1,234" only with allowGrouping). Returns why
/// it is not acceptable (Chinese, "不是数字" / "金额最多保留 6 位小数" / cellValueProblem …, without the
/// text itself), or empty with the value in `out`. The one place that words DecimalError.
std::string readCellValue(const CellDef& c, std::string_view text, Fixed& out, bool allowGrouping);

} // namespace nb
