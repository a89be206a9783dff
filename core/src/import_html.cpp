// import_html.cpp — a web page (a published report as served, Word-exported HTML, the clipboard's text/html)
// read into an ImportDoc: libxml2's HTML parser builds the tree (tag soup, Word's <o:p>, unclosed cells);
// this file only picks the charset (and has iconv turn the bytes into UTF-8 — glibc's natively, musl's in
// the browser build, which decodes GB18030 but cannot encode it, so libxml2 is always given UTF-8), skips
// what a reader never sees (scripts, styles, display:none,
// mso-hide) and walks the tree into paragraphs and tables. A table whose cells hold other tables is a
// layout table (a site's frame around the article): its content is read as the page's flow.
#include "nianbao/import_doc.hpp"
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iconv.h>

namespace nb {

namespace {

bool validUtf8(std::string_view s) {
    std::size_t i = 0, n = s.size();
    while (i < n) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) { ++i; continue; }
        int len = c >= 0xF0 && c <= 0xF4 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 && c < 0xE0 ? 2 : 0;
        if (len == 0 || i + len > n) return false;
        for (int k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// the charset a page declares in its first bytes: <meta charset=…> or http-equiv content="…; charset=…"
std::string declaredCharset(std::string_view bytes) {
    std::string head(bytes.substr(0, std::min<std::size_t>(bytes.size(), 8192)));
    for (auto& c : head) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    auto p = head.find("charset");
    while (p != std::string::npos) {
        std::size_t q = p + 7;
        while (q < head.size() && (head[q] == ' ' || head[q] == '=' || head[q] == '"' || head[q] == '\'')) ++q;
        std::string cs;
        while (q < head.size() && (std::isalnum(static_cast<unsigned char>(head[q])) || head[q] == '-' || head[q] == '_'))
            cs += head[q++];
        if (!cs.empty() && head.compare(p - std::min<std::size_t>(p, 1), 1, "-") != 0) return cs;
        p = head.find("charset", p + 7);
    }
    return {};
}

bool chineseLegacy(const std::string& cs) {
    return cs.empty() || cs == "gbk" || cs == "gb2312" || cs == "gb18030" || cs == "x-gbk" || cs == "cp936" ||
           cs == "euc-cn" || cs == "windows-936" || cs == "utf-8" || cs == "utf8";
}

// the bytes in `charset` as UTF-8; a byte sequence that is not in it becomes U+FFFD. False when iconv does
// not know the charset.
bool toUtf8(std::string_view bytes, const std::string& charset, std::string& out) {
    iconv_t cd = iconv_open("UTF-8", charset.c_str());
    if (cd == reinterpret_cast<iconv_t>(-1)) return false;
    out.assign(bytes.size() * 3 / 2 + 64, '\0');
    char* in = const_cast<char*>(bytes.data());
    std::size_t inLeft = bytes.size(), done = 0;
    while (inLeft > 0) {
        char* o = out.data() + done;
        std::size_t outLeft = out.size() - done;
        std::size_t r = iconv(cd, &in, &inLeft, &o, &outLeft);
        done = out.size() - outLeft;
        if (r != static_cast<std::size_t>(-1)) break;
        if (errno == E2BIG) { out.resize(out.size() * 2); continue; }
        if (out.size() - done < 8) out.resize(out.size() * 2);
        out.replace(done, 3, "\xEF\xBF\xBD");   // EILSEQ / EINVAL: one byte that is not a character
        done += 3;
        ++in;
        --inLeft;
    }
    iconv_close(cd);
    out.resize(done);
    return true;
}

const char* name(const xmlNode* n) { return reinterpret_cast<const char*>(n->name); }
bool is(const xmlNode* n, const char* tag) { return n->type == XML_ELEMENT_NODE && std::strcmp(name(n), tag) == 0; }

std::string attr(const xmlNode* n, const char* key) {
    for (const xmlAttr* a = n->properties; a; a = a->next)
        if (std::strcmp(reinterpret_cast<const char*>(a->name), key) == 0 && a->children && a->children->content)
            return reinterpret_cast<const char*>(a->children->content);
    return {};
}

int span(const xmlNode* n, const char* key) {
    std::string v = attr(n, key);
    int k = 0;
    for (char c : v) {
        if (c < '0' || c > '9') break;
        k = k * 10 + (c - '0');
        if (k > 1000) break;
    }
    return std::clamp(k, 1, 1000);
}

bool hidden(const xmlNode* n) {
    static const char* skip[] = {"script", "style", "noscript", "template", "select", "textarea", "button",
                                 "iframe", "object", "svg", "head", "map"};
    for (const char* s : skip) if (std::strcmp(name(n), s) == 0) return true;
    std::string style = attr(n, "style");
    if (style.empty()) return attr(n, "hidden").size() > 0;
    style.erase(std::remove_if(style.begin(), style.end(), [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }), style.end());
    for (auto& c : style) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    return style.find("display:none") != std::string::npos || style.find("mso-hide:all") != std::string::npos ||
           style.find("visibility:hidden") != std::string::npos;
}

bool blockTag(const xmlNode* n) {
    static const char* tags[] = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
                                 "br", "hr", "section", "article", "header", "footer", "nav", "aside", "blockquote",
                                 "pre", "address", "center", "form", "fieldset", "figure", "figcaption", "main",
                                 "caption", "tr", "td", "th", "body", "html"};
    for (const char* t : tags) if (std::strcmp(name(n), t) == 0) return true;
    return false;
}

bool containsTable(const xmlNode* n) {
    for (const xmlNode* c = n->children; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (std::strcmp(name(c), "table") == 0 || containsTable(c)) return true;
    }
    return false;
}

// text as a reader sees it: runs of white space are one space, and a space between two Chinese characters
// (a line break in the page's source) is none
void appendText(std::string& out, const char* s) {
    for (const unsigned char* p = reinterpret_cast<const unsigned char*>(s); *p; ++p) {
        bool space = *p == ' ' || *p == '\n' || *p == '\r' || *p == '\t' || *p == '\f';
        if (space) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += static_cast<char>(*p);
        }
    }
}

// removes a space that stands between two non-ASCII characters, and the spaces at both ends
std::string tidy(std::string s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == ' ') {
            bool prevWide = !out.empty() && (static_cast<unsigned char>(out.back()) & 0x80);
            bool nextWide = i + 1 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0x80);
            if (out.empty() || i + 1 == s.size() || (prevWide && nextWide)) continue;
        }
        out += s[i];
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

struct Walker {
    ImportDoc& doc;
    std::vector<int> stack;      // serials of the elements being walked
    int serial = 0;
    std::string para;

    void flush() {
        std::string t = tidy(std::move(para));
        para.clear();
        if (t.empty()) return;
        DocBlock b;
        b.kind = DocBlock::Paragraph;
        b.text = std::move(t);
        b.ancestors = stack;
        doc.blocks.push_back(std::move(b));
    }

    void cellText(const xmlNode* n, std::string& out) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                if (c->content) appendText(out, reinterpret_cast<const char*>(c->content));
            } else if (c->type == XML_ELEMENT_NODE && !hidden(c)) {
                cellText(c, out);
            }
        }
    }

    void rows(const xmlNode* n, DocTable& t) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type != XML_ELEMENT_NODE || hidden(c)) continue;
            if (is(c, "tr")) {
                t.rows.emplace_back();
                for (const xmlNode* d = c->children; d; d = d->next) {
                    if (!(is(d, "td") || is(d, "th")) || hidden(d)) continue;
                    DocCell cell;
                    std::string text;
                    cellText(d, text);
                    cell.text = tidy(std::move(text));
                    cell.rowspan = span(d, "rowspan");
                    cell.colspan = span(d, "colspan");
                    t.rows.back().push_back(std::move(cell));
                }
            } else if (is(c, "thead") || is(c, "tbody") || is(c, "tfoot")) {
                rows(c, t);
            }
        }
    }

    void walk(const xmlNode* n) {
        for (const xmlNode* c = n->children; c; c = c->next) {
            if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
                if (c->content) appendText(para, reinterpret_cast<const char*>(c->content));
                continue;
            }
            if (c->type != XML_ELEMENT_NODE || hidden(c)) continue;
            stack.push_back(++serial);
            if (is(c, "table") && !containsTable(c)) {
                flush();
                DocBlock b;
                b.kind = DocBlock::Table;
                b.ancestors = stack;
                b.ancestors.pop_back();
                rows(c, b.table);
                if (!b.table.rows.empty()) doc.blocks.push_back(std::move(b));
            } else {
                bool block = blockTag(c) || is(c, "table");
                if (block) flush();
                walk(c);
                if (block) flush();
            }
            stack.pop_back();
        }
    }
};

std::string titleOf(const xmlNode* n) {
    for (const xmlNode* c = n; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (is(c, "title")) {
            std::string t;
            for (const xmlNode* d = c->children; d; d = d->next)
                if (d->content) appendText(t, reinterpret_cast<const char*>(d->content));
            return tidy(t);
        }
        if (is(c, "body")) return {};
        std::string t = titleOf(c->children);
        if (!t.empty()) return t;
    }
    return {};
}

} // namespace

bool readHtmlDocument(std::string_view bytes, ImportDoc& out, std::string& error) {
    out = ImportDoc{};
    if (bytes.size() > (64u << 20)) { error = "文件过大（超过 64 MB）"; return false; }
    std::string declared = declaredCharset(bytes);
    out.declaredCharset = declared;
    bool utf16 = bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF'));
    std::string decoded;
    if (utf16) out.charset = "UTF-16";                 // a BOM says so
    else if (validUtf8(bytes)) out.charset = "UTF-8";   // a page saved again as UTF-8 often still says gb2312
    else if (chineseLegacy(declared)) out.charset = "GB18030";   // ⊇ GBK ⊇ GB2312 (pages saying gb2312 use GBK)
    else out.charset = declared;
    if (out.charset != "UTF-8") {
        if (!toUtf8(bytes, out.charset, decoded)) { error = "网页的字符集“" + out.charset + "”无法识别"; return false; }
        bytes = decoded;
    }
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                  HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC;
    htmlDocPtr d = htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr, "UTF-8", options);
    if (!d) { error = "无法读取这个网页（不是 HTML，或字符集 " + out.charset + " 无法识别）"; return false; }
    const xmlNode* root = xmlDocGetRootElement(d);
    if (root) {
        out.title = titleOf(root);
        Walker w{out, {}, 0, {}};
        w.walk(root);
        w.flush();
    }
    xmlFreeDoc(d);
    if (out.blocks.empty() && out.title.empty()) { error = "网页中没有可读的文字"; return false; }
    return true;
}

DocTable tableFromTsv(std::string_view bytes) {
    DocTable t;
    std::string decoded;   // text saved by an older Excel/WPS is GBK: read it as GB18030, like a page
    if (!validUtf8(bytes) && toUtf8(bytes, "GB18030", decoded)) bytes = decoded;
    std::string_view text = bytes;
    std::size_t i = 0;
    while (i < text.size()) {
        std::size_t end = text.find('\n', i);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(i, end - i);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        t.rows.emplace_back();
        std::size_t a = 0;
        while (true) {
            std::size_t b = line.find('\t', a);
            DocCell c;
            std::string cell(line.substr(a, b == std::string_view::npos ? std::string_view::npos : b - a));
            if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
            c.text = tidy(cell);
            t.rows.back().push_back(std::move(c));
            if (b == std::string_view::npos) break;
            a = b + 1;
        }
        i = end + 1;
    }
    while (!t.rows.empty() && t.rows.back().size() == 1 && t.rows.back()[0].text.empty()) t.rows.pop_back();
    return t;
}

} // namespace nb
