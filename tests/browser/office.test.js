// office.test.js — the "real office" issue's browser tests, each a separate case, on the real page
// from file:// in Debian's Chromium: Chinese typed and composed through an IME arrives once; a 3×4
// block pasted from a spreadsheet fills 12 cells and is one undo step; save → reload → open gives
// the same JSON; unsaved typing survives a reload and is announced; a bad file changes nothing; a date
// typed in Chinese into 公开日期 is autosaved and restored with the whole report; a non-year is kept.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { launch, openApp, frames, clickItem, clickCell, shot } = require('./lib');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });
const json = page => page.evaluate(() => JSON.parse(window.nianbao.exportJson()));
const count = (s, sub) => s.split(sub).length - 1;

test('Chinese typed (insertText) and composed through an IME arrive exactly once', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'text.overview');
  await frames(page, 5);
  await page.keyboard.insertText('中文测试');
  await frames(page, 3);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Input.imeSetComposition', { text: 'shu', selectionStart: 3, selectionEnd: 3 });
  await frames(page, 2);
  // the pre-edit text is shown at the caret, in the native field, and is not yet part of the report
  assert.deepStrictEqual(await page.evaluate(() => [document.activeElement.id, document.activeElement.value]), ['field', '中文测试shu']);
  assert.strictEqual((await json(page)).text.overview, '中文测试');
  await shot(page, '10-ime-preedit');
  await cdp.send('Input.imeSetComposition', { text: '数据', selectionStart: 2, selectionEnd: 2 });
  await cdp.send('Input.insertText', { text: '数据' });
  await frames(page, 3);
  await page.keyboard.type('ok');
  await page.keyboard.press('Backspace');
  await frames(page, 3);
  const text = (await json(page)).text.overview;
  assert.strictEqual(text, '中文测试数据o');
  assert.strictEqual(count(text, '中文测试'), 1);
  assert.ok(!text.includes('shu'));
  await shot(page, '10-ime');
  // leaving the field makes the whole typing one undo step
  await clickItem(page, 'meta.agency');
  await page.keyboard.insertText('某县人民政府');
  await clickCell(page, 't4.review.upheld');
  const j = await json(page);
  assert.strictEqual(j.meta.agency, '某县人民政府');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.strictEqual((await json(page)).meta.agency, '');
  assert.strictEqual((await json(page)).text.overview, '中文测试数据o');
  await context.close();
});

test('names beyond GB2312 (堃 喆 玥 镕) display, and text outside the BMP is kept', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await page.waitForFunction(() => window.__nbExtFontLoaded === true, null, { timeout: 20000 });
  assert.strictEqual(await page.evaluate(() => window.nianbao.hasGlyph('堃')), false);   // not baked in
  await clickItem(page, 'meta.agency');
  await page.keyboard.insertText('王堃喆玥镕𠀀村民委员会');
  await frames(page, 4);
  for (const ch of ['堃', '喆', '玥', '镕']) assert.ok(await page.evaluate(c => window.nianbao.hasGlyph(c), ch), ch + ' added to the atlas');
  await clickCell(page, 't4.review.upheld');
  assert.strictEqual((await json(page)).meta.agency, '王堃喆玥镕𠀀村民委员会');
  await shot(page, '14-rare-names');
  await context.close();
});

test('a 3×4 block pasted from Excel fills exactly those 12 cells; one Ctrl+Z empties them', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await clickCell(page, 't3.3.3.1.commercial');
  await page.evaluate(() => navigator.clipboard.writeText('1\t2\t3\t4\r\n5\t6\t7\t8\r\n9\t1,000\t 11 \t12\r\n'));
  await page.keyboard.press('Control+V');
  await frames(page, 4);
  const t3 = (await json(page)).tables.t3;
  const cols = ['commercial', 'research', 'social', 'legal'];
  const want = [[1, 2, 3, 4], [5, 6, 7, 8], [9, 1000, 11, 12]];
  let filled = 0;
  for (const row of Object.keys(t3)) for (const c of Object.keys(t3[row])) filled++;
  assert.strictEqual(filled, 12, JSON.stringify(t3));
  want.forEach((vals, i) => vals.forEach((v, j) => assert.strictEqual(t3['3.3.' + (i + 1)][cols[j]], v)));
  await shot(page, '11-paste');
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.deepStrictEqual((await json(page)).tables.t3, {});
  // a block with text in it is refused whole, with the cells named
  await page.evaluate(() => navigator.clipboard.writeText('1\t无\n'));
  await page.keyboard.press('Control+V');
  await frames(page, 3);
  assert.deepStrictEqual((await json(page)).tables.t3, {});
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /未粘贴.*“无”不是数字/);
  await context.close();
});

test('save JSON, reload the page, open that file: exportJson() is identical', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickCell(page, 't4.review.total');
  await page.keyboard.type('54');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  const before = await page.evaluate(() => window.nianbao.exportJson());
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'button.save')]);
  assert.strictEqual(download.suggestedFilename(), '青海省人民政府-2019-政府信息公开年报.json');
  const file = path.join(os.tmpdir(), 'nianbao-saved-' + process.pid + '.json');
  await download.saveAs(file);
  assert.strictEqual(fs.readFileSync(file, 'utf8'), before);
  assert.strictEqual(await page.evaluate(() => window.nianbao.unsaved()), false);
  await page.reload();
  await page.waitForFunction(() => window.nianbao && window.__nbFirstFrameMs !== undefined);
  assert.notStrictEqual(await page.evaluate(() => window.nianbao.exportJson()), before);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.open')]);
  await chooser.setFiles(file);
  await page.waitForFunction(b => window.nianbao.exportJson() === b, before, { timeout: 10000 });
  // the exported page opens too, and carries the same data
  const [dl2] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'button.html')]);
  const htmlFile = path.join(os.tmpdir(), 'nianbao-saved-' + process.pid + '.html');
  await dl2.saveAs(htmlFile);
  assert.ok(fs.readFileSync(htmlFile, 'utf8').includes('id="nianbao-data"'));
  await page.evaluate(() => window.nianbao.loadJson('{"nianbao":1,"format":"2021"}'));
  await clickItem(page, 'button.open');                     // unsaved changes: it asks first
  const [chooser2] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.confirm')]);
  await chooser2.setFiles(htmlFile);
  await page.waitForFunction(b => window.nianbao.exportJson() === b, before, { timeout: 10000 });
  fs.unlinkSync(file); fs.unlinkSync(htmlFile);
  await context.close();
});

test('导出 Word downloads the .docx named after the agency; opening that file gives the same report', { timeout: 90000 }, async () => {
  const { page, context, log } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickCell(page, 't4.review.total');
  await page.keyboard.type('54');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  const before = await page.evaluate(() => window.nianbao.exportJson());
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'button.docx')]);
  assert.strictEqual(download.suggestedFilename(), '青海省人民政府-2019-政府信息公开年报.docx');
  const file = path.join(os.tmpdir(), 'nianbao-saved-' + process.pid + '.docx');
  await download.saveAs(file);
  const bytes = fs.readFileSync(file);
  assert.strictEqual(bytes.subarray(0, 2).toString(), 'PK');
  assert.strictEqual(bytes.toString('base64'), await page.evaluate(() => window.nianbao.exportDocx()));   // the page API gives the same file
  assert.strictEqual(await page.evaluate(() => window.nianbao.unsaved()), false);
  await page.evaluate(() => window.nianbao.loadJson('{"nianbao":1,"format":"2021"}'));
  await clickItem(page, 'button.open');                     // unsaved changes: it asks first
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.confirm')]);
  await chooser.setFiles(file);
  await page.waitForFunction(b => window.nianbao.exportJson() === b, before, { timeout: 10000 });
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /已打开/);
  fs.unlinkSync(file);
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

test('typing, then reloading without saving: the edit is restored and announced', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickCell(page, 't3.1.research');
  await page.keyboard.type('7');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  assert.strictEqual(await page.evaluate(() => window.__nbUnsaved), true);   // the leave-page warning is armed
  await page.waitForTimeout(700);                                               // autosave is debounced
  await frames(page, 3);
  await page.reload();
  await page.waitForFunction(() => window.nianbao && window.__nbFirstFrameMs !== undefined);
  await frames(page, 3);
  assert.strictEqual((await json(page)).tables.t3['1'].research, 7);
  assert.match((await page.evaluate(() => window.nianbao.status())).notice, /已恢复/);
  await shot(page, '12-restored');
  await context.close();
});

test('browser storage unavailable: the app says so and keeps working', { timeout: 90000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  await context.addInitScript(() => { Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); }; });
  const { page } = await openApp(browser, { context });
  await clickItem(page, 'button.example');
  await page.waitForTimeout(700);
  await frames(page, 3);
  assert.match((await page.evaluate(() => window.nianbao.status())).storage, /存储不可用或已满/);
  await clickCell(page, 't4.review.total');
  await page.keyboard.type('54');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  assert.strictEqual((await json(page)).tables.t4.review.total, 54);
  await context.close();
});

test('导入上年报告 enables the cross-year checks and offers to fill 上年结转 from last year', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);   // a new, blank 2025 report
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.previous')]);
  await chooser.setFiles(path.join(__dirname, '..', 'data', 'real-reports', 'suqian-2024.json'));
  await page.waitForFunction(() => window.nianbao.itemRect('button.fill') !== null, null, { timeout: 10000 });
  await shot(page, '15-fill-offer');
  await clickItem(page, 'button.fill');
  const last = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'data', 'real-reports', 'suqian-2024.json'), 'utf8'));
  assert.deepStrictEqual((await json(page)).tables.t3['2'], last.tables.t3['4']);
  // the dialog and the message name the rows from the format's carry-over rule (T3-6)
  assert.match((await page.evaluate(() => window.nianbao.status())).message,
               /已用上年报告的“四、结转下年度继续办理”填写表三“二、上年结转政府信息公开申请数量”的 \d+ 个单元格/);
  await page.keyboard.press('Control+z');
  await frames(page, 3);
  assert.strictEqual((await json(page)).tables.t3['2'], undefined);
  await context.close();
});

test('an invalid file gives a clear message and changes nothing on screen', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const before = await page.evaluate(() => window.nianbao.exportJson());
  const bad = path.join(os.tmpdir(), 'nianbao-bad-' + process.pid + '.json');
  fs.writeFileSync(bad, '{"nianbao":1,"tables":{"t9":{}}}');
  await clickItem(page, 'button.open');
  await frames(page, 3);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), clickItem(page, 'button.confirm')]);   // unsaved work: asked first
  await chooser.setFiles(bad);
  await page.waitForFunction(() => /无法打开/.test(window.nianbao.status().message), null, { timeout: 10000 });
  const msg = (await page.evaluate(() => window.nianbao.status())).message;
  assert.match(msg, /nianbao-bad-.*\.json/);
  assert.match(msg, /format|格式/);
  assert.match(msg, /当前报告未改变/);
  assert.strictEqual(await page.evaluate(() => window.nianbao.exportJson()), before);
  await shot(page, '13-invalid-file');
  fs.unlinkSync(bad);
  await context.close();
});

test('a date typed as 2020年3月30日 into 公开日期 survives a reload with the whole report', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const before = await json(page);
  assert.strictEqual(before.meta.agency, '青海省人民政府');
  // the example's own autosave is done; drop it, so what is restored below can only come from the typing
  const stored = () => page.evaluate(() => localStorage.getItem('nianbao.autosave') || '');
  await page.waitForFunction(() => (localStorage.getItem('nianbao.autosave') || '').includes('青海省人民政府'), null, { timeout: 5000 });
  await page.evaluate(() => localStorage.removeItem('nianbao.autosave'));
  await clickItem(page, 'meta.published');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2020年3月30日');                 // digits as key presses, 年 月 日 as inserted text
  await frames(page, 3);
  assert.strictEqual((await json(page)).meta.published, '2020-03-30');   // every character arrived (a lost 0 reads 2020-03-03)
  // the debounced autosave (≈400 ms after the last keystroke) stores it while the field is still open
  await page.waitForFunction(() => (localStorage.getItem('nianbao.autosave') || '').includes('"published": "2020-03-30"'), null, { timeout: 5000 });
  assert.match(await stored(), /"agency": "青海省人民政府"/);
  await page.reload();
  await page.waitForFunction(() => window.nianbao && window.__nbFirstFrameMs !== undefined);
  await frames(page, 3);
  const j = await json(page);
  assert.strictEqual(j.meta.agency, '青海省人民政府');
  assert.strictEqual(j.tables.t4.review.total, 41);
  assert.strictEqual(j.text.overview.length, before.text.overview.length);
  assert.deepStrictEqual(j.tables, before.tables);
  assert.strictEqual(j.meta.published, '2020-03-30');
  assert.match(await page.evaluate(() => window.nianbao.exportJson()), /"published": "2020-03-30"/);
  assert.match((await page.evaluate(() => window.nianbao.status())).notice, /已恢复/);
  await shot(page, '16-date-restored');
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

test('---- typed into 报告年度 is kept and reported as R-3, with no error on the page', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickItem(page, 'meta.year');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('----');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  const r3 = (await page.evaluate(() => window.nianbao.findings())).filter(f => f.code === 'R-3');
  assert.ok(r3.some(f => f.message.includes('----')), 'R-3 names what was typed: ' + JSON.stringify(r3));
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /----/);
  const meta = JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).meta;
  assert.strictEqual(meta.year, '----');                       // kept as typed, never refused
  assert.strictEqual(meta.agency, '青海省人民政府');
  await shot(page, '17-year-dashes');
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});
