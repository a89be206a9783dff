// decimal.cpp — exact parsing/formatting of Fixed (×10^6) values; see decimal.hpp.
#include "nianbao/decimal.hpp"
#include <string>

namespace nb {

DecimalError parseDecimal(std::string_view s, Fixed& out, bool allowGrouping) {
    std::string t;
    t.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (allowGrouping) {
            if (c == ' ' || c == '\t' || c == ',') continue;
            if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x8C) { i += 2; continue; } // ，
            if (c == 0xE3 && i + 2 < s.size() && (unsigned char)s[i + 1] == 0x80 && (unsigned char)s[i + 2] == 0x80) { i += 2; continue; } // ideographic space
            if (c == 0xC2 && i + 1 < s.size() && (unsigned char)s[i + 1] == 0xA0) { i += 1; continue; }  // nbsp
            if (c == 0xEF && i + 2 < s.size() && (unsigned char)s[i + 1] == 0xBC && (unsigned char)s[i + 2] == 0x8D) { t += '-'; i += 2; continue; } // －
        }
        t += static_cast<char>(c);
    }
    std::size_t i = 0;
    bool neg = false;
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) { neg = t[i] == '-'; ++i; }
    std::string digits;       // all significant digits, integer part then fraction
    int fracDigits = 0;
    bool any = false, dot = false;
    for (; i < t.size(); ++i) {
        char c = t[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (digits.empty() && c == '0' && !dot) continue;   // leading zeros
            digits += c;
            if (dot) ++fracDigits;
            if (digits.size() > 64) return DecimalError::OutOfRange;
        } else if (c == '.' && !dot) {
            dot = true;
        } else break;
    }
    if (!any) return DecimalError::Syntax;
    long exp = 0;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        bool eneg = false;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) { eneg = t[i] == '-'; ++i; }
        bool ed = false;
        for (; i < t.size() && t[i] >= '0' && t[i] <= '9'; ++i) {
            ed = true;
            if (exp < 100000) exp = exp * 10 + (t[i] - '0');
        }
        if (!ed) return DecimalError::Syntax;
        if (eneg) exp = -exp;
    }
    if (i != t.size()) return DecimalError::Syntax;
    // value = digits × 10^(exp − fracDigits); we need digits × 10^(exp − fracDigits + kDecimals)
    long shift = exp - fracDigits + kDecimals;
    while (!digits.empty() && shift < 0 && digits.back() == '0') { digits.pop_back(); ++shift; }
    if (digits.empty()) { out = 0; return DecimalError::None; }
    if (shift < 0) return DecimalError::TooManyDecimals;
    if (static_cast<long>(digits.size()) + shift > 18) return DecimalError::OutOfRange;
    Fixed v = 0;
    for (char c : digits) v = v * 10 + (c - '0');
    for (long k = 0; k < shift; ++k) v *= 10;
    if (v >= kMaxMagnitude) return DecimalError::OutOfRange;
    out = neg ? -v : v;
    return DecimalError::None;
}

std::string formatDecimal(Fixed v) {
    bool neg = v < 0;
    unsigned long long a = neg ? 0ULL - static_cast<unsigned long long>(v) : static_cast<unsigned long long>(v);
    std::string s = std::to_string(a / kScale);
    unsigned long long frac = a % kScale;
    if (frac) {
        std::string f = std::to_string(frac);
        f = std::string(static_cast<std::size_t>(kDecimals) - f.size(), '0') + f;
        while (!f.empty() && f.back() == '0') f.pop_back();
        s += '.' + f;
    }
    return neg ? "-" + s : s;
}

} // namespace nb
