// json_io_test.cpp — the interchange JSON: real reports round-trip, saving is deterministic, and every
// kind of bad input gets its own specific message naming the field (and line/column for syntax).
#include "test_util.hpp"

using nlohmann::json;

namespace {

// the document without blanks (null / absent cells and empty rows are the same thing)
json normalised(json j) {
    for (auto& [tid, rows] : j["tables"].items()) {
        json clean = json::object();
        for (auto& [rid, cols] : rows.items()) {
            json c = json::object();
            for (auto& [cid, v] : cols.items()) if (!v.is_null()) c[cid] = v;
            if (!c.empty()) clean[rid] = c;
        }
        j["tables"][tid] = clean;
    }
    for (const char* k : {"t2", "t3", "t4"}) if (!j["tables"].contains(k)) j["tables"][k] = json::object();
    for (const char* k : {"overview", "problems", "other"}) if (!j["text"].contains(k)) j["text"][k] = "";
    return j;
}

nb::LoadError loadError(const std::string& text) {
    auto r = nb::loadReport(text);
    REQUIRE_FALSE(r.ok());
    return r.error;
}

std::string minimal(const std::string& tables, const std::string& extra = "") {
    return R"({"nianbao":1,"format":"2021","meta":{"agency":"某县人民政府","year":2023},"tables":)" + tables + extra + "}";
}

} // namespace

TEST_CASE("the seed and every real report load and save back to an equivalent document", "[json]") {
    auto files = testutil::realReports();
    files.push_back(testutil::seedPath());
    for (const auto& path : files) {
        INFO(path);
        std::string text = testutil::readFile(path);
        auto r = nb::loadReport(text);
        INFO(r.error.text());
        REQUIRE(r.ok());
        std::string saved = nb::saveReport(*r.report);
        CHECK(normalised(json::parse(saved)) == normalised(json::parse(text)));
        auto again = nb::loadReport(saved);
        REQUIRE(again.ok());
        CHECK(nb::saveReport(*again.report) == saved);   // stable
    }
}

TEST_CASE("saving is deterministic and in the official order", "[json]") {
    auto r = testutil::load(testutil::seedPath());
    std::string a = nb::saveReport(r), b = nb::saveReport(r);
    CHECK(a == b);
    CHECK(a.find("\"nianbao\": 1") < a.find("\"format\""));
    CHECK(a.find("\"t2\"") < a.find("\"t3\""));
    CHECK(a.find("\"3.3.8\"") < a.find("\"3.4.1\""));
    CHECK(a.find("\"3.6\"") < a.find("\"3.7\""));
    CHECK(a.find("\"amount\": 1615700") != std::string::npos);
    CHECK(a.find("\"units\": { \"t2.procurement.amount\": \"万元\" }") != std::string::npos);
}

TEST_CASE("blank is not zero, money keeps its decimals exactly", "[json]") {
    auto r = nb::loadReport(minimal(R"({"t2":{"fees":{"amount":59237.2449}},"t3":{"1":{"natural":0,"legal":null}}})"));
    REQUIRE(r.ok());
    CHECK(r.report->get("t3.1.natural") == nb::Fixed(0));
    CHECK_FALSE(r.report->get("t3.1.legal").has_value());
    CHECK_FALSE(r.report->get("t3.1.social").has_value());
    CHECK(r.report->get("t2.fees.amount") == nb::Fixed(59237244900));
    std::string saved = nb::saveReport(*r.report);
    CHECK(saved.find("59237.2449") != std::string::npos);
    CHECK(saved.find("\"legal\"") == std::string::npos);
}

TEST_CASE("money to 6 decimals (万元 exact to the 分) loads, saves back identical and renders", "[json]") {
    std::string text = minimal(R"({"t2":{"fees":{"amount":24252.311082}}})");
    auto r = nb::loadReport(text);
    REQUIRE(r.ok());
    CHECK(r.report->get("t2.fees.amount") == nb::Fixed(24252311082));
    std::string saved = nb::saveReport(*r.report);
    CHECK(saved.find("\"amount\": 24252.311082") != std::string::npos);
    auto again = nb::loadReport(saved);
    REQUIRE(again.ok());
    CHECK(nb::saveReport(*again.report) == saved);
    CHECK(nb::renderHtml(*r.report).find(">24252.311082<") != std::string::npos);
}

TEST_CASE("unknown fields of later tools are kept, unknown ids are refused", "[json]") {
    auto r = nb::loadReport(minimal("{}", R"(,"reviewer":{"name":"张三","score":9.5})"));
    REQUIRE(r.ok());
    CHECK(nb::saveReport(*r.report).find("\"reviewer\": {\"name\":\"张三\",\"score\":9.5}") != std::string::npos);
}

TEST_CASE("malformed input gets a specific message naming the field", "[json][malformed]") {
    SECTION("truncated JSON: syntax error with line and column") {
        auto e = loadError("{\"nianbao\": 1,\n  \"format\": \"2021\",\n  \"meta\": {\"agency\": \"某");
        CHECK(e.line == 3);
        CHECK(e.column > 1);
        CHECK(e.message.find("不完整") != std::string::npos);
        auto cut = loadError("{\"nianbao\": 1,\n  \"format\": \"2021\",");
        CHECK(cut.line == 2);
        CHECK(cut.message.find("文件不完整") != std::string::npos);
        CHECK(e.text().find("第 3 行") != std::string::npos);
    }
    SECTION("a string where a number belongs") {
        auto e = loadError(minimal(R"({"t3":{"1":{"natural":"12"}}})"));
        CHECK(e.path == "t3.1.natural");
        CHECK(e.message.find("应为数字，实为文本") != std::string::npos);
        CHECK(e.message.find("\"12\"") != std::string::npos);
    }
    SECTION("a negative count") {
        auto e = loadError(minimal(R"({"t4":{"review":{"upheld":-3}}})"));
        CHECK(e.path == "t4.review.upheld");
        CHECK(e.message.find("不能为负数") != std::string::npos);
    }
    SECTION("a negative change is fine in the 2019 format, a fraction is not") {
        std::string base = R"({"nianbao":1,"format":"2019","meta":{"agency":"x","year":2019},"tables":{"t2":{"licensing":{"change":)";
        CHECK(nb::loadReport(base + "-8}}}}").ok());
        auto e = loadError(base + "-8.5}}}}");
        CHECK(e.path == "t2.licensing.change");
        CHECK(e.message.find("整数") != std::string::npos);
    }
    SECTION("1e300") {
        auto e = loadError(minimal(R"({"t3":{"1":{"natural":1e300}}})"));
        CHECK(e.path == "t3.1.natural");
        CHECK(e.message.find("数值过大") != std::string::npos);
    }
    SECTION("a fraction in a count") {
        auto e = loadError(minimal(R"({"t3":{"1":{"natural":1.5}}})"));
        CHECK(e.path == "t3.1.natural");
        CHECK(e.message.find("件数必须是整数") != std::string::npos);
    }
    SECTION("money with more than 6 decimals") {
        auto e = loadError(minimal(R"({"t2":{"fees":{"amount":1.2345678}}})"));
        CHECK(e.path == "t2.fees.amount");
        CHECK(e.message.find("6 位小数") != std::string::npos);
    }
    SECTION("NaN and Infinity tokens") {
        for (const char* tok : {"NaN", "Infinity", "-Infinity"}) {
            auto e = loadError(minimal(std::string(R"({"t3":{"1":{"natural":)") + tok + "}}}"));
            CHECK(e.line == 1);
            CHECK(e.message.find("NaN、Infinity") != std::string::npos);
        }
    }
    SECTION("unknown table, row and column ids") {
        auto t = loadError(minimal(R"({"t9":{}})"));
        CHECK(t.path == "tables.t9");
        CHECK(t.message.find("未知的表格") != std::string::npos);
        auto r = loadError(minimal(R"({"t3":{"3.9":{"natural":1}}})"));
        CHECK(r.path == "t3.3.9");
        CHECK(r.message.find("未知的行") != std::string::npos);
        auto c = loadError(minimal(R"({"t3":{"1":{"robots":1}}})"));
        CHECK(c.path == "t3.1.robots");
        CHECK(c.message.find("未知的列") != std::string::npos);
        auto f19 = loadError(minimal(R"({"t2":{"procurement":{"projects":1}}})"));   // a 2019-only row in a 2021 report
        CHECK(f19.path == "t2.procurement");
    }
    SECTION("a later version of the contract") {
        auto e = loadError(R"({"nianbao":2,"format":"2021"})");
        CHECK(e.path == "nianbao");
        CHECK(e.message.find("更新版本") != std::string::npos);
    }
    SECTION("invalid UTF-8") {
        auto e = loadError(minimal("{}").replace(40, 0, "\xC3\x28"));
        CHECK(e.message.find("UTF-8") != std::string::npos);
    }
    SECTION("a lone surrogate in a \\u escape") {
        auto e = loadError(R"({"nianbao":1,"format":"2021","meta":{"agency":"\ud800"}})");
        CHECK(e.message.find("代理项") != std::string::npos);
    }
    SECTION("a 50 MB text field") {
        std::string big(50u << 20, 'a');
        auto e = loadError(R"({"nianbao":1,"format":"2021","text":{"overview":")" + big + "\"}}");
        CHECK(e.path == "text.overview");
        CHECK(e.message.find("文本过长") != std::string::npos);
    }
    SECTION("duplicate keys") {
        auto e = loadError(minimal(R"({"t3":{"1":{"natural":1,"natural":2}}})"));
        CHECK(e.path == "tables.t3.1.natural");
        CHECK(e.message.find("重复的键") != std::string::npos);
    }
    SECTION("deep nesting") {
        std::string deep(100000, '[');
        auto e = loadError(deep);
        CHECK(e.message.find("嵌套") != std::string::npos);
    }
    SECTION("wrong types for meta fields, format and the document") {
        CHECK(loadError(R"({"nianbao":1,"format":2021})").path == "format");
        CHECK(loadError(R"({"nianbao":1,"format":"2022"})").message.find("未知的报告格式") != std::string::npos);
        CHECK(loadError(R"({"nianbao":1,"format":"2021","meta":{"year":[2023]}})").path == "meta.year");
        CHECK(loadError(R"({"nianbao":1,"format":"2021","meta":{"published":5}})").path == "meta.published");
        CHECK(loadError(R"({"nianbao":1,"format":"2021","meta":{"agency_kind":"company"}})").path == "meta.agency_kind");
        CHECK(loadError(R"({"nianbao":1,"format":"2021","text":{"overview":5}})").path == "text.overview");
        auto preface = loadError(R"({"nianbao":1,"format":"2021","text":{"preface":"x"}})");   // the format's sections listed
        CHECK(preface.path == "text.preface");
        CHECK(preface.message.find("应为 overview、problems、other") != std::string::npos);
        CHECK(loadError(R"([1,2])").message.find("JSON 对象") != std::string::npos);
        CHECK(loadError("").message.find("空") != std::string::npos);
        CHECK(loadError(R"({"format":"2021"})").path == "nianbao");
    }
    SECTION("the legacy row and its three rows both filled") {
        auto e = loadError(minimal(R"({"t3":{"3.6":{"natural":1},"3.6.1":{"natural":1}}})"));
        CHECK(e.path == "t3.3.6.natural");
    }
}

TEST_CASE("a UTF-8 BOM and -0 are accepted", "[json]") {
    auto r = nb::loadReport("\xEF\xBB\xBF" + minimal(R"({"t3":{"1":{"natural":-0}}})"));
    REQUIRE(r.ok());
    CHECK(r.report->get("t3.1.natural") == nb::Fixed(0));
}

TEST_CASE("characters outside the BMP survive load and save", "[json]") {
    auto r = nb::loadReport(R"({"nianbao":1,"format":"2021","meta":{"agency":"𠀀镇人民政府","year":2023},"text":{"overview":"王堃 \ud840\udc00"}})");
    REQUIRE(r.ok());
    CHECK(r.report->meta.agency == "𠀀镇人民政府");
    CHECK(r.report->text["overview"] == "王堃 𠀀");
    auto again = nb::loadReport(nb::saveReport(*r.report));
    REQUIRE(again.ok());
    CHECK(again.report->text["overview"] == "王堃 𠀀");
}

TEST_CASE("a page made by renderHtml opens as its report", "[json][html]") {
    auto r = testutil::load(testutil::seedPath());
    r.text["problems"] = "</script><script>alert(1)</script> & <b>";
    std::string page = nb::renderHtml(r);
    auto back = nb::loadReportOrPage(page);
    REQUIRE(back.ok());
    CHECK(nb::saveReport(*back.report) == nb::saveReport(r));
    auto none = nb::loadReportOrPage("<html><body>hello</body></html>");
    CHECK_FALSE(none.ok());
    CHECK(none.error.message.find("不是 nianbao 导出") != std::string::npos);
}

TEST_CASE("messages never cut a character in half", "[json]") {
    auto e = nb::loadReport(R"({"nianbao":1,"format":"2021","meta":{"agency_kind":"一二三四五六七八九十一二三四五六七八九十"}})");
    REQUIRE_FALSE(e.ok());
    CHECK_NOTHROW(nlohmann::json(e.error.text()).dump());
}

TEST_CASE("salvage: a draft with one bad field loads everything else and names the field", "[json]") {
    std::string text = R"({"nianbao":1,"format":"2021","meta":{"agency":"某县人民政府","year":2023,"agency_kind":"company"},)"
                       R"("text":{"overview":"总体情况正文","bogus":"x"},)"
                       R"("tables":{"t3":{"1":{"natural":5,"legal":"7"},"9.9":{"natural":1}},"t4":{"review":{"upheld":2,"total":2}}}})";
    auto strict = nb::loadReport(text);
    CHECK_FALSE(strict.ok());
    CHECK(strict.error.path == "meta.agency_kind");

    auto r = nb::loadReport(text, nb::LoadMode::Salvage);
    REQUIRE(r.ok());
    CHECK(r.report->meta.agency == "某县人民政府");
    CHECK(r.report->meta.year == 2023);
    CHECK(r.report->meta.agencyKind.empty());
    CHECK(r.report->text.at("overview") == "总体情况正文");
    CHECK(r.report->get("t3.1.natural") == nb::fromInt(5));
    CHECK_FALSE(r.report->get("t3.1.legal"));
    CHECK(r.report->get("t4.review.total") == nb::fromInt(2));
    std::vector<std::string> paths;
    for (const auto& e : r.skipped) paths.push_back(e.path);
    CHECK(paths == std::vector<std::string>{"meta.agency_kind", "t3.1.legal", "t3.9.9", "text.bogus"});

    // what is not a report at all still fails, with nothing half-read
    CHECK_FALSE(nb::loadReport(R"({"nianbao":1,"format":"2035"})", nb::LoadMode::Salvage).ok());
    CHECK_FALSE(nb::loadReport(R"({"nianbao":1,"format":"2021","meta":)", nb::LoadMode::Salvage).ok());
}
