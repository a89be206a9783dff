// html_render.hpp — the report as one standalone, printable HTML5 page in the official layout.
// Pure and deterministic: same report → same bytes. No external resource, a CSP that forbids
// scripts and network, every user string escaped. The page carries its JSON and its SHA-256.
#pragma once
#include "nianbao/report.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace nb {

struct RulePack;

struct RenderOptions {
    bool embedData = true;          // <script type="application/json" id="nianbao-data"> + fingerprint
    const std::vector<RulePack>* packs = nullptr;   // local rule packs whose explained findings are printed too
};

std::string renderHtml(const Report& r, const RenderOptions& opt = {});
/// What the page prints in a value cell (<td data-cell="id">): "1615700万元", "24252.311082"; "" when blank.
std::string printedCellText(const Report& r, int cellIndex);
/// The page's markers, shared with the loader and the page verifier (page_verify.hpp).
constexpr std::string_view kPageDataId = "nianbao-data";                 // <script type="application/json" id=…>
constexpr std::string_view kFingerprintLabel = "数据指纹（SHA-256）：";   // followed by 64 hex digits
/// The title as published reports write it: "青海省人民政府2019年政府信息公开工作年度报告".
std::string reportTitle(const Report& r);
/// 公开日期 as the signature prints it: "2020-03-30" → "2020年3月30日"; anything else as typed.
std::string printedDate(const std::string& published);
/// HTML-escapes text (& < > " ' and control characters / bidi marks neutralised).
std::string escapeHtml(std::string_view s);
/// JSON text safe inside <script type="application/json">: < > & as \u escapes (the same JSON, and it cannot
/// end the element).
std::string jsonForScript(std::string_view json);
/// Lower-case hex SHA-256 of bytes.
std::string sha256Hex(std::string_view bytes);
/// Standard base64 (RFC 4648) of bytes.
std::string base64(std::string_view bytes);

} // namespace nb
