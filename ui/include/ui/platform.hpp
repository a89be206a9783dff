// platform.hpp — the only seam between the UI and the outside world (browser, or a test double).
// wasm/platform_web.cpp implements it with small EM_JS functions; tests use a recording fake.
// Everything asynchronous (a file picked by the user, typing in a native text field) comes back
// through ui::App methods.
#pragma once
#include <optional>
#include <string>

namespace ui {

/// Why a file arrives: picked after 打开… (already confirmed), picked for last year's report, dropped
/// onto the page (asks first when there are unsaved changes), a local rule pack, or one of several files
/// picked or dropped at once (they go to the review table, 审核).
enum class FilePurpose { OpenReport = 1, OpenPrevious = 2, DroppedReport = 3, RulePack = 4, ReviewFile = 5 };

struct Rect { float x = 0, y = 0, w = 0, h = 0; };

/// A native text field shown over the drawn one while it is edited (the browser's <textarea> or
/// <input>: wrapping, caret, selection, IME, context menu and undo are the browser's own). Sizes in
/// device pixels; the text inside starts at rect + (padX, padY) and its lines are lineHeight apart.
struct TextField {
    std::string id;                   // "text.overview", "meta.agency"…
    Rect rect;                        // where the field is drawn (may reach beyond the clip)
    Rect clip;                        // the visible part of the form around it
    bool multiline = false;
    float fontPx = 16, lineHeight = 24, padX = 6, padY = 6;
    std::string placeholder;
    std::string label;                // what a screen reader announces: 一、总体情况, 机关名称…
};

/// How a native text field was left: Tab / Shift+Tab (to the next / previous field), Enter in a
/// one-line field, Esc, or a click elsewhere.
enum class LeaveBy { Tab = 1, ShiftTab = 2, Enter = 3, Escape = 4, Elsewhere = 5 };

class Platform {
public:
    virtual ~Platform() = default;
    /// Offers bytes as a download named `name` (UTF-8 file name).
    virtual void downloadFile(const std::string& name, const std::string& mime, const std::string& bytes) = 0;
    /// Opens the browser's file picker; the result arrives later via App::onFileOpened.
    virtual void pickFile(FilePurpose purpose) = 0;
    /// Stores the autosave copy; false when storage is unavailable or full.
    virtual bool storeAutosave(const std::string& json) = 0;
    virtual std::optional<std::string> loadAutosave() = 0;
    virtual void clearAutosave() = 0;
    /// Puts text on the system clipboard.
    virtual void setClipboard(const std::string& text) = 0;
    /// Arms or disarms the browser's leave-page warning.
    virtual void setLeaveWarning(bool on) = 0;
    /// Milliseconds since some fixed point (debouncing).
    virtual double nowMs() = 0;
    /// Shows the native field with `text`, the caret at byte offset `caret` and its content scrolled by
    /// `scrollY`, and focuses it. Its changes come back through App::onTextInput, its end through App::onTextLeave.
    virtual void openTextField(const TextField& f, const std::string& text, std::size_t caret, float scrollY) = 0;
    /// Keeps the open field over its rect (every frame while it is open: the form scrolls, the window resizes).
    virtual void placeTextField(const TextField& f) = 0;
    /// Hides the field (the app has its text); nothing comes back from it afterwards.
    virtual void closeTextField() = 0;
    /// The page's own HTML as it was loaded (for a local edition with a rule pack built in); "" when the
    /// host has none (native tests).
    virtual std::string appPageHtml() { return {}; }
};

} // namespace ui
