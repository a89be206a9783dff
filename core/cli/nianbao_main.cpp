// nianbao_main.cpp — the `nianbao` command line (interchange.md §3):
//   nianbao check [--json] [--previous LAST_YEAR.json] FILE…   exit 0 no error, 1 errors, 2 unreadable file
//   (FILE, and LAST_YEAR, may be anything `import` reads: a published page or Word file is read from its tables)
//   nianbao render FILE -o OUT.html|OUT.docx                     exit 0, or 2 (the extension chooses)
//   nianbao import FILE… [-o OUT.json|DIR] [--json]               exit 0 every cell read, 1 items to review,
//                                                                 2 not a report / unreadable
//   nianbao review FILE… [--csv OUT.csv] [--html OUT.html] [--rules PACK.json]…   exit 0 no report has an
//                                                                 error, 1 some have, 2 a file unreadable
//   nianbao merge FILE… -o OUT.json                               exit 0, or 2 (mixed formats/years, an agency twice)
//   nianbao pack PACK.json -o OUT.html [--app nianbao.html]       the app with a local rule pack built in
//   nianbao convert FILE --to FORMAT -o OUT.json                  the report in another format (转换为…):
//                                                                 exit 0, 1 filled cells had no place, 2 unreadable
// check and review accept --rules PACK.json (repeatable): a local rule pack (rule_pack.hpp).
#include "nianbao/check.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/import.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/review.hpp"
#include "nianbao/rule_pack.hpp"
#include <cctype>
#include <cstdlib>
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

bool writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream o(path, std::ios::binary);
    return o && o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

int usage() {
    std::cerr << "用法：\n"
                 "  nianbao check [--json] [--previous 上年报告.json] 报告.json…\n"
                 "  nianbao render 报告.json -o 输出.html（或 输出.docx）\n"
                 "  nianbao import [--json] [-o 报告.json] 网页.html|文件.docx…（多个文件时 -o 为目录）\n"
                 "  nianbao review [--csv 结果.csv] [--html 结果.html] [--rules 规则包.json] 报告…\n"
                 "  nianbao merge 报告… -o 汇总.json\n"
                 "  nianbao pack 规则包.json -o 某市-年报填报.html [--app nianbao.html]\n"
                 "  nianbao convert 报告 --to 格式 -o 输出.json（格式：" + nb::formatIdList() + "）\n"
                 "  （check 与 review 可加 --rules 规则包.json，可重复）\n";
    return 2;
}

// a report from any file `import` reads (JSON, nianbao's page or .docx, a published page, a Word file)
nb::ImportResult loadPath(const std::string& path, std::string& why) {
    std::string text;
    if (!readFile(path, text)) {
        why = "无法读取文件";
        return {};
    }
    nb::ImportResult r = nb::importFile(text, path);
    if (!r.report) why = r.error;
    return r;
}

// a --rules PACK.json: false (with the message printed) when it cannot be read or is not a sound pack
bool loadPack(const std::string& path, std::vector<nb::RulePack>& packs) {
    std::string text, why;
    if (!readFile(path, text)) { std::cerr << path << "：无法读取规则包\n"; return false; }
    auto p = nb::parseRulePack(text, why);
    if (!p) { std::cerr << path << "：" << why << "\n"; return false; }
    packs.push_back(std::move(*p));
    return true;
}

int check(int argc, char** argv) {
    bool asJson = false;
    std::string prevPath;
    std::vector<std::string> files;
    std::vector<nb::RulePack> packs;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") asJson = true;
        else if (a == "--previous" && i + 1 < argc) prevPath = argv[++i];
        else if (a == "--rules" && i + 1 < argc) { if (!loadPack(argv[++i], packs)) return 2; }
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
        if (!p.report) {
            if (asJson) all.push_back({{"file", prevPath}, {"code", "FILE"}, {"severity", "error"}, {"cells", nlohmann::json::array()}, {"message", "上年报告无法读取：" + why}});
            else std::cout << prevPath << "：上年报告无法读取：" << why << "\n";
            status = 2;
        } else prev = std::move(p.report);
    }
    for (const auto& file : files) {
        std::string why;
        auto res = loadPath(file, why);
        if (!res.report) {
            status = 2;
            if (asJson) all.push_back({{"file", file}, {"code", "FILE"}, {"severity", "error"}, {"cells", nlohmann::json::array()}, {"message", why}});
            else std::cout << file << "：无法读取：" << why << "\n";
            continue;
        }
        const bool recognised = res.recognised;
        const std::size_t cellsRead = res.cells.size(), toReview = res.items.size();
        const std::string source = res.source;
        // the same row `review` makes: P-1 / P-2 first, then the rules; its counts are the ones printed
        const nb::ReviewRow row = nb::reviewImported(std::move(res), file, packs, prev ? &*prev : nullptr);
        const auto& findings = row.findings;
        if (row.errors && status == 0) status = 1;
        if (asJson) {
            for (auto& o : nb::findingsToJson(findings, file)) all.push_back(std::move(o));
            continue;
        }
        std::cout << file << "（" << nb::reportTitle(*row.report) << "，" << row.report->format->id << " 年格式）\n";
        if (recognised)
            std::cout << "  （从" << source << "的表格读出 " << cellsRead << " 格" <<
                (toReview ? "，" + std::to_string(toReview) + " 项待核对，见 nianbao import" : "") << "）\n";
        for (const auto& f : findings) {
            std::cout << "  [" << nb::severityLabel(f.severity) << " " << f.code << "] " << f.message;
            for (std::size_t k = 0; k < f.fixes.size() && k < 4; ++k)
                std::cout << (k ? "、" : "（建议 ") << f.fixes[k].cell << " 填 " << nb::formatDecimal(f.fixes[k].value);
            if (!f.fixes.empty()) std::cout << (f.fixes.size() > 4 ? " 等" : "") << "）";
            std::cout << "\n";
            if (!f.explanation.empty()) std::cout << "      情况说明：" << f.explanation << "\n";
        }
        std::cout << "  共 " << row.errors << " 个错误，" << row.warnings << " 个警告" <<
            (row.explained ? "（" + std::to_string(row.explained) + " 个已说明）" : "") << "，" << row.infos << " 个提示\n";
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
    if (!res.report) {
        std::cerr << in << "：无法读取：" << why << "\n";
        return 2;
    }
    auto endsWith = [&](const char* ext) {
        std::string e = ext, tail = out.size() >= e.size() ? out.substr(out.size() - e.size()) : std::string();
        for (char& c : tail) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return tail == e;
    };
    std::string bytes = endsWith(".docx") ? nb::renderDocx(*res.report) : nb::renderHtml(*res.report);
    if (bytes.empty() || !writeFile(out, bytes)) {
        std::cerr << out << "：无法写入\n";
        return 2;
    }
    return 0;
}

int import(int argc, char** argv) {
    bool asJson = false;
    std::string out;
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--json") asJson = true;
        else if ((a == "-o" || a == "--output") && i + 1 < argc) out = argv[++i];
        else if (a.rfind("--", 0) == 0) return usage();
        else files.push_back(a);
    }
    if (files.empty()) return usage();
    int status = 0;
    nlohmann::json all = nlohmann::json::array();
    for (const auto& file : files) {
        std::string bytes;
        nb::ImportResult r;
        if (!readFile(file, bytes)) r.error = "无法读取文件";
        else r = nb::importFile(bytes, file);
        status = std::max(status, r.status());
        if (r.report && !out.empty()) {
            std::string target = out;
            if (files.size() > 1) {   // -o names a folder: one report per file, named after it
                std::string base = file.substr(file.find_last_of('/') + 1);
                base = base.substr(0, base.find_last_of('.'));
                target = out + "/" + base + ".json";
            }
            if (!writeFile(target, nb::saveReport(*r.report))) {
                std::cerr << target << "：无法写入\n";
                status = 2;
            }
        }
        if (asJson) all.push_back(nlohmann::json::parse(nb::importReportJson(r, file)));
        else std::cout << nb::importReportText(r, file);
    }
    if (asJson) std::cout << all.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return status;
}

int review(int argc, char** argv) {
    std::string csvOut, htmlOut;
    std::vector<std::string> files;
    std::vector<nb::RulePack> packs;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--csv" && i + 1 < argc) csvOut = argv[++i];
        else if (a == "--html" && i + 1 < argc) htmlOut = argv[++i];
        else if (a == "--rules" && i + 1 < argc) { if (!loadPack(argv[++i], packs)) return 2; }
        else if (a.rfind("--", 0) == 0) return usage();
        else files.push_back(a);
    }
    if (files.empty()) return usage();
    std::vector<nb::ReviewRow> rows;
    int status = 0;
    for (const auto& file : files) {
        std::string bytes;
        nb::ReviewRow row;
        if (!readFile(file, bytes)) { row.file = file; row.error = "无法读取文件"; }
        else row = nb::reviewFile(bytes, file, packs);
        if (!row.report) status = 2;
        else if (row.errors > 0 && status == 0) status = 1;
        rows.push_back(std::move(row));
    }
    std::cout << "文件\t机关名称\t年度\t格式\t错误\t警告\t已说明\t逾期\t完整性\t导入待核对\n";
    for (const auto& r : rows) {
        if (!r.report) { std::cout << r.file << "\t无法读取：" << r.error << "\n"; continue; }
        std::cout << r.file << "\t" << r.report->meta.agency << "\t" <<
            (r.report->meta.year ? std::to_string(*r.report->meta.year) : r.report->meta.yearText) << "\t" << r.report->format->id <<
            "\t" << r.errors << "\t" << r.warnings << "\t" << r.explained << "\t" <<
            (r.daysLate ? std::to_string(*r.daysLate) + " 天" : "") << "\t" << nb::integrityLabel(r.integrity) << "\t" <<
            r.importItems << "\n";
    }
    if (!csvOut.empty() && !writeFile(csvOut, nb::reviewCsv(rows))) { std::cerr << csvOut << "：无法写入\n"; return 2; }
    if (!htmlOut.empty() && !writeFile(htmlOut, nb::reviewHtml(rows, packs))) { std::cerr << htmlOut << "：无法写入\n"; return 2; }
    return status;
}

int merge(int argc, char** argv) {
    std::string out;
    std::vector<std::string> files;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if ((a == "-o" || a == "--output") && i + 1 < argc) out = argv[++i];
        else if (a.rfind("--", 0) == 0) return usage();
        else files.push_back(a);
    }
    if (files.empty() || out.empty()) return usage();
    std::vector<nb::MergeInput> inputs;
    for (const auto& file : files) {
        std::string why;
        auto r = loadPath(file, why);
        if (!r.report) { std::cerr << file << "：无法读取：" << why << "\n"; return 2; }
        inputs.push_back({file, std::move(*r.report)});
    }
    nb::MergeResult m = nb::mergeReports(inputs);
    if (!m.report) { std::cerr << "无法汇总：" << m.error << "\n"; return 2; }
    if (!writeFile(out, nb::saveReport(*m.report))) { std::cerr << out << "：无法写入\n"; return 2; }
    std::cout << "已汇总 " << inputs.size() << " 份报告（" << m.report->format->name << "，" << *m.report->meta.year << " 年）→ " << out << "\n";
    return 0;
}

// the single-file app a local edition is made from: --app, else $NIANBAO_APP, else dist/nianbao.html of the
// checkout the binary was built in (build*/bin/nianbao → dist/), else ./dist/nianbao.html
std::string appPath(const std::string& given, const char* argv0) {
    if (!given.empty()) return given;
    if (const char* env = std::getenv("NIANBAO_APP"); env && *env) return env;
    std::string self = argv0;
    if (auto slash = self.find_last_of('/'); slash != std::string::npos) {
        std::string candidate = self.substr(0, slash) + "/../../dist/nianbao.html";
        if (std::ifstream(candidate)) return candidate;
    }
    return "dist/nianbao.html";
}

int pack(int argc, char** argv) {
    std::string in, out, app;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if ((a == "-o" || a == "--output") && i + 1 < argc) out = argv[++i];
        else if (a == "--app" && i + 1 < argc) app = argv[++i];
        else if (in.empty() && a.rfind("-", 0) != 0) in = a;
        else return usage();
    }
    if (in.empty() || out.empty()) return usage();
    std::vector<nb::RulePack> packs;
    if (!loadPack(in, packs)) return 2;
    std::string appFile = appPath(app, argv[0]), html;
    if (!readFile(appFile, html)) { std::cerr << appFile << "：找不到 nianbao 单文件程序（用 --app 指定 nianbao.html）\n"; return 2; }
    std::string edition = nb::localEdition(html, packs[0]);
    if (edition.empty()) { std::cerr << appFile << "：不是 nianbao 的单文件程序\n"; return 2; }
    if (!writeFile(out, edition)) { std::cerr << out << "：无法写入\n"; return 2; }
    std::cout << "已生成本地版 " << out << "：内置“" << packs[0].name << "”（" << packs[0].ruleCount << " 条规则）\n";
    return 0;
}

int convert(int argc, char** argv) {
    std::string in, out, to;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if ((a == "-o" || a == "--output") && i + 1 < argc) out = argv[++i];
        else if (a == "--to" && i + 1 < argc) to = argv[++i];
        else if (in.empty() && a.rfind("-", 0) != 0) in = a;
        else return usage();
    }
    if (in.empty() || out.empty() || to.empty()) return usage();
    const nb::Format* target = nb::findFormat(to);
    if (!target) { std::cerr << "未知的格式“" << to << "”（应为 " << nb::formatIdList() << "）\n"; return 2; }
    std::string why;
    auto r = loadPath(in, why);
    if (!r.report) { std::cerr << in << "：无法读取：" << why << "\n"; return 2; }
    std::vector<std::string> dropped;
    nb::Report converted = nb::convertReport(*r.report, *target, &dropped);
    if (!writeFile(out, nb::saveReport(converted))) { std::cerr << out << "：无法写入\n"; return 2; }
    std::cout << "已转换为" << target->label << "（" << target->document << "）→ " << out << "：正文和两种格式共有的单元格已保留";
    if (dropped.empty()) { std::cout << "\n"; return 0; }
    std::cout << "；" << dropped.size() << " 个已填单元格在新格式中没有对应位置，未转换：\n";
    for (const auto& id : dropped) {
        int i = r.report->format->findCell(id);
        std::cout << "  " << (i >= 0 ? r.report->format->cells[static_cast<std::size_t>(i)].name : id) << "（" << id << "）\n";
    }
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) return usage();
    std::string cmd = argv[1];
    if (cmd == "check") return check(argc, argv);
    if (cmd == "render") return render(argc, argv);
    if (cmd == "import") return import(argc, argv);
    if (cmd == "review") return review(argc, argv);
    if (cmd == "merge") return merge(argc, argv);
    if (cmd == "pack") return pack(argc, argv);
    if (cmd == "convert") return convert(argc, argv);
    return usage();
}
