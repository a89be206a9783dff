// check.hpp — the rule engine. Rules are data (the "rules" array of each format file); this file
// compiles them once per format and evaluates them over a report (and optionally last year's).
// Every finding names its rule, cells, numbers and a Chinese message; no finding stops the check.
#pragma once
#include "nianbao/report.hpp"
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace nb {

enum class Severity { Error, Warning, Info };
const char* severityName(Severity s);      // "error" / "warning" / "info"
const char* severityLabel(Severity s);     // "错误" / "警告" / "提示"

struct Finding {
    std::string code;                      // stable rule id: "T4-1"
    Severity severity = Severity::Error;
    std::string rule;                      // the rule's title
    std::vector<std::string> cells;        // cell ids involved ("t4.review.total"), or text keys ("text.overview")
    std::optional<Fixed> expected, actual, difference;
    std::string message;                   // Chinese, names cells by their official labels
    struct Fix { std::string cell; Fixed value = 0; };
    std::vector<Fix> fixes;                // the cells that would fix it and their values ("采用计算值"); one
                                           // finding may group several (11 blank row totals: fill them all)
};

struct RuleSetError { std::string rule, message; };

/// Compiles a format's rules (parseFormat does this once, into Format::compiled): every kind's
/// parameters typed and cells resolved; unknown keys, wrong types, unknown cells, duplicate codes and
/// bad kinds become RuleSetErrors naming the rule and key (such a rule is left out, never half-run).
std::shared_ptr<const CompiledRules> compileRules(const Format& f);
/// The problems compileRules found; empty means the rule set is sound.
std::vector<RuleSetError> validateRules(const Format& f);

/// Checks a report; previous (either format) enables the cross-year rules.
std::vector<Finding> checkReport(const Report& r, const Report* previous = nullptr);

/// The findings as the JSON objects of interchange.md §3 (file added when not empty).
nlohmann::json findingsToJson(const std::vector<Finding>& fs, const std::string& file = "");

} // namespace nb
