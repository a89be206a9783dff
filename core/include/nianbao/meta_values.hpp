// meta_values.hpp — the one validator per meta value (年度, 公开日期), shared by the loader, the
// UI, the checker and the renderers. What a clerk types is read leniently ("2020年3月30日",
// "2020.3.30", full-width digits); a value that still does not parse is kept as typed and becomes a
// finding — it never makes a file unreadable and never makes a renderer throw.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace nb {

constexpr int kYearMin = 2008;      // 《条例》 in force since 2008
constexpr int kYearMax = 2100;

/// The kinds of agency meta.agency_kind names (interchange.md §1) — the one list: the loader accepts
/// these ids, publish_deadline rules give a deadline for each, the form offers them.
struct AgencyKind { std::string_view id, label, note; };
inline constexpr AgencyKind kAgencyKinds[] = {
    {"government", "人民政府", "需报告工作考核、社会评议和责任追究结果"},
    {"department", "政府部门", ""}};
/// The kind with this id, or nullptr.
const AgencyKind* findAgencyKind(std::string_view id);

struct Date { int year = 0, month = 0, day = 0; };

/// Reads a date as clerks write it: 2020-03-30, 2020-3-30, 2020/3/30, 2020.3.30, 2020年3月30日,
/// with full-width digits/separators and surrounding spaces. nullopt when it is not a real date.
std::optional<Date> parseDate(std::string_view typed);
/// "2020-03-30".
std::string isoDate(const Date& d);
/// "2020年3月30日".
std::string chineseDate(const Date& d);
/// The stored form of a typed date: ISO when it parses, else the text as typed (trimmed).
std::string normalizeDate(std::string_view typed);
/// Why a stored 公开日期 is not a date, in Chinese; empty when it is one (or blank).
std::string dateProblem(std::string_view stored);

/// Reads a year as typed ("2024", "２０２４", "2024年", " 2024 "); nullopt unless it is a whole
/// number in [kYearMin, kYearMax].
std::optional<int> parseYear(std::string_view typed);
/// The text without surrounding spaces (ASCII, ideographic and no-break spaces).
std::string trimText(std::string_view s);
/// Why a typed year is not acceptable, in Chinese; empty when parseYear accepts it or it is blank.
std::string yearProblem(std::string_view typed);

} // namespace nb
