// ui_smoke_test.cpp — the real ui::App driven headless (Dear ImGui with no backend, a fake
// Platform): every fixture and real report is drawn for several frames (asserts, ID clashes),
// and the editing paths a clerk uses are exercised with synthetic mouse and keyboard input.
#define CATCH_CONFIG_MAIN
#include "headless.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/table_layout.hpp"
#include <map>
#include <nlohmann/json.hpp>


TEST_CASE("every fixture and real report draws headless without asserting", "[ui]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    std::vector<std::string> files = {std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json"};
    for (const char* f : {"hongze-2023", "hongze-2024", "huaian-2024", "jinhu-2023", "suqian-2023", "suqian-2024"})
        files.push_back(std::string(NIANBAO_SHARED_DIR) + "/real-reports/" + f + ".json");
    for (const std::string& fmt : nb::formatIds()) {
        files.push_back(std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-" + fmt + ".json");
    }
    for (const auto& f : files) {
        INFO(f);
        CHECK(app.loadText(readFile(f), "x.json").empty());
        h.frame(app, p, 3);
        // every cell of every table was laid out
        const nb::Report& r = app.document().report();
        for (const auto& c : r.format->cells) {
            bool legacy = r.legacyInUse(*r.format->findTable(c.table));
            bool replaced = false;
            for (const auto& o : r.format->cells)
                for (int j : o.legacyOf) replaced |= r.format->cells[static_cast<std::size_t>(j)].id == c.id;
            bool shown = c.legacy ? legacy : !(legacy && replaced);
            INFO(c.id);
            CHECK(app.itemRect(c.id).has_value() == shown);
        }
    }
}

// a rule fixture (a base report + changes) as report JSON text
std::string fixtureJson(const std::string& fmt, const std::string& file) {
    using nlohmann::json;
    std::string dir = std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/";
    json fx = json::parse(readFile(dir + fmt + "/" + file));
    json doc = json::parse(readFile(dir + "base/" + fx["base"].get<std::string>() + ".json"));
    for (auto it = fx["set"].begin(); it != fx["set"].end(); ++it) {
        const std::string& k = it.key();
        if (k.rfind("text.", 0) == 0) doc["text"][k.substr(5)] = *it;
        else if (k.rfind("meta.", 0) == 0) doc["meta"][k.substr(5)] = *it;
        else if (k.rfind("units.", 0) == 0) { if (it->is_null()) doc["units"].erase(k.substr(6)); else doc["units"][k.substr(6)] = *it; }
        else {   // t3.3.4.1.natural → tables.t3["3.4.1"].natural
            auto a = k.find('.'), b = k.rfind('.');
            doc["tables"][k.substr(0, a)][k.substr(a + 1, b - a - 1)][k.substr(b + 1)] = *it;
        }
    }
    return doc.dump();
}

TEST_CASE("every rule fixture draws headless, with its findings marked", "[ui][fixtures]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    int n = 0;
    for (const std::string& fmt : nb::formatIds()) {
        std::ifstream idx(std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/" + fmt + "/index.txt");
        for (std::string line; std::getline(idx, line);) {
            if (line.empty() || line[0] == '#') continue;
            INFO(fmt << "/" << line);
            std::string err = app.loadText(fixtureJson(fmt, line), line);
            if (!err.empty()) {   // only fixtures of values the loader itself refuses (C-1), or legacy + split rows
                std::string fx = readFile(std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/" + fmt + "/" + line);
                CHECK((fx.find("\"C-1\"") != std::string::npos || err.find("既按旧格式") != std::string::npos));
                CHECK(app.document().report().format != nullptr);
                continue;
            }
            h.frame(app, p, 2);
            ++n;
            for (const auto& f : app.document().findings())
                for (const auto& x : f.fixes) CHECK(app.itemRect(x.cell).has_value());
        }
    }
    CHECK(n > 100);
}

TEST_CASE("click a cell, type a number, Tab on: the report and the findings change", "[ui]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "qinghai.json").empty());
    h.frame(app, p, 2);
    auto before = app.document().findings().size();
    REQUIRE(app.reveal("t4.review.total"));
    h.frame(app, p, 3);
    auto rect = app.itemRect("t4.review.total");
    REQUIRE(rect);
    h.click(app, p, *rect);
    h.type(app, p, "54");
    h.key(app, p, ImGuiKey_Tab);
    CHECK(app.document().report().get("t4.review.total") == nb::fromInt(54));
    CHECK(app.document().findings().size() == before - 1);
    // Tab moved on to the next cell of the row
    h.type(app, p, "7");
    h.key(app, p, ImGuiKey_Escape);
    CHECK(app.document().report().get("t4.direct_suit.upheld") == nb::fromInt(25));   // Esc cancelled
    // Ctrl+Z undoes the typed 54
    h.key(app, p, ImGuiKey_Z, false, true);
    CHECK(app.document().report().get("t4.review.total") == nb::fromInt(41));
    h.key(app, p, ImGuiKey_Y, false, true);
    CHECK(app.document().report().get("t4.review.total") == nb::fromInt(54));
}

TEST_CASE("only numbers are accepted into a count cell, with a message", "[ui]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    REQUIRE(app.reveal("t3.1.research"));
    h.frame(app, p, 3);
    h.click(app, p, *app.itemRect("t3.1.research"));
    h.type(app, p, "1.5");
    h.key(app, p, ImGuiKey_Enter);
    CHECK(app.document().report().get("t3.1.research") == nb::fromInt(0));   // refused, old value kept
    REQUIRE(app.reveal("t3.1.research"));
    h.frame(app, p, 3);
    h.click(app, p, *app.itemRect("t3.1.research"));
    h.type(app, p, "x");   // a letter never gets in: no edit starts, the value stays
    h.key(app, p, ImGuiKey_Enter);
    CHECK(app.document().report().get("t3.1.research") == nb::fromInt(0));
}

TEST_CASE("block paste fills exactly the block and is one undo step", "[ui][paste]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    REQUIRE(app.reveal("t3.3.3.1.natural"));
    h.frame(app, p, 3);
    h.click(app, p, *app.itemRect("t3.3.3.1.natural"));
    REQUIRE(app.onPaste("1\t2\t3\t4\n5\t6\t7\t8\n9\t1,000\t 11 \t12\n"));
    const auto& r = app.document().report();
    CHECK(r.get("t3.3.3.1.natural") == nb::fromInt(1));
    CHECK(r.get("t3.3.3.1.social") == nb::fromInt(4));
    CHECK(r.get("t3.3.3.2.commercial") == nb::fromInt(6));
    CHECK(r.get("t3.3.3.3.commercial") == nb::fromInt(1000));
    CHECK(r.get("t3.3.3.3.research") == nb::fromInt(11));
    CHECK_FALSE(r.get("t3.3.3.1.legal").has_value());
    h.key(app, p, ImGuiKey_Z, false, true);
    CHECK_FALSE(app.document().report().get("t3.3.3.1.natural").has_value());
    CHECK_FALSE(app.document().report().get("t3.3.3.3.social").has_value());
    // a non-number refuses the whole block
    h.frame(app, p, 30);   // (two quick clicks would be a double-click, which edits the cell)
    h.click(app, p, *app.itemRect("t3.3.3.1.natural"));
    CHECK(app.onPaste("1\tabc\n"));
    CHECK_FALSE(app.document().report().get("t3.3.3.1.natural").has_value());
}

TEST_CASE("a finding's suggested value applies in one step; loading a bad file changes nothing", "[ui]") {
    FakePlatform p;
    Headless h;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    std::string before = app.exportJson();
    std::string err = app.loadText(R"({"nianbao":1,"tables":{"t9":{}}})", "bad.json");
    CHECK_FALSE(err.empty());
    CHECK(app.exportJson() == before);
    ui::Document& d = const_cast<ui::Document&>(app.document());
    const nb::Finding f = d.findings().front();
    REQUIRE(d.applyFix(f));
    CHECK(d.report().get("t4.review.total") == nb::fromInt(54));
}

TEST_CASE("autosave after a pause, restored with a notice; storage failure is survivable", "[ui][autosave]") {
    Headless h;
    FakePlatform p;
    {
        ui::App app(p, seedJson());
        REQUIRE(app.loadText(seedJson(), "").empty());
        h.frame(app, p, 8);
        REQUIRE(p.stored);
        CHECK(p.leaveWarning);
        app.saveJson();
        CHECK_FALSE(p.stored);            // downloaded: nothing to restore
        CHECK(p.downloads.back().first == "青海省人民政府-2019-政府信息公开年报.json");
        h.frame(app, p, 2);
        CHECK_FALSE(p.leaveWarning);
        const_cast<ui::Document&>(app.document()).setCell(app.document().report().format->findCell("t4.review.total"), nb::fromInt(54));
        h.frame(app, p, 8);
        REQUIRE(p.stored);
    }
    ui::App again(p, seedJson());
    CHECK(again.document().report().get("t4.review.total") == nb::fromInt(54));
    CHECK(again.unsaved());
    FakePlatform full;
    full.storageWorks = false;
    ui::App app3(full, seedJson());
    REQUIRE(app3.loadText(seedJson(), "").empty());
    h.frame(app3, full, 8);
    CHECK(app3.document().report().get("t4.review.total") == nb::fromInt(41));   // still working
    CHECK(app3.storageProblem().find("自动保存未成功") != std::string::npos);   // and the clerk is told
}

TEST_CASE("a typed Chinese date and a non-year survive autosave and restore with the whole report", "[ui][autosave][meta]") {
    Headless h;
    FakePlatform p;
    {
        ui::App app(p, seedJson());
        REQUIRE(app.loadText(seedJson(), "").empty());
        h.frame(app, p, 3);
        auto date = app.itemRect("meta.published");
        REQUIRE(date);
        h.click(app, p, *date);
        REQUIRE(p.field);                           // the native field is over 公开日期
        CHECK(p.field->id == "meta.published");
        CHECK_FALSE(p.field->multiline);
        app.onTextInput("meta.published", "2020年3月30日");   // what the clerk typed over the old date
        h.frame(app, p, 8);                         // autosave while the field is still being edited
        REQUIRE(p.stored);
        CHECK(p.stored->find("\"published\": \"2020-03-30\"") != std::string::npos);   // saved as a date already
        app.onTextLeave("meta.published", ui::LeaveBy::Enter, 0, 0);   // leave the field
        CHECK_FALSE(p.field);
        h.frame(app, p, 2);
        CHECK(app.document().report().meta.published == "2020-03-30");   // read as a date once left
        auto year = app.itemRect("meta.year");
        REQUIRE(year);
        h.click(app, p, *year);
        h.key(app, p, ImGuiKey_A, false, true);
        h.type(app, p, "----");
        h.key(app, p, ImGuiKey_Enter);               // no exception: kept as typed, and a finding
        h.frame(app, p, 8);
        CHECK(app.document().report().meta.yearText == "----");
        bool named = false;
        for (const auto& f : app.document().findings())
            named |= f.code == "R-3" && f.message.find("----") != std::string::npos;
        CHECK(named);
    }
    ui::App again(p, seedJson());
    h.frame(again, p, 2);
    const nb::Report& r = again.document().report();
    CHECK(r.meta.published == "2020-03-30");
    CHECK(r.meta.agency == "青海省人民政府");
    CHECK(r.meta.yearText == "----");
    CHECK(r.get("t4.review.total") == nb::fromInt(41));
    CHECK(r.text.at("overview").size() > 1000);
    CHECK(again.restoredNotice().find("已恢复") != std::string::npos);
}

TEST_CASE("a stored draft with one unreadable field restores the rest and names the field", "[ui][autosave]") {
    Headless h;
    FakePlatform p;
    std::string seed = seedJson();
    auto pos = seed.find("\"government\"");
    REQUIRE(pos != std::string::npos);
    p.stored = seed.replace(pos, 12, "\"公司\"");   // a value no loader accepts
    ui::App app(p, seedJson());
    h.frame(app, p, 2);
    CHECK(app.document().report().meta.agency == "青海省人民政府");
    CHECK(app.document().report().get("t4.review.total") == nb::fromInt(41));
    CHECK(app.restoredNotice().find("meta.agency_kind") != std::string::npos);
}

TEST_CASE("opening a page changed after it was made lists P-2 on the changed cell, until another report opens", "[ui][page]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    auto r = nb::loadReport(seedJson());
    REQUIRE(r.ok());
    std::string page = nb::renderHtml(*r.report);
    auto v = page.find("data-cell=\"t4.review.total\">41<");
    REQUIRE(v != std::string::npos);
    page.replace(v, std::string("data-cell=\"t4.review.total\">41<").size(), "data-cell=\"t4.review.total\">54<");
    REQUIRE(app.loadText(page, "青海.html").empty());
    h.frame(app, p, 2);
    const auto& fs = app.document().findings();
    REQUIRE_FALSE(fs.empty());
    CHECK(fs.front().code == "P-2");
    REQUIRE(app.document().mark("t4.review.total"));
    CHECK(app.document().mark("t4.review.total")->severity == nb::Severity::Error);
    CHECK(app.statusMessage().find("生成后被改动") != std::string::npos);
    REQUIRE(app.loadText(seedJson(), "").empty());
    for (const auto& f : app.document().findings()) CHECK(f.code.rfind("P-", 0) != 0);
}

TEST_CASE("the editor's grid places every value cell where the core table layout puts it", "[ui][layout]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    for (const std::string& fmt : nb::formatIds()) {
        INFO(fmt);
        REQUIRE(app.loadText(readFile(std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-" + fmt + ".json"), "").empty());
        h.frame(app, p, 3);
        const nb::Report& r = app.document().report();
        for (const nb::TableDef& t : r.format->tables) {
            nb::TableLayout l = nb::layoutTable(r, t);
            std::map<std::pair<int, int>, float> colX;   // (block, grid column) → x of cells starting there
            float lastY = -1;
            for (const auto& row : l.rows) {
                float rowY = -1;
                for (const auto& c : row.cells) {
                    if (c.kind != nb::LayoutKind::Value) continue;
                    const std::string& id = r.format->cells[static_cast<std::size_t>(c.cell)].id;
                    auto rc = app.itemRect(id);
                    REQUIRE(rc);
                    INFO(id);
                    auto key = std::make_pair(row.block, c.col);
                    if (colX.count(key)) CHECK(std::abs(colX[key] - rc->x) < 0.5f);   // one column, one x
                    else colX[key] = rc->x;
                    if (rowY < 0) rowY = rc->y;
                    CHECK(std::abs(rc->y - rowY) < 0.5f);                            // one row, one y
                    auto right = colX.find(std::make_pair(row.block, c.col + c.colspan));
                    if (right != colX.end()) CHECK(std::abs(rc->x + rc->w - right->second) < 0.5f);   // spans its columns
                }
                if (rowY >= 0) { CHECK(rowY > lastY); lastY = rowY; }
            }
            for (const auto& [k, x] : colX) {   // columns left to right
                auto next = colX.upper_bound(k);
                if (next != colX.end() && next->first.first == k.first) CHECK(next->second > x);
            }
        }
    }
}

TEST_CASE("新建 offers every format the core knows; a year picks its format and makes a report of it", "[ui][new-report]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    h.frame(app, p, 2);
    for (const std::string& id : nb::formatIds()) {
        const nb::Format& f = *nb::findFormat(id);
        INFO(f.label);
        REQUIRE(app.itemRect("button.new"));
        h.click(app, p, *app.itemRect("button.new"));
        h.frame(app, p, 2);
        if (app.itemRect("button.confirm")) { h.click(app, p, *app.itemRect("button.confirm")); h.frame(app, p, 2); }   // unsaved: 继续
        REQUIRE(app.itemRect("new.format." + id));              // the dialog lists it, from its file
        REQUIRE(app.itemRect("new.year"));
        h.click(app, p, *app.itemRect("new.year"));             // the year field, its digits selected
        h.type(app, p, std::to_string(f.yearMin).c_str());
        h.frame(app, p, 2);
        h.click(app, p, *app.itemRect("new.create"));
        h.frame(app, p, 2);
        const nb::Report& r = app.document().report();
        CHECK(r.format->id == id);                              // picked by the year alone
        CHECK(r.meta.year == f.yearMin);
        CHECK(app.statusMessage().find(f.label) != std::string::npos);
        for (const nb::Finding& fd : app.document().findings()) CHECK(fd.check != "format_year");   // R-2: the right format
        std::cout << "新建: " << f.label << "，" << f.yearMin << " 年度\n";   // tests/formats/new_format_test.sh reads this
    }
}
