// format_test.cpp — both formats as data: cell ids against docs/spec/interchange.md, counts,
// labels against formats.md, the merges of the official tables, and a sound rule set.
#include "test_util.hpp"
#include <regex>
#include <set>
#include <sstream>

namespace {

std::set<std::string> idsOf(const nb::Format& f, const std::string& table) {
    std::set<std::string> s;
    for (const auto& c : f.cells)
        if (c.table == table && !c.legacy) s.insert(c.id);
    return s;
}

// Reads the cell ids that interchange.md §1 lists for one table and format.
std::set<std::string> specIds(const std::string& fmt, const std::string& table) {
    std::string md = testutil::readFile(testutil::specDir() + "/interchange.md");
    std::set<std::string> out;
    auto ticks = [](const std::string& s) {
        std::vector<std::string> v;
        std::regex re("`([^`]+)`");
        for (auto it = std::sregex_iterator(s.begin(), s.end(), re); it != std::sregex_iterator(); ++it) v.push_back((*it)[1]);
        return v;
    };
    if (table == "t2") {
        auto start = md.find(fmt + " format:");
        auto end = md.find("\n\n", md.find("| row id", start) );
        std::string block = md.substr(start, end - start);
        std::vector<std::string> lastCols;
        std::istringstream in(block);
        for (std::string line; std::getline(in, line);) {
            if (line.rfind("| `", 0) != 0) continue;
            auto cellsText = line.substr(line.find('|', line.find('|', 1) + 1));
            auto row = ticks(line.substr(0, line.find('|', 1)))[0];
            auto cols = ticks(cellsText.substr(cellsText.find('|') + 1));
            if (cols.empty()) cols = lastCols;
            lastCols = cols;
            for (const auto& c : cols) out.insert("t2." + row + "." + c);
        }
    } else if (table == "t3") {
        auto sec = md.substr(md.find("table id `t3`"), md.find("table id `t4`") - md.find("table id `t3`"));
        auto colsLine = sec.substr(sec.find("Columns"), sec.find("Rows:") - sec.find("Columns"));
        auto rowsText = sec.substr(sec.find("Rows:"), sec.find("Example") - sec.find("Rows:"));
        std::vector<std::string> rows;
        std::regex range("`([0-9.]+)\\.(\\d+)`–`[0-9.]+\\.(\\d+)`");
        std::string rest = rowsText;
        // expand `a.b.1`–`a.b.8` ranges, then the single ids
        for (auto it = std::sregex_iterator(rest.begin(), rest.end(), range); it != std::sregex_iterator(); ++it)
            for (int k = std::stoi((*it)[2]); k <= std::stoi((*it)[3]); ++k) rows.push_back((*it)[1].str() + "." + std::to_string(k));
        rest = std::regex_replace(rest, range, "");
        for (const auto& id : ticks(rest)) rows.push_back(id);
        for (const auto& r : rows) {
            // 2019 has the single row 3.6, 2021 has 3.6.1–3.6.3 (3.6 is its legacy form)
            if (fmt == "2019" && r.rfind("3.6.", 0) == 0) continue;
            if (fmt == "2021" && r == "3.6") continue;
            for (const auto& c : ticks(colsLine)) out.insert("t3." + r + "." + c);
        }
    } else {
        auto sec = md.substr(md.find("table id `t4`"), md.find("## 2.") - md.find("table id `t4`"));
        auto rowsLine = sec.substr(sec.find("Rows:"), sec.find("Columns:") - sec.find("Rows:"));
        auto colsLine = sec.substr(sec.find("Columns:"));
        for (const auto& r : ticks(rowsLine))
            for (const auto& c : ticks(colsLine)) out.insert("t4." + r + "." + c);
    }
    return out;
}

} // namespace

TEST_CASE("cell ids of both formats are exactly those of interchange.md", "[format]") {
    struct Want { const char* fmt; const char* table; std::size_t n; };
    for (Want w : {Want{"2019", "t2", 22}, Want{"2021", "t2", 10}, Want{"2019", "t3", 161}, Want{"2021", "t3", 175},
                   Want{"2019", "t4", 15}, Want{"2021", "t4", 15}}) {
        INFO(w.fmt << " " << w.table);
        const nb::Format* f = nb::findFormat(w.fmt);
        REQUIRE(f);
        auto ours = idsOf(*f, w.table);
        auto spec = specIds(w.fmt, w.table);
        CHECK(spec.size() == w.n);
        CHECK(ours.size() == w.n);
        CHECK(ours == spec);
    }
}

TEST_CASE("the 2021 format allows the legacy single （六） row and counts it as three", "[format]") {
    const nb::Format* f = nb::findFormat("2021");
    int i = f->findCell("t3.3.6.natural");
    REQUIRE(i >= 0);
    CHECK(f->cells[i].legacy);
    REQUIRE(f->cells[i].legacyOf.size() == 3);
    CHECK(f->cells[f->cells[i].legacyOf[0]].id == "t3.3.6.1.natural");
    CHECK(nb::findFormat("2019")->findCell("t3.3.6.1.natural") < 0);
}

TEST_CASE("labels match formats.md character for character", "[format]") {
    std::string md = testutil::readFile(testutil::specDir() + "/formats.md");
    for (const auto& id : nb::formatIds()) {
        const nb::Format& f = *nb::findFormat(id);
        for (const auto& s : f.sections) CHECK(md.find(s.heading) != std::string::npos);
        for (const auto& t : f.tables)
            for (const auto& b : t.blocks) {
                if (!b.caption.empty()) CHECK(md.find(b.caption) != std::string::npos);
                if (!b.corner.empty()) CHECK(md.find(b.corner) != std::string::npos);
                std::function<void(const nb::HeaderNode&)> hw = [&](const nb::HeaderNode& n) {
                    INFO(n.label); CHECK(md.find(n.label) != std::string::npos);
                    for (const auto& c : n.children) hw(c);
                };
                for (const auto& c : b.columns) hw(c);
                std::function<void(const nb::RowNode&)> rw = [&](const nb::RowNode& n) {
                    if (!n.label.empty()) { INFO(n.label); CHECK(md.find(n.label) != std::string::npos); }
                    for (const auto& c : n.children) rw(c);
                };
                for (const auto& r : b.rows) rw(r);
            }
    }
    // full-width punctuation as printed
    const nb::Format& f21 = *nb::findFormat("2021");
    CHECK(f21.cells[f21.findCell("t3.3.3.3.natural")].rowName == "（三）不予公开 3.危及“三安全一稳定”");
    CHECK(f21.cells[f21.findCell("t2.fees.amount")].colName == "本年收费金额（单位：万元）");
}

TEST_CASE("the official merges come out of the layout", "[format]") {
    for (const char* id : {"2019", "2021"}) {
        const nb::Format& f = *nb::findFormat(id);
        const nb::TableDef& t3 = *f.findTable("t3");
        const nb::Block& b = t3.blocks[0];
        CHECK(b.labelColumns == 3);
        CHECK(b.headerDepth == 3);
        CHECK(b.columns[0].colspan == 7);                       // 申请人情况
        CHECK(b.columns[0].children[0].rowspan == 2);           // 自然人
        CHECK(b.columns[0].children[1].colspan == 5);           // 法人或其他组织
        const nb::RowNode& results = b.rows[2];                 // 三、本年度办理结果
        CHECK(results.label == "三、本年度办理结果");
        CHECK(results.rowspan == (std::string(id) == "2019" ? 20 : 22));
        CHECK(results.children[2].rowspan == 8);                // （三）不予公开
        CHECK(results.children[3].rowspan == 3);
        CHECK(results.children[4].rowspan == 5);
        CHECK(b.rows[0].colspan == 3);                          // 一、 spans the three label columns
        CHECK(results.children[0].colspan == 2);                // （一）
        const nb::Block& t4 = f.findTable("t4")->blocks[0];
        CHECK(t4.columns[0].colspan == 5);
        CHECK(t4.columns[1].colspan == 10);
        CHECK(t4.columns[0].children[0].rowspan == 2);
        CHECK(t4.columns[1].children[0].colspan == 5);
        CHECK(f.findTable("t2")->gridColumns == 4);
    }
}

TEST_CASE("each format's rule set is sound", "[format][rules]") {
    for (const auto& id : nb::formatIds()) {
        auto errors = nb::validateRules(*nb::findFormat(id));
        for (const auto& e : errors) FAIL_CHECK(id << " " << e.rule << ": " << e.message);
        CHECK(errors.empty());
    }
}

TEST_CASE("a broken rule set is reported, not used", "[rules]") {
    nb::Format f;
    std::string err;
    auto j = nlohmann::json::parse(testutil::readFile(testutil::sourceDir() + "/core/formats/f2021.json"));
    j["rules"].push_back({{"id", "T4-1"}, {"severity", "error"}, {"check", "equal"}, {"lhs", {"t4.review.total"}}, {"rhs", {"t4.review.upheld"}}});
    j["rules"].push_back({{"id", "X-1"}, {"severity", "error"}, {"check", "equal"}, {"lhs", {"t9.nope.total"}}, {"rhs", {"t4.review.upheld"}}});
    j["rules"].push_back({{"id", "X-2"}, {"severity", "fatal"}, {"check", "equal"}, {"lhs", {"t4.review.total"}}, {"rhs", {"t4.review.upheld"}}});
    j["rules"].push_back({{"id", "X-3"}, {"severity", "error"}, {"check", "frobnicate"}});
    REQUIRE(nb::parseFormat(j, f, err));
    auto errors = nb::validateRules(f);
    REQUIRE(errors.size() == 4);
    CHECK(errors[0].message.find("duplicate") != std::string::npos);
    CHECK(errors[1].message.find("t9.nope.total") != std::string::npos);
    CHECK(errors[2].message.find("severity") != std::string::npos);
    CHECK(errors[3].message.find("frobnicate") != std::string::npos);
}

TEST_CASE("a rule with a misspelt key, a wrong type or an unknown table is a rule-set error naming it", "[rules]") {
    auto j = nlohmann::json::parse(testutil::readFile(testutil::sourceDir() + "/core/formats/f2021.json"));
    using nlohmann::json;
    j["rules"] = json::array({
        json{{"id", "X-1"}, {"severity", "warning"}, {"check", "jump"}, {"cells", {"t4.review.total"}}, {"ratio", 5}, {"min_dif", 20}},
        json{{"id", "X-2"}, {"severity", "warning"}, {"check", "text_similar"}, {"threshhold", 0.9}, {"min_length", 200}},
        json{{"id", "X-3"}, {"severity", "warning"}, {"check", "legacy_row"}, {"table", "t9"}},
        json{{"id", "X-4"}, {"severity", "error"}, {"check", "equal"}, {"lhs", {5}}, {"rhs", {"t4.review.upheld"}}},
        json{{"id", "X-5"}, {"severity", "warning"}, {"check", "text_figures"},
             {"figures", {{{"keyword", "申请"}, {"windw", 8}, {"candidates", {{"t3.1.total"}}}}}}},
        json{{"id", "X-6"}, {"severity", "warning"}, {"check", "jump"}, {"cells", {"t4.review.total"}}, {"min_diff", 20}},
        json{{"id", "X-7"}, {"severity", "warning"}, {"check", "text_mentions"}, {"section", "overview"},
             {"all_of", {{"考核"}}}, {"when", {{"agency", "government"}}}},
        json{{"id", "OK-1"}, {"severity", "warning"}, {"check", "jump"}, {"cells", {"t4.review.total"}}, {"ratio", 2.5}, {"min_diff", 20}},
    });
    nb::Format f;
    std::string err;
    REQUIRE(nb::parseFormat(j, f, err));
    std::vector<nb::RuleSetError> errors;
    REQUIRE_NOTHROW(errors = nb::validateRules(f));
    REQUIRE(errors.size() == 7);
    auto has = [&](std::size_t i, const char* rule, const char* text) {
        INFO(errors[i].rule << ": " << errors[i].message);
        CHECK(errors[i].rule == rule);
        CHECK(errors[i].message.find(text) != std::string::npos);
    };
    has(0, "X-1", "\"min_dif\"");
    has(1, "X-2", "\"threshhold\"");
    has(2, "X-3", "t9");
    has(3, "X-4", "\"lhs\"");
    has(4, "X-5", "\"windw\"");
    has(5, "X-6", "\"ratio\"");   // required: no hidden default
    has(6, "X-7", "\"agency\"");
    // the sound rule is compiled and runs (a fractional ratio is kept exactly: 2.5, not 2)
    nb::Report prev = nb::Report::blank(f), cur = nb::Report::blank(f);
    prev.set("t4.review.total", nb::fromInt(40));
    cur.set("t4.review.total", nb::fromInt(110));   // 2.75 × last year
    auto fs = nb::checkReport(cur, &prev);
    CHECK(std::count_if(fs.begin(), fs.end(), [](const nb::Finding& x) { return x.code == "OK-1"; }) == 1);
    CHECK(std::none_of(fs.begin(), fs.end(), [](const nb::Finding& x) { return x.code.rfind("X-", 0) == 0; }));
}

TEST_CASE("compiled rules belong to their format: a new format at an old address gets its own", "[rules]") {
    auto j = nlohmann::json::parse(testutil::readFile(testutil::sourceDir() + "/core/formats/f2021.json"));
    for (int round = 0; round < 2; ++round) {
        nb::Format f;
        std::string err;
        if (round == 1) j["rules"] = nlohmann::json::array();
        REQUIRE(nb::parseFormat(j, f, err));
        nb::Report r = nb::Report::blank(f);
        r.set("t4.review.upheld", nb::fromInt(3));
        r.set("t4.review.total", nb::fromInt(1));
        auto fs = nb::checkReport(r);
        if (round == 0) CHECK_FALSE(fs.empty());
        else CHECK(fs.empty());   // no rules, no findings (the old address-keyed cache returned stale ones)
    }
}

// docs/rules.md is the rule language for people: every kind and key the engine knows is there, a required
// key in bold, an optional one not; no kind is documented that the engine does not know
TEST_CASE("docs/rules.md documents exactly the engine's rule kinds and keys", "[format][rules][rules-doc]") {
    std::string doc = testutil::readFile(testutil::sourceDir() + "/docs/rules.md");
    std::vector<std::vector<std::string>> rows;   // the cells of every table row
    std::istringstream in(doc);
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("| ", 0) != 0) continue;
        std::vector<std::string> cells;
        std::size_t a = 2;
        for (std::size_t b; (b = line.find(" | ", a)) != std::string::npos; a = b + 3) cells.push_back(line.substr(a, b - a));
        cells.push_back(line.substr(a));
        rows.push_back(cells);
    }
    auto documented = [&](const std::string& cell, const nb::RuleKeyInfo& k) {
        bool bold = cell.find("**`" + k.key + "`**") != std::string::npos;
        bool plain = std::regex_search(cell, std::regex("(^|[^*])`" + k.key + "`([^*]|$)"));
        return k.required ? bold : plain;
    };
    std::set<std::string> known;
    for (const auto& kind : nb::ruleKinds()) {
        known.insert(kind.check);
        INFO("kind " << kind.check);
        const std::vector<std::string>* row = nullptr;
        for (const auto& r : rows)
            if (r.size() >= 3 && std::regex_search(r[0], std::regex("(^|[ ,])`" + kind.check + "`(,|$| )"))) row = &r;
        REQUIRE(row);
        for (const auto& k : kind.keys) {
            INFO("key " << k.key << (k.required ? " (required: bold)" : " (optional: not bold)"));
            CHECK(documented((*row)[1], k));
        }
    }
    for (const auto& k : nb::ruleCommonKeys()) {
        INFO("common key " << k.key);
        bool found = false;
        for (const auto& r : rows)
            if (r.size() >= 4 && r[0] == "`" + k.key + "`") { found = true; CHECK((r[2].rfind("yes", 0) == 0) == k.required); }
        CHECK(found);
    }
    for (const auto& k : nb::ruleFigureKeys()) {
        INFO("figure key " << k.key);
        bool found = false;
        for (const auto& r : rows)
            if (r.size() >= 4 && documented(r[0], k) && (r[2] == "required") == k.required) found = true;
        CHECK(found);
    }
    // the kinds table names no kind the engine lacks
    bool inKinds = false;
    for (const auto& r : rows) {
        if (r.size() >= 3 && r[0] == "`check`" && r[1].rfind("keys", 0) == 0) { inKinds = true; continue; }
        if (!inKinds || r[0].rfind("`", 0) != 0) { if (inKinds && r[0] == "key") inKinds = false; continue; }
        const std::string cell = r[0];
        static const std::regex kindName("`([a-z_]+)`");
        for (auto it = std::sregex_iterator(cell.begin(), cell.end(), kindName); it != std::sregex_iterator(); ++it) {
            INFO("documented kind " << (*it)[1].str());
            CHECK(known.count((*it)[1].str()) == 1);
        }
    }
}

TEST_CASE("a finding's target is read and written in one place", "[target]") {
    for (const std::string& id : nb::formatIds()) {
        const nb::Format& f = *nb::findFormat(id);
        using K = nb::Target::Kind;
        // every cell, text section, table, meta field and the format read back as what they are
        for (std::size_t i = 0; i < f.cells.size(); ++i) {
            nb::Target t = nb::Target::parse(f, f.cells[i].id);
            CHECK(t.kind == K::Cell);
            CHECK(t.cell == static_cast<int>(i));
            CHECK(t.ref() == f.cells[i].id);
            CHECK(t.section(f) == f.cells[i].table);
        }
        for (const nb::SectionDef& s : f.sections) {
            if (!s.textKey.empty()) {
                nb::Target t = nb::Target::parse(f, nb::Target::textRef(s.textKey));
                CHECK(t.kind == K::Text);
                CHECK(t.key == s.textKey);
                CHECK(t.section(f) == "text." + s.textKey);
            }
            if (!s.tableId.empty()) CHECK(nb::Target::parse(f, s.tableId).kind == K::Table);
        }
        for (const char* m : {"agency", "agency_kind", "year", "published"}) {
            nb::Target t = nb::Target::parse(f, nb::Target::metaRef(m));
            CHECK(t.kind == K::Meta);
            CHECK(t.ref() == std::string("meta.") + m);
            CHECK(t.section(f) == "meta");
        }
        CHECK(nb::Target::parse(f, nb::Target::formatRef()).kind == K::Format);
        CHECK(nb::Target::parse(f, "format").section(f) == "meta");
        // what is not in the format is no target
        for (const char* bad : {"", "t9", "t3.99.natural", "text.preface", "meta.mayor", "text.", "meta.", "formats"})
            CHECK_FALSE(nb::Target::parse(f, bad));
        // every target a finding of the fixtures names is one of these
        nb::Report r = nb::Report::blank(f);
        r.meta.year = f.yearMin;
        r.set(f.cells.front().id, -1);
        for (const nb::Finding& fd : nb::checkReport(r))
            for (const std::string& c : fd.cells) CHECK(nb::Target::parse(f, c));
    }
}
