// app_review.cpp — 审核 for a supervising office: many files at once become a table of reports (one row
// per file: agency, year, format, errors, warnings, explained, lateness, integrity, import items), sortable
// and filterable; a row shows that report's findings, read-only, until the user edits a copy; the table
// goes out as CSV and as an HTML page; 汇总 rolls the picked reports up into a new report. Also the filer's
// 情况说明 on a warning, and local rule packs (loaded, or built into a local edition made from this page).
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/page_verify.hpp"
#include <algorithm>

namespace ui {

namespace {
const char* kColumns[] = {"选", "文件", "机关名称", "年度", "格式", "错误", "警告", "已说明", "逾期", "完整性", "导入待核对"};
constexpr int kColumnCount = 11;

std::string yearOf(const nb::ReviewRow& r) {
    if (!r.report) return "";
    return r.report->meta.year ? std::to_string(*r.report->meta.year) : r.report->meta.yearText;
}
} // namespace

std::string App::openFiles(const std::vector<std::pair<std::string, std::string>>& files) {
    if (files.empty()) return "没有文件";
    if (files.size() == 1) return loadText(files[0].second, files[0].first);
    reviewClear();
    for (const auto& [name, bytes] : files) reviewAdd(name, bytes);
    return {};
}

void App::reviewClear() {
    m_review.clear();
    m_reviewBytes.clear();
    m_reviewPicked.clear();
    m_reviewOrder.clear();
    m_reviewOpen = -1;
}

void App::reviewAdd(const std::string& name, const std::string& bytes) {
    if (m_field) leaveField(LeaveBy::Elsewhere, m_field->caret, 0);
    m_review.push_back(nb::reviewFile(bytes, name, m_doc->packs()));
    m_reviewBytes.push_back(bytes);
    m_reviewPicked.push_back(0);
    m_reviewOrder.push_back(static_cast<int>(m_review.size()) - 1);
    m_reviewSortColumn = -1;   // the new row is listed last until the user sorts again
    m_reviewShown = true;
    m_reviewOpen = -1;
    int errors = 0, unreadable = 0;
    for (const auto& r : m_review) { errors += r.report && r.errors > 0; unreadable += !r.report; }
    message("审核：共 " + std::to_string(m_review.size()) + " 份，其中有错误的 " + std::to_string(errors) + " 份" +
                (unreadable ? "，无法读取的 " + std::to_string(unreadable) + " 份" : "") + "。点击一行查看该报告的问题",
            errors || unreadable ? 1 : 0);
}

std::string App::reviewRowsJson() const {
    nlohmann::json a = nlohmann::json::array();
    for (int i : m_reviewOrder) a.push_back(nb::reviewRowJson(m_review[static_cast<std::size_t>(i)]));
    return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string App::loadRulePack(const std::string& text, bool builtIn) {
    std::string why;
    auto pack = nb::parseRulePack(text, why);
    if (!pack) return why;
    std::vector<nb::RulePack> packs;
    for (const auto& p : m_doc->packs())
        if (p.name != pack->name) packs.push_back(p);   // the same pack loaded again replaces itself
    std::string name = pack->name;
    std::size_t n = pack->ruleCount;
    packs.push_back(std::move(*pack));
    m_doc->setPacks(std::move(packs));
    m_packBuiltIn = m_packBuiltIn || builtIn;
    for (std::size_t i = 0; i < m_review.size(); ++i)   // the table is checked again with the packs
        m_review[i] = nb::reviewFile(m_reviewBytes[i], m_review[i].file, m_doc->packs());
    message(std::string(builtIn ? "本版本内置地方规则“" : "已加载地方规则“") + name + "”（" + std::to_string(n) + " 条），检查结果中以〔" + name + "〕标明", 0);
    return {};
}

// ---------------------------------------------------------------- the review view
void App::drawReview() {
    auto rec = [&](const std::string& id) { m_rectsNext[id] = lastItemRect(); };
    if (m_reviewOpen >= 0 && m_reviewOpen < static_cast<int>(m_review.size())) {
        drawReviewDetail(m_review[static_cast<std::size_t>(m_reviewOpen)]);
        return;
    }
    ImGui::TextUnformatted("审核收到的报告");
    ImGui::SameLine();
    ImGui::TextDisabled("（打开… 或拖入多个文件：报告 JSON、导出的网页或 Word、已发布的网页）");
    if (ImGui::Button("添加文件…")) m_platform.pickFile(FilePurpose::ReviewFile);
    rec("review.add");
    ImGui::SameLine();
    if (ImGui::Button("加载地方规则…")) m_platform.pickFile(FilePurpose::RulePack);
    rec("review.rules");
    ImGui::SameLine();
    ImGui::BeginDisabled(m_doc->packs().empty());
    if (ImGui::Button("生成本地版…")) makeLocalEdition();
    rec("review.edition");
    ImGui::EndDisabled();
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("生成内置地方规则的单文件填报工具，分发给各单位：各单位填报时即按地方规则检查");
    ImGui::SameLine();
    ImGui::BeginDisabled(m_review.empty());
    if (ImGui::Button("导出 CSV")) {
        m_platform.downloadFile("审核结果.csv", "text/csv;charset=utf-8", nb::reviewCsv(m_review));
        message("已导出 审核结果.csv（UTF-8，Excel/WPS 可直接打开）", 0);
    }
    rec("review.csv");
    ImGui::SameLine();
    if (ImGui::Button("导出审核结果网页")) {
        m_platform.downloadFile("审核结果.html", "text/html;charset=utf-8", nb::reviewHtml(m_review, m_doc->packs()));
        message("已导出 审核结果.html（列出每份报告的问题）", 0);
    }
    rec("review.html");
    ImGui::SameLine();
    int picked = 0;
    for (char c : m_reviewPicked) picked += c != 0;
    if (ImGui::Button(picked ? ("汇总所选（" + std::to_string(picked) + " 份）").c_str() : "汇总全部")) mergePicked();
    rec("review.merge");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("把所选报告（同一格式、同一年度）的表格逐格相加，生成一份新报告，可在其上撰写本机关的报告");
    ImGui::SameLine();
    if (ImGui::Button("清空列表")) reviewClear();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Checkbox("只看有错误或无法读取的", &m_reviewOnlyErrors);
    rec("review.only");
    for (const auto& p : m_doc->packs())
        ImGui::TextDisabled("地方规则：%s%s（%zu 条）", p.name.c_str(), p.document.empty() ? "" : ("，" + p.document).c_str(), p.ruleCount);
    ImGui::Separator();
    if (m_review.empty()) {
        ImGui::TextWrapped("还没有报告。点击“添加文件…”一次选择多个文件，或把多个文件拖到本页面。");
        return;
    }
    drawReviewTable();
}

void App::drawReviewTable() {
    ImGuiTableFlags flags = ImGuiTableFlags_Sortable | ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY |
                            ImGuiTableFlags_Resizable | ImGuiTableFlags_SizingFixedFit |
                            ImGuiTableFlags_SortTristate;   // unsorted until a header is clicked: the files in the order brought
    if (!ImGui::BeginTable("reviewTable", kColumnCount, flags)) return;
    ImGui::TableSetupScrollFreeze(0, 1);
    for (int c = 0; c < kColumnCount; ++c) {
        ImGuiTableColumnFlags cf = c == 0 ? ImGuiTableColumnFlags_NoSort : c == 1 || c == 2 ? ImGuiTableColumnFlags_WidthStretch : 0;
        ImGui::TableSetupColumn(kColumns[c], cf);
    }
    ImGui::TableHeadersRow();
    if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty && specs->SpecsCount == 0) {
        specs->SpecsDirty = false;   // back to the order the files came in
        for (std::size_t i = 0; i < m_reviewOrder.size(); ++i) m_reviewOrder[i] = static_cast<int>(i);
    } else if (specs && specs->SpecsDirty && specs->SpecsCount > 0) {
        m_reviewSortColumn = specs->Specs[0].ColumnIndex;
        m_reviewSortAscending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
        specs->SpecsDirty = false;
        auto key = [&](const nb::ReviewRow& r) -> std::pair<long long, std::string> {
            switch (m_reviewSortColumn) {
            case 1: return {0, r.file};
            case 2: return {0, r.report ? r.report->meta.agency : ""};
            case 3: return {0, yearOf(r)};
            case 4: return {0, r.report ? r.report->format->id : ""};
            case 5: return {r.report ? r.errors : 1000000, ""};   // unreadable files sort with the worst
            case 6: return {r.warnings, ""};
            case 7: return {r.explained, ""};
            case 8: return {r.daysLate.value_or(0), ""};
            case 9: return {static_cast<long long>(r.integrity), ""};
            case 10: return {r.importItems, ""};
            default: return {0, ""};
            }
        };
        std::stable_sort(m_reviewOrder.begin(), m_reviewOrder.end(), [&](int a, int b) {
            auto ka = key(m_review[static_cast<std::size_t>(a)]), kb = key(m_review[static_cast<std::size_t>(b)]);
            return m_reviewSortAscending ? ka < kb : kb < ka;
        });
    }
    for (int i : m_reviewOrder) {
        const nb::ReviewRow& r = m_review[static_cast<std::size_t>(i)];
        if (m_reviewOnlyErrors && r.report && r.errors == 0) continue;
        ImGui::PushID(i);
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        bool pick = m_reviewPicked[static_cast<std::size_t>(i)] != 0;
        ImGui::BeginDisabled(!r.report);
        if (ImGui::Checkbox("##pick", &pick)) m_reviewPicked[static_cast<std::size_t>(i)] = pick ? 1 : 0;
        ImGui::EndDisabled();
        m_rectsNext["review.pick." + std::to_string(i)] = lastItemRect();
        ImGui::TableSetColumnIndex(1);
        if (ImGui::Selectable(r.file.c_str(), false, ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap)) {
            m_reviewOpen = i;
        }
        m_rectsNext["review.row." + std::to_string(i)] = lastItemRect();
        if (!r.report) {
            ImGui::TableSetColumnIndex(2);
            ImGui::TextColored(severityVec(nb::Severity::Error), "无法读取：%s", r.error.c_str());
            ImGui::PopID();
            continue;
        }
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(r.report->meta.agency.empty() ? "（未填写）" : r.report->meta.agency.c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(yearOf(r).c_str());
        ImGui::TableSetColumnIndex(4);
        ImGui::TextUnformatted(r.report->format->id.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", r.report->format->name.c_str());
        auto count = [&](int col, int n, nb::Severity sev) {
            ImGui::TableSetColumnIndex(col);
            if (n) ImGui::TextColored(severityVec(sev), "%d", n);
            else ImGui::TextDisabled("0");
        };
        count(5, r.errors, nb::Severity::Error);
        count(6, r.warnings, nb::Severity::Warning);
        count(7, r.explained, nb::Severity::Info);
        ImGui::TableSetColumnIndex(8);
        if (r.daysLate) ImGui::TextColored(severityVec(nb::Severity::Warning), "%d 天", *r.daysLate);
        ImGui::TableSetColumnIndex(9);
        bool broken = r.integrity == nb::Integrity::DataChanged || r.integrity == nb::Integrity::TableDiffers;
        if (broken) ImGui::TextColored(severityVec(nb::Severity::Error), "%s", nb::integrityLabel(r.integrity));
        else ImGui::TextUnformatted(nb::integrityLabel(r.integrity));
        ImGui::TableSetColumnIndex(10);
        if (r.importItems) ImGui::TextColored(severityVec(nb::Severity::Warning), "%d", r.importItems);
        else ImGui::TextDisabled("0");
        ImGui::PopID();
    }
    ImGui::EndTable();
}

// one report's findings, read-only; 编辑副本 opens a copy in the editor (the table stays)
void App::drawReviewDetail(const nb::ReviewRow& r) {
    if (ImGui::Button("返回审核列表")) m_reviewOpen = -1;
    m_rectsNext["review.back"] = lastItemRect();
    if (r.report) {
        ImGui::SameLine();
        if (ImGui::Button("编辑副本")) {
            m_pendingReport = *r.report;
            m_pendingIntegrity.clear();
            for (const auto& f : r.findings) if (f.code == nb::kDataChangedCode || f.code == nb::kTableDiffersCode) m_pendingIntegrity.push_back(f);
            m_pendingReportNote = "已打开“" + r.file + "”的副本进行编辑（原文件未改动；工具栏“审核”回到审核列表）";
            confirmThen("打开“" + r.file + "”的副本", kOpenPendingReport);
        }
        m_rectsNext["review.edit"] = lastItemRect();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("在编辑器中打开这份报告的副本：可修改、保存或退回单位");
    }
    ImGui::Separator();
    ImGui::TextUnformatted(r.file.c_str());
    if (!r.report) {
        ImGui::TextColored(severityVec(nb::Severity::Error), "无法读取：%s", r.error.c_str());
        return;
    }
    ImGui::Text("%s（%s）", nb::reportTitle(*r.report).c_str(), r.report->format->name.c_str());
    ImGui::TextDisabled("读取方式：%s · 完整性：%s · 数据指纹 %s", r.source.c_str(), nb::integrityLabel(r.integrity), r.fingerprint.substr(0, 16).c_str());
    ImGui::Text("%d 个错误，%d 个警告（%d 个已说明），%d 个提示%s", r.errors, r.warnings, r.explained, r.infos,
                r.daysLate ? ("，逾期 " + std::to_string(*r.daysLate) + " 天").c_str() : "");
    if (r.importItems) ImGui::TextColored(severityVec(nb::Severity::Warning), "从页面读出，%d 项待核对（编辑副本可逐项查看）", r.importItems);
    ImGui::Separator();
    ImGui::BeginChild("reviewFindings");
    if (r.findings.empty()) ImGui::TextUnformatted("没有发现问题。");
    for (std::size_t i = 0; i < r.findings.size(); ++i) {
        const nb::Finding& f = r.findings[i];
        ImGui::TextColored(severityVec(f.severity), "%s %s", nb::severityLabel(f.severity), f.code.c_str());
        m_rectsNext["review.finding." + std::to_string(i)] = lastItemRect();
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(f.message.c_str());
        if (!f.explanation.empty()) ImGui::TextColored(ImVec4(0.0f, 0.4f, 0.25f, 1.0f), "情况说明：%s", f.explanation.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Separator();
    }
    ImGui::EndChild();
}

void App::mergePicked() {
    std::vector<nb::MergeInput> inputs;
    bool any = std::find(m_reviewPicked.begin(), m_reviewPicked.end(), 1) != m_reviewPicked.end();
    for (std::size_t i = 0; i < m_review.size(); ++i)
        if (m_review[i].report && (!any || m_reviewPicked[i])) inputs.push_back({m_review[i].file, *m_review[i].report});
    nb::MergeResult m = nb::mergeReports(inputs);
    if (!m.report) { message("无法汇总：" + m.error, 2); return; }
    m_pendingReport = std::move(*m.report);
    m_pendingIntegrity.clear();
    m_pendingReportNote = "已汇总 " + std::to_string(inputs.size()) + " 份报告的表格（逐格相加；正文为空，请填写本机关名称和报告正文）";
    confirmThen("汇总所选报告", kOpenPendingReport);
}

void App::makeLocalEdition() {
    if (m_doc->packs().empty()) return;
    std::string page = m_platform.appPageHtml();
    const nb::RulePack& p = m_doc->packs().back();
    std::string edition = page.empty() ? std::string() : nb::localEdition(page, p);
    if (edition.empty()) { message("无法生成本地版：取不到本页面的程序（请用命令行 nianbao pack）", 2); return; }
    std::string name = p.name + "-年报填报.html";
    m_platform.downloadFile(name, "text/html;charset=utf-8", edition);
    message("已生成本地版 " + name + "：内置“" + p.name + "”，分发给各单位即可按地方规则检查", 0);
}

// ---------------------------------------------------------------- 情况说明 on a warning (findings panel)
void App::drawExplanation(const nb::Finding& f, std::size_t index) {
    if (f.severity == nb::Severity::Error) return;   // an error is fixed, never explained away
    std::string key = nb::explanationKey(f);
    std::string id = explanationField(key);
    const auto& ex = m_doc->report().explanations;
    auto it = ex.find(key);
    bool has = it != ex.end() && !it->second.empty();
    bool open = m_field && m_field->field.id == id;
    if (!has && !open && m_explaining != key && m_focusField != id) {
        if (ImGui::SmallButton("添加情况说明")) { m_explaining = key; m_focusField = id; }
        m_rectsNext["explain." + std::to_string(index)] = lastItemRect();
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("数字确有原因时，写明情况说明（随报告保存，审核方可见）");
        return;
    }
    std::string value = has ? it->second : std::string();
    ImGui::TextDisabled("情况说明：");
    drawLineField(id, "情况说明", value, ImGui::GetContentRegionAvail().x, "写明原因，如：正文所述为区政府办受理数");
    m_rectsNext["explain." + std::to_string(index)] = lastItemRect();
}

} // namespace ui
