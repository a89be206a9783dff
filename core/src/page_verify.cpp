// page_verify.cpp — P-1 (fingerprint) and P-2 (visible cells) for exported pages; see page_verify.hpp.
#include "nianbao/page_verify.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/json_io.hpp"
#include <string>

namespace nb {

namespace {

// renderHtml writes '<' '>' '&' of the JSON as \u003c \u003e \u0026; undo exactly that (a "\\" pair
// is an escaped backslash, copied as it is, so a typed "\u003c" in a text is never touched)
std::string unescapePageJson(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) { out += s[i]; continue; }
        std::string_view esc = s.substr(i, 6);
        if (esc == "\\u003c") { out += '<'; i += 5; }
        else if (esc == "\\u003e") { out += '>'; i += 5; }
        else if (esc == "\\u0026") { out += '&'; i += 5; }
        else { out += s[i]; out += s[i + 1]; ++i; }
    }
    return out;
}

std::string printedFingerprint(std::string_view html) {
    auto p = html.find(kFingerprintLabel);
    if (p == std::string_view::npos) return {};
    std::string hex;
    for (std::size_t i = p + kFingerprintLabel.size(); i < html.size() && hex.size() < 64; ++i) {
        char c = html[i];
        if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) hex += static_cast<char>(c | 0x20);
        else break;
    }
    return hex;
}

std::string trimmedText(std::string_view s) {
    std::size_t a = s.find_first_not_of(" \t\r\n"), b = s.find_last_not_of(" \t\r\n");
    return a == std::string_view::npos ? std::string() : std::string(s.substr(a, b - a + 1));
}

std::string shownText(const std::string& t) { return t.empty() ? "（空白）" : "“" + t + "”"; }

Finding integrityFinding(const char* code, const char* rule, std::string message) {
    Finding f;
    f.code = code;
    f.severity = Severity::Error;
    f.rule = rule;
    f.message = std::move(message);
    return f;
}

} // namespace

Finding dataChangedFinding(std::string message) {
    return integrityFinding(kDataChangedCode, "页面数据在生成后被改动", std::move(message));
}

Finding tableDiffersFinding(std::string message) {
    return integrityFinding(kTableDiffersCode, "页面显示的表格与内嵌数据不一致", std::move(message));
}

std::vector<Finding> verifyPage(std::string_view html, const Report& embedded) {
    std::vector<Finding> out;
    auto data = extractEmbeddedJson(html);
    if (!data) return out;

    std::string printed = printedFingerprint(html), actual = sha256Hex(unescapePageJson(*data));
    if (printed != actual) {
        out.push_back(dataChangedFinding(printed.empty()
            ? "页面数据在生成后被改动：页面上找不到数据指纹（SHA-256），无法确认内嵌数据就是生成时的数据"
            : "页面数据在生成后被改动：内嵌数据的 SHA-256 为 " + actual.substr(0, 16) + "…，页面所印指纹为 " +
                  printed.substr(0, 16) + "…。请向报送单位索取原始文件"));
    }

    // every <td … data-cell="id" …>text</td>: what a reader sees, against the embedded value
    Finding diff = tableDiffersFinding();
    std::string list;
    int count = 0;
    static const std::string_view attr = "data-cell=\"";
    for (std::size_t p = html.find(attr); p != std::string_view::npos; p = html.find(attr, p + 1)) {
        std::size_t idStart = p + attr.size(), idEnd = html.find('"', idStart);
        if (idEnd == std::string_view::npos) break;
        std::string id(html.substr(idStart, idEnd - idStart));
        std::size_t open = html.find('>', idEnd), close = open == std::string_view::npos ? open : html.find('<', open);
        if (close == std::string_view::npos) break;
        int idx = embedded.format->findCell(id);
        if (idx < 0) continue;
        std::string visible = trimmedText(html.substr(open + 1, close - open - 1));
        std::string expected = escapeHtml(printedCellText(embedded, idx));
        if (visible == expected) continue;
        ++count;
        diff.cells.push_back(id);
        if (count <= 6)
            list += (count > 1 ? "；" : "") + embedded.format->cells[static_cast<std::size_t>(idx)].name + "：页面显示" +
                    shownText(visible) + "，内嵌数据为" + shownText(expected);
        Fixed v = 0;
        if (count == 1 && embedded.cells[static_cast<std::size_t>(idx)] && parseDecimal(visible, v) == DecimalError::None) {
            diff.expected = embedded.cells[static_cast<std::size_t>(idx)];
            diff.actual = v;
            diff.difference = v - *diff.expected;
        }
    }
    if (count) {
        if (count > 1) diff.expected.reset(), diff.actual.reset(), diff.difference.reset();
        diff.message = "页面显示的表格与内嵌数据不一致（" + std::to_string(count) + " 个单元格）：" + list +
                       (count > 6 ? " 等" : "") + "。页面可能在生成后被改动，请以原始文件为准";
        out.push_back(std::move(diff));
    }
    return out;
}

} // namespace nb
