// import.hpp — existing reports brought in: a published web page, Word-exported HTML, a .docx (from Word,
// WPS, LibreOffice or nianbao), a report JSON, or a table copied with its labels. The report is recognised
// from what is printed, never guessed: the format from the tables' shape (rows and columns), the agency and
// year from the title, the six sections' text from their headings, each cell from its printed row and column
// labels (merged headers, a value spanning two columns, labels split or typed differently — the variants are
// data in the format files and core/formats/import.json). The import report says, for every filled cell,
// the labels it came from; every conversion made; every printed row not understood; every official cell
// not found. A cell that cannot be placed for sure stays blank and is listed.
#pragma once
#include "nianbao/import_doc.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/report.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb {

enum class ImportItemKind {
    Conversion,    // a printed value read as something else ("—" → blank, 79000.1元 → 7.90001 万元)
    Unread,        // a printed value that is not a number: left blank
    Unplaced,      // a printed table row, column or value whose place is not known (or not certain)
    Missing,       // an official cell or section the document does not print
    Meta           // 机关名称 / 年度 / 公开日期 / 机关类型 not printed, or read from the text
};

struct ImportItem {
    ImportItemKind kind = ImportItemKind::Conversion;
    std::string cell;              // the cell id it concerns, or the field ("meta.agency", "text.problems"), or empty
    std::string where;             // "表三 第 5 行" — where it is printed
    std::string printed;           // the text as printed
    std::string message;           // Chinese, one line
};

struct ImportedCell {
    std::string cell;              // "t3.1.natural"
    std::string row, column;       // the printed labels it was read under
    std::string printed;           // the printed text
};

struct ImportResult {
    std::optional<Report> report;  // nullopt: not a report, or unreadable (error says why)
    std::string error;
    std::string source;            // "网页（GB18030）", "Word 文件", "nianbao 导出的网页（按其中的数据读入）"
    bool recognised = false;       // read from what the document prints (not from nianbao's own data)
    bool ownExport = false;        // nianbao's own page or .docx, read from its data and verified (integrity)
    std::vector<ImportedCell> cells;
    std::vector<ImportItem> items; // what a person must look at
    std::vector<std::string> notes;// what was left out on purpose (the site's navigation, a preamble)
    std::vector<Finding> integrity;// an exported page or .docx: P-1/P-2
    /// 0 every cell read, 1 read with items to review, 2 not a report / unreadable (the CLI's exit status).
    int status() const { return !report ? 2 : items.empty() ? 0 : 1; }
};

/// Any file a person brings: JSON, nianbao's own page or .docx (read exactly, from their data), a published
/// page (.html/.htm, any common Chinese charset), Word-exported HTML, a .docx without nianbao's data.
/// A PDF or an old .doc is refused with what to do instead.
ImportResult importFile(std::string_view bytes, std::string_view fileName);
/// The recognition itself, on a document already read.
ImportResult importDocument(const ImportDoc& doc);

/// A table pasted into the report on screen: its cells placed by their printed labels, in `current`'s
/// format. `html` is the clipboard's text/html (may be empty), `plain` its text/plain (TSV). The result's
/// report is `current` with the placed cells changed; nullopt when the paste has no labels it recognises
/// (the caller then pastes bare numbers at the selected cell as before).
ImportResult importPastedTable(const Report& current, std::string_view html, std::string_view plain);

/// The import report as JSON (the CLI's --json): {"file", "status", "format", "source", "cells", "items", "notes"}.
std::string importReportJson(const ImportResult& r, std::string_view fileName);
/// The import report for people, one line each (Chinese).
std::string importReportText(const ImportResult& r, std::string_view fileName);

} // namespace nb
