// meta_values.cpp — lenient reading of 年度 and 公开日期; see meta_values.hpp.
#include "nianbao/meta_values.hpp"
#include <vector>

namespace nb {

const AgencyKind* findAgencyKind(std::string_view id) {
    for (const AgencyKind& k : kAgencyKinds) if (k.id == id) return &k;
    return nullptr;
}

namespace {

// One token of a typed date or year: a run of digits, or one separator character.
struct Token { bool number = false; long value = 0; int digits = 0; std::string sep; };

// Full-width digits (０-９ = EF BC 90..99) read as ASCII; full-width '／' '．' '－' as their ASCII forms.
std::vector<Token> tokenize(std::string_view s) {
    std::vector<Token> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        int digit = -1;
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
        if (i + len > s.size()) len = s.size() - i;
        std::string_view ch = s.substr(i, len);
        if (c >= '0' && c <= '9') digit = c - '0';
        else if (len == 3 && c == 0xEF && static_cast<unsigned char>(s[i + 1]) == 0xBC) {
            unsigned char d = static_cast<unsigned char>(s[i + 2]);
            if (d >= 0x90 && d <= 0x99) digit = d - 0x90;
            else if (d == 0x8F) ch = "/";
            else if (d == 0x8E) ch = ".";
            else if (d == 0x8D) ch = "-";
        }
        i += len;
        if (digit >= 0) {
            if (out.empty() || !out.back().number) out.push_back(Token{true, 0, 0, {}});
            Token& t = out.back();
            if (t.digits < 9) t.value = t.value * 10 + digit;
            ++t.digits;
            continue;
        }
        if (ch == " " || ch == "\t" || ch == "\xE3\x80\x80" || ch == "\xC2\xA0") {   // spaces separate, but are no separator
            if (!out.empty() && out.back().number) out.push_back(Token{false, 0, 0, " "});
            continue;
        }
        out.push_back(Token{false, 0, 0, std::string(ch)});
    }
    // drop the space tokens that only padded something
    std::vector<Token> kept;
    for (const Token& t : out)
        if (t.number || t.sep != " ") kept.push_back(t);
    return kept;
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int daysIn(int y, int m) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leapYear(y) ? 29 : days[m - 1];
}

} // namespace

std::optional<Date> parseDate(std::string_view typed) {
    std::vector<Token> t = tokenize(typed);
    // 2020年3月30日 / 2020年3月30号 / 2020年03月30
    bool chinese = t.size() >= 5 && t[1].sep == "年" && t[3].sep == "月" &&
                   (t.size() == 5 || (t.size() == 6 && (t[5].sep == "日" || t[5].sep == "号")));
    // 2020-3-30 / 2020/3/30 / 2020.3.30 (one separator kind)
    bool plain = t.size() == 5 && !t[1].number && t[1].sep == t[3].sep &&
                 (t[1].sep == "-" || t[1].sep == "/" || t[1].sep == ".");
    // 20200330
    if (t.size() == 1 && t[0].number && t[0].digits == 8) {
        long v = t[0].value;
        t = {Token{true, v / 10000, 4, {}}, Token{false, 0, 0, "-"}, Token{true, v / 100 % 100, 2, {}},
             Token{false, 0, 0, "-"}, Token{true, v % 100, 2, {}}};
        plain = true;
    }
    if (!chinese && !plain) return std::nullopt;
    if (!t[0].number || !t[2].number || !t[4].number) return std::nullopt;
    if (t[0].digits != 4 || t[2].digits > 2 || t[4].digits > 2) return std::nullopt;
    Date d{static_cast<int>(t[0].value), static_cast<int>(t[2].value), static_cast<int>(t[4].value)};
    if (d.year < 1900 || d.year > 2999 || d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysIn(d.year, d.month))
        return std::nullopt;
    return d;
}

std::string isoDate(const Date& d) {
    auto two = [](int v) { return std::string(v < 10 ? "0" : "") + std::to_string(v); };
    return std::to_string(d.year) + "-" + two(d.month) + "-" + two(d.day);
}

std::string chineseDate(const Date& d) {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

namespace {
std::string_view trimmed(std::string_view s) {
    auto isSpace = [](std::string_view v, std::size_t i, bool back) -> std::size_t {
        if (back) {
            if (i >= 1 && (v[i - 1] == ' ' || v[i - 1] == '\t' || v[i - 1] == '\n' || v[i - 1] == '\r')) return 1;
            if (i >= 3 && v.substr(i - 3, 3) == "\xE3\x80\x80") return 3;
            if (i >= 2 && v.substr(i - 2, 2) == "\xC2\xA0") return 2;
            return 0;
        }
        if (i < v.size() && (v[i] == ' ' || v[i] == '\t' || v[i] == '\n' || v[i] == '\r')) return 1;
        if (v.substr(i, 3) == "\xE3\x80\x80") return 3;
        if (v.substr(i, 2) == "\xC2\xA0") return 2;
        return 0;
    };
    std::size_t a = 0, b = s.size();
    while (std::size_t n = isSpace(s, a, false)) a += n;
    while (b > a) { std::size_t n = isSpace(s, b, true); if (!n) break; b -= n; }
    return s.substr(a, b - a);
}
} // namespace

std::string trimText(std::string_view s) { return std::string(trimmed(s)); }

std::string normalizeDate(std::string_view typed) {
    if (auto d = parseDate(typed)) return isoDate(*d);
    return std::string(trimmed(typed));
}

std::string dateProblem(std::string_view stored) {
    if (trimmed(stored).empty() || parseDate(stored)) return {};
    return "公开日期“" + std::string(trimmed(stored)) + "”不是有效日期，请写作 2020-03-30 或 2020年3月30日";
}

std::optional<int> parseYear(std::string_view typed) {
    std::vector<Token> t = tokenize(typed);
    if (t.size() == 2 && !t[1].number && t[1].sep == "年") t.pop_back();
    if (t.size() != 1 || !t[0].number || t[0].digits != 4) return std::nullopt;
    int y = static_cast<int>(t[0].value);
    if (y < kYearMin || y > kYearMax) return std::nullopt;
    return y;
}

std::string yearProblem(std::string_view typed) {
    if (trimmed(typed).empty() || parseYear(typed)) return {};
    return "报告年度“" + std::string(trimmed(typed)) + "”无效：请填写 " + std::to_string(kYearMin) + "–" +
           std::to_string(kYearMax) + " 之间的四位年份（如 2024）";
}

} // namespace nb
