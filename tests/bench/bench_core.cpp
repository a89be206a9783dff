// bench_core.cpp — prints how fast the core is: full checks of the 青海 seed and of the complete
// 2021 report, loadReport / saveReport / renderHtml / renderDocx, importFile of the real published pages
// (the 355 KB Word-exported one among them), hostile inputs (a 50 MB text field, nesting
// 100000 deep, 100000 unknown keys) and peak memory. Every figure is the median of several
// repetitions after a warm-up, shown next to a baseline measured in the same run (nlohmann parse
// of the same file) so that machines can be compared. Budgets print OK / OVER budget; exit is 0.
#include "nianbao/check.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/import.hpp"
#include "nianbao/review.hpp"
#include "nianbao/json_io.hpp"
#include <nlohmann/json.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>
#ifdef __EMSCRIPTEN__
#include <emscripten/heap.h>
#else
#include <sys/resource.h>
#endif

namespace {

using Clock = std::chrono::steady_clock;
volatile std::size_t g_sink = 0;   // results go here so the optimiser keeps the work
int g_reps = 9;
constexpr int kSlowReps = 7;   // for the calls that take 0.1–2 s (hostile input, 1 MiB texts)
int g_ok = 0, g_over = 0;

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        std::fprintf(stderr, "bench_core: cannot read %s\n", path.c_str());
        std::exit(1);
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    std::size_t n = v.size();
    return n == 0 ? 0 : n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

template <class F> double timeN(F& f, long n) {
    auto t0 = Clock::now();
    for (long i = 0; i < n; ++i) f();
    return std::chrono::duration<double>(Clock::now() - t0).count();
}

// Seconds per call: a warm-up that also picks n (calls per repetition) so that one repetition
// lasts at least minRep seconds, then reps repetitions; the median of the per-call means.
template <class F> double perCall(F f, double minRep = 0.02, int reps = 0) {
    long n = 1;
    for (;;) {
        double t = timeN(f, n);
        if (t >= minRep || n >= (1L << 24)) break;
        long next = t <= 0 ? n * 10 : static_cast<long>(static_cast<double>(n) * minRep * 1.2 / t) + 1;
        n = std::min(std::max(next, n + 1), n * 100);
    }
    std::vector<double> v;
    for (int r = 0; r < (reps > 0 ? reps : g_reps); ++r) v.push_back(timeN(f, n) / static_cast<double>(n));
    return median(v);
}

std::string num(double v) {
    char b[64];
    double a = v < 0 ? -v : v;
    std::snprintf(b, sizeof b, a >= 1000 ? "%.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : "%.3f", v);
    return b;
}

// one aligned line: name  median  unit  [ratio to baseline]  (budget …)
void row(const std::string& name, double v, const char* unit, const std::string& ratio = "", const std::string& budget = "") {
    std::printf("%-56s %10s  %-4s  %-20s %s\n", name.c_str(), num(v).c_str(), unit, ratio.c_str(), budget.c_str());
}
std::string ratio(double v, double base, const char* baseName) {
    return base > 0 ? "= " + num(v / base) + "x " + baseName : "";
}
std::string budget(double v, double limit, const char* unit) {
    bool ok = v < limit;
    (ok ? g_ok : g_over)++;
    char b[32];
    std::snprintf(b, sizeof b, "%g", limit);
    return std::string("(budget < ") + b + " " + unit + ": " + (ok ? "OK" : "OVER budget") + ")";
}
void note(const std::string& s) { std::printf("  # %s\n", s.c_str()); }
void section(const char* s) { std::printf("\n== %s\n", s); }

// peak memory in MB: the process's maximum RSS natively, the wasm heap (it only grows) under node
double peakMemMB() {
#ifdef __EMSCRIPTEN__
    return static_cast<double>(emscripten_get_heap_size()) / (1024.0 * 1024.0);
#else
    rusage ru{};
    getrusage(RUSAGE_SELF, &ru);
    return static_cast<double>(ru.ru_maxrss) / 1024.0;   // Linux: KiB
#endif
}
const char* memName() {
#ifdef __EMSCRIPTEN__
    return "wasm heap size";
#else
    return "peak RSS (ru_maxrss)";
#endif
}

// an error message shortened to about n bytes without cutting a UTF-8 character
std::string shorten(const std::string& s, std::size_t n = 110) {
    if (s.size() <= n) return s;
    std::size_t i = n;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    return s.substr(0, i) + "…";
}

nb::Report mustLoad(const std::string& text, const std::string& what) {
    auto r = nb::loadReport(text);
    if (!r.ok()) {
        std::fprintf(stderr, "bench_core: %s does not load: %s\n", what.c_str(), r.error.text().c_str());
        std::exit(1);
    }
    return std::move(*r.report);
}

void benchReport(const std::string& label, const std::string& path) {
    const std::string text = readFile(path);
    const nb::Report r = mustLoad(text, path);
    nb::Report prev = r;                       // last year's report: the same one, a year earlier
    if (prev.meta.year) prev.meta.year = *prev.meta.year - 1;
    section((label + "  (" + path + ", " + std::to_string(text.size()) + " bytes)").c_str());

    const double parse = perCall([&] { g_sink = g_sink + nlohmann::json::parse(text).size(); });
    row("baseline: nlohmann::json::parse " + label, parse * 1e6, "us", "= 1x parse");
    const double copy = perCall([&] { nb::Report c = r; g_sink = g_sink + c.cells.size(); });
    row("baseline: copy the Report " + label, copy * 1e6, "us", ratio(copy, parse, "parse"));

    std::size_t nFind = 0, nFindPrev = 0;
    const double check = perCall([&] { auto fs = nb::checkReport(r); nFind = fs.size(); g_sink = g_sink + fs.size(); });
    row("check " + label + " (one full check)", check * 1e6, "us", ratio(check, parse, "parse"), budget(check * 1e6, 1000, "us"));
    row("check " + label + " (full checks per second)", 1.0 / check, "/s");
    const double checkPrev = perCall([&] { auto fs = nb::checkReport(r, &prev); nFindPrev = fs.size(); g_sink = g_sink + fs.size(); });
    row("check " + label + " with previous year", checkPrev * 1e6, "us", ratio(checkPrev, parse, "parse"), budget(checkPrev * 1e6, 1000, "us"));
    note(std::to_string(nFind) + " findings; " + std::to_string(nFindPrev) + " with the previous year (same report, year - 1)");

    // the text sections at their largest accepted size (json_io: kMaxTextBytes each): the UI re-checks
    // the whole report on every keystroke in a text field, so this is the worst live-check cost
    nb::Report big = r;
    for (auto& [key, t] : big.text) {
        std::string seedText = t.empty() ? std::string("政府信息公开。") : t;
        std::string grown;
        while (grown.size() + seedText.size() <= nb::kMaxTextBytes) grown += seedText;
        t = grown;
    }
    nb::Report bigPrev = big;
    if (bigPrev.meta.year) bigPrev.meta.year = *bigPrev.meta.year - 1;
    const double checkBig = perCall([&] { g_sink = g_sink + nb::checkReport(big).size(); }, 0, kSlowReps);
    row("check " + label + ", text sections at 1 MiB", checkBig * 1e3, "ms", ratio(checkBig, parse, "parse"), budget(checkBig * 1e3, 16.7, "ms"));
    const double checkBigPrev = perCall([&] { g_sink = g_sink + nb::checkReport(big, &bigPrev).size(); }, 0, kSlowReps);
    row("check " + label + ", 1 MiB texts, with previous", checkBigPrev * 1e3, "ms", ratio(checkBigPrev, parse, "parse"), budget(checkBigPrev * 1e3, 16.7, "ms"));

    const double load = perCall([&] { auto res = nb::loadReport(text); g_sink = g_sink + res.ok(); });
    row("loadReport " + label, load * 1e6, "us", ratio(load, parse, "parse"), budget(load * 1e3, 10, "ms"));
    std::size_t saved = 0;
    const double save = perCall([&] { auto s = nb::saveReport(r); saved = s.size(); g_sink = g_sink + s.size(); });
    row("saveReport " + label, save * 1e6, "us", ratio(save, parse, "parse"), budget(save * 1e3, 10, "ms"));
    std::size_t page = 0;
    const double render = perCall([&] { auto h = nb::renderHtml(r); page = h.size(); g_sink = g_sink + h.size(); });
    row("renderHtml " + label, render * 1e6, "us", ratio(render, parse, "parse"), budget(render * 1e3, 50, "ms"));
    row("renderHtml " + label + " page size", static_cast<double>(page) / 1024.0, "KiB", "", budget(static_cast<double>(page) / 1024.0, 1024, "KiB"));
    row("saveReport " + label + " JSON size", static_cast<double>(saved) / 1024.0, "KiB");
    std::size_t docxSize = 0;
    const double docx = perCall([&] { auto d = nb::renderDocx(r); docxSize = d.size(); g_sink = g_sink + d.size(); });
    row("renderDocx " + label, docx * 1e6, "us", ratio(docx, parse, "parse"), budget(docx * 1e3, 20, "ms"));
    row("renderDocx " + label + " file size", static_cast<double>(docxSize) / 1024.0, "KiB");
}

// a real published page brought in: the whole import (charset, libxml2's parse, recognition, the report)
void benchImport() {
    section("import of real published pages (tests/data/real-pages)");
    for (const char* name : {"pingtan-2021", "pingtan-2024", "shanghai-2019"}) {
        const std::string base = std::string(NIANBAO_SHARED_DIR) + "/real-pages/" + name;
        const std::string page = readFile(base + ".html"), json = readFile(base + ".json");
        const double parse = perCall([&] { g_sink = g_sink + nlohmann::json::parse(json).size(); });
        std::size_t cells = 0;
        const double t = perCall([&] {
            nb::ImportResult r = nb::importFile(page, name);
            cells = r.cells.size();
            g_sink = g_sink + cells;
        });
        row(std::string("importFile ") + name + " (" + num(static_cast<double>(page.size()) / 1024.0) + " KiB, " +
                std::to_string(cells) + " cells)", t * 1e3, "ms", ratio(t, parse, "parse"), budget(t * 1e3, 50, "ms"));
    }
}

// 审核 of 300 reports (the real reports and fixtures, cycled): read, verified, checked — what the review
// table does per file; baseline: nlohmann's parse of the same texts
void benchReview() {
    section("审核: 300 reports reviewed (reviewFile each)");
    std::vector<std::string> texts;
    for (const char* rel : {"/real-reports/hongze-2023.json", "/real-reports/hongze-2024.json", "/real-reports/huaian-2024.json",
                            "/real-reports/jinhu-2023.json", "/real-reports/suqian-2023.json", "/real-reports/suqian-2024.json",
                            "/real-pages/pingtan-2021.json", "/real-pages/pingtan-2024.json", "/real-pages/shanghai-2019.json",
                            "/seed/qinghai-2019.json"})
        texts.push_back(readFile(std::string(NIANBAO_SHARED_DIR) + rel));
    const double parse = perCall([&] { for (int i = 0; i < 300; ++i) g_sink = g_sink + nlohmann::json::parse(texts[static_cast<std::size_t>(i) % texts.size()]).size(); }, 0.02, 5);
    const double t = perCall([&] {
        for (int i = 0; i < 300; ++i) {
            nb::ReviewRow r = nb::reviewFile(texts[static_cast<std::size_t>(i) % texts.size()], "r.json");
            g_sink = g_sink + static_cast<std::size_t>(r.errors + r.warnings);
        }
    }, 0.02, 5);
    row("reviewFile x 300", t * 1e3, "ms", ratio(t, parse, "parse"), budget(t * 1e3, 500, "ms"));
}

struct Hostile { std::string name, text; };

void benchHostile(const std::string& seedText) {
    section("hostile input (each must fail fast with a clear message, or load)");
    std::vector<Hostile> cases;
    {
        nlohmann::json j = nlohmann::json::parse(seedText);
        std::string big;
        const std::string unit = "政府信息公开工作年度报告。";   // 39 bytes
        big.reserve(50u * 1000 * 1000 + unit.size());
        while (big.size() < 50u * 1000 * 1000) big += unit;
        j["text"]["overview"] = std::move(big);
        cases.push_back({"50 MB text field", j.dump()});
    }
    {
        const int depth = 100000;
        std::string t = R"({"nianbao": 1, "format": "2019", "deep": )";
        t.append(depth, '[');
        t.append(depth, ']');
        t += "}";
        cases.push_back({"nesting depth 100000", std::move(t)});
    }
    {
        nlohmann::json j = nlohmann::json::parse(seedText);
        char key[32];
        for (int i = 0; i < 100000; ++i) {
            std::snprintf(key, sizeof key, "unknown_%06d", i);
            j[key] = i;
        }
        cases.push_back({"100000 unknown keys", j.dump()});
    }
    for (const auto& c : cases) {
        const double accept = perCall([&] { g_sink = g_sink + nlohmann::json::accept(c.text); }, 0, kSlowReps);
        nb::LoadResult res;
        const double load = perCall([&] { res = nb::loadReport(c.text); g_sink = g_sink + res.ok(); }, 0, kSlowReps);
        row("baseline: nlohmann::json::accept, " + c.name, accept * 1e3, "ms", "= 1x accept");
        row("loadReport " + c.name, load * 1e3, "ms", ratio(load, accept, "accept"), budget(load, 2, "s"));
        std::string outcome;
        if (res.ok()) {
            outcome = "loaded; " + std::to_string(res.report->extra.size()) + " unknown top-level keys kept";
            // what keeping them costs afterwards
            const double save = perCall([&] { g_sink = g_sink + nb::saveReport(*res.report).size(); }, 0, kSlowReps);
            const double check = perCall([&] { g_sink = g_sink + nb::checkReport(*res.report).size(); }, 0, kSlowReps);
            row("  then saveReport", save * 1e3, "ms", ratio(save, accept, "accept"), budget(save, 2, "s"));
            row("  then checkReport (the seed's texts + those keys)", check * 1e3, "ms", ratio(check, accept, "accept"));
        } else {
            outcome = "error: " + res.error.message + (res.error.path.empty() ? "" : "  (at " + shorten(res.error.path, 40) + ")");
        }
        note(std::to_string(c.text.size()) + " bytes -> " + outcome);
    }
    cases.clear();
    row(std::string(memName()) + " after hostile input", peakMemMB(), "MB", "", budget(peakMemMB(), 512, "MB"));
}

} // namespace

int main(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--reps") && i + 1 < argc) g_reps = std::max(7, std::atoi(argv[++i]));
        else {
            std::fprintf(stderr, "usage: bench_core [--reps N]   (N >= 7, default 9)\n");
            return 2;
        }
    }
#ifdef __EMSCRIPTEN__
    std::printf("bench_core: wasm32 (emscripten %d.%d.%d) under node", __EMSCRIPTEN_major__, __EMSCRIPTEN_minor__, __EMSCRIPTEN_tiny__);
#else
    std::printf("bench_core: native %s", __VERSION__);
#endif
#ifdef NDEBUG
    std::printf(", NDEBUG");
#endif
    std::printf("\nmedian of %d repetitions (%d for the slow calls) after a warm-up; 'x parse' = this / nlohmann parse of the same file\n",
                g_reps, kSlowReps);
    std::printf("%-56s %10s  %-4s  %-20s %s\n", "name", "median", "unit", "vs baseline", "budget");

    const std::string seedPath = std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json";
    benchReport("qinghai-2019", seedPath);
    benchReport("complete-2021", std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-2021.json");
    benchImport();
    benchReview();
    section("memory");
    row(std::string(memName()) + " before hostile input", peakMemMB(), "MB", "", budget(peakMemMB(), 512, "MB"));
    benchHostile(readFile(seedPath));
    std::printf("\nbudgets: %d OK, %d OVER budget%s\n", g_ok, g_over, g_over ? "  <-- see the lines above" : "");
    return 0;   // a benchmark: the figures are the result
}
