// review_test.cpp — the supervising office's tools (issue 13): explanations on warnings (stored, attached,
// never on an error, printed in the exported page), local rule packs (max_length, a required mention, named
// after the pack; unsound packs refused naming the rule), the review table over 20 files (real reports and
// pages, fixtures, pages tampered after export, an unreadable file) and its CSV/HTML, and the roll-up.
#include "nianbao/import.hpp"
#include "nianbao/review.hpp"
#include "nianbao/rule_pack.hpp"
#include "nianbao/text_from_tables.hpp"
#include "test_util.hpp"
#include <map>

using namespace testutil;

namespace {

std::string fixture(const std::string& name) { return sourceDir() + "/tests/fixtures/base/" + name + ".json"; }

const char* kPack = R"({ "pack": 1, "name": "武威市 2025 年度报告编制要求", "document": "武政办发〔2025〕54号",
  "format": "2021",
  "rules": [
    { "id": "WW-1", "severity": "warning", "check": "max_length", "section": "overview", "limit": 1000,
      "title": "总体情况篇幅原则上不超过一千字" },
    { "id": "WW-2", "severity": "warning", "check": "text_mentions", "section": "overview",
      "all_of": [["政务新媒体", "新媒体"]], "title": "主动公开应包括政务新媒体发布信息数量" } ] })";

nb::RulePack pack(const std::string& text = kPack) {
    std::string why;
    auto p = nb::parseRulePack(text, why);
    INFO(why);
    REQUIRE(p);
    return *p;
}

std::string packError(const std::string& text) {
    std::string why;
    CHECK_FALSE(nb::parseRulePack(text, why));
    return why;
}

const nb::Finding* find(const std::vector<nb::Finding>& fs, const std::string& code) {
    for (const auto& f : fs) if (f.code == code) return &f;
    return nullptr;
}

std::string chars(std::size_t n) {   // n characters of prose, no whitespace
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += "政";
    return s;
}

} // namespace

TEST_CASE("an explanation on a warning is stored, attached to it, printed in the page; an error cannot be explained", "[review][explanations]") {
    nb::Report r = load(fixture("complete-2021"));
    r.meta.published = "2024-04-02";   // R-4: a warning, two days late
    auto before = nb::checkReport(r);
    const nb::Finding* late = find(before, "R-4");
    REQUIRE(late);
    REQUIRE(late->severity == nb::Severity::Warning);
    CHECK(nb::explanationKey(*late) == "R-4@meta.published");
    CHECK(late->difference == nb::fromInt(2));
    r.explanations[nb::explanationKey(*late)] = "因系统升级延期发布，已报<市政府办>备案";
    r.set("t4.review.total", nb::fromInt(999));   // T4-1: an error
    auto errs = nb::checkReport(r);
    const nb::Finding* sum = nullptr;
    for (const auto& f : errs) if (f.severity == nb::Severity::Error && !f.cells.empty() && f.cells[0].rfind("t4.review", 0) == 0) sum = &f;
    REQUIRE(sum);
    r.explanations[nb::explanationKey(*sum)] = "说明不能抵消错误";

    std::string saved = nb::saveReport(r);
    CHECK(saved.find("\"explanations\": {") != std::string::npos);
    nb::LoadResult back = nb::loadReport(saved);
    REQUIRE(back.ok());
    CHECK(back.report->explanations == r.explanations);
    CHECK(nb::saveReport(*back.report) == saved);

    auto after = nb::checkReport(*back.report);
    REQUIRE(find(after, "R-4"));
    CHECK(find(after, "R-4")->explanation == "因系统升级延期发布，已报<市政府办>备案");
    for (const auto& f : after) if (f.severity == nb::Severity::Error) CHECK(f.explanation.empty());
    auto j = nb::findingsToJson(after);
    bool inJson = false;
    for (const auto& o : j) inJson |= o["code"] == "R-4" && o.value("explanation", "") == "因系统升级延期发布，已报<市政府办>备案";
    CHECK(inJson);

    std::string page = nb::renderHtml(*back.report);
    CHECK(page.find("附：情况说明") != std::string::npos);
    CHECK(page.find("因系统升级延期发布，已报&lt;市政府办&gt;备案") != std::string::npos);   // escaped
    std::string notes = page.substr(page.find("附：情况说明"), page.find("</section>", page.find("附：情况说明")) - page.find("附：情况说明"));
    CHECK(notes.find("说明不能抵消错误") == std::string::npos);                              // not on an error
    nb::LoadResult fromPage = nb::loadReportOrPage(page);
    REQUIRE(fromPage.ok());
    CHECK(fromPage.integrity.empty());   // the appendix is not a table cell: the page verifies
    CHECK(fromPage.report->explanations == r.explanations);

    SECTION("a wrong explanation is named; a draft being restored keeps the rest") {
        std::string bad = replacedOnce(saved, "\"R-4@meta.published\": \"", "\"R-4@meta.published\": 5, \"x\": \"");
        nb::LoadResult strict = nb::loadReport(bad);
        REQUIRE_FALSE(strict.ok());
        CHECK(strict.error.path == "explanations.R-4@meta.published");
        nb::LoadResult salvage = nb::loadReport(bad, nb::LoadMode::Salvage);
        REQUIRE(salvage.ok());
        CHECK(salvage.report->get("t4.review.total") == nb::fromInt(999));
    }
}

TEST_CASE("a local rule pack: a length limit and a required mention, named after the pack", "[review][packs]") {
    nb::RulePack p = pack();
    CHECK(p.name == "武威市 2025 年度报告编制要求");
    CHECK(p.document == "武政办发〔2025〕54号");
    CHECK(p.compiled.count("2021") == 1);
    CHECK(p.compiled.count("2019") == 0);
    std::vector<nb::RulePack> packs{p};

    nb::Report r = load(fixture("complete-2021"));
    REQUIRE(nb::checkReport(r).empty());
    r.text["overview"] = chars(600) + "\n\n" + chars(400) + "　 通过政务新媒体发布信息。";   // 1,000 + 2 spaces + 12 characters
    auto fs = nb::checkReport(r, nullptr, packs);
    const nb::Finding* len = find(fs, "WW-1");
    REQUIRE(len);
    CHECK(len->pack == "武威市 2025 年度报告编制要求");
    CHECK(len->actual == nb::fromInt(1014));
    CHECK(len->actual == nb::fromInt(static_cast<std::int64_t>(nb::countCharacters(r.text["overview"]))));   // the 字数 the editor shows
    CHECK(len->expected == nb::fromInt(1000));
    CHECK(len->cells == std::vector<std::string>{"text.overview"});
    CHECK(len->message.find("1014 字") != std::string::npos);
    CHECK(len->message.find("武威市 2025 年度报告编制要求") != std::string::npos);
    CHECK(len->message.find("武政办发〔2025〕54号") != std::string::npos);
    CHECK_FALSE(find(fs, "WW-2"));
    for (const auto& f : nb::checkReport(r)) CHECK(f.pack.empty());   // without the pack: the national rules only
    CHECK_FALSE(find(nb::checkReport(r), "WW-1"));
    CHECK(nb::findingsToJson(fs)[0]["pack"] == "武威市 2025 年度报告编制要求");

    r.text["overview"] = chars(990) + "\n\n\n" + chars(10);   // exactly 1,000: blank lines are not counted
    fs = nb::checkReport(r, nullptr, packs);
    CHECK_FALSE(find(fs, "WW-1"));
    const nb::Finding* mention = find(fs, "WW-2");
    REQUIRE(mention);
    CHECK(mention->message.find("未提及政务新媒体") != std::string::npos);
    CHECK(mention->pack == p.name);

    nb::Report old = load(seedPath());   // a 2019-format report: the pack is written for 2021
    CHECK(nb::checkReport(old, nullptr, packs).size() == nb::checkReport(old).size());

    SECTION("a pack without a format applies to every format") {
        nb::RulePack any = pack(R"({"pack": 1, "name": "某县要求", "rules": [
            {"id": "X-1", "severity": "warning", "check": "max_length", "section": "problems", "limit": 5}]})");
        CHECK(any.compiled.size() == nb::formatIds().size());
        CHECK(find(nb::checkReport(old, nullptr, {any}), "X-1"));
    }
}

TEST_CASE("an unsound rule pack is refused with a message naming the rule and key", "[review][packs]") {
    CHECK(packError("{").find("不是有效的 JSON") != std::string::npos);
    CHECK(packError(R"({"name": "x", "rules": []})").find("\"pack\": 1") != std::string::npos);
    CHECK(packError(R"({"pack": 1, "name": "甲", "rules": []})").find("没有规则") != std::string::npos);
    CHECK(packError(R"({"pack": 1, "name": "甲", "format": "1999", "rules": [{}]})").find("1999") != std::string::npos);
    std::string e = packError(R"({"pack": 1, "name": "甲", "rules": [
        {"id": "J-1", "severity": "warning", "check": "max_length", "section": "overview", "limit": 10, "limits": 3}]})");
    CHECK(e.find("J-1") != std::string::npos);
    CHECK(e.find("limits") != std::string::npos);
    e = packError(R"({"pack": 1, "name": "甲", "format": "2021", "rules": [
        {"id": "T4-1", "severity": "warning", "check": "max_length", "section": "overview", "limit": 10}]})");
    CHECK(e.find("T4-1") != std::string::npos);
    CHECK(e.find("重复") != std::string::npos);
    e = packError(R"({"pack": 1, "name": "甲", "format": "2021", "rules": [
        {"id": "J-2", "severity": "warning", "check": "max_length", "section": "summary", "limit": 10}]})");
    CHECK(e.find("J-2") != std::string::npos);
    CHECK(packError(R"({"pack": 1, "name": "甲", "owner": "乙", "rules": [{}]})").find("owner") != std::string::npos);
}

TEST_CASE("the review table of 20 files: counts are the checker's, tampered pages show P-1/P-2, unreadable is a row", "[review]") {
    std::vector<std::pair<std::string, std::string>> files;   // name, bytes
    auto add = [&](const std::string& path) { files.push_back({path.substr(path.find_last_of('/') + 1), readFile(path)}); };
    add(seedPath());
    for (const auto& p : realReports()) add(p);
    for (const char* p : {"pingtan-2021", "pingtan-2024", "shanghai-2019"}) {
        add(sharedDir() + "/real-pages/" + p + ".json");
        add(sharedDir() + "/real-pages/" + p + ".html");
    }
    add(fixture("complete-2019"));
    add(fixture("complete-2021"));
    nb::Report late = load(fixture("complete-2021"));
    late.meta.published = "2024-04-10";
    late.explanations["R-4@meta.published"] = "经市政府办同意延期";
    files.push_back({"late.json", nb::saveReport(late)});
    std::string page = nb::renderHtml(load(seedPath()));
    files.push_back({"intact.html", page});
    files.push_back({"data-changed.html", replacedOnce(page, "\"total\": 41", "\"total\": 42")});
    files.push_back({"cell-changed.html", replacedOnce(page, "data-cell=\"t4.review.total\">41<", "data-cell=\"t4.review.total\">54<")});
    files.push_back({"broken.json", "{\"nianbao\": 1, \"format\": \"2021\", \"tables\": {\"t9\": {}}}"});
    REQUIRE(files.size() >= 20);

    std::vector<nb::ReviewRow> rows;
    for (const auto& [name, bytes] : files) rows.push_back(nb::reviewFile(bytes, name));
    std::map<std::string, const nb::ReviewRow*> byName;
    for (const auto& r : rows) byName[r.file] = &r;
    for (const auto& [name, bytes] : files) {
        INFO(name);
        const nb::ReviewRow& row = *byName[name];
        nb::ImportResult imp = nb::importFile(bytes, name);
        REQUIRE(row.report.has_value() == imp.report.has_value());
        if (!imp.report) { CHECK(row.error == imp.error); continue; }
        auto fs = imp.integrity;
        for (auto& f : nb::checkReport(*imp.report)) fs.push_back(f);
        int e = 0, w = 0, i = 0;
        for (const auto& f : fs) (f.severity == nb::Severity::Error ? e : f.severity == nb::Severity::Warning ? w : i)++;
        CHECK(row.errors == e);
        CHECK(row.warnings == w);
        CHECK(row.infos == i);
        CHECK(row.importItems == static_cast<int>(imp.items.size()));
        CHECK(row.fingerprint == nb::sha256Hex(nb::saveReport(*imp.report)));
    }
    CHECK(byName["intact.html"]->integrity == nb::Integrity::Intact);
    CHECK(byName["data-changed.html"]->integrity == nb::Integrity::DataChanged);
    CHECK(byName["cell-changed.html"]->integrity == nb::Integrity::TableDiffers);
    CHECK(byName["qinghai-2019.json"]->integrity == nb::Integrity::NotVerifiable);
    CHECK(byName["pingtan-2021.html"]->integrity == nb::Integrity::NotVerifiable);   // a published page: read from its print
    CHECK(byName["pingtan-2021.html"]->report->meta.agency == "平潭综合实验区");
    CHECK(byName["late.json"]->daysLate == 10);
    CHECK(byName["late.json"]->explained == 1);
    CHECK_FALSE(byName["complete-2021.json"]->daysLate);
    CHECK_FALSE(byName["broken.json"]->report);
    CHECK(byName["broken.json"]->error.find("t9") != std::string::npos);

    std::string csv = nb::reviewCsv(rows);
    CHECK(csv.rfind("\xEF\xBB\xBF文件,机关名称,年度,格式,错误,警告,已说明的警告", 0) == 0);
    CHECK(csv.find("\r\nlate.json,示例市人民政府,2023,") != std::string::npos);
    CHECK(csv.find("页面表格与数据不符") != std::string::npos);
    std::size_t lines = 0;
    for (std::size_t p = 0; (p = csv.find("\r\n", p)) != std::string::npos; p += 2) ++lines;
    CHECK(lines == rows.size() + 1);

    std::string html = nb::reviewHtml(rows);
    CHECK(html.find("共 " + std::to_string(rows.size()) + " 份") != std::string::npos);
    CHECK(html.find("经市政府办同意延期") != std::string::npos);
    CHECK(html.find("P-2") != std::string::npos);
    nlohmann::json j = nb::reviewRowJson(*byName["cell-changed.html"]);
    CHECK(j["integrity"] == "table_differs");
    CHECK(j["agency"] == "青海省人民政府");
    CHECK(j["year"] == 2019);
    CHECK(nb::reviewRowJson(*byName["late.json"])["late"] == 10);
}

TEST_CASE("the roll-up is the cell-wise sum; mixed formats, years or an agency twice are refused by name", "[review][merge]") {
    std::vector<nb::MergeInput> in;
    for (const char* n : {"hongze-2024", "huaian-2024", "suqian-2024"})
        in.push_back({std::string(n) + ".json", load(sharedDir() + "/real-reports/" + n + ".json")});
    nb::MergeResult m = nb::mergeReports(in);
    INFO(m.error);
    REQUIRE(m.report);
    const nb::Report& sum = *m.report;
    CHECK(*sum.meta.year == 2024);
    CHECK(sum.meta.agency.empty());
    for (const auto& [k, v] : sum.text) CHECK(v.empty());
    const nb::Format& f = *sum.format;
    int filled = 0, legacyRows = 0;
    for (std::size_t i = 0; i < sum.cells.size(); ++i) {
        const nb::CellDef& c = f.cells[i];
        INFO(c.id);
        if (c.legacy) {   // one unit printed 表三 with the single （六） row: every unit is summed that way
            nb::Fixed total = 0;
            for (const auto& x : in) {
                if (x.report.cells[i]) total += *x.report.cells[i];
                for (int k : c.legacyOf) if (x.report.cells[static_cast<std::size_t>(k)]) total += *x.report.cells[static_cast<std::size_t>(k)];
            }
            CHECK(sum.cells[i] == total);
            for (int k : c.legacyOf) CHECK_FALSE(sum.cells[static_cast<std::size_t>(k)]);
            ++legacyRows;
            continue;
        }
        bool part = false;
        for (const auto& l : f.cells) for (int k : l.legacyOf) part |= f.cells[static_cast<std::size_t>(k)].id == c.id;
        if (part) continue;
        bool any = false;
        nb::Fixed total = 0;
        for (const auto& x : in)
            if (x.report.cells[i]) { any = true; total += *x.report.cells[i]; }
        if (!any) CHECK_FALSE(sum.cells[i]);
        else { CHECK(sum.cells[i] == total); ++filled; }
    }
    CHECK(filled > 50);
    CHECK(legacyRows == 7);
    REQUIRE(sum.extra.contains("merged_from"));
    CHECK(sum.extra["merged_from"].size() == 3);
    CHECK(sum.extra["merged_from"][1]["fingerprint"] == nb::sha256Hex(nb::saveReport(in[1].report)));
    nb::LoadResult back = nb::loadReport(nb::saveReport(sum));
    REQUIRE(back.ok());
    CHECK(nb::saveReport(*back.report) == nb::saveReport(sum));

    SECTION("money keeps its decimals exactly") {
        in[0].report.set("t2.fees.amount", nb::fromInt(0) + 311082);   // 0.311082 万元
        in[1].report.set("t2.fees.amount", nb::fromInt(24252));
        in[2].report.set("t2.fees.amount", std::nullopt);
        nb::MergeResult mm = nb::mergeReports(in);
        REQUIRE(mm.report);
        CHECK(nb::formatDecimal(*mm.report->get("t2.fees.amount")) == "24252.311082");
    }
    SECTION("2019 and 2021 formats") {
        in.push_back({"qinghai-2019.json", load(seedPath())});
        nb::MergeResult bad = nb::mergeReports(in);
        CHECK_FALSE(bad.report);
        CHECK(bad.error.find("hongze-2024.json") != std::string::npos);
        CHECK(bad.error.find("qinghai-2019.json") != std::string::npos);
    }
    SECTION("another year") {
        in.push_back({"suqian-2023.json", load(sharedDir() + "/real-reports/suqian-2023.json")});
        nb::MergeResult bad = nb::mergeReports(in);
        CHECK_FALSE(bad.report);
        CHECK(bad.error.find("suqian-2023.json") != std::string::npos);
        CHECK(bad.error.find("2023") != std::string::npos);
    }
    SECTION("the same agency twice") {
        in.push_back({"copy.json", in[2].report});
        nb::MergeResult bad = nb::mergeReports(in);
        CHECK_FALSE(bad.report);
        CHECK(bad.error.find("宿迁市人民政府") != std::string::npos);
        CHECK(bad.error.find("suqian-2024.json") != std::string::npos);
        CHECK(bad.error.find("copy.json") != std::string::npos);
    }
    SECTION("2019 采购总金额 in 元 and in 万元: summed in 元, exactly") {
        nb::Report a = load(fixture("complete-2019")), b = a;
        b.meta.agency = "另一个机关";
        a.set("t2.procurement.amount", nb::fromInt(12));        // 12 万元
        a.units["t2.procurement.amount"] = "万元";
        b.set("t2.procurement.amount", nb::fromInt(3456) + 7);  // 3456.000007 元
        b.units["t2.procurement.amount"] = "元";
        nb::MergeResult mm = nb::mergeReports({{"a.json", a}, {"b.json", b}});
        REQUIRE(mm.report);
        CHECK(mm.report->units.at("t2.procurement.amount") == "元");
        CHECK(nb::formatDecimal(*mm.report->get("t2.procurement.amount")) == "123456.000007");
    }
}
