// text_from_tables_test.cpp — 根据表格生成: the sentences state the tables' own figures (so the text
// checks hold by construction), blanks are never written as 0, and the character count.
#include "test_util.hpp"
#include "nianbao/text_from_tables.hpp"

namespace {
std::string fixturesBase(const std::string& name) { return testutil::sourceDir() + "/tests/fixtures/base/" + name + ".json"; }
bool textFinding(const nb::Finding& f) {
    return f.severity != nb::Severity::Info && std::any_of(f.cells.begin(), f.cells.end(), [](const std::string& c) { return c.rfind("text.", 0) == 0; });
}
} // namespace

TEST_CASE("every format's summary templates name real cells and a section", "[summary]") {
    for (const auto& id : nb::formatIds()) {
        const nb::Format& f = *nb::findFormat(id);
        INFO(id);
        CHECK_FALSE(f.summary.empty());
        CHECK(f.sectionForText(f.summarySection) != nullptr);
        for (const auto& p : nb::summaryProblems(f)) FAIL_CHECK(p);
    }
}

TEST_CASE("generated sentences carry the tables' figures and the text checks then hold", "[summary]") {
    for (const char* base : {"complete-2019", "complete-2021"}) {
        INFO(base);
        auto r = testutil::load(fixturesBase(base));
        std::string s = nb::sentencesFromTables(r);
        REQUIRE_FALSE(s.empty());
        CHECK(s.find(nb::formatDecimal(*r.get("t3.1.total")) + "件") != std::string::npos);
        CHECK(s.find(nb::formatDecimal(*r.get("t3.3.7.total")) + "件") != std::string::npos);
        CHECK(s.find(nb::formatDecimal(*r.get("t4.review.total")) + "件") != std::string::npos);
        r.text[r.format->summarySection] = s;
        for (const auto& f : nb::checkReport(r)) {
            INFO(f.code << " " << f.message);
            CHECK_FALSE(textFinding(f));
        }
    }
    // the example, and real reports: whatever their texts say, the generated ones agree with their tables
    for (const auto& path : testutil::realReports()) {
        INFO(path);
        auto r = testutil::load(path);
        std::string s = nb::sentencesFromTables(r);
        if (s.empty()) continue;
        r.text[r.format->summarySection] = s;
        for (const auto& f : nb::checkReport(r)) {
            INFO(f.code << " " << f.message);
            bool onOverview = std::find(f.cells.begin(), f.cells.end(), "text." + r.format->summarySection) != f.cells.end();
            CHECK_FALSE((onOverview && f.severity == nb::Severity::Warning && f.code.rfind("T3-", 0) == 0));
        }
    }
}

TEST_CASE("a sentence whose figure is blank is left out, never written as 0", "[summary]") {
    auto r = testutil::load(fixturesBase("complete-2021"));
    nb::Report blank = nb::Report::blank(*r.format);
    CHECK(nb::sentencesFromTables(blank).empty());
    blank.set("t4.review.total", nb::fromInt(7));
    blank.set("t4.direct_suit.total", nb::fromInt(2));
    std::string s = nb::sentencesFromTables(blank);
    CHECK(s.find("行政复议7件") != std::string::npos);
    CHECK(s.find("行政诉讼2件") != std::string::npos);   // the blank 复议后起诉 adds nothing
    CHECK(s.find("0件") == std::string::npos);
}

TEST_CASE("characters are counted as a reader counts them", "[summary]") {
    CHECK(nb::countCharacters("") == 0);
    CHECK(nb::countCharacters("总体情况") == 4);
    CHECK(nb::countCharacters("第一段。\n\n第二段 abc") == 11);
    CHECK(nb::countCharacters("𠀀\r\n") == 1);
}

TEST_CASE("text pasted from Word, WPS or a web page becomes plain paragraphs with one blank line between them", "[summary][paste]") {
    // Word's text/plain: CRLF per paragraph, full-width indentation, no-break padding
    std::string word = "\xE3\x80\x80\xE3\x80\x80一、总体情况\r\n\xE3\x80\x80\xE3\x80\x80本年度共收到申请 12 件。\xC2\xA0\r\n\r\n\r\n（一）主动公开\r\n";
    CHECK(nb::proseFromPaste(word, true) == "一、总体情况\n\n本年度共收到申请 12 件。\n\n（一）主动公开");
    // a browser's copy of <p> blocks (LF, blank lines between), and a lone CR (old Mac/WPS)
    CHECK(nb::proseFromPaste("第一段\n\n第二段\r第三段", true) == "第一段\n\n第二段\n\n第三段");
    // one line keeps its inner spaces; a one-line field joins lines with nothing between them
    CHECK(nb::proseFromPaste("  共 3 件  ", true) == "共 3 件");
    CHECK(nb::proseFromPaste("某某市\r\n人民政府办公室\n", false) == "某某市人民政府办公室");
    CHECK(nb::proseFromPaste("", true).empty());
    CHECK(nb::proseFromPaste("\r\n \xE3\x80\x80 \n", true).empty());
    // nothing else is touched: tabs inside a line, markup-looking text, characters outside the BMP
    CHECK(nb::proseFromPaste("a\tb <b>x</b> \xF0\xA0\x80\x80", true) == "a\tb <b>x</b> \xF0\xA0\x80\x80");
}
