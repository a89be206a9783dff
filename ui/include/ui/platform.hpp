// platform.hpp — the only seam between the UI and the outside world (browser, or a test double).
// wasm/platform_web.cpp implements it with small EM_JS functions; tests use a recording fake.
// Everything asynchronous (a file picked by the user) comes back through ui::App methods.
#pragma once
#include <optional>
#include <string>

namespace ui {

/// Why a file arrives: picked after 打开… (already confirmed), picked for last year's report, or
/// dropped onto the page (asks first when there are unsaved changes).
enum class FilePurpose { OpenReport = 1, OpenPrevious = 2, DroppedReport = 3 };

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
};

} // namespace ui
