// docx_render.hpp — the report as a Word file (.docx) in the official layout, for Word, WPS and
// LibreOffice: A4 with 公文 margins (GB/T 9704: 37/35/28/26 mm), title 方正小标宋简体 二号, headings 黑体
// 三号, body 仿宋_GB2312 三号 with a two-character first-line indent, page numbers at the foot, the three
// tables from the one printed layout (table_layout.hpp: gridSpan/vMerge, header rows repeated on each
// page). The report's JSON and fingerprint travel inside (a custom XML part), so nianbao opens its own
// .docx back exactly. Pure and deterministic: same report → same bytes. Every user string is escaped.
#pragma once
#include "nianbao/check.hpp"
#include "nianbao/report.hpp"
#include <optional>
#include <string>
#include <string_view>

namespace nb {

std::string renderDocx(const Report& r);

/// The report JSON nianbao put inside a .docx it wrote, and whether it still matches the fingerprint
/// stored with it; nullopt when the file has no such part (a .docx written by Word or WPS itself: its
/// visible tables are for the importer), with `error` saying why.
struct DocxData { std::string json; bool fingerprintMatches = false; std::string document; /* word/document.xml */ };
std::optional<DocxData> readDocxData(std::string_view bytes, std::string& error);
/// A .docx's visible tables against the data it carries (Word, WPS and LibreOffice keep the data part
/// when the file is edited and saved again): P-2 naming every value cell shown differently, or the
/// tables' rows changed. Empty when what a reader sees is the data.
std::vector<Finding> verifyDocx(std::string_view documentXml, const Report& embedded);

/// The custom XML part's namespace: how nianbao recognises its own data in a .docx.
constexpr std::string_view kDocxDataNamespace = "urn:nianbao:report-data";

} // namespace nb
