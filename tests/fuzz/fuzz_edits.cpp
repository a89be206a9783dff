// fuzz_edits.cpp — libFuzzer target for "anything the UI accepts, the loader accepts": the bytes are a
// sequence of edits applied through the document model (ui/src/document.cpp, compiled in directly),
// each one an edit the form can make — cells with values the cell editor accepts, random UTF-8 in every
// meta and text field (dates and years as typed, before or after the form reads them), agency kind,
// format conversion, undo/redo. After every edit: check and render must not throw, and
// save → load (strict) → save must give the same bytes (what autosave stores, restore reads back).
#include "ui/document.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/meta_values.hpp"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

struct Bytes {
    const std::uint8_t* p;
    std::size_t n, i = 0;
    bool more() const { return i < n; }
    std::uint8_t byte() { return i < n ? p[i++] : 0; }
    // up to 40 bytes of text, made valid UTF-8 the way a text field hands it over (invalid → U+FFFD)
    std::string text() {
        std::size_t len = byte() % 41;
        std::string raw;
        for (std::size_t k = 0; k < len && more(); ++k) raw += static_cast<char>(byte());
        std::string out;
        for (std::size_t k = 0; k < raw.size();) {
            unsigned char c = static_cast<unsigned char>(raw[k]);
            std::size_t need = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
            bool ok = need > 0 && k + need <= raw.size();
            for (std::size_t j = 1; ok && j < need; ++j) ok = (static_cast<unsigned char>(raw[k + j]) & 0xC0) == 0x80;
            if (ok && need > 1) {   // no overlong forms, surrogates or code points beyond U+10FFFF
                char32_t cp = need == 2 ? (c & 0x1F) : need == 3 ? (c & 0x0F) : (c & 0x07);
                for (std::size_t j = 1; j < need; ++j) cp = (cp << 6) | (static_cast<unsigned char>(raw[k + j]) & 0x3F);
                ok = cp >= (need == 2 ? 0x80u : need == 3 ? 0x800u : 0x10000u) && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
            }
            if (ok && need == 1 && c == 0) ok = false;   // a text field never holds NUL
            if (ok) { out.append(raw, k, need); k += need; }
            else { out += "\xEF\xBF\xBD"; ++k; }
        }
        return out;
    }
};

[[noreturn]] void fail(const char* what, const std::string& detail = {}) {
    std::fprintf(stderr, "fuzz_edits: %s\n%s\n", what, detail.c_str());
    std::abort();
}

// cells the table editor can reach: the legacy （六） row only while it is in use, its three rows otherwise
bool reachable(const nb::Report& r, int cell) {
    const nb::CellDef& c = r.format->cells[static_cast<std::size_t>(cell)];
    const nb::TableDef* t = r.format->findTable(c.table);
    bool legacy = t && r.legacyInUse(*t);
    if (c.legacy) return legacy;
    if (legacy)
        for (int i : t->cells)
            for (int j : r.format->cells[static_cast<std::size_t>(i)].legacyOf)
                if (j == cell) return false;
    return true;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Bytes in{data, size};
    const nb::Format* start = nb::findFormat(nb::formatIds()[in.byte() % nb::formatIds().size()]);
    ui::Document d(*start);
    for (int step = 0; step < 64 && in.more(); ++step) {
        nb::Report& r = d.mutableReport();
        switch (in.byte() % 10) {
        case 0: {   // a cell, with what the cell editor accepts
            int cell = static_cast<int>((in.byte() << 8 | in.byte()) % r.format->cells.size());
            std::string typed = in.text();
            nb::Fixed v = 0;
            if (reachable(r, cell) && nb::readCellValue(r.format->cells[static_cast<std::size_t>(cell)], typed, v, true).empty())
                d.setCell(cell, v);
            break;
        }
        case 1: {
            int cell = static_cast<int>((in.byte() << 8 | in.byte()) % r.format->cells.size());
            d.setCell(cell, std::nullopt);
            break;
        }
        case 2: { nb::Report before = r; r.meta.agency = in.text(); d.fieldChanged(); d.commitFieldEdit(std::move(before)); break; }
        case 3: {   // 公开日期 as typed; the form reads it as a date once the field is left (either state is saved)
            nb::Report before = r;
            r.meta.published = in.text();
            d.fieldChanged();
            if (in.byte() & 1) r.meta.published = nb::normalizeDate(r.meta.published);
            d.commitFieldEdit(std::move(before));
            break;
        }
        case 4: {   // 报告年度 as the form reads it
            std::string typed = in.text();
            nb::Report next = r;
            next.meta.year = nb::parseYear(typed);
            next.meta.yearText = next.meta.year ? std::string() : nb::trimText(typed);
            d.replaceReport(std::move(next));
            break;
        }
        case 5: {
            static const char* kinds[] = {"", "government", "department"};
            nb::Report next = r;
            next.meta.agencyKind = kinds[in.byte() % 3];
            d.replaceReport(std::move(next));
            break;
        }
        case 6: {   // a text section
            const auto& secs = r.format->sections;
            const nb::SectionDef& s = secs[in.byte() % secs.size()];
            if (s.textKey.empty()) break;
            nb::Report before = r;
            r.text[s.textKey] = in.text();
            d.fieldChanged();
            d.commitFieldEdit(std::move(before));
            break;
        }
        case 7: (in.byte() & 1) ? (void)d.undo() : (void)d.redo(); break;
        case 8: {   // 转换为 N 年格式
            const nb::Format* to = nb::findFormat(nb::formatIds()[in.byte() % nb::formatIds().size()]);
            d.replaceReport(nb::convertReport(r, *to));
            break;
        }
        default: {   // a units choice where the cell asks for one
            for (const auto& c : r.format->cells)
                if (!c.units.empty()) {
                    nb::Report next = r;
                    next.units[c.id] = c.units[in.byte() % c.units.size()];
                    d.replaceReport(std::move(next));
                    break;
                }
        }
        }
        const nb::Report& now = d.report();
        std::string saved = nb::saveReport(now);
        nb::LoadResult back = nb::loadReport(saved);
        if (!back.ok()) fail("a state the UI reached does not load back", back.error.text() + "\n" + saved);
        std::string again = nb::saveReport(*back.report);
        if (again != saved) fail("save → load → save differs", saved + "\n----\n" + again);
        if (!in.more() || step % 8 == 7) {   // the slower consumers, often enough to see every kind of state
            (void)nb::checkReport(now);
            (void)nb::renderHtml(now);
        }
    }
    return 0;
}
