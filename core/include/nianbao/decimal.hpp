// decimal.hpp — exact fixed-point numbers for report cells.
// Every cell value is an int64 scaled by 10^6: counts are whole multiples of 10^6, money keeps up to
// 6 decimals (万元 to the 分, as real reports print it: 24252.311082). No double is ever compared with ==.
// |value| < 10^12, so one value fits in 60 bits and sums of values are taken in 128 bits (see check.cpp).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace nb {

using Fixed = std::int64_t;                     // value × 10^6
constexpr int kDecimals = 6;
constexpr Fixed kScale = 1000000;
constexpr Fixed kMaxMagnitude = 1000000000000LL * kScale; // |value| < 10^12

enum class DecimalError { None, Syntax, TooManyDecimals, OutOfRange };

/// Parses a JSON number token or user-typed decimal ("12", "-3", "7730.28", "1.5e3", "1,234").
/// Thousands separators (',' '，') and surrounding spaces are accepted only when allowGrouping.
DecimalError parseDecimal(std::string_view text, Fixed& out, bool allowGrouping = false);

/// "12", "-3", "7730.28" — shortest exact form, no exponent, no trailing zeros.
std::string formatDecimal(Fixed v);

inline Fixed fromInt(std::int64_t v) { return v * kScale; }
inline bool isWhole(Fixed v) { return v % kScale == 0; }

} // namespace nb
