// app_tables.cpp — the three statistical tables drawn like the official ones (caption rows, merged
// headers, official row labels with their numbering, vertical group labels) as an editable grid:
// click to select, type to replace, Tab/Enter/arrows to move, Esc to cancel, Delete to blank,
// paste a block from Excel. Cells with findings are tinted; hovering shows the rule and numbers.
#include "ui/app.hpp"
#include "app_internal.hpp"
#include "imgui_internal.h"
#include "misc/cpp/imgui_stdlib.h"
#include "table_grid.hpp"
#include "nianbao/table_layout.hpp"
#include <algorithm>
#include <cfloat>
#include <functional>

namespace ui {

namespace {

ImU32 col(float r, float g, float b, float a = 1.0f) { return ImGui::GetColorU32(ImVec4(r, g, b, a)); }

// text inside a table cell: wrapped to the cell (CJK wraps between any two characters), each line
// centered when asked, the block vertically centered, clipped to the cell
void textIn(ImDrawList* dl, const ImRect& rc, const std::string& text, ImU32 color, bool center, float pad) {
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize(), wrap = std::max(1.0f, rc.GetWidth() - 2 * pad);
    std::vector<std::pair<const char*, const char*>> lines;
    const char* p = text.c_str();
    const char* end = p + text.size();
    while (p < end) {
        const char* e = font->CalcWordWrapPositionA(size / font->FontSize, p, end, wrap);
        if (e == p) e = p + 1;   // never stall on a character wider than the cell
        while (e < end && (*e & 0xC0) == 0x80) ++e;
        const char* lineEnd = e;
        if (lineEnd > p && lineEnd[-1] == '\n') --lineEnd;
        lines.emplace_back(p, lineEnd);
        p = e;
        while (p < end && (*p == ' ' || *p == '\n')) ++p;
    }
    float lineH = ImGui::GetTextLineHeight();
    float y = rc.Min.y + (rc.GetHeight() - lineH * static_cast<float>(lines.size())) * 0.5f;
    dl->PushClipRect(rc.Min, rc.Max, true);
    for (const auto& [a, b] : lines) {
        float w = font->CalcTextSizeA(size, FLT_MAX, 0.0f, a, b).x;
        float x = center ? rc.Min.x + (rc.GetWidth() - w) * 0.5f : rc.Min.x + pad;
        dl->AddText(font, size, ImVec2(x, y), color, a, b);
        y += lineH;
    }
    dl->PopClipRect();
}

float wrappedHeight(const std::string& text, float width, float pad) {
    return ImGui::CalcTextSize(text.c_str(), nullptr, false, std::max(1.0f, width - 2 * pad)).y + 2 * pad;
}

} // namespace

int App::cellInputCallback(ImGuiInputTextCallbackData* data) {
    App* app = static_cast<App*>(data->UserData);
    if (data->EventFlag == ImGuiInputTextFlags_CallbackCharFilter) {
        unsigned int c = numberChar(data->EventChar);
        if (!c) { app->m_refusedChar = data->EventChar; return 1; }
        data->EventChar = static_cast<ImWchar>(c);
        return 0;
    }
    if (data->EventFlag == ImGuiInputTextFlags_CallbackAlways && app->m_editPlaceCursor) {
        app->m_editPlaceCursor = false;
        if (app->m_editSelectAll) { data->SelectionStart = 0; data->SelectionEnd = data->CursorPos = data->BufTextLen; }
        else data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
    }
    return 0;
}

void App::startEdit(int cell, std::string initial, bool selectAll) {
    m_sel = cell;
    m_editing = true;
    m_editJustStarted = true;
    m_editStartFrames = 0;
    m_editPlaceCursor = true;
    m_editSelectAll = selectAll;
    m_editBuf = std::move(initial);
}

// the table's printed layout (nb::layoutTable: the same merges as the HTML page and the Word file)
// drawn block by block: column widths per block, row heights from the wrapped labels
void App::drawTable(const nb::TableDef& t) {
    Document& d = *m_doc;
    const nb::Report& r = d.report();
    const nb::TableLayout l = nb::layoutTable(r, t);
    const float s = m_scale, fs = ImGui::GetFontSize(), pad = 4 * s;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 border = col(0.45f, 0.45f, 0.45f), headBg = col(0.92f, 0.94f, 0.97f), labelBg = col(0.97f, 0.97f, 0.97f);
    const ImU32 captionBg = col(0.86f, 0.89f, 0.94f), ink = col(0.1f, 0.1f, 0.1f);
    const float availW = std::max(ImGui::GetContentRegionAvail().x - 2 * s, 560 * s);
    const ImVec2 o = ImGui::GetCursorScreenPos();
    float y = o.y, maxW = 0;
    bool selHere = false;

    for (std::size_t first = 0; first < l.rows.size();) {
        const int bi = l.rows[first].block;
        std::size_t end = first;
        while (end < l.rows.size() && l.rows[end].block == bi) ++end;
        const nb::Block& b = t.blocks[static_cast<std::size_t>(bi)];
        // column widths: the label columns (number, group, label), then equal value columns
        const int nVal = l.columns - b.labelColumns;
        std::vector<float> colW(static_cast<std::size_t>(l.columns));
        if (b.labelColumns == 3) { colW[0] = colW[1] = 2.0f * fs; colW[2] = std::max(11.0f * fs, availW * 0.30f); }
        else if (b.labelColumns == 1) colW[0] = std::max(7.0f * fs, availW * 0.22f);
        float L = 0;
        for (int c = 0; c < b.labelColumns; ++c) L += colW[static_cast<std::size_t>(c)];
        // wide tables (表四: 15 columns) may wrap their header labels rather than scroll
        const float V = std::max((nVal > 8 ? 2.7f : 4.2f) * fs, (availW - L) / static_cast<float>(std::max(1, nVal)));
        for (int c = b.labelColumns; c < l.columns; ++c) colW[static_cast<std::size_t>(c)] = V;
        std::vector<float> colX(static_cast<std::size_t>(l.columns) + 1, o.x);
        for (int c = 0; c < l.columns; ++c) colX[static_cast<std::size_t>(c) + 1] = colX[static_cast<std::size_t>(c)] + colW[static_cast<std::size_t>(c)];
        maxW = std::max(maxW, colX.back() - o.x);
        auto widthOf = [&](const nb::LayoutCell& c) {
            int e = std::min(l.columns, c.col + c.colspan);
            return colX[static_cast<std::size_t>(e)] - colX[static_cast<std::size_t>(c.col)];
        };
        // row heights: at least a line and a half (two for data rows), more for wrapped labels; a cell
        // spanning rows that needs more than they give makes its last row taller
        const std::size_t n = end - first;
        std::vector<float> rowH(n);
        for (std::size_t i = 0; i < n; ++i) rowH[i] = (l.rows[first + i].part == nb::LayoutPart::Body ? 2.0f : 1.8f) * fs;
        for (std::size_t i = 0; i < n; ++i)
            for (const nb::LayoutCell& c : l.rows[first + i].cells)
                if (c.rowspan == 1 && !c.text.empty()) rowH[i] = std::max(rowH[i], wrappedHeight(c.text, widthOf(c), pad));
        for (std::size_t i = 0; i < n; ++i)
            for (const nb::LayoutCell& c : l.rows[first + i].cells) {
                if (c.rowspan == 1 || c.text.empty()) continue;
                std::size_t last = std::min(n, i + static_cast<std::size_t>(c.rowspan)) - 1;
                float have = 0, need = wrappedHeight(c.text, widthOf(c), pad);
                for (std::size_t k = i; k <= last; ++k) have += rowH[k];
                if (need > have) rowH[last] += need - have;
            }
        std::vector<float> rowY(n + 1, y);
        for (std::size_t i = 0; i < n; ++i) rowY[i + 1] = rowY[i] + rowH[i];
        for (std::size_t i = 0; i < n; ++i)
            for (const nb::LayoutCell& c : l.rows[first + i].cells) {
                std::size_t last = std::min(n, i + static_cast<std::size_t>(c.rowspan));
                ImRect rc(colX[static_cast<std::size_t>(c.col)], rowY[i], colX[static_cast<std::size_t>(c.col)] + widthOf(c), rowY[last]);
                auto box = [&](ImU32 bg, bool center) {
                    dl->AddRectFilled(rc.Min, rc.Max, bg);
                    dl->AddRect(rc.Min, rc.Max, border);
                    if (!c.text.empty()) textIn(dl, rc, c.text, ink, center, pad);
                };
                switch (c.kind) {
                case nb::LayoutKind::Caption: box(captionBg, true); break;
                case nb::LayoutKind::Corner:
                case nb::LayoutKind::Header: box(headBg, true); break;
                case nb::LayoutKind::RowGroup: box(labelBg, true); break;
                case nb::LayoutKind::RowLabel: box(labelBg, false); break;
                case nb::LayoutKind::Empty: box(col(1, 1, 1), false); break;
                case nb::LayoutKind::Value:
                    if (c.cell == m_sel) selHere = true;
                    drawCell(c.cell, rc);
                    break;
                }
            }
        y = rowY[n];
        first = end;
    }
    ImGui::SetCursorScreenPos(ImVec2(o.x, y));
    ImGui::Dummy(ImVec2(maxW, 2 * s));
    if (selHere && !m_editing) tableKeys(buildGrid(r, t));
}

void App::drawCell(int idx, const ImRect& rc) {
    Document& d = *m_doc;
    const nb::Report& r = d.report();
    const nb::CellDef& c = r.format->cells[static_cast<std::size_t>(idx)];
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float s = m_scale, pad = 4 * s;
    m_rectsNext[c.id] = Rect{rc.Min.x, rc.Min.y, rc.GetWidth(), rc.GetHeight()};
    const CellMark* mark = d.mark(c.id);
    bool selected = idx == m_sel;
    if (m_reveal == c.id) {
        ImGui::SetCursorScreenPos(rc.Min);
        ImGui::SetScrollHereY(0.35f);
        if (rc.Max.x > ImGui::GetWindowPos().x + ImGui::GetWindowWidth() || rc.Min.x < ImGui::GetWindowPos().x) ImGui::SetScrollHereX(0.5f);
        m_sel = idx;
        selected = true;
        m_editing = false;
    }
    ImU32 bg = col(1, 1, 1);
    if (mark) bg = mark->severity == nb::Severity::Error ? col(1.0f, 0.88f, 0.88f) : mark->severity == nb::Severity::Warning ? col(1.0f, 0.95f, 0.82f) : col(0.90f, 0.95f, 1.0f);
    if (selected) bg = col(0.85f, 0.92f, 1.0f);
    dl->AddRectFilled(rc.Min, rc.Max, bg);
    dl->AddRect(rc.Min, rc.Max, col(0.45f, 0.45f, 0.45f));
    ImGui::PushID(idx);
    if (selected && m_editing) {
        float fh = ImGui::GetFrameHeight();
        ImGui::SetCursorScreenPos(ImVec2(rc.Min.x + 1, rc.Min.y + (rc.GetHeight() - fh) * 0.5f));
        ImGui::SetNextItemWidth(rc.GetWidth() - 2);
        if (m_editJustStarted) ImGui::SetKeyboardFocusHere();
        ImGui::InputText("##edit", &m_editBuf,
                         ImGuiInputTextFlags_CallbackCharFilter | ImGuiInputTextFlags_CallbackAlways | ImGuiInputTextFlags_CallbackCompletion,
                         &App::cellInputCallback, this);
        bool active = ImGui::IsItemActive();
        m_rectsNext[c.id] = Rect{rc.Min.x, rc.Min.y, rc.GetWidth(), rc.GetHeight()};
        if (m_refusedChar) {
            message(c.name + "：只能填写数字，已拒绝输入“" + utf8(m_refusedChar) + "”", 1);
            m_refusedChar = 0;
        }
        if (active || ++m_editStartFrames > 4) m_editJustStarted = false;   // (never hold input for long)
        const bool shift = ImGui::GetIO().KeyShift;
        if (keyPressed(ImGuiKey_Escape)) { m_editing = false; message("已取消输入，" + c.name + " 保持原值", 0); }
        else if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)) commitEdit(true, shift ? -1 : 1, 0);
        else if (keyPressed(ImGuiKey_Tab)) commitEdit(true, 0, shift ? -1 : 1);
        else if (keyPressed(ImGuiKey_UpArrow)) commitEdit(true, -1, 0);
        else if (keyPressed(ImGuiKey_DownArrow)) commitEdit(true, 1, 0);
        else if (!active && !m_editJustStarted) commitEdit(false, 0, 0);   // clicked elsewhere: keep what was typed
    } else {
        ImGui::SetCursorScreenPos(rc.Min);
        ImGui::InvisibleButton("##cell", ImVec2(std::max(1.0f, rc.GetWidth()), std::max(1.0f, rc.GetHeight())));
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
            auto v = r.cells[static_cast<std::size_t>(idx)];
            startEdit(idx, v ? nb::formatDecimal(*v) : std::string(), true);
        } else if (ImGui::IsItemClicked()) {
            if (m_editing) commitEdit(false, 0, 0);
            m_sel = idx;
            m_msg.clear();
        }
        auto v = r.cells[static_cast<std::size_t>(idx)];
        std::string text = v ? nb::formatDecimal(*v) : std::string();
        if (v && !c.units.empty()) {
            auto u = r.units.find(c.id);
            text += u != r.units.end() ? u->second : "（单位？）";
        }
        textIn(dl, rc, text, col(0.05f, 0.05f, 0.05f), true, pad);
        // the computed value next to what was entered
        if (mark) {
            for (int fi : mark->findings) {
                const nb::Finding& f = d.findings()[static_cast<std::size_t>(fi)];
                auto fix = std::find_if(f.fixes.begin(), f.fixes.end(), [&](const nb::Finding::Fix& x) { return x.cell == c.id; });
                if (fix != f.fixes.end()) {
                    std::string hint = "应为 " + nb::formatDecimal(fix->value);
                    ImGui::SetWindowFontScale(0.75f);
                    ImVec2 sz = ImGui::CalcTextSize(hint.c_str());
                    dl->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(rc.Max.x - sz.x - pad, rc.Max.y - sz.y - 1), severityColor(f.severity), hint.c_str());
                    ImGui::SetWindowFontScale(1.0f);
                    break;
                }
            }
        }
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 32);
            ImGui::TextUnformatted(c.name.c_str());
            ImGui::TextDisabled("%s · %s", c.id.c_str(), v ? "已填" : "空白（不等于 0）");
            if (mark)
                for (int fi : mark->findings) {
                    const nb::Finding& f = d.findings()[static_cast<std::size_t>(fi)];
                    if (f.check == "blank_cells") continue;   // one finding for all blanks: not repeated on each
                    ImGui::Separator();
                    ImGui::TextColored(severityVec(f.severity), "[%s %s] %s", nb::severityLabel(f.severity), f.code.c_str(), f.rule.c_str());
                    ImGui::TextUnformatted(f.message.c_str());
                }
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
    }
    if (selected) dl->AddRect(rc.Min, rc.Max, col(0.10f, 0.40f, 0.85f), 0, 0, 2.5f * s);
    else if (mark && mark->severity != nb::Severity::Info) dl->AddRect(ImVec2(rc.Min.x + 1, rc.Min.y + 1), ImVec2(rc.Max.x - 1, rc.Max.y - 1), severityColor(mark->severity), 0, 0, 1.5f * s);
    ImGui::PopID();
}

void App::commitEdit(bool move, int dRow, int dCol) {
    if (!m_editing || m_sel < 0) { m_editing = false; return; }
    m_editing = false;
    m_editJustStarted = false;
    Document& d = *m_doc;
    const nb::CellDef& c = d.report().format->cells[static_cast<std::size_t>(m_sel)];
    std::string s = m_editBuf;
    s.erase(0, s.find_first_not_of(' '));
    s.erase(s.find_last_not_of(' ') + 1);
    if (s.empty()) d.setCell(m_sel, std::nullopt);
    else {
        nb::Fixed v = 0;
        std::string why = nb::readCellValue(c, s, v, true);
        if (!why.empty()) {
            message(c.name + "：“" + s + "”" + why + "，未填入（保持原值）", 2);
            return;
        }
        d.setCell(m_sel, v);
        m_msg.clear();
    }
    if (move) {
        const nb::TableDef* t = d.report().format->findTable(c.table);
        if (t) moveSelection(buildGrid(d.report(), *t), dRow, dCol);
    }
}

void App::moveSelection(const TableGrid& g, int dRow, int dCol) {
    auto at = g.locate(m_sel);
    if (!at) return;
    int r = at->first, c = at->second;
    if (dCol != 0 && dRow == 0) {          // Tab / arrows across: wrap to the next/previous row
        c += dCol;
        if (c >= static_cast<int>(g.rows[static_cast<std::size_t>(r)].cells.size())) {
            if (r + 1 >= static_cast<int>(g.rows.size())) return;
            ++r; c = 0;
        } else if (c < 0) {
            if (r == 0) return;
            --r; c = static_cast<int>(g.rows[static_cast<std::size_t>(r)].cells.size()) - 1;
        }
    } else {
        r += dRow;
        if (r < 0 || r >= static_cast<int>(g.rows.size())) return;
        c = std::min(c, static_cast<int>(g.rows[static_cast<std::size_t>(r)].cells.size()) - 1);
    }
    m_sel = g.rows[static_cast<std::size_t>(r)].cells[static_cast<std::size_t>(c)];
    m_reveal = m_doc->report().format->cells[static_cast<std::size_t>(m_sel)].id;   // keep it in view
    m_revealFrames = 2;
}

void App::tableKeys(const TableGrid& g) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput || io.KeyCtrl) return;
    if (keyPressed(ImGuiKey_UpArrow)) moveSelection(g, -1, 0);
    else if (keyPressed(ImGuiKey_DownArrow)) moveSelection(g, 1, 0);
    else if (keyPressed(ImGuiKey_LeftArrow)) moveSelection(g, 0, -1);
    else if (keyPressed(ImGuiKey_RightArrow)) moveSelection(g, 0, 1);
    else if (keyPressed(ImGuiKey_Tab)) moveSelection(g, 0, io.KeyShift ? -1 : 1);
    else if (keyPressed(ImGuiKey_Enter) || keyPressed(ImGuiKey_KeyPadEnter)) moveSelection(g, io.KeyShift ? -1 : 1, 0);
    else if (keyPressed(ImGuiKey_Delete) || keyPressed(ImGuiKey_Backspace)) m_doc->setCell(m_sel, std::nullopt);
    else if (keyPressed(ImGuiKey_Escape)) m_sel = -1;
    else if (io.InputQueueCharacters.Size > 0) {   // typing replaces the cell's value
        std::string typed;
        unsigned int refused = 0;
        for (ImWchar ch : io.InputQueueCharacters) {
            unsigned int m = numberChar(ch);
            if (m) typed += static_cast<char>(m);
            else if (!refused) refused = ch;
        }
        io.InputQueueCharacters.resize(0);
        if (refused) message(m_doc->report().format->cells[static_cast<std::size_t>(m_sel)].name + "：只能填写数字，已拒绝输入“" + utf8(refused) + "”", 1);
        if (!typed.empty()) startEdit(m_sel, typed, false);
    }
}

bool App::onPaste(const std::string& text) {
    if (m_sel < 0 || m_editing) return false;
    const nb::Report& r = m_doc->report();
    const nb::TableDef* t = r.format->findTable(r.format->cells[static_cast<std::size_t>(m_sel)].table);
    if (!t) return false;
    TableGrid g = buildGrid(r, *t);
    auto at = g.locate(m_sel);
    if (!at) return false;
    PastePlan plan = planPaste(r, g, at->first, at->second, text);
    if (!plan.error.empty()) { message(plan.error, 2); return true; }
    m_doc->setCells(plan.values);
    message("已粘贴 " + std::to_string(plan.rows) + " 行 × " + std::to_string(plan.cols) + " 列（" + std::to_string(plan.values.size()) +
                " 个单元格），Ctrl+Z 可整体撤销", 0);
    return true;
}

std::string App::copyText() const {
    if (m_sel < 0) return {};
    auto v = m_doc->report().cells[static_cast<std::size_t>(m_sel)];
    return v ? nb::formatDecimal(*v) : std::string();
}

bool App::wantsTextKeys() const { return m_sel >= 0; }

std::string App::selection() const {
    return m_sel < 0 ? std::string() : m_doc->report().format->cells[static_cast<std::size_t>(m_sel)].id;
}

Rect App::textSinkRect() const {
    if (m_sel < 0) return {};
    auto it = m_rects.find(m_doc->report().format->cells[static_cast<std::size_t>(m_sel)].id);
    return it == m_rects.end() ? Rect{} : it->second;
}

} // namespace ui
