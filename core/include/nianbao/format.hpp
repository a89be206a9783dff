// format.hpp — one official report format (2019: 国办公开办函〔2019〕60号, 2021: 〔2021〕30号) as data.
// The JSON files in core/formats/ are embedded at build time and parsed here into sections, tables
// (header tree, row tree, blocks) and a flat list of cells with stable ids (t3.3.4.1.natural).
// Nothing here knows about a particular cell: labels, merges and rules all come from the data.
#pragma once
#include <nlohmann/json.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace nb {

enum class CellKind { Count, Signed, Money };

struct HeaderNode {                 // a column header; leaves are value columns
    std::string label;
    std::string key;                // leaf only: column id, or "row.col" when the table has no row labels (表四)
    std::vector<HeaderNode> children;
    std::vector<std::string> also;  // other ways real reports print the label (typos), for the importer
    int colspan = 1, rowspan = 1, depth = 0;   // computed layout
};

struct RowNode {                    // a row label; leaves are data rows
    std::string id;                 // leaf only
    std::string label;
    std::vector<RowNode> children;
    std::string legacyId, legacyLabel;   // a group that older reports print as one row (2021 表三 （六）)
    std::vector<std::string> also;  // other ways real reports print the label (typos), for the importer
    int rowspan = 1, colspan = 1, depth = 0;   // computed layout
};

struct Block {                      // a caption + header + rows; 表二 has several, 表三/表四 one
    std::string caption;
    std::string corner;
    bool rowLabels = true;
    std::vector<HeaderNode> columns;
    std::vector<RowNode> rows;
    int headerDepth = 1, labelColumns = 1;
    std::vector<const HeaderNode*> leafColumns;
};

struct CellDef {
    std::string id;                 // "t3.3.4.1.natural"
    std::string table, row, col;    // "t3", "3.4.1", "natural"
    int block = 0;
    CellKind kind = CellKind::Count;
    std::string rowName;            // "（四）无法提供 1.本机关不掌握相关政府信息"
    std::string rowShort;           // "（四）1.本机关不掌握相关政府信息"
    std::string colName;            // "自然人"
    std::string name;               // "表三 （四）无法提供 1.本机关不掌握相关政府信息 自然人"
    std::string fixedUnit;          // printed unit ("万元"), or empty
    std::vector<std::string> units; // units the report must choose from (2019 采购总金额)
    bool legacy = false;            // 2021 表三 3.6: allowed, counted, warned about
    std::vector<int> legacyOf;      // for a legacy cell: the cells it stands for
    int legacyCell = -1;            // for a cell a legacy row stands for: that legacy row's cell
};

struct TableDef {
    std::string id, shortName, title, unit;
    std::vector<Block> blocks;
    std::vector<int> cells;         // indexes into Format::cells, in official order
    std::vector<std::string> rowIds;// data rows in official order (legacy included)
    int gridColumns = 0;            // widest block: label columns + value columns
};

struct SectionDef {
    std::string no, heading;        // "一", "总体情况"
    std::string textKey;            // overview/problems/other, or empty
    std::string tableId;            // t2/t3/t4, or empty
    std::vector<std::string> also;  // headings real reports print instead (条例第五十条's wording …)
};

struct CompiledRules;               // check.cpp

struct Format {
    std::string id;                 // the file's "format": what a report's JSON names it by
    std::string label;              // how messages and the UI name it: "label", else "<id> 年格式"
    std::string name, document;
    int yearMin = 0, yearMax = 0;
    std::vector<SectionDef> sections;
    std::vector<std::string> summary;   // 根据表格生成: sentences with {cell+cell} figures (text_from_tables.hpp)
    std::string summarySection;         // the text section they are written into ("overview")
    std::string carryOverRule;          // the rule (this year's cell = last year's cells) whose values 导入上年报告 offers ("T3-6")
    std::vector<TableDef> tables;
    std::vector<CellDef> cells;
    std::unordered_map<std::string, int> cellIndex;
    nlohmann::json rules;           // the rule table as written (core/formats/README.md)
    std::shared_ptr<const CompiledRules> compiled;   // the same, compiled once by parseFormat (check.hpp)

    int findCell(std::string_view id) const;   // -1 when unknown
    /// The cell at a table's row and column key (表四's column keys carry their row: row is then empty).
    int findCell(std::string_view table, std::string_view row, std::string_view col) const;
    const TableDef* findTable(std::string_view id) const;
    const SectionDef* sectionForText(std::string_view key) const;
};

/// A cell's id from its table, row and column key: "t3.3.4.1.natural"; with no row, "t4.review.total"
/// (表四's column keys carry the row). The one place a cell id is put together.
std::string cellId(std::string_view table, std::string_view row, std::string_view col);

/// The built-in formats, parsed once on first use. Returns nullptr for an unknown id.
const Format* findFormat(std::string_view id);
/// The format a report of this year must use: the one whose years include it (format files' "years").
const Format& formatForYear(int year);
/// Parses a format description (used for the embedded files and by tests). Empty error = ok.
bool parseFormat(const nlohmann::json& j, Format& out, std::string& error);
/// The ids of the built-in formats (core/formats/f*.json), oldest first (by their first year).
const std::vector<std::string>& formatIds();
/// The ids as a message lists them: each quoted, joined by 、.
std::string formatIdList();
/// The report years a format applies to, as people write them: "2019—2020 年度", "2021 年度起".
std::string yearsText(const Format& f);

} // namespace nb
