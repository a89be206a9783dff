// review_view_test.cpp — 审核 in the editor headless: several files become the review table (rows = the
// checker's counts, a tampered page marked), a click shows one report's findings read-only and 编辑副本
// opens a copy; 汇总 opens the roll-up; a rule pack's findings appear named after it; a 情况说明 typed on
// a warning in the findings panel is kept in the report (one undo step) and never offered on an error.
#include "headless.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"

namespace {
std::string data(const std::string& rel) { return readFile(std::string(NIANBAO_SHARED_DIR) + "/" + rel); }
}

TEST_CASE("several files open the review table; a row shows its findings; 编辑副本 and 汇总 open in the editor", "[ui][review]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    h.frame(app, p, 2);
    std::string page = nb::renderHtml(*nb::loadReport(seedJson()).report);
    std::string tampered = page;
    tampered.replace(tampered.find("data-cell=\"t4.review.total\">41<"), 32, "data-cell=\"t4.review.total\">54<");
    std::vector<std::pair<std::string, std::string>> files = {
        {"hongze-2024.json", data("real-reports/hongze-2024.json")},
        {"huaian-2024.json", data("real-reports/huaian-2024.json")},
        {"suqian-2024.json", data("real-reports/suqian-2024.json")},
        {"qinghai.html", tampered},
        {"pingtan-2024.html", data("real-pages/pingtan-2024.html")},
        {"notice.html", "<html><body><p>通知</p></body></html>"}};
    CHECK(app.openFiles(files).empty());
    h.frame(app, p, 3);
    REQUIRE(app.reviewShown());
    auto rows = nlohmann::json::parse(app.reviewRowsJson());
    REQUIRE(rows.size() == 6);
    for (std::size_t i = 0; i < files.size(); ++i) CHECK(rows[i]["file"] == files[i].first);   // in the order brought
    for (std::size_t i = 0; i + 1 < files.size(); ++i) {
        INFO(files[i].first);
        nb::ImportResult imp = nb::importFile(files[i].second, files[i].first);
        REQUIRE(imp.report);
        auto fs = imp.integrity;
        for (auto& f : nb::checkReport(*imp.report)) fs.push_back(f);
        int e = 0, w = 0, other = 0;
        for (const auto& f : fs) (f.severity == nb::Severity::Error ? e : f.severity == nb::Severity::Warning ? w : other)++;
        CHECK(rows[i]["errors"] == e);
        CHECK(rows[i]["warnings"] == w);
    }
    CHECK(rows[3]["integrity"] == "table_differs");
    CHECK(rows[5].contains("error"));
    CHECK(app.statusMessage().find("共 6 份") != std::string::npos);

    // a click on the tampered page's row: its findings, P-2 among them; back to the table
    auto row = app.itemRect("review.row.3");
    REQUIRE(row);
    h.click(app, p, *row);
    h.frame(app, p, 2);
    REQUIRE(app.itemRect("review.back"));
    REQUIRE(app.itemRect("review.finding.0"));
    const std::string before = nb::saveReport(app.document().report());
    h.click(app, p, *app.itemRect("review.back"));
    h.frame(app, p, 2);
    CHECK_FALSE(app.itemRect("review.back"));
    CHECK(nb::saveReport(app.document().report()) == before);   // read-only: nothing opened in the editor

    // 编辑副本: the report opens in the editor, with its P-2
    h.click(app, p, *app.itemRect("review.row.0"));
    h.frame(app, p, 2);
    h.click(app, p, *app.itemRect("review.edit"));
    h.frame(app, p, 3);
    CHECK_FALSE(app.reviewShown());
    CHECK(app.document().report().meta.agency == "淮安市洪泽区人民政府");

    // back in the table, pick the three 2024 reports and roll them up
    h.click(app, p, *app.itemRect("button.review"));
    h.frame(app, p, 2);
    REQUIRE(app.reviewShown());
    for (int i : {0, 1, 2}) {
        auto pick = app.itemRect("review.pick." + std::to_string(i));
        REQUIRE(pick);
        h.click(app, p, *pick);
        h.frame(app, p, 1);
    }
    h.click(app, p, *app.itemRect("review.merge"));
    h.frame(app, p, 3);
    auto confirm = app.itemRect("button.confirm");   // the copy on screen is unsaved: asked first
    REQUIRE(confirm);
    h.click(app, p, *confirm);
    h.frame(app, p, 3);
    CHECK_FALSE(app.reviewShown());
    const nb::Report& sum = app.document().report();
    CHECK(sum.meta.agency.empty());
    CHECK(sum.extra["merged_from"].size() == 3);
    nb::Fixed total = 0;
    for (std::size_t i = 0; i < 3; ++i) total += *nb::loadReport(files[i].second).report->get("t3.1.total");
    CHECK(sum.get("t3.1.total") == total);
    CHECK(app.statusMessage().find("已汇总 3 份") != std::string::npos);

    // picking a 2019 report with them is refused, naming the files
    h.click(app, p, *app.itemRect("button.review"));
    h.frame(app, p, 2);
    h.click(app, p, *app.itemRect("review.pick.3"));
    h.frame(app, p, 1);
    h.click(app, p, *app.itemRect("review.merge"));
    h.frame(app, p, 2);
    CHECK(app.reviewShown());
    CHECK(app.statusMessage().find("无法汇总") != std::string::npos);
    CHECK(app.statusMessage().find("qinghai.html") != std::string::npos);

    // the CSV goes out with its BOM
    h.click(app, p, *app.itemRect("review.csv"));
    h.frame(app, p, 1);
    REQUIRE(!p.downloads.empty());
    CHECK(p.downloads.back().first == "审核结果.csv");
    CHECK(p.downloads.back().second.rfind("\xEF\xBB\xBF", 0) == 0);
}

TEST_CASE("a rule pack's findings are named after it; a 情况说明 on a warning is kept, never on an error", "[ui][review][explanations]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "seed.json").empty());
    h.frame(app, p, 3);
    CHECK_FALSE(app.loadRulePack("{\"pack\": 1}", false).empty());
    REQUIRE(app.loadRulePack(R"({"pack": 1, "name": "某省要求", "rules": [
        {"id": "SP-1", "severity": "warning", "check": "max_length", "section": "overview", "limit": 100, "title": "总体情况从简"}]})", false).empty());
    h.frame(app, p, 2);
    const auto& fs = app.document().findings();
    std::size_t pack = fs.size(), error = fs.size();
    for (std::size_t i = 0; i < fs.size(); ++i) {
        if (fs[i].code == "SP-1") pack = i;
        if (fs[i].severity == nb::Severity::Error && error == fs.size()) error = i;
    }
    REQUIRE(pack < fs.size());
    REQUIRE(error < fs.size());
    CHECK(fs[pack].pack == "某省要求");
    CHECK(fs[pack].message.find("〔某省要求〕") != std::string::npos);
    CHECK_FALSE(app.itemRect("explain." + std::to_string(error)));   // no 情况说明 on an error

    auto ask = app.itemRect("explain." + std::to_string(pack));
    REQUIRE(ask);
    h.click(app, p, *ask);
    h.frame(app, p, 3);
    REQUIRE(p.field);
    CHECK(p.field->id == "expl.SP-1@text.overview");
    app.onTextInput(p.field->id, "本省要求全面总结，篇幅经同意");
    app.onTextLeave("expl.SP-1@text.overview", ui::LeaveBy::Enter, 0, 0);
    h.frame(app, p, 3);
    CHECK(app.document().report().explanations.at("SP-1@text.overview") == "本省要求全面总结，篇幅经同意");
    bool explained = false;
    for (const auto& f : app.document().findings()) explained |= f.code == "SP-1" && f.explanation == "本省要求全面总结，篇幅经同意";
    CHECK(explained);
    CHECK(app.exportJson().find("\"SP-1@text.overview\": \"本省要求全面总结，篇幅经同意\"") != std::string::npos);
    CHECK(app.exportHtml().find("情况说明：本省要求全面总结，篇幅经同意") != std::string::npos);
    REQUIRE(const_cast<ui::Document&>(app.document()).undo());   // one undo step takes it away
    auto left = app.document().report().explanations.find("SP-1@text.overview");
    CHECK((left == app.document().report().explanations.end() || left->second.empty()));
}
