// import_review_test.cpp — an import in the editor headless: a real published page opened through the app
// becomes the report on screen, its items to review are listed (导入核对), a click on one goes to its field,
// 已核对 takes one off and the list can be dismissed; a page that is not a report changes nothing; a table
// pasted with its labels fills exactly its cells, whichever cell is selected, as one undo step.
#include "headless.hpp"
#include "nianbao/json_io.hpp"

namespace {
std::string page(const char* name) { return readFile(std::string(NIANBAO_SHARED_DIR) + "/real-pages/" + name); }
}

TEST_CASE("a published page opens as the report, with what to review listed and worked through", "[ui][import]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    h.frame(app, p, 2);
    REQUIRE(app.loadText(page("pingtan-2024.html"), "pingtan-2024.html").empty());
    h.frame(app, p, 3);
    const nb::Report& r = app.document().report();
    CHECK(r.format->id == "2021");
    CHECK(r.get("t2.fees.amount") == nb::Fixed(18651060000));
    CHECK(app.statusMessage().find("导入 200 格") != std::string::npos);
    REQUIRE(app.importItems().size() == 3);   // year from the text, no agency, no date
    CHECK(app.importItems()[1].cell == "meta.agency");
    // a click on the agency item goes to 机关名称 (the native field opens there)
    auto item = app.itemRect("import.1");
    REQUIRE(item);
    h.click(app, p, *item);
    h.frame(app, p, 4);
    REQUIRE(p.field);
    CHECK(p.field->id == "meta.agency");
    // 已核对 takes that item off the list; 全部核对完毕 closes it
    auto done = app.itemRect("import.done.1");
    REQUIRE(done);
    h.click(app, p, *done);
    h.frame(app, p, 2);
    CHECK(app.importItems().size() == 2);
    auto dismiss = app.itemRect("import.dismiss");
    REQUIRE(dismiss);
    h.click(app, p, *dismiss);
    h.frame(app, p, 2);
    CHECK(app.importItems().empty());
    // undo goes back to the report before the import
    REQUIRE(const_cast<ui::Document&>(app.document()).undo());
    CHECK(app.document().report().meta.year == 2025);
}

TEST_CASE("a page that is not a report, or a PDF, changes nothing on screen", "[ui][import]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "seed.json").empty());
    h.frame(app, p, 2);
    const std::string before = nb::saveReport(app.document().report());
    CHECK(!app.loadText("<html><body><p>通知公告</p></body></html>", "notice.html").empty());
    CHECK(app.statusMessage().find("当前报告未改变") != std::string::npos);
    CHECK(!app.loadText("%PDF-1.4 ...", "report.pdf").empty());
    CHECK(app.statusMessage().find("WPS") != std::string::npos);
    CHECK(nb::saveReport(app.document().report()) == before);
}

TEST_CASE("a table pasted with its labels fills its cells wherever the selection is, as one undo step", "[ui][import][paste]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    h.frame(app, p, 2);
    const std::string html = page("pingtan-2021.html");
    auto a = html.rfind("<table", html.find("申请人情况")), b = html.find("</table>", a) + 8;
    REQUIRE(app.reveal("t2.regulations.issued"));   // a cell of 表二 selected: the 表三 paste still lands in 表三
    h.frame(app, p, 4);
    const std::string before = nb::saveReport(app.document().report());
    REQUIRE(app.onPasteTable("<html><body>" + html.substr(a, b - a) + "</body></html>", ""));
    h.frame(app, p, 2);
    nb::Report want = nb::loadReport(page("pingtan-2021.json")).report.value();
    const nb::Report& r = app.document().report();
    for (std::size_t i = 0; i < r.cells.size(); ++i) {
        const std::string& id = r.format->cells[i].id;
        INFO(id);
        if (id.rfind("t3.", 0) == 0) CHECK(r.cells[i] == want.get(id));
        else CHECK(!r.cells[i]);
    }
    CHECK(app.statusMessage().find("已按表格标签粘贴") != std::string::npos);
    REQUIRE(const_cast<ui::Document&>(app.document()).undo());
    CHECK(nb::saveReport(app.document().report()) == before);
    CHECK(!app.onPasteTable("", "1\t2\n3\t4"));   // bare numbers: the block paste's job
}
