// meta_values_test.cpp — 年度 and 公开日期 as clerks type them: read leniently, stored in one form,
// and a value that is not a date/year kept as typed and reported, never a reason to refuse a file.
#include "test_util.hpp"
#include "nianbao/meta_values.hpp"

namespace {
std::string withMeta(const std::string& meta) {
    return R"({"nianbao":1,"format":"2019","meta":{"agency":"某县人民政府",)" + meta + R"(},"tables":{"t4":{"review":{"upheld":1,"total":1}}}})";
}
bool hasFinding(const nb::Report& r, const std::string& code, const std::string& cell) {
    for (const auto& f : nb::checkReport(r))
        if (f.code == code && std::find(f.cells.begin(), f.cells.end(), cell) != f.cells.end()) return true;
    return false;
}
} // namespace

TEST_CASE("dates as clerks write them are read as one date", "[meta]") {
    for (const char* typed : {"2020-03-30", "2020-3-30", "2020/3/30", "2020.3.30", "2020年3月30日", "2020年03月30日",
                              " 2020年3月30日 ", "２０２０年３月３０日", "2020／3／30", "20200330", "2020 年 3 月 30 日"}) {
        INFO(typed);
        auto d = nb::parseDate(typed);
        REQUIRE(d);
        CHECK(nb::isoDate(*d) == "2020-03-30");
        CHECK(nb::normalizeDate(typed) == "2020-03-30");
        CHECK(nb::dateProblem(typed).empty());
    }
    CHECK(nb::chineseDate(*nb::parseDate("2024-02-29")) == "2024年2月29日");
    for (const char* bad : {"2024-ab-cd", "2024-1-5xx", "2023-02-29", "2020-13-01", "2020-3", "三月", "2020-3/30", "----"}) {
        INFO(bad);
        CHECK_FALSE(nb::parseDate(bad));
        CHECK(nb::normalizeDate(bad) == bad);
        CHECK(nb::dateProblem(bad).find(bad) != std::string::npos);
    }
    CHECK(nb::dateProblem("").empty());
}

TEST_CASE("years as typed: four digits in range, else a problem named with the text", "[meta]") {
    CHECK(nb::parseYear("2024") == 2024);
    CHECK(nb::parseYear("２０２４") == 2024);
    CHECK(nb::parseYear(" 2024年 ") == 2024);
    for (const char* bad : {"----", "99999", "1999", "20.4", "2024-", "abcd"}) {
        INFO(bad);
        CHECK_FALSE(nb::parseYear(bad));
        CHECK(nb::yearProblem(bad).find(bad) != std::string::npos);
    }
    CHECK(nb::yearProblem("").empty());
}

TEST_CASE("a typed date loads as ISO; a non-date is kept as typed and is a finding", "[meta][json]") {
    auto r = nb::loadReport(withMeta(R"("year":2019,"published":"2020年3月30日")"));
    REQUIRE(r.ok());
    CHECK(r.report->meta.published == "2020-03-30");
    CHECK(nb::saveReport(*r.report).find(R"("published": "2020-03-30")") != std::string::npos);

    auto bad = nb::loadReport(withMeta(R"("year":2019,"published":"2024-ab-cd")"));
    REQUIRE(bad.ok());
    CHECK(bad.report->meta.published == "2024-ab-cd");
    CHECK(hasFinding(*bad.report, "R-4", "meta.published"));
    CHECK_NOTHROW(nb::renderHtml(*bad.report));
    CHECK(nb::renderHtml(*bad.report).find("2024-ab-cd") != std::string::npos);
    auto again = nb::loadReport(nb::saveReport(*bad.report));
    REQUIRE(again.ok());
    CHECK(nb::saveReport(*again.report) == nb::saveReport(*bad.report));
}

TEST_CASE("a year that is not a year is kept as typed and is a finding, never an exception", "[meta][json]") {
    for (const char* y : {R"("----")", "99999", R"("")", R"("２０２４")"}) {
        INFO(y);
        auto r = nb::loadReport(withMeta(std::string(R"("year":)") + y));
        REQUIRE(r.ok());
        CHECK_NOTHROW(nb::renderHtml(*r.report));
        auto again = nb::loadReport(nb::saveReport(*r.report));
        REQUIRE(again.ok());
        CHECK(nb::saveReport(*again.report) == nb::saveReport(*r.report));
    }
    auto r = nb::loadReport(withMeta(R"("year":"----")"));
    CHECK(r.report->meta.yearText == "----");
    CHECK(hasFinding(*r.report, "R-3", "meta.year"));
    auto fw = nb::loadReport(withMeta(R"("year":"２０２４")"));
    CHECK(fw.report->meta.year == 2024);
    auto big = nb::loadReport(withMeta(R"("year":99999)"));
    CHECK(big.report->meta.yearText == "99999");
    CHECK(hasFinding(*big.report, "R-3", "meta.year"));
}
