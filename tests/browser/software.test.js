// software.test.js — the page where the browser gives no WebGL (Chromium started with --disable-webgl:
// a blocklisted driver, acceleration turned off by policy). The app draws its frames itself onto a 2D
// canvas (wasm/soft_renderer.cpp): it becomes ready and says so in the line at the bottom; 打开示例 shows
// T4-1; a click on a cell and typing a number changes the findings; the exported JSON and HTML are the
// same as the same steps give with WebGL; the drawn example matches the WebGL one pixel for pixel but for
// anti-aliasing. Screenshots: 26-software.png (looked at), 27-software-typed.png.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { launch, openApp, frames, clickItem, clickCell, shot } = require('./lib');
const path = require('path');
const fs = require('fs');

const SHOTS = path.join(__dirname, 'screenshots');
const CANVAS = { width: 1366, height: 768 };   // the canvas in both modes (software leaves 24 px for its line)

// the same steps in one browser: the example, its screenshot, a click on 表四 行政复议 总计, 54 typed
async function session(extraArgs, viewportHeight, shotName) {
  const b = await launch(extraArgs);
  try {
    const { page, log, context } = await openApp(b, { viewport: { width: CANVAS.width, height: viewportHeight } });
    const renderer = await page.evaluate(() => window.nianbao.renderer());
    const line = await page.evaluate(() => { const e = document.getElementById('nb-soft'); return getComputedStyle(e).display === 'none' ? '' : e.textContent; });
    const canvas = await page.evaluate(() => { const c = document.getElementById('canvas'); return { w: c.width, h: c.height }; });
    await clickItem(page, 'button.example');
    await frames(page, 4);
    const before = await page.evaluate(() => window.nianbao.findings());
    const png = await page.screenshot({ clip: { x: 0, y: 0, width: CANVAS.width, height: CANVAS.height } });
    if (shotName) await shot(page, shotName);
    await clickCell(page, 't4.review.total');
    const selected = await page.evaluate(() => window.nianbao.selection());
    await page.keyboard.type('54');
    await page.keyboard.press('Enter');
    await frames(page, 4);
    const after = await page.evaluate(() => window.nianbao.findings());
    const json = await page.evaluate(() => window.nianbao.exportJson());
    const html = await page.evaluate(() => window.nianbao.exportHtml());
    if (shotName) await shot(page, shotName.replace('software', 'software-typed').replace('26', '27'));
    const out = { renderer, line, canvas, before, after, selected, json, html, png, errors: log.errors, requests: log.requests };
    await context.close();
    return out;
  } finally { await b.close(); }
}

// the share of pixels that differ by more than `tol` in some channel, decoded by the browser itself
async function differingShare(a, b, tol) {
  const br = await launch();
  try {
    const page = await br.newPage();
    return await page.evaluate(async ([a, b, tol]) => {
      const load = src => new Promise((ok, bad) => { const i = new Image(); i.onload = () => ok(i); i.onerror = bad; i.src = src; });
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      const data = img => { const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const x = c.getContext('2d'); x.drawImage(img, 0, 0); return x.getImageData(0, 0, img.width, img.height).data; };
      const da = data(ia), db = data(ib);
      if (da.length !== db.length) return 1;
      let diff = 0;
      for (let i = 0; i < da.length; i += 4)
        if (Math.abs(da[i] - db[i]) > tol || Math.abs(da[i + 1] - db[i + 1]) > tol || Math.abs(da[i + 2] - db[i + 2]) > tol) ++diff;
      return diff / (da.length / 4);
    }, ['data:image/png;base64,' + a.toString('base64'), 'data:image/png;base64,' + b.toString('base64'), tol]);
  } finally { await br.close(); }
}

test('without WebGL the page draws in software: ready, T4-1, a typed number re-checks, the same exports as with WebGL', { timeout: 180000 }, async () => {
  const soft = await session(['--disable-webgl'], CANVAS.height + 24, '26-software');
  assert.strictEqual(soft.renderer, 'software');
  assert.match(soft.line, /软件绘制.*功能完整/);
  assert.deepStrictEqual(soft.canvas, { w: CANVAS.width, h: CANVAS.height });
  assert.deepStrictEqual(soft.errors, []);
  assert.deepStrictEqual(soft.requests, []);
  const t41 = soft.before.find(f => f.code === 'T4-1');
  assert.ok(t41 && t41.expected === 54 && t41.actual === 41, JSON.stringify(soft.before.map(f => f.code)));
  assert.strictEqual(soft.selected, 't4.review.total');
  assert.ok(!soft.after.some(f => f.code === 'T4-1'), 'T4-1 fixed: ' + soft.after.map(f => f.code).join(','));
  assert.strictEqual(JSON.parse(soft.json).tables.t4.review.total, 54);

  const gl = await session([], CANVAS.height, null);
  assert.strictEqual(gl.renderer, 'webgl');
  assert.strictEqual(gl.line, '');
  assert.deepStrictEqual(soft.before, gl.before);
  assert.deepStrictEqual(soft.after, gl.after);
  assert.strictEqual(soft.json, gl.json);
  assert.strictEqual(soft.html, gl.html);
  // the same picture: lines are drawn without anti-aliasing in software (a 2-pixel border is two full rows,
  // not one and two half-tone ones), so edges may differ by part of their contrast; a glyph or a line out of
  // place differs by most of it
  const share = await differingShare(soft.png, gl.png, 48), gross = await differingShare(soft.png, gl.png, 128);
  fs.mkdirSync(SHOTS, { recursive: true });
  fs.writeFileSync(path.join(SHOTS, '26-webgl-same-steps.png'), gl.png);
  console.log(`# software vs WebGL frame of the example: ${(share * 100).toFixed(3)} % of pixels differ by more than 48, ${(gross * 100).toFixed(3)} % by more than 128`);
  assert.ok(share < 0.01, `software and WebGL frames differ in ${(share * 100).toFixed(2)} % of pixels`);
  assert.ok(gross < 0.0005, `software and WebGL frames differ grossly in ${(gross * 100).toFixed(3)} % of pixels`);
});
