// docx_test.cpp — the Word output: opened back exactly (the data part), deterministic, hostile text
// escaped, a changed data part caught (P-1), and the one table layout behind every output: the HTML
// page's rowspan/colspan and the .docx's gridSpan/vMerge both reproduce nb::layoutTable cell for cell.
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/table_layout.hpp"
#include "nianbao/zip_io.hpp"
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <pugixml.hpp>
#include <sstream>

namespace {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
nb::Report load(const std::string& path) {
    auto r = nb::loadReport(readFile(path));
    REQUIRE(r.ok());
    return *r.report;
}
std::vector<std::string> reportFiles() {
    return {std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json",
            std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-2019.json",
            std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-2021.json",
            std::string(NIANBAO_SHARED_DIR) + "/real-reports/hongze-2023.json"};
}
std::string part(const std::string& docx, const std::string& name) {
    std::string err;
    auto files = nb::unzipFiles(docx, err);
    REQUIRE(files);
    for (const auto& f : *files)
        if (f.name == name) return f.data;
    FAIL("no part " << name);
    return {};
}

// one cell as an output shows it: where it starts, how far it spans, what it says
struct Placed {
    int row, col, rowspan, colspan;
    std::string text;
    bool operator==(const Placed& o) const { return row == o.row && col == o.col && rowspan == o.rowspan && colspan == o.colspan && text == o.text; }
};
std::ostream& operator<<(std::ostream& os, const Placed& p) { return os << "(" << p.row << "," << p.col << " " << p.rowspan << "x" << p.colspan << " " << p.text << ")"; }

std::vector<Placed> fromLayout(const nb::Report& r, const nb::TableLayout& l) {
    std::vector<Placed> out;
    for (std::size_t i = 0; i < l.rows.size(); ++i)
        for (const auto& c : l.rows[i].cells)
            out.push_back({static_cast<int>(i), c.col, c.rowspan, c.colspan, c.kind == nb::LayoutKind::Value ? nb::printedCellText(r, c.cell) : c.text});
    return out;
}

std::string innerText(pugi::xml_node n) {
    std::string s;
    for (auto it = n.begin(); it != n.end(); ++it) {
        if (it->type() == pugi::node_pcdata) s += it->value();
        else if (std::string_view(it->name()) == "w:br" || std::string_view(it->name()) == "br") s += "\n";
        else s += innerText(*it);
    }
    return s;
}

// the HTML table as rows of cells, positions worked out as a browser does (rowspans occupy later rows)
std::vector<Placed> fromHtml(const std::string& tableHtml) {
    pugi::xml_document doc;
    REQUIRE(doc.load_buffer(tableHtml.data(), tableHtml.size()));
    std::vector<Placed> out;
    std::vector<std::vector<bool>> taken;
    int row = 0;
    for (pugi::xpath_node tr : doc.select_nodes("//tr")) {
        if (taken.size() <= static_cast<std::size_t>(row)) taken.resize(static_cast<std::size_t>(row) + 1);
        int col = 0;
        for (pugi::xml_node c : tr.node().children()) {
            auto& t = taken[static_cast<std::size_t>(row)];
            while (static_cast<std::size_t>(col) < t.size() && t[static_cast<std::size_t>(col)]) ++col;
            int cs = c.attribute("colspan").as_int(1), rs = c.attribute("rowspan").as_int(1);
            for (int dr = 0; dr < rs; ++dr) {
                auto& tt = taken.size() > static_cast<std::size_t>(row + dr) ? taken[static_cast<std::size_t>(row + dr)]
                                                                                 : (taken.resize(static_cast<std::size_t>(row + dr) + 1), taken.back());
                if (tt.size() < static_cast<std::size_t>(col + cs)) tt.resize(static_cast<std::size_t>(col + cs));
                for (int dc = 0; dc < cs; ++dc) tt[static_cast<std::size_t>(col + dc)] = true;
            }
            out.push_back({row, col, rs, cs, innerText(c)});
            col += cs;
        }
        ++row;
    }
    return out;
}

// a w:tbl as rows of cells: gridSpan gives the width, a vMerge restart and its continuations the height
std::vector<Placed> fromDocx(pugi::xml_node tbl) {
    std::vector<Placed> out;
    std::map<int, std::size_t> open;   // grid column → the cell merged down from there
    int row = 0;
    for (pugi::xml_node tr : tbl.children("w:tr")) {
        int col = 0;
        for (pugi::xml_node tc : tr.children("w:tc")) {
            pugi::xml_node pr = tc.child("w:tcPr");
            int span = pr.child("w:gridSpan").attribute("w:val").as_int(1);
            pugi::xml_node vm = pr.child("w:vMerge");
            if (vm && std::string_view(vm.attribute("w:val").value()) != "restart") {
                REQUIRE(open.count(col));
                ++out[open[col]].rowspan;
            } else {
                std::string text;
                for (pugi::xml_node p : tc.children("w:p")) text += innerText(p);
                out.push_back({row, col, 1, span, text});
                if (vm) open[col] = out.size() - 1;
                else open.erase(col);
            }
            col += span;
        }
        ++row;
    }
    return out;
}

} // namespace

TEST_CASE("a .docx made by nianbao opens back as the same report, byte for byte", "[docx]") {
    for (const auto& file : reportFiles()) {
        INFO(file);
        nb::Report r = load(file);
        std::string docx = nb::renderDocx(r);
        REQUIRE(nb::looksLikeZip(docx));
        CHECK(docx == nb::renderDocx(r));                       // deterministic
        auto back = nb::loadReportOrPage(docx);
        REQUIRE(back.ok());
        CHECK(back.integrity.empty());
        CHECK(nb::saveReport(*back.report) == nb::saveReport(r));
        // the parts Word needs, each well-formed XML
        for (const char* p : {"[Content_Types].xml", "word/document.xml", "word/styles.xml", "word/footer1.xml", "customXml/item1.xml"}) {
            pugi::xml_document doc;
            std::string x = part(docx, p);
            CHECK(doc.load_buffer(x.data(), x.size()));
        }
    }
}

TEST_CASE("text a user typed cannot break the Word file; a changed data part is caught", "[docx]") {
    nb::Report r = load(std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json");
    r.meta.agency = "</w:t></w:r><w:r><w:t>注入 & \"引号\" 'x' <script>\xE2\x80\xAE";
    r.text["overview"] = "第一段 ]]> <![CDATA[\n第二行\n\n第二段 \x01 控制符";
    std::string docx = nb::renderDocx(r);
    std::string doc = part(docx, "word/document.xml");
    pugi::xml_document x;
    REQUIRE(x.load_buffer(doc.data(), doc.size()));
    CHECK(x.select_nodes("//w:t[contains(., '</w:t></w:r><w:r><w:t>注入 &')]").size() >= 1);   // shown as text
    auto back = nb::loadReportOrPage(docx);
    REQUIRE(back.ok());
    CHECK(nb::saveReport(*back.report) == nb::saveReport(r));   // exact, bidi mark and control character included

    // one figure changed inside the data part, the zip rebuilt: P-1
    std::string err;
    auto files = nb::unzipFiles(docx, err);
    REQUIRE(files);
    for (auto& f : *files)
        if (f.name == "customXml/item1.xml") {
            auto at = f.data.find("\"total\": 41");
            REQUIRE(at != std::string::npos);
            f.data.replace(at, 11, "\"total\": 54");
        }
    auto tampered = nb::loadReportOrPage(nb::zipFiles(*files));
    REQUIRE(tampered.ok());
    REQUIRE(tampered.integrity.size() == 2);
    CHECK(tampered.integrity[0].code == "P-1");
    CHECK(tampered.integrity[1].code == "P-2");   // and the table still shows 41
    CHECK(tampered.integrity[1].cells == std::vector<std::string>{"t4.review.total"});
}

TEST_CASE("a .docx whose table was edited in Word after export: P-2 names the cell, both values shown", "[docx]") {
    nb::Report r = load(std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json");
    std::string err;
    auto files = nb::unzipFiles(nb::renderDocx(r), err);
    REQUIRE(files);
    for (auto& f : *files)
        if (f.name == "word/document.xml") {
            // the 表四 行政复议 总计 cell: the only table cell printed as 41 in the example's 表四 row
            pugi::xml_document d;
            REQUIRE(d.load_buffer(f.data.data(), f.data.size()));
            auto tables = d.select_nodes("//w:tbl");   // 表二, 表三, 表四
            REQUIRE(tables.size() == 3);
            auto t4 = tables[2].node();
            auto hits = t4.select_nodes(".//w:t[text()='41']");
            REQUIRE(hits.size() == 1);
            hits[0].node().text().set("54");
            std::ostringstream ss;
            d.save(ss, "", pugi::format_raw);
            f.data = ss.str();
        }
    auto res = nb::loadReportOrPage(nb::zipFiles(*files));
    REQUIRE(res.ok());
    REQUIRE(res.integrity.size() == 1);
    CHECK(res.integrity[0].code == "P-2");
    CHECK(res.integrity[0].cells == std::vector<std::string>{"t4.review.total"});
    CHECK(res.integrity[0].message.find("显示“54”，内嵌数据为“41”") != std::string::npos);
}

TEST_CASE("a zip or .docx without nianbao's data is refused with a clear message", "[docx]") {
    std::string only = nb::zipFiles({{"word/document.xml", "<w:document/>"}});
    auto res = nb::loadReportOrPage(only);
    CHECK_FALSE(res.ok());
    CHECK(res.error.text().find("不是 nianbao 导出的") != std::string::npos);
    auto other = nb::loadReportOrPage(nb::zipFiles({{"a.txt", "x"}}));
    CHECK(other.error.text().find("不是 .docx") != std::string::npos);
    std::string broken = nb::renderDocx(load(std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json"));
    broken.resize(broken.size() / 2);
    CHECK_FALSE(nb::loadReportOrPage(broken).ok());
}

TEST_CASE("the HTML page and the .docx show every table exactly as the one core layout says", "[docx][layout]") {
    for (const auto& file : reportFiles()) {
        INFO(file);
        nb::Report r = load(file);
        std::string html = nb::renderHtml(r);
        std::string doc = part(nb::renderDocx(r), "word/document.xml");
        pugi::xml_document d;
        REQUIRE(d.load_buffer(doc.data(), doc.size()));
        auto tbls = d.select_nodes("//w:tbl");
        std::size_t k = 0, from = 0;
        for (const nb::SectionDef& s : r.format->sections) {
            const nb::TableDef* t = r.format->findTable(s.tableId);
            if (!t) continue;
            INFO(t->id);
            nb::TableLayout l = nb::layoutTable(r, *t);
            std::vector<Placed> want = fromLayout(r, l);
            std::size_t a = html.find("<table class=\"tbl " + t->id + "\">", from), b = html.find("</table>", a);
            REQUIRE(a != std::string::npos);
            from = b;
            CHECK(fromHtml(html.substr(a, b + 8 - a)) == want);
            REQUIRE(k < tbls.size());
            CHECK(fromDocx(tbls[k++].node()) == want);
            // every grid column of every row is covered exactly once
            std::vector<int> cover(l.rows.size() * static_cast<std::size_t>(l.columns), 0);
            for (const auto& p : want)
                for (int dr = 0; dr < p.rowspan; ++dr)
                    for (int dc = 0; dc < p.colspan; ++dc) ++cover[static_cast<std::size_t>(p.row + dr) * static_cast<std::size_t>(l.columns) + static_cast<std::size_t>(p.col + dc)];
            for (int c : cover) CHECK(c == 1);
        }
        CHECK(k == tbls.size());
    }
}
