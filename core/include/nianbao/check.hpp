// check.hpp — the rule engine. Rules are data (the "rules" array of each format file); this file
// compiles them once per format and evaluates them over a report (and optionally last year's).
// Every finding names its rule, cells, numbers and a Chinese message; no finding stops the check.
#pragma once
#include "nianbao/report.hpp"
#include "nianbao/target.hpp"
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
    std::string check;                     // its rule's kind ("publish_deadline"; "" for P-1/P-2)
    Severity severity = Severity::Error;
    std::string rule;                      // the rule's title
    std::vector<std::string> cells;        // what it points at, as Target refs (target.hpp): cell ids
                                           // ("t4.review.total"), "text.overview", "meta.year", "t3", "format"
    std::optional<Fixed> expected, actual, difference;
    std::string message;                   // Chinese, names cells by their official labels
    struct Fix { std::string cell; Fixed value = 0; };
    std::vector<Fix> fixes;                // the cells that would fix it and their values ("采用计算值"); one
                                           // finding may group several (11 blank row totals: fill them all)
    std::string pack;                      // the local rule pack it comes from (rule_pack.hpp), or empty
    std::string explanation;               // the filer's 情况说明 (Report::explanations); never on an error
};

/// The key of a filer's 情况说明 on a finding (interchange.md §2): its code, '@', its first cell id or
/// section ("T3-7@t3.1.total"); the code alone when it names no cell.
std::string explanationKey(const Finding& f);

struct RuleSetError { std::string rule, message; };

/// Compiles a format's rules (parseFormat does this once, into Format::compiled): every kind's
/// parameters typed and cells resolved; unknown keys, wrong types, unknown cells, duplicate codes and
/// bad kinds become RuleSetErrors naming the rule and key (such a rule is left out, never half-run).
std::shared_ptr<const CompiledRules> compileRules(const Format& f);
/// The problems compileRules found; empty means the rule set is sound.
std::vector<RuleSetError> validateRules(const Format& f);
/// Rules other than the format's own (a local rule pack's), in the same language, compiled against `f`.
/// `errors` receives what is wrong with them, each naming the rule; such rules are left out.
std::shared_ptr<const CompiledRules> compileRules(const Format& f, const nlohmann::json& rules, std::vector<RuleSetError>& errors);
/// The ids of the rules compiled.
std::vector<std::string> ruleIds(const CompiledRules& rules);

/// The rule language as the engine knows it: the one table of kinds (docs/rules.md documents the same;
/// a test holds the two together).
struct RuleKeyInfo { std::string key; bool required = false; };
struct RuleKindInfo { std::string check; std::vector<RuleKeyInfo> keys; };
std::vector<RuleKeyInfo> ruleCommonKeys();
std::vector<RuleKindInfo> ruleKinds();
std::vector<RuleKeyInfo> ruleFigureKeys();   // the keys of one text_figures entry

/// Checks a report; previous (either format) enables the cross-year rules. Each warning or info the
/// report explains (Report::explanations) carries its explanation. rule_pack.hpp adds local rule packs.
std::vector<Finding> checkReport(const Report& r, const Report* previous = nullptr);

/// What 导入上年报告 offers to fill in: for the format's carry-over rule (Format::carryOverRule, an `equal` of
/// one this-year cell and last year's cells, e.g. T3-6 上年结转 = 上年的结转下年度), each this-year cell still blank
/// whose last-year cells are not all blank, with their sum.
std::vector<std::pair<int, Fixed>> carryOverOffer(const Report& current, const Report& previous);
/// How the offer names its rows, from the same rule's cells: into = "表三“二、上年结转政府信息公开申请数量”",
/// from = "“四、结转下年度继续办理”"; both empty when the format has no carry-over rule.
struct CarryOverRows { std::string into, from; };
CarryOverRows carryOverRows(const Format& f);

/// The findings as the JSON objects of interchange.md §3 (file added when not empty).
nlohmann::json findingsToJson(const std::vector<Finding>& fs, const std::string& file = "");

} // namespace nb
