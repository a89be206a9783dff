// json_io.hpp — the interchange JSON of ../shared/spec/interchange.md §2: load with exact,
// field-named error messages, and deterministic save. Loading never modifies an existing report:
// it returns a new one or an error.
#pragma once
#include "nianbao/check.hpp"
#include "nianbao/report.hpp"
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb {

struct LoadError {
    std::string path;       // JSON path or cell id, e.g. "meta.year", "t3.1.natural"; empty for syntax errors
    std::string message;    // Chinese, names the field
    int line = 0, column = 0;   // 1-based, for syntax errors
    std::string text() const;   // one line for people: "t3.1.natural：应为数字，实为文本 \"12\""
};

struct LoadResult {
    std::optional<Report> report;
    LoadError error;
    std::vector<LoadError> skipped;   // LoadMode::Salvage: the fields left out, each named (report still set)
    std::vector<Finding> integrity;   // an exported page: P-1 / P-2 when it was changed after it was made
    bool ok() const { return report.has_value(); }
};

constexpr std::size_t kMaxFileBytes = 64u << 20;   // 64 MiB
constexpr std::size_t kMaxTextBytes = 1u << 20;    // 1 MiB per text section
constexpr std::size_t kMaxExplanationBytes = 4000;   // one 情况说明 (about 1,300 characters)
constexpr int kMaxJsonDepth = 64;

/// Strict: any wrong field refuses the file (interchange.md: "nothing else is loaded").
/// Salvage (restoring a draft): a wrong field is left out and named in `skipped`; only a document
/// that is not a report at all (syntax, version, format) fails.
enum class LoadMode { Strict, Salvage };

LoadResult loadReport(std::string_view text, LoadMode mode = LoadMode::Strict);
std::string saveReport(const Report& r);
/// The report JSON embedded in a page made by renderHtml (script#nianbao-data), or nullopt.
std::optional<std::string> extractEmbeddedJson(std::string_view html);
/// loadReport for either a JSON file or a page exported by renderHtml.
LoadResult loadReportOrPage(std::string_view text, LoadMode mode = LoadMode::Strict);

} // namespace nb
