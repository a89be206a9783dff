// text_from_tables.hpp — help with the writing: the standard sentences that state a report's own figures
// (根据表格生成), from the format file's "summary" templates, so text and tables agree by construction;
// the character count shown per section (the measure local rule packs' max_length uses); and text pasted
// from Word/WPS/a web page turned into the report's plain paragraphs.
#pragma once
#include "nianbao/report.hpp"
#include <string>
#include <string_view>
#include <vector>

namespace nb {

/// The format's "summary" sentences with this report's figures: "{t3.1.total}" is a cell, "{a+b+c}" the
/// sum of the filled ones among those cells; a sentence with a figure whose cells are all blank is left out
/// (a blank is never written as 0). Empty when no sentence has its figures.
std::string sentencesFromTables(const Report& r);
/// Template problems (an unknown cell id, an unclosed brace), each naming the template; empty when sound.
std::vector<std::string> summaryProblems(const Format& f);
/// Characters of a text as a reader counts them: every code point except line breaks (blank lines not counted).
std::size_t countCharacters(std::string_view text);
/// Text pasted into a text field as the report keeps prose: line endings unified, each paragraph's
/// indentation and trailing spaces (ASCII, full-width, no-break) removed, empty lines dropped, and the
/// paragraphs joined by one blank line ("段落之间空一行"); for a one-line field (机关名称, a date) the lines
/// are joined with nothing between them. Characters other than line breaks and those spaces are kept.
std::string proseFromPaste(std::string_view text, bool multiline);
/// The paragraphs of a text section as every output prints them: separated by blank lines, each
/// trimmed of surrounding spaces and line breaks; a single line break inside one is kept ('\n').
std::vector<std::string> textParagraphs(std::string_view text);

} // namespace nb
