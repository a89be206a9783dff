// layering_test.cpp — core/ must build with no ImGui and no Emscripten: no file under core/ includes them.
#include "test_util.hpp"
#include <fstream>

#if !defined(__EMSCRIPTEN__)
#include <filesystem>
TEST_CASE("core includes no ImGui or Emscripten header", "[layering]") {
    namespace fs = std::filesystem;
    int files = 0;
    for (const auto& e : fs::recursive_directory_iterator(testutil::sourceDir() + "/core")) {
        auto ext = e.path().extension().string();
        if (ext != ".cpp" && ext != ".hpp" && ext != ".h" && ext != ".txt" && ext != ".cmake") continue;
        ++files;
        std::string text = testutil::readFile(e.path().string());
        INFO(e.path().string());
        CHECK(text.find("imgui") == std::string::npos);
        CHECK(text.find("emscripten") == std::string::npos);
        CHECK(text.find("EM_ASM") == std::string::npos);
        CHECK(text.find("EM_JS") == std::string::npos);
    }
    CHECK(files >= 10);
}
#endif
