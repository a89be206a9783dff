// docx_render.cpp — renderDocx and readDocxData; see docx_render.hpp.
// [SECTION] styles and fixed parts   [SECTION] body (title, sections, tables, signature)
// [SECTION] the data part and the package
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/table_layout.hpp"
#include "nianbao/page_verify.hpp"
#include "nianbao/text_from_tables.hpp"
#include "nianbao/zip_io.hpp"
#include <map>
#include <pugixml.hpp>

namespace nb {

namespace {

// ---------------------------------------------------------------- [SECTION] styles and fixed parts
// 1 mm = 1440 / 25.4 twips; A4 = 11906 × 16838 twips
constexpr int kPageW = 11906, kPageH = 16838;
constexpr int kTop = 2098, kBottom = 1984, kLeft = 1587, kRight = 1474;   // GB/T 9704: 37, 35, 28, 26 mm
constexpr int kTextW = kPageW - kLeft - kRight;

// the 公文 fonts, each with the font Windows has when it is missing (fontTable altName)
constexpr const char* kTitleFont = "方正小标宋简体";
constexpr const char* kHeadingFont = "黑体";
constexpr const char* kBodyFont = "仿宋_GB2312";
constexpr const char* kTableFont = "宋体";

std::string x(std::string_view s) { return escapeHtml(s); }   // XML text and attribute values

std::string fonts(const char* f) {
    return std::string("<w:rFonts w:ascii=\"") + f + "\" w:hAnsi=\"" + f + "\" w:eastAsia=\"" + f + "\" w:cs=\"" + f + "\"/>";
}
std::string runProps(const char* font, int halfPoints, bool bold = false) {
    return "<w:rPr>" + fonts(font) + (bold ? "<w:b/>" : "") + "<w:sz w:val=\"" + std::to_string(halfPoints) +
           "\"/><w:szCs w:val=\"" + std::to_string(halfPoints) + "\"/></w:rPr>";
}
// a run of text; line breaks inside it become <w:br/>
std::string run(std::string_view text, const std::string& rpr) {
    std::string out = "<w:r>" + rpr;
    std::size_t i = 0;
    for (;;) {
        std::size_t nl = text.find('\n', i);
        std::string_view part = text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
        out += "<w:t xml:space=\"preserve\">" + x(part) + "</w:t>";
        if (nl == std::string_view::npos) break;
        out += "<w:br/>";
        i = nl + 1;
    }
    return out + "</w:r>";
}

const char* kContentTypes =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>"
    "<Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/>"
    "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>"
    "<Override PartName=\"/customXml/itemProps1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.customXmlProperties+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>";

const char* kRootRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>";

const char* kDocumentRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>"
    "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/>"
    "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>"
    "<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml\" Target=\"../customXml/item1.xml\"/>"
    "</Relationships>";

const char* kItemRels =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXmlProps\" Target=\"itemProps1.xml\"/>"
    "</Relationships>";

const char* kItemProps =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n"
    "<ds:datastoreItem ds:itemID=\"{6E1C1D0B-3F1A-4C55-9A0E-1B5A9C3D7E21}\" xmlns:ds=\"http://schemas.openxmlformats.org/officeDocument/2006/customXml\">"
    "<ds:schemaRefs><ds:schemaRef ds:uri=\"urn:nianbao:report-data\"/></ds:schemaRefs></ds:datastoreItem>";

const char* kSettings =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:defaultTabStop w:val=\"420\"/><w:characterSpacingControl w:val=\"compressPunctuation\"/>"
    "<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>"
    "</w:settings>";

std::string fontTable() {
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">";
    const char* table[][2] = {{kTitleFont, "宋体"}, {kHeadingFont, "SimHei"}, {kBodyFont, "仿宋"}, {"仿宋", "FangSong"}, {kTableFont, "SimSun"}};
    for (const auto& f : table)
        out += std::string("<w:font w:name=\"") + f[0] + "\"><w:altName w:val=\"" + f[1] + "\"/><w:charset w:val=\"86\"/><w:family w:val=\"auto\"/></w:font>";
    return out + "</w:fonts>";
}

std::string styles() {
    return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                       "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
                       "<w:docDefaults><w:rPrDefault>") + runProps(kBodyFont, 32) + "</w:rPrDefault>"
           "<w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"560\" w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
           "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
           "<w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr>" + runProps(kBodyFont, 32) + "</w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:spacing w:after=\"560\" w:line=\"700\" w:lineRule=\"exact\"/></w:pPr>" +
           runProps(kTitleFont, 44) + "</w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr>" + runProps(kHeadingFont, 32) + "</w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:pPr><w:snapToGrid w:val=\"0\"/><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/><w:spacing w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>" +
           runProps(kTableFont, 18) + "</w:style>"
           "<w:style w:type=\"paragraph\" w:styleId=\"Signature\"><w:name w:val=\"Signature\"/><w:basedOn w:val=\"Normal\"/>"
           "<w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"right\"/></w:pPr></w:style>"
           "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
           "<w:tblPr><w:tblCellMar><w:left w:w=\"60\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>"
           "</w:styles>";
}

std::string footer() {
    std::string rpr = runProps(kTableFont, 28);
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
           "<w:ftr xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
           "<w:p><w:pPr><w:ind w:firstLineChars=\"0\" w:firstLine=\"0\"/><w:jc w:val=\"center\"/></w:pPr>" +
           run("— ", rpr) + "<w:fldSimple w:instr=\" PAGE \">" + run("1", rpr) + "</w:fldSimple>" + run(" —", rpr) + "</w:p></w:ftr>";
}

// ---------------------------------------------------------------- [SECTION] body (title, sections, tables, signature)
std::string para(const char* style, std::string_view text, const std::string& extraPPr = {}) {
    return std::string("<w:p><w:pPr><w:pStyle w:val=\"") + style + "\"/>" + extraPPr + "</w:pPr>" + (text.empty() ? "" : run(text, "")) + "</w:p>";
}

// column widths in twips: the label columns (number, group, label) wide enough for their labels,
// the value columns sharing the rest
std::vector<int> columnWidths(const TableDef& t) {
    int labels = 0;
    for (const Block& b : t.blocks) labels = std::max(labels, b.labelColumns);
    std::vector<int> w(static_cast<std::size_t>(t.gridColumns), 0);
    int used = 0;
    if (labels == 3) { w[0] = w[1] = 360; w[2] = 2300; used = 3020; }
    else if (labels == 1) { w[0] = 2000; used = 2000; }
    const int nVal = t.gridColumns - labels;
    for (int c = labels; c < t.gridColumns; ++c) w[static_cast<std::size_t>(c)] = (kTextW - used) / std::max(1, nVal);
    return w;
}

std::string tableXml(const Report& r, const TableDef& t) {
    const TableLayout l = layoutTable(r, t);
    const std::vector<int> w = columnWidths(t);
    const int small = t.gridColumns > 10 ? 16 : 18;   // 表四's fifteen columns in 8 pt, the others 9 pt
    std::string out = "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(kTextW) + "\" w:type=\"dxa\"/><w:jc w:val=\"center\"/>"
                      "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                      "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
                      "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/></w:tblBorders>"
                      "<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>";
    for (int c : w) out += "<w:gridCol w:w=\"" + std::to_string(c) + "\"/>";
    out += "</w:tblGrid>";
    const std::string rpr = runProps(kTableFont, small);
    // which grid positions a cell from a row above still covers: (its colspan, rows left)
    std::vector<std::pair<int, int>> covered(static_cast<std::size_t>(l.columns), {0, 0});
    std::size_t lastHeader = 0;
    for (std::size_t i = 0; i < l.rows.size(); ++i)
        if (l.rows[i].part == LayoutPart::Header) lastHeader = i;
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
        const LayoutRow& row = l.rows[i];
        out += "<w:tr><w:trPr><w:cantSplit/>";
        if (l.repeatHeader && i <= lastHeader) out += "<w:tblHeader/>";   // caption and header rows on every page
        out += "</w:trPr>";
        std::size_t next = 0;
        for (int col = 0; col < l.columns;) {
            auto& cov = covered[static_cast<std::size_t>(col)];
            if (cov.second > 0) {   // the continuation of a cell merged down from above
                int span = cov.first;
                out += "<w:tc><w:tcPr><w:tcW w:w=\"0\" w:type=\"auto\"/>" + (span > 1 ? "<w:gridSpan w:val=\"" + std::to_string(span) + "\"/>" : std::string()) +
                       "<w:vMerge/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr></w:p></w:tc>";
                --cov.second;
                col += span;
                continue;
            }
            if (next >= row.cells.size() || row.cells[next].col != col) { ++col; continue; }   // cannot happen: the layout covers every column
            const LayoutCell& c = row.cells[next++];
            int width = 0;
            for (int k = c.col; k < c.col + c.colspan && k < l.columns; ++k) width += w[static_cast<std::size_t>(k)];
            out += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(width) + "\" w:type=\"dxa\"/>";
            if (c.colspan > 1) out += "<w:gridSpan w:val=\"" + std::to_string(c.colspan) + "\"/>";
            if (c.rowspan > 1) {
                out += "<w:vMerge w:val=\"restart\"/>";
                covered[static_cast<std::size_t>(c.col)] = {c.colspan, c.rowspan - 1};
            }
            if (c.kind == LayoutKind::Caption || c.kind == LayoutKind::Corner || c.kind == LayoutKind::Header)
                out += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>";
            out += "<w:vAlign w:val=\"center\"/></w:tcPr>";
            const bool left = c.kind == LayoutKind::RowLabel;
            std::string text = c.kind == LayoutKind::Value ? printedCellText(r, c.cell) : c.text;
            out += "<w:p><w:pPr><w:pStyle w:val=\"TableText\"/>" + std::string(left ? "<w:jc w:val=\"left\"/>" : "") + "</w:pPr>" +
                   (text.empty() ? std::string() : run(text, c.kind == LayoutKind::Caption ? runProps(kTableFont, small, true) : rpr)) + "</w:p></w:tc>";
            col += c.colspan;
        }
        out += "</w:tr>";
    }
    return out + "</w:tbl>";
}

std::string documentXml(const Report& r) {
    const Format& f = *r.format;
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                      "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
                      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>";
    out += para("Title", reportTitle(r));
    for (const SectionDef& s : f.sections) {
        out += para("Heading1", s.no + "、" + s.heading);
        if (!s.textKey.empty()) {
            auto it = r.text.find(s.textKey);
            for (const std::string& p : textParagraphs(it == r.text.end() ? std::string() : it->second)) out += para("Normal", p);
        } else if (const TableDef* t = f.findTable(s.tableId)) {
            out += tableXml(r, *t);
            out += para("Normal", "");   // Word needs a paragraph between a table and what follows
        }
    }
    out += "<w:p><w:pPr><w:pStyle w:val=\"Signature\"/><w:spacing w:before=\"560\"/></w:pPr>" + run(r.meta.agency, "") + "</w:p>";
    if (!r.meta.published.empty()) out += para("Signature", printedDate(r.meta.published));
    out += "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rId4\"/>"
           "<w:pgSz w:w=\"" + std::to_string(kPageW) + "\" w:h=\"" + std::to_string(kPageH) + "\"/>"
           "<w:pgMar w:top=\"" + std::to_string(kTop) + "\" w:right=\"" + std::to_string(kRight) + "\" w:bottom=\"" + std::to_string(kBottom) +
           "\" w:left=\"" + std::to_string(kLeft) + "\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/>"
           "<w:docGrid w:type=\"lines\" w:linePitch=\"560\"/></w:sectPr></w:body></w:document>";
    return out;
}

// ---------------------------------------------------------------- [SECTION] the data part and the package
// the JSON exactly as saved: only & < > escaped (saveReport already writes control characters as \uXXXX,
// which XML could not carry), so it reads back byte for byte
std::string dataXml(const std::string& json) {
    std::string body;
    body.reserve(json.size() + 64);
    for (char c : json) {
        if (c == '&') body += "&amp;";
        else if (c == '<') body += "&lt;";
        else if (c == '>') body += "&gt;";
        else body += c;
    }
    return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<nianbao xmlns=\"" + std::string(kDocxDataNamespace) +
           "\" sha256=\"" + sha256Hex(json) + "\">" + body + "</nianbao>";
}

const char* kCore =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>";

} // namespace

std::string renderDocx(const Report& r) {
    const std::string json = saveReport(r);
    std::vector<ZipEntry> files = {
        {"[Content_Types].xml", kContentTypes},
        {"_rels/.rels", kRootRels},
        {"docProps/core.xml", kCore + x(reportTitle(r)) + "</dc:title><dc:creator>nianbao</dc:creator></cp:coreProperties>"},
        {"word/document.xml", documentXml(r)},
        {"word/_rels/document.xml.rels", kDocumentRels},
        {"word/styles.xml", styles()},
        {"word/settings.xml", kSettings},
        {"word/fontTable.xml", fontTable()},
        {"word/footer1.xml", footer()},
        {"customXml/item1.xml", dataXml(json)},
        {"customXml/itemProps1.xml", kItemProps},
        {"customXml/_rels/item1.xml.rels", kItemRels},
    };
    return zipFiles(files);
}

namespace {

// the text of a cell's paragraphs as Word shows it (runs joined, <w:br/> a line break)
std::string cellText(pugi::xml_node tc) {
    std::string out;
    for (pugi::xml_node p : tc.children("w:p")) {
        if (!out.empty()) out += '\n';
        for (pugi::xml_node r : p.children("w:r"))
            for (pugi::xml_node t : r.children()) {
                std::string_view n = t.name();
                if (n == "w:t") out += t.text().get();
                else if (n == "w:br") out += '\n';
                else if (n == "w:tab") out += '\t';
            }
    }
    std::size_t a = out.find_first_not_of(" \t\n"), z = out.find_last_not_of(" \t\n");
    return a == std::string::npos ? std::string() : out.substr(a, z - a + 1);
}

// a w:tbl as grid positions → the text of the cell starting there (vMerge continuations skipped)
std::vector<std::map<int, std::string>> docxGrid(pugi::xml_node tbl) {
    std::vector<std::map<int, std::string>> rows;
    for (pugi::xml_node tr : tbl.children("w:tr")) {
        std::map<int, std::string> row;
        int col = 0;
        for (pugi::xml_node tc : tr.children("w:tc")) {
            pugi::xml_node pr = tc.child("w:tcPr");
            pugi::xml_node vm = pr.child("w:vMerge");
            bool continued = vm && std::string_view(vm.attribute("w:val").value()) != "restart";
            if (!continued) row[col] = cellText(tc);
            col += std::max(1, pr.child("w:gridSpan").attribute("w:val").as_int(1));
        }
        rows.push_back(std::move(row));
    }
    return rows;
}

} // namespace

std::vector<Finding> verifyDocx(std::string_view documentXml, const Report& embedded) {
    std::vector<Finding> out;
    pugi::xml_document doc;
    if (!doc.load_buffer(documentXml.data(), documentXml.size())) return out;
    auto tbls = doc.select_nodes("//w:tbl");
    Finding diff = tableDiffersFinding();
    std::string list;
    int count = 0;
    bool reshaped = false;
    std::size_t k = 0;
    for (const SectionDef& s : embedded.format->sections) {
        const TableDef* t = embedded.format->findTable(s.tableId);
        if (!t) continue;
        if (k >= tbls.size()) { reshaped = true; break; }
        const TableLayout l = layoutTable(embedded, *t);
        const auto grid = docxGrid(tbls[k++].node());
        if (grid.size() != l.rows.size()) { reshaped = true; continue; }
        for (std::size_t i = 0; i < l.rows.size(); ++i)
            for (const LayoutCell& c : l.rows[i].cells) {
                if (c.kind != LayoutKind::Value) continue;
                auto it = grid[i].find(c.col);
                std::string shown = it == grid[i].end() ? std::string() : it->second, expected = printedCellText(embedded, c.cell);
                if (shown == expected) continue;
                const CellDef& def = embedded.format->cells[static_cast<std::size_t>(c.cell)];
                diff.cells.push_back(def.id);
                if (++count <= 6)
                    list += (count > 1 ? "；" : "") + def.name + "：Word 文件中显示“" + shown + "”，内嵌数据为“" + expected + "”";
            }
    }
    if (count) {
        diff.message = "Word 文件中的表格与内嵌数据不一致（" + std::to_string(count) + " 个单元格）：" + list + (count > 6 ? " 等" : "") +
                       "。文件可能在导出后用 Word/WPS 改过：打开的是导出时的数据，请核对后在本工具中改正";
        out.push_back(std::move(diff));
    }
    if (reshaped) {
        Finding f = diff;
        f.cells.clear();
        f.message = "Word 文件中的表格结构在导出后被改动（行或表格有增删），无法逐格核对：打开的是导出时的数据";
        out.push_back(std::move(f));
    }
    return out;
}

std::optional<DocxData> readDocxData(std::string_view bytes, std::string& error) {
    auto files = unzipFiles(bytes, error);
    if (!files) return std::nullopt;
    bool word = false;
    std::string document;
    for (const ZipEntry& e : *files)
        if (e.name == "word/document.xml") { word = true; document = e.data; }
    for (const ZipEntry& e : *files) {
        if (e.name.rfind("customXml/item", 0) != 0 || e.name.find("Props") != std::string::npos) continue;
        pugi::xml_document doc;
        if (!doc.load_buffer(e.data.data(), e.data.size())) continue;
        pugi::xml_node root = doc.document_element();
        if (std::string_view(root.attribute("xmlns").value()) != kDocxDataNamespace) continue;
        DocxData d;
        d.document = document;
        d.json = root.text().get();
        d.fingerprintMatches = sha256Hex(d.json) == root.attribute("sha256").value();
        return d;
    }
    error = word ? "这个 Word 文件不是 nianbao 导出的（或已被另存，其中的年报数据已丢失）：请用“导入”从它的表格读取"
                 : "压缩文件中没有 Word 文档（word/document.xml），不是 .docx";
    return std::nullopt;
}

} // namespace nb
