// import_doc.hpp — a document read for import, whatever it came from (a published web page, Word-exported
// HTML, a .docx, a table copied to the clipboard): its title line and its paragraphs and tables in reading
// order, each table as printed (rows of cells with their row/column spans). The readers only read: libxml2's
// HTML parser for pages (any common Chinese charset), pugixml for .docx; import.hpp recognises the report.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace nb {

struct DocCell {
    std::string text;               // the cell's text as printed, its paragraphs joined with nothing between
    int rowspan = 1, colspan = 1;
};

struct DocTable {
    std::vector<std::vector<DocCell>> rows;
};

struct DocBlock {
    enum Kind { Paragraph, Table } kind = Paragraph;
    std::string text;               // Paragraph: one line of prose (spaces collapsed)
    DocTable table;                 // Table
    std::vector<int> ancestors;     // the elements it sits in (page readers: to tell the article from the site)
};

struct ImportDoc {
    std::string title;              // <title> of a page; empty for a .docx
    std::string charset;            // what the bytes were read as ("UTF-8", "GB18030"); empty for a .docx
    std::string declaredCharset;    // what the page said it was (<meta charset>), if anything
    std::vector<DocBlock> blocks;
};

/// A page's bytes in any common Chinese charset (BOM, <meta charset>/http-equiv, else detected: bytes that
/// are not UTF-8 are read as GB18030, which contains GBK and GB2312). False, with `error` in Chinese, when
/// the bytes are not a web page.
bool readHtmlDocument(std::string_view bytes, ImportDoc& out, std::string& error);
/// The body of a .docx (word/document.xml): paragraphs and tables (gridSpan, vMerge) in order.
bool readDocxDocument(std::string_view documentXml, ImportDoc& out, std::string& error);
/// Tab-separated text (a table copied from Excel/WPS as text/plain) as one table; text that is not UTF-8
/// is read as GB18030.
DocTable tableFromTsv(std::string_view text);

} // namespace nb
