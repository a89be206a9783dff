// import_test.cpp — the importer on real published pages (tests/data/real-pages: every cell equals what a
// person read from the page, no cell filled that the page leaves blank, the text sections, title, year and
// date), the same pages re-encoded as GBK (declared and undeclared), a page that is not a report, a truncated
// page, the official layout with the quirks of real pages put in (digits split over spans, "—", units, full-
// width digits, thousands separators, label typos, an unknown row), a pasted table placed by its labels and
// nianbao's own .docx with its data part gone (as when Word saves it anew), read from its visible tables.
#include "test_util.hpp"
#include "nianbao/import.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/zip_io.hpp"
#include <iconv.h>
#include <cstdint>
#include <map>
#include <set>

using namespace testutil;

namespace {

std::string noSpace(const std::string& s) {
    std::string out;
    for (char c : s) if (c != ' ' && c != '\n' && c != '\r' && c != '\t') out += c;
    return out;
}

std::string convert(iconv_t cd, const std::string& text) {
    std::string out(text.size() * 4 + 16, '\0');
    char* in = const_cast<char*>(text.data());
    char* o = out.data();
    std::size_t inLeft = text.size(), outLeft = out.size();
    if (iconv(cd, &in, &inLeft, &o, &outLeft) == static_cast<std::size_t>(-1)) return {};
    out.resize(out.size() - outLeft);
    return out;
}

// the page as GBK bytes: glibc's iconv encodes; musl's (the wasm build) only decodes, so there its
// decoding of every two-byte code is read backwards, and a character GBK lacks becomes &#N;
std::string toGbk(const std::string& utf8) {
    if (iconv_t cd = iconv_open("GB18030", "UTF-8"); cd != reinterpret_cast<iconv_t>(-1)) {
        std::string out = convert(cd, utf8);
        iconv_close(cd);
        REQUIRE(!out.empty());
        return out;
    }
    static std::map<std::string, std::string> table;
    if (table.empty()) {
        iconv_t dec = iconv_open("UTF-8", "GBK");
        REQUIRE(dec != reinterpret_cast<iconv_t>(-1));
        for (int hi = 0x81; hi <= 0xFE; ++hi)
            for (int lo = 0x40; lo <= 0xFE; ++lo) {
                if (lo == 0x7F) continue;
                std::string code{static_cast<char>(hi), static_cast<char>(lo)};
                std::string ch = convert(dec, code);
                if (!ch.empty() && !table.count(ch)) table[ch] = code;
            }
        iconv_close(dec);
    }
    std::string out;
    for (std::size_t i = 0; i < utf8.size();) {
        unsigned char c = static_cast<unsigned char>(utf8[i]);
        std::size_t n = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
        std::string ch = utf8.substr(i, n);
        i += n;
        if (n == 1) { out += ch; continue; }
        auto it = table.find(ch);
        if (it != table.end()) { out += it->second; continue; }
        std::uint32_t cp = c & (0x7F >> n);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(ch[k]) & 0x3F);
        out += "&#" + std::to_string(cp) + ";";
    }
    return out;
}

const char* kPages[] = {"pingtan-2021", "pingtan-2024", "shanghai-2019"};

// every cell, unit, text section and meta value of `got` against what a person read from the page
void sameAsRead(const nb::Report& got, const nb::Report& want, const std::string& page) {
    INFO(page);
    REQUIRE(got.format == want.format);
    for (std::size_t i = 0; i < want.cells.size(); ++i) {
        INFO(want.format->cells[i].id);
        CHECK(got.cells[i] == want.cells[i]);
    }
    CHECK(got.units == want.units);
    for (const auto& [key, text] : want.text) {
        INFO(key);
        CHECK(noSpace(got.text.at(key)) == noSpace(text));
    }
    CHECK(got.meta.year == want.meta.year);
}

bool hasItem(const nb::ImportResult& r, nb::ImportItemKind k, const std::string& cell) {
    for (const auto& i : r.items) if (i.kind == k && i.cell == cell) return true;
    return false;
}

std::string withoutData(std::string html) {   // a page of the official layout without nianbao's data in it
    auto a = html.find("<script type=\"application/json\"");
    REQUIRE(a != std::string::npos);
    auto b = html.find("</script>", a);
    return html.erase(a, b + 9 - a);
}

std::string setCell(std::string html, const std::string& id, const std::string& inner) {
    const std::string attr = "data-cell=\"" + id + "\"";
    auto p = html.find(attr);
    REQUIRE(p != std::string::npos);
    auto open = html.find('>', p) + 1, close = html.find("</td>", open);
    return html.replace(open, close - open, inner);
}

} // namespace

TEST_CASE("real published pages import exactly what a person reads from them", "[import][real]") {
    for (const char* name : kPages) {
        const std::string base = sharedDir() + "/real-pages/" + name;
        nb::Report want = load(base + ".json");
        nb::ImportResult r = nb::importFile(readFile(base + ".html"), base + ".html");
        INFO(name << "\n" << nb::importReportText(r, name));
        REQUIRE(r.report);
        sameAsRead(*r.report, want, name);
        // every filled cell names the printed labels it was read under
        for (const auto& c : r.cells) {
            CHECK(!c.row.empty() + !c.column.empty() >= 1);
        }
        CHECK(r.status() <= 1);
        if (std::string(name) != "pingtan-2024") {   // its copy is the article only: no title, no date
            CHECK(r.report->meta.agency == want.meta.agency);
            CHECK(r.report->meta.published == want.meta.published);
            CHECK(r.report->meta.agencyKind == want.meta.agencyKind);
            CHECK(r.status() == 0);
        } else {
            CHECK(r.report->meta.agency.empty());
            CHECK(r.status() == 1);
        }
    }
}

TEST_CASE("the same page re-encoded as GBK gives the same report, with or without its meta charset", "[import][charset]") {
    for (const char* name : kPages) {
        const std::string base = sharedDir() + "/real-pages/" + name;
        std::string utf8 = readFile(base + ".html");
        nb::ImportResult plain = nb::importFile(utf8, name);
        REQUIRE(plain.report);
        std::string declared = utf8;
        auto p = declared.find("charset=\"utf-8\"");
        if (p != std::string::npos) declared.replace(p, 15, "charset=\"gbk\"");
        else declared = "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">" + declared;
        for (const std::string& page : {toGbk(declared), toGbk(utf8)}) {   // declared as GBK, and with the page's own meta (utf-8, or none)
            nb::ImportResult gbk = nb::importFile(page, name);
            INFO(name << "\n" << nb::importReportText(gbk, name));
            REQUIRE(gbk.report);
            CHECK(gbk.source == "网页（GB18030）");
            CHECK(nb::saveReport(*gbk.report) == nb::saveReport(*plain.report));
        }
    }
}

TEST_CASE("a page that is not a report is refused with a clear message; a PDF is told to become .docx", "[import]") {
    nb::ImportResult r = nb::importFile("<html><head><title>通知公告</title></head><body><p>关于开展安全检查的通知</p>"
                                        "<table><tr><td>姓名</td><td>电话</td></tr></table></body></html>", "notice.html");
    CHECK(r.status() == 2);
    CHECK(r.error.find("不是政府信息公开工作年度报告") != std::string::npos);
    nb::ImportResult pdf = nb::importFile("%PDF-1.7\n...", "a.pdf");
    CHECK(pdf.status() == 2);
    CHECK(pdf.error.find("WPS") != std::string::npos);
    nb::ImportResult doc = nb::importFile(std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8), "a.doc");
    CHECK(doc.status() == 2);
    CHECK(doc.error.find(".docx") != std::string::npos);
}

TEST_CASE("a truncated page gives what was read, and lists the rest", "[import]") {
    const std::string base = sharedDir() + "/real-pages/pingtan-2021";
    std::string html = readFile(base + ".html");
    nb::Report want = load(base + ".json");
    auto cut = html.find("（五）不予处理");   // inside 表三: 表四 and the sections after it are gone
    REQUIRE(cut != std::string::npos);
    nb::ImportResult r = nb::importFile(html.substr(0, cut), "cut.html");
    INFO(nb::importReportText(r, "cut.html"));
    REQUIRE(r.report);
    CHECK(r.status() == 1);
    int read = 0;
    for (std::size_t i = 0; i < want.cells.size(); ++i) {
        if (!r.report->cells[i]) continue;
        CHECK(r.report->cells[i] == want.cells[i]);   // nothing wrong, nothing moved
        ++read;
    }
    CHECK(read > 20);
    CHECK(hasItem(r, nb::ImportItemKind::Missing, "t4.review.upheld"));
    bool t3Missing = false, problemsMissing = false;
    for (const auto& i : r.items) {
        if (i.kind == nb::ImportItemKind::Missing && i.cell == "t3.3.5.1.natural") t3Missing = true;
        if (i.kind == nb::ImportItemKind::Missing && i.message.find("五、存在的主要问题及改进情况") != std::string::npos) problemsMissing = true;
    }
    CHECK(t3Missing);
    CHECK(problemsMissing);
}

TEST_CASE("the official layout with real pages' quirks: every conversion listed, nothing guessed", "[import][quirks]") {
    nb::Report r = load(sharedDir() + "/real-reports/suqian-2024.json");
    std::string page = withoutData(nb::renderHtml(r));
    SECTION("as rendered, without nianbao's data: the same report") {
        nb::ImportResult got = nb::importFile(page, "page.html");
        INFO(nb::importReportText(got, "page.html"));
        REQUIRE(got.report);
        sameAsRead(*got.report, r, "suqian-2024 rendered");
        CHECK(got.report->meta.agency == r.meta.agency);
        CHECK(got.report->meta.agencyKind == r.meta.agencyKind);
    }
    SECTION("quirks") {
        page = setCell(page, "t3.1.natural", "<span lang=EN-US>1</span><span style='mso-bidi-font-size:10.5pt'>2</span>&nbsp;<o:p></o:p>");
        page = setCell(page, "t3.2.natural", "——");
        page = setCell(page, "t2.fees.amount", "79000.1元");
        page = setCell(page, "t3.1.commercial", "１２");
        page = setCell(page, "t3.1.research", "1,234");
        page = setCell(page, "t3.1.social", "见附件");
        page = replacedOnce(page, "5.属于三类内部事务信息", "5.属于三类内容事务信息");
        page = replacedOnce(page, "只计这一情形", "只计这一情况");
        page = replacedOnce(page, "3.要求提供公开出版物", "3.要求提供出版物汇编");
        nb::ImportResult got = nb::importFile(page, "quirks.html");
        INFO(nb::importReportText(got, "quirks.html"));
        REQUIRE(got.report);
        const nb::Report& g = *got.report;
        CHECK(g.get("t3.1.natural") == nb::fromInt(12));
        CHECK(!hasItem(got, nb::ImportItemKind::Conversion, "t3.1.natural"));
        CHECK(!g.get("t3.2.natural"));
        CHECK(hasItem(got, nb::ImportItemKind::Conversion, "t3.2.natural"));
        CHECK(g.get("t2.fees.amount") == nb::Fixed(7900010));
        CHECK(hasItem(got, nb::ImportItemKind::Conversion, "t2.fees.amount"));
        CHECK(g.get("t3.1.commercial") == nb::fromInt(12));
        CHECK(hasItem(got, nb::ImportItemKind::Conversion, "t3.1.commercial"));
        CHECK(g.get("t3.1.research") == nb::fromInt(1234));
        CHECK(hasItem(got, nb::ImportItemKind::Conversion, "t3.1.research"));
        CHECK(!g.get("t3.1.social"));
        CHECK(hasItem(got, nb::ImportItemKind::Unread, "t3.1.social"));
        // label variants: still read
        CHECK(g.get("t3.3.5.natural") == r.get("t3.3.5.natural"));
        CHECK(g.get("t3.3.2.total") == r.get("t3.3.2.total"));
        // the unknown row: its values not put anywhere, its official cells listed as not found
        for (const char* col : {"natural", "commercial", "research", "social", "legal", "other", "total"}) {
            std::string id = std::string("t3.3.5.3.") + col;
            CHECK(!g.get(id));
            CHECK(hasItem(got, nb::ImportItemKind::Missing, id));
        }
        bool unplaced = false;
        for (const auto& i : got.items) if (i.kind == nb::ImportItemKind::Unplaced && i.printed.find("出版物汇编") != std::string::npos) unplaced = true;
        CHECK(unplaced);
        // every other cell as it was
        std::set<std::string> changed{"t3.1.natural", "t3.2.natural", "t2.fees.amount", "t3.1.commercial", "t3.1.research", "t3.1.social"};
        for (std::size_t i = 0; i < r.cells.size(); ++i) {
            const std::string& id = r.format->cells[i].id;
            if (changed.count(id) || id.rfind("t3.3.5.3.", 0) == 0) continue;
            INFO(id);
            CHECK(g.cells[i] == r.cells[i]);
        }
        CHECK(got.status() == 1);
    }
}

TEST_CASE("a table pasted with its labels fills exactly its cells, whichever cell is selected", "[import][paste]") {
    const std::string base = sharedDir() + "/real-pages/pingtan-2021";
    std::string html = readFile(base + ".html");
    nb::Report want = load(base + ".json");
    auto a = html.find("<table", html.find("申请人情况") - 3000);
    a = html.rfind("<table", html.find("申请人情况"));
    auto b = html.find("</table>", a) + 8;
    nb::Report current = nb::Report::blank(*want.format);
    current.meta.agency = "某某县人民政府";
    current.set("t2.fees.amount", nb::fromInt(5));
    nb::ImportResult r = nb::importPastedTable(current, "<html><body><!--StartFragment-->" + html.substr(a, b - a) + "<!--EndFragment--></body></html>", "");
    INFO(nb::importReportText(r, "paste"));
    REQUIRE(r.report);
    for (std::size_t i = 0; i < want.cells.size(); ++i) {
        const std::string& id = want.format->cells[i].id;
        INFO(id);
        if (id.rfind("t3.", 0) == 0) CHECK(r.report->cells[i] == want.cells[i]);
        else CHECK(r.report->cells[i] == current.cells[i]);
    }
    CHECK(r.report->meta.agency == "某某县人民政府");

    SECTION("text/plain from Excel: labels in the first columns, no header row") {
        std::string tsv = "一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4\r\n"
                          "\t（三）不予公开\t1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\r\n";
        nb::ImportResult t = nb::importPastedTable(current, "", tsv);
        INFO(nb::importReportText(t, "tsv"));
        REQUIRE(t.report);
        CHECK(t.report->get("t3.1.natural") == nb::fromInt(3));
        CHECK(t.report->get("t3.1.total") == nb::fromInt(4));
        CHECK(t.report->get("t3.3.3.1.natural") == nb::fromInt(2));
        CHECK(t.report->get("t3.3.3.1.total") == nb::fromInt(2));
        CHECK(t.report->get("t2.fees.amount") == nb::fromInt(5));
    }
    SECTION("text saved by an older Excel is GBK: read as GB18030, labels intact; stray bytes do not break the import report") {
        std::string tsv = toGbk("一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t0\t0\t0\t4\r\n");
        nb::ImportResult t = nb::importPastedTable(current, "", tsv);
        INFO(nb::importReportText(t, "tsv"));
        REQUIRE(t.report);
        CHECK(t.report->get("t3.1.natural") == nb::fromInt(3));
        CHECK(t.report->get("t3.1.total") == nb::fromInt(4));
        // the fuzzer's case: a label followed by bytes that are neither UTF-8 nor GB18030 pairs
        nb::ImportResult odd = nb::importPastedTable(current, "", "一、本年新收政府信息公开申请数量\t\t\t3\t1\t0\t\xCF\xCF\xCF" "0\t0\t0\t4\r\n");
        std::string json = nb::importReportJson(odd, "odd");
        CHECK(!json.empty());
    }
    SECTION("bare numbers are not a labelled table") {
        CHECK(!nb::importPastedTable(current, "", "1\t2\t3\n4\t5\t6").report);
    }
}

TEST_CASE("a .docx without nianbao's data part (Word saved it anew) is read from its visible tables", "[import][docx]") {
    nb::Report r = load(sharedDir() + "/real-reports/suqian-2024.json");
    std::string why;
    auto files = nb::unzipFiles(nb::renderDocx(r), why);
    REQUIRE(files);
    std::vector<nb::ZipEntry> kept;
    for (auto& e : *files) if (e.name.rfind("customXml/", 0) != 0) kept.push_back(std::move(e));
    REQUIRE(kept.size() < files->size());
    std::string docx = nb::zipFiles(kept);
    std::string error;
    REQUIRE(!nb::readDocxData(docx, error));   // nothing of nianbao's left in it
    nb::ImportResult got = nb::importFile(docx, "word.docx");
    INFO(nb::importReportText(got, "word.docx"));
    REQUIRE(got.report);
    CHECK(got.source == "Word 文件");
    sameAsRead(*got.report, r, "suqian-2024 .docx without its data");
    CHECK(got.report->meta.agency == r.meta.agency);
}
