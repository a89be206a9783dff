// app.hpp — the nianbao editor: one ImGui window holding the toolbar, the section list, the form
// (meta, text sections, the three tables drawn like the official ones) and the findings panel.
// The host (wasm/main_web.cpp, or a headless test) calls frame() between NewFrame and Render and
// forwards browser events (files, paste) to the methods below. The report logic lives in core.
#pragma once
#include "nianbao/decimal.hpp"
#include "ui/platform.hpp"
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

struct Rect { float x = 0, y = 0, w = 0, h = 0; };

class App {
public:
    App(Platform& platform, std::string exampleJson);
    ~App();

    /// Draws one frame (between ImGui::NewFrame and ImGui::Render).
    void frame();
    /// UI scale (device pixel ratio): sizes are in device pixels.
    void setScale(float s) { m_scale = s; }

    // ---- browser / automation API (window.nianbao)
    /// Replaces the report when the text (JSON or an exported page) loads cleanly; "" or the error.
    std::string loadText(const std::string& text, const std::string& origin);
    std::string exportJson() const;
    std::string exportHtml() const;
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
    /// System paste while no text field is active: a block into the selected table cell.
    bool onPaste(const std::string& text);
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
    void confirmThen(std::string what, int action);
    void runAction(int action);
    void message(std::string text, int level);
    std::string fileBaseName() const;
    // [app_form.cpp] meta + text sections
    void drawForm();
    void drawMeta();
    void drawTextSection(const std::string& key, const std::string& title);
    void drawTextTools(const std::string& key);
    void insertGenerated(const std::string& key);
    bool fieldFrame(const std::string& id);
    bool editField(const std::string& id, std::string& value, const std::function<bool()>& widget);
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

    Platform& m_platform;
    std::string m_exampleJson;
    std::unique_ptr<Document> m_doc;
    float m_scale = 1.0f;

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
    // per text/meta field being edited: its value and the report before it was entered
    struct FieldEdit { std::string before; std::unique_ptr<nb::Report> report; };
    std::map<std::string, FieldEdit> m_fieldEdits;
    bool m_yearActive = false;
    std::string m_yearBuf;
    std::string m_textEditor;        // the text section shown as an editor (others show wrapped text)
    int m_textEditorFrames = 0;
    std::string m_sectionTarget;     // section to scroll to
};

} // namespace ui
