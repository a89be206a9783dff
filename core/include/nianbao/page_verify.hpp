// page_verify.hpp — an exported page checked against itself when it is opened (CLI and app): its
// printed SHA-256 fingerprint is recomputed over the embedded data (P-1), and every visible table
// cell (<td data-cell>) is compared with the embedded value (P-2). Both are error findings.
#pragma once
#include "nianbao/check.hpp"
#include <string_view>
#include <vector>

namespace nb {

/// The integrity findings' codes (interchange.md): not format rules, so not in the format files.
inline constexpr const char* kDataChangedCode = "P-1";    // the data no longer matches its fingerprint
inline constexpr const char* kTableDiffersCode = "P-2";   // the printed table differs from the data
/// A P-1 / P-2 finding with its rule title and the given message (the page's and the .docx's checks share them).
Finding dataChangedFinding(std::string message);
Finding tableDiffersFinding(std::string message = {});

/// The findings for a page made by renderHtml whose embedded data loaded as `embedded`; empty when
/// the page is as it was made.
std::vector<Finding> verifyPage(std::string_view html, const Report& embedded);

} // namespace nb
