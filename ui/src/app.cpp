// app.cpp — the editor's frame: layout, toolbar, dialogs, shortcuts, files, autosave, messages.
// [SECTION] construction and the automation API   [SECTION] frame and layout
// [SECTION] toolbar and dialogs                   [SECTION] files and autosave
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/meta_values.hpp"
#include "table_grid.hpp"
#include <algorithm>

namespace ui {

namespace {
constexpr double kAutosaveDelayMs = 400;
}

// ---------------------------------------------------------------- [SECTION] construction and the automation API
App::App(Platform& platform, std::string exampleJson)
    : m_platform(platform), m_exampleJson(std::move(exampleJson)),
      m_doc(std::make_unique<Document>(nb::formatForYear(2025))) {
    Document& d = *m_doc;
    d.mutableReport().meta.year = 2025;
    d.recheck();
    restoreAutosave();
    m_lastRevision = d.revision();
    m_autosavedRevision = d.revision();
}

App::~App() = default;

std::string App::loadText(const std::string& text, const std::string& origin) {
    nb::ImportResult res = nb::importFile(text, origin);
    if (!res.report) {
        std::string why = res.error;
        message((origin.empty() ? std::string("无法打开") : "无法打开“" + origin + "”") + "：" + why + "。当前报告未改变。", 2);
        return why;
    }
    m_editing = false;
    m_sel = -1;
    bool changedPage = !res.integrity.empty();
    setImportReview(res, origin);
    m_doc->openReport(std::move(*res.report), std::move(res.integrity));
    if (changedPage) message("注意：“" + (origin.empty() ? std::string("此页面") : origin) + "”在生成后被改动过（见右侧 P-1/P-2），请以原始文件为准", 2);
    else if (res.recognised)
        message((origin.empty() ? std::string("已") : "已从“" + origin + "”") + "（" + res.source + "）导入 " + std::to_string(res.cells.size()) + " 格" +
                    (m_importItems.empty() ? "，全部读入" : "，待核对 " + std::to_string(m_importItems.size()) + " 项（见右侧“导入核对”）") +
                    "。可用 撤销 回到导入前", m_importItems.empty() ? 0 : 1);
    else if (!origin.empty()) message("已打开“" + origin + "”（可用 撤销 回到打开前）", 0);
    return {};
}

std::string App::exportJson() const { return nb::saveReport(m_doc->report()); }
std::string App::exportHtml() const {
    nb::RenderOptions opt;
    opt.packs = &m_doc->packs();   // a 情况说明 on a local rule's warning is printed with it
    return nb::renderHtml(m_doc->report(), opt);
}
std::string App::exportDocx() const { return nb::renderDocx(m_doc->report()); }
std::string App::findingsJson() const {
    return nb::findingsToJson(m_doc->findings()).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}
bool App::unsaved() const { return m_doc->unsaved(); }
bool App::busy() const {
    return !m_reveal.empty() || !m_focusField.empty() || m_editJustStarted || !m_sectionTarget.empty();
}

double App::nextTimerMs() const {
    double now = m_platform.nowMs(), next = -1;
    if (m_recheckDueMs >= 0) next = std::max(0.0, m_recheckDueMs - now);   // findings after a typing pause
    if (m_doc->revision() != m_autosavedRevision) {
        double due = (m_doc->revision() != m_lastRevision ? now : m_lastEditMs) + kAutosaveDelayMs;
        double t = std::max(0.0, due - now);
        next = next < 0 ? t : std::min(next, t);
    }
    return next;
}

bool App::reveal(const std::string& id) {
    const nb::Format& f = *m_doc->report().format;
    bool known = static_cast<bool>(nb::Target::parse(f, id));
    if (!known) return false;
    if (m_editing) commitEdit(false, 0, 0);
    m_reveal = id;
    m_revealFrames = 3;
    return true;
}

std::optional<Rect> App::itemRect(const std::string& id) const {
    auto it = m_rects.find(id);
    if (it == m_rects.end()) return std::nullopt;
    return it->second;
}

void App::message(std::string text, int level) {
    m_msg = std::move(text);
    m_msgLevel = level;
}

std::string App::fileBaseName() const {
    const nb::Report& r = m_doc->report();
    std::string agency;
    for (char c : r.meta.agency)
        if (std::string("/\\:*?\"<>|\n\r\t").find(c) == std::string::npos) agency += c;
    if (agency.empty()) agency = "未命名机关";
    return agency + "-" + (r.meta.year ? std::to_string(*r.meta.year) : std::string("年度")) + "-政府信息公开年报";
}

// ---------------------------------------------------------------- [SECTION] frame and layout
void App::frame() {
    ImGuiIO& io = ImGui::GetIO();
    m_rectsNext.clear();
    m_fieldOrderNext.clear();
    closeFieldIfReplaced();
    tickRecheck();
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(io.DisplaySize);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("nianbao", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::PushAllowKeyboardFocus(false);   // Tab belongs to the table grid, not to ImGui's focus cycling
    handleShortcuts();
    drawToolbar();
    drawStatus();

    float s = m_scale, h = ImGui::GetContentRegionAvail().y;
    float total = ImGui::GetContentRegionAvail().x, sp = ImGui::GetStyle().ItemSpacing.x;
    float left = 220 * s, right = std::max(280 * s, std::min(400 * s, total * 0.25f));
    if (total < 900 * s) { left = 150 * s; right = 260 * s; }
    if (m_reviewShown) {   // 审核: the table of the reports received, in place of the editor
        ImGui::BeginChild("review", ImVec2(total, h), true);
        drawReview();
        ImGui::EndChild();
    } else {
        ImGui::BeginChild("sections", ImVec2(left, h), true);
        drawSections();
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("form", ImVec2(total - left - right - 2 * sp, h), true, ImGuiWindowFlags_HorizontalScrollbar);
        drawForm();
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("findings", ImVec2(right, h), true);
        drawImportReview();
        drawFindings();
        ImGui::EndChild();
    }
    ImGui::PopAllowKeyboardFocus();
    ImGui::End();
    ImGui::PopStyleVar();
    drawDialogs();

    m_rects.swap(m_rectsNext);
    m_fieldOrder.swap(m_fieldOrderNext);
    if (m_revealFrames > 0 && --m_revealFrames == 0) m_reveal.clear();
    tickAutosave();
}

void App::handleShortcuts() {
    ImGuiIO& io = ImGui::GetIO();
    if (!io.KeyCtrl || io.WantTextInput) return;   // a text field handles its own Ctrl+Z inside the field
    if (keyPressed(ImGuiKey_Z)) {
        bool ok = io.KeyShift ? m_doc->redo() : m_doc->undo();
        message(ok ? (io.KeyShift ? "已重做" : "已撤销") : (io.KeyShift ? "没有可重做的操作" : "没有可撤销的操作"), 0);
    } else if (keyPressed(ImGuiKey_Y)) {
        message(m_doc->redo() ? "已重做" : "没有可重做的操作", 0);
    }
}

void App::drawStatus() {
    if (!m_restoredNotice.empty()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(1.0f, 0.97f, 0.85f, 1.0f));
        ImGui::BeginChild("restored", ImVec2(0, ImGui::GetFrameHeightWithSpacing() + 6 * m_scale), true);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(m_restoredNotice.c_str());
        ImGui::SameLine();
        if (ImGui::Button("知道了")) m_restoredNotice.clear();
        ImGui::SameLine();
        if (ImGui::Button("放弃恢复的内容")) {
            m_doc->undo();
            m_platform.clearAutosave();
            m_autosavedRevision = m_doc->revision();
            m_restoredNotice.clear();
            message("已放弃恢复的内容", 0);
        }
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    if (!m_storageProblem.empty()) {
        ImGui::TextColored(severityVec(nb::Severity::Warning), "%s", m_storageProblem.c_str());
    }
    // a fixed-height message line: the form below must not jump when a message comes or goes
    ImGui::PushStyleColor(ImGuiCol_ChildBg, ImVec4(0, 0, 0, 0));
    ImGui::BeginChild("status", ImVec2(0, ImGui::GetTextLineHeightWithSpacing() * 2 + 2 * m_scale), false, ImGuiWindowFlags_NoScrollbar);
    if (!m_msg.empty()) {
        ImVec4 c = m_msgLevel == 2 ? severityVec(nb::Severity::Error) : m_msgLevel == 1 ? severityVec(nb::Severity::Warning) : ImVec4(0.2f, 0.2f, 0.2f, 1);
        ImGui::PushStyleColor(ImGuiCol_Text, c);
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(m_msg.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else {
        ImGui::TextDisabled("单元格：点击选中，直接输入数字；Tab / Enter / 方向键移动；Esc 取消；可从 Excel/WPS 粘贴整块数据。");
    }
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

// ---------------------------------------------------------------- [SECTION] toolbar and dialogs
void App::drawToolbar() {
    const nb::Report& r = m_doc->report();
    auto rec = [&](const char* id) {   // toolbar buttons can be found by automation: itemRect("button.example")
        m_rectsNext[std::string("button.") + id] = lastItemRect();
    };
    auto button = [&](const char* label, const char* id) {
        bool clicked = ImGui::Button(label);
        rec(id);
        return clicked;
    };
    if (button("新建", "new")) confirmThen("新建报告", kNewReport);
    ImGui::SameLine();
    if (button("打开…", "open")) openFile();
    ImGui::SameLine();
    if (button("打开示例", "example")) confirmThen("打开示例（青海省 2019 年报告）", kOpenExample);
    ImGui::SameLine();
    if (button(m_reviewShown ? "返回编辑" : m_review.empty() ? "审核…" : ("审核（" + std::to_string(m_review.size()) + " 份）").c_str(), "review")) {
        if (m_field) leaveField(LeaveBy::Elsewhere, m_field->caret, 0);
        m_reviewShown = !m_reviewShown;
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("审核收到的多份报告：一次打开或拖入多个文件，逐份检查、导出审核结果、汇总");
    ImGui::SameLine();
    if (ImGui::Button(m_doc->previous() ? "更换上年报告…" : "导入上年报告…")) runAction(kPickPrevious);
    rec("previous");
    ImGui::SameLine();
    if (button("保存 JSON", "save")) saveJson();
    ImGui::SameLine();
    if (button("导出 HTML", "html"))
        download(".html", "text/html;charset=utf-8", exportHtml(), "已导出 ", "（网页中包含报告数据，可再次用本工具打开）");
    ImGui::SameLine();
    if (button("导出 Word", "docx"))
        download(".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", exportDocx(), "已导出 ",
                 "（可用 Word、WPS 编辑定稿；文件中包含报告数据，可再次用本工具打开）");
    ImGui::SameLine();
    ImGui::BeginDisabled(!m_doc->canUndo());
    if (button("撤销", "undo")) m_doc->undo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(!m_doc->canRedo());
    if (button("重做", "redo")) m_doc->redo();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::Text("%s（%s 年格式，%s）%s", nb::reportTitle(r).c_str(), r.format->id.c_str(), r.format->document.c_str(),
                m_doc->unsaved() ? " · 有未保存的修改" : "");
    if (m_doc->previous()) {
        ImGui::SameLine();
        ImGui::TextDisabled("· 上年报告：%s", m_doc->previousName().c_str());
    }
}

void App::saveJson() { download(".json", "application/json;charset=utf-8", exportJson(), "已保存 ", ""); }

// every download (JSON, page, Word) carries the whole report: it is the safe copy now, so the work is
// saved and the autosave copy is dropped
void App::download(const char* ext, const char* mime, const std::string& bytes, const char* done, const char* note) {
    const std::string name = fileBaseName() + ext;
    m_platform.downloadFile(name, mime, bytes);
    m_doc->markSaved();
    m_platform.clearAutosave();
    m_autosavedRevision = m_doc->revision();
    message(done + name + note, 0);
}

void App::openFile() { confirmThen("打开其他报告", kPickFile); }

void App::confirmThen(std::string what, int action) {
    // a native text field would cover the dialog (Ctrl+O while writing): its visit ends first
    if (m_field) leaveField(LeaveBy::Elsewhere, m_field->caret, 0);
    if (m_doc->unsaved()) {
        m_confirmText = "当前报告有未保存（未下载）的修改。" + what + "将替换屏幕上的报告（之后可用“撤销”找回）。是否继续？";
        m_pendingAction = action;
        m_openConfirm = true;
        return;
    }
    runAction(action);
}

void App::runAction(int action) {
    switch (action) {
    case kPickFile: m_platform.pickFile(FilePurpose::OpenReport); break;
    case kPickPrevious: m_platform.pickFile(FilePurpose::OpenPrevious); break;
    case kOpenExample:
        if (loadText(m_exampleJson, "").empty()) message("已打开示例：青海省人民政府 2019 年报告。右侧列出检查发现的问题，点击可定位到单元格。", 0);
        break;
    case kNewReport: m_openNew = true; break;
    case kOpenPending: loadText(m_pendingOpenBytes, m_pendingOpenName); m_pendingOpenBytes.clear(); break;
    case kOpenPendingReport:   // 汇总, or a reviewed report's copy to edit
        if (m_pendingReport) {
            m_editing = false;
            m_sel = -1;
            m_importItems.clear();
            m_doc->openReport(std::move(*m_pendingReport), std::move(m_pendingIntegrity));
            m_pendingReport.reset();
            m_reviewShown = false;
            m_reviewOpen = -1;
            message(m_pendingReportNote, 0);
        }
        break;
    default: break;
    }
}

void App::newReport(const std::string& formatId, int year) {
    const nb::Format* f = nb::findFormat(formatId);
    if (!f) return;
    nb::Report r = nb::Report::blank(*f);
    r.meta.year = year;
    r.meta.agency = m_doc->report().meta.agency;
    r.meta.agencyKind = m_doc->report().meta.agencyKind;
    m_sel = -1;
    m_editing = false;
    m_doc->openReport(std::move(r));
    message("已新建 " + std::to_string(year) + " 年度报告（" + f->label + "）", 0);
}

// the new-report dialog's choice for a year: the format whose years include it
int App::formatIndexForYear(int year) const {
    const auto& ids = nb::formatIds();
    auto it = std::find(ids.begin(), ids.end(), nb::formatForYear(year).id);
    return it == ids.end() ? 0 : static_cast<int>(it - ids.begin());
}

void App::drawDialogs() {
    float s = m_scale;
    if (m_openConfirm) { ImGui::OpenPopup("请确认"); m_openConfirm = false; }
    if (m_openNew) {
        ImGui::OpenPopup("新建报告");
        m_openNew = false;
        m_newYear = m_doc->report().meta.year.value_or(2025);
        m_newFormat = formatIndexForYear(m_newYear);
    }
    ImVec2 center = ImGui::GetMainViewport()->GetCenter();
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(520 * s, 0));
    if (ImGui::BeginPopupModal("请确认", nullptr, ImGuiWindowFlags_NoResize)) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextUnformatted(m_confirmText.c_str());
        ImGui::PopTextWrapPos();
        bool go = ImGui::Button("继续");
        m_rectsNext["button.confirm"] = lastItemRect();
        ImGui::SameLine();
        bool cancel = ImGui::Button("取消");
        m_rectsNext["button.cancel"] = lastItemRect();
        if (go) { ImGui::CloseCurrentPopup(); runAction(m_pendingAction); m_pendingAction = kNone; }
        if (cancel) { ImGui::CloseCurrentPopup(); m_pendingAction = kNone; m_pendingOpenBytes.clear(); }
        ImGui::EndPopup();
    }
    if (m_openFill) { ImGui::OpenPopup("填写上年结转"); m_openFill = false; }
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(520 * s, 0));
    if (ImGui::BeginPopupModal("填写上年结转", nullptr, ImGuiWindowFlags_NoResize)) {
        ImGui::PushTextWrapPos(0);
        const nb::CarryOverRows rows = nb::carryOverRows(*m_doc->report().format);   // named from the format's carry-over rule
        ImGui::Text("本报告%s有 %d 个空白单元格。是否用上年报告的%s填写？（可撤销）", rows.into.c_str(),
                    static_cast<int>(m_pendingFill.size()), rows.from.c_str());
        ImGui::PopTextWrapPos();
        bool fill = ImGui::Button("填写");
        m_rectsNext["button.fill"] = lastItemRect();
        ImGui::SameLine();
        bool skip = ImGui::Button("不用");
        if (fill) {
            m_doc->setCells(m_pendingFill);
            const nb::CarryOverRows rows = nb::carryOverRows(*m_doc->report().format);
            message("已用上年报告的" + rows.from + "填写" + rows.into + "的 " + std::to_string(m_pendingFill.size()) + " 个单元格（可撤销）", 0);
        }
        if (fill || skip) { m_pendingFill.clear(); ImGui::CloseCurrentPopup(); }
        ImGui::EndPopup();
    }
    ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(560 * s, 0));
    if (ImGui::BeginPopupModal("新建报告", nullptr, ImGuiWindowFlags_NoResize)) {
        ImGui::TextUnformatted("报告年度");
        ImGui::SetNextItemWidth(160 * s);
        const auto& ids = nb::formatIds();   // every format the core knows (core/formats/), in order
        const int oldest = nb::findFormat(ids.front())->yearMin;
        if (ImGui::InputInt("##year", &m_newYear, 1, 1)) {
            m_newYear = std::max(oldest, std::min(nb::kYearMax, m_newYear));
            m_newFormat = formatIndexForYear(m_newYear);
        }
        m_rectsNext["new.year"] = lastItemRect();
        ImGui::TextUnformatted("报告格式");
        for (std::size_t i = 0; i < ids.size(); ++i) {
            const nb::Format& f = *nb::findFormat(ids[i]);
            std::string label = f.label + "（" + f.document + "，用于 " + nb::yearsText(f) + "）";
            ImGui::RadioButton(label.c_str(), &m_newFormat, static_cast<int>(i));
            m_rectsNext["new.format." + f.id] = lastItemRect();
        }
        m_newFormat = std::max(0, std::min(static_cast<int>(ids.size()) - 1, m_newFormat));
        const nb::Format& want = nb::formatForYear(m_newYear);
        if (ids[static_cast<std::size_t>(m_newFormat)] != want.id)
            ImGui::TextColored(severityVec(nb::Severity::Warning), "注意：%d 年度应使用%s", m_newYear, want.label.c_str());
        if (ImGui::Button("新建")) { ImGui::CloseCurrentPopup(); newReport(ids[static_cast<std::size_t>(m_newFormat)], m_newYear); }
        m_rectsNext["new.create"] = lastItemRect();
        ImGui::SameLine();
        if (ImGui::Button("取消")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
}

// ---------------------------------------------------------------- [SECTION] files and autosave
void App::onFileOpened(FilePurpose purpose, const std::string& name, const std::string& bytes) {
    if (purpose == FilePurpose::ReviewFile) { reviewAdd(name, bytes); return; }
    if (purpose == FilePurpose::RulePack) {
        std::string why = loadRulePack(bytes, false);
        if (!why.empty()) message("无法加载规则包“" + name + "”：" + why, 2);
        return;
    }
    if (purpose == FilePurpose::OpenPrevious) {
        nb::ImportResult res = nb::importFile(bytes, name);   // last year's published page or Word file too
        if (!res.report) { message("无法导入上年报告“" + name + "”：" + res.error + "。", 2); return; }
        nb::Report prev = std::move(*res.report);
        // offer: the cells the format's carry-over rule fills from last year (T3-6: 上年结转 ← 结转下年度), if blank
        std::vector<std::pair<int, std::optional<nb::Fixed>>> fill;
        for (const auto& [i, v] : nb::carryOverOffer(m_doc->report(), prev)) fill.emplace_back(i, v);
        m_doc->setPrevious(std::move(prev), name);
        m_pendingFill = fill;
        if (!fill.empty()) m_openFill = true;   // offered, not imposed: the user decides in a dialog
        std::size_t review = 0;
        for (const auto& i : res.items) if (i.kind != nb::ImportItemKind::Meta) ++review;
        message("已导入上年报告“" + name + "”" +
                    (res.recognised ? "（从" + res.source + "读出 " + std::to_string(res.cells.size()) + " 格" +
                                          (review ? "，" + std::to_string(review) + " 项未能读入，相关跨年度检查可能不全" : "") + "）"
                                    : std::string()) + "，跨年度检查已启用。", review ? 1 : 0);
        return;
    }
    if (purpose == FilePurpose::DroppedReport && m_doc->unsaved()) {   // the picker asked before opening
        // a file that cannot be opened is said so at once: asking to discard the work would be for nothing
        if (nb::ImportResult probe = nb::importFile(bytes, name); !probe.report) { loadText(bytes, name); return; }
        m_pendingOpenName = name;
        m_pendingOpenBytes = bytes;
        confirmThen("打开“" + name + "”", kOpenPending);
        return;
    }
    loadText(bytes, name);
}

void App::onFileError(const std::string& msg) { message(msg, 2); }

void App::restoreAutosave() {
    auto saved = m_platform.loadAutosave();
    if (!saved || saved->empty()) return;
    // salvage: one field that does not read never costs the rest of the draft
    nb::LoadResult res = nb::loadReport(*saved, nb::LoadMode::Salvage);
    if (!res.ok()) {
        m_restoredNotice = "浏览器中保存的上次内容无法读取（" + res.error.text() + "），已忽略。";
        return;
    }
    m_doc->openReport(std::move(*res.report));
    m_restoredNotice = "已恢复上次未下载保存的内容：" + nb::reportTitle(m_doc->report()) + "。";
    if (!res.skipped.empty()) {
        m_restoredNotice += "其中 " + std::to_string(res.skipped.size()) + " 项无法读取，未恢复：";
        for (std::size_t i = 0; i < res.skipped.size() && i < 3; ++i) m_restoredNotice += (i ? "；" : "") + res.skipped[i].text();
        m_restoredNotice += res.skipped.size() > 3 ? " 等。" : "。";
    }
}

void App::tickAutosave() {
    Document& d = *m_doc;
    double now = m_platform.nowMs();
    if (d.revision() != m_lastRevision) { m_lastRevision = d.revision(); m_lastEditMs = now; }
    m_platform.setLeaveWarning(d.unsaved());
    if (d.revision() == m_autosavedRevision || now - m_lastEditMs < kAutosaveDelayMs) return;
    m_autosavedRevision = d.revision();
    if (!m_platform.storeAutosave(exportJson())) {
        m_storageProblem = "注意：浏览器存储不可用或已满，自动保存未成功。请及时用“保存 JSON”下载文件，工具仍可正常使用。";
    } else {
        m_storageProblem.clear();
    }
}

} // namespace ui
