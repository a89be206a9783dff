// check.cpp — the rule engine: compiles each format's rule table once, then evaluates it.
// [SECTION] compile: expand "over" variables, resolve cell ids, validate the rule set
// [SECTION] naming: official cell names relative to what the cells of one rule share
// [SECTION] checks: equal / less_equal / jump / text_* / blank_cells / whole-report rules
// [SECTION] entry points: checkReport, validateRules, findingsToJson
#include "nianbao/check.hpp"
#include "nianbao/meta_values.hpp"
#include "nianbao/rule_pack.hpp"
#include "nianbao/text_from_tables.hpp"
#include <algorithm>
#include <map>
#include <memory>
#include <set>

namespace nb {

using nlohmann::json;

const char* severityName(Severity s) { return s == Severity::Error ? "error" : s == Severity::Warning ? "warning" : "info"; }
const char* severityLabel(Severity s) { return s == Severity::Error ? "错误" : s == Severity::Warning ? "警告" : "提示"; }

namespace {

// ---------------------------------------------------------------- [SECTION] compile
struct Term {
    int sign = 1;
    bool prev = false;        // a cell of last year's report
    bool isConst = false;
    Fixed constant = 0;
    int cell = -1;            // this year's cell index
    std::string id;           // cell id (needed to find it in last year's format)
};

struct Instance {
    std::vector<Term> lhs, rhs;
    int fix = -1;
};

enum class Side { After, Before, Either };   // where a text_figures number stands relative to its keyword

struct Figure {                // one text_figures entry: "<verb>…<keyword>…N 件" against candidate sums
    std::string name;
    std::vector<std::string> keywords;          // `keyword` and `keywords`: the earliest in a clause counts
    int window = 0;
    Side side = Side::After;
    std::vector<std::string> verbs, sections, exclude, context;
    std::vector<std::vector<int>> candidates;
    std::vector<std::string> labels;            // how a candidate is named ("" = its cells' names)
    std::map<int, std::vector<int>> parts;      // a candidate's `….total` cell → the cells it sums (total_parts)
};

struct Ctx;
struct Rule;
using CheckFn = void (*)(const Rule&, const Ctx&);

// A rule as compiled when its format loads: the kind's parameters typed, cells resolved to indexes.
struct Rule {
    std::string code, check, title, basis;
    Severity severity = Severity::Error;
    CheckFn run = nullptr;
    bool needsPrev = false;        // runs only with last year's report (jump, text_similar)
    std::vector<Instance> instances;                       // equal, less_equal
    std::string partsName;                                 // equal, less_equal
    std::vector<std::string> cells;                        // jump, unit_required
    Fixed ratio = 0, minDiff = 0;                          // jump
    std::vector<Figure> figures;                           // text_figures
    std::string section, whenAgencyKind;                   // text_mentions, text_length (section)
    std::size_t minChars = 0;                              // text_length
    std::size_t maxChars = 0;                              // max_length
    std::vector<std::vector<std::string>> allOf;           // text_mentions
    double threshold = 0;                                  // text_similar
    std::size_t minLength = 0;                             // text_similar
    const TableDef* table = nullptr;                       // legacy_row
    std::map<std::string, std::string> deadlines;          // publish_deadline
};

} // namespace

struct CompiledRules {
    std::vector<Rule> rules;
    std::vector<RuleSetError> errors;
};

namespace {

// ---- the one table of rule kinds: their parameters, types, whether required, and defaults.
// docs/rules.md documents the same table for people (a test holds them together); every key not listed is an error.
enum class P { String, Number, Integer, Strings, StringGroups, Terms, Object, Figures };
struct Param { const char* key; P type; bool required; const char* fallback; };   // fallback: JSON text, or nullptr
struct Kind { const char* check; CheckFn run; bool needsPrev; std::vector<Param> params; };

void checkCompare(const Rule&, const Ctx&);
void checkJump(const Rule&, const Ctx&);
void checkTextFigures(const Rule&, const Ctx&);
void checkTextMentions(const Rule&, const Ctx&);
void checkTextLength(const Rule&, const Ctx&);
void checkMaxLength(const Rule&, const Ctx&);
void checkTextSimilar(const Rule&, const Ctx&);
void checkBlanks(const Rule&, const Ctx&);
void checkLegacy(const Rule&, const Ctx&);
void checkSections(const Rule&, const Ctx&);
void checkMeta(const Rule&, const Ctx&);
void checkFormatYear(const Rule&, const Ctx&);
void checkDeadline(const Rule&, const Ctx&);
void checkUnits(const Rule&, const Ctx&);
void checkKinds(const Rule&, const Ctx&);

const std::vector<Param> kCommon = {{"id", P::String, true, nullptr}, {"check", P::String, true, nullptr},
                                    {"severity", P::String, true, nullptr}, {"title", P::String, false, "\"\""},
                                    {"basis", P::String, false, "\"\""}};
const std::vector<Param> kCompare = {{"lhs", P::Terms, true, nullptr}, {"rhs", P::Terms, true, nullptr},
                                     {"over", P::Object, false, "{}"}, {"fix", P::String, false, nullptr},
                                     {"parts_name", P::String, false, "\"\""}};
const std::vector<Kind> kKinds = {
    {"equal", checkCompare, false, kCompare},
    {"less_equal", checkCompare, false, kCompare},
    {"jump", checkJump, true, {{"cells", P::Strings, true, nullptr}, {"ratio", P::Number, true, nullptr}, {"min_diff", P::Number, true, nullptr}}},
    {"text_figures", checkTextFigures, false, {{"figures", P::Figures, true, nullptr}}},
    {"text_mentions", checkTextMentions, false, {{"section", P::String, true, nullptr}, {"all_of", P::StringGroups, true, nullptr},
                                                 {"when", P::Object, false, "{}"}}},
    {"text_length", checkTextLength, false, {{"section", P::String, true, nullptr}, {"min_chars", P::Integer, true, nullptr}}},
    {"max_length", checkMaxLength, false, {{"section", P::String, true, nullptr}, {"limit", P::Integer, true, nullptr}}},
    {"text_similar", checkTextSimilar, true, {{"threshold", P::Number, true, nullptr}, {"min_length", P::Integer, true, nullptr}}},
    {"legacy_row", checkLegacy, false, {{"table", P::String, true, nullptr}}},
    {"publish_deadline", checkDeadline, false, {{"deadlines", P::Object, true, nullptr}}},
    {"unit_required", checkUnits, false, {{"cells", P::Strings, true, nullptr}}},
    {"blank_cells", checkBlanks, false, {}},
    {"sections_present", checkSections, false, {}},
    {"format_year", checkFormatYear, false, {}},
    {"meta_required", checkMeta, false, {}},
    {"cell_kinds", checkKinds, false, {}},
};
// the keys of one text_figures entry (`keyword` or `keywords`: at least one word between them)
const std::vector<Param> kFigure = {{"name", P::String, false, "\"\""}, {"keyword", P::String, false, "\"\""},
                                    {"keywords", P::Strings, false, "[]"}, {"side", P::String, false, "\"after\""},
                                    {"window", P::Integer, false, "8"}, {"verbs", P::Strings, false, "[]"},
                                    {"exclude", P::Strings, false, "[]"}, {"context", P::Strings, false, "[]"},
                                    {"sections", P::Strings, false, "[]"},
                                    {"candidates", P::StringGroups, true, nullptr}, {"labels", P::Strings, false, "[]"},
                                    {"total_parts", P::Strings, false, "[]"}};

const char* typeText(P t) {
    switch (t) {
    case P::String: return "文本";
    case P::Number: return "数字";
    case P::Integer: return "整数";
    case P::Strings: return "文本数组";
    case P::StringGroups: return "文本数组的数组";
    case P::Terms: return "单元格数组";
    case P::Object: return "对象";
    case P::Figures: return "对象数组";
    }
    return "?";
}

bool strings(const json& v) {
    if (!v.is_array()) return false;
    for (const auto& e : v) if (!e.is_string()) return false;
    return true;
}

bool hasType(const json& v, P t) {
    switch (t) {
    case P::String: return v.is_string();
    case P::Number: return v.is_number();
    case P::Integer: return v.is_number_integer() || v.is_number_unsigned();
    case P::Strings: case P::Terms: return strings(v);
    case P::StringGroups:
        if (!v.is_array()) return false;
        for (const auto& g : v) if (!strings(g)) return false;
        return true;
    case P::Object: return v.is_object();
    case P::Figures:
        if (!v.is_array()) return false;
        for (const auto& g : v) if (!g.is_object()) return false;
        return true;
    }
    return false;
}

// unknown keys, missing required keys and wrong types, each named; "" when the object is sound
std::string checkKeys(const json& obj, const std::vector<const std::vector<Param>*>& specs, const std::string& where) {
    for (auto it = obj.begin(); it != obj.end(); ++it) {
        const Param* found = nullptr;
        for (const auto* spec : specs)
            for (const Param& p : *spec) if (it.key() == p.key) found = &p;
        if (!found) return where + "未知的键 \"" + it.key() + "\"";
        if (!hasType(*it, found->type)) return where + "键 \"" + it.key() + "\" 应为" + typeText(found->type);
    }
    for (const auto* spec : specs)
        for (const Param& p : *spec)
            if (p.required && !obj.contains(p.key)) return where + "缺少必需的键 \"" + std::string(p.key) + "\"";
    return {};
}

// a parameter's value: the rule's own, else the kind table's fallback
json param(const json& obj, const std::vector<Param>& spec, const char* key) {
    if (auto it = obj.find(key); it != obj.end()) return *it;
    for (const Param& p : spec)
        if (std::string_view(p.key) == key && p.fallback) return json::parse(p.fallback);
    return nullptr;
}

std::vector<std::map<std::string, std::string>> expandOver(const json& over, const Format& f, std::string& err) {
    std::vector<std::map<std::string, std::string>> out{{}};
    for (auto it = over.begin(); it != over.end(); ++it) {
        std::vector<std::string> values;
        if (it->is_string()) {
            std::string s = it->get<std::string>();
            if (s.rfind("$rows:", 0) == 0) {
                const TableDef* t = f.findTable(s.substr(6));
                if (!t) { err = "unknown table in " + s; return {}; }
                values = t->rowIds;
            } else { err = "unknown variable list " + s; return {}; }
        } else if (strings(*it)) {
            values = it->get<std::vector<std::string>>();
        } else { err = "over." + it.key() + " 应为文本数组或 \"$rows:表\""; return {}; }
        std::vector<std::map<std::string, std::string>> next;
        for (const auto& m : out)
            for (const auto& v : values) { auto m2 = m; m2[it.key()] = v; next.push_back(m2); }
        out.swap(next);
    }
    return out;
}

std::string substitute(std::string s, const std::map<std::string, std::string>& vars) {
    for (const auto& [k, v] : vars) {
        std::string pat = "{" + k + "}";
        for (auto p = s.find(pat); p != std::string::npos; p = s.find(pat, p + v.size())) s.replace(p, pat.size(), v);
    }
    return s;
}

// prev: terms name last year's cells by id; they are resolved in last year's format at check time, and
// must at least exist in this one (every cross-year rule compares cells both years share)
bool parseTerm(std::string s, const Format& f, Term& t, std::string& err) {
    if (!s.empty() && s[0] == '-') { t.sign = -1; s.erase(0, 1); }
    if (s.rfind("prev:", 0) == 0) { t.prev = true; s.erase(0, 5); }
    if (!s.empty() && s[0] == '#') {
        t.isConst = true;
        if (parseDecimal(s.substr(1), t.constant) != DecimalError::None) { err = "bad constant " + s; return false; }
        return true;
    }
    t.id = s;
    int i = f.findCell(s);
    if (i < 0) { err = std::string("unknown cell ") + (t.prev ? "prev:" : "") + s; return false; }
    if (!t.prev) t.cell = i;
    return true;
}

std::string compileCompare(const json& rj, const Format& f, Rule& r) {
    std::string err;
    auto vars = expandOver(param(rj, kCompare, "over"), f, err);
    if (!err.empty()) return err;
    r.partsName = param(rj, kCompare, "parts_name").get<std::string>();
    for (const auto& v : vars) {
        Instance in;
        for (const char* side : {"lhs", "rhs"})
            for (const auto& tj : rj[side]) {
                Term t;
                if (!parseTerm(substitute(tj.get<std::string>(), v), f, t, err)) return err;
                (side[0] == 'l' ? in.lhs : in.rhs).push_back(t);
            }
        if (rj.contains("fix")) {
            in.fix = f.findCell(substitute(rj["fix"].get<std::string>(), v));
            if (in.fix < 0) return "unknown fix cell " + rj["fix"].get<std::string>();
        } else if (r.check == "equal" && in.lhs.size() == 1 && !in.lhs[0].prev && !in.lhs[0].isConst) {
            in.fix = in.lhs[0].cell;
        }
        if (in.lhs.empty() || in.rhs.empty()) return "empty side";
        r.instances.push_back(std::move(in));
    }
    return {};
}

// one text_figures entry, checked against kFigure and compiled; "" when sound
std::string compileFigure(const json& fj, const Format& f, const std::string& where, Figure& fig) {
    if (std::string e = checkKeys(fj, {&kFigure}, where); !e.empty()) return e;
    fig.name = param(fj, kFigure, "name").get<std::string>();
    std::string keyword = param(fj, kFigure, "keyword").get<std::string>();
    if (!keyword.empty()) fig.keywords.push_back(keyword);
    for (const auto& k : param(fj, kFigure, "keywords").get<std::vector<std::string>>()) {
        if (k.empty()) return where + "keywords 不能含空词";
        fig.keywords.push_back(k);
    }
    if (fig.keywords.empty()) return where + "缺少 keyword 或 keywords";
    auto w = param(fj, kFigure, "window").get<std::int64_t>();
    if (w < 0 || w > 32) return where + "window 应在 0 与 32 之间";
    fig.window = static_cast<int>(w);
    std::string side = param(fj, kFigure, "side").get<std::string>();
    if (side == "after") fig.side = Side::After;
    else if (side == "before") fig.side = Side::Before;
    else if (side == "either") fig.side = Side::Either;
    else return where + "side 应为 \"after\"、\"before\" 或 \"either\"";
    fig.verbs = param(fj, kFigure, "verbs").get<std::vector<std::string>>();
    fig.exclude = param(fj, kFigure, "exclude").get<std::vector<std::string>>();
    for (const auto& x : fig.exclude) if (x.empty()) return where + "exclude 不能含空词";
    fig.context = param(fj, kFigure, "context").get<std::vector<std::string>>();
    for (const auto& x : fig.context) if (x.empty()) return where + "context 不能含空词";
    fig.sections = param(fj, kFigure, "sections").get<std::vector<std::string>>();
    for (const auto& s : fig.sections) if (!f.sectionForText(s)) return where + "unknown section " + s;
    auto totalParts = param(fj, kFigure, "total_parts").get<std::vector<std::string>>();
    for (const auto& cand : fj["candidates"]) {
        std::vector<int> idx;
        for (const auto& id : cand) {
            std::string cid = id.get<std::string>();
            int ci = f.findCell(cid);
            if (ci < 0) return where + "unknown cell " + cid;
            idx.push_back(ci);
            const CellDef& cell = f.cells[static_cast<std::size_t>(ci)];
            if (totalParts.empty() || cell.col != "total" || fig.parts.count(ci)) continue;
            std::vector<int> parts;
            for (const auto& col : totalParts) {
                std::string pid = cellId(cell.table, cell.row, col);
                int pi = f.findCell(pid);
                if (pi < 0) return where + "total_parts：unknown cell " + pid;
                parts.push_back(pi);
            }
            fig.parts[ci] = std::move(parts);
        }
        if (idx.empty()) return where + "empty candidate";
        fig.candidates.push_back(std::move(idx));
    }
    fig.labels = param(fj, kFigure, "labels").get<std::vector<std::string>>();
    if (fig.labels.size() > fig.candidates.size()) return where + "labels 多于 candidates";
    return {};
}

std::string compileParams(const json& rj, const Kind& k, const Format& f, Rule& r) {
    const std::string& c = r.check;
    if (c == "equal" || c == "less_equal") return compileCompare(rj, f, r);
    if (c == "jump" || c == "unit_required") {
        r.cells = rj["cells"].get<std::vector<std::string>>();
        for (const auto& id : r.cells) if (f.findCell(id) < 0) return "unknown cell " + id;
        if (c == "jump") {
            if (parseDecimal(rj["ratio"].dump(), r.ratio) != DecimalError::None || r.ratio <= 0) return "ratio 应为正数";
            if (parseDecimal(rj["min_diff"].dump(), r.minDiff) != DecimalError::None) return "min_diff 应为数字";
        }
    } else if (c == "text_figures") {
        for (std::size_t i = 0; i < rj["figures"].size(); ++i) {
            Figure fig;
            if (std::string e = compileFigure(rj["figures"][i], f, "figures[" + std::to_string(i) + "]：", fig); !e.empty()) return e;
            r.figures.push_back(std::move(fig));
        }
    } else if (c == "text_mentions") {
        r.section = rj["section"].get<std::string>();
        if (!f.sectionForText(r.section)) return "unknown section " + r.section;
        r.allOf = rj["all_of"].get<std::vector<std::vector<std::string>>>();
        for (const auto& g : r.allOf) if (g.empty()) return "all_of 的每一组至少一个词";
        json when = param(rj, k.params, "when");
        static const std::vector<Param> kWhen = {{"agency_kind", P::String, false, nullptr}};
        if (std::string e = checkKeys(when, {&kWhen}, "when："); !e.empty()) return e;
        r.whenAgencyKind = when.value("agency_kind", "");
    } else if (c == "text_length") {
        r.section = rj["section"].get<std::string>();
        if (!f.sectionForText(r.section)) return "unknown section " + r.section;
        auto n = rj["min_chars"].get<std::int64_t>();
        if (n < 1 || n > 10000) return "min_chars 应在 1 与 10000 之间";
        r.minChars = static_cast<std::size_t>(n);
    } else if (c == "max_length") {
        r.section = rj["section"].get<std::string>();
        if (!f.sectionForText(r.section)) return "unknown section " + r.section;
        auto n = rj["limit"].get<std::int64_t>();
        if (n < 1 || n > 1000000) return "limit 应在 1 与 1000000 之间";
        r.maxChars = static_cast<std::size_t>(n);
    } else if (c == "text_similar") {
        r.threshold = rj["threshold"].get<double>();
        if (r.threshold <= 0 || r.threshold > 1) return "threshold 应在 0 与 1 之间";
        auto n = rj["min_length"].get<std::int64_t>();
        if (n < 0) return "min_length 不能为负";
        r.minLength = static_cast<std::size_t>(n);
    } else if (c == "legacy_row") {
        r.table = f.findTable(rj["table"].get<std::string>());
        if (!r.table) return "unknown table " + rj["table"].get<std::string>();
    } else if (c == "publish_deadline") {
        for (auto it = rj["deadlines"].begin(); it != rj["deadlines"].end(); ++it) {
            if (!findAgencyKind(it.key())) return "deadlines：未知的机关类型 \"" + it.key() + "\"";
            if (!it->is_string() || !parseDate("2000-" + it->get<std::string>())) return "deadlines." + it.key() + " 应为 \"MM-DD\"";
            r.deadlines[it.key()] = it->get<std::string>();
        }
        for (const AgencyKind& a : kAgencyKinds)
            if (!r.deadlines.count(std::string(a.id))) return "deadlines 应给出每种机关类型（缺 " + std::string(a.id) + "）";
    }
    return {};
}

CompiledRules compile(const json& rules, const Format& f) {
    CompiledRules rs;
    std::set<std::string> codes;
    if (!rules.is_array()) { rs.errors.push_back({"", "rules 应为数组"}); return rs; }
    for (const auto& rj : rules) {
        std::string id = rj.is_object() ? rj.value("id", json("")).is_string() ? rj.value("id", "") : "" : "";
        auto bad = [&](const std::string& m) { rs.errors.push_back({id, m}); };
        if (!rj.is_object()) { bad("规则应为对象"); continue; }
        if (id.empty()) { bad("rule without id"); continue; }
        if (!codes.insert(id).second) { bad("duplicate rule id " + id); continue; }
        const json& checkJ = rj.contains("check") ? rj["check"] : json();
        std::string check = checkJ.is_string() ? checkJ.get<std::string>() : "";
        auto kind = std::find_if(kKinds.begin(), kKinds.end(), [&](const Kind& k) { return check == k.check; });
        if (kind == kKinds.end()) { bad("unknown check \"" + check + "\""); continue; }
        if (std::string e = checkKeys(rj, {&kCommon, &kind->params}, ""); !e.empty()) { bad(e); continue; }
        Rule r;
        r.code = id;
        r.check = check;
        r.run = kind->run;
        r.needsPrev = kind->needsPrev;
        r.title = param(rj, kCommon, "title").get<std::string>();
        r.basis = param(rj, kCommon, "basis").get<std::string>();
        std::string sev = rj["severity"].get<std::string>();
        if (sev == "error") r.severity = Severity::Error;
        else if (sev == "warning") r.severity = Severity::Warning;
        else if (sev == "info") r.severity = Severity::Info;
        else { bad("unknown severity \"" + sev + "\""); continue; }
        if (std::string e = compileParams(rj, *kind, f, r); !e.empty()) { bad(e); continue; }
        rs.rules.push_back(std::move(r));
    }
    return rs;
}

// ---------------------------------------------------------------- [SECTION] naming
struct Ctx {
    const Report& r;
    const Report* prev;
    std::vector<Finding>& out;
    std::vector<char> inactive;   // cells that do not count: the legacy （六） row when unused, its three rows when used
    // text_figures: each section's clauses that hold a count ("…N 件"), split once for all text_figures rules
    mutable std::map<std::string, std::vector<std::string_view>> countClauses{};
    mutable bool countClausesReady = false;
    const CellDef& cell(int i) const { return r.format->cells[static_cast<std::size_t>(i)]; }
    std::optional<Fixed> value(int i) const { return r.cells[static_cast<std::size_t>(i)]; }
};

std::string num(Fixed v) { return formatDecimal(v); }

// How to name the cells of one rule: by column when they share a row, by row when they share a column.
struct Namer {
    enum Mode { Full, ByCol, ByRow } mode = Full;
    std::string context;
    const Format* f = nullptr;

    Namer(const Format& fmt, const std::vector<const CellDef*>& cells) : f(&fmt) {
        if (cells.empty()) return;
        bool sameRow = true, sameCol = true;
        for (const CellDef* c : cells) {
            sameRow &= c->table == cells[0]->table && c->row == cells[0]->row;
            sameCol &= c->table == cells[0]->table && c->col == cells[0]->col;
        }
        const TableDef* t = fmt.findTable(cells[0]->table);
        std::string tname = t ? t->shortName : cells[0]->table;
        if (sameRow) { mode = ByCol; context = tname + " " + cells[0]->rowName; }
        else if (sameCol) { mode = ByRow; context = tname + " " + cells[0]->colName; }
    }
    std::string name(const CellDef& c) const {
        return mode == ByCol ? c.colName : mode == ByRow ? c.rowShort : c.name;
    }
};

std::string describe(const std::vector<Term>& side, const Ctx& ctx, const Namer& nm, const std::string& partsName) {
    if (!partsName.empty() && side.size() > 3) return partsName;
    std::string s;
    for (const Term& t : side) {
        if (!s.empty()) s += t.sign < 0 ? " − " : " + ";
        else if (t.sign < 0) s += "−";
        if (t.isConst) { s += num(t.constant); continue; }
        const Format& f = t.prev && ctx.prev ? *ctx.prev->format : *ctx.r.format;
        int i = f.findCell(t.id);
        std::string n = i < 0 ? t.id : nm.name(f.cells[static_cast<std::size_t>(i)]);
        s += t.prev ? "上年" + n : n;
    }
    return s;
}

// ---------------------------------------------------------------- [SECTION] checks
struct Eval {
    Fixed sum = 0;
    bool anyValue = false, anyPrev = false, prevValue = false, unresolved = false, overflow = false;
    int cellTerms = 0, blanks = 0;   // this year's cell terms, and how many of them are blank
    bool openBlanks = false;         // a blank term that, once filled (≥ 0), raises this side's sum
    bool allBlank() const { return cellTerms > 0 && blanks == cellTerms && !prevValue; }
};

// a side's sum over its filled cells (blank is not 0: it is counted in `blanks`, never added);
// taken in 128 bits and marked when it leaves the range where differences still fit in 64
Eval evalSide(const std::vector<Term>& side, const Ctx& ctx) {
    Eval e;
    __int128 sum = 0;
    for (const Term& t : side) {
        if (t.isConst) { sum += t.sign * static_cast<__int128>(t.constant); continue; }
        std::optional<Fixed> v;
        if (t.prev) {
            e.anyPrev = true;
            int i = ctx.prev ? ctx.prev->format->findCell(t.id) : -1;
            if (i < 0) { e.unresolved = true; continue; }
            v = ctx.prev->cells[static_cast<std::size_t>(i)];
            if (v) e.prevValue = true;
        } else {
            v = ctx.value(t.cell);
            if (!v && ctx.inactive[static_cast<std::size_t>(t.cell)]) continue;   // a blank stand-in row is no blank part
            ++e.cellTerms;
            if (v) e.anyValue = true;
            else {
                ++e.blanks;
                if (t.sign > 0 && ctx.cell(t.cell).kind != CellKind::Signed) e.openBlanks = true;
            }
        }
        if (v) sum += t.sign * static_cast<__int128>(*v);
    }
    constexpr __int128 kLimit = static_cast<__int128>(1) << 61;
    e.overflow = sum >= kLimit || sum <= -kLimit;
    e.sum = e.overflow ? 0 : static_cast<Fixed>(sum);
    return e;
}

std::vector<std::string> cellIds(const Instance& in, const Ctx& ctx) {
    std::vector<std::string> ids;
    for (const auto* side : {&in.lhs, &in.rhs})
        for (const Term& t : *side)
            if (!t.isConst && !t.prev) ids.push_back(ctx.cell(t.cell).id);
    return ids;
}

std::vector<const CellDef*> cellDefs(const Instance& in, const Ctx& ctx) {
    std::vector<const CellDef*> v;
    for (const auto* side : {&in.lhs, &in.rhs})
        for (const Term& t : *side)
            if (!t.isConst) {
                const Format& f = t.prev && ctx.prev ? *ctx.prev->format : *ctx.r.format;
                int i = f.findCell(t.id);
                if (i >= 0) v.push_back(&f.cells[static_cast<std::size_t>(i)]);
            }
    return v;
}

Finding base(const Rule& rule) {
    Finding f;
    f.code = rule.code;
    f.check = rule.check;
    f.severity = rule.severity;
    f.rule = rule.title;
    return f;
}

std::string blanksNote(int blanks) {
    return blanks ? "（另有 " + std::to_string(blanks) + " 项未填写，未计入）" : "";
}

// "表三 （一）予以公开 总计" — a single cell named in full, or relative to what the rule's cells share
std::string subjectName(const CellDef& c, const Namer& nm, const Format& f) {
    const TableDef* t = f.findTable(c.table);
    return nm.mode == Namer::ByCol ? nm.context + " " + c.colName
           : nm.mode == Namer::ByRow ? (t ? t->shortName : c.table) + " " + c.rowShort + " " + c.colName
                                     : c.name;
}

// A blank total beside filled parts: one finding per rule, however many totals (one root cause),
// with every computed value as its "fill all" suggestion.
struct BlankTotal { int cell; Fixed value; std::vector<std::string> cells; std::string parts; };

void reportBlankTotals(const Rule& rule, const Ctx& ctx, const std::vector<BlankTotal>& blanks) {
    if (blanks.empty()) return;
    Finding f = base(rule);
    std::string list;
    for (std::size_t k = 0; k < blanks.size(); ++k) {
        const BlankTotal& b = blanks[k];
        for (const auto& id : b.cells)
            if (std::find(f.cells.begin(), f.cells.end(), id) == f.cells.end()) f.cells.push_back(id);
        if (cellValueProblem(ctx.cell(b.cell), b.value).empty()) f.fixes.push_back({ctx.cell(b.cell).id, b.value});
        if (k < 4) list += (k ? "；" : "") + ctx.cell(b.cell).name + " 应为 " + num(b.value);
    }
    // the blank totals first: they are what the finding is about (and where a click takes the clerk)
    std::stable_partition(f.cells.begin(), f.cells.end(), [&](const std::string& id) {
        return std::any_of(blanks.begin(), blanks.end(), [&](const BlankTotal& b) { return ctx.cell(b.cell).id == id; });
    });
    if (blanks.size() == 1) {
        f.expected = blanks[0].value;
        f.message = ctx.cell(blanks[0].cell).name + "：未填写；" + blanks[0].parts + " = " + num(blanks[0].value);
    } else {
        f.message = std::to_string(blanks.size()) + " 个合计单元格未填写，而其各项已填写（" + rule.title + "）：" + list +
                    (blanks.size() > 4 ? " 等" : "") + "。可一次全部采用计算值";
    }
    ctx.out.push_back(std::move(f));
}

void checkCompare(const Rule& rule, const Ctx& ctx) {
    bool le = rule.check == "less_equal";
    const std::string& partsName = rule.partsName;
    std::vector<BlankTotal> blankTotals;
    for (const Instance& in : rule.instances) {
        Eval L = evalSide(in.lhs, ctx), R = evalSide(in.rhs, ctx);
        if (L.unresolved || R.unresolved || L.overflow || R.overflow) continue;
        if (!L.anyValue && !R.anyValue) continue;                                  // all blank: nothing to say
        if ((L.anyPrev || R.anyPrev) && !L.prevValue && !R.prevValue) continue;   // last year's cells blank
        bool lhsSingle = in.lhs.size() == 1 && !in.lhs[0].isConst && !in.lhs[0].prev;
        if (!le && lhsSingle && L.allBlank() && !R.allBlank()) {
            // a blank total with filled parts: grouped below, never "填报 0"
            Namer nm(*ctx.r.format, cellDefs(in, ctx));
            blankTotals.push_back({in.lhs[0].cell, R.sum, cellIds(in, ctx), describe(in.rhs, ctx, nm, partsName)});
            continue;
        }
        if (L.allBlank() || R.allBlank()) continue;   // a sum whose parts are all blank is not compared
        if (le ? L.sum <= R.sum : L.sum == R.sum) continue;
        // blank parts that could still close the gap (a blank count or amount is ≥ 0): not checkable yet —
        // C-2 names the blanks; only a gap the filled values already make is a finding
        if (L.sum < R.sum && !le && L.openBlanks) continue;
        if (L.sum > R.sum && R.openBlanks) continue;

        Finding f = base(rule);
        f.cells = cellIds(in, ctx);
        Namer nm(*ctx.r.format, cellDefs(in, ctx));
        std::string ls = describe(in.lhs, ctx, nm, partsName), rs = describe(in.rhs, ctx, nm, partsName);
        std::string lnote = blanksNote(L.blanks), rnote = blanksNote(R.blanks);
        if (le) {
            bool lconst = in.lhs.size() == 1 && in.lhs[0].isConst;
            f.expected = lconst ? L.sum : R.sum;
            f.actual = lconst ? R.sum : L.sum;
            std::string head = nm.context.empty() ? "" : nm.context + "：";
            if (lconst) f.message = head + rs + " = " + num(R.sum) + rnote + "，应不小于 " + num(L.sum);
            else f.message = head + ls + " = " + num(L.sum) + lnote + "，应不大于 " +
                             (in.rhs.size() == 1 && in.rhs[0].isConst ? "" : rs + " = ") + num(R.sum) + rnote;
            f.message = rule.title + "。" + f.message;
        } else if (lhsSingle) {
            f.expected = R.sum;
            f.actual = L.sum;
            f.message = subjectName(ctx.cell(in.lhs[0].cell), nm, *ctx.r.format) + "：" + rs + " = " + num(R.sum) + rnote +
                        "，填报 " + num(L.sum) + "，相差 " + num(std::llabs(L.sum - R.sum));
        } else {
            f.expected = L.sum;
            f.actual = R.sum;
            std::string head = nm.context.empty() ? "" : nm.context + "：";
            f.message = head + ls + " = " + num(L.sum) + lnote + "，" + rs + " = " + num(R.sum) + rnote + "，相差 " +
                        num(std::llabs(L.sum - R.sum));
        }
        f.difference = *f.actual - *f.expected;
        if (in.fix >= 0) {
            // the fix cell's own side may not count blanks it would replace; the other side must be complete,
            // or the suggestion would replace a filled value because its parts are blank
            Fixed d = L.sum - R.sum, old = ctx.value(in.fix).value_or(0);
            std::optional<Fixed> sug;
            bool fixLeft = false, fixRight = false;
            for (const Term& t : in.lhs) if (!t.prev && t.cell == in.fix) { sug = old - t.sign * d; fixLeft = true; }
            for (const Term& t : in.rhs) if (!t.prev && t.cell == in.fix) { sug = old + t.sign * d; fixRight = true; }
            bool partsComplete = (fixLeft ? R.blanks == 0 : true) && (fixRight ? L.blanks == 0 : true);
            bool replacesFilled = ctx.value(in.fix).has_value();
            if (sug && cellValueProblem(ctx.cell(in.fix), *sug).empty() && (partsComplete || !replacesFilled))
                f.fixes.push_back({ctx.cell(in.fix).id, *sug});
        }
        if (!rule.basis.empty() && rule.severity != Severity::Error) f.message += "（" + rule.basis + "）";
        ctx.out.push_back(std::move(f));
    }
    reportBlankTotals(rule, ctx, blankTotals);
}

void checkJump(const Rule& rule, const Ctx& ctx) {
    if (!ctx.prev) return;
    const Fixed ratio = rule.ratio, minDiff = rule.minDiff;
    for (const std::string& id : rule.cells) {
        auto a = ctx.prev->get(id), b = ctx.r.get(id);
        if (!a || !b) continue;
        Fixed diff = std::llabs(*b - *a), lo = std::min(*a, *b), hi = std::max(*a, *b);
        if (diff < minDiff) continue;
        if (lo > 0 && static_cast<__int128>(hi) * kScale < static_cast<__int128>(ratio) * lo) continue;   // hi/lo < ratio
        Finding f = base(rule);
        f.cells = {id};
        f.expected = *a;
        f.actual = *b;
        f.difference = *b - *a;
        f.message = ctx.r.format->cells[static_cast<std::size_t>(ctx.r.format->findCell(id))].name + "：本年 " + num(*b) +
                    "，上年 " + num(*a) + "，变化很大，请核实是否填错";
        ctx.out.push_back(std::move(f));
    }
}

// UTF-8 helpers for the text checks: the code point at byte i, and i moved past it
char32_t nextCodepoint(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
    char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += static_cast<std::size_t>(n);
    return cp;
}

std::vector<char32_t> codepoints(const std::string& s, std::size_t limit = static_cast<std::size_t>(-1)) {
    std::vector<char32_t> out;
    out.reserve(std::min(s.size(), limit));
    for (std::size_t i = 0; i < s.size() && out.size() < limit;) out.push_back(nextCodepoint(s, i));
    return out;
}

bool isBlankText(const std::string& s) {   // stops at the first visible character
    for (std::size_t i = 0; i < s.size();) {
        char c = s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { ++i; continue; }
        if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 3; continue; }   // ideographic space
        if (s.compare(i, 2, "\xC2\xA0") == 0) { i += 2; continue; }        // no-break space
        return false;
    }
    return true;
}

std::string sectionTitle(const Format& f, const std::string& key) {
    const SectionDef* s = f.sectionForText(key);
    return s ? s->no + "、" + s->heading : key;
}

// splits text into clauses at sentence and clause punctuation, in one pass over the bytes
// (every separator is one ASCII byte or a three-byte UTF-8 sequence starting 0xE3 or 0xEF), keeping only
// the clauses that can hold a figure: a digit (ASCII or full-width ０–９) and 件 in them
std::vector<std::string_view> countClausesOf(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    bool digit = false, jian = false;
    auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    for (std::size_t i = 0; i < text.size();) {
        unsigned char c = at(i);
        std::size_t len = 0;
        if (c == ';' || c == ',' || c == '\n' || c == '(' || c == ')') len = 1;
        else if ((c == 0xE3 || c == 0xEF) && i + 2 < text.size()) {
            std::string_view t = text.substr(i, 3);
            if (t == "。" || t == "；" || t == "，" || t == "（" || t == "）" || t == "！" || t == "？" || t == "：") len = 3;
            else if (c == 0xEF && at(i + 1) == 0xBC && at(i + 2) >= 0x90 && at(i + 2) <= 0x99) digit = true;
        } else if (c >= '0' && c <= '9') digit = true;
        else if (c == 0xE4 && i + 2 < text.size() && at(i + 1) == 0xBB && at(i + 2) == 0xB6) jian = true;   // 件
        if (len) {
            if (digit && jian) out.push_back(text.substr(start, i - start));
            digit = jian = false;
            i += len;
            start = i;
        } else {
            i += c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        }
    }
    if (start < text.size() && digit && jian) out.push_back(text.substr(start));
    return out;
}

// ---- text_figures: "…keyword…N 件" (or "N 件…keyword") in a clause, against sums of cells
bool isDigit(char32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }   // ASCII or full-width
bool isSpace(char32_t c) { return c == ' ' || c == '\t' || c == 0x3000 || c == 0xA0; }

// the count that starts at cps[i] (a digit) if "件" follows it (spaces allowed before 件: "办结 3050 件")
std::optional<Fixed> countAt(const std::vector<char32_t>& cps, std::size_t i) {
    Fixed n = 0;
    for (; i < cps.size() && (isDigit(cps[i]) || cps[i] == ','); ++i) {
        if (cps[i] == ',') continue;
        n = n * 10 + static_cast<Fixed>(cps[i] <= '9' ? cps[i] - '0' : cps[i] - 0xFF10);
        if (n > 1000000000000LL) return std::nullopt;
    }
    while (i < cps.size() && isSpace(cps[i])) ++i;
    if (i >= cps.size() || cps[i] != U'件') return std::nullopt;
    return n * kScale;
}

// the first number within `window` characters after the keyword, followed by 件
std::optional<Fixed> countAfter(std::string_view rest, int window) {
    std::vector<char32_t> cps = codepoints(std::string(rest.substr(0, static_cast<std::size_t>(window + 24) * 4)));
    std::size_t i = 0;
    while (i < cps.size() && static_cast<int>(i) < window && !isDigit(cps[i])) ++i;
    if (i >= cps.size() || !isDigit(cps[i])) return std::nullopt;
    return countAt(cps, i);
}

// the nearest "N 件" that ends at most `window` characters before the keyword ("72件顺延至下一年度");
// a number or a 、 in between ends the search: it belongs to another item of a list
std::optional<Fixed> countBefore(std::string_view head, int window) {
    std::size_t span = static_cast<std::size_t>(window + 24) * 4, from = head.size() > span ? head.size() - span : 0;
    while (from < head.size() && (static_cast<unsigned char>(head[from]) & 0xC0) == 0x80) ++from;   // a whole character
    std::vector<char32_t> cps = codepoints(std::string(head.substr(from)));
    int gap = 0;
    for (std::size_t j = cps.size(); j > 0; --j) {
        char32_t c = cps[j - 1];
        if (c == U'件') {
            std::size_t k = j - 1;
            while (k > 0 && isSpace(cps[k - 1])) --k;
            std::size_t end = k;
            while (k > 0 && (isDigit(cps[k - 1]) || cps[k - 1] == ',')) --k;
            while (k < end && !isDigit(cps[k])) ++k;
            if (k < end) return countAt(cps, k);
            // 件 without a number ("申请件") is part of the gap
        } else if (isDigit(c) || c == U'、') {
            return std::nullopt;
        }
        if (++gap > window) return std::nullopt;
    }
    return std::nullopt;
}

// a candidate's value: its cells' sum, a blank `….total` read as the sum of its total_parts
struct CandidateValue {
    Fixed sum = 0;
    bool any = false;        // some cell counted: the candidate can be compared
    bool open = false;       // a blank cell counted as nothing: a larger text figure may still be right
    bool fromParts = false;  // a blank total was read from its parts
    std::vector<std::pair<int, Fixed>> terms;   // each term's cell and value (when it has one)
};

CandidateValue candidateValue(const Figure& fig, const std::vector<int>& cand, const Ctx& ctx) {
    CandidateValue cv;
    __int128 sum = 0;
    for (int ci : cand) {
        std::optional<Fixed> v = ctx.value(ci);
        if (!v) {
            auto p = fig.parts.find(ci);
            if (p != fig.parts.end()) {
                __int128 s = 0;
                bool any = false;
                for (int pi : p->second) {
                    if (auto pv = ctx.value(pi)) { s += *pv; any = true; }
                    else cv.open = true;
                }
                constexpr __int128 kPartLimit = static_cast<__int128>(1) << 61;
                if (any && s < kPartLimit && s > -kPartLimit) { v = static_cast<Fixed>(s); cv.fromParts = true; }
            } else {
                cv.open = true;
            }
        }
        if (!v) continue;
        cv.any = true;
        sum += *v;
        cv.terms.emplace_back(ci, *v);
    }
    constexpr __int128 kLimit = static_cast<__int128>(1) << 61;
    if (sum >= kLimit || sum <= -kLimit) cv.any = false;
    cv.sum = cv.any ? static_cast<Fixed>(sum) : 0;
    return cv;
}

// "；265 仅为 表三 （四）1.本机关不掌握相关政府信息 一项": the text's figure is one term of a sum, or one
// part of a total, alone
std::string onlyOnePart(const Figure& fig, const std::vector<CandidateValue>& values, Fixed n, const Ctx& ctx) {
    if (n <= 0) return {};
    auto termName = [&](int ci) {
        const CellDef& c = ctx.cell(ci);
        const TableDef* t = ctx.r.format->findTable(c.table);
        return fig.parts.count(ci) && t ? t->shortName + " " + c.rowShort : c.name;
    };
    for (const auto& cv : values)
        if (cv.terms.size() > 1)
            for (const auto& [ci, v] : cv.terms)
                if (v == n) return "；" + num(n) + " 仅为 " + termName(ci) + " 一项";
    for (const auto& cv : values)
        for (const auto& [ci, v] : cv.terms) {
            auto p = fig.parts.find(ci);
            if (p == fig.parts.end()) continue;
            for (int pi : p->second)
                if (ctx.value(pi) == n) return "；" + num(n) + " 仅为 " + ctx.cell(pi).name + " 一项";
        }
    return {};
}

const std::map<std::string, std::vector<std::string_view>>& countClauses(const Ctx& ctx) {
    if (!ctx.countClausesReady) {
        for (const auto& [key, text] : ctx.r.text) ctx.countClauses[key] = countClausesOf(text);
        ctx.countClausesReady = true;
    }
    return ctx.countClauses;
}

void checkTextFigures(const Rule& rule, const Ctx& ctx) {
    const auto& split = countClauses(ctx);
    for (const Figure& fig : rule.figures) {
        for (const auto& [key, parts] : split) {
            const std::string& text = ctx.r.text.at(key);
            if (!fig.sections.empty() && std::find(fig.sections.begin(), fig.sections.end(), key) == fig.sections.end()) continue;
            for (std::string_view cl : parts) {
                std::size_t kp = std::string_view::npos, klen = 0;   // the earliest keyword; at one place, the longest
                for (const auto& k : fig.keywords) {
                    auto p = cl.find(k);
                    if (p != std::string_view::npos && (p < kp || (p == kp && k.size() > klen))) { kp = p; klen = k.size(); }
                }
                if (kp == std::string_view::npos) continue;
                if (std::any_of(fig.exclude.begin(), fig.exclude.end(),
                                [&](const std::string& x) { return cl.find(x) != std::string_view::npos; })) continue;
                if (!fig.verbs.empty()) {
                    bool ok = false;
                    for (const auto& v : fig.verbs) { auto vp = cl.find(v); ok |= vp != std::string_view::npos && vp < kp; }
                    if (!ok) continue;
                }
                if (!fig.context.empty()) {   // the clause's paragraph (between line breaks) must name the subject
                    std::size_t at = static_cast<std::size_t>(cl.data() - text.data());
                    std::size_t from = at == 0 ? std::string::npos : text.rfind('\n', at - 1);
                    from = from == std::string::npos ? 0 : from + 1;
                    std::size_t to = text.find('\n', at);
                    std::string_view para = std::string_view(text).substr(from, to == std::string::npos ? std::string::npos : to - from);
                    if (std::none_of(fig.context.begin(), fig.context.end(),
                                     [&](const std::string& w) { return para.find(w) != std::string_view::npos; })) continue;
                }
                std::optional<Fixed> found;
                if (fig.side != Side::Before) found = countAfter(cl.substr(kp + klen), fig.window);
                if (!found && fig.side != Side::After) found = countBefore(cl.substr(0, kp), fig.window);
                if (!found) continue;
                const Fixed n = *found;
                bool settled = false, anyCandidate = false;   // settled: a candidate equals n, or blanks could make it
                std::vector<CandidateValue> values;
                std::vector<std::pair<std::string, Fixed>> tried;
                std::vector<std::string> ids;
                for (std::size_t c = 0; c < fig.candidates.size(); ++c) {
                    const auto& cand = fig.candidates[c];
                    for (int ci : cand)
                        if (std::find(ids.begin(), ids.end(), ctx.cell(ci).id) == ids.end()) ids.push_back(ctx.cell(ci).id);
                    CandidateValue cv = candidateValue(fig, cand, ctx);
                    if (!cv.any) continue;
                    anyCandidate = true;
                    if (cv.sum == n || (cv.open && n > cv.sum)) settled = true;
                    std::string names = c < fig.labels.size() ? fig.labels[c] : "";
                    if (names.empty())
                        for (int ci : cand) names += (names.empty() ? "" : " + ") + ctx.cell(ci).name;
                    bool seen = false;
                    for (const auto& t : tried) seen |= t.second == cv.sum;
                    if (!seen) tried.emplace_back(names + " = " + num(cv.sum) + (cv.fromParts ? "（总计未填写的行按各列相加）" : ""), cv.sum);
                    values.push_back(std::move(cv));
                }
                if (settled || !anyCandidate) continue;
                Finding f = base(rule);
                f.cells = ids;
                f.cells.push_back(Target::textRef(key));
                f.actual = n;
                f.expected = tried[0].second;
                f.difference = n - tried[0].second;
                std::string alt;
                for (std::size_t k = 0; k < tried.size(); ++k) alt += (k ? "，也不等于 " : "") + tried[k].first;
                f.message = sectionTitle(*ctx.r.format, key) + "写到“" + std::string(cl) + "”，其中 " + num(n) + " 件不等于 " + alt +
                            onlyOnePart(fig, values, n, ctx) + "。正文数字若另有口径（如仅指某一部门、全市合计），可忽略此提醒";
                ctx.out.push_back(std::move(f));
            }
        }
    }
}

void checkTextMentions(const Rule& rule, const Ctx& ctx) {
    if (!rule.whenAgencyKind.empty() && rule.whenAgencyKind != ctx.r.meta.agencyKind) return;
    const std::string& key = rule.section;
    auto it = ctx.r.text.find(key);
    if (it == ctx.r.text.end() || isBlankText(it->second)) return;   // an empty section is R-1's finding
    std::string missing;
    for (const auto& group : rule.allOf) {
        bool found = false;
        for (std::size_t k = 0; k < group.size() && !found; ++k) found = it->second.find(group[k]) != std::string::npos;
        if (!found) missing += (missing.empty() ? "" : "、") + group[0];
    }
    if (missing.empty()) return;
    Finding f = base(rule);
    f.cells = {Target::textRef(key)};
    f.message = sectionTitle(*ctx.r.format, key) + "未提及" + missing + "：" + rule.title + "（" + rule.basis + "）";
    ctx.out.push_back(std::move(f));
}

// punctuation and spaces, which do not count as text: ASCII, general (“” … —), CJK (、。《》【】) and full-width (，：！)
bool isPunctOrSpace(char32_t c) {
    return c <= 0x20 || (c >= 0x21 && c <= 0x2F) || (c >= 0x3A && c <= 0x40) || (c >= 0x5B && c <= 0x60) ||
           (c >= 0x7B && c <= 0x7F) || c == 0xA0 || c == 0xB7 || (c >= 0x2000 && c <= 0x206F) ||
           (c >= 0x3000 && c <= 0x303F) || (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF01 && c <= 0xFF0F) ||
           (c >= 0xFF1A && c <= 0xFF20) || (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || c == 0xFEFF;
}

void checkTextLength(const Rule& rule, const Ctx& ctx) {
    const std::string& key = rule.section;
    auto it = ctx.r.text.find(key);
    if (it == ctx.r.text.end() || isBlankText(it->second)) return;   // an empty section is R-1's finding
    // counts characters up to the threshold only: a long section costs no more than min_chars of them
    std::size_t visible = 0;
    std::string shown;
    const std::string& s = it->second;
    for (std::size_t i = 0; i < s.size() && visible < rule.minChars;)
        if (!isPunctOrSpace(nextCodepoint(s, i))) ++visible;
    if (visible >= rule.minChars) return;
    // the whole section is short: quote it, its runs of whitespace as one space
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space) { if (!shown.empty() && shown.back() != ' ') shown += ' '; }
        else shown += c;
    }
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
    if (codepoints(shown, 61).size() > 60) shown = "";   // mostly punctuation: not worth quoting
    Finding f = base(rule);
    f.cells = {Target::textRef(key)};
    f.message = sectionTitle(*ctx.r.format, key) + (shown.empty() ? "" : "只写了“" + shown + "”，") + "不计标点仅 " +
                std::to_string(visible) + " 个字（少于 " + std::to_string(rule.minChars) + " 个字）：" + rule.title + "（" +
                rule.basis + "）";
    ctx.out.push_back(std::move(f));
}

// characters of a section as the editor's 字数 counts them (countCharacters: line breaks and blank lines not
// counted), so the limit and the count shown above the section agree
void checkMaxLength(const Rule& rule, const Ctx& ctx) {
    auto it = ctx.r.text.find(rule.section);
    if (it == ctx.r.text.end()) return;
    const std::size_t n = countCharacters(it->second);
    if (n <= rule.maxChars) return;
    Finding f = base(rule);
    f.cells = {Target::textRef(rule.section)};
    f.expected = fromInt(static_cast<std::int64_t>(rule.maxChars));
    f.actual = fromInt(static_cast<std::int64_t>(n));
    f.message = sectionTitle(*ctx.r.format, rule.section) + "共 " + std::to_string(n) + " 字（不计空行），超过 " +
                std::to_string(rule.maxChars) + " 字的上限" + (rule.title.empty() ? "" : "：" + rule.title) +
                (rule.basis.empty() ? "" : "（" + rule.basis + "）");
    ctx.out.push_back(std::move(f));
}

void checkTextSimilar(const Rule& rule, const Ctx& ctx) {
    if (!ctx.prev) return;
    const double threshold = rule.threshold;
    const std::size_t minLen = rule.minLength;
    // character bigrams of the first kSample characters: enough to tell copied text, and bounded
    // in time however long a section is (a 1 MiB section would otherwise cost ~50 ms per check)
    constexpr std::size_t kSample = 20000;
    auto bigrams = [](const std::string& s) {
        std::vector<std::uint64_t> b;
        char32_t last = 0;
        for (char32_t c : codepoints(s, kSample)) {
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == 0x3000) continue;
            if (last) b.push_back((static_cast<std::uint64_t>(last) << 32) | c);
            last = c;
        }
        std::sort(b.begin(), b.end());
        b.erase(std::unique(b.begin(), b.end()), b.end());
        return b;
    };
    for (const auto& [key, text] : ctx.r.text) {
        auto p = ctx.prev->text.find(key);
        if (p == ctx.prev->text.end()) continue;
        if (codepoints(text, minLen).size() < minLen || codepoints(p->second, minLen).size() < minLen) continue;
        auto a = bigrams(text), b = bigrams(p->second);
        std::size_t common = 0;
        for (std::size_t i = 0, j = 0; i < a.size() && j < b.size();) {
            if (a[i] == b[j]) { ++common; ++i; ++j; }
            else if (a[i] < b[j]) ++i;
            else ++j;
        }
        double dice = a.empty() && b.empty() ? 0 : 2.0 * static_cast<double>(common) / static_cast<double>(a.size() + b.size());
        if (dice < threshold) continue;
        Finding f = base(rule);
        f.cells = {Target::textRef(key)};
        int pct = static_cast<int>(dice * 100 + 0.5);
        f.message = sectionTitle(*ctx.r.format, key) + "与上年报告相似度 " + std::to_string(pct) + "%（" + rule.basis + "）";
        ctx.out.push_back(std::move(f));
    }
}

void checkBlanks(const Rule& rule, const Ctx& ctx) {
    for (const TableDef& t : ctx.r.format->tables) {
        std::vector<int> cells = ctx.r.countedCells(t), blank;
        for (int i : cells) if (!ctx.value(i)) blank.push_back(i);
        if (blank.empty() || blank.size() == cells.size()) continue;   // a wholly empty table is R-1's finding
        Finding f = base(rule);
        std::string examples;
        for (std::size_t k = 0; k < blank.size(); ++k) {
            f.cells.push_back(ctx.cell(blank[k]).id);
            if (k < 3) examples += (k ? "、" : "") + ctx.cell(blank[k]).name;
        }
        f.message = t.shortName + "有 " + std::to_string(blank.size()) + " 个单元格未填写（如 " + examples +
                    (blank.size() > 3 ? " 等" : "") + "）。空白不等于 0：没有发生的请填 0";
        ctx.out.push_back(std::move(f));
    }
}

void checkLegacy(const Rule& rule, const Ctx& ctx) {
    const TableDef* t = rule.table;
    if (!t || !ctx.r.legacyInUse(*t)) return;
    Finding f = base(rule);
    std::string parts;
    for (int i : t->cells) {
        const CellDef& c = ctx.cell(i);
        if (c.legacy && ctx.value(i)) f.cells.push_back(c.id);
    }
    const CellDef& first = ctx.cell(ctx.r.format->findCell(f.cells[0]));
    for (int j : first.legacyOf) parts += (parts.empty() ? "" : "、") + ctx.cell(j).rowShort;
    f.message = t->shortName + " " + rule.title + "；现行格式分为 " + parts + "，请分项填写";   // the title says which format printed it
    ctx.out.push_back(std::move(f));
}

void checkSections(const Rule& rule, const Ctx& ctx) {
    for (const SectionDef& s : ctx.r.format->sections) {
        Finding f = base(rule);
        if (!s.textKey.empty()) {
            auto it = ctx.r.text.find(s.textKey);
            if (it != ctx.r.text.end() && !isBlankText(it->second)) continue;
            f.cells = {Target::textRef(s.textKey)};
            f.message = s.no + "、" + s.heading + "未填写：年报六部分内容不能遗漏";
        } else {
            const TableDef* t = ctx.r.format->findTable(s.tableId);
            bool any = false;
            for (int i : t->cells) any |= ctx.value(i).has_value();
            if (any) continue;
            f.cells = {s.tableId};
            f.message = s.no + "、" + s.heading + "（" + t->shortName + "）未填写任何数据：没有发生的请填 0";
        }
        ctx.out.push_back(std::move(f));
    }
}

void checkMeta(const Rule& rule, const Ctx& ctx) {
    if (isBlankText(ctx.r.meta.agency)) {
        Finding f = base(rule);
        f.cells = {Target::metaRef("agency")};
        f.message = "机关名称未填写";
        ctx.out.push_back(std::move(f));
    }
    if (!ctx.r.meta.year) {
        Finding f = base(rule);
        f.cells = {Target::metaRef("year")};
        f.message = ctx.r.meta.yearText.empty() ? "报告年度未填写" : yearProblem(ctx.r.meta.yearText);
        ctx.out.push_back(std::move(f));
    }
}

void checkFormatYear(const Rule& rule, const Ctx& ctx) {
    if (!ctx.r.meta.year) return;
    int y = *ctx.r.meta.year;
    const Format& f = *ctx.r.format;
    if (y >= f.yearMin && y <= f.yearMax) return;
    Finding fd = base(rule);
    fd.cells = {Target::metaRef("year"), Target::formatRef()};
    const Format& oldest = *findFormat(formatIds().front());
    if (y < oldest.yearMin) fd.message = std::to_string(y) + " 年度的报告早于现行条例下的年报格式（最早的 " + oldest.label + "用于 " + yearsText(oldest) + "）";
    else {
        const Format& want = formatForYear(y);
        fd.message = std::to_string(y) + " 年度报告应使用" + want.label + "《" + want.name + "》（" + want.document +
                     "），当前为 " + f.label;
    }
    ctx.out.push_back(std::move(fd));
}

// days since 1970-01-01 of a date as clerks type it (parseDate; H. Hinnant's days_from_civil)
long daysOf(const std::string& typed) {
    auto dt = parseDate(typed);
    if (!dt) return 0;
    long y = dt->year - (dt->month <= 2), m = dt->month, d = dt->day;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void checkDeadline(const Rule& rule, const Ctx& ctx) {
    const std::string& d = ctx.r.meta.published;
    if (std::string why = dateProblem(d); !why.empty()) {   // kept as typed: say so, never refuse the file
        Finding f = base(rule);
        f.cells = {Target::metaRef("published")};
        f.message = why;
        ctx.out.push_back(std::move(f));
        return;
    }
    if (d.empty() || !ctx.r.meta.year) return;
    const std::string iso = normalizeDate(d);   // the field may still hold what is being typed ("2020年3月30日")
    int y = *ctx.r.meta.year;
    // an agency of no stated kind is held to the first kind's deadline (人民政府)
    std::string kind(findAgencyKind(ctx.r.meta.agencyKind) ? ctx.r.meta.agencyKind : std::string(kAgencyKinds[0].id));
    const std::string& md = rule.deadlines.at(kind);
    std::string deadline = std::to_string(y + 1) + "-" + md;
    Finding f = base(rule);
    f.cells = {Target::metaRef("published")};
    if (iso > deadline) {
        long late = daysOf(iso) - daysOf(deadline);
        f.difference = fromInt(late);   // days late
        f.message = "公开日期 " + iso + " 晚于法定期限 " + deadline + " " + std::to_string(late) + " 天（" + rule.basis + "）";
        ctx.out.push_back(std::move(f));
    } else if (iso <= std::to_string(y) + "-12-31") {
        f.message = "公开日期 " + iso + " 早于统计期结束（" + std::to_string(y) + " 年 12 月 31 日），请核实年度或日期";
        ctx.out.push_back(std::move(f));
    }
}

void checkUnits(const Rule& rule, const Ctx& ctx) {
    for (const std::string& id : rule.cells) {
        int i = ctx.r.format->findCell(id);
        if (i < 0 || !ctx.value(i) || ctx.r.units.count(id)) continue;
        Finding f = base(rule);
        f.cells = {id};
        f.message = ctx.cell(i).name + " 未注明单位（元或万元）：" + rule.basis;
        ctx.out.push_back(std::move(f));
    }
}

void checkKinds(const Rule& rule, const Ctx& ctx) {
    for (std::size_t i = 0; i < ctx.r.cells.size(); ++i) {
        if (!ctx.r.cells[i]) continue;
        std::string p = cellValueProblem(ctx.cell(static_cast<int>(i)), *ctx.r.cells[i]);
        if (p.empty()) continue;
        Finding f = base(rule);
        f.cells = {ctx.cell(static_cast<int>(i)).id};
        f.actual = *ctx.r.cells[i];
        f.message = ctx.cell(static_cast<int>(i)).name + "：" + p + "，填报 " + num(*ctx.r.cells[i]);
        ctx.out.push_back(std::move(f));
    }
}

} // namespace

// ---------------------------------------------------------------- [SECTION] entry points
std::shared_ptr<const CompiledRules> compileRules(const Format& f) {
    return std::make_shared<const CompiledRules>(compile(f.rules, f));
}

std::vector<RuleSetError> validateRules(const Format& f) {
    return f.compiled ? f.compiled->errors : compile(f.rules, f).errors;
}

std::shared_ptr<const CompiledRules> compileRules(const Format& f, const json& rules, std::vector<RuleSetError>& errors) {
    auto rs = std::make_shared<CompiledRules>(compile(rules, f));
    errors = rs->errors;
    return rs;
}

std::vector<std::string> ruleIds(const CompiledRules& rules) {
    std::vector<std::string> ids;
    for (const Rule& r : rules.rules) ids.push_back(r.code);
    return ids;
}

namespace {
std::vector<RuleKeyInfo> keysOf(const std::vector<Param>& ps) {
    std::vector<RuleKeyInfo> out;
    for (const Param& p : ps) out.push_back({p.key, p.required});
    return out;
}
} // namespace

std::vector<RuleKeyInfo> ruleCommonKeys() { return keysOf(kCommon); }
std::vector<RuleKeyInfo> ruleFigureKeys() { return keysOf(kFigure); }
std::vector<RuleKindInfo> ruleKinds() {
    std::vector<RuleKindInfo> out;
    for (const Kind& k : kKinds) out.push_back({k.check, keysOf(k.params)});
    return out;
}

// the format's carry-over rule (its file's "carry_over": this year's cell = last year's), or nullptr
const Rule* carryOverRuleOf(const Format& f) {
    if (f.carryOverRule.empty() || !f.compiled) return nullptr;
    for (const Rule& rule : f.compiled->rules)
        if (rule.code == f.carryOverRule && rule.check == "equal") return &rule;
    return nullptr;
}

std::vector<std::pair<int, Fixed>> carryOverOffer(const Report& cur, const Report& prev) {
    std::vector<std::pair<int, Fixed>> out;
    if (const Rule* rule = carryOverRuleOf(*cur.format)) {
        for (const Instance& in : rule->instances) {
            if (in.lhs.size() != 1 || in.lhs[0].prev || in.lhs[0].isConst || in.lhs[0].cell < 0) continue;
            if (cur.cells[static_cast<std::size_t>(in.lhs[0].cell)]) continue;   // filled already: never overwritten
            Fixed sum = 0;
            bool any = false, ok = true;
            for (const Term& t : in.rhs) {
                if (!t.prev) { ok = false; break; }   // only last year's cells
                if (auto v = prev.get(t.id)) { sum += t.sign * *v; any = true; }
            }
            if (ok && any) out.emplace_back(in.lhs[0].cell, sum);
        }
    }
    return out;
}

CarryOverRows carryOverRows(const Format& f) {
    if (const Rule* rule = carryOverRuleOf(f)) {
        for (const Instance& in : rule->instances) {
            const int fromCell = in.rhs.empty() ? -1 : f.findCell(in.rhs[0].id);   // last year's cell, named as in this format
            if (in.lhs.size() != 1 || in.lhs[0].cell < 0 || fromCell < 0) continue;
            const CellDef& into = f.cells[static_cast<std::size_t>(in.lhs[0].cell)];
            const CellDef& from = f.cells[static_cast<std::size_t>(fromCell)];
            const TableDef* t = f.findTable(into.table);
            return {(t ? t->shortName : std::string()) + "“" + into.rowName + "”", "“" + from.rowName + "”"};
        }
    }
    return {};
}

std::string explanationKey(const Finding& f) {
    return f.cells.empty() ? f.code : f.code + "@" + f.cells[0];
}

std::vector<Finding> checkReport(const Report& r, const Report* previous, const std::vector<RulePack>& packs) {
    std::vector<Finding> out;
    if (!r.format || !r.format->compiled) return out;
    Ctx ctx{r, previous, out, std::vector<char>(r.cells.size(), 1)};
    for (const TableDef& t : r.format->tables)
        for (int i : r.countedCells(t)) ctx.inactive[static_cast<std::size_t>(i)] = 0;
    auto run = [&](const CompiledRules& rules) {
        for (const Rule& rule : rules.rules) {
            if (rule.needsPrev && !previous) continue;
            rule.run(rule, ctx);
        }
    };
    run(*r.format->compiled);
    for (const RulePack& p : packs) {
        auto it = p.compiled.find(r.format->id);
        if (it == p.compiled.end()) continue;
        std::size_t from = out.size();
        run(*it->second);
        for (std::size_t i = from; i < out.size(); ++i) {   // a pack's finding says whose rule it is
            out[i].pack = p.name;
            out[i].message += "〔" + p.name + (p.document.empty() ? "" : "，" + p.document) + "〕";
        }
    }
    if (!r.explanations.empty())
        for (Finding& f : out) {
            if (f.severity == Severity::Error) continue;   // an error cannot be explained away
            auto e = r.explanations.find(explanationKey(f));
            if (e != r.explanations.end()) f.explanation = e->second;
        }
    std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) { return a.severity < b.severity; });
    return out;
}

std::vector<Finding> checkReport(const Report& r, const Report* previous) {
    return checkReport(r, previous, std::vector<RulePack>{});
}

json findingsToJson(const std::vector<Finding>& fs, const std::string& file) {
    auto number = [](Fixed v) { return isWhole(v) ? json(v / kScale) : json(static_cast<double>(v) / kScale); };
    json arr = json::array();
    for (const Finding& f : fs) {
        json o = json::object();
        if (!file.empty()) o["file"] = file;
        o["code"] = f.code;
        o["severity"] = severityName(f.severity);
        o["rule"] = f.rule;
        o["cells"] = f.cells;
        if (f.expected) o["expected"] = number(*f.expected);
        if (f.actual) o["actual"] = number(*f.actual);
        if (f.difference) o["difference"] = number(*f.difference);
        o["message"] = f.message;
        if (!f.pack.empty()) o["pack"] = f.pack;
        if (!f.explanation.empty()) o["explanation"] = f.explanation;
        if (!f.fixes.empty()) o["fix"] = {{"cell", f.fixes[0].cell}, {"value", number(f.fixes[0].value)}};
        if (f.fixes.size() > 1) {
            json all = json::array();
            for (const auto& x : f.fixes) all.push_back({{"cell", x.cell}, {"value", number(x.value)}});
            o["fixes"] = std::move(all);
        }
        arr.push_back(std::move(o));
    }
    return arr;
}

} // namespace nb
