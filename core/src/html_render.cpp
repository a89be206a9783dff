// html_render.cpp — renderHtml: the report as a standalone page in the official table layout.
// [SECTION] escaping   [SECTION] tables (merged headers and row labels from the format data)
// [SECTION] page (A4 print CSS, CSP, embedded JSON + SHA-256 fingerprint)
#include "nianbao/html_render.hpp"
#include "nianbao/meta_values.hpp"
#include "nianbao/json_io.hpp"
#include <functional>

namespace nb {

std::string sha256Raw(std::string_view data);
std::string base64(std::string_view data);

// ---------------------------------------------------------------- [SECTION] escaping
std::string escapeHtml(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '&': out += "&amp;"; continue;
        case '<': out += "&lt;"; continue;
        case '>': out += "&gt;"; continue;
        case '"': out += "&quot;"; continue;
        case '\'': out += "&#39;"; continue;
        default: break;
        }
        if (c < 0x20 && c != '\n' && c != '\t') continue;     // C0 controls (CR included): dropped
        if (c == 0x7F) continue;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xA0) { ++i; continue; }   // C1 controls
        if (c == 0xE2 && i + 2 < s.size()) {   // bidi embeddings/overrides/isolates and LRM/RLM: dropped
            unsigned char b1 = static_cast<unsigned char>(s[i + 1]), b2 = static_cast<unsigned char>(s[i + 2]);
            bool bidi = (b1 == 0x80 && (b2 == 0x8E || b2 == 0x8F || (b2 >= 0xAA && b2 <= 0xAE))) ||
                        (b1 == 0x81 && b2 >= 0xA6 && b2 <= 0xA9);
            if (bidi) { i += 2; continue; }
        }
        if (c == 0xD8 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x9C) { ++i; continue; }   // U+061C ALM
        out += static_cast<char>(c);
    }
    return out;
}

std::string printedCellText(const Report& r, int idx) {
    const auto& v = r.cells[static_cast<std::size_t>(idx)];
    if (!v) return {};
    std::string text = formatDecimal(*v);
    auto u = r.units.find(r.format->cells[static_cast<std::size_t>(idx)].id);
    if (u != r.units.end()) text += u->second;
    return text;
}

std::string reportTitle(const Report& r) {
    std::string agency = r.meta.agency.empty() ? "（机关名称）" : r.meta.agency;
    std::string year = r.meta.year ? std::to_string(*r.meta.year) : "（年度）";
    return agency + year + "年政府信息公开工作年度报告";
}

namespace {

std::string publishedText(const std::string& d) {   // "2020-03-30" → "2020年3月30日"; anything else as typed
    auto date = parseDate(d);
    return date ? chineseDate(*date) : d;
}

std::string attrSpan(int colspan, int rowspan) {
    std::string s;
    if (colspan > 1) s += " colspan=\"" + std::to_string(colspan) + "\"";
    if (rowspan > 1) s += " rowspan=\"" + std::to_string(rowspan) + "\"";
    return s;
}

// ---------------------------------------------------------------- [SECTION] tables
struct TableWriter {
    const Report& r;
    const TableDef& t;
    bool legacy;
    std::string out;

    std::string valueCell(int idx, int colspan) {
        const CellDef& c = r.format->cells[static_cast<std::size_t>(idx)];
        std::string text = printedCellText(r, idx);
        return "<td class=\"v\" data-cell=\"" + escapeHtml(c.id) + "\"" + attrSpan(colspan, 1) + ">" + escapeHtml(text) + "</td>";
    }

    void header(const Block& b, bool repeat) {
        out += repeat ? "<thead>\n" : "";
        for (int level = 1; level <= b.headerDepth; ++level) {
            out += "<tr>";
            if (level == 1 && b.labelColumns > 0)
                out += "<th class=\"corner\"" + attrSpan(b.labelColumns, b.headerDepth) + ">" + escapeHtml(b.corner) + "</th>";
            int valueCols = t.gridColumns - b.labelColumns;
            int leaves = static_cast<int>(b.leafColumns.size());
            std::function<void(const HeaderNode&)> walk = [&](const HeaderNode& n) {
                if (n.depth == level) {
                    int colspan = n.colspan;
                    if (n.children.empty() && &n == b.leafColumns.back()) colspan += valueCols - leaves;   // widen the last column
                    else if (!n.children.empty() && leaves < valueCols && n.colspan == leaves) colspan = valueCols;
                    out += "<th" + attrSpan(colspan, n.rowspan) + ">" + escapeHtml(n.label) + "</th>";
                    return;
                }
                for (const auto& c : n.children) walk(c);
            };
            for (const auto& c : b.columns) walk(c);
            out += "</tr>\n";
        }
        out += repeat ? "</thead>\n" : "";
    }

    // leaf rows as printed: a legacy group collapses to its single row
    int leafCount(const RowNode& n) const {
        if (n.children.empty() || (legacy && !n.legacyId.empty())) return 1;
        int k = 0;
        for (const auto& c : n.children) k += leafCount(c);
        return k;
    }

    void dataRow(const std::string& rowId, const std::string& labels, const Block& b) {
        out += "<tr>" + labels;
        int valueCols = t.gridColumns - b.labelColumns, leaves = static_cast<int>(b.leafColumns.size());
        for (const HeaderNode* col : b.leafColumns) {
            std::string id = t.id + "." + (rowId.empty() ? col->key : rowId + "." + col->key);
            int idx = r.format->findCell(id);
            int span = col == b.leafColumns.back() ? 1 + valueCols - leaves : 1;
            out += idx >= 0 ? valueCell(idx, span) : "<td></td>";
        }
        out += "</tr>\n";
    }

    void rows(const Block& b, const RowNode& n, std::string& pending) {
        bool collapsed = legacy && !n.legacyId.empty();
        if (n.children.empty() || collapsed) {
            std::string label = collapsed ? n.legacyLabel : n.label;
            std::string id = collapsed ? n.legacyId : n.id;
            std::string cells = pending;
            if (b.labelColumns > 0)
                cells += "<th class=\"rl\"" + attrSpan(b.labelColumns - n.depth + 1, 1) + ">" + escapeHtml(label) + "</th>";
            pending.clear();
            dataRow(id, cells, b);
            return;
        }
        std::string cls = leafCount(n) > 2 ? "rl vl" : "rl";
        pending += "<th class=\"" + cls + "\"" + attrSpan(1, leafCount(n)) + ">" + escapeHtml(n.label) + "</th>";
        for (const auto& c : n.children) rows(b, c, pending);
    }

    void write() {
        out += "<table class=\"tbl " + t.id + "\">\n";
        bool repeat = t.blocks.size() == 1;
        for (const Block& b : t.blocks) {
            if (!repeat) out += "<tbody class=\"block\">\n";
            if (!b.caption.empty())
                out += "<tr><th class=\"caption\"" + attrSpan(t.gridColumns, 1) + ">" + escapeHtml(b.caption) + "</th></tr>\n";
            header(b, repeat);
            if (repeat) out += "<tbody>\n";
            std::string pending;
            for (const auto& n : b.rows) rows(b, n, pending);
            out += "</tbody>\n";
        }
        out += "</table>\n";
    }
};

std::string paragraphs(const std::string& text) {
    std::string out, para;
    auto flush = [&]() {
        std::size_t a = para.find_first_not_of(" \t\r\n"), z = para.find_last_not_of(" \t\r\n");
        if (a != std::string::npos) {
            std::string p = escapeHtml(para.substr(a, z - a + 1)), q;
            for (char c : p) { if (c == '\n') q += "<br>"; else q += c; }
            out += "<p>" + q + "</p>\n";
        }
        para.clear();
    };
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t nl = text.find('\n', i);
        std::string line = text.substr(i, nl == std::string::npos ? std::string::npos : nl - i);
        i = nl == std::string::npos ? text.size() : nl + 1;
        if (line.find_first_not_of(" \t\r") == std::string::npos) flush();
        else { if (!para.empty()) para += '\n'; para += line; }
    }
    flush();
    return out;
}

const char* kStyle =
    "@page{size:A4 portrait;margin:25mm 20mm 22mm 20mm}"
    "html{background:#f3f3f3}"
    "body{margin:0;color:#000;font-family:\"FangSong\",\"仿宋\",\"FangSong_GB2312\",\"仿宋_GB2312\",\"STFangsong\",\"SimSun\",\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",serif;font-size:16px;line-height:1.8}"
    ".page{background:#fff;max-width:210mm;margin:16px auto;padding:20mm 18mm;box-sizing:border-box;box-shadow:0 1px 4px rgba(0,0,0,.2)}"
    "h1{font-family:\"方正小标宋简体\",\"FZXiaoBiaoSong-B05S\",\"SimSun\",\"宋体\",\"Songti SC\",serif;font-size:26px;font-weight:bold;text-align:center;line-height:1.5;margin:0 0 24px}"
    "h2{font-family:\"SimHei\",\"黑体\",\"Heiti SC\",\"Noto Sans CJK SC\",sans-serif;font-size:17px;font-weight:normal;margin:20px 0 8px;break-after:avoid;page-break-after:avoid}"
    "p{text-indent:2em;margin:0 0 4px;text-align:justify;word-break:break-all}"
    ".tbl{border-collapse:collapse;width:100%;margin:6px 0 12px;font-size:12px;line-height:1.4;font-family:\"SimSun\",\"宋体\",\"Songti SC\",\"Noto Serif CJK SC\",serif}"
    ".tbl th,.tbl td{border:1px solid #000;padding:3px 4px;vertical-align:middle}"
    ".tbl th{font-weight:normal;text-align:center}"
    ".tbl th.rl{text-align:left}"
    ".tbl th.vl{writing-mode:vertical-rl;text-align:center;letter-spacing:2px;width:1.6em}"
    ".tbl th.corner{font-size:11px}"
    ".tbl th.caption{font-weight:bold;background:#f0f0f0;-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    ".tbl td.v{text-align:center;min-width:2.5em}"
    ".tbl tr{break-inside:avoid;page-break-inside:avoid}"
    ".tbl thead{display:table-header-group}"
    ".t2 tbody.block{break-inside:avoid;page-break-inside:avoid}"
    ".t4{font-size:11px}"
    ".tsec{break-inside:avoid-page;page-break-inside:avoid}"
    ".sign{text-align:right;margin-top:28px;text-indent:0}"
    ".fp{margin-top:28px;font-size:9px;color:#666;text-indent:0;word-break:break-all;font-family:monospace}"
    "@media print{html{background:none}.page{box-shadow:none;margin:0;padding:0;max-width:none}}";

} // namespace

std::string renderHtml(const Report& r, const RenderOptions& opt) {
    const Format& f = *r.format;
    std::string title = reportTitle(r);
    std::string style = kStyle;
    std::string csp = "default-src 'none'; style-src 'sha256-" + base64(sha256Raw(style)) +
                      "'; img-src 'none'; script-src 'none'; connect-src 'none'; font-src 'none'; base-uri 'none'; form-action 'none'";
    std::string out;
    out.reserve(64 * 1024);
    out += "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + csp + "\">\n";
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<meta name=\"generator\" content=\"nianbao\">\n";
    out += "<meta name=\"nianbao-format\" content=\"" + escapeHtml(f.id) + "\">\n";
    out += "<title>" + escapeHtml(title) + "</title>\n<style>" + style + "</style>\n</head>\n<body>\n<main class=\"page\">\n";
    out += "<h1>" + escapeHtml(title) + "</h1>\n";
    for (const SectionDef& s : f.sections) {
        // a table section is kept on one page when it fits (its heading never ends a page)
        out += s.textKey.empty() ? "<section class=\"tsec\">\n" : "<section>\n";
        out += "<h2>" + escapeHtml(s.no + "、" + s.heading) + "</h2>\n";
        if (!s.textKey.empty()) {
            auto it = r.text.find(s.textKey);
            out += paragraphs(it == r.text.end() ? std::string() : it->second);
        } else if (const TableDef* t = f.findTable(s.tableId)) {
            TableWriter w{r, *t, r.legacyInUse(*t), {}};
            w.write();
            out += w.out;
        }
        out += "</section>\n";
    }
    out += "<p class=\"sign\">" + escapeHtml(r.meta.agency);
    if (!r.meta.published.empty()) out += "<br>" + escapeHtml(publishedText(r.meta.published));
    out += "</p>\n";
    if (opt.embedData) {
        std::string json = saveReport(r);
        out += "<p class=\"fp\">" + std::string(kFingerprintLabel) + sha256Hex(json) + " · 格式：" + escapeHtml(f.document) +
               " · 由 nianbao 生成，可用 nianbao 打开本页核对数据</p>\n";
        std::string safe;
        safe.reserve(json.size());
        for (char c : json) {
            if (c == '<') safe += "\\u003c";
            else if (c == '>') safe += "\\u003e";
            else if (c == '&') safe += "\\u0026";
            else safe += c;
        }
        out += "</main>\n<script type=\"application/json\" id=\"" + std::string(kPageDataId) + "\">" + safe + "</script>\n";
    } else {
        out += "</main>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

} // namespace nb
