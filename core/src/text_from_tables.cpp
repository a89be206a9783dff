// text_from_tables.cpp — 根据表格生成, the character count and pasted prose; see text_from_tables.hpp.
#include "nianbao/text_from_tables.hpp"

namespace nb {

namespace {

// "{a+b}" → the cells a and b; false on an unknown id
bool figureCells(const Format& f, std::string_view inside, std::vector<int>& cells, std::string& unknown) {
    cells.clear();
    std::size_t start = 0;
    while (start <= inside.size()) {
        std::size_t plus = inside.find('+', start);
        std::string id(inside.substr(start, plus == std::string_view::npos ? std::string_view::npos : plus - start));
        while (!id.empty() && id.front() == ' ') id.erase(0, 1);
        while (!id.empty() && id.back() == ' ') id.pop_back();
        int i = f.findCell(id);
        if (i < 0) { unknown = id; return false; }
        cells.push_back(i);
        if (plus == std::string_view::npos) break;
        start = plus + 1;
    }
    return true;
}

// one template with its figures filled, or nullopt when a figure is blank or the template is broken
std::optional<std::string> fill(const Report& r, const std::string& tpl) {
    std::string out;
    std::vector<int> cells;
    std::string unknown;
    for (std::size_t i = 0; i < tpl.size();) {
        if (tpl[i] != '{') { out += tpl[i++]; continue; }
        std::size_t close = tpl.find('}', i);
        if (close == std::string::npos || !figureCells(*r.format, std::string_view(tpl).substr(i + 1, close - i - 1), cells, unknown))
            return std::nullopt;
        Fixed sum = 0;
        bool any = false;
        for (int c : cells)
            if (const auto& v = r.cells[static_cast<std::size_t>(c)]) { sum += *v; any = true; }
        if (!any) return std::nullopt;
        out += formatDecimal(sum);
        i = close + 1;
    }
    return out;
}

} // namespace

std::string sentencesFromTables(const Report& r) {
    std::string out;
    for (const auto& tpl : r.format->summary)
        if (auto s = fill(r, tpl)) out += *s;
    return out;
}

std::vector<std::string> summaryProblems(const Format& f) {
    std::vector<std::string> problems;
    std::vector<int> cells;
    for (const auto& tpl : f.summary) {
        for (std::size_t i = tpl.find('{'); i != std::string::npos; i = tpl.find('{', i + 1)) {
            std::size_t close = tpl.find('}', i);
            std::string unknown;
            if (close == std::string::npos) { problems.push_back(tpl + "：缺少 }"); break; }
            if (!figureCells(f, std::string_view(tpl).substr(i + 1, close - i - 1), cells, unknown))
                problems.push_back(tpl + "：未知的单元格 " + unknown);
        }
    }
    return problems;
}

std::size_t countCharacters(std::string_view text) {
    std::size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80 && c != '\n' && c != '\r') ++n;
    return n;
}

namespace {
// the spaces a pasted paragraph is indented or padded with: ASCII space and tab, U+3000, U+00A0
std::size_t spaceAt(std::string_view s, std::size_t i) {
    if (s[i] == ' ' || s[i] == '\t') return 1;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) return 3;
    if (s.compare(i, 2, "\xC2\xA0") == 0) return 2;
    return 0;
}
std::size_t spaceBefore(std::string_view s, std::size_t end) {
    if (end >= 1 && (s[end - 1] == ' ' || s[end - 1] == '\t')) return 1;
    if (end >= 3 && s.compare(end - 3, 3, "\xE3\x80\x80") == 0) return 3;
    if (end >= 2 && s.compare(end - 2, 2, "\xC2\xA0") == 0) return 2;
    return 0;
}
}

std::vector<std::string> textParagraphs(std::string_view text) {
    std::vector<std::string> out;
    std::string para;
    auto flush = [&]() {
        std::size_t a = para.find_first_not_of(" \t\r\n"), z = para.find_last_not_of(" \t\r\n");
        if (a != std::string::npos) out.push_back(para.substr(a, z - a + 1));
        para.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t nl = text.find('\n', i);
        std::string_view line = text.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
        i = nl == std::string_view::npos ? text.size() : nl + 1;
        if (line.find_first_not_of(" \t\r") == std::string_view::npos) flush();
        else { if (!para.empty()) para += '\n'; para.append(line); }
    }
    flush();
    return out;
}

std::string proseFromPaste(std::string_view text, bool multiline) {
    std::string out;
    std::size_t i = 0;
    while (i <= text.size()) {
        std::size_t end = text.find_first_of("\r\n\f\v", i);
        if (end == std::string_view::npos) end = text.size();
        std::size_t a = i, b = end;
        while (a < b) { std::size_t k = spaceAt(text, a); if (!k) break; a += k; }
        while (b > a) { std::size_t k = spaceBefore(text.substr(0, b), b); if (!k) break; b -= k; }
        if (b > a) {
            if (!out.empty() && multiline) out += "\n\n";
            out.append(text.substr(a, b - a));
        }
        if (end == text.size()) break;
        i = end + 1;
    }
    return out;
}

} // namespace nb
