// review.cpp — the supervising office's review table and roll-up (review.hpp): rows from importFile +
// verification + checkReport (so a row's counts are `nianbao check`'s), CSV with a BOM, an HTML page of
// each report's findings, and the cell-wise 汇总 of reports of one format and year.
#include "nianbao/review.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/page_verify.hpp"
#include <algorithm>
#include <map>
#include <set>

namespace nb {

using nlohmann::json;

const char* integrityName(Integrity i) {
    switch (i) {
    case Integrity::NotVerifiable: return "none";
    case Integrity::Intact: return "intact";
    case Integrity::DataChanged: return "data_changed";
    case Integrity::TableDiffers: return "table_differs";
    }
    return "";
}

const char* integrityLabel(Integrity i) {
    switch (i) {
    case Integrity::NotVerifiable: return "—";
    case Integrity::Intact: return "完好";
    case Integrity::DataChanged: return "导出后数据被改动";
    case Integrity::TableDiffers: return "页面表格与数据不符";
    }
    return "";
}

ReviewRow reviewImported(ImportResult imported, std::string_view fileName, const std::vector<RulePack>& packs,
                         const Report* previous) {
    ReviewRow row;
    row.file = std::string(fileName);
    row.source = imported.source;
    if (!imported.report) {
        row.error = imported.error.empty() ? "无法读取" : imported.error;
        return row;
    }
    const Report& r = *imported.report;
    row.findings = std::move(imported.integrity);   // an exported page changed after it was made: P-1 / P-2 first
    bool dataChanged = false, tableDiffers = false;
    for (const Finding& f : row.findings) {
        dataChanged |= f.code == kDataChangedCode;
        tableDiffers |= f.code == kTableDiffersCode;
    }
    row.integrity = dataChanged ? Integrity::DataChanged : tableDiffers ? Integrity::TableDiffers
                  : imported.ownExport ? Integrity::Intact : Integrity::NotVerifiable;
    for (Finding& f : checkReport(r, previous, packs)) row.findings.push_back(std::move(f));
    for (const Finding& f : row.findings) {
        (f.severity == Severity::Error ? row.errors : f.severity == Severity::Warning ? row.warnings : row.infos)++;
        if (f.severity != Severity::Error && !f.explanation.empty()) ++row.explained;
        if (f.check == "publish_deadline" && f.difference && *f.difference > 0)
            row.daysLate = std::max(row.daysLate.value_or(0), static_cast<int>(*f.difference / kScale));
    }
    row.importItems = static_cast<int>(imported.items.size());
    row.fingerprint = sha256Hex(saveReport(r));
    row.report = std::move(imported.report);
    return row;
}

ReviewRow reviewFile(std::string_view bytes, std::string_view fileName, const std::vector<RulePack>& packs) {
    return reviewImported(importFile(bytes, fileName), fileName, packs);
}

namespace {

std::string yearText(const ReviewRow& r) {
    if (!r.report) return "";
    if (r.report->meta.year) return std::to_string(*r.report->meta.year);
    return r.report->meta.yearText;
}

std::string csvField(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

} // namespace

std::string reviewCsv(const std::vector<ReviewRow>& rows) {
    std::string out = "\xEF\xBB\xBF";   // the BOM: Excel and WPS then read UTF-8, not GBK
    out += "文件,机关名称,年度,格式,错误,警告,已说明的警告,提示,逾期天数,完整性,导入待核对,数据指纹,无法读取的原因\r\n";
    for (const ReviewRow& r : rows) {
        std::vector<std::string> f = {r.file,
                                      r.report ? r.report->meta.agency : "",
                                      yearText(r),
                                      r.report ? r.report->format->name : "",
                                      r.report ? std::to_string(r.errors) : "",
                                      r.report ? std::to_string(r.warnings) : "",
                                      r.report ? std::to_string(r.explained) : "",
                                      r.report ? std::to_string(r.infos) : "",
                                      r.daysLate ? std::to_string(*r.daysLate) : "",
                                      r.report ? integrityLabel(r.integrity) : "",
                                      r.report ? std::to_string(r.importItems) : "",
                                      r.fingerprint,
                                      r.error};
        for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + csvField(f[i]);
        out += "\r\n";
    }
    return out;
}

json reviewRowJson(const ReviewRow& r) {
    json o = {{"file", r.file}};
    if (!r.report) {
        o["error"] = r.error;
        return o;
    }
    o["agency"] = r.report->meta.agency;
    if (r.report->meta.year) o["year"] = *r.report->meta.year;
    else o["year"] = r.report->meta.yearText.empty() ? json(nullptr) : json(r.report->meta.yearText);
    o["format"] = r.report->format->id;
    o["errors"] = r.errors;
    o["warnings"] = r.warnings;
    o["explained"] = r.explained;
    o["infos"] = r.infos;
    o["late"] = r.daysLate ? json(*r.daysLate) : json(0);   // days after the deadline; 0 on time or no date
    o["integrity"] = integrityName(r.integrity);
    o["import_items"] = r.importItems;
    o["fingerprint"] = r.fingerprint;
    o["source"] = r.source;
    return o;
}

std::string reviewHtml(const std::vector<ReviewRow>& rows, const std::vector<RulePack>& packs) {
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; script-src 'none'\">\n"
        "<meta name=\"generator\" content=\"nianbao\">\n<title>政府信息公开工作年度报告审核结果</title>\n<style>"
        "body{font-family:\"SimSun\",\"Songti SC\",\"WenQuanYi Micro Hei\",serif;margin:24px;color:#111}"
        "table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #999;padding:3px 6px;text-align:left}"
        "th{background:#eee}td.n{text-align:right}.err{color:#b00}.warn{color:#a60}.info{color:#555}"
        ".expl{color:#064;margin-left:2em}h2{font-size:17px;margin-top:28px}li{margin:3px 0}"
        "</style>\n</head>\n<body>\n<h1>政府信息公开工作年度报告审核结果</h1>\n";
    int withErrors = 0, unreadable = 0;
    for (const ReviewRow& r : rows) { withErrors += r.report && r.errors > 0; unreadable += !r.report; }
    out += "<p>共 " + std::to_string(rows.size()) + " 份，其中有错误的 " + std::to_string(withErrors) + " 份" +
           (unreadable ? "，无法读取的 " + std::to_string(unreadable) + " 份" : "") + "。</p>\n";
    for (const RulePack& p : packs)
        out += "<p>另按地方规则核查：" + escapeHtml(p.name) + (p.document.empty() ? "" : "（" + escapeHtml(p.document) + "）") + "</p>\n";
    out += "<table>\n<tr><th>序号</th><th>文件</th><th>机关名称</th><th>年度</th><th>格式</th><th>错误</th><th>警告</th>"
           "<th>已说明</th><th>逾期</th><th>完整性</th><th>导入待核对</th></tr>\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ReviewRow& r = rows[i];
        out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td><a href=\"#r" + std::to_string(i + 1) + "\">" + escapeHtml(r.file) + "</a></td>";
        if (!r.report) {
            out += "<td colspan=\"9\" class=\"err\">无法读取：" + escapeHtml(r.error) + "</td></tr>\n";
            continue;
        }
        out += "<td>" + escapeHtml(r.report->meta.agency) + "</td><td>" + escapeHtml(yearText(r)) + "</td><td>" +
               escapeHtml(r.report->format->name) + "</td><td class=\"n\">" + std::to_string(r.errors) + "</td><td class=\"n\">" +
               std::to_string(r.warnings) + "</td><td class=\"n\">" + std::to_string(r.explained) + "</td><td>" +
               (r.daysLate ? std::to_string(*r.daysLate) + " 天" : "") + "</td><td>" + integrityLabel(r.integrity) +
               "</td><td class=\"n\">" + std::to_string(r.importItems) + "</td></tr>\n";
    }
    out += "</table>\n";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const ReviewRow& r = rows[i];
        out += "<h2 id=\"r" + std::to_string(i + 1) + "\">" + std::to_string(i + 1) + ". " + escapeHtml(r.file) +
               (r.report ? "　" + escapeHtml(reportTitle(*r.report)) : "") + "</h2>\n";
        if (!r.report) { out += "<p class=\"err\">无法读取：" + escapeHtml(r.error) + "</p>\n"; continue; }
        if (r.findings.empty()) { out += "<p>未发现问题。</p>\n"; continue; }
        out += "<ol>\n";
        for (const Finding& f : r.findings) {
            const char* cls = f.severity == Severity::Error ? "err" : f.severity == Severity::Warning ? "warn" : "info";
            out += "<li><span class=\"" + std::string(cls) + "\">［" + severityLabel(f.severity) + " " + escapeHtml(f.code) + "］</span>" +
                   escapeHtml(f.message);
            if (!f.explanation.empty()) out += "<div class=\"expl\">情况说明：" + escapeHtml(f.explanation) + "</div>";
            out += "</li>\n";
        }
        out += "</ol>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

MergeResult mergeReports(const std::vector<MergeInput>& inputs) {
    MergeResult res;
    if (inputs.empty()) { res.error = "没有可汇总的报告"; return res; }
    const Report& first = inputs.front().report;
    const Format& f = *first.format;
    // one format, one year, each agency once
    std::string mixed;
    for (const MergeInput& in : inputs)
        if (in.report.format != &f) mixed += "、" + in.file + "（" + in.report.format->name + "）";
    if (!mixed.empty()) {
        res.error = "不能汇总不同格式的报告：" + inputs.front().file + "（" + f.name + "）与 " + mixed.substr(3);
        return res;
    }
    for (const MergeInput& in : inputs)
        if (!in.report.meta.year) { res.error = in.file + " 没有有效的年度，无法汇总"; return res; }
    for (const MergeInput& in : inputs)
        if (*in.report.meta.year != *first.meta.year) {
            res.error = "不能汇总不同年度的报告：" + inputs.front().file + "（" + std::to_string(*first.meta.year) + " 年）与 " +
                        in.file + "（" + std::to_string(*in.report.meta.year) + " 年）";
            return res;
        }
    std::map<std::string, std::string> seen;   // agency → file
    for (const MergeInput& in : inputs) {
        std::string a;
        for (char c : in.report.meta.agency) if (c != ' ' && c != '\t') a += c;
        if (a.empty()) { res.error = in.file + " 没有填写机关名称，无法确认是否重复计入"; return res; }
        auto [it, fresh] = seen.emplace(a, in.file);
        if (!fresh) { res.error = "同一机关“" + in.report.meta.agency + "”计入两次：" + it->second + " 与 " + in.file; return res; }
    }

    Report out = Report::blank(f);
    out.meta.year = first.meta.year;
    // a table printed with the single legacy row by any unit is summed that way by every unit
    std::vector<char> foldLegacy(f.tables.size(), 0);
    for (std::size_t t = 0; t < f.tables.size(); ++t)
        for (const MergeInput& in : inputs) foldLegacy[t] |= in.report.legacyInUse(f.tables[t]);
    // a cell whose unit each report chooses (2019 采购总金额): the same unit throughout, else all in 元 (exact)
    std::map<int, std::string> unitOf;
    for (std::size_t i = 0; i < f.cells.size(); ++i) {
        const CellDef& c = f.cells[i];
        if (c.units.empty()) continue;
        std::set<std::string> used;
        for (const MergeInput& in : inputs) {
            if (!in.report.cells[i]) continue;
            auto u = in.report.units.find(c.id);
            if (u == in.report.units.end()) used.insert("");
            else used.insert(u->second);
        }
        if (used.size() > 1 && used.count("")) {
            for (const MergeInput& in : inputs)
                if (in.report.cells[i] && !in.report.units.count(c.id)) {
                    res.error = in.file + " 的“" + c.name + "”未注明单位（元或万元），与其他报告的单位不同，无法汇总";
                    return res;
                }
        }
        if (used.size() == 1 && !used.count("")) unitOf[static_cast<int>(i)] = *used.begin();
        else if (used.size() > 1) unitOf[static_cast<int>(i)] = "元";
    }
    auto valueIn = [&](const Report& r, int i) -> std::optional<Fixed> {   // in the merged report's unit
        auto v = r.cells[static_cast<std::size_t>(i)];
        auto u = unitOf.find(i);
        if (!v || u == unitOf.end() || u->second != "元") return v;
        auto ru = r.units.find(f.cells[static_cast<std::size_t>(i)].id);
        if (ru != r.units.end() && ru->second == "万元") return *v * 10000;   // 万元 → 元, exact
        return v;
    };
    for (std::size_t t = 0; t < f.tables.size(); ++t) {
        const TableDef& td = f.tables[t];
        for (int i : td.cells) {
            const CellDef& c = f.cells[static_cast<std::size_t>(i)];
            if (foldLegacy[t] && c.legacyCell >= 0) continue;   // summed into the legacy row below
            if (!foldLegacy[t] && c.legacy) continue;
            __int128 sum = 0;
            bool any = false;
            for (const MergeInput& in : inputs) {
                std::optional<Fixed> v = valueIn(in.report, i);
                if (c.legacy && !in.report.legacyInUse(td)) {      // this unit used the three rows: their sum
                    Fixed parts = 0;
                    bool anyPart = false;
                    for (int k : c.legacyOf)
                        if (auto p = valueIn(in.report, k)) { parts += *p; anyPart = true; }
                    v = anyPart ? std::optional<Fixed>(parts) : std::nullopt;
                }
                if (!v) continue;
                any = true;
                sum += *v;
            }
            if (!any) continue;
            if (sum >= kMaxMagnitude || sum <= -kMaxMagnitude) { res.error = "“" + c.name + "”的合计超出可填报范围"; return res; }
            out.cells[static_cast<std::size_t>(i)] = static_cast<Fixed>(sum);
        }
    }
    for (const auto& [i, u] : unitOf) out.units[f.cells[static_cast<std::size_t>(i)].id] = u;
    json from = json::array();
    for (const MergeInput& in : inputs)
        from.push_back({{"file", in.file}, {"agency", in.report.meta.agency}, {"fingerprint", sha256Hex(saveReport(in.report))}});
    out.extra["merged_from"] = std::move(from);
    res.report = std::move(out);
    return res;
}

} // namespace nb
