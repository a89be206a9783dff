// platform_web.hpp — ui::Platform for the browser (downloads, file picker, localStorage autosave,
// clipboard, leave-page warning). The JavaScript lives in small EM_JS functions in platform_web.cpp.
//   [X] download (Blob + <a download>)      [X] open file (picker; drag-and-drop in shell.html)
//   [X] autosave to localStorage, failures reported   [X] clipboard write   [X] beforeunload guard
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
};

} // namespace web
