// test_util.hpp — shared helpers for the core tests: source, test data (tests/data) and spec (docs/spec)
// paths, and file reading.
#pragma once
#include "nianbao/check.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include <catch2/catch.hpp>
#include <string>
#include <vector>

namespace testutil {
inline std::string sourceDir() { return NIANBAO_SOURCE_DIR; }
inline std::string sharedDir() { return NIANBAO_SHARED_DIR; }   // tests/data: a copy of the shared/ folder
inline std::string specDir() { return NIANBAO_SPEC_DIR; }       // docs/spec
inline std::string seedPath() { return sharedDir() + "/seed/qinghai-2019.json"; }
std::string readFile(const std::string& path);
void writeFile(const std::string& path, const std::string& text);
nb::Report load(const std::string& path);
std::vector<std::string> realReports();
/// `text` with the one occurrence of `from` replaced by `to`; REQUIREs that `from` is there.
inline std::string replacedOnce(std::string text, const std::string& from, const std::string& to) {
    auto p = text.find(from);
    REQUIRE(p != std::string::npos);
    return text.replace(p, from.size(), to);
}
} // namespace testutil
