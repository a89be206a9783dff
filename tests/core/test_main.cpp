// test_main.cpp — Catch2 main and the helpers every core test uses (file reading, fixture paths).
#define CATCH_CONFIG_MAIN
#include "test_util.hpp"
#include <fstream>
#include <sstream>

namespace testutil {

std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void writeFile(const std::string& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

nb::Report load(const std::string& path) {
    auto r = nb::loadReportOrPage(readFile(path));
    if (!r.ok()) throw std::runtime_error(path + ": " + r.error.text());
    return std::move(*r.report);
}

std::vector<std::string> realReports() {
    std::string d = sharedDir() + "/real-reports/";
    return {d + "hongze-2023.json", d + "hongze-2024.json", d + "huaian-2024.json", d + "jinhu-2023.json",
            d + "suqian-2023.json", d + "suqian-2024.json", d + "partial/jinhu-2024-partial.json",
            d + "partial/kiro-report29-2023.json"};
}

} // namespace testutil
