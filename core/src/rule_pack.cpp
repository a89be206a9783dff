// rule_pack.cpp — reading a local rule pack (rule_pack.hpp): its header keys, then its rules compiled by
// the rule engine against each format it applies to; a pack rule may not reuse a format rule's id.
#include "nianbao/rule_pack.hpp"
#include "nianbao/html_render.hpp"
#include <set>

namespace nb {

using nlohmann::json;

std::optional<RulePack> parseRulePack(std::string_view text, std::string& error) {
    json j = json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) { error = "规则包不是有效的 JSON"; return std::nullopt; }
    if (!j.is_object()) { error = "规则包应为一个 JSON 对象"; return std::nullopt; }
    auto ver = j.find("pack");
    if (ver == j.end() || !ver->is_number_integer()) { error = "缺少规则包版本号 \"pack\": 1，这不是 nianbao 规则包"; return std::nullopt; }
    if (ver->get<std::int64_t>() != 1) { error = "规则包版本 " + ver->dump() + " 无法读取（本程序读取版本 1）"; return std::nullopt; }
    RulePack p;
    static const std::set<std::string> kKeys = {"pack", "name", "document", "format", "rules"};
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!kKeys.count(it.key())) { error = "规则包中未知的键 \"" + it.key() + "\""; return std::nullopt; }
        if (it.key() != "pack" && it.key() != "rules" && !it->is_string()) { error = "规则包的 \"" + it.key() + "\" 应为文本"; return std::nullopt; }
    }
    p.name = j.value("name", "");
    p.document = j.value("document", "");
    p.formatId = j.value("format", "");
    if (p.name.empty()) { error = "规则包缺少名称 \"name\""; return std::nullopt; }
    if (!p.formatId.empty() && !findFormat(p.formatId)) { error = "规则包的格式 \"" + p.formatId + "\" 未知"; return std::nullopt; }
    auto rules = j.find("rules");
    if (rules == j.end() || !rules->is_array() || rules->empty()) { error = "规则包“" + p.name + "”没有规则（\"rules\" 应为非空数组）"; return std::nullopt; }
    for (const std::string& id : formatIds()) {
        if (!p.formatId.empty() && id != p.formatId) continue;
        const Format& f = *findFormat(id);
        std::vector<RuleSetError> errors;
        auto compiled = compileRules(f, *rules, errors);
        if (!errors.empty()) {
            const RuleSetError& e = errors.front();
            error = "规则包“" + p.name + "”的规则" + (e.rule.empty() ? "" : " " + e.rule) + "有误" +
                    (p.formatId.empty() ? "（用于 " + f.name + "）" : "") + "：" + e.message;
            return std::nullopt;
        }
        std::set<std::string> own;
        for (const std::string& rid : ruleIds(*f.compiled)) own.insert(rid);
        for (const std::string& rid : ruleIds(*compiled))
            if (own.count(rid)) { error = "规则包“" + p.name + "”的规则编号 " + rid + " 与全国格式的规则重复，请另起编号"; return std::nullopt; }
        p.ruleCount = ruleIds(*compiled).size();
        p.compiled[id] = std::move(compiled);
    }
    p.source = std::string(text);
    return p;
}

std::string localEdition(std::string_view appHtml, const RulePack& pack) {
    static const std::string kProgram = "<script type=\"text/plain\" id=\"nb-wasm\">";
    static const std::string kOpen = "<script type=\"application/json\" id=\"nb-pack\">";
    std::string html(appHtml);
    if (html.find(kProgram) == std::string::npos) return {};
    if (auto a = html.find(kOpen); a != std::string::npos) {   // a local edition made again: its pack replaced
        auto b = html.find("</script>", a);
        if (b == std::string::npos) return {};
        html.erase(a, b + 9 - a + (b + 9 < html.size() && html[b + 9] == '\n'));
    }
    html.insert(html.find(kProgram), kOpen + jsonForScript(pack.source) + "</script>\n");
    if (auto t = html.find("<title>"), e = html.find("</title>"); t != std::string::npos && e != std::string::npos && e > t) {
        html.replace(t + 7, e - t - 7, escapeHtml(pack.name) + " · 政府信息公开工作年度报告填报");
    }
    return html;
}

} // namespace nb
