// app.hpp — the nianbao editor: one ImGui window holding the toolbar, the section list, the form
// (meta, text sections, the three tables drawn like the official ones) and the findings panel.
// The host (wasm/main_web.cpp, or a headless test) calls frame() between NewFrame and Render and
// forwards browser events (files, paste) to the methods below. The report logic lives in core.
#pragma once
#include "nianbao/decimal.hpp"
#include "nianbao/import.hpp"
#include "nianbao/report.hpp"
#include "nianbao/review.hpp"
#include "ui/platform.hpp"
#include "ui/text_layout.hpp"
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nb { struct Finding; struct Report; struct TableDef; }
struct ImGuiInputTextCallbackData;
struct ImRect;

namespace ui {

class Document;
struct TableGrid;

class App {
public:
    App(Platform& platform, std::string exampleJson);
    ~App();

    /// Draws one frame (between ImGui::NewFrame and ImGui::Render).
    void frame();
    /// UI scale (device pixel ratio): sizes are in device pixels.
    void setScale(float s) { m_scale = s; }
    /// The font's em in device pixels (what a browser's font-size means), for the native text fields;
    /// 0: the ImGui font size.
    void setFontEm(float px) { m_fontEm = px; }

    // ---- browser / automation API (window.nianbao)
    /// Replaces the report when the file loads or imports (JSON, a page or .docx of nianbao's, a published
    /// page, Word-exported HTML, a .docx from Word/WPS): "" or the error; the report on screen is
    /// unchanged on an error. An import's items to review are listed in the findings panel (导入核对).
    std::string loadText(const std::string& text, const std::string& origin);
    std::string exportJson() const;
    std::string exportHtml() const;
    /// The report as a Word file (.docx bytes).
    std::string exportDocx() const;
    std::string findingsJson() const;
    /// Asks the next frames to bring a cell (or "text.overview", "meta.agency"…) into view and select it.
    bool reveal(const std::string& id);
    /// The message line and the restored-work notice as shown (for automation and tests).
    std::string statusMessage() const { return m_msg; }
    std::string restoredNotice() const { return m_restoredNotice; }
    std::string storageProblem() const { return m_storageProblem; }
    /// The selected table cell's id, or "" (for automation and tests).
    std::string selection() const;
    /// Where the item was drawn in the last frame (device pixels): a cell id, "text.overview",
    /// "meta.agency", "button.example", "finding.0", "fix.0"…
    std::optional<Rect> itemRect(const std::string& id) const;

    void onFileOpened(FilePurpose purpose, const std::string& name, const std::string& bytes);
    void onFileError(const std::string& message);
    /// The open native text field's text, after each change (typing, IME commit, paste, the browser's undo).
    void onTextInput(const std::string& id, const std::string& text);
    /// The open native text field was left; `caret` (byte offset) and `scrollY` are where it was.
    void onTextLeave(const std::string& id, LeaveBy how, std::size_t caret, float scrollY);
    /// The id of the free-text field being edited in a native field, or "".
    std::string openFieldId() const { return m_field ? m_field->field.id : std::string(); }
    /// System paste while no text field is active: a block into the selected table cell.
    bool onPaste(const std::string& text);
    /// System paste of a table with its labels (clipboard text/html, else TSV text/plain): its cells placed
    /// by their printed labels, whichever cell is selected, as one undo step. False when it has no labels
    /// this format knows (the host then pastes the plain text as a block with onPaste).
    bool onPasteTable(const std::string& html, const std::string& plain);
    // ---- 审核 (review) of many reports, 汇总, local rule packs (app_review.cpp)
    /// Files brought in at once (the page API's openFiles, several files picked or dropped): one file opens
    /// as with 打开…; several fill the review table and show it. "" or the error of the one file.
    std::string openFiles(const std::vector<std::pair<std::string, std::string>>& files);   // name, bytes
    /// One more file in the review table (read, verified, checked with the packs); shows the table.
    void reviewAdd(const std::string& name, const std::string& bytes);
    void reviewClear();
    bool reviewShown() const { return m_reviewShown; }
    /// The review table's rows as the page API's reviewRows() (interchange.md §4), in the order shown.
    std::string reviewRowsJson() const;
    /// A local rule pack (its JSON): checked from now on, with the report and in the review; builtIn: the
    /// pack of a local edition. "" or why it was refused (the packs in use are unchanged then).
    std::string loadRulePack(const std::string& text, bool builtIn);
    /// The import's items still to review (for automation and tests).
    const std::vector<nb::ImportItem>& importItems() const { return m_importItems; }
    /// Text for a system copy while no text field is active (the selected cell's value).
    std::string copyText() const;
    /// The grid has a selected cell: keystrokes are wanted as text even with no text field active.
    bool wantsTextKeys() const;
    /// Where the IME / text sink should sit when wantsTextKeys() (device pixels).
    Rect textSinkRect() const;
    bool unsaved() const;
    /// True while a cell editor is opening: the host keeps further input queued until it is active,
    /// so quick typing after the first digit is not lost.
    bool holdInput() const { return m_editJustStarted; }
    /// True while something still needs frames (a pending reveal, a focus request).
    bool busy() const;
    /// Milliseconds until the app wants a frame without any input (the debounced autosave), or -1.
    double nextTimerMs() const;
    void saveJson();
    void openFile();
    const Document& document() const { return *m_doc; }

private:
    // [app.cpp]
    void drawToolbar();
    void drawDialogs();
    void drawStatus();
    void handleShortcuts();
    void tickAutosave();
    void restoreAutosave();
    void newReport(const std::string& formatId, int year);
    int formatIndexForYear(int year) const;
    void confirmThen(std::string what, int action);
    void runAction(int action);
    void message(std::string text, int level);
    std::string fileBaseName() const;
    void download(const char* ext, const char* mime, const std::string& bytes, const char* done, const char* note);
    // [app_form.cpp] the form: meta and the six sections in order
    void drawForm();
    void drawMeta();
    bool fieldFrame(const std::string& id);
    // [app_text.cpp] free-text fields: drawn text, and the native field over it while editing
    static std::string* fieldValue(nb::Report& r, const std::string& id);
    float proseLineHeight() const;
    void drawTextSection(const std::string& key, const std::string& title);
    void drawTextTools(const std::string& key);
    void drawLineField(const std::string& id, const char* label, std::string& value, float width, const char* hint);
    void fieldBox(TextField f, std::size_t focusCaret, const std::function<std::optional<std::size_t>(float& scrollY)>& view);
    void openField(const TextField& f, std::size_t caret, float scrollY);
    void leaveField(LeaveBy how, std::size_t caret, float scrollY);
    void closeFieldIfReplaced();
    void tickRecheck();
    void insertGenerated(const std::string& key);
    // [app_tables.cpp] the three tables as editable grids
    void drawTable(const nb::TableDef& t);
    void drawCell(int cellIndex, const ImRect& rc);
    void startEdit(int cell, std::string initial, bool selectAll);
    static int cellInputCallback(ImGuiInputTextCallbackData* data);
    void tableKeys(const TableGrid& g);
    void commitEdit(bool move, int dRow, int dCol);
    void moveSelection(const TableGrid& g, int dRow, int dCol);
    // [app_findings.cpp] section list and findings panel
    void drawSections();
    void drawFindings();
    void goTo(const nb::Finding& f);
    void goToTarget(const std::string& target);   // a cell id, "text.overview", "meta.agency", a table id
    // [app_import.cpp] what an import left to review, worked through item by item
    void setImportReview(const nb::ImportResult& r, const std::string& name);
    void drawImportReview();
    // [app_review.cpp] the review table, one report's findings, 汇总, packs and the local edition
    void drawReview();
    void drawReviewTable();
    void drawReviewDetail(const nb::ReviewRow& row);
    void mergePicked();
    void makeLocalEdition();
    void drawExplanation(const nb::Finding& f, std::size_t index);

    Platform& m_platform;
    std::string m_exampleJson;
    std::unique_ptr<Document> m_doc;
    float m_scale = 1.0f;
    float m_fontEm = 0;

    // selection and editing in the tables
    int m_sel = -1;                  // selected cell index
    bool m_editing = false;
    bool m_editJustStarted = false;
    bool m_editSelectAll = false;
    bool m_editPlaceCursor = false;
    int m_editStartFrames = 0;
    unsigned int m_refusedChar = 0;
    std::string m_editBuf;
    std::string m_reveal;            // item to scroll to and select
    int m_revealFrames = 0;
    std::string m_focusField;        // text/meta field to focus
    std::map<std::string, Rect> m_rects, m_rectsNext;

    // messages, dialogs, autosave
    std::string m_msg;
    int m_msgLevel = 0;              // 0 info, 1 warning, 2 error
    std::string m_restoredNotice;
    std::string m_confirmText;
    int m_pendingAction = 0;
    bool m_openConfirm = false, m_openNew = false, m_openFill = false;
    std::vector<std::pair<int, std::optional<nb::Fixed>>> m_pendingFill;   // 上年结转 cells offered from last year
    int m_newYear = 2025;
    int m_newFormat = 1;
    std::string m_pendingOpenName, m_pendingOpenBytes;
    int m_autosavedRevision = 0;
    double m_lastEditMs = 0;
    int m_lastRevision = 0;
    bool m_storageWarned = false;
    std::string m_storageProblem;
    // the free-text field being edited in a native field: where, the report before the visit (one undo
    // step), the text as last received; and per field the caret and scroll it was left with
    struct OpenField { TextField field; nb::Report before; std::string text; std::size_t caret = 0; };
    std::optional<OpenField> m_field;
    std::size_t m_focusCaret = std::string::npos;   // caret for the field m_focusField opens (npos: its default)
    std::map<std::string, std::size_t> m_lastCaret;
    std::map<std::string, float> m_viewScroll;
    std::map<std::string, TextLayout> m_layouts;    // the drawn text's lines, per field (re-laid out on change)
    std::vector<std::string> m_fieldOrder, m_fieldOrderNext;   // free-text fields in form order (Tab)
    double m_recheckDueMs = -1;
    bool m_yearActive = false;
    std::string m_yearBuf;
    std::string m_sectionTarget;     // section to scroll to
    std::vector<nb::ImportItem> m_importItems;   // the last import's items to review, until dismissed
    std::string m_importName;
    // the review table: rows as read (and the files' bytes, to check again when the packs change)
    std::vector<nb::ReviewRow> m_review;
    std::vector<std::string> m_reviewBytes;
    std::vector<char> m_reviewPicked;
    std::vector<int> m_reviewOrder;      // the rows in the order shown (sorted by a column)
    int m_reviewSortColumn = -1;
    bool m_reviewSortAscending = true;
    bool m_reviewShown = false, m_reviewOnlyErrors = false;
    int m_reviewOpen = -1;               // the row whose findings are shown, or -1: the table
    std::optional<nb::Report> m_pendingReport;    // 汇总 or a copy to edit, once the user confirms
    std::vector<nb::Finding> m_pendingIntegrity;
    std::string m_pendingReportNote;
    std::string m_explaining;            // the finding (explanation key) whose 情况说明 field was asked for
    bool m_packBuiltIn = false;
};

} // namespace ui
