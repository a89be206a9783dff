// rule_pack.hpp — a supervising office's local rule pack (interchange.md §5): extra rules in the format
// files' rule language (plus max_length), with the pack's own name and document number, compiled once
// against each format it applies to. Its findings carry the pack's name. A pack is all or nothing: a rule
// that is wrong refuses the pack with a message naming the rule and the key.
#pragma once
#include "nianbao/check.hpp"
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nb {

struct RulePack {
    std::string name;               // "武威市 2025 年度报告编制要求"
    std::string document;           // "武政办发〔2025〕54号", or empty
    std::string formatId;           // the format its rules are written for; empty: every format
    std::map<std::string, std::shared_ptr<const CompiledRules>> compiled;   // by format id
    std::string source;             // the pack's JSON as read (a local edition carries it)
    std::size_t ruleCount = 0;
};

/// Reads a pack; nullopt with `error` (Chinese, naming the rule and key) when it is not a sound pack.
std::optional<RulePack> parseRulePack(std::string_view text, std::string& error);

/// A local edition: the single-file app (dist/nianbao.html) with `pack` built in, as
/// <script type="application/json" id="nb-pack"> before the program (replacing a pack already there), its
/// title naming the pack. Empty when `appHtml` is not nianbao's page.
std::string localEdition(std::string_view appHtml, const RulePack& pack);

/// checkReport (check.hpp) with local rule packs: their rules run after the format's, on reports of the
/// formats they apply to; each of their findings names the pack.
std::vector<Finding> checkReport(const Report& r, const Report* previous, const std::vector<RulePack>& packs);

} // namespace nb
