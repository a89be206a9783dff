// document.hpp — the report being edited, as the UI sees it: the report, last year's report, the
// findings of the last check, undo/redo history, and revision counters for autosave and
// "unsaved changes". No ImGui here: every edit operation is plain C++ and tested natively.
#pragma once
#include "nianbao/check.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/rule_pack.hpp"
#include <deque>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ui {

struct CellMark { nb::Severity severity = nb::Severity::Info; std::vector<int> findings; };

class Document {
public:
    explicit Document(const nb::Format& f);

    const nb::Report& report() const { return m_report; }
    const std::vector<nb::Finding>& findings() const { return m_findings; }
    const nb::Report* previous() const { return m_previous ? &*m_previous : nullptr; }
    const std::string& previousName() const { return m_previousName; }
    /// Worst finding per cell id / text key ("t4.review.total", "text.overview", "meta.year").
    const CellMark* mark(const std::string& id) const;

    // ---- edits: each is one undo step, re-checks the report, bumps the revision
    void setCell(int cellIndex, std::optional<nb::Fixed> v);
    void setCells(const std::vector<std::pair<int, std::optional<nb::Fixed>>>& values);   // one step (block paste)
    void replaceReport(nb::Report r);      // a whole-report edit (format conversion, meta choices): undoable
    /// Open a file / new report (undoable): `integrity` are the findings about the file itself (an
    /// exported page changed after it was made: P-1/P-2); they stay listed until another report is opened.
    void openReport(nb::Report r, std::vector<nb::Finding> integrity = {});
    /// Text/meta fields are edited in place: fieldChanged() on every change (re-checked at once, or by
    /// a later recheck() when typing is debounced), then commitFieldEdit(report as it was before the
    /// field was entered) when it is left.
    nb::Report& mutableReport() { return m_report; }
    void fieldChanged(bool recheckNow = true);
    void commitFieldEdit(nb::Report before);
    bool applyFix(const nb::Finding& f);
    void setPrevious(std::optional<nb::Report> prev, const std::string& name);
    /// Local rule packs checked with the format's rules (a supervising office's, or built into a local edition).
    void setPacks(std::vector<nb::RulePack> packs) { m_packs = std::move(packs); recheck(); }
    const std::vector<nb::RulePack>& packs() const { return m_packs; }

    bool canUndo() const { return !m_undo.empty(); }
    bool canRedo() const { return !m_redo.empty(); }
    bool undo();
    bool redo();

    int revision() const { return m_revision; }
    bool unsaved() const { return m_revision != m_savedRevision; }
    void markSaved() { m_savedRevision = m_revision; }
    void markSavedAs(int revision) { m_savedRevision = revision; }

    void recheck();

private:
    void pushUndo(nb::Report before);
    void changed();

    nb::Report m_report;
    std::optional<nb::Report> m_previous;
    std::string m_previousName;
    std::vector<nb::Finding> m_findings;
    std::vector<nb::Finding> m_integrity;
    std::vector<nb::RulePack> m_packs;
    std::map<std::string, CellMark> m_marks;
    std::deque<nb::Report> m_undo, m_redo;
    int m_revision = 0, m_savedRevision = 0;
};

} // namespace ui
