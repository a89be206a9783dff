// writing.test.js — the writing issue's browser tests: free text is edited in a native <textarea>/<input>
// put over the drawn field (wrapping, caret where clicked, the browser's IME, menu and undo). Real
// Chromium, file://, mouse and keyboard: a 300-character paragraph wraps and its start stays in view; a
// click mid-paragraph puts the caret on that character (the browser's own hit test agrees) and typing
// lands there; the field follows the form as it scrolls; findings follow typing without leaving; Tab,
// Shift+Tab and Esc leave, and Ctrl+Z then undoes the visit; Word's paste becomes plain paragraphs;
// 根据表格生成 inserts the tables' figures at the caret (T3-7 then holds).
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { launch, openApp, frames, clickItem, shot } = require('./lib');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });
const json = page => page.evaluate(() => JSON.parse(window.nianbao.exportJson()));
const rectOf = (page, id) => page.evaluate(id => window.nianbao.itemRect(id), id);
const active = page => page.evaluate(() => {
  const a = document.activeElement, b = a.getBoundingClientRect();
  return { tag: a.tagName, id: a.id, value: a.value, start: a.selectionStart, end: a.selectionEnd, scrollTop: a.scrollTop,
           scrollWidth: a.scrollWidth, clientWidth: a.clientWidth, scrollHeight: a.scrollHeight, clientHeight: a.clientHeight,
           x: b.x, y: b.y, w: b.width, h: b.height, spell: a.spellcheck, label: a.getAttribute('aria-label') };
});
// a click on a drawn field; the native field opens with the next frame (a person sees the caret appear)
async function clickAt(page, x, y) {
  await page.mouse.click(x, y);
  await page.waitForFunction(() => /^field/.test(document.activeElement.id), null, { timeout: 3000 });
}
// a 300-character paragraph of real report prose
const PARA = ('本年度，我单位认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，' +
  '围绕重点领域信息公开、政策解读回应、平台建设和监督保障等方面扎实推进政务公开工作，全年主动公开各类政府信息，' +
  '依法依规办理依申请公开事项，政务公开工作质量和实效进一步提升。').repeat(3).slice(0, 300);

test('a 300-character paragraph typed into 一、总体情况 wraps in a native textarea, its start in view', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  await clickItem(page, 'text.overview');
  const field = await rectOf(page, 'text.overview');
  await page.keyboard.insertText(PARA.slice(0, 150));
  await page.keyboard.type(PARA.slice(150, 160));             // key by key as well as inserted
  await page.keyboard.insertText(PARA.slice(160));
  await frames(page, 3);
  const a = await active(page);
  assert.strictEqual(a.tag, 'TEXTAREA');
  assert.strictEqual(a.spell, false);                         // no red underline under every Chinese word
  assert.strictEqual(a.label, '一、总体情况');                 // what a screen reader announces
  assert.ok(a.w >= field.w - 1, `textarea ${a.w} px wide, the field ${field.w}`);
  assert.ok(Math.abs(a.x - field.x) <= 2 && Math.abs(a.y - field.y) <= 2, 'over the field: ' + JSON.stringify([a, field]));
  assert.ok(a.scrollWidth <= a.clientWidth, `wraps: scrollWidth ${a.scrollWidth} > clientWidth ${a.clientWidth}`);
  assert.ok(a.scrollHeight > 3 * 20, 'several lines: ' + a.scrollHeight);
  assert.strictEqual(a.scrollTop, 0);                         // the first characters stay visible
  assert.strictEqual(a.value, PARA);
  assert.strictEqual((await json(page)).text.overview, PARA);
  // 字数 follows the typing
  await shot(page, '30-writing-wrapped');
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

test('a click in the middle of a paragraph puts the caret on that character; typing is inserted there', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const before = (await json(page)).text.overview;
  const r = await rectOf(page, 'text.overview');
  const at = { x: r.x + r.w * 0.55, y: r.y + 6 + 25 * 2.5 };   // third line, a little right of the middle
  await clickAt(page, at.x, at.y);
  const a = await active(page);
  assert.strictEqual(a.id, 'field');
  assert.ok(a.start > 40, 'caret at ' + a.start);
  // the browser's own hit test at the same point, now on the textarea, agrees (±1 character)
  await page.mouse.click(at.x, at.y);
  const b = await active(page);
  assert.ok(Math.abs(b.start - a.start) <= 1, `drawn view put the caret at ${a.start}, the browser at ${b.start}`);
  await page.keyboard.type('XYZ');
  await frames(page, 3);
  const after = (await json(page)).text.overview;
  assert.strictEqual(after, before.slice(0, b.start) + 'XYZ' + before.slice(b.start));
  // double-click selects a word (the browser's own)
  await page.mouse.dblclick(at.x, at.y);
  const c = await active(page);
  assert.ok(c.end > c.start, 'a selection: ' + JSON.stringify([c.start, c.end]));
  await context.close();
});

test('the field stays over its place while the form scrolls, and findings follow typing without leaving', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await page.evaluate(() => window.nianbao.cellRect('text.problems'));   // scroll to 五、存在的主要问题
  await frames(page, 3);
  const r = await rectOf(page, 'text.problems');
  await clickAt(page, r.x + 20, r.y + 12);
  await page.keyboard.press('Control+a');
  await page.keyboard.insertText('问题较少。');                 // shorter than 30 characters: R-9
  await page.waitForFunction(() => window.nianbao.findings().some(f => f.code === 'R-9'), null, { timeout: 3000 });
  assert.strictEqual((await active(page)).id, 'field');       // still in the field
  await page.keyboard.insertText('一是公开内容的深度和广度还需拓展，二是政策解读的形式还不够丰富，三是依申请公开答复的规范性有待提高。');
  await page.waitForFunction(() => !window.nianbao.findings().some(f => f.code === 'R-9'), null, { timeout: 3000 });
  // wheel over the form above the field: the form scrolls (up is up), the textarea goes with it
  await frames(page, 3);
  const r0 = await rectOf(page, 'text.problems');   // the form is at its end: the section got shorter
  for (const [dy, up] of [[-200, true], [200, false]]) {
    await page.mouse.move(r0.x + r0.w / 2, Math.max(120, r0.y - 40));
    await page.mouse.wheel(0, dy);
    await frames(page, 4);
    const now = await rectOf(page, 'text.problems'), a = await active(page);
    if (up) assert.ok(now.y > r0.y + 50 && now.y < r0.y + 400, `wheel up moved the field down a little: ${r0.y} → ${now.y}`);
    else assert.ok(Math.abs(now.y - r0.y) <= 2, `wheel down brought it back: ${r0.y} → ${now.y}`);
    assert.ok(Math.abs(a.x - now.x) <= 2 && Math.abs(a.y - now.y) <= 2 && Math.abs(a.w - now.w) <= 2,
              'textarea over its field: ' + JSON.stringify([a, now]));
    assert.strictEqual(a.id, 'field');
  }
  // the wheel over the textarea itself (nothing to scroll inside) scrolls the form too
  const f0 = await rectOf(page, 'text.problems');
  await page.mouse.move(f0.x + f0.w / 2, f0.y + Math.min(f0.h / 2, 30));
  await page.mouse.wheel(0, -150);
  await frames(page, 4);
  const f1 = await rectOf(page, 'text.problems'), a1 = await active(page);
  assert.ok(f1.y > f0.y + 50, `scrolled from ${f0.y} to ${f1.y}`);
  assert.ok(Math.abs(a1.y - f1.y) <= 2, 'textarea followed: ' + JSON.stringify([a1.y, f1.y]));
  await shot(page, '31-writing-scrolled');
  await context.close();
});

test('Tab, Shift+Tab and Esc leave the field; Ctrl+Z then undoes the whole visit', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'meta.agency');
  let a = await active(page);
  assert.deepStrictEqual([a.tag, a.id], ['INPUT', 'fieldline']);
  await page.keyboard.type('某县人民政府办公室');
  await page.keyboard.press('Backspace');                     // the browser's own Backspace
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');                           // on to 公开日期
  await frames(page, 3);
  a = await active(page);
  assert.strictEqual(a.id, 'fieldline');
  assert.strictEqual((await json(page)).meta.agency, '某县人民政府');
  await page.keyboard.type('2021年3月31日');
  await page.keyboard.press('Shift+Tab');                     // back to 机关名称; the date is read as a date
  await frames(page, 3);
  assert.strictEqual((await json(page)).meta.published, '2021-03-31');
  a = await active(page);
  assert.strictEqual(a.value, '某县人民政府');
  await page.keyboard.press('Escape');
  await frames(page, 3);
  assert.notStrictEqual((await active(page)).id, 'fieldline');
  // one Ctrl+Z undoes the date's visit, the next the agency's
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.deepStrictEqual([(await json(page)).meta.agency, (await json(page)).meta.published || ''], ['某县人民政府', '']);
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.strictEqual((await json(page)).meta.agency, '');
  await context.close();
});

test('text pasted from Word keeps its paragraphs as plain text with a blank line between them', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await clickItem(page, 'text.overview');
  await page.keyboard.insertText('开头。');
  await page.evaluate(() => navigator.clipboard.write([new ClipboardItem({
    'text/plain': new Blob(['\u3000\u3000第一段，来自 Word。\r\n\u3000\u3000第二段。\u00a0\r\n\r\n'], { type: 'text/plain' }),
    'text/html': new Blob(['<p class=MsoNormal style="text-indent:2em"><b>第一段</b>，来自 Word。<o:p></o:p></p><p>第二段。</p>'], { type: 'text/html' }),
  })]));
  await page.keyboard.press('Control+V');
  await frames(page, 3);
  assert.strictEqual((await json(page)).text.overview, '开头。第一段，来自 Word。\n\n第二段。');
  // the browser's undo inside the field takes the paste back
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.strictEqual((await json(page)).text.overview, '开头。');
  await context.close();
});

test('根据表格生成 inserts at the caret the sentences that state the tables, and T3-7 then holds', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const j = await json(page);
  await page.evaluate(() => window.nianbao.cellRect('text.overview'));
  const r = await rectOf(page, 'text.overview');
  await clickAt(page, r.x + 8, r.y + 6 + 25 * 0.5);           // the start of the first line
  await page.keyboard.press('Control+Home');
  await page.keyboard.insertText('【】');
  await page.keyboard.press('ArrowLeft');                     // the caret between the brackets
  await clickItem(page, 'button.generate');
  await frames(page, 3);
  const text = (await json(page)).text.overview;
  const t3 = j.tables.t3;
  const inserted = text.slice(1, text.indexOf('】'));
  assert.ok(inserted.startsWith(`本年度共收到政府信息公开申请${t3['1'].total}件`), JSON.stringify([inserted.slice(0, 60), t3['1']]));
  assert.ok(inserted.includes(`行政复议${j.tables.t4.review.total}件`), inserted);
  assert.ok(inserted.includes(`结转下年度继续办理${t3['4'].total}件`), inserted);
  assert.strictEqual(text, '【' + inserted + '】' + j.text.overview);
  assert.ok(!(await page.evaluate(() => window.nianbao.findings())).some(f => f.code === 'T3-7'), 'T3-7 holds');
  // the field is open again after the insertion, the caret after it
  const a = await active(page);
  assert.strictEqual(a.id, 'field');
  assert.strictEqual(a.value.slice(a.start, a.start + 1), '】');
  await shot(page, '32-writing-generated');
  // one Ctrl+Z (after leaving) takes the insertion back
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.strictEqual((await json(page)).text.overview, '【】' + j.text.overview);
  await context.close();
});
