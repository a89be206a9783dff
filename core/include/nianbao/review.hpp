// review.hpp — what a supervising office does with the reports it receives (issue 13): each file read
// (anything importFile reads), verified (P-1/P-2) and checked (with the office's rule packs) into one row
// of the review table; the table as CSV (UTF-8 with BOM, for Excel/WPS) and as an HTML page listing each
// report's findings; and the 汇总 (roll-up) of reports of one format and year into a new report.
#pragma once
#include "nianbao/check.hpp"
#include "nianbao/import.hpp"
#include "nianbao/rule_pack.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb {

enum class Integrity {
    NotVerifiable,   // JSON, or a page/Word file read from what it prints: nothing to verify against
    Intact,          // nianbao's own page or .docx, as it was made
    DataChanged,     // P-1: its embedded data no longer matches its fingerprint
    TableDiffers     // P-2: a visible table cell differs from the embedded data
};
const char* integrityName(Integrity i);    // "none" / "intact" / "data_changed" / "table_differs"
const char* integrityLabel(Integrity i);   // "—" / "完好" / "导出后数据被改动" / "页面表格与数据不符"

struct ReviewRow {
    std::string file;
    std::optional<Report> report;     // nullopt: unreadable (error says why)
    std::string error;
    std::string source;               // how it was read ("报告 JSON", "网页（GB18030）" …)
    std::vector<Finding> findings;    // P-1/P-2 first, then the format's and the packs' rules
    int errors = 0, warnings = 0, infos = 0;
    int explained = 0;                // warnings and infos the filer explained (情况说明)
    std::optional<int> daysLate;      // R-4 (or a pack's deadline): published this many days late
    Integrity integrity = Integrity::NotVerifiable;
    int importItems = 0;              // read from a page/Word file: items the import report asks to review
    std::string fingerprint;          // SHA-256 of the report's JSON as nianbao saves it
};

/// One file of the review: read, verified, checked. Never throws; an unreadable file is a row with `error`.
ReviewRow reviewFile(std::string_view bytes, std::string_view fileName, const std::vector<RulePack>& packs = {});
/// The same for a report already read (an ImportResult of importFile); `previous` (last year's report)
/// enables the cross-year rules (`nianbao check --previous` counts through here too).
ReviewRow reviewImported(ImportResult imported, std::string_view fileName, const std::vector<RulePack>& packs = {},
                         const Report* previous = nullptr);

/// The review table as CSV: UTF-8 with a BOM, CRLF, a header row in Chinese, one row per file.
std::string reviewCsv(const std::vector<ReviewRow>& rows);
/// The review as a standalone HTML page: the table, then each report's findings (every text escaped).
std::string reviewHtml(const std::vector<ReviewRow>& rows, const std::vector<RulePack>& packs = {});
/// A row as the page API's reviewRows() object (interchange.md §4).
nlohmann::json reviewRowJson(const ReviewRow& row);

struct MergeInput { std::string file; Report report; };
struct MergeResult {
    std::optional<Report> report;     // the 汇总 report (texts empty, agency empty), or nullopt
    std::string error;                // Chinese, naming the files: mixed formats or years, an agency twice
};
/// The roll-up: every table cell the sum of the units' cells (blank only where every unit is blank; money
/// exact: where units differ (2019 采购总金额), 万元 turned into 元) and a table printed with the
/// single legacy row by any unit summed that way by all;; the units and their fingerprints listed in
/// extra["merged_from"].
MergeResult mergeReports(const std::vector<MergeInput>& inputs);

} // namespace nb
