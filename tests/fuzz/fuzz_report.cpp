// fuzz_report.cpp — libFuzzer target for the report pipeline: bytes → loadReportOrPage → (if it loads)
// checkReport (alone and against itself as last year) → renderHtml → saveReport, then two round trips
// that must hold for every loadable input: save → load → save is byte-identical and keeps every value,
// and the rendered page loads back to the same report. A broken round trip calls abort().
#include "nianbao/check.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

[[noreturn]] void fail(const char* what, const std::string& a, const std::string& b) {
    std::fprintf(stderr, "fuzz_report: %s\n--- first ---\n%s\n--- second ---\n%s\n", what, a.c_str(), b.c_str());
    std::abort();
}

// Everything a report holds, compared field by field (saveReport equality alone would not notice a
// value that changed during the first save and then stayed put).
void sameReport(const nb::Report& a, const nb::Report& b, const std::string& sa, const std::string& sb) {
    if (a.format != b.format) fail("format changed on reload", sa, sb);
    if (a.cells != b.cells) {
        for (std::size_t i = 0; i < a.cells.size(); ++i)
            if (a.cells[i] != b.cells[i]) {
                std::string va = a.cells[i] ? nb::formatDecimal(*a.cells[i]) : "blank";
                std::string vb = b.cells[i] ? nb::formatDecimal(*b.cells[i]) : "blank";
                std::fprintf(stderr, "fuzz_report: cell %s: %s became %s\n", a.format->cells[i].id.c_str(), va.c_str(), vb.c_str());
            }
        fail("cell values changed on reload", sa, sb);
    }
    if (a.meta.agency != b.meta.agency || a.meta.agencyKind != b.meta.agencyKind || a.meta.year != b.meta.year ||
        a.meta.published != b.meta.published)
        fail("meta changed on reload", sa, sb);
    if (a.text != b.text) fail("text changed on reload", sa, sb);
    if (a.units != b.units) fail("units changed on reload", sa, sb);
    using nlohmann::json;
    if (a.meta.extra.dump(-1, ' ', false, json::error_handler_t::replace) != b.meta.extra.dump(-1, ' ', false, json::error_handler_t::replace) ||
        a.extra.dump(-1, ' ', false, json::error_handler_t::replace) != b.extra.dump(-1, ' ', false, json::error_handler_t::replace))
        fail("unknown (kept) fields changed on reload", sa, sb);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    nb::LoadResult res = nb::loadReportOrPage(text);
    if (!res.ok()) {
        // the message goes into `nianbao check --json` output: it must be valid UTF-8
        std::string msg = res.error.text();
        try {
            (void)nlohmann::json(msg).dump();
        } catch (const nlohmann::json::exception&) {
            fail("load error message is not valid UTF-8", std::string(text), msg);
        }
        return 0;
    }
    const nb::Report& r = *res.report;
    auto findings = nb::checkReport(r);
    auto findingsPrev = nb::checkReport(r, &r);
    (void)nb::findingsToJson(findings, "fuzz.json").dump();
    (void)nb::findingsToJson(findingsPrev).dump();
    std::string page = nb::renderHtml(r);
    (void)nb::renderHtml(r, nb::RenderOptions{false});

    std::string saved = nb::saveReport(r);
    nb::LoadResult again = nb::loadReport(saved);
    if (!again.ok()) fail(("saved report does not load: " + again.error.text()).c_str(), std::string(text), saved);
    std::string savedAgain = nb::saveReport(*again.report);
    if (saved != savedAgain) fail("save → load → save is not identical", saved, savedAgain);
    sameReport(r, *again.report, saved, savedAgain);

    nb::LoadResult fromPage = nb::loadReportOrPage(page);
    if (!fromPage.ok()) fail(("rendered page does not load: " + fromPage.error.text()).c_str(), saved, page);
    std::string savedPage = nb::saveReport(*fromPage.report);
    if (saved != savedPage) fail("page → load → save differs from the report", saved, savedPage);
    return 0;
}
