// import_docx.cpp — the body of a .docx written by Word, WPS or LibreOffice (word/document.xml) read into an
// ImportDoc with pugixml: paragraphs (their runs' text; a line break starts a new paragraph) and tables, whose
// merged cells (w:gridSpan across, w:vMerge down) become the column and row spans a page would print.
// Content controls (w:sdt) are read through; deleted text (w:del) and the fallback copy of a drawing are not.
#include "nianbao/import_doc.hpp"
#include <pugixml.hpp>
#include <cstring>

namespace nb {

namespace {

bool named(const pugi::xml_node& n, const char* local) {
    const char* s = n.name();
    const char* colon = std::strchr(s, ':');
    return std::strcmp(colon ? colon + 1 : s, local) == 0;
}

// the text of a paragraph's runs; each <w:br/> or <w:cr/> ends a line (pushed to `lines`)
void runText(const pugi::xml_node& n, std::string& cur, std::vector<std::string>* lines) {
    for (auto c : n.children()) {
        if (c.type() != pugi::node_element) continue;
        if (named(c, "t")) cur += c.text().get();
        else if (named(c, "tab")) cur += ' ';
        else if ((named(c, "br") || named(c, "cr")) && lines) { lines->push_back(cur); cur.clear(); }
        else if (named(c, "del") || named(c, "Fallback") || named(c, "instrText") || named(c, "pPr") || named(c, "rPr")) continue;
        else runText(c, cur, lines);
    }
}

std::string trimmed(std::string s) {
    std::size_t a = s.find_first_not_of(" \t"), b = s.find_last_not_of(" \t");
    return a == std::string::npos ? std::string() : s.substr(a, b - a + 1);
}

std::string cellText(const pugi::xml_node& tc) {
    std::string out;
    for (auto c : tc.children()) {
        if (named(c, "p")) runText(c, out, nullptr);
        else if (named(c, "tbl")) {          // a table inside a cell: its text, in order
            for (auto p : c.select_nodes(".//*[local-name()='p']")) runText(p.node(), out, nullptr);
        } else if (named(c, "sdt")) {
            for (auto p : c.select_nodes(".//*[local-name()='p']")) runText(p.node(), out, nullptr);
        }
    }
    return trimmed(out);
}

int intAttr(const pugi::xml_node& n, const char* child) {
    for (auto c : n.children())
        if (named(c, child)) {
            for (auto a : c.attributes()) {
                const char* an = a.name();
                const char* colon = std::strchr(an, ':');
                if (std::strcmp(colon ? colon + 1 : an, "val") == 0) return a.as_int(1);
            }
            return 1;
        }
    return 1;
}

// vMerge: "" (none), "restart", "continue"
std::string vMerge(const pugi::xml_node& tcPr) {
    for (auto c : tcPr.children())
        if (named(c, "vMerge")) {
            for (auto a : c.attributes()) {
                const char* an = a.name();
                const char* colon = std::strchr(an, ':');
                if (std::strcmp(colon ? colon + 1 : an, "val") == 0) return a.value();
            }
            return "continue";
        }
    return "";
}

void readTable(const pugi::xml_node& tbl, DocTable& t) {
    // origin[grid column] = (row, index) of the cell that a vMerge continuation extends
    std::vector<std::pair<int, int>> above;
    auto rows = [&](const pugi::xml_node& parent, auto&& self) -> void {
        for (auto tr : parent.children()) {
            if (named(tr, "sdt")) { for (auto sc : tr.children()) if (named(sc, "sdtContent")) self(sc, self); continue; }
            if (!named(tr, "tr")) continue;
            t.rows.emplace_back();
            int row = static_cast<int>(t.rows.size()) - 1, col = 0;
            // a row may skip leading grid columns (w:gridBefore)
            for (auto trPr : tr.children())
                if (named(trPr, "trPr")) for (auto g : trPr.children()) if (named(g, "gridBefore")) col += g.attribute("w:val").as_int(0);
            std::vector<pugi::xml_node> cells;
            for (auto tc : tr.children()) {
                if (named(tc, "tc")) cells.push_back(tc);
                else if (named(tc, "sdt"))
                    for (auto sc : tc.children()) if (named(sc, "sdtContent")) for (auto x : sc.children()) if (named(x, "tc")) cells.push_back(x);
            }
            for (auto tc : cells) {
                pugi::xml_node pr;
                for (auto c : tc.children()) if (named(c, "tcPr")) pr = c;
                int cs = pr ? std::max(1, intAttr(pr, "gridSpan")) : 1;
                std::string vm = pr ? vMerge(pr) : "";
                if (static_cast<int>(above.size()) < col + cs) above.resize(col + cs, {-1, -1});
                if (vm == "continue" && above[col].first >= 0) {
                    auto [r, i] = above[col];
                    t.rows[r][i].rowspan = row - r + 1;
                } else {
                    DocCell c;
                    c.text = cellText(tc);
                    c.colspan = cs;
                    t.rows.back().push_back(std::move(c));
                    for (int k = col; k < col + cs; ++k) above[k] = {row, static_cast<int>(t.rows.back().size()) - 1};
                }
                col += cs;
            }
        }
    };
    rows(tbl, rows);
}

void readBody(const pugi::xml_node& body, ImportDoc& out) {
    for (auto c : body.children()) {
        if (named(c, "p")) {
            std::vector<std::string> lines;
            std::string cur;
            runText(c, cur, &lines);
            lines.push_back(cur);
            for (auto& l : lines) {
                std::string t = trimmed(l);
                if (t.empty()) continue;
                DocBlock b;
                b.text = std::move(t);
                out.blocks.push_back(std::move(b));
            }
        } else if (named(c, "tbl")) {
            DocBlock b;
            b.kind = DocBlock::Table;
            readTable(c, b.table);
            if (!b.table.rows.empty()) out.blocks.push_back(std::move(b));
        } else if (named(c, "sdt")) {
            for (auto sc : c.children()) if (named(sc, "sdtContent")) readBody(sc, out);
        } else if (named(c, "customXml") || named(c, "smartTag")) {
            readBody(c, out);
        }
    }
}

} // namespace

bool readDocxDocument(std::string_view documentXml, ImportDoc& out, std::string& error) {
    out = ImportDoc{};
    pugi::xml_document d;
    auto ok = d.load_buffer(documentXml.data(), documentXml.size(), pugi::parse_default & ~pugi::parse_wconv_attribute);
    if (!ok) { error = std::string("Word 文件的正文无法解析（") + ok.description() + "）"; return false; }
    pugi::xml_node body;
    for (auto doc : d.children())
        for (auto c : doc.children()) if (named(c, "body")) body = c;
    if (!body) { error = "Word 文件中没有正文（word/document.xml 无 w:body）"; return false; }
    readBody(body, out);
    return true;
}

} // namespace nb
