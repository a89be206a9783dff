// target.hpp — what a finding, an import item or a "go to" points at: a table cell, a text section, a
// meta field, a whole table, or the report's format. Findings and import items carry it in its string
// form — the `cells` of `check --json` and of the page API ("t4.review.total", "text.overview",
// "meta.year", "t3", "format"; interchange.md) — and this is the one place that form is written and read:
// no other code builds or parses the "text." / "meta." prefixes.
#pragma once
#include <string>
#include <string_view>

namespace nb {

struct Format;

struct Target {
    enum class Kind { None, Cell, Text, Meta, Table, Format };
    Kind kind = Kind::None;
    std::string key;   // the cell id, text key ("overview"), meta field ("year") or table id; empty for Format
    int cell = -1;     // Kind::Cell: the cell's index in the format

    /// The string forms.
    static std::string textRef(std::string_view key);      // "text.overview"
    static std::string metaRef(std::string_view field);    // "meta.year"
    static std::string formatRef();                        // "format"
    /// Reads a string form against a format; an unknown cell, table, text section or meta field is Kind::None.
    static Target parse(const Format& f, std::string_view ref);

    std::string ref() const;
    /// The part of the report it is shown in, as the section list names them: "meta" (meta fields and the
    /// format), "text.<key>", or the table id.
    std::string section(const Format& f) const;
    explicit operator bool() const { return kind != Kind::None; }
};

} // namespace nb
