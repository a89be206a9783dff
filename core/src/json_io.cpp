// json_io.cpp — load/save of the interchange JSON (interchange.md §2).
// [SECTION] SAX: builds the DOM while enforcing depth, duplicate keys and exact number text
// [SECTION] loadReport: validates every field and names the one that is wrong
// [SECTION] saveReport: deterministic output in the format's official order
#include "nianbao/json_io.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/zip_io.hpp"
#include "nianbao/html_render.hpp"
#include "nianbao/page_verify.hpp"
#include "nianbao/meta_values.hpp"
#include <cstdlib>
#include <set>
#include <vector>

namespace nb {

using nlohmann::json;

namespace {

// A float token is kept as its exact text, stored as a string that starts with 0xFF: the lexer
// rejects invalid UTF-8 in real strings, so no string from the file can start with that byte.
constexpr char kNumTag = '\xFF';

std::string pathText(const std::vector<std::string>& p) {
    std::string s;
    for (const auto& k : p) { if (!s.empty()) s += '.'; s += k; }
    return s;
}

class Sax {
public:
    explicit Sax(json& root) : m_dom(root, false) {}
    std::string error;      // set when the handler itself stopped the parse
    std::string errorPath;
    bool syntax = false;
    std::size_t position = 0;
    std::string syntaxWhat;

    bool null() { return m_dom.null(); }
    bool boolean(bool v) { return m_dom.boolean(v); }
    bool number_integer(json::number_integer_t v) { return m_dom.number_integer(v); }
    bool number_unsigned(json::number_unsigned_t v) { return m_dom.number_unsigned(v); }
    bool number_float(json::number_float_t, const std::string& s) {
        std::string tagged(1, kNumTag);
        tagged += s;
        return m_dom.string(tagged);
    }
    bool string(std::string& s) { return m_dom.string(s); }
    bool binary(json::binary_t& b) { return m_dom.binary(b); }
    bool start_object(std::size_t n) {
        if (!enter()) return false;
        m_keys.emplace_back();
        m_path.emplace_back();
        return m_dom.start_object(n);
    }
    bool key(std::string& k) {
        if (!m_keys.back().insert(k).second) {
            m_path.back() = k;
            error = "重复的键“" + k + "”：同一对象中出现两次，无法确定以哪个为准";
            errorPath = pathText(m_path);
            return false;
        }
        m_path.back() = k;
        return m_dom.key(k);
    }
    bool end_object() { m_keys.pop_back(); m_path.pop_back(); --m_depth; return m_dom.end_object(); }
    bool start_array(std::size_t n) {
        if (!enter()) return false;
        m_keys.emplace_back();
        m_path.emplace_back("[]");
        return m_dom.start_array(n);
    }
    bool end_array() { m_keys.pop_back(); m_path.pop_back(); --m_depth; return m_dom.end_array(); }
    bool parse_error(std::size_t pos, const std::string&, const nlohmann::detail::exception& ex) {
        syntax = true;
        position = pos;
        syntaxWhat = ex.what();
        return false;
    }

private:
    bool enter() {
        if (++m_depth > kMaxJsonDepth) {
            error = "JSON 嵌套层数超过 " + std::to_string(kMaxJsonDepth) + " 层，不是年报文件";
            errorPath = pathText(m_path);
            return false;
        }
        return true;
    }
    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    std::vector<std::set<std::string>> m_keys;
    std::vector<std::string> m_path;
    int m_depth = 0;
};

std::string syntaxReason(const std::string& what) {
    if (what.find("unexpected end of input") != std::string::npos) return "文件不完整（内容在中途结束）";
    if (what.find("UTF-8") != std::string::npos || what.find("utf-8") != std::string::npos) return "含有非法的 UTF-8 编码（文件可能不是 UTF-8 格式）";
    if (what.find("surrogate") != std::string::npos) return "含有非法的 \\u 转义（孤立的代理项）";
    if (what.find("control character") != std::string::npos) return "字符串中含有未转义的控制字符";
    if (what.find("invalid literal") != std::string::npos) return "无法识别的内容（NaN、Infinity 等不是合法的 JSON 数值）";
    if (what.find("missing closing quote") != std::string::npos) return "字符串缺少结束引号（文件可能不完整，或引号未转义）";
    if (what.find("invalid number") != std::string::npos) {
        if (what.find("'-I") != std::string::npos || what.find("'-N") != std::string::npos)
            return "无法识别的内容（NaN、Infinity 等不是合法的 JSON 数值）";
        return "数字格式错误";
    }
    if (what.find("invalid string") != std::string::npos) return "字符串格式错误";
    return "JSON 格式错误";
}

const char* typeName(const json& v) {
    if (v.is_string() && !v.get_ref<const std::string&>().empty() && v.get_ref<const std::string&>()[0] == kNumTag) return "数字";
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "true/false";
    case json::value_t::string: return "文本";
    case json::value_t::object: return "对象";
    case json::value_t::array: return "数组";
    default: return "数字";
    }
}

bool isNumber(const json& v) {
    return v.is_number_integer() || v.is_number_unsigned() ||
           (v.is_string() && !v.get_ref<const std::string&>().empty() && v.get_ref<const std::string&>()[0] == kNumTag);
}

std::string numberText(const json& v) {
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    return v.get_ref<const std::string&>().substr(1);
}

std::string shown(const json& v) {
    std::string s = isNumber(v) ? numberText(v) : v.dump(-1, ' ', false, json::error_handler_t::replace);
    if (s.size() > 40) {
        std::size_t cut = 37;
        while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;   // never split a character
        s = s.substr(0, cut) + "…";
    }
    return s;
}

// numbers inside fields we keep but do not interpret (extra keys) go back to being numbers
void untag(json& v) {
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (!s.empty() && s[0] == kNumTag) v = std::strtod(s.c_str() + 1, nullptr);
    } else if (v.is_structured()) {
        for (auto& e : v) untag(e);
    }
}

struct Loader {
    LoadError err;
    std::vector<std::string> at;    // the keys leading to the element being read (empty: the document itself)
    std::vector<std::string> errAt; // `at` when the error was found: what salvaging leaves out
    bool fail(std::string path, std::string msg) {
        err.path = std::move(path);
        err.message = std::move(msg);
        errAt = at;
        return false;
    }

    bool textField(const json& v, const std::string& path, std::string& out, std::size_t limit) {
        if (v.is_null()) { out.clear(); return true; }
        if (!v.is_string() || isNumber(v)) return fail(path, std::string("应为文本，实为") + typeName(v));
        const auto& s = v.get_ref<const std::string&>();
        if (s.size() > limit)
            return fail(path, "文本过长（" + std::to_string(s.size()) + " 字节，上限 " + std::to_string(limit) + " 字节）");
        out = s;
        return true;
    }

    bool cellValue(const CellDef& c, const json& v, std::optional<Fixed>& out) {
        if (v.is_null()) { out.reset(); return true; }
        if (!isNumber(v)) {
            std::string m = std::string("应为数字，实为") + typeName(v) + " " + shown(v);
            if (v.is_string()) m += "（数字不要加引号；空白请省略或写 null）";
            return fail(c.id, m);
        }
        Fixed f = 0;
        if (std::string why = readCellValue(c, numberText(v), f, false); !why.empty()) return fail(c.id, why + "，填报 " + shown(v));
        out = f;
        return true;
    }

    bool load(const json& root, Report& r) {
        at.clear();
        if (!root.is_object()) return fail("", std::string("文件内容应为一个 JSON 对象，实为") + typeName(root));
        auto ver = root.find("nianbao");
        if (ver == root.end()) return fail("nianbao", "缺少版本号 \"nianbao\": 1，这不是 nianbao 年报文件");
        if (!ver->is_number_integer() && !ver->is_number_unsigned())
            return fail("nianbao", std::string("版本号应为整数 1，实为") + typeName(*ver) + " " + shown(*ver));
        if (ver->get<std::int64_t>() > 1)
            return fail("nianbao", "此文件由更新版本的 nianbao 生成（版本 " + shown(*ver) + "），本程序只能读取版本 1，请升级后再打开");
        if (ver->get<std::int64_t>() < 1) return fail("nianbao", "版本号无效：" + shown(*ver));

        auto fmt = root.find("format");
        if (fmt == root.end()) return fail("format", "缺少报告格式 \"format\"（" + formatIdList() + "）");
        if (!fmt->is_string() || isNumber(*fmt))
            return fail("format", "报告格式应为文本 " + formatIdList() + " 之一，实为" + typeName(*fmt) + " " + shown(*fmt));
        const Format* f = findFormat(fmt->get<std::string>());
        if (!f) return fail("format", "未知的报告格式 " + shown(*fmt) + "（应为 " + formatIdList() + " 之一）");
        r = Report::blank(*f);

        for (auto it = root.begin(); it != root.end(); ++it) {
            const std::string& k = it.key();
            at = {k};
            if (k == "nianbao" || k == "format") continue;
            if (k == "meta") { if (!loadMeta(*it, r)) return false; }
            else if (k == "text") { if (!loadText(*it, r)) return false; }
            else if (k == "tables") { if (!loadTables(*it, r)) return false; }
            else if (k == "units") { if (!loadUnits(*it, r)) return false; }
            else if (k == "explanations") { if (!loadExplanations(*it, r)) return false; }
            else { r.extra[k] = *it; untag(r.extra[k]); }   // a field added by a later tool: kept as it was
        }
        return true;
    }

    bool loadMeta(const json& m, Report& r) {
        if (!m.is_object()) return fail("meta", std::string("应为对象，实为") + typeName(m));
        for (auto it = m.begin(); it != m.end(); ++it) {
            const std::string& k = it.key();
            const json& v = *it;
            std::string p = Target::metaRef(k);
            at = {"meta", k};
            if (k == "agency") { if (!textField(v, p, r.meta.agency, 1000)) return false; }
            else if (k == "agency_kind") {
                if (!textField(v, p, r.meta.agencyKind, 100)) return false;
                if (!r.meta.agencyKind.empty() && !findAgencyKind(r.meta.agencyKind)) {
                    std::string kinds;
                    for (const AgencyKind& a : kAgencyKinds)
                        kinds += (kinds.empty() ? "" : "或 ") + ("\"" + std::string(a.id) + "\"（" + std::string(a.label) + "）");
                    return fail(p, "机关类型应为 " + kinds + "，实为 " + shown(v));
                }
            } else if (k == "year") {
                // a whole number in range is the year; anything else a person could type is kept as typed
                if (v.is_null()) continue;
                std::string typed;
                if (v.is_number_integer() || v.is_number_unsigned() || isNumber(v)) typed = numberText(v);
                else if (v.is_string()) { if (!textField(v, p, typed, 100)) return false; }
                else return fail(p, std::string("年度应为整数，实为") + typeName(v) + " " + shown(v));
                r.meta.year = parseYear(typed);
                r.meta.yearText = r.meta.year ? std::string() : typed;
            } else if (k == "published") {
                // what clerks type is read as a date; a value that is still not one is kept as typed
                std::string typed;
                if (!textField(v, p, typed, 100)) return false;
                r.meta.published = normalizeDate(typed);
            } else { r.meta.extra[k] = v; untag(r.meta.extra[k]); }
        }
        return true;
    }

    bool loadText(const json& t, Report& r) {
        if (!t.is_object()) return fail("text", std::string("应为对象，实为") + typeName(t));
        for (auto it = t.begin(); it != t.end(); ++it) {
            at = {"text", it.key()};
            if (!r.format->sectionForText(it.key()) || it.key().empty()) {
                std::string keys;   // the format's text sections
                for (const SectionDef& s : r.format->sections)
                    if (!s.textKey.empty()) keys += (keys.empty() ? "" : "、") + s.textKey;
                return fail(Target::textRef(it.key()), "未知的正文部分“" + it.key() + "”（应为 " + keys + "）");
            }
            if (!textField(*it, Target::textRef(it.key()), r.text[it.key()], kMaxTextBytes)) return false;
        }
        return true;
    }

    bool loadTables(const json& ts, Report& r) {
        if (!ts.is_object()) return fail("tables", std::string("应为对象，实为") + typeName(ts));
        const Format& f = *r.format;
        for (auto ti = ts.begin(); ti != ts.end(); ++ti) {
            at = {"tables", ti.key()};
            const TableDef* td = f.findTable(ti.key());
            if (!td) {
                std::string ids;   // the format's tables
                for (const TableDef& t : f.tables) ids += (ids.empty() ? "" : "、") + t.id;
                return fail("tables." + ti.key(), "未知的表格“" + ti.key() + "”（应为 " + ids + "）");
            }
            if (!ti->is_object()) return fail(ti.key(), std::string("应为对象，实为") + typeName(*ti));
            for (auto ri = ti->begin(); ri != ti->end(); ++ri) {
                std::string rowPath = ti.key() + "." + ri.key();
                at = {"tables", ti.key(), ri.key()};
                bool rowKnown = false;
                for (const auto& id : td->rowIds) if (id == ri.key()) rowKnown = true;
                if (!rowKnown)
                    return fail(rowPath, "未知的行“" + ri.key() + "”：" + f.label + "的" + td->shortName + "没有这一行");
                if (!ri->is_object()) return fail(rowPath, std::string("应为对象，实为") + typeName(*ri));
                for (auto ci = ri->begin(); ci != ri->end(); ++ci) {
                    std::string id = cellId(ti.key(), ri.key(), ci.key());
                    at = {"tables", ti.key(), ri.key(), ci.key()};
                    int idx = f.findCell(id);
                    if (idx < 0) return fail(id, "未知的列“" + ci.key() + "”：" + td->shortName + "的这一行没有这一列");
                    if (!cellValue(f.cells[static_cast<std::size_t>(idx)], *ci, r.cells[static_cast<std::size_t>(idx)])) return false;
                }
            }
            // a legacy row and the rows it stands for are never both filled
            for (int i : td->cells) {
                const CellDef& c = f.cells[static_cast<std::size_t>(i)];
                if (!c.legacy || !r.cells[static_cast<std::size_t>(i)]) continue;
                at = {"tables", td->id, c.row, c.col};
                for (int j : c.legacyOf)
                    if (r.cells[static_cast<std::size_t>(j)])
                        return fail(c.id, c.rowName + "既按旧格式填为一行（" + c.id + "），又分 " + std::to_string(c.legacyOf.size()) +
                                              " 项填写（" + f.cells[static_cast<std::size_t>(j)].id + "），只能选一种");
            }
        }
        return true;
    }

    // the filer's 情况说明 on warnings: "CODE@cell" → text (interchange.md §2)
    bool loadExplanations(const json& e, Report& r) {
        if (!e.is_object()) return fail("explanations", std::string("应为对象，实为") + typeName(e));
        for (auto it = e.begin(); it != e.end(); ++it) {
            std::string p = "explanations." + it.key();
            at = {"explanations", it.key()};
            if (it.key().empty() || it.key().size() > 200) return fail(p, "情况说明的键应为“规则编号@单元格”");
            std::string v;
            if (!textField(*it, p, v, kMaxExplanationBytes)) return false;
            if (!v.empty()) r.explanations[it.key()] = v;
        }
        return true;
    }

    bool loadUnits(const json& u, Report& r) {
        if (!u.is_object()) return fail("units", std::string("应为对象，实为") + typeName(u));
        for (auto it = u.begin(); it != u.end(); ++it) {
            std::string p = "units." + it.key();
            at = {"units", it.key()};
            int idx = r.format->findCell(it.key());
            if (idx < 0) return fail(p, "未知的单元格“" + it.key() + "”");
            const CellDef& c = r.format->cells[static_cast<std::size_t>(idx)];
            if (c.units.empty()) return fail(p, c.name + " 的单位是固定的，不能另行指定");
            std::string v;
            if (!textField(*it, p, v, 100)) return false;
            bool ok = false;
            std::string allowed;
            for (const auto& a : c.units) { ok |= a == v; allowed += (allowed.empty() ? "" : "、") + a; }
            if (!ok) return fail(p, "单位应为 " + allowed + "，实为 " + shown(*it));
            r.units[it.key()] = v;
        }
        return true;
    }
};

std::pair<int, int> lineColumn(std::string_view text, std::size_t pos) {
    int line = 1, col = 1;
    for (std::size_t i = 0; i < pos && i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c == '\n') { ++line; col = 1; }
        else if ((c & 0xC0) != 0x80) ++col;   // count characters, not bytes
    }
    return {line, col};
}

} // namespace

std::string LoadError::text() const {
    std::string s;
    if (line > 0) s = "第 " + std::to_string(line) + " 行第 " + std::to_string(column) + " 列：";
    if (!path.empty()) s += path + "：";
    return s + message;
}

LoadResult loadReport(std::string_view text, LoadMode mode) {
    LoadResult res;
    if (text.size() > kMaxFileBytes) {
        res.error.message = "文件过大（" + std::to_string(text.size() >> 20) + " MB），年报文件不应超过 " +
                            std::to_string(kMaxFileBytes >> 20) + " MB";
        return res;
    }
    if (text.empty() || text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        res.error.message = "文件是空的";
        return res;
    }
    json root;
    Sax sax(root);
    bool ok = json::sax_parse(text.begin(), text.end(), &sax, json::input_format_t::json, true);
    if (!ok) {
        if (sax.syntax) {
            auto [l, c] = lineColumn(text, sax.position > 0 ? sax.position - 1 : 0);
            res.error.line = l;
            res.error.column = c;
            res.error.message = "JSON 语法错误：" + syntaxReason(sax.syntaxWhat);
        } else {
            res.error.path = sax.errorPath;
            res.error.message = sax.error.empty() ? "无法读取 JSON" : sax.error;
        }
        return res;
    }
    // Salvage: leave out the one field that is wrong, say so, and read the rest again (each pass removes
    // one element of the document, so this ends; the bound only keeps a hostile file from taking long)
    for (int pass = 0;; ++pass) {
        Report r;
        Loader loader;
        if (loader.load(root, r)) {
            res.report = std::move(r);
            return res;
        }
        bool canSkip = mode == LoadMode::Salvage && loader.errAt.size() >= 2 && pass < 1000;
        json* parent = &root;
        for (std::size_t i = 0; canSkip && i + 1 < loader.errAt.size(); ++i) {
            auto it = parent->find(loader.errAt[i]);
            canSkip = it != parent->end() && it->is_object();
            if (canSkip) parent = &*it;
        }
        if (canSkip) canSkip = parent->erase(loader.errAt.back()) == 1;
        if (!canSkip) {
            res.error = loader.err;
            res.skipped.clear();
            return res;
        }
        res.skipped.push_back(loader.err);
    }
}

std::string saveReport(const Report& r) {
    const Format& f = *r.format;
    // nlohmann's object is ordered by key; build the document by hand for the official order
    std::string out = "{\n  \"nianbao\": 1,\n  \"format\": " + json(f.id).dump() + ",\n";
    auto metaLine = [](const std::string& k, const json& v) { return "    " + json(k).dump() + ": " + v.dump(-1, ' ', false, json::error_handler_t::replace); };
    std::vector<std::string> lines;
    lines.push_back(metaLine("agency", r.meta.agency));
    if (!r.meta.agencyKind.empty()) lines.push_back(metaLine("agency_kind", r.meta.agencyKind));
    if (r.meta.year) lines.push_back(metaLine("year", *r.meta.year));
    else if (!r.meta.yearText.empty()) lines.push_back(metaLine("year", r.meta.yearText));   // kept as typed: a finding
    if (std::string d = normalizeDate(r.meta.published); !d.empty()) lines.push_back(metaLine("published", d));
    for (auto it = r.meta.extra.begin(); it != r.meta.extra.end(); ++it) lines.push_back(metaLine(it.key(), *it));
    out += "  \"meta\": {\n";
    for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    out += "  },\n  \"text\": {\n";
    lines.clear();
    for (const auto& s : f.sections) {
        if (s.textKey.empty()) continue;
        auto it = r.text.find(s.textKey);
        lines.push_back(metaLine(s.textKey, it == r.text.end() ? std::string() : it->second));
    }
    for (std::size_t i = 0; i < lines.size(); ++i) out += lines[i] + (i + 1 < lines.size() ? ",\n" : "\n");
    out += "  },\n  \"tables\": {";
    bool firstTable = true;
    for (const auto& t : f.tables) {
        out += firstTable ? "\n" : ",\n";
        firstTable = false;
        out += "    " + json(t.id).dump() + ": {";
        bool firstRow = true;
        for (const auto& rowId : t.rowIds) {
            std::string cellsText;
            for (int i : t.cells) {
                const CellDef& c = f.cells[static_cast<std::size_t>(i)];
                if (c.row != rowId || !r.cells[static_cast<std::size_t>(i)]) continue;
                if (!cellsText.empty()) cellsText += ", ";
                // exact decimal text, not a double: above ~10^11 a double cannot hold every 4-decimal value
                cellsText += json(c.col).dump() + ": " + formatDecimal(*r.cells[static_cast<std::size_t>(i)]);
            }
            if (cellsText.empty()) continue;
            out += firstRow ? "\n" : ",\n";
            firstRow = false;
            out += "      " + json(rowId).dump() + ": { " + cellsText + " }";
        }
        out += firstRow ? "}" : "\n    }";
    }
    out += "\n  }";
    if (!r.units.empty()) {
        out += ",\n  \"units\": {";
        bool first = true;
        for (const auto& [k, v] : r.units) { out += (first ? " " : ", ") + json(k).dump() + ": " + json(v).dump(); first = false; }
        out += " }";
    }
    if (!r.explanations.empty()) {
        out += ",\n  \"explanations\": {";
        bool first = true;
        for (const auto& [k, v] : r.explanations) {
            if (v.empty()) continue;
            out += std::string(first ? "\n" : ",\n") + "    " + json(k).dump(-1, ' ', false, json::error_handler_t::replace) +
                   ": " + json(v).dump(-1, ' ', false, json::error_handler_t::replace);
            first = false;
        }
        out += first ? "}" : "\n  }";
    }
    for (auto it = r.extra.begin(); it != r.extra.end(); ++it)
        out += ",\n  " + json(it.key()).dump() + ": " + it->dump(-1, ' ', false, json::error_handler_t::replace);
    out += "\n}\n";
    return out;
}

std::optional<std::string> extractEmbeddedJson(std::string_view html) {
    const std::string marker = "id=\"" + std::string(kPageDataId) + "\"";
    auto p = html.find(marker);
    if (p == std::string_view::npos) return std::nullopt;
    auto start = html.find('>', p);
    if (start == std::string_view::npos) return std::nullopt;
    auto end = html.find("</script>", start);
    if (end == std::string_view::npos) return std::nullopt;
    std::string s(html.substr(start + 1, end - start - 1));
    // renderHtml escapes '<' as \u003c inside the block; JSON parsing undoes that by itself
    return s;
}

LoadResult loadReportOrPage(std::string_view text, LoadMode mode) {
    if (looksLikeZip(text)) {   // a .docx: nianbao's own carries the report in a custom XML part
        std::string why;
        auto d = readDocxData(text, why);
        if (!d) {
            LoadResult res;
            res.error.message = why;
            return res;
        }
        LoadResult res = loadReport(d->json, mode);
        if (res.ok() && !d->fingerprintMatches) {
            res.integrity.push_back(dataChangedFinding(
                "Word 文件中的报告数据在生成后被改动：与随附的数据指纹（SHA-256）不符。请向报送单位索取原始文件"));
        }
        if (res.ok())
            for (auto& f : verifyDocx(d->document, *res.report)) res.integrity.push_back(std::move(f));
        return res;
    }
    auto first = text.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && text[first] == '<') {
        auto j = extractEmbeddedJson(text);
        if (!j) {
            LoadResult res;
            res.error.message = "这个网页不是 nianbao 导出的年报页面（找不到其中的报告数据）";
            return res;
        }
        LoadResult res = loadReport(*j, mode);
        if (res.ok()) res.integrity = verifyPage(text, *res.report);
        return res;
    }
    return loadReport(text, mode);
}

} // namespace nb
