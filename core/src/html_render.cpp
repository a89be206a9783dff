// html_render.cpp — renderHtml: the report as a standalone page in the official table layout.
// [SECTION] escaping   [SECTION] tables (from the one printed layout, table_layout.hpp)
// [SECTION] page (A4 print CSS, CSP, embedded JSON + SHA-256 fingerprint)
#include "nianbao/html_render.hpp"
#include "nianbao/rule_pack.hpp"
#include "nianbao/meta_values.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/table_layout.hpp"
#include "nianbao/text_from_tables.hpp"

namespace nb {

std::string sha256Raw(std::string_view data);

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

std::string printedDate(const std::string& d) {
    auto date = parseDate(d);
    return date ? chineseDate(*date) : d;
}

namespace {

std::string attrSpan(int colspan, int rowspan) {
    std::string s;
    if (colspan > 1) s += " colspan=\"" + std::to_string(colspan) + "\"";
    if (rowspan > 1) s += " rowspan=\"" + std::to_string(rowspan) + "\"";
    return s;
}

// ---------------------------------------------------------------- [SECTION] tables
// the table's printed layout (table_layout.hpp) as <table>: a single block's header rows in <thead>
// (repeated on each printed page), several blocks (表二) each in a <tbody class="block">
std::string tableHtml(const Report& r, const TableDef& t) {
    const TableLayout l = layoutTable(r, t);
    std::string out = "<table class=\"tbl " + t.id + "\">\n";
    auto cellHtml = [&](const LayoutCell& c) -> std::string {
        switch (c.kind) {
        case LayoutKind::Caption: return "<th class=\"caption\"" + attrSpan(c.colspan, 1) + ">" + escapeHtml(c.text) + "</th>";
        case LayoutKind::Corner: return "<th class=\"corner\"" + attrSpan(c.colspan, c.rowspan) + ">" + escapeHtml(c.text) + "</th>";
        case LayoutKind::Header: return "<th" + attrSpan(c.colspan, c.rowspan) + ">" + escapeHtml(c.text) + "</th>";
        case LayoutKind::RowGroup: return std::string("<th class=\"") + (c.vertical ? "rl vl" : "rl") + "\"" + attrSpan(1, c.rowspan) + ">" + escapeHtml(c.text) + "</th>";
        case LayoutKind::RowLabel: return "<th class=\"rl\"" + attrSpan(c.colspan, 1) + ">" + escapeHtml(c.text) + "</th>";
        case LayoutKind::Value:
            return "<td class=\"v\" data-cell=\"" + escapeHtml(r.format->cells[static_cast<std::size_t>(c.cell)].id) + "\"" +
                   attrSpan(c.colspan, 1) + ">" + escapeHtml(printedCellText(r, c.cell)) + "</td>";
        case LayoutKind::Empty: return "<td></td>";
        }
        return {};
    };
    for (std::size_t i = 0; i < l.rows.size(); ++i) {
        const LayoutRow& row = l.rows[i];
        const bool first = i == 0 || l.rows[i - 1].block != row.block;
        const bool last = i + 1 == l.rows.size() || l.rows[i + 1].block != row.block;
        const LayoutPart prev = first ? LayoutPart::Caption : l.rows[i - 1].part;
        if (first && !l.repeatHeader) out += "<tbody class=\"block\">\n";
        if (l.repeatHeader && row.part == LayoutPart::Header && prev != LayoutPart::Header) out += "<thead>\n";
        if (l.repeatHeader && row.part == LayoutPart::Body && prev == LayoutPart::Header) out += "</thead>\n<tbody>\n";
        out += "<tr>";
        for (const LayoutCell& c : row.cells) out += cellHtml(c);
        out += "</tr>\n";
        if (last) out += "</tbody>\n";
    }
    out += "</table>\n";
    return out;
}

std::string paragraphs(const std::string& text) {
    std::string out;
    for (const std::string& para : textParagraphs(text)) {
        std::string p = escapeHtml(para), q;
        for (char c : p) { if (c == '\n') q += "<br>"; else q += c; }
        out += "<p>" + q + "</p>\n";
    }
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

std::string jsonForScript(std::string_view json) {
    std::string safe;
    safe.reserve(json.size());
    for (char c : json) {
        if (c == '<') safe += "\\u003c";
        else if (c == '>') safe += "\\u003e";
        else if (c == '&') safe += "\\u0026";
        else safe += c;
    }
    return safe;
}

std::string renderHtml(const Report& r, const RenderOptions& opt) {
    const Format& f = *r.format;
    std::string title = reportTitle(r);
    std::string notes;   // the filer's 情况说明 on warnings that still apply, for the reviewing office
    if (!r.explanations.empty())
        for (const Finding& fd : opt.packs ? checkReport(r, nullptr, *opt.packs) : checkReport(r))
            if (!fd.explanation.empty())
                notes += "<li>" + escapeHtml(fd.code) + " " + escapeHtml(fd.message) + "<br>情况说明：" + escapeHtml(fd.explanation) + "</li>\n";
    std::string style = kStyle;
    if (!notes.empty()) style += ".notes{margin-top:28px;font-size:14px;text-indent:0}.notes h2{font-size:16px}.notes li{margin:4px 0}";
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
            out += tableHtml(r, *t);
        }
        out += "</section>\n";
    }
    out += "<p class=\"sign\">" + escapeHtml(r.meta.agency);
    if (!r.meta.published.empty()) out += "<br>" + escapeHtml(printedDate(r.meta.published));
    out += "</p>\n";
    if (!notes.empty()) out += "<section class=\"notes\">\n<h2>附：情况说明</h2>\n<ol>\n" + notes + "</ol>\n</section>\n";
    if (opt.embedData) {
        std::string json = saveReport(r);
        out += "<p class=\"fp\">" + std::string(kFingerprintLabel) + sha256Hex(json) + " · 格式：" + escapeHtml(f.document) +
               " · 由 nianbao 生成，可用 nianbao 打开本页核对数据</p>\n";
        out += "</main>\n<script type=\"application/json\" id=\"" + std::string(kPageDataId) + "\">" + jsonForScript(json) + "</script>\n";
    } else {
        out += "</main>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

} // namespace nb
