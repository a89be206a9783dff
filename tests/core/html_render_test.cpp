// html_render_test.cpp — the published page: approved (golden) files, the official structure
// (every value cell, every label, the merges), hostile text that must stay inert, determinism.
// Re-approve after an intended change with: NIANBAO_UPDATE_GOLDEN=1 build/bin/core_tests "[golden]"
#include "test_util.hpp"
#include <cstdlib>
#include <regex>
#include <sstream>

namespace {

std::string diffText(const std::string& want, const std::string& got) {
    std::istringstream a(want), b(got);
    std::string la, lb, out;
    int line = 0, shown = 0;
    while (shown < 8) {
        bool ea = !std::getline(a, la), eb = !std::getline(b, lb);
        ++line;
        if (ea && eb) break;
        if (la != lb || ea != eb) {
            out += "line " + std::to_string(line) + ":\n  - " + (ea ? "<end>" : la.substr(0, 300)) + "\n  + " + (eb ? "<end>" : lb.substr(0, 300)) + "\n";
            ++shown;
        }
    }
    return out;
}

void golden(const std::string& name, const std::string& html) {
    std::string path = testutil::sourceDir() + "/tests/golden/" + name;
    const char* update = std::getenv("NIANBAO_UPDATE_GOLDEN");
    if (update && std::string(update) == "1") testutil::writeFile(path, html);
    std::string want = testutil::readFile(path);
    INFO("golden file " << path << " differs (NIANBAO_UPDATE_GOLDEN=1 to approve):\n" << diffText(want, html));
    CHECK(want == html);
}

int count(const std::string& s, const std::string& needle) {
    int n = 0;
    for (auto p = s.find(needle); p != std::string::npos; p = s.find(needle, p + needle.size())) ++n;
    return n;
}

std::string tableHtml(const std::string& html, const std::string& id) {
    auto a = html.find("<table class=\"tbl " + id + "\">");
    auto b = html.find("</table>", a);
    return html.substr(a, b - a);
}

} // namespace

TEST_CASE("approved pages: the 青海 2019 example and a complete 2021 report", "[html][golden]") {
    golden("qinghai-2019.html", nb::renderHtml(testutil::load(testutil::seedPath())));
    golden("complete-2021.html", nb::renderHtml(testutil::load(testutil::sourceDir() + "/tests/fixtures/base/complete-2021.json")));
}

TEST_CASE("each rendered table has one value cell per format cell, and every official label", "[html]") {
    for (const char* base : {"complete-2019", "complete-2021"}) {
        auto r = testutil::load(testutil::sourceDir() + "/tests/fixtures/base/" + base + ".json");
        std::string html = nb::renderHtml(r);
        for (const auto& t : r.format->tables) {
            INFO(base << " " << t.id);
            std::string tbl = tableHtml(html, t.id);
            int want = 0;
            for (int i : t.cells) if (!r.format->cells[i].legacy) ++want;
            CHECK(count(tbl, "<td class=\"v\"") == want);
            for (int i : t.cells) {
                const auto& c = r.format->cells[i];
                if (!c.legacy) CHECK(count(tbl, "data-cell=\"" + c.id + "\"") == 1);
            }
            for (const auto& b : t.blocks) {
                if (!b.caption.empty()) CHECK(tbl.find(">" + b.caption + "<") != std::string::npos);
                std::function<void(const nb::HeaderNode&)> hw = [&](const nb::HeaderNode& n) {
                    CHECK(tbl.find(">" + nb::escapeHtml(n.label) + "</th>") != std::string::npos);
                    for (const auto& c : n.children) hw(c);
                };
                for (const auto& c : b.columns) hw(c);
                std::function<void(const nb::RowNode&)> rw = [&](const nb::RowNode& n) {
                    if (!n.label.empty()) CHECK(tbl.find(">" + nb::escapeHtml(n.label) + "</th>") != std::string::npos);
                    for (const auto& c : n.children) rw(c);
                };
                for (const auto& n : b.rows) rw(n);
            }
        }
        for (const auto& s : r.format->sections) CHECK(html.find("<h2>" + s.no + "、" + s.heading + "</h2>") != std::string::npos);
    }
}

TEST_CASE("the official merges are printed", "[html]") {
    auto r = testutil::load(testutil::seedPath());
    std::string t3 = tableHtml(nb::renderHtml(r), "t3");
    CHECK(t3.find("colspan=\"3\" rowspan=\"3\">（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）</th>") != std::string::npos);
    CHECK(t3.find("colspan=\"7\">申请人情况</th>") != std::string::npos);
    CHECK(t3.find("rowspan=\"20\">三、本年度办理结果</th>") != std::string::npos);
    CHECK(t3.find("rowspan=\"8\">（三）不予公开</th>") != std::string::npos);
    auto r21 = testutil::load(testutil::sourceDir() + "/tests/fixtures/base/complete-2021.json");
    std::string h21 = nb::renderHtml(r21);
    CHECK(tableHtml(h21, "t3").find("rowspan=\"22\">三、本年度办理结果</th>") != std::string::npos);
    CHECK(tableHtml(h21, "t4").find("colspan=\"10\">行政诉讼</th>") != std::string::npos);
    // a 2021 report printed with the single （六） row keeps that row on the page
    auto hz = testutil::load(testutil::sharedDir() + "/real-reports/hongze-2023.json");
    std::string t3hz = tableHtml(nb::renderHtml(hz), "t3");
    CHECK(t3hz.find("rowspan=\"20\">三、本年度办理结果</th>") != std::string::npos);
    CHECK(t3hz.find("data-cell=\"t3.3.6.natural\"") != std::string::npos);
    CHECK(t3hz.find("data-cell=\"t3.3.6.1.natural\"") == std::string::npos);
}

TEST_CASE("blank cells print empty, zeros print 0", "[html]") {
    auto r = testutil::load(testutil::seedPath());
    std::string html = nb::renderHtml(r);
    CHECK(html.find("data-cell=\"t3.3.2.natural\"></td>") != std::string::npos);   // blank
    CHECK(html.find("data-cell=\"t3.2.natural\">0</td>") != std::string::npos);    // zero
    CHECK(html.find("data-cell=\"t2.procurement.amount\" colspan=\"2\">1615700万元</td>") != std::string::npos);
}

TEST_CASE("hostile text cannot become markup or script", "[html][security]") {
    auto r = testutil::load(testutil::seedPath());
    const std::string hostile = "</script><script>alert(1)</script>\"><img src=x onerror=alert(1)><!-- ]]> \x01\x07\x1b"
                                "\u202Egnp.exe\u202C \u2066x\u2069 \u200F";
    r.meta.agency = hostile;
    r.meta.published = "2020-03-30";
    for (auto& [k, v] : r.text) v = hostile + "\n\n" + hostile;
    std::string html = nb::renderHtml(r);
    // the data block may hold the text only JSON-escaped, so look at the page without it
    auto dataStart = html.find("<script type=\"application/json\" id=\"nianbao-data\">");
    REQUIRE(dataStart != std::string::npos);
    auto dataEnd = html.find("</script>", dataStart);
    std::string data = html.substr(dataStart, dataEnd - dataStart);
    std::string page = html.substr(0, dataStart) + html.substr(dataEnd + 9);
    CHECK(count(html, "<script") == 1);
    CHECK(count(html, "</script>") == 1);
    CHECK(data.find('<', 1) == std::string::npos);
    CHECK(page.find("<img") == std::string::npos);
    CHECK(page.find("<!--") == std::string::npos);
    CHECK(page.find("onerror=alert") != std::string::npos);   // as inert text, inside escaped markup only
    CHECK(page.find("\"><img") == std::string::npos);
    for (const char* bad : {"\x01", "\x07", "\x1b", "\u202E", "\u202C", "\u2066", "\u2069", "\u200F"}) CHECK(page.find(bad) == std::string::npos);
    CHECK(html.find("Content-Security-Policy") != std::string::npos);
    CHECK(html.find("script-src 'none'") != std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
    // and it round-trips: the hostile text is data, intact
    auto back = nb::loadReportOrPage(html);
    REQUIRE(back.ok());
    CHECK(back.report->meta.agency == hostile);
}

TEST_CASE("the page is deterministic, standalone, and carries its data and fingerprint", "[html]") {
    auto r = testutil::load(testutil::seedPath());
    std::string a = nb::renderHtml(r), b = nb::renderHtml(r);
    CHECK(a == b);
    CHECK(a.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(a.find("<meta charset=\"utf-8\">") != std::string::npos);
    CHECK(a.find("<title>青海省人民政府2019年政府信息公开工作年度报告</title>") != std::string::npos);
    CHECK(a.find("2020年3月30日") != std::string::npos);
    CHECK(a.find(nb::sha256Hex(nb::saveReport(r))) != std::string::npos);
    std::regex external("(src|href)\\s*=|url\\(|@import");
    CHECK_FALSE(std::regex_search(a, external));
    CHECK(a.find("@page{size:A4 portrait") != std::string::npos);
    CHECK(a.find("FangSong") != std::string::npos);
    CHECK(a.find("thead{display:table-header-group}") != std::string::npos);
}

TEST_CASE("sha256 matches the FIPS test vectors", "[html]") {
    CHECK(nb::sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(nb::sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(nb::sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("an exported page is verified when opened: P-1 for changed data, P-2 for a changed visible cell", "[render][page]") {
    auto r = testutil::load(testutil::seedPath());
    std::string page = nb::renderHtml(r);
    auto clean = nb::loadReportOrPage(page);
    REQUIRE(clean.ok());
    CHECK(clean.integrity.empty());

    // one embedded number changed (the visible table still says 41)
    std::string data = testutil::replacedOnce(page, "\"review\": { \"upheld\": 34", "\"review\": { \"upheld\": 35");
    auto p1 = nb::loadReportOrPage(data);
    REQUIRE(p1.ok());
    REQUIRE_FALSE(p1.integrity.empty());
    CHECK(p1.integrity[0].code == "P-1");
    CHECK(p1.integrity[0].severity == nb::Severity::Error);
    // …and the visible table now differs from the (changed) data: named too
    bool p2 = std::any_of(p1.integrity.begin(), p1.integrity.end(), [](const nb::Finding& f) {
        return f.code == "P-2" && f.cells == std::vector<std::string>{"t4.review.upheld"};
    });
    CHECK(p2);

    // one visible cell changed, the data untouched
    std::string shown = testutil::replacedOnce(page, "data-cell=\"t4.review.total\">41<", "data-cell=\"t4.review.total\">54<");
    auto r2 = nb::loadReportOrPage(shown);
    REQUIRE(r2.ok());
    REQUIRE(r2.integrity.size() == 1);
    const nb::Finding& f = r2.integrity[0];
    CHECK(f.code == "P-2");
    CHECK(f.cells == std::vector<std::string>{"t4.review.total"});
    CHECK(f.message.find("“54”") != std::string::npos);
    CHECK(f.message.find("“41”") != std::string::npos);
    CHECK(f.expected == nb::fromInt(41));
    CHECK(f.actual == nb::fromInt(54));

    // hostile text (with a typed "\u003c") round-trips without a false P-1
    nb::Report h = r;
    h.text["other"] = "</script><b>\\u003c & \"x\" 'y'";
    auto back = nb::loadReportOrPage(nb::renderHtml(h));
    REQUIRE(back.ok());
    CHECK(back.integrity.empty());
    CHECK(back.report->text.at("other") == h.text.at("other"));
}
