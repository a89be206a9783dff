// app.test.js — the app issue's browser tests: the real dist/nianbao.html in Debian's Chromium from
// file://. Loads cleanly with no network; 打开示例 shows the 行政复议 error; typing into a cell
// (found with cellRect) re-checks; keys sent within one frame (Esc then Ctrl+Z, Ctrl up before Y) are
// not lost; clicking a finding selects its cell; without DecompressionStream the JS inflater is used; a browser
// without WebAssembly gets a Chinese message.
// Screenshots go to tests/browser/screenshots/.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { launch, openApp, frames, clickItem, clickCell, clickRect, shot } = require('./lib');
const fs = require('fs');
const os = require('os');
const path = require('path');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

test('the page loads from file:// with no console error and zero network requests', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  await frames(page, 5);
  assert.deepStrictEqual(log.errors, []);
  assert.deepStrictEqual(log.requests, []);
  const title = await page.title();
  assert.match(title, /政府信息公开工作年度报告/);
  await shot(page, '01-start');
  await context.close();
});

test('打开示例 shows the 行政复议 error in the findings panel', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const findings = await page.evaluate(() => window.nianbao.findings());
  const errors = findings.filter(f => f.severity === 'error');
  assert.strictEqual(errors.length, 1);
  assert.strictEqual(errors[0].code, 'T4-1');
  assert.ok(errors[0].cells.includes('t4.review.total'));
  assert.strictEqual(errors[0].expected, 54);
  assert.strictEqual(errors[0].actual, 41);
  assert.match(errors[0].message, /行政复议 总计/);
  // errors come first in the panel: the first finding drawn is that one
  const first = await page.evaluate(() => window.nianbao.itemRect('finding.0'));
  assert.ok(first && first.w > 100 && first.h > 10, 'finding.0 is drawn: ' + JSON.stringify(first));
  assert.match(JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).meta.agency, /青海省人民政府/);
  await shot(page, '02-example');
  assert.deepStrictEqual(log.errors, []);
  assert.deepStrictEqual(log.requests, []);
  await context.close();
});

test('clicking a cell and typing a number changes the findings', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const before = await page.evaluate(() => window.nianbao.findings().map(f => f.code));
  assert.ok(before.includes('T4-1'));
  await clickCell(page, 't4.review.total');
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't4.review.total');
  await page.keyboard.type('54');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  const after = await page.evaluate(() => window.nianbao.findings().map(f => f.code));
  assert.ok(!after.includes('T4-1'), 'T4-1 fixed: ' + after.join(','));
  assert.strictEqual(JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).tables.t4.review.total, 54);
  // a letter is refused with a message, the value stays
  await clickCell(page, 't4.review.pending');
  await page.keyboard.type('x');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  assert.strictEqual(JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).tables.t4.review.pending, 4);
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /只能填写数字/);
  await shot(page, '03-typed');
  // Ctrl+Z brings the 41 back (and the error)
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => window.nianbao.findings().some(f => f.code === 'T4-1'), null, { timeout: 5000 });
  await context.close();
});

// Keys a fast typist sends within one frame are not lost: Ctrl already down when the frame that takes
// Esc runs (Esc clears the selection, which blurs the hidden IME textarea: Emscripten's GLFW used to
// release every held key on that blur, so the Z came without Ctrl), and Ctrl let go before Y.
test('Esc then Ctrl+Z within one frame, and Ctrl released before Y, still undo and redo', { timeout: 90000 }, async () => {
  const { page, log, context } = await openApp(browser);
  const k = page.keyboard;
  const hasT41 = () => page.evaluate(() => window.nianbao.findings().some(f => f.code === 'T4-1'));
  await clickItem(page, 'button.example');
  await clickCell(page, 't4.review.total');
  await k.type('54');
  await k.press('Enter');
  await frames(page, 3);
  assert.strictEqual(await hasT41(), false);
  await clickCell(page, 't4.review.pending');
  await Promise.all([k.down('Escape'), k.up('Escape'), k.down('Control')]);   // sent back to back, no frame between
  await frames(page, 3);
  await k.press('z');
  await k.up('Control');
  await page.waitForFunction(() => window.nianbao.findings().some(f => f.code === 'T4-1'), null, { timeout: 5000 });
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /已撤销/);
  await k.down('Control');
  await frames(page, 3);
  await Promise.all([k.down('y'), k.up('Control'), k.up('y')]);              // Ctrl up before Y, in one frame
  await page.waitForFunction(() => !window.nianbao.findings().some(f => f.code === 'T4-1'), null, { timeout: 5000 });
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /已重做/);
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

test('Tab, Enter and arrows move between cells; Esc cancels', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickCell(page, 't3.1.natural');
  await page.keyboard.press('Tab');
  await frames(page, 2);
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't3.1.commercial');
  await page.keyboard.press('Enter');
  await frames(page, 2);
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't3.2.commercial');
  await page.keyboard.press('ArrowLeft');
  await frames(page, 2);
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't3.2.natural');
  await page.keyboard.type('99');
  await page.keyboard.press('Escape');
  await frames(page, 2);
  assert.strictEqual(JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).tables.t3['2'].natural, 0);
  await context.close();
});

test('clicking a finding moves the focus to its cell', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickCell(page, 't2.regulations.made');          // somewhere else, far above 表四
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't2.regulations.made');
  await clickItem(page, 'finding.0');
  await frames(page, 4);
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't4.review.total');
  const r = await page.evaluate(() => window.nianbao.itemRect('t4.review.total'));
  const vp = page.viewportSize();
  assert.ok(r.y > 0 && r.y + r.h < vp.height, 'cell in view: ' + JSON.stringify(r));
  // 采用计算值 applies the suggested 54
  await clickItem(page, 'fix.0');
  const json = JSON.parse(await page.evaluate(() => window.nianbao.exportJson()));
  assert.strictEqual(json.tables.t4.review.total, 54);
  await shot(page, '04-finding-focus');
  await context.close();
});

test('loadJson replaces the report only when the text loads cleanly', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const before = await page.evaluate(() => window.nianbao.exportJson());
  const bad = await page.evaluate(() => window.nianbao.loadJson('{"nianbao":1,"format":"2021","tables":{"t3":{"1":{"natural":"12"}}}}'));
  assert.strictEqual(bad.ok, false);
  assert.match(bad.error, /t3\.1\.natural/);
  assert.strictEqual(await page.evaluate(() => window.nianbao.exportJson()), before);
  const html = await page.evaluate(() => window.nianbao.exportHtml());
  assert.match(html, /青海省人民政府2019年政府信息公开工作年度报告/);
  assert.match(html, /script-src 'none'/);
  await context.close();
});

test('an exported page with hostile text runs no script and makes no request when opened', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  const hostile = '</script><script>alert(1)</script>"><img src=x onerror=alert(2)><!-- ]]> \u0001\u001b \u202egnp.exe \u2066x\u2069';
  const doc = { nianbao: 1, format: '2021', meta: { agency: hostile, agency_kind: 'government', year: 2023, published: '2024-03-01' },
                text: { overview: hostile + '\n\n' + hostile, problems: hostile, other: hostile }, tables: { t4: { review: { total: 1 } } } };
  assert.strictEqual((await page.evaluate(t => window.nianbao.loadJson(t), JSON.stringify(doc))).ok, true);
  const html = await page.evaluate(() => window.nianbao.exportHtml());
  const file = path.join(os.tmpdir(), 'nianbao-hostile-' + process.pid + '.html');
  fs.writeFileSync(file, html);
  const viewer = await context.newPage();
  const dialogs = [], requests = [], errors = [];
  viewer.on('dialog', d => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  viewer.on('request', r => { if (!r.url().startsWith('file:')) requests.push(r.url()); });
  viewer.on('pageerror', e => errors.push(e.message));
  await viewer.goto('file://' + file);
  await viewer.waitForTimeout(500);
  assert.deepStrictEqual(dialogs, []);
  assert.deepStrictEqual(requests, []);
  assert.deepStrictEqual(errors, []);
  assert.strictEqual(await viewer.evaluate(() => document.querySelectorAll('img, iframe, object').length), 0);
  assert.strictEqual(await viewer.evaluate(() => document.querySelectorAll('script').length), 1);   // the inert data block only
  const text = await viewer.evaluate(() => document.querySelector('h1').textContent);
  assert.ok(text.includes('<img src=x onerror=alert(2)>'), 'shown as text: ' + text);
  await viewer.screenshot({ path: path.join(__dirname, 'screenshots', '07-hostile-page.png') });
  fs.unlinkSync(file);
  await context.close();
});

test('a year that calls for the other format: R-2, and 转换为 2021 年格式 keeps what both share', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  await clickItem(page, 'meta.year');
  await page.keyboard.press('Control+a');
  await page.keyboard.type('2021');
  await clickItem(page, 'meta.agency');       // leaving the field applies the year
  await page.keyboard.press('Escape');
  await frames(page, 3);
  assert.ok((await page.evaluate(() => window.nianbao.findings())).some(f => f.code === 'R-2'));
  await clickItem(page, 'button.convert');
  const j = JSON.parse(await page.evaluate(() => window.nianbao.exportJson()));
  assert.strictEqual(j.format, '2021');
  assert.strictEqual(j.meta.year, 2021);
  assert.strictEqual(j.tables.t4.review.total, 41);
  assert.ok(!(await page.evaluate(() => window.nianbao.findings())).some(f => f.code === 'R-2'));
  assert.match((await page.evaluate(() => window.nianbao.status())).message, /已转换为 2021 年格式/);
  await shot(page, '08-converted');
  await page.keyboard.press('Control+z');      // undoable
  await frames(page, 3);
  assert.strictEqual(JSON.parse(await page.evaluate(() => window.nianbao.exportJson())).format, '2019');
  await context.close();
});

test('a sharp page at device pixel ratio 2', { timeout: 90000 }, async () => {
  const { page, context } = await openApp(browser, { dpr: 2, viewport: { width: 1280, height: 760 } });
  await clickItem(page, 'button.example');
  const r = await page.evaluate(() => window.nianbao.cellRect('t4.review.total'));
  assert.ok(r && r.w > 20 && r.w < 200, 'CSS-pixel rect at DPR 2: ' + JSON.stringify(r));
  await clickRect(page, r);
  assert.strictEqual(await page.evaluate(() => window.nianbao.selection()), 't4.review.total');
  await shot(page, '05-dpr2');
  await context.close();
});

test('a browser without DecompressionStream (older Chromium) inflates the program and fonts in JS and runs', { timeout: 90000 }, async () => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 800 } });
  await context.addInitScript(() => { delete window.DecompressionStream; });
  const { page, log } = await openApp(browser, { context });
  assert.strictEqual(await page.evaluate(() => typeof window.DecompressionStream), 'undefined');
  await clickItem(page, 'button.example');
  const codes = (await page.evaluate(() => window.nianbao.findings())).map(f => f.code);
  assert.ok(codes.includes('T4-1'), codes.join(','));
  assert.ok(await page.evaluate(() => window.nianbao.hasGlyph('审')), 'the baked font is in the atlas');
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

test('a browser without WebAssembly gets a Chinese message, not a blank page', { timeout: 90000 }, async () => {
  // the global removed before any script runs (without WebGL the page draws in software: software.test.js)
  const cases = [{ name: 'wasm', args: [], init: () => { delete window.WebAssembly; } }];
  for (const c of cases) {
    const b = await launch(c.args);
    const context = await b.newContext({ viewport: { width: 1000, height: 600 } });
    if (c.init) await context.addInitScript(c.init);
    const { page } = await openApp(b, { context, waitReady: false });
    await page.waitForTimeout(1500);
    const text = await page.evaluate(() => document.getElementById('msg').textContent);
    assert.match(text, /极速模式/, c.name + ': ' + text);
    await shot(page, '06-unsupported-' + c.name);
    await b.close();
  }
});
