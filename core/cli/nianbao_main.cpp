// nianbao_main.cpp — the `nianbao` command line (interchange.md §3):
//   nianbao check [--json] [--previous LAST_YEAR.json] FILE…   exit 0 no error, 1 errors, 2 unreadable file
//   nianbao render FILE -o OUT.html|OUT.docx                     exit 0, or 2 (the extension chooses)
#include "nianbao/check.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

namespace {

bool readFile(const std::string& path, std::string& out) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    std::ostringstream ss;
    ss << in.rdbuf();
    out = ss.str();
    return true;
}

int usage() {
    std::cerr << "用法：\n"
                 "  nianbao check [--json] [--previous 上年报告.json] 报告.json…\n"
                 "  nianbao render 报告.json -o 输出.html（或 输出.docx）\n";
    return 2;
}

nb::LoadResult loadPath(const std::string& path, std::string& why) {
    std::string text;
    if (!readFile(path, text)) {
        why = "无法读取文件";
        return {};
    }
    nb::LoadResult r = nb::loadReportOrPage(text);
    if (!r.ok()) why = r.error.text();
    return r;
}

int check(int argc, char** argv) {
    bool asJson = false;
    std::string prevPath;
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") asJson = true;
        else if (a == "--previous" && i + 1 < argc) prevPath = argv[++i];
        else if (a.rfind("--", 0) == 0) return usage();
        else files.push_back(a);
    }
    if (files.empty()) return usage();
    int status = 0;
    std::optional<nb::Report> prev;
    nlohmann::json all = nlohmann::json::array();
    if (!prevPath.empty()) {
        std::string why;
        auto p = loadPath(prevPath, why);
        if (!p.ok()) {
            if (asJson) all.push_back({{"file", prevPath}, {"code", "FILE"}, {"severity", "error"}, {"cells", nlohmann::json::array()}, {"message", "上年报告无法读取：" + why}});
            else std::cout << prevPath << "：上年报告无法读取：" << why << "\n";
            status = 2;
        } else prev = std::move(p.report);
    }
    for (const auto& file : files) {
        std::string why;
        auto res = loadPath(file, why);
        if (!res.ok()) {
            status = 2;
            if (asJson) all.push_back({{"file", file}, {"code", "FILE"}, {"severity", "error"}, {"cells", nlohmann::json::array()}, {"message", why}});
            else std::cout << file << "：无法读取：" << why << "\n";
            continue;
        }
        auto findings = res.integrity;   // an exported page changed after it was made: P-1 / P-2 first
        for (auto& f : nb::checkReport(*res.report, prev ? &*prev : nullptr)) findings.push_back(std::move(f));
        int errors = 0, warnings = 0, infos = 0;
        for (const auto& f : findings)
            (f.severity == nb::Severity::Error ? errors : f.severity == nb::Severity::Warning ? warnings : infos)++;
        if (errors && status == 0) status = 1;
        if (asJson) {
            for (auto& o : nb::findingsToJson(findings, file)) all.push_back(std::move(o));
            continue;
        }
        std::cout << file << "（" << nb::reportTitle(*res.report) << "，" << res.report->format->id << " 年格式）\n";
        for (const auto& f : findings) {
            std::cout << "  [" << nb::severityLabel(f.severity) << " " << f.code << "] " << f.message;
            for (std::size_t k = 0; k < f.fixes.size() && k < 4; ++k)
                std::cout << (k ? "、" : "（建议 ") << f.fixes[k].cell << " 填 " << nb::formatDecimal(f.fixes[k].value);
            if (!f.fixes.empty()) std::cout << (f.fixes.size() > 4 ? " 等" : "") << "）";
            std::cout << "\n";
        }
        std::cout << "  共 " << errors << " 个错误，" << warnings << " 个警告，" << infos << " 个提示\n";
    }
    if (asJson) std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return status;
}

int render(int argc, char** argv) {
    std::string in, out;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if ((a == "-o" || a == "--output") && i + 1 < argc) out = argv[++i];
        else if (in.empty() && a.rfind("-", 0) != 0) in = a;
        else return usage();
    }
    if (in.empty() || out.empty()) return usage();
    std::string why;
    auto res = loadPath(in, why);
    if (!res.ok()) {
        std::cerr << in << "：无法读取：" << why << "\n";
        return 2;
    }
    auto endsWith = [&](const char* ext) {
        std::string e = ext, tail = out.size() >= e.size() ? out.substr(out.size() - e.size()) : std::string();
        for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return tail == e;
    };
    std::string bytes = endsWith(".docx") ? nb::renderDocx(*res.report) : nb::renderHtml(*res.report);
    std::ofstream o(out, std::ios::binary);
    if (!o || bytes.empty() || !o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()))) {
        std::cerr << out << "：无法写入\n";
        return 2;
    }
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string cmd = argv[1];
    if (cmd == "check") return check(argc, argv);
    if (cmd == "render") return render(argc, argv);
    return usage();
}
