// target.cpp — the string form of what a finding points at, written and read in one place; see target.hpp.
#include "nianbao/target.hpp"
#include "nianbao/format.hpp"

namespace nb {

namespace {
constexpr std::string_view kText = "text.", kMeta = "meta.", kFormat = "format";
constexpr std::string_view kMetaFields[] = {"agency", "agency_kind", "year", "published"};   // interchange.md §1
}

std::string Target::textRef(std::string_view key) { return std::string(kText) + std::string(key); }
std::string Target::metaRef(std::string_view field) { return std::string(kMeta) + std::string(field); }
std::string Target::formatRef() { return std::string(kFormat); }

Target Target::parse(const Format& f, std::string_view ref) {
    Target t;
    if (ref.substr(0, kText.size()) == kText) {
        std::string_view key = ref.substr(kText.size());
        if (!key.empty() && f.sectionForText(key)) t = {Kind::Text, std::string(key)};
    } else if ((ref.size() > kMeta.size() && ref.substr(0, kMeta.size()) == kMeta) || ref == "meta") {
        std::string_view field = ref.size() > kMeta.size() ? ref.substr(kMeta.size()) : std::string_view();
        for (std::string_view m : kMetaFields)
            if (field.empty() || field == m) { t = {Kind::Meta, std::string(field)}; break; }
    } else if (ref == kFormat) {
        t.kind = Kind::Format;
    } else if (int i = f.findCell(ref); i >= 0) {
        t = {Kind::Cell, std::string(ref), i};
    } else if (f.findTable(ref)) {
        t = {Kind::Table, std::string(ref)};
    }
    return t;
}

std::string Target::ref() const {
    switch (kind) {
    case Kind::Text: return textRef(key);
    case Kind::Meta: return key.empty() ? std::string("meta") : metaRef(key);
    case Kind::Format: return formatRef();
    case Kind::Cell: case Kind::Table: return key;
    case Kind::None: break;
    }
    return {};
}

std::string Target::section(const Format& f) const {
    switch (kind) {
    case Kind::Text: return textRef(key);
    case Kind::Cell: return f.cells[static_cast<std::size_t>(cell)].table;
    case Kind::Table: return key;
    case Kind::Meta: case Kind::Format: case Kind::None: break;
    }
    return "meta";
}

} // namespace nb
