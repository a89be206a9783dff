// text_fields_test.cpp — the free-text fields headless: the drawn view's line breaking (text_layout) and
// the native-field protocol (a click opens the field with the caret on the character clicked, typing
// re-checks after a pause, leaving is one undo step, Tab goes on to the next field, 根据表格生成 inserts
// at the caret it was left with).
#include "headless.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/text_from_tables.hpp"
#include "ui/text_layout.hpp"

namespace {
// ImGui's default font has no Chinese glyphs: each one is the fallback glyph, of one width
float advanceOf(unsigned int c) { return ImGui::GetIO().Fonts->Fonts[0]->GetCharAdvance(static_cast<ImWchar>(c)); }
std::string lineText(const ui::TextLayout& l, std::size_t i) { return l.text.substr(l.lines[i].begin, l.lines[i].end - l.lines[i].begin); }
}

TEST_CASE("prose is broken into lines as a browser textarea breaks it", "[ui][text]") {
    Headless h;
    const ImFont& font = *ImGui::GetIO().Fonts->Fonts[0];
    const float size = font.FontSize, w = advanceOf(0x4E2D);
    ui::TextLayout l;
    SECTION("between Chinese characters at the width, never with a closing mark first on a line") {
        ui::layoutText(l, font, size, "一二三四五，六七", 5 * w + 1);
        REQUIRE(l.lines.size() == 2);
        CHECK(lineText(l, 0) == "一二三四");         // 五 goes down with the ，that may not start a line
        CHECK(lineText(l, 1) == "五，六七");
    }
    SECTION("never after an opening bracket") {
        ui::layoutText(l, font, size, "一二三四《五》", 5 * w + 1);
        REQUIRE(l.lines.size() == 2);
        CHECK(lineText(l, 0) == "一二三四");
        CHECK(lineText(l, 1) == "《五》");
    }
    SECTION("Latin words stay whole; spaces hang at the line's end; a paragraph break always breaks") {
        const float a = advanceOf('a');
        ui::layoutText(l, font, size, "abc defgh\n\nij", 6 * a);
        REQUIRE(l.lines.size() == 4);
        CHECK(lineText(l, 0) == "abc ");
        CHECK(lineText(l, 1) == "defgh");
        CHECK(lineText(l, 2).empty());
        CHECK(lineText(l, 3) == "ij");
        ui::layoutText(l, font, size, "abcdefghij", 4 * a);   // a word wider than a line breaks inside
        CHECK(l.lines.size() == 3);
    }
    SECTION("the caret lands before the character whose left half was clicked") {
        ui::layoutText(l, font, size, "一二三\n四五", 100 * w);
        CHECK(ui::caretAt(l, font, size, 0, 0) == 0);
        CHECK(ui::caretAt(l, font, size, 0, 1.4f * w) == 3);    // right half of 一: after it (UTF-8: 3 bytes)
        CHECK(ui::caretAt(l, font, size, 0, 99 * w) == 9);      // past the end of the line: its end
        CHECK(ui::caretAt(l, font, size, 1, 0.6f * w) == 13);   // second line, after 四
        CHECK(ui::caretAt(l, font, size, 7, 0) == l.text.size());
        CHECK(ui::caretAt(l, font, size, -1, 0) == 0);
    }
    SECTION("an empty text is one empty line, and a broken byte is kept as a character") {
        ui::layoutText(l, font, size, "", 50);
        CHECK(l.lines.size() == 1);
        ui::layoutText(l, font, size, "a\xff" "b", 1000);
        CHECK(lineText(l, 0) == "a\xff" "b");
    }
}

TEST_CASE("a text section is written in a native field: caret where clicked, live check, one undo step per visit", "[ui][text]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    h.frame(app, p, 3);
    const nb::Report& r = app.document().report();
    const std::string before = r.text.at("overview");
    auto rect = app.itemRect("text.overview");
    REQUIRE(rect);
    // a click on the third line of the drawn text: the field opens over it with the caret there
    h.clickAt(app, p, rect->x + 60, rect->y + 6 + ImGui::GetFontSize() * 1.5f * 2.5f);
    REQUIRE(p.field);
    CHECK(p.field->id == "text.overview");
    CHECK(p.field->multiline);
    CHECK(p.fieldText == before);
    CHECK(p.fieldCaret > 20);
    CHECK(p.fieldCaret < before.size());
    CHECK((static_cast<unsigned char>(before[p.fieldCaret]) & 0xC0) != 0x80);   // on a character boundary
    CHECK(std::abs(p.field->rect.y - rect->y) < 1);
    CHECK(app.openFieldId() == "text.overview");
    // typing: the report follows at once, the findings after a pause
    const std::size_t caret = p.fieldCaret;
    std::string typed = before.substr(0, caret) + "收到申请 999999 件" + before.substr(caret);
    std::size_t findingsBefore = app.document().findings().size();
    app.onTextInput("text.overview", typed);
    CHECK(app.document().report().text.at("overview") == typed);
    CHECK(app.nextTimerMs() >= 0);
    h.frame(app, p, 3);                                   // 300 ms later: re-checked
    CHECK(app.document().findings().size() >= findingsBefore);
    // leaving with Tab: one undo step, and on to the next free-text field
    app.onTextLeave("text.overview", ui::LeaveBy::Tab, caret, 0);
    h.frame(app, p, 2);
    REQUIRE(p.field);
    CHECK(p.field->id != "text.overview");
    CHECK(p.field->id.rfind("text.", 0) == 0);
    app.onTextLeave(p.field->id, ui::LeaveBy::Escape, 0, 0);
    CHECK_FALSE(p.field);
    CHECK(app.document().report().text.at("overview") == typed);
    REQUIRE(const_cast<ui::Document&>(app.document()).undo());
    CHECK(app.document().report().text.at("overview") == before);
    // a late event of a field already left changes nothing
    app.onTextInput("text.overview", "lost");
    CHECK(app.document().report().text.at("overview") == before);
}

TEST_CASE("根据表格生成 inserts at the caret the field was left with, and the field opens again after it", "[ui][text][summary]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    h.frame(app, p, 3);
    const std::string before = app.document().report().text.at("overview");
    h.click(app, p, *app.itemRect("text.overview"));
    REQUIRE(p.field);
    app.onTextLeave("text.overview", ui::LeaveBy::Elsewhere, 4, 0);   // the click on the button left the field: "2019|"
    h.click(app, p, *app.itemRect("button.generate"));
    h.frame(app, p, 2);
    const std::string sentences = nb::sentencesFromTables(app.document().report());
    REQUIRE_FALSE(sentences.empty());
    CHECK(app.document().report().text.at("overview") == before.substr(0, 4) + sentences + before.substr(4));
    REQUIRE(p.field);
    CHECK(p.field->id == "text.overview");
    CHECK(p.fieldCaret == 4 + sentences.size());
}

TEST_CASE("the report changed under an open field (a file opened): the field closes and nothing is mixed", "[ui][text]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    h.frame(app, p, 3);
    h.click(app, p, *app.itemRect("meta.agency"));
    REQUIRE(p.field);
    CHECK_FALSE(p.field->multiline);
    app.onTextInput("meta.agency", "某县人民政府");
    std::string other = seedJson();
    other.replace(other.find("青海省人民政府"), std::string("青海省人民政府").size(), "西宁市人民政府");
    REQUIRE(app.loadText(other, "x.json").empty());
    h.frame(app, p, 2);
    CHECK_FALSE(p.field);
    CHECK(app.openFieldId().empty());
    CHECK(app.document().report().meta.agency == "西宁市人民政府");
    app.onTextInput("meta.agency", "某县人民政府");     // the closed field's last event is ignored
    CHECK(app.document().report().meta.agency == "西宁市人民政府");
}

TEST_CASE("Ctrl+O while writing: the field's visit ends before the dialog, which it would cover", "[ui][text]") {
    Headless h;
    FakePlatform p;
    ui::App app(p, seedJson());
    REQUIRE(app.loadText(seedJson(), "").empty());
    h.frame(app, p, 3);
    h.click(app, p, *app.itemRect("meta.agency"));
    REQUIRE(p.field);
    app.onTextInput("meta.agency", "某县人民政府");
    app.openFile();                                     // what Ctrl+O calls: unsaved, so it asks first
    CHECK_FALSE(p.field);
    CHECK(app.openFieldId().empty());
    CHECK(app.document().report().meta.agency == "某县人民政府");   // kept, as one undo step
    REQUIRE(const_cast<ui::Document&>(app.document()).undo());
    CHECK(app.document().report().meta.agency == "青海省人民政府");
}
