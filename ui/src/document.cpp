// document.cpp — edits, undo/redo and live re-checking of the report being written.
#include "ui/document.hpp"

namespace ui {

namespace {
constexpr std::size_t kUndoLimit = 200;
}

Document::Document(const nb::Format& f) : m_report(nb::Report::blank(f)) { recheck(); }

const CellMark* Document::mark(const std::string& id) const {
    auto it = m_marks.find(id);
    return it == m_marks.end() ? nullptr : &it->second;
}

void Document::recheck() {
    m_findings = m_integrity;
    for (auto& f : nb::checkReport(m_report, previous(), m_packs)) m_findings.push_back(std::move(f));
    m_marks.clear();
    for (std::size_t i = 0; i < m_findings.size(); ++i) {
        const auto& f = m_findings[i];
        for (const auto& c : f.cells) {
            auto& m = m_marks[c];
            if (m.findings.empty() || f.severity < m.severity) m.severity = f.severity;
            m.findings.push_back(static_cast<int>(i));
        }
    }
}

void Document::pushUndo(nb::Report before) {
    m_undo.push_back(std::move(before));
    if (m_undo.size() > kUndoLimit) m_undo.pop_front();
    m_redo.clear();
}

void Document::changed() {
    ++m_revision;
    recheck();
}

void Document::setCell(int cellIndex, std::optional<nb::Fixed> v) {
    if (cellIndex < 0 || static_cast<std::size_t>(cellIndex) >= m_report.cells.size()) return;
    if (m_report.cells[static_cast<std::size_t>(cellIndex)] == v) return;
    pushUndo(m_report);
    m_report.cells[static_cast<std::size_t>(cellIndex)] = v;
    changed();
}

void Document::setCells(const std::vector<std::pair<int, std::optional<nb::Fixed>>>& values) {
    bool any = false;
    for (const auto& [i, v] : values) any |= m_report.cells[static_cast<std::size_t>(i)] != v;
    if (!any) return;
    pushUndo(m_report);
    for (const auto& [i, v] : values) m_report.cells[static_cast<std::size_t>(i)] = v;
    changed();
}

void Document::replaceReport(nb::Report r) {
    pushUndo(m_report);
    m_report = std::move(r);
    changed();
}

void Document::openReport(nb::Report r, std::vector<nb::Finding> integrity) {
    m_integrity = std::move(integrity);
    replaceReport(std::move(r));
}

void Document::fieldChanged(bool recheckNow) {
    ++m_revision;
    if (recheckNow) recheck();
}

void Document::commitFieldEdit(nb::Report before) {
    pushUndo(std::move(before));
    recheck();
}

bool Document::applyFix(const nb::Finding& f) {
    std::vector<std::pair<int, std::optional<nb::Fixed>>> values;   // all of a grouped finding's cells: one step
    for (const auto& x : f.fixes)
        if (int i = m_report.format->findCell(x.cell); i >= 0) values.emplace_back(i, x.value);
    if (values.empty()) return false;
    setCells(values);
    return true;
}

void Document::setPrevious(std::optional<nb::Report> prev, const std::string& name) {
    m_previous = std::move(prev);
    m_previousName = m_previous ? name : std::string();
    recheck();
}

bool Document::undo() {
    if (m_undo.empty()) return false;
    m_redo.push_back(std::move(m_report));
    m_report = std::move(m_undo.back());
    m_undo.pop_back();
    changed();
    return true;
}

bool Document::redo() {
    if (m_redo.empty()) return false;
    m_undo.push_back(std::move(m_report));
    m_report = std::move(m_redo.back());
    m_redo.pop_back();
    changed();
    return true;
}

} // namespace ui
