// fixtures_test.cpp — one data-driven test over tests/fixtures/<format>/*.json: each fixture starts
// from a base report, changes some cells/fields, optionally adds last year's report, and lists the
// findings that must (expect) and must not (expect_absent) appear. See tests/fixtures/README.md.
#include "test_util.hpp"
#include <algorithm>
#include <fstream>

using nlohmann::json;

namespace {

std::string fixturesDir() { return testutil::sourceDir() + "/tests/fixtures"; }

void applySet(nb::Report& r, const json& set) {
    for (auto it = set.begin(); it != set.end(); ++it) {
        const std::string& k = it.key();
        const json& v = *it;
        if (k.rfind("text.", 0) == 0) r.text[k.substr(5)] = v.get<std::string>();
        else if (k == "meta.agency") r.meta.agency = v.get<std::string>();
        else if (k == "meta.agency_kind") r.meta.agencyKind = v.get<std::string>();
        else if (k == "meta.published") r.meta.published = v.get<std::string>();
        else if (k == "meta.year") r.meta.year = v.is_null() ? std::nullopt : std::optional<int>(v.get<int>());
        else if (k.rfind("units.", 0) == 0) { if (v.is_null()) r.units.erase(k.substr(6)); else r.units[k.substr(6)] = v.get<std::string>(); }
        else {
            std::optional<nb::Fixed> val;
            if (!v.is_null()) {
                nb::Fixed f = 0;
                REQUIRE(nb::parseDecimal(v.dump(), f) == nb::DecimalError::None);
                val = f;
            }
            INFO("unknown cell in fixture: " << k);
            REQUIRE(r.set(k, val));
        }
    }
}

nb::Report build(const json& spec) {
    nb::Report r = testutil::load(fixturesDir() + "/base/" + spec.at("base").get<std::string>() + ".json");
    applySet(r, spec.value("set", json::object()));
    return r;
}

std::vector<std::string> listJson(const std::string& dir) {
    std::vector<std::string> out;
    std::ifstream idx(dir + "/index.txt");   // node's wasm build has no directory listing: an index is kept
    for (std::string line; std::getline(idx, line);)
        if (!line.empty() && line[0] != '#') out.push_back(dir + "/" + line);
    return out;
}

} // namespace

TEST_CASE("rule fixtures: each rule fails and passes where its fixtures say", "[fixtures][rules]") {
    std::map<std::string, std::pair<int, int>> perRule;   // code → (failing cases, passing cases), per format
    int cases = 0;
    for (const std::string& fmt : nb::formatIds()) {
        for (const auto& path : listJson(fixturesDir() + "/" + fmt)) {
            json fx = json::parse(testutil::readFile(path));
            INFO(path << ": " << fx.value("description", ""));
            ++cases;
            nb::Report r = build(fx);
            REQUIRE(r.format->id == fmt);
            std::optional<nb::Report> prev;
            if (fx.contains("previous")) prev = build(fx["previous"]);
            auto fs = nb::checkReport(r, prev ? &*prev : nullptr);
            std::string got;
            for (const auto& f : fs) got += "\n  " + f.code + " " + nb::severityName(f.severity) + " " + f.message;
            INFO("findings:" << got);
            for (const auto& f : fs)
                for (const auto& c : f.cells) { INFO(f.code << " points at " << c); CHECK(nb::Target::parse(*r.format, c)); }
            for (const auto& e : fx.value("expect", json::array())) {
                std::string code = e.at("code");
                auto match = std::find_if(fs.begin(), fs.end(), [&](const nb::Finding& f) {
                    if (f.code != code) return false;
                    for (const auto& c : e.value("cells", json::array()))
                        if (std::find(f.cells.begin(), f.cells.end(), c.get<std::string>()) == f.cells.end()) return false;
                    return true;
                });
                INFO("expected " << e.dump());
                REQUIRE(match != fs.end());
                if (e.contains("severity")) CHECK(nb::severityName(match->severity) == e["severity"].get<std::string>());
                auto num = [](const json& v) { nb::Fixed f = 0; nb::parseDecimal(v.dump(), f); return f; };
                if (e.contains("expected")) CHECK(match->expected == num(e["expected"]));
                if (e.contains("actual")) CHECK(match->actual == num(e["actual"]));
                if (e.contains("fix")) { REQUIRE(!match->fixes.empty()); CHECK(match->fixes[0].value == num(e["fix"])); }
                if (e.contains("message_contains")) CHECK(match->message.find(e["message_contains"].get<std::string>()) != std::string::npos);
                perRule[fmt + " " + code].first++;
            }
            for (const auto& code : fx.value("expect_absent", json::array())) {
                bool present = std::any_of(fs.begin(), fs.end(), [&](const nb::Finding& f) { return f.code == code.get<std::string>(); });
                INFO("must be absent: " << code);
                CHECK_FALSE(present);
                perRule[fmt + " " + code.get<std::string>()].second++;
            }
            if (fx.value("only", false)) CHECK(fs.size() == fx.value("expect", json::array()).size());
        }
    }
    CHECK(cases > 0);
    // every rule of every format has at least one failing and one passing fixture
    for (const std::string& fmt : nb::formatIds()) {
        for (const auto& rj : nb::findFormat(fmt)->rules) {
            std::string key = fmt + " " + rj.value("id", "");
            INFO("rule " << key << " needs a failing and a passing fixture");
            CHECK(perRule[key].first > 0);
            CHECK(perRule[key].second > 0);
        }
    }
}

TEST_CASE("the complete base reports are clean: no finding at all", "[fixtures]") {
    for (const std::string& fmt : nb::formatIds()) {   // each format has its complete, clean report
        INFO("complete-" << fmt);
        auto r = testutil::load(fixturesDir() + "/base/complete-" + fmt + ".json");
        auto fs = nb::checkReport(r);
        std::string got;
        for (const auto& f : fs) got += "\n  " + f.code + " " + f.message;
        INFO(got);
        CHECK(fs.empty());
    }
}
