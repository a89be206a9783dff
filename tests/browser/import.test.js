// import.test.js — bringing existing reports in, on the real page in Chromium: a published page opened with
// 打开… becomes the report, with its items to review listed and a click on one going to its field; the same
// page re-encoded as GBK and dropped on the window gives the same report; a whole 表三 copied from a page
// (clipboard text/html) and pasted while a 表二 cell is selected fills exactly 表三's cells, one Ctrl+Z
// taking it back; a PDF is refused with what to do, and the report on screen stays as it was.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launch, openApp, frames, clickItem, clickCell, shot, readShared } = require('./lib');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });
const json = page => page.evaluate(() => JSON.parse(window.nianbao.exportJson()));
const expected = name => JSON.parse(readShared('real-pages/' + name + '.json'));
// the tables as a person read them, without the cells printed blank (exportJson leaves blanks out)
function filled(tables) {
  const out = {};
  for (const [t, rows] of Object.entries(tables)) for (const [r, cols] of Object.entries(rows))
    for (const [c, v] of Object.entries(cols)) if (v !== null) ((out[t] = out[t] || {})[r] = out[t][r] || {})[c] = v;
  return out;
}

test('a published page opened with 打开… becomes the report, its items to review listed', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  const file = path.join(os.tmpdir(), 'nianbao-import-' + process.pid + '-pingtan-2024.html');
  fs.writeFileSync(file, readShared('real-pages/pingtan-2024.html'));
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.open')]);
  await chooser.setFiles(file);
  await page.waitForFunction(() => window.nianbao.importItems().length > 0, null, { timeout: 10000 });
  const j = await json(page);
  assert.strictEqual(j.format, '2021');
  assert.deepStrictEqual(j.tables, filled(expected('pingtan-2024').tables));
  assert.strictEqual(j.meta.year, 2024);
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /导入 200 格，待核对 3 项/);
  const items = await page.evaluate(() => window.nianbao.importItems());
  assert.deepStrictEqual(items.map(i => i.cell), ['meta.year', 'meta.agency', 'meta.published']);
  await frames(page, 3);
  await shot(page, '20-import-review');
  // the agency item goes to 机关名称: its native field opens, and what is typed there is the agency
  await clickItem(page, 'import.1');
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'fieldline', null, { timeout: 5000 });
  await page.keyboard.insertText('平潭综合实验区');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  assert.strictEqual((await json(page)).meta.agency, '平潭综合实验区');
  await clickItem(page, 'import.done.1');
  await frames(page, 3);
  assert.strictEqual((await page.evaluate(() => window.nianbao.importItems())).length, 2);
  fs.unlinkSync(file);
  await context.close();
});

test('the same page as GBK, dropped on the window, gives the same report; a PDF changes nothing', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  const utf8 = readShared('real-pages/shanghai-2019.html');
  const drop = async (name, bytes, type) => {
    const dt = await page.evaluateHandle(([n, b, t]) => {
      const d = new DataTransfer();
      d.items.add(new File([new Uint8Array(b)], n, { type: t }));
      return d;
    }, [name, bytes, type]);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
  };
  // the page as GBK bytes: node has no GBK encoder, so its decoder's table is read backwards (every
  // two-byte GBK code decoded once); a character GBK lacks becomes a numeric character reference
  const dec = new TextDecoder('gbk');
  const table = new Map();
  for (let hi = 0x81; hi <= 0xFE; hi++) for (let lo = 0x40; lo <= 0xFE; lo++) {
    if (lo === 0x7F) continue;
    const ch = dec.decode(new Uint8Array([hi, lo]));
    if (ch.length === 1 && ch !== '\uFFFD' && !table.has(ch)) table.set(ch, [hi, lo]);
  }
  const out = [];
  for (const ch of utf8) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (table.has(ch)) out.push(...table.get(ch));
    else for (const b of Buffer.from('&#' + c + ';')) out.push(b);
  }
  await drop('shanghai-2019-gbk.html', out, 'text/html');
  await page.waitForFunction(() => /导入/.test(window.nianbao.status().message), null, { timeout: 10000 });
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /GB18030/);
  const j = await json(page);
  assert.deepStrictEqual(j.tables, filled(expected('shanghai-2019').tables));
  assert.strictEqual(j.meta.agency, '上海市人民政府办公厅');
  const before = await page.evaluate(() => window.nianbao.exportJson());
  await drop('report.pdf', Array.from(Buffer.from('%PDF-1.7\n1 0 obj\n')), 'application/pdf');
  await page.waitForFunction(() => /PDF/.test(window.nianbao.status().message), null, { timeout: 10000 });
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /WPS.*\.docx/);
  assert.strictEqual(await page.evaluate(() => window.nianbao.exportJson()), before);
  await context.close();
});

test('a whole 表三 copied from a page and pasted at a 表二 cell fills exactly 表三; one Ctrl+Z takes it back', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const html = readShared('real-pages/pingtan-2021.html');
  const a = html.lastIndexOf('<table', html.indexOf('申请人情况')), b = html.indexOf('</table>', a) + 8;
  const fragment = html.slice(a, b);
  await clickCell(page, 't2.regulations.issued');
  const before = await json(page);
  await page.evaluate(async h => {
    const item = new ClipboardItem({ 'text/html': new Blob([h], { type: 'text/html' }), 'text/plain': new Blob(['表三'], { type: 'text/plain' }) });
    await navigator.clipboard.write([item]);
  }, fragment);
  await page.keyboard.press('Control+V');
  await page.waitForFunction(() => /已按表格标签粘贴/.test(window.nianbao.status().message), null, { timeout: 10000 });
  const j = await json(page);
  assert.deepStrictEqual(j.tables.t3, filled(expected('pingtan-2021').tables).t3);
  assert.deepStrictEqual(j.tables.t2, before.tables.t2);
  assert.deepStrictEqual(j.tables.t4, before.tables.t4);
  await frames(page, 3);
  await shot(page, '21-paste-table');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.deepStrictEqual((await json(page)).tables, before.tables);
  await context.close();
});
