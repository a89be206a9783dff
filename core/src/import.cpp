// import.cpp — recognising a report in a document read by import_html.cpp / import_docx.cpp (see import.hpp).
// Tables: each printed table is laid out on a grid (row and column spans expanded); a row whose leading
// cells are labels of an official row is a data row, the rows before it are its header; each header column's
// deepest printed label, with the labels above it, names an official column. A cell is placed only when its
// row and its column each name one official row and column of the same block; otherwise it stays blank
// and is listed. The format is the one whose tables the document's tables fit best. Labels are compared
// after the printing differences that carry no meaning are taken out (spaces, full-/half-width forms,
// quotes, numbering （一）/(一)/一、/1.) and, failing that, without their parenthesised remarks.
#include "nianbao/import.hpp"
#include "nianbao/docx_render.hpp"
#include "nianbao/json_io.hpp"
#include "nianbao/meta_values.hpp"
#include "nianbao/text_from_tables.hpp"
#include "nianbao/zip_io.hpp"
#include <algorithm>
#include <map>
#include <set>

namespace nb {

const std::vector<std::string_view>& embeddedImportLexicon();   // core/formats/import.json, embedded

namespace {

using nlohmann::json;

const json& lexicon() {
    static const json j = json::parse(embeddedImportLexicon().at(0));
    return j;
}

std::vector<std::string> lexList(const char* key) {
    std::vector<std::string> out;
    for (const auto& v : lexicon().at(key)) out.push_back(v.get<std::string>());
    return out;
}

// ---- text forms -------------------------------------------------------------------------------------

char32_t nextCode(std::string_view s, std::size_t& i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (i + len > s.size()) len = 1;
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    i += len;
    return cp;
}

void putCode(std::string& out, char32_t cp) {
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) { out += static_cast<char>(0xC0 | (cp >> 6)); out += static_cast<char>(0x80 | (cp & 0x3F)); }
    else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12)); out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18)); out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F)); out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

bool spaceCode(char32_t c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0xA0 || c == 0x3000 ||
           (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0xFEFF;
}

// spaces out, full-width ASCII forms half-width, ASCII lower case; `fullDigits` tells whether any were full-width
std::string compact(std::string_view s, bool* fullDigits = nullptr) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        char32_t c = nextCode(s, i);
        if (spaceCode(c)) continue;
        if (c >= 0xFF01 && c <= 0xFF5E) {
            if (fullDigits && c >= 0xFF10 && c <= 0xFF19) *fullDigits = true;
            c -= 0xFEE0;
        }
        if (c == 0x2212 || c == 0x2013) c = '-';   // minus sign, en dash before a figure
        if (c >= 'A' && c <= 'Z') c += 32;
        putCode(out, c);
    }
    return out;
}

bool cjkNumeral(char32_t c) { return std::u32string_view(U"一二三四五六七八九十").find(c) != std::u32string_view::npos; }

// the comparison key of a printed label: compact, quotes and numbering out, Chinese punctuation as ASCII
std::string labelKey(std::string_view s) {
    std::string c = compact(s);
    std::u32string u;
    for (std::size_t i = 0; i < c.size();) {
        char32_t ch = nextCode(c, i);
        switch (ch) {
        case U'“': case U'”': case U'‘': case U'’': case U'"': case U'\'': case U'「': case U'」': case U'『': case U'』': continue;
        case U'（': ch = '('; break;
        case U'）': ch = ')'; break;
        case U'，': ch = ','; break;
        case U'：': ch = ':'; break;
        case U'．': case U'。': ch = '.'; break;
        case U'；': ch = ';'; break;
        default: break;
        }
        u += ch;
    }
    // one numbering prefix: (一) (1) 一、 一. 1. 1、 1)
    std::size_t k = 0;
    if (!u.empty() && u[0] == '(') {
        std::size_t j = 1;
        while (j < u.size() && (cjkNumeral(u[j]) || (u[j] >= '0' && u[j] <= '9'))) ++j;
        if (j > 1 && j < u.size() && u[j] == ')') k = j + 1;
    } else {
        std::size_t j = 0;
        while (j < u.size() && (cjkNumeral(u[j]) || (u[j] >= '0' && u[j] <= '9'))) ++j;
        if (j > 0 && j < u.size() && (u[j] == U'、' || u[j] == '.' || u[j] == ')')) k = j + 1;
    }
    while (u.size() > k && std::u32string_view(U".,;:、").find(u.back()) != std::u32string_view::npos) u.pop_back();
    std::string out;
    for (std::size_t i = k; i < u.size(); ++i) putCode(out, u[i]);
    return out;
}

// the key without its parenthesised remarks: "部分公开(区分处理的,…)" → "部分公开"
std::string bareKey(const std::string& key) {
    std::string out;
    int depth = 0;
    for (char c : key) {
        if (c == '(') ++depth;
        else if (c == ')') { if (depth > 0) --depth; }
        else if (depth == 0) out += c;
    }
    return out;
}

struct LabelKeys {
    std::set<std::string> keys;   // each accepted printing's key and bare key
    void add(const std::string& label) {
        std::string k = labelKey(label);
        if (k.empty()) return;
        keys.insert(k);
        std::string b = bareKey(k);
        if (!b.empty()) keys.insert(b);
    }
    bool matches(const std::string& printed) const {
        std::string k = labelKey(printed);
        if (k.empty()) return false;
        if (keys.count(k)) return true;
        std::string b = bareKey(k);
        return !b.empty() && keys.count(b);
    }
};

bool blankToken(const std::string& c) {
    static const std::vector<std::string> tokens = lexList("blank_tokens");
    return std::find(tokens.begin(), tokens.end(), c) != tokens.end();
}

bool endsWith(const std::string& s, const std::string& t) {
    return s.size() >= t.size() && s.compare(s.size() - t.size(), t.size(), t) == 0;
}

// "1,234", "-8", "+19", "7730.28", with a unit after it or not
bool numberLike(const std::string& c) {
    std::string s = c;
    for (const auto& u : lexList("count_units")) if (endsWith(s, u)) { s.resize(s.size() - u.size()); break; }
    for (auto it = lexicon().at("money_units").begin(); it != lexicon().at("money_units").end(); ++it)
        if (endsWith(s, it.key())) { s.resize(s.size() - it.key().size()); break; }
    std::size_t i = 0;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    bool digit = false;
    for (; i < s.size(); ++i) {
        if (s[i] >= '0' && s[i] <= '9') digit = true;
        else if (s[i] != ',' && s[i] != '.' && s.compare(i, 3, "，") != 0) return false;
        else if (s.compare(i, 3, "，") == 0) i += 2;
    }
    return digit;
}

bool valueLike(const std::string& printed) {
    std::string c = compact(printed);
    return c.empty() || blankToken(c) || numberLike(c);
}

// ---- the format's labels --------------------------------------------------------------------------

struct OfficialRow {
    int table = 0, block = 0;
    std::string id;                      // "" for a block without row labels (表四)
    LabelKeys leaf;
    std::vector<LabelKeys> ancestors;
    std::string name;                    // as the format prints it
};

struct OfficialColumn {
    int table = 0, block = 0;
    std::string key;
    LabelKeys leaf;
    std::vector<LabelKeys> ancestors;
    std::string name;
};

struct Catalogue {
    std::vector<OfficialRow> rows;
    std::vector<OfficialColumn> columns;
};

LabelKeys keysOf(const std::string& label, const std::vector<std::string>& also) {
    LabelKeys k;
    k.add(label);
    for (const auto& a : also) k.add(a);
    return k;
}

void addRows(const RowNode& n, int t, int b, std::vector<LabelKeys>& path, std::vector<OfficialRow>& out) {
    if (!n.legacyId.empty())
        out.push_back({t, b, n.legacyId, keysOf(n.legacyLabel, n.also), path, n.legacyLabel});
    if (n.children.empty()) {
        out.push_back({t, b, n.id, keysOf(n.label, n.also), path, n.label});
        return;
    }
    path.push_back(keysOf(n.label, n.also));
    for (const auto& c : n.children) addRows(c, t, b, path, out);
    path.pop_back();
}

void addColumns(const HeaderNode& n, int t, int b, std::vector<LabelKeys>& path, std::vector<OfficialColumn>& out) {
    if (n.children.empty()) {
        out.push_back({t, b, n.key, keysOf(n.label, n.also), path, n.label});
        return;
    }
    path.push_back(keysOf(n.label, n.also));
    for (const auto& c : n.children) addColumns(c, t, b, path, out);
    path.pop_back();
}

const Catalogue& catalogue(const Format& f) {
    static std::map<const Format*, Catalogue> cache;
    auto it = cache.find(&f);
    if (it != cache.end()) return it->second;
    Catalogue c;
    for (std::size_t t = 0; t < f.tables.size(); ++t)
        for (std::size_t b = 0; b < f.tables[t].blocks.size(); ++b) {
            const Block& blk = f.tables[t].blocks[b];
            std::vector<LabelKeys> path;
            if (blk.rowLabels) for (const auto& r : blk.rows) addRows(r, int(t), int(b), path, c.rows);
            else c.rows.push_back({int(t), int(b), "", {}, {}, ""});
            for (const auto& col : blk.columns) addColumns(col, int(t), int(b), path, c.columns);
        }
    return cache.emplace(&f, std::move(c)).first->second;
}

// how many of `ancestors` appear among the printed labels
int ancestorScore(const std::vector<LabelKeys>& ancestors, const std::vector<std::string>& printed, std::size_t leafAt) {
    int s = 0;
    for (const auto& a : ancestors)
        for (std::size_t i = 0; i < printed.size(); ++i)
            if (i != leafAt && a.matches(printed[i])) { ++s; break; }
    return s;
}

// ---- one printed table on its grid ----------------------------------------------------------------

struct GridCell { int row = 0, col = 0, rowspan = 1, colspan = 1; std::string text; };

struct Grid {
    std::vector<GridCell> cells;
    std::vector<std::vector<int>> at;   // [row][col] → index into cells, -1 where nothing is printed
    int columns = 0;
};

Grid layOut(const DocTable& t) {
    Grid g;
    g.at.assign(t.rows.size(), {});
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        int c = 0;
        for (const auto& cell : t.rows[r]) {
            auto& row = g.at[r];
            while (c < int(row.size()) && row[c] >= 0) ++c;
            int rs = std::min<int>(cell.rowspan, int(t.rows.size() - r)), cs = std::min(cell.colspan, 64);
            g.cells.push_back({int(r), c, rs, cs, cell.text});
            for (int dr = 0; dr < rs; ++dr) {
                auto& rr = g.at[r + dr];
                if (int(rr.size()) < c + cs) rr.resize(c + cs, -1);
                for (int dc = 0; dc < cs; ++dc) rr[c + dc] = int(g.cells.size()) - 1;
            }
            c += cs;
        }
    }
    for (auto& row : g.at) g.columns = std::max(g.columns, int(row.size()));
    for (auto& row : g.at) row.resize(g.columns, -1);
    return g;
}

struct HeaderLeaf {
    int c0 = 0, c1 = 0;                  // grid columns
    std::vector<std::string> path;       // printed labels from the top down
};

struct Header {
    std::vector<HeaderLeaf> leaves;
    bool present = false;
};

Header headerOf(const Grid& g, const std::vector<int>& rows, int labelColumns) {
    Header h;
    h.present = !rows.empty();
    int lastOrigin = -2;
    for (int c = labelColumns; c < g.columns; ++c) {
        int deepest = -1;
        std::vector<std::string> path;
        for (int r : rows) {
            int o = g.at[r][c];
            if (o < 0 || compact(g.cells[o].text).empty()) continue;
            deepest = o;
            if (path.empty() || path.back() != g.cells[o].text) path.push_back(g.cells[o].text);
        }
        if (deepest >= 0 && deepest == lastOrigin) { h.leaves.back().c1 = c; continue; }
        lastOrigin = deepest;
        h.leaves.push_back({c, c, path});
    }
    return h;
}

// ---- the recognition of one format --------------------------------------------------------------

struct Placed { std::optional<Fixed> value; std::string unit; int table = 0; int row = 0; ImportedCell seen; };

struct Recognition {
    const Format* format = nullptr;
    std::map<int, Placed> cells;            // by cell index
    std::set<int> conflicted;
    std::vector<ImportItem> items;
    std::vector<std::string> notes;
    std::vector<bool> tableUsed;            // by document block: a table with a cell placed
    int score = 0;
};

std::string tableName(int k) { return "第 " + std::to_string(k) + " 个表格"; }

std::string joinLabels(const std::vector<std::string>& v) {
    std::string s;
    for (const auto& x : v) { if (!s.empty()) s += " "; s += x; }
    return s;
}

// a printed value read for a cell: the value, the unit recorded, or why it is left blank
struct ValueRead {
    std::optional<Fixed> value;
    std::string unit, conversion, problem;
};

ValueRead readValue(const CellDef& def, const std::string& printed) {
    ValueRead v;
    bool full = false;
    std::string c = compact(printed, &full);
    if (c.empty()) return v;
    if (blankToken(c)) { v.conversion = "“" + printed + "”读作空白"; return v; }
    std::string unit;
    for (auto it = lexicon().at("money_units").begin(); it != lexicon().at("money_units").end(); ++it)
        if (endsWith(c, it.key()) && it.key().size() > unit.size()) unit = it.key();
    std::string countUnit;
    if (unit.empty())
        for (const auto& u : lexList("count_units")) if (endsWith(c, u)) { countUnit = u; break; }
    std::string num = c.substr(0, c.size() - unit.size() - countUnit.size());
    bool grouped = num.find(',') != std::string::npos || num.find("，") != std::string::npos;
    if (!num.empty() && num[0] == '+') num.erase(0, 1);
    Fixed out = 0;
    std::string why = readCellValue(def, num, out, grouped);
    if (!why.empty() && unit.empty()) { v.problem = why; return v; }
    if (!unit.empty()) {
        if (def.kind != CellKind::Money) { v.problem = "件数格填有金额单位"; return v; }
        if (auto e = parseDecimal(num, out, grouped); e != DecimalError::None) { v.problem = "不是数字"; return v; }
        if (!def.units.empty()) {
            v.unit = unit;
        } else if (!def.fixedUnit.empty() && def.fixedUnit != unit) {
            int shift = lexicon().at("money_units").at(def.fixedUnit).get<int>() - lexicon().at("money_units").at(unit).get<int>();
            Fixed scale = 1;
            for (int k = 0; k < std::abs(shift); ++k) scale *= 10;
            if (shift > 0) {
                if (out % scale != 0) { v.problem = "换算为" + def.fixedUnit + "后超过 " + std::to_string(kDecimals) + " 位小数"; return v; }
                out /= scale;
            } else {
                out *= scale;
            }
            v.conversion = "“" + printed + "”换算为 " + formatDecimal(out) + " " + def.fixedUnit;
        }
        if (auto p = cellValueProblem(def, out); !p.empty()) { v.problem = p; return v; }
    }
    v.value = out;
    if (grouped && v.conversion.empty()) v.conversion = "“" + printed + "”去掉千位分隔符读作 " + formatDecimal(out);
    if (full && v.conversion.empty()) v.conversion = "“" + printed + "”（全角数字）读作 " + formatDecimal(out);
    if (!countUnit.empty() && v.conversion.empty()) v.conversion = "“" + printed + "”去掉单位读作 " + formatDecimal(out);
    return v;
}

struct RowMatch { const OfficialRow* row; int score; };

std::vector<RowMatch> matchRow(const Catalogue& cat, const std::vector<std::string>& labels) {
    std::vector<RowMatch> out;
    if (labels.empty()) {
        for (const auto& r : cat.rows) if (r.id.empty()) out.push_back({&r, 0});
        return out;
    }
    // the deepest printed label that names an official row (a remark printed after it is no label)
    for (std::size_t li = labels.size(); li-- > 0 && out.empty();)
        for (const auto& r : cat.rows)
            if (!r.id.empty() && r.leaf.matches(labels[li])) out.push_back({&r, ancestorScore(r.ancestors, labels, li)});
    return out;
}

std::vector<std::pair<const OfficialColumn*, int>> matchColumn(const Catalogue& cat, const HeaderLeaf& leaf) {
    std::vector<std::pair<const OfficialColumn*, int>> out;
    if (leaf.path.empty()) return out;
    for (const auto& c : cat.columns)
        if (c.leaf.matches(leaf.path.back())) out.push_back({&c, ancestorScore(c.ancestors, leaf.path, leaf.path.size() - 1)});
    return out;
}

void recogniseTables(const ImportDoc& doc, Recognition& rec) {
    const Format& f = *rec.format;
    const Catalogue& cat = catalogue(f);
    rec.tableUsed.assign(doc.blocks.size(), false);
    Header carried;                      // the last header seen: a table continued without one uses it
    int carriedColumns = -1, tableNo = 0;
    for (std::size_t bi = 0; bi < doc.blocks.size(); ++bi) {
        const DocBlock& blk = doc.blocks[bi];
        if (blk.kind != DocBlock::Table) continue;
        ++tableNo;
        Grid g = layOut(blk.table);
        std::vector<int> headerRows;
        Header header;
        bool headerFromData = false;
        if (carriedColumns == g.columns) header = carried;
        bool lastWasData = false;
        for (int r = 0; r < int(g.at.size()); ++r) {
            // leading labels (empty cells skipped), then the row's value cells
            std::vector<std::string> labels;
            std::vector<int> values;
            int labelEnd = 0, prev = -1;
            bool inLabels = true, anyText = false, anyNumber = false, allValueLike = true;
            for (int c = 0; c < g.columns; ++c) {
                int o = g.at[r][c];
                if (o < 0 || o == prev) continue;
                prev = o;
                const GridCell& gc = g.cells[o];
                bool empty = compact(gc.text).empty();
                if (!empty) anyText = true;
                if (inLabels && !empty && !valueLike(gc.text)) {
                    if (labels.empty() || labels.back() != gc.text) labels.push_back(gc.text);
                    labelEnd = c + gc.colspan;
                    continue;
                }
                if (inLabels && empty) continue;
                inLabels = false;
            }
            if (!anyText) continue;
            for (int c = labelEnd, p = -1; c < g.columns; ++c) {
                int o = g.at[r][c];
                if (o < 0 || o == p) continue;
                p = o;
                if (g.cells[o].row != r) continue;   // printed in a row above, spanning down
                values.push_back(o);
                if (!valueLike(g.cells[o].text)) allValueLike = false;
                else if (!compact(g.cells[o].text).empty()) anyNumber = true;
            }
            std::vector<RowMatch> rows = matchRow(cat, labels);
            if (labels.empty() && !(allValueLike && anyNumber)) rows.clear();
            // a data row has value cells after its labels (a header row is labels across: its last may be "其他" or "总计")
            bool data = !values.empty() && (!rows.empty() || (!labels.empty() && allValueLike && anyNumber));
            if (!data) {
                if (lastWasData) headerRows.clear();
                headerRows.push_back(r);
                lastWasData = false;
                header.present = false;
                continue;
            }
            if (!headerRows.empty() && !lastWasData) {
                header = headerOf(g, headerRows, labelEnd);
                carried = header;
                carriedColumns = g.columns;
            }
            lastWasData = true;
            std::string where = tableName(tableNo) + " 第 " + std::to_string(r + 1) + " 行";
            if (rows.empty()) {
                rec.items.push_back({ImportItemKind::Unplaced, "", where, joinLabels(labels),
                                     where + "“" + joinLabels(labels) + "”不是本格式表格中的行，其中的数值未读入"});
                continue;
            }
            // each value cell: its header leaf (by order when the counts agree, else by grid position)
            std::vector<int> leafOf(values.size(), -1);
            const auto& leaves = header.leaves;
            if (!leaves.empty()) {
                std::vector<int> usable;
                for (int li = 0; li < int(leaves.size()); ++li) if (leaves[li].c1 >= labelEnd) usable.push_back(li);
                if (usable.size() == values.size()) {
                    for (std::size_t i = 0; i < values.size(); ++i) leafOf[i] = usable[i];
                } else {
                    for (std::size_t i = 0; i < values.size(); ++i) {
                        const GridCell& gc = g.cells[values[i]];
                        int hit = -1, hits = 0;
                        for (int li : usable)
                            if (leaves[li].c0 < gc.col + gc.colspan && leaves[li].c1 >= gc.col) { hit = li; ++hits; }
                        if (hits == 1) leafOf[i] = hit;
                    }
                }
            }
            std::size_t leadingEmpty = 0;
            while (leadingEmpty < values.size() && compact(g.cells[values[leadingEmpty]].text).empty()) ++leadingEmpty;
            for (std::size_t i = 0; i < values.size(); ++i) {
                const GridCell& gc = g.cells[values[i]];
                std::vector<std::pair<const OfficialColumn*, int>> cols;
                std::string colLabel;
                if (leafOf[i] >= 0) {
                    cols = matchColumn(cat, leaves[leafOf[i]]);
                    colLabel = joinLabels(leaves[leafOf[i]].path);
                } else if (leaves.empty()) {
                    // no header printed: the official column order of the row's block, when the counts agree
                    // (empty cells right after the labels, beyond that count, are the label's merged columns)
                    for (const auto& rm : rows) {
                        const Block& b = f.tables[rm.row->table].blocks[rm.row->block];
                        std::size_t n = b.leafColumns.size();
                        if (values.size() < n || values.size() - n > leadingEmpty || i < values.size() - n) continue;
                        const std::string& key = b.leafColumns[i - (values.size() - n)]->key;
                        for (const auto& oc : cat.columns)
                            if (oc.table == rm.row->table && oc.block == rm.row->block && oc.key == key) cols.push_back({&oc, 0});
                    }
                    headerFromData = true;
                }
                int best = -1, bestScore = -1, ties = 0;
                for (const auto& rm : rows)
                    for (const auto& [oc, cs] : cols) {
                        if (oc->table != rm.row->table || oc->block != rm.row->block) continue;
                        const TableDef& td = f.tables[oc->table];
                        int idx = f.findCell(td.id, rm.row->id, oc->key);
                        if (idx < 0) continue;
                        int s = rm.score + cs;
                        if (s > bestScore) { bestScore = s; best = idx; ties = 1; }
                        else if (s == bestScore && idx != best) ++ties;
                    }
                std::string rowLabel = joinLabels(labels);
                if (best < 0 || ties > 1) {
                    if (compact(gc.text).empty()) continue;   // a blank whose place is unknown loses nothing
                    std::string why = best < 0 ? (colLabel.empty() ? "所在列没有可识别的列标题" : "列“" + colLabel + "”不是本行所在表格的列")
                                               : "对应的格不唯一";
                    rec.items.push_back({ImportItemKind::Unplaced, "", where, gc.text,
                                         where + "“" + rowLabel + "”的数值“" + gc.text + "”未读入：" + why});
                    continue;
                }
                const CellDef& def = f.cells[best];
                ValueRead v = readValue(def, gc.text);
                std::string cellWhere = f.findTable(def.table)->shortName + " 第 " + std::to_string(r + 1) + " 行";
                if (rec.cells.count(best)) {
                    if (rec.cells[best].value != v.value) rec.conflicted.insert(best);
                    continue;
                }
                if (!v.problem.empty()) {
                    rec.items.push_back({ImportItemKind::Unread, def.id, cellWhere, gc.text,
                                         def.name + "：“" + gc.text + "”" + v.problem + "，按空白读入"});
                } else if (!v.conversion.empty()) {
                    rec.items.push_back({ImportItemKind::Conversion, def.id, cellWhere, gc.text, def.name + "：" + v.conversion});
                }
                Placed p;
                p.value = v.value;
                p.unit = v.unit;
                p.table = tableNo;
                p.row = r;
                p.seen = {def.id, rowLabel, colLabel, gc.text};
                rec.cells[best] = std::move(p);
                rec.tableUsed[bi] = true;
                ++rec.score;
            }
        }
        if (headerFromData)
            rec.notes.push_back(tableName(tableNo) + "没有印列标题：各行数值按本格式的列序读入");
    }
    for (int idx : rec.conflicted) {
        const CellDef& def = f.cells[idx];
        rec.items.push_back({ImportItemKind::Unplaced, def.id, "", "",
                             def.name + "：文件中印了两次且数值不同，未读入"});
        rec.cells[idx].value.reset();
    }
}

// ---- the text: headings, sections, title --------------------------------------------------------

struct HeadingMatch { int section = -1; std::string rest; };

HeadingMatch matchHeading(const Format& f, const std::string& text) {
    HeadingMatch m;
    std::string key = labelKey(text);
    if (key.empty()) return m;
    std::string c = compact(text);
    for (std::size_t s = 0; s < f.sections.size(); ++s) {
        std::vector<std::string> names{f.sections[s].heading};
        names.insert(names.end(), f.sections[s].also.begin(), f.sections[s].also.end());
        for (const auto& n : names) {
            std::string hk = labelKey(n);
            if (key == hk) { m.section = int(s); return m; }
            // "一、总体情况。2024年，…" : the numbered heading with the text after it
            std::string numbered = compact(f.sections[s].no + "、");
            if (c.rfind(numbered, 0) == 0 && key.rfind(hk, 0) == 0) {
                m.section = int(s);
                std::size_t i = 0, seen = 0;
                std::string want = numbered + compact(n);
                // skip the printed heading's characters in the original text
                std::string out;
                for (; i < text.size() && seen < want.size();) {
                    std::size_t j = i;
                    char32_t cp = nextCode(text, j);
                    std::string one;
                    putCode(one, cp);
                    std::string oc = compact(one);
                    seen += oc.size();
                    i = j;
                }
                m.rest = trimText(text.substr(i));
                while (!m.rest.empty() && (m.rest.rfind("。", 0) == 0 || m.rest.rfind("：", 0) == 0 || m.rest[0] == ':' || m.rest[0] == '.'))
                    m.rest = trimText(m.rest.substr(m.rest[0] == ':' || m.rest[0] == '.' ? 1 : 3));
                return m;
            }
        }
    }
    return m;
}

struct TitleRead { std::string agency; std::optional<int> year; };

TitleRead readTitle(const std::string& text) {
    TitleRead t;
    std::string c = compact(text);
    std::size_t at = std::string::npos;
    std::string marker;
    for (const auto& m : lexList("title_markers"))
        if (auto p = c.find(m); p != std::string::npos && p < at) { at = p; marker = m; }
    if (at == std::string::npos || c.size() > 120) return t;   // a sentence citing the format is no title
    std::string before = c.substr(0, at);
    if (before.rfind("《") != std::string::npos && before.rfind("》") == std::string::npos) return t;
    if (before.rfind("〈") != std::string::npos && before.rfind("〉") == std::string::npos) return t;
    // the year: the last "YYYY年" (年度) before the marker
    std::size_t y = std::string::npos;
    for (std::size_t i = 0; i + 4 <= before.size(); ++i) {
        bool d = true;
        for (int k = 0; k < 4; ++k) d = d && before[i + k] >= '0' && before[i + k] <= '9';
        if (d && (i + 4 == before.size() || before.compare(i + 4, 3, "年") == 0)) y = i;
    }
    std::string agencyPart = before;
    if (y != std::string::npos) {
        t.year = parseYear(before.substr(y, 4));
        std::string head = before.substr(0, y), tail = before.substr(y + 4);
        if (tail.rfind("年度", 0) == 0) tail = tail.substr(6);
        else if (tail.rfind("年", 0) == 0) tail = tail.substr(3);
        agencyPart = head.empty() ? tail : head;
    }
    for (const char* cut : {"关于", "的"})
        if (endsWith(agencyPart, cut)) agencyPart.resize(agencyPart.size() - std::string(cut).size());
    // a site's title: "…年度报告_栏目名_网站名": the agency is before the marker; drop a leading "【…】"
    if (auto p = agencyPart.rfind("】"); p != std::string::npos) agencyPart = agencyPart.substr(p + 3);
    t.agency = agencyPart;
    return t;
}

std::string agencyKindOf(const std::string& agency) {
    std::string best, kind;
    for (auto it = lexicon().at("agency_kind_suffixes").begin(); it != lexicon().at("agency_kind_suffixes").end(); ++it)
        for (const auto& s : *it) {
            std::string suf = s.get<std::string>();
            if (endsWith(agency, suf) && suf.size() > best.size()) { best = suf; kind = it.key(); }
        }
    return kind;
}

// "发布日期：2020-01-31", "时间：2022-02-08 16:34": the date after a date label
std::optional<Date> labelledDate(const std::string& text) {
    std::string c = compact(text);
    for (const auto& l : lexList("date_labels")) {
        for (std::size_t p = c.find(l); p != std::string::npos; p = c.find(l, p + 1)) {
            std::size_t q = p + l.size();
            if (c.compare(q, 3, "：") == 0) q += 3;
            else if (q < c.size() && c[q] == ':') q += 1;
            else continue;
            std::string rest = c.substr(q, 24);
            // the longest prefix that is a date
            for (std::size_t n = rest.size(); n >= 8; --n)
                if (auto d = parseDate(rest.substr(0, n))) return d;
        }
    }
    return std::nullopt;
}

// a paragraph that is only a date ("2025年3月10日")
std::optional<Date> dateLine(const std::string& text) {
    std::string c = compact(text);
    if (c.size() > 24) return std::nullopt;
    return parseDate(c);
}

std::optional<int> periodYear(const std::string& text) {
    std::string c = compact(text);
    for (const auto& m : lexList("period_markers")) {
        auto p = c.find(m);
        if (p == std::string::npos) continue;
        for (std::size_t i = p + m.size(); i + 4 <= c.size() && i < p + m.size() + 12; ++i) {
            bool d = true;
            for (int k = 0; k < 4; ++k) d = d && c[i + k] >= '0' && c[i + k] <= '9';
            if (d && c.compare(i + 4, 3, "年") == 0) return parseYear(c.substr(i, 4));
        }
    }
    return std::nullopt;
}

bool pageEnd(const std::string& text) {
    static const std::vector<std::string> markers = lexList("page_end_markers");
    std::string c = compact(text);
    for (const auto& m : markers) if (c.rfind(compact(m), 0) == 0) return true;
    return false;
}

std::string numberedHeading(const SectionDef& s) { return s.no + "、" + s.heading; }

void cellNotFound(const Format& f, const Recognition& rec, std::vector<ImportItem>& items) {
    for (const auto& t : f.tables) {
        std::vector<int> missing;
        for (int idx : t.cells) {
            const CellDef& c = f.cells[idx];
            if (rec.cells.count(idx) || rec.conflicted.count(idx)) continue;
            if (c.legacy) continue;                                        // printed only by older reports
            if (c.legacyCell >= 0 && rec.cells.count(c.legacyCell)) continue;   // the page printed the legacy row instead
            missing.push_back(idx);
        }
        if (missing.empty()) continue;
        if (missing.size() == t.cells.size() || missing.size() > 12) {
            std::string names;
            for (std::size_t i = 0; i < missing.size() && i < 3; ++i) names += (i ? "、" : "") + f.cells[missing[i]].name;
            items.push_back({ImportItemKind::Missing, f.cells[missing[0]].id, t.shortName, "",
                             t.shortName + (missing.size() == t.cells.size() ? " 整表" : "") + "未在文件中找到：" +
                                 std::to_string(missing.size()) + " 格（" + names + (missing.size() > 3 ? " 等" : "") + "）保持空白"});
        } else {
            for (int idx : missing)
                items.push_back({ImportItemKind::Missing, f.cells[idx].id, t.shortName, "",
                                 f.cells[idx].name + "：文件中找不到这一格，保持空白"});
        }
    }
}

} // namespace

ImportResult importDocument(const ImportDoc& doc) {
    ImportResult res;
    // the format whose tables the document fits best (a 2023 report may still print the 2019 tables)
    std::vector<Recognition> recs;
    for (const auto& id : formatIds()) {
        Recognition r;
        r.format = findFormat(id);
        recogniseTables(doc, r);
        recs.push_back(std::move(r));
    }
    // headings, under each format: the one with more wins a tie in tables
    auto headingCount = [&](const Format& f) {
        int n = 0;
        for (const auto& b : doc.blocks) if (b.kind == DocBlock::Paragraph && matchHeading(f, b.text).section >= 0) ++n;
        return n;
    };
    std::size_t best = 0;
    std::vector<int> headings;
    for (std::size_t i = 0; i < recs.size(); ++i) headings.push_back(headingCount(*recs[i].format));
    for (std::size_t i = 1; i < recs.size(); ++i)
        if (recs[i].score > recs[best].score || (recs[i].score == recs[best].score && headings[i] > headings[best])) best = i;
    Recognition& rec = recs[best];
    const Format& f = *rec.format;
    if (rec.score == 0 && headings[best] < 2) {
        res.error = "不是政府信息公开工作年度报告：文件中找不到年报的表格，也找不到“一、总体情况”等标题";
        return res;
    }

    // the article: the innermost element holding every heading and every table read (not the site around it)
    std::vector<HeadingMatch> heads(doc.blocks.size());
    std::vector<int> prefix;
    bool first = true;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const DocBlock& b = doc.blocks[i];
        if (b.kind == DocBlock::Paragraph) heads[i] = matchHeading(f, b.text);
        bool part = (b.kind == DocBlock::Paragraph && heads[i].section >= 0) || (b.kind == DocBlock::Table && rec.tableUsed[i]);
        if (!part) continue;
        if (first) { prefix = b.ancestors; first = false; continue; }
        std::size_t k = 0;
        while (k < prefix.size() && k < b.ancestors.size() && prefix[k] == b.ancestors[k]) ++k;
        prefix.resize(k);
    }
    auto inArticle = [&](const DocBlock& b) {
        return b.ancestors.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), b.ancestors.begin());
    };

    Report rep = Report::blank(f);
    // the sections' text
    int firstHeading = -1;
    std::set<int> found;
    std::map<std::string, std::vector<std::string>> paras;
    int current = -1;
    std::optional<Date> published;
    std::size_t lastTextBlock = 0;
    for (std::size_t i = 0; i < doc.blocks.size(); ++i) {
        const DocBlock& b = doc.blocks[i];
        if (!inArticle(b)) continue;
        if (b.kind == DocBlock::Table) { if (rec.tableUsed[i]) current = -1; continue; }
        if (heads[i].section >= 0) {
            current = heads[i].section;
            if (firstHeading < 0) firstHeading = int(i);
            found.insert(current);
            const std::string& key = f.sections[current].textKey;
            if (!key.empty() && !heads[i].rest.empty()) { paras[key].push_back(heads[i].rest); lastTextBlock = i; }
            continue;
        }
        if (current < 0) continue;
        if (pageEnd(b.text)) {   // the site's own words after the article (a page saved as .docx has no article element)
            res.notes.push_back("从“" + b.text.substr(0, 60) + "”起是网站内容，未计入正文");
            break;
        }
        const std::string& key = f.sections[current].textKey;
        if (key.empty()) continue;   // the words around a table (表格标题、说明) are not a text section
        paras[key].push_back(b.text);
        lastTextBlock = i;
    }
    // the end of the last section: a date line, and the signature above it, are the report's sign-off
    for (auto& [key, list] : paras) {
        if (list.empty() || key != f.sections.back().textKey) continue;
        bool dated = false;
        if (auto d = dateLine(list.back())) {
            published = d;
            dated = true;
            res.notes.push_back("文末的落款日期“" + list.back() + "”作为公开日期，未计入正文");
            list.pop_back();
        }
        // the signature: a short line without sentence punctuation, above the date or naming a body
        auto sentence = [](const std::string& t) {
            for (const char* p : {"。", "，", "；", "：", "、", ",", ";"}) if (t.find(p) != std::string::npos) return true;
            return false;
        };
        if (!list.empty() && list.back().size() <= 90 && !sentence(list.back()) &&
            (dated || !agencyKindOf(compact(list.back())).empty())) {
            res.notes.push_back("文末的落款“" + list.back() + "”未计入正文");
            list.pop_back();
        }
    }
    (void)lastTextBlock;
    for (const auto& s : f.sections) {
        if (s.textKey.empty()) continue;
        std::string joined;
        for (const auto& p : paras[s.textKey]) { if (!joined.empty()) joined += "\n"; joined += p; }
        rep.text[s.textKey] = proseFromPaste(joined, true);
    }
    for (std::size_t s = 0; s < f.sections.size(); ++s)
        if (!found.count(int(s)) && !f.sections[s].textKey.empty())
            res.items.push_back({ImportItemKind::Missing, Target::textRef(f.sections[s].textKey), "", "", "未找到标题“" + numberedHeading(f.sections[s]) + "”，这一部分的文字为空"});

    // the title, the year, the date: the article's preamble first, then the page's <title>, then the site
    std::vector<std::string> preamble;
    for (std::size_t i = 0; i < doc.blocks.size() && (firstHeading < 0 || int(i) < firstHeading); ++i)
        if (doc.blocks[i].kind == DocBlock::Paragraph) preamble.push_back(doc.blocks[i].text);
    TitleRead title;
    std::vector<std::string> titleCandidates(preamble.begin(), preamble.end());
    titleCandidates.push_back(doc.title);
    for (std::size_t i = 0; i + 1 < preamble.size(); ++i)   // a title printed over two lines
        titleCandidates.push_back(preamble[i] + preamble[i + 1]);
    for (const auto& t : titleCandidates) {
        TitleRead r = readTitle(t);
        if (!r.year && r.agency.empty()) continue;
        if (!title.year) title.year = r.year;
        if (title.agency.empty()) title.agency = r.agency;
        if (title.year && !title.agency.empty()) break;
    }
    if (!published)
        for (const auto& p : preamble) if ((published = labelledDate(p))) break;
    std::optional<int> year = title.year;
    if (!year) {
        for (const auto& p : preamble) if ((year = periodYear(p))) break;
        if (year) res.items.push_back({ImportItemKind::Meta, Target::metaRef("year"), "", "", "标题中没有年度：按正文所述统计期限读作 " + std::to_string(*year) + " 年度，请核对"});
        else res.items.push_back({ImportItemKind::Meta, Target::metaRef("year"), "", "", "未找到报告年度：请填写“报告年度”"});
    }
    rep.meta.year = year;
    rep.meta.agency = title.agency;
    if (title.agency.empty()) res.items.push_back({ImportItemKind::Meta, Target::metaRef("agency"), "", "", "标题中没有机关名称：请填写“机关名称”"});
    else {
        const AgencyKind* kind = findAgencyKind(agencyKindOf(title.agency));   // import.json's suffixes name kinds by id
        if (kind) {
            rep.meta.agencyKind = std::string(kind->id);
            res.notes.push_back("机关类型按名称“" + title.agency + "”读作" + std::string(kind->label));
        }
    }
    if (published) rep.meta.published = isoDate(*published);
    else res.items.push_back({ImportItemKind::Meta, Target::metaRef("published"), "", "", "未找到发布日期：请填写“公开日期”"});
    if (!preamble.empty() && firstHeading >= 0)
        res.notes.push_back("标题至“" + numberedHeading(f.sections[0]) + "”之间的文字（标题、发布信息、编制说明）未计入正文");

    // the cells
    for (auto& [idx, p] : rec.cells) {
        rep.cells[idx] = p.value;
        if (!p.unit.empty()) rep.units[f.cells[idx].id] = p.unit;
        res.cells.push_back(p.seen);
    }
    for (auto& it : rec.items) res.items.push_back(std::move(it));
    cellNotFound(f, rec, res.items);
    for (auto& n : rec.notes) res.notes.push_back(std::move(n));
    if (!doc.charset.empty()) res.source = "网页（" + doc.charset + "）";
    res.recognised = true;
    res.report = std::move(rep);
    return res;
}

ImportResult importFile(std::string_view bytes, std::string_view fileName) {
    ImportResult res;
    (void)fileName;
    auto fromLoad = [&](LoadResult lr, const char* source, bool ownExport) {
        res.source = source;
        res.ownExport = ownExport;
        if (!lr.ok()) { res.error = lr.error.text(); return res; }
        res.integrity = std::move(lr.integrity);
        const Report& r = *lr.report;
        for (std::size_t i = 0; i < r.cells.size(); ++i)
            if (r.cells[i]) res.cells.push_back({r.format->cells[i].id, r.format->cells[i].rowName, r.format->cells[i].colName,
                                                 formatDecimal(*r.cells[i])});
        res.report = std::move(lr.report);
        return res;
    };
    if (bytes.size() >= 4 && bytes.substr(0, 4) == "%PDF") { res.error = lexicon().at("pdf").get<std::string>(); return res; }
    if (bytes.size() >= 4 && bytes.substr(0, 4) == std::string_view("\xD0\xCF\x11\xE0", 4)) { res.error = lexicon().at("doc").get<std::string>(); return res; }
    if (looksLikeZip(bytes)) {
        std::string why;
        if (readDocxData(bytes, why)) return fromLoad(loadReportOrPage(bytes), "nianbao 导出的 Word 文件（按其中的数据读入）", true);
        auto files = unzipFiles(bytes, why);
        if (!files) { res.error = why; return res; }
        for (const auto& e : *files)
            if (e.name == "word/document.xml") {
                ImportDoc doc;
                if (!readDocxDocument(e.data, doc, why)) { res.error = why; return res; }
                res = importDocument(doc);
                res.source = "Word 文件";
                return res;
            }
        res.error = "这个压缩文件不是 Word 文档（.docx）：其中没有 word/document.xml";
        return res;
    }
    auto first = bytes.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    if (first != std::string_view::npos && (bytes[first] == '{' || bytes[first] == '['))
        return fromLoad(loadReport(bytes), "报告 JSON", false);
    if (extractEmbeddedJson(bytes)) return fromLoad(loadReportOrPage(bytes), "nianbao 导出的网页（按其中的数据读入）", true);
    ImportDoc doc;
    std::string why;
    if (!readHtmlDocument(bytes, doc, why)) { res.error = why; return res; }
    return importDocument(doc);
}

ImportResult importPastedTable(const Report& current, std::string_view html, std::string_view plain) {
    ImportResult res;
    ImportDoc doc;
    std::string why;
    if (!html.empty() && readHtmlDocument(html, doc, why)) {
        doc.blocks.erase(std::remove_if(doc.blocks.begin(), doc.blocks.end(), [](const DocBlock& b) { return b.kind != DocBlock::Table; }),
                         doc.blocks.end());
    } else {
        doc = ImportDoc{};
    }
    if (doc.blocks.empty() && !plain.empty()) {
        DocBlock b;
        b.kind = DocBlock::Table;
        b.table = tableFromTsv(plain);
        doc.blocks.push_back(std::move(b));
    }
    Recognition rec;
    rec.format = current.format;
    recogniseTables(doc, rec);
    if (rec.cells.empty()) { res.error = "粘贴的内容中没有可识别的表格行"; return res; }
    Report rep = current;
    for (auto& [idx, p] : rec.cells) {
        rep.cells[idx] = p.value;
        if (!p.unit.empty()) rep.units[current.format->cells[idx].id] = p.unit;
        res.cells.push_back(p.seen);
    }
    res.items = std::move(rec.items);
    res.notes = std::move(rec.notes);
    res.source = "粘贴的表格";
    res.recognised = true;
    res.report = std::move(rep);
    return res;
}

namespace {
const char* kindName(ImportItemKind k) {
    switch (k) {
    case ImportItemKind::Conversion: return "conversion";
    case ImportItemKind::Unread: return "unread";
    case ImportItemKind::Unplaced: return "unplaced";
    case ImportItemKind::Missing: return "missing";
    case ImportItemKind::Meta: return "meta";
    }
    return "";
}
const char* kindLabel(ImportItemKind k) {
    switch (k) {
    case ImportItemKind::Conversion: return "换算";
    case ImportItemKind::Unread: return "未读入";
    case ImportItemKind::Unplaced: return "未识别";
    case ImportItemKind::Missing: return "未找到";
    case ImportItemKind::Meta: return "待填";
    }
    return "";
}
} // namespace

std::string importReportJson(const ImportResult& r, std::string_view fileName) {
    json j;
    j["file"] = std::string(fileName);
    j["status"] = r.status();
    if (!r.report) { j["error"] = r.error; return j.dump(1, ' ', false, json::error_handler_t::replace); }
    j["format"] = r.report->format->id;
    j["source"] = r.source;
    j["cells"] = json::array();
    for (const auto& c : r.cells) j["cells"].push_back({{"cell", c.cell}, {"row", c.row}, {"column", c.column}, {"printed", c.printed}});
    j["items"] = json::array();
    for (const auto& i : r.items) {
        json x = {{"kind", kindName(i.kind)}, {"message", i.message}};
        if (!i.cell.empty()) x["cell"] = i.cell;
        if (!i.where.empty()) x["where"] = i.where;
        if (!i.printed.empty()) x["printed"] = i.printed;
        j["items"].push_back(std::move(x));
    }
    j["notes"] = r.notes;
    return j.dump(1, ' ', false, json::error_handler_t::replace);
}

std::string importReportText(const ImportResult& r, std::string_view fileName) {
    std::string out(fileName);
    if (!r.report) return out + "：无法导入：" + r.error + "\n";
    const Report& rep = *r.report;
    out += "：" + r.source + "，" + rep.format->name + "，读入 " + std::to_string(r.cells.size()) + " 格";
    out += r.items.empty() ? "，全部读入\n" : "，待核对 " + std::to_string(r.items.size()) + " 项\n";
    for (const auto& i : r.items) out += "  [" + std::string(kindLabel(i.kind)) + "] " + i.message + "\n";
    for (const auto& n : r.notes) out += "  （说明）" + n + "\n";
    return out;
}

} // namespace nb
