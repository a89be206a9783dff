// review.test.js — the supervising office on the real page in Chromium: 20 files opened at once become
// the review table, each row's counts equal to `nianbao check` on that file and the tampered page marked;
// a click on a row shows its findings and 返回审核列表 goes back; a local edition built by `nianbao pack`
// (and one downloaded from the app's 生成本地版…) opened from file:// checks the pack's rules, named after
// it; a 情况说明 typed on a warning survives save → reload and appears in the exported page.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { ROOT, APP, launch, openApp, frames, clickItem, clickRect, shot, readShared } = require('./lib');

let browser;
test.before(async () => { browser = await launch(); });
test.after(async () => { await browser.close(); });

// the native CLI of this checkout (scripts/test.sh builds build/, the developer build is build-dev/)
const CLI = ['build', 'build-dev'].map(d => path.join(ROOT, d, 'bin', 'nianbao')).find(p => fs.existsSync(p));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-review-'));
const PACK = JSON.stringify({
  pack: 1, name: '武威市 2025 年度报告编制要求', document: '武政办发〔2025〕54号', format: '2021',
  rules: [
    { id: 'WW-1', severity: 'warning', check: 'max_length', section: 'overview', limit: 1000, title: '总体情况篇幅原则上不超过一千字' },
    { id: 'WW-2', severity: 'warning', check: 'text_mentions', section: 'overview', all_of: [['政务新媒体', '新媒体']],
      title: '主动公开应包括政务新媒体发布信息数量' }] });

// 20 files: the seed, the real reports and pages, fixtures, an exported page and the same page tampered
function reviewFiles() {
  const files = [];
  const add = (name, rel) => files.push({ name, path: path.join(ROOT, 'tests', rel) });
  add('qinghai-2019.json', 'data/seed/qinghai-2019.json');
  for (const f of fs.readdirSync(path.join(ROOT, 'tests/data/real-reports')).filter(f => f.endsWith('.json'))) add(f, 'data/real-reports/' + f);
  for (const f of fs.readdirSync(path.join(ROOT, 'tests/data/real-reports/partial'))) add(f, 'data/real-reports/partial/' + f);
  for (const f of fs.readdirSync(path.join(ROOT, 'tests/data/real-pages')).filter(f => /\.(html|json)$/.test(f))) add(f, 'data/real-pages/' + f);
  for (const f of ['complete-2019.json', 'complete-2021.json']) add(f, 'fixtures/base/' + f);
  const page = path.join(tmp, 'exported.html');
  execFileSync(CLI, ['render', path.join(ROOT, 'tests/data/seed/qinghai-2019.json'), '-o', page]);
  files.push({ name: 'exported.html', path: page });
  const tampered = path.join(tmp, 'tampered.html');
  fs.writeFileSync(tampered, fs.readFileSync(page, 'utf8').replace('data-cell="t4.review.total">41<', 'data-cell="t4.review.total">54<'));
  files.push({ name: 'tampered.html', path: tampered });
  const broken = path.join(tmp, 'broken.json');   // unreadable: a row saying why, the others still reviewed
  fs.writeFileSync(broken, '{"nianbao": 1, "format": "2021", "tables": {"t9": {}}}');
  files.push({ name: 'broken.json', path: broken });
  return files;
}

test('20 files open as the review table: counts are nianbao check\'s, the tampered page is marked; a row shows its findings', { timeout: 120000 }, async () => {
  assert.ok(CLI, 'the native nianbao binary is needed (build/bin/nianbao)');
  const files = reviewFiles();
  assert.ok(files.length >= 20, 'files: ' + files.length);
  const { page, context, log } = await openApp(browser);
  const res = await page.evaluate(list => window.nianbao.openFiles(list),
    files.map(f => ({ name: f.name, text: fs.readFileSync(f.path, 'utf8') })));
  assert.deepStrictEqual(res, { ok: true });
  await frames(page, 3);
  const rows = await page.evaluate(() => window.nianbao.reviewRows());
  assert.strictEqual(rows.length, files.length);
  for (const f of files) {
    let out;
    try { out = execFileSync(CLI, ['check', '--json', f.path], { encoding: 'utf8' }); } catch (e) { out = e.stdout; }
    const findings = JSON.parse(out), row = rows.find(r => r.file === f.name);
    if (findings.some(x => x.code === 'FILE')) { assert.match(row.error, /t9/, f.name); continue; }   // unreadable for both
    const n = s => findings.filter(x => x.severity === s).length;
    assert.deepStrictEqual([row.errors, row.warnings, row.infos], [n('error'), n('warning'), n('info')], f.name);
  }
  assert.strictEqual(rows.find(r => r.file === 'tampered.html').integrity, 'table_differs');
  assert.strictEqual(rows.find(r => r.file === 'exported.html').integrity, 'intact');
  assert.strictEqual(rows.find(r => r.file === 'pingtan-2024.html').agency, '');
  await shot(page, '22-review-table');
  // the tampered page's row, clicked: its findings; back to the table
  const i = rows.findIndex(r => r.file === 'tampered.html');
  await clickItem(page, 'review.row.' + i);
  assert.ok(await page.evaluate(() => window.nianbao.itemRect('review.back')), 'the report\'s findings are shown');
  await shot(page, '23-review-report');
  await clickItem(page, 'review.back');
  assert.ok(await page.evaluate(i => window.nianbao.itemRect('review.row.' + i), i), 'back in the table');
  // the table as CSV, downloaded with its BOM
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'review.csv')]);
  assert.strictEqual(download.suggestedFilename(), '审核结果.csv');
  const csv = fs.readFileSync(await download.path());
  assert.deepStrictEqual([...csv.subarray(0, 3)], [0xEF, 0xBB, 0xBF]);
  assert.match(csv.toString('utf8'), /tampered\.html,青海省人民政府,2019,/);
  assert.deepStrictEqual(log.errors, []);
  assert.deepStrictEqual(log.requests, []);
  await context.close();
});

test('three reports dropped at once: the review table; 只看有错误的 filters it; 汇总所选 opens the roll-up', { timeout: 120000 }, async () => {
  const { page, context, log } = await openApp(browser);
  const names = ['hongze-2024.json', 'huaian-2024.json', 'jinhu-2023.json'];
  const dt = await page.evaluateHandle(files => {
    const d = new DataTransfer();
    for (const [n, t] of files) d.items.add(new File([t], n, { type: 'application/json' }));
    return d;
  }, names.map(n => [n, readShared('real-reports/' + n)]));
  await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
  await page.waitForFunction(() => window.nianbao.reviewRows().length === 3, null, { timeout: 10000 });
  await frames(page, 3);
  const rows = await page.evaluate(() => window.nianbao.reviewRows());
  assert.deepStrictEqual(rows.map(r => r.file).sort(), [...names].sort());
  // only the reports with errors: jinhu-2023 (3 errors) stays, the clean ones are hidden
  const clean = rows.findIndex(r => r.file === 'huaian-2024.json'), bad = rows.findIndex(r => r.file === 'jinhu-2023.json');
  assert.ok(await page.evaluate(i => window.nianbao.itemRect('review.row.' + i), clean));
  await clickItem(page, 'review.only');
  assert.strictEqual(await page.evaluate(i => window.nianbao.itemRect('review.row.' + i), clean), null);
  assert.ok(await page.evaluate(i => window.nianbao.itemRect('review.row.' + i), bad));
  await clickItem(page, 'review.only');
  // pick the two 2024 reports and roll them up: the editor shows the cell-wise sums
  for (const n of ['hongze-2024.json', 'huaian-2024.json']) await clickItem(page, 'review.pick.' + rows.findIndex(r => r.file === n));
  await clickItem(page, 'review.merge');
  await page.waitForFunction(() => /已汇总 2 份/.test(window.nianbao.status().message), null, { timeout: 10000 });
  const sum = JSON.parse(await page.evaluate(() => window.nianbao.exportJson()));
  const a = JSON.parse(readShared('real-reports/hongze-2024.json')), b = JSON.parse(readShared('real-reports/huaian-2024.json'));
  assert.strictEqual(sum.tables.t3['1'].total, a.tables.t3['1'].total + b.tables.t3['1'].total);
  assert.strictEqual(sum.merged_from.length, 2);
  assert.strictEqual(sum.meta.year, 2024);
  assert.deepStrictEqual(log.errors, []);
  await context.close();
});

async function overviewWarnings(page) {
  // a 2021 report whose overview is 1,200 characters and never mentions 新媒体: both pack rules fire
  const r = JSON.parse(readShared('real-reports/huaian-2024.json'));
  r.text.overview = '本机关认真贯彻落实政府信息公开条例。'.repeat(67);
  assert.deepStrictEqual(await page.evaluate(t => window.nianbao.loadJson(t), JSON.stringify(r)), { ok: true });
  await frames(page, 3);
  return (await page.evaluate(() => window.nianbao.findings())).filter(f => f.pack);
}

test('a local edition from nianbao pack, opened from file://, checks the pack\'s rules named after it', { timeout: 120000 }, async () => {
  const packFile = path.join(tmp, 'pack.json'), edition = path.join(tmp, '武威市-年报填报.html');
  fs.writeFileSync(packFile, PACK);
  execFileSync(CLI, ['pack', packFile, '-o', edition, '--app', path.join(ROOT, 'dist', 'nianbao.html')]);
  const { page, context, log } = await openApp(browser, { url: 'file://' + edition });
  assert.match(await page.title(), /武威市 2025 年度报告编制要求/);
  await page.waitForFunction(() => window.__nbPackLoaded === true, null, { timeout: 10000 });
  const fs2 = await overviewWarnings(page);
  assert.deepStrictEqual(fs2.map(f => f.code).sort(), ['WW-1', 'WW-2']);
  for (const f of fs2) {
    assert.strictEqual(f.pack, '武威市 2025 年度报告编制要求');
    assert.match(f.message, /武政办发〔2025〕54号/);
  }
  assert.match(fs2.find(f => f.code === 'WW-1').message, /共 1206 字/);
  await frames(page, 3);
  await shot(page, '24-local-edition');
  assert.deepStrictEqual(log.errors, []);
  assert.deepStrictEqual(log.requests, []);
  await context.close();
});

test('生成本地版 in the app: the downloaded page has the pack built in', { timeout: 120000 }, async () => {
  const { page, context } = await openApp(browser);
  assert.deepStrictEqual(await page.evaluate(t => window.nianbao.loadRulePack(t), PACK), { ok: true });
  await clickItem(page, 'button.review');
  const [download] = await Promise.all([page.waitForEvent('download'), clickItem(page, 'review.edition')]);
  assert.strictEqual(download.suggestedFilename(), '武威市 2025 年度报告编制要求-年报填报.html');
  const file = path.join(tmp, 'from-app.html');
  await download.saveAs(file);
  await context.close();
  const b = await openApp(browser, { url: 'file://' + file });
  await b.page.waitForFunction(() => window.__nbPackLoaded === true, null, { timeout: 10000 });
  assert.deepStrictEqual((await overviewWarnings(b.page)).map(f => f.code).sort(), ['WW-1', 'WW-2']);
  assert.deepStrictEqual(b.log.errors, []);
  await b.context.close();
});

test('a 情况说明 typed on a warning survives save → reload and appears in the exported page', { timeout: 120000 }, async () => {
  const { page, context } = await openApp(browser);
  await clickItem(page, 'button.example');
  const findings = await page.evaluate(() => window.nianbao.findings());
  const w = findings.findIndex(f => f.severity === 'warning');
  const e = findings.findIndex(f => f.severity === 'error');
  assert.ok(w >= 0 && e >= 0);
  assert.strictEqual(await page.evaluate(e => window.nianbao.itemRect('explain.' + e), e), null);   // not on an error
  await clickItem(page, 'explain.' + w);
  await page.waitForFunction(() => document.activeElement && document.activeElement.id === 'fieldline', null, { timeout: 5000 });
  await page.keyboard.insertText('正文所述为省政府办公厅受理数');
  await page.keyboard.press('Enter');
  await frames(page, 3);
  await shot(page, '25-explanation');
  const saved = await page.evaluate(() => window.nianbao.exportJson());
  const key = findings[w].code + '@' + findings[w].cells[0];
  assert.strictEqual(JSON.parse(saved).explanations[key], '正文所述为省政府办公厅受理数');
  await page.reload();
  await page.waitForFunction(() => window.nianbao && window.__nbFirstFrameMs !== undefined, null, { timeout: 30000 });
  assert.deepStrictEqual(await page.evaluate(t => window.nianbao.loadJson(t), saved), { ok: true });
  assert.strictEqual(await page.evaluate(() => window.nianbao.exportJson()), saved);
  const again = (await page.evaluate(() => window.nianbao.findings())).find(f => f.explanation);
  assert.strictEqual(again.explanation, '正文所述为省政府办公厅受理数');
  assert.match(await page.evaluate(() => window.nianbao.exportHtml()), /附：情况说明[\s\S]*情况说明：正文所述为省政府办公厅受理数/);
  await context.close();
});

test.after(() => fs.rmSync(tmp, { recursive: true, force: true }));
