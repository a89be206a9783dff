// check_test.cpp — the rule engine on real data: the seed's one real error, what a careful checker
// finds in each real report (../shared/real-reports/README.md), cross-year checks, and messages.
#include "test_util.hpp"
#include <algorithm>

namespace {
using nb::Finding;
using nb::Severity;

std::vector<Finding> of(const std::vector<Finding>& fs, Severity s) {
    std::vector<Finding> out;
    for (const auto& f : fs) if (f.severity == s) out.push_back(f);
    return out;
}
std::vector<std::string> codes(const std::vector<Finding>& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.code);
    return out;
}
std::vector<Finding> checkFile(const std::string& name, const std::string& prev = "") {
    auto r = testutil::load(testutil::sharedDir() + "/real-reports/" + name);
    if (prev.empty()) return nb::checkReport(r);
    auto p = testutil::load(testutil::sharedDir() + "/real-reports/" + prev);
    return nb::checkReport(r, &p);
}
} // namespace

TEST_CASE("the 青海 2019 example has exactly one error: 行政复议 总计", "[check][seed]") {
    auto r = testutil::load(testutil::seedPath());
    auto fs = nb::checkReport(r);
    auto errors = of(fs, Severity::Error);
    REQUIRE(errors.size() == 1);
    const Finding& e = errors[0];
    CHECK(e.code == "T4-1");
    CHECK(std::find(e.cells.begin(), e.cells.end(), "t4.review.total") != e.cells.end());
    CHECK(e.expected == nb::fromInt(54));
    CHECK(e.actual == nb::fromInt(41));
    CHECK(e.difference == nb::fromInt(-13));
    CHECK(e.message == "表四 行政复议 总计：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 54，填报 41，相差 13");
    REQUIRE(e.fixes.size() == 1);
    CHECK(e.fixes[0].cell == "t4.review.total");
    CHECK(e.fixes[0].value == nb::fromInt(54));
    // warnings only for what is really blank: one grouped warning per table
    auto warnings = of(fs, Severity::Warning);
    CHECK(codes(warnings) == std::vector<std::string>{"C-2", "C-2"});
    CHECK(warnings[0].message.rfind("表二有 4 个单元格未填写", 0) == 0);
    CHECK(warnings[1].cells.size() == 101);
}

TEST_CASE("errors come first, and applying the suggested value fixes the finding", "[check]") {
    auto r = testutil::load(testutil::seedPath());
    auto fs = nb::checkReport(r);
    CHECK(fs.front().severity == Severity::Error);
    REQUIRE(fs.front().fixes.size() == 1);
    r.set(fs.front().fixes[0].cell, fs.front().fixes[0].value);
    CHECK(of(nb::checkReport(r), Severity::Error).empty());
}

TEST_CASE("real reports: what a careful checker finds, and no crying wolf", "[check][real]") {
    SECTION("hongze-2023: the two 表四 errors, the legacy （六） row warning") {
        auto fs = checkFile("hongze-2023.json");
        auto errors = of(fs, Severity::Error);
        REQUIRE(codes(errors) == std::vector<std::string>{"T4-1", "T4-3"});
        CHECK(errors[0].expected == nb::fromInt(11));
        CHECK(errors[0].actual == nb::fromInt(0));
        CHECK(errors[1].expected == nb::fromInt(5));
        CHECK(codes(of(fs, Severity::Warning)) == std::vector<std::string>{"T3-8"});
    }
    SECTION("hongze-2024: legacy row, and the text's 17 件 against 95 is a warning") {
        auto fs = checkFile("hongze-2024.json");
        CHECK(of(fs, Severity::Error).empty());
        auto w = of(fs, Severity::Warning);
        REQUIRE(codes(w) == std::vector<std::string>{"T3-7", "T3-8"});
        CHECK(w[0].actual == nb::fromInt(17));
        CHECK(w[0].expected == nb::fromInt(95));
        CHECK(w[0].message.find("区政府办代表区政府受理政府信息公开申请17件") != std::string::npos);
    }
    SECTION("huaian-2024: every figure of the text matches") {
        auto fs = checkFile("huaian-2024.json");
        CHECK(of(fs, Severity::Error).empty());
        CHECK(of(fs, Severity::Warning).empty());
    }
    SECTION("suqian-2023: 共收办 3607 = 本年新收 + 上年结转 is not a mismatch") {
        auto fs = checkFile("suqian-2023.json");
        CHECK(of(fs, Severity::Error).empty());
        CHECK(of(fs, Severity::Warning).empty());
    }
    SECTION("suqian-2024: city-wide case counts in the text are warnings at most") {
        auto fs = checkFile("suqian-2024.json");
        CHECK(of(fs, Severity::Error).empty());
        auto w = of(fs, Severity::Warning);
        REQUIRE(codes(w) == std::vector<std::string>{"T3-7", "T3-7"});
        CHECK(w[0].actual == nb::fromInt(134));
        CHECK(w[0].expected == nb::fromInt(170));
        CHECK(w[1].actual == nb::fromInt(57));
        CHECK(w[1].expected == nb::fromInt(77));
    }
    SECTION("jinhu-2023: no text, so its three empty sections are errors; tables clean") {
        auto fs = checkFile("jinhu-2023.json");
        CHECK(codes(of(fs, Severity::Error)) == std::vector<std::string>{"R-1", "R-1", "R-1"});
        CHECK(of(fs, Severity::Warning).empty());
    }
    SECTION("suqian 2023 → 2024: 上年结转 and the 表二 stock hold year to year") {
        auto fs = checkFile("suqian-2024.json", "suqian-2023.json");
        for (const auto& f : fs) {
            INFO(f.message);
            CHECK(f.code != "T3-6");
            CHECK(f.code != "T2-3");
            CHECK(f.code != "T2-4");
        }
    }
    SECTION("hongze 2023 → 2024: 现行有效 5 + 3 − 0 = 8 holds") {
        for (const auto& f : checkFile("hongze-2024.json", "hongze-2023.json")) CHECK(f.code != "T2-3");
    }
}

TEST_CASE("cross-year: a wrong 上年结转 is a warning with the suggested value", "[check][previous]") {
    auto prev = testutil::load(testutil::sharedDir() + "/real-reports/suqian-2023.json");
    auto cur = testutil::load(testutil::sharedDir() + "/real-reports/suqian-2024.json");
    cur.set("t3.2.natural", nb::fromInt(7));
    auto fs = nb::checkReport(cur, &prev);
    auto it = std::find_if(fs.begin(), fs.end(), [](const Finding& f) { return f.code == "T3-6"; });
    REQUIRE(it != fs.end());
    CHECK(it->severity == Severity::Warning);
    REQUIRE(it->fixes.size() == 1);
    CHECK(it->fixes[0].cell == "t3.2.natural");
    CHECK(it->fixes[0].value == prev.get("t3.4.natural"));
    CHECK(it->message.find("上年") != std::string::npos);
}

TEST_CASE("cross-year works from a 2019-format report to a 2021-format one", "[check][previous]") {
    auto prev = testutil::load(testutil::seedPath());   // 2019 format: 结转下年度 is 0 in every column
    auto cur = testutil::load(testutil::sharedDir() + "/real-reports/huaian-2024.json");
    std::vector<std::string> want;
    for (const char* c : {"natural", "commercial", "research", "social", "legal", "other", "total"})
        if (cur.get(std::string("t3.2.") + c).value_or(0) != 0) want.push_back(std::string("t3.2.") + c);
    REQUIRE_FALSE(want.empty());
    std::vector<std::string> got;
    for (const auto& f : nb::checkReport(cur, &prev))
        if (f.code == "T3-6") for (const auto& x : f.fixes) { got.push_back(x.cell); CHECK(x.value == nb::Fixed(0)); }
    CHECK(got == want);
    // 2019 has no 现行有效件数: the 2021 stock rule cannot run against it and stays silent
    for (const auto& f : nb::checkReport(cur, &prev)) CHECK(f.code != "T2-3");
}

TEST_CASE("a rule whose inputs are all blank says nothing; a new report only misses its sections", "[check][blank]") {
    auto r = nb::Report::blank(*nb::findFormat("2021"));
    r.meta.agency = "某县人民政府";
    r.meta.year = 2023;
    auto fs = nb::checkReport(r);
    for (const auto& f : fs) {
        INFO(f.code << " " << f.message);
        CHECK(f.code == "R-1");
    }
    CHECK(fs.size() == 6);
}

TEST_CASE("a report converts to the other format, keeping what both formats share", "[check][convert]") {
    auto r = testutil::load(testutil::seedPath());   // 2019 format, year 2019
    r.meta.year = 2021;                               // …but a 2021 report: R-2
    bool r2 = false;
    for (const auto& f : nb::checkReport(r)) r2 |= f.code == "R-2";
    CHECK(r2);
    std::vector<std::string> dropped;
    nb::Report c = nb::convertReport(r, *nb::findFormat("2021"), &dropped);
    CHECK(c.format->id == "2021");
    CHECK(c.meta.agency == r.meta.agency);
    CHECK(c.text == r.text);
    CHECK(c.get("t4.review.total") == nb::fromInt(41));
    CHECK(c.get("t3.3.6.total") == nb::fromInt(95));            // kept as the legacy single （六） row
    CHECK(c.get("t2.licensing.decisions") == nb::fromInt(103975));
    CHECK_FALSE(c.get("t2.regulations.issued").has_value());    // 本年新制作 ≠ 本年制发: not carried over
    CHECK(std::find(dropped.begin(), dropped.end(), "t2.regulations.made") != dropped.end());
    CHECK(std::find(dropped.begin(), dropped.end(), "t2.procurement.amount") != dropped.end());
    for (const auto& f : nb::checkReport(c)) CHECK(f.code != "R-2");
    CHECK(nb::loadReport(nb::saveReport(c)).ok());
}

TEST_CASE("the 2019 Shanghai page: blank is blank — no 填报 0, no suggestion to change 805, one grouped finding", "[check][blank]") {
    auto r = testutil::load(testutil::sharedDir() + "/real-pages/shanghai-2019.json");
    auto fs = nb::checkReport(r);
    int t33 = 0;
    for (const auto& f : fs) {
        INFO(f.code << " " << f.message);
        CHECK(f.message.find("填报 0") == std::string::npos);
        for (const auto& x : f.fixes) CHECK(x.cell != "t3.3.7.total");
        CHECK(f.code != "T3-2");
        if (f.code == "T3-3") {
            ++t33;
            CHECK(f.fixes.size() == 11);      // every blank row total, each with its row sum, in one finding
            CHECK(f.cells.front() == "t3.3.1.total");
            CHECK(f.message.find("未填写") != std::string::npos);
        }
    }
    CHECK(t33 == 1);
    auto grouped = std::find_if(fs.begin(), fs.end(), [](const nb::Finding& f) { return f.code == "T3-3"; });
    REQUIRE(grouped != fs.end());
    for (const auto& x : grouped->fixes) r.set(x.cell, x.value);   // 全部采用计算值
    for (const auto& f : nb::checkReport(r)) CHECK(f.severity != nb::Severity::Error);
}

TEST_CASE("text figures on real data: the two real 上海 2019 differences, nothing new elsewhere", "[check][real][text]") {
    const std::vector<std::string> textCodes = {"T3-9", "T3-10", "T3-11", "T3-12", "T3-13", "T3-14", "R-9", "T2-11"};
    auto isNew = [&](const Finding& f) { return std::find(textCodes.begin(), textCodes.end(), f.code) != textCodes.end(); };
    SECTION("shanghai-2019: 予以公开及部分公开 258 vs 275, 无法提供 265 vs 337 (both read from the applicant columns)") {
        auto r = testutil::load(testutil::sharedDir() + "/real-pages/shanghai-2019.json");
        std::vector<Finding> found;
        for (const auto& f : nb::checkReport(r)) if (isNew(f)) found.push_back(f);
        REQUIRE(codes(found) == std::vector<std::string>{"T3-12", "T3-14"});
        const Finding& cannot = found[0];
        CHECK(cannot.severity == Severity::Warning);
        CHECK(cannot.actual == nb::fromInt(265));
        CHECK(cannot.expected == nb::fromInt(337));
        CHECK(cannot.message.find("因本机关不掌握等原因无法提供265件") != std::string::npos);
        CHECK(cannot.message.find("265 仅为 表三 （四）1.本机关不掌握相关政府信息 一项") != std::string::npos);
        CHECK(std::find(cannot.cells.begin(), cannot.cells.end(), "text.overview") != cannot.cells.end());
        const Finding& disclosed = found[1];
        CHECK(disclosed.severity == Severity::Warning);
        CHECK(disclosed.actual == nb::fromInt(258));
        CHECK(disclosed.expected == nb::fromInt(275));   // 272 + 3, not （一） alone
        CHECK(disclosed.message.find("予以公开及部分公开258件") != std::string::npos);
        CHECK(disclosed.message.find("258 仅为 表三 （一）予以公开 自然人 一项") != std::string::npos);
        // the rest of its figures match: 上年度结转 18, 72 件顺延, 答复 805, 不予公开 35
        // applying the grouped T3-3 suggestion (the row totals) changes nothing about the two
        for (const auto& f : nb::checkReport(r))
            if (f.code == "T3-3") for (const auto& x : f.fixes) r.set(x.cell, x.value);
        found.clear();
        for (const auto& f : nb::checkReport(r)) if (isNew(f)) found.push_back(f);
        CHECK(codes(found) == std::vector<std::string>{"T3-12", "T3-14"});
    }
    SECTION("the other real reports, real pages and the seed: none of the new codes") {
        std::vector<std::string> paths;
        for (const char* n : {"hongze-2023.json", "hongze-2024.json", "huaian-2024.json", "jinhu-2023.json", "suqian-2023.json",
                              "suqian-2024.json", "partial/jinhu-2024-partial.json", "partial/kiro-report29-2023.json"})
            paths.push_back(testutil::sharedDir() + "/real-reports/" + n);
        for (const char* n : {"pingtan-2021.json", "pingtan-2024.json"}) paths.push_back(testutil::sharedDir() + "/real-pages/" + n);
        paths.push_back(testutil::seedPath());
        for (const auto& p : paths) {
            auto r = testutil::load(p);
            for (const auto& f : nb::checkReport(r)) {
                INFO(p << ": " << f.code << " " << f.message);
                CHECK_FALSE(isNew(f));
            }
        }
    }
    SECTION("huaian-2024: the text's figures are read, and they are the table's (a changed cell is caught)") {
        auto r = testutil::load(testutil::sharedDir() + "/real-reports/huaian-2024.json");
        struct Probe { const char* cell; const char* code; int text; };
        for (const Probe& p : {Probe{"t3.2.total", "T3-9", 34}, Probe{"t3.4.total", "T3-10", 103}, Probe{"t3.3.7.total", "T3-11", 3050}}) {
            auto changed = r;
            changed.set(p.cell, *r.get(p.cell) + nb::fromInt(1));
            auto fs = nb::checkReport(changed);
            auto it = std::find_if(fs.begin(), fs.end(), [&](const Finding& f) { return f.code == p.code; });
            INFO(p.code);
            REQUIRE(it != fs.end());
            CHECK(it->actual == nb::fromInt(p.text));
        }
    }
}

// 导入上年报告's offer comes from the format's carry-over rule (T3-6 in both formats), not from cell ids in code
TEST_CASE("the carry-over offer is the carry-over rule's: blank 上年结转 cells from last year's 结转下年度", "[check][carry-over]") {
    for (const std::string& id : nb::formatIds()) {
        INFO(id);
        const nb::Format& f = *nb::findFormat(id);
        REQUIRE(!f.carryOverRule.empty());
        nb::Report prev = nb::Report::blank(f), cur = nb::Report::blank(f);
        prev.set("t3.4.natural", nb::fromInt(7));
        prev.set("t3.4.total", nb::fromInt(9));
        cur.set("t3.2.total", nb::fromInt(1));   // filled already: never offered
        auto offer = nb::carryOverOffer(cur, prev);
        REQUIRE(offer.size() == 1);
        CHECK(f.cells[static_cast<std::size_t>(offer[0].first)].id == "t3.2.natural");
        CHECK(offer[0].second == nb::fromInt(7));
        CHECK(nb::carryOverOffer(cur, nb::Report::blank(f)).empty());   // nothing last year: nothing offered
        // and the offer names its rows from the same rule's cells
        const nb::CarryOverRows rows = nb::carryOverRows(f);
        CHECK(rows.into == "表三“二、上年结转政府信息公开申请数量”");
        CHECK(rows.from == "“四、结转下年度继续办理”");
    }
}
