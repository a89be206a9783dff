// fuzz_paste.cpp — libFuzzer target for the block-paste planner of the table editor (ui/src/table_grid.cpp):
// the first bytes choose a table of a blank 2021 report (mostly 表三) and a (row, column) to paste at,
// the rest is the clipboard text. Checks splitBlock's shape and that an accepted plan sets every
// pasted cell, only cells of the grid, with values those cells accept, and that errors stay UTF-8.
#include "table_grid.hpp"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {
std::size_t cellCount(const std::vector<std::vector<std::string>>& block) {
    std::size_t n = 0;
    for (const auto& br : block) n += br.size();
    return n;
}
bool validUtf8(std::string_view s) {
    try {
        (void)nlohmann::json(std::string(s)).dump();
        return true;
    } catch (const nlohmann::json::exception&) {
        return false;
    }
}
[[noreturn]] void fail(const char* what) {
    std::fprintf(stderr, "fuzz_paste: %s\n", what);
    std::abort();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const nb::Format* f = nb::findFormat("2021");
    static const nb::Report blank = nb::Report::blank(*f);
    if (size < 3) return 0;
    // byte 0: table (t3 unless the low bits say otherwise); bytes 1–2: row and column, a little
    // beyond the grid on every side so the bounds checks are exercised too (the UI passes only
    // positions of shown cells, so the column is never negative).
    const char* tableId = (data[0] & 3) == 1 ? "t2" : (data[0] & 3) == 2 ? "t4" : "t3";
    const nb::TableDef* t = f->findTable(tableId);
    if (!t) fail("no table");
    nb::Report r = blank;
    if ((data[0] & 4) && !r.set("t3.3.6.natural", nb::fromInt(1)))   // the legacy （六） row: a different grid
        fail("no legacy cell t3.3.6.natural");
    ui::TableGrid g = ui::buildGrid(r, *t);
    int nrows = static_cast<int>(g.rows.size());
    int row = static_cast<int>(data[1] % (nrows + 3)) - 1;
    int col = static_cast<int>(data[2] % 12);
    std::string_view text(reinterpret_cast<const char*>(data + 3), size - 3);

    auto block = ui::splitBlock(text);
    for (const auto& br : block)
        if (br.empty()) fail("splitBlock returned an empty row");
    std::size_t chars = 0;
    for (const auto& br : block)
        for (const auto& c : br) chars += c.size();
    if (chars > text.size()) fail("splitBlock returned more text than it was given");

    ui::PastePlan plan = ui::planPaste(r, g, row, col, text);
    // the editor shows plan.error: from valid UTF-8 text it must make valid UTF-8 (cells are quoted in it)
    if (!plan.error.empty() && validUtf8(text) && !validUtf8(plan.error)) fail("plan.error is not valid UTF-8");
    // a refused plan is never applied (App::onPaste shows plan.error instead); note that after a
    // too-wide row, values may still hold the rows before it, so nothing is checked about them
    if (!plan.error.empty()) return 0;
    if (block.empty()) fail("an empty paste was accepted");
    if (plan.values.size() != cellCount(block)) fail("an accepted plan does not set every pasted cell");
    for (const auto& [idx, v] : plan.values) {
        if (idx < 0 || static_cast<std::size_t>(idx) >= f->cells.size()) fail("cell index out of range");
        if (!g.locate(idx)) fail("plan names a cell that is not in the grid");
        if (v && !nb::cellValueProblem(f->cells[static_cast<std::size_t>(idx)], *v).empty()) fail("plan has a value the cell refuses");
    }
    return 0;
}
