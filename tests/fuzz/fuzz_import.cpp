// fuzz_import.cpp — libFuzzer target for the importer: bytes → importFile (a page in any charset, a .docx,
// JSON) and, as a clipboard paste, importPastedTable into a blank 2021 report. Whatever it gives must be a
// report the loader accepts back unchanged (anything the app shows can be saved and reopened), and a failure
// must say why. A broken round trip calls abort().
#include "nianbao/import.hpp"
#include "nianbao/json_io.hpp"
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {
[[noreturn]] void fail(const char* what, const std::string& detail) {
    std::fprintf(stderr, "fuzz_import: %s\n%s\n", what, detail.c_str());
    std::abort();
}
void roundTrip(const nb::ImportResult& r) {
    if (!r.report) {
        if (r.error.empty()) fail("an import failed without saying why", "");
        return;
    }
    std::string saved = nb::saveReport(*r.report);
    nb::LoadResult back = nb::loadReport(saved);
    if (!back.ok()) fail("an imported report does not load back", back.error.text() + "\n" + saved);
    if (nb::saveReport(*back.report) != saved) fail("an imported report changed on reload", saved);
    (void)nb::importReportJson(r, "fuzz");
    (void)nb::importReportText(r, "fuzz");
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string bytes(reinterpret_cast<const char*>(data), size);
    roundTrip(nb::importFile(bytes, "fuzz.html"));
    static const nb::Report blank = nb::Report::blank(*nb::findFormat("2021"));
    roundTrip(nb::importPastedTable(blank, bytes, bytes));
    return 0;
}
