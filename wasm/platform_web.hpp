// platform_web.hpp — ui::Platform for the browser (downloads, file picker, localStorage autosave,
// clipboard, leave-page warning). The JavaScript lives in small EM_JS functions in platform_web.cpp.
//   [X] download (Blob + <a download>)      [X] open file (picker; drag-and-drop in shell.html)
//   [X] autosave to localStorage, failures reported   [X] clipboard write   [X] beforeunload guard
//   [X] the native text field over a free-text field (shell.html's window.__nbField)
//   [X] the page's own HTML, as loaded (window.__nbSelfHtml: a local edition is made from it)
#pragma once
#include "ui/platform.hpp"

namespace web {

class WebPlatform : public ui::Platform {
public:
    void downloadFile(const std::string& name, const std::string& mime, const std::string& bytes) override;
    void pickFile(ui::FilePurpose purpose) override;
    bool storeAutosave(const std::string& json) override;
    std::optional<std::string> loadAutosave() override;
    void clearAutosave() override;
    void setClipboard(const std::string& text) override;
    void setLeaveWarning(bool on) override;
    double nowMs() override;
    void openTextField(const ui::TextField& f, const std::string& text, std::size_t caret, float scrollY) override;
    void placeTextField(const ui::TextField& f) override;
    void closeTextField() override;
    std::string appPageHtml() override;
    /// Device pixels per CSS pixel (positions are sent to the page in CSS pixels).
    void setScale(float dpr) { m_dpr = dpr; }

private:
    float m_dpr = 1;
    ui::TextField m_placed;   // where the open field was last put (placing again only on a change)
};

} // namespace web
