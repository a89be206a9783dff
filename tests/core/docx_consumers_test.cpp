// docx_consumers_test.cpp — the .docx read by a real consumer: LibreOffice (headless) converts the
// example and a complete 2021 report to PDF without error, the pages are A4, and the PDF's text
// (poppler's pdftotext) holds every label of every table and every value (a label wrapped in a narrow cell
// read in order across the lines pdftotext interleaves with its neighbours'). Needs soffice and
// pdftotext (scripts/setup.sh installs libreoffice-writer-nogui and poppler-utils). And the importer reads the
// .docx LibreOffice makes from a real published page as the same report as the page itself.
#define CATCH_CONFIG_MAIN
#include "nianbao/docx_render.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/import.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/table_layout.hpp"
#include "nianbao/zip_io.hpp"
#include <pugixml.hpp>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace {

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
// text with every space and line break taken out (a label wrapped in a narrow cell reads as one)
std::string squeezed(const std::string& s) {
    std::string out;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f') continue;
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }
        out += s[i];
    }
    return out;
}
int run(const std::string& cmd) { return std::system(cmd.c_str()); }
std::vector<std::string> chars(const std::string& s) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        out.push_back(s.substr(i, n));
        i += n;
    }
    return out;
}
// the label in the text as a reader sees it: its characters in order, within a stretch not much longer
// than itself — pdftotext gives a label wrapped over three lines of a narrow cell interleaved with the
// lines of the cells beside it
bool readable(const std::string& text, const std::string& label) {
    const std::vector<std::string> want = chars(label);
    const std::size_t window = 40 * label.size() + 200;
    for (std::size_t start = text.find(want[0]); start != std::string::npos; start = text.find(want[0], start + 1)) {
        std::size_t at = start + want[0].size();
        bool all = true;
        for (std::size_t k = 1; k < want.size() && all; ++k) {
            at = text.find(want[k], at);
            all = at != std::string::npos && at - start <= window;
            if (all) at += want[k].size();
        }
        if (all) return true;
    }
    return false;
}

} // namespace

TEST_CASE("LibreOffice turns the .docx into an A4 PDF holding every table label and value", "[docx][libreoffice]") {
    const fs::path dir = fs::temp_directory_path() / ("nianbao-docx-" + std::to_string(::getpid()));
    fs::create_directories(dir / "home");
    for (const std::string file : {std::string(NIANBAO_SHARED_DIR) + "/seed/qinghai-2019.json",
                                   std::string(NIANBAO_SOURCE_DIR) + "/tests/fixtures/base/complete-2021.json"}) {
        INFO(file);
        auto res = nb::loadReport(readFile(file));
        REQUIRE(res.ok());
        const nb::Report& r = *res.report;
        const fs::path docx = dir / (fs::path(file).stem().string() + ".docx");
        {
            std::ofstream o(docx, std::ios::binary);
            std::string bytes = nb::renderDocx(r);
            o.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        }
        const fs::path pdf = fs::path(docx).replace_extension(".pdf"), txt = fs::path(docx).replace_extension(".txt");
        REQUIRE(run("HOME='" + (dir / "home").string() + "' soffice --headless --norestore --convert-to pdf --outdir '" + dir.string() +
                    "' '" + docx.string() + "' > '" + (dir / "soffice.log").string() + "' 2>&1") == 0);
        REQUIRE(fs::exists(pdf));
        REQUIRE(run("pdftotext -enc UTF-8 '" + pdf.string() + "' '" + txt.string() + "'") == 0);
        REQUIRE(run("pdfinfo '" + pdf.string() + "' > '" + (dir / "info.txt").string() + "'") == 0);
        CHECK(readFile(dir / "info.txt").find("595.") != std::string::npos);   // A4: 595 × 842 pt
        const std::string text = squeezed(readFile(txt));
        CHECK(text.find(squeezed(nb::reportTitle(r))) != std::string::npos);
        int labels = 0, values = 0;
        for (const nb::TableDef& t : r.format->tables) {
            nb::TableLayout l = nb::layoutTable(r, t);
            for (const auto& row : l.rows)
                for (const auto& c : row.cells) {
                    std::string want = squeezed(c.kind == nb::LayoutKind::Value ? nb::printedCellText(r, c.cell) : c.text);
                    if (want.empty()) continue;
                    INFO(t.id << " row " << row.rowId << ": " << want);
                    CHECK(readable(text, want));
                    ++(c.kind == nb::LayoutKind::Value ? values : labels);
                }
        }
        CHECK(labels > 60);
        CHECK(values > 40);

        // saved again as .docx by LibreOffice: it keeps our data part, and the visible tables still agree
        // with it cell for cell (no P-2); the tables keep every merge (the same gridSpan/vMerge, row for row)
        const fs::path again = dir / "again";
        fs::create_directories(again);
        REQUIRE(run("HOME='" + (dir / "home").string() + "' soffice --headless --norestore --convert-to docx --outdir '" + again.string() +
                    "' '" + docx.string() + "' >> '" + (dir / "soffice.log").string() + "' 2>&1") == 0);
        const std::string resaved = readFile(again / docx.filename());
        REQUIRE(nb::looksLikeZip(resaved));
        auto opened = nb::loadReportOrPage(resaved);
        REQUIRE(opened.ok());
        CHECK(opened.integrity.empty());
        CHECK(nb::saveReport(*opened.report) == nb::saveReport(r));
        auto shape = [](const std::string& docxBytes) {
            std::string err, xml;
            auto files = nb::unzipFiles(docxBytes, err);
            REQUIRE(files);
            for (const auto& f : *files)
                if (f.name == "word/document.xml") xml = f.data;
            pugi::xml_document d;
            REQUIRE(d.load_buffer(xml.data(), xml.size()));
            std::vector<std::string> rows;   // per row: each cell's span and merge, e.g. "2r 1 1c"
            for (pugi::xpath_node tr : d.select_nodes("//w:tbl/w:tr")) {
                std::string row;
                for (pugi::xml_node tc : tr.node().children("w:tc")) {
                    pugi::xml_node pr = tc.child("w:tcPr");
                    row += std::to_string(pr.child("w:gridSpan").attribute("w:val").as_int(1));
                    pugi::xml_node vm = pr.child("w:vMerge");
                    if (vm) row += std::string_view(vm.attribute("w:val").value()) == "restart" ? "r" : "c";
                    row += ' ';
                }
                rows.push_back(row);
            }
            return rows;
        };
        std::string ours;
        {
            std::ifstream in(docx, std::ios::binary);
            std::ostringstream ss;
            ss << in.rdbuf();
            ours = ss.str();
        }
        CHECK(shape(resaved) == shape(ours));
    }
    fs::remove_all(dir);
}

TEST_CASE("a real page made into a .docx by LibreOffice imports as the same report as the page", "[docx][libreoffice][import]") {
    const fs::path dir = fs::temp_directory_path() / ("nianbao-import-" + std::to_string(::getpid()));
    fs::create_directories(dir / "home");
    const std::string pages = std::string(NIANBAO_SHARED_DIR) + "/real-pages/";
    std::string list;
    for (const char* name : {"pingtan-2021", "pingtan-2024", "shanghai-2019"}) list += " '" + pages + name + ".html'";
    // Word's tables from a page, as a clerk gets them: LibreOffice Writer opens the page and saves .docx
    REQUIRE(run("HOME='" + (dir / "home").string() + "' soffice --headless --norestore --infilter='HTML (StarWriter)' "
                "--convert-to 'docx:MS Word 2007 XML' --outdir '" + dir.string() + "'" + list + " > '" +
                (dir / "soffice.log").string() + "' 2>&1") == 0);
    for (const char* name : {"pingtan-2021", "pingtan-2024", "shanghai-2019"}) {
        INFO(name);
        nb::ImportResult page = nb::importFile(readFile(pages + name + ".html"), name);
        std::string bytes = readFile(dir / (std::string(name) + ".docx"));
        REQUIRE(nb::looksLikeZip(bytes));
        nb::ImportResult docx = nb::importFile(bytes, name);
        INFO(nb::importReportText(docx, name));
        REQUIRE(page.report);
        REQUIRE(docx.report);
        CHECK(docx.source == "Word 文件");
        CHECK(nb::saveReport(*docx.report) == nb::saveReport(*page.report));
        CHECK(docx.cells.size() == page.cells.size());
    }
    fs::remove_all(dir);
}
