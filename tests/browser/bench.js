// bench.js — browser benchmark of dist/nianbao.html in Debian's Chromium (playwright-core, file://):
// file size raw and gzip, navigation → first drawn frame, keystroke → frame latency (table cell and
// text field), importing the real published pages through the page (window.nianbao.loadJson of the page's
// text: the import and the frame after it), the page drawn in software (no WebGL 2) against WebGL, idle
// CPU against an about:blank baseline, frames drawn while idle, network requests.
// Prints aligned figures "name  median  unit  (budget …: OK / OVER budget)"; exits 0 (a benchmark).
// Run: node tests/browser/bench.js  (scripts/bench.sh builds the app first). CHROMIUM=… overrides the browser.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const zlib = require('zlib');
const { execSync } = require('child_process');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const HTML = path.join(ROOT, 'dist', 'nianbao.html');
const APP = 'file://' + HTML;
const SEED = path.join(ROOT, 'tests', 'data', 'seed', 'qinghai-2019.json');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
              '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];
const VIEWPORT = { width: 1366, height: 800 };
const LOADS = 5, KEYS = 15, IDLE_CPU_S = 5, IDLE_FRAMES_S = 3;
const CLK_TCK = (() => { try { return Number(execSync('getconf CLK_TCK').toString()) || 100; } catch (e) { return 100; } })();

// ---------------------------------------------------------------- output
let ok = 0, over = 0;
const num = v => (v === null || v === undefined || Number.isNaN(v)) ? 'n/a'
  : Number.isInteger(v) && Math.abs(v) < 1e6 ? String(v)
  : Math.abs(v) >= 1000 ? v.toFixed(0) : Math.abs(v) >= 100 ? v.toFixed(1) : Math.abs(v) >= 10 ? v.toFixed(2) : v.toFixed(3);
function budget(v, limit, unit, cmp = '<') {
  const good = cmp === '<' ? v < limit : cmp === '<=' ? v <= limit : v === limit;
  good ? ok++ : over++;
  return `(budget ${cmp} ${limit} ${unit}: ${good ? 'OK' : 'OVER budget'})`;
}
function row(name, v, unit, ratio = '', bud = '') {
  console.log(`${name.padEnd(56)} ${num(v).padStart(10)}  ${unit.padEnd(4)}  ${ratio.padEnd(20)} ${bud}`.trimEnd());
}
const ratio = (v, base, what) => (base > 0 && v !== null ? `= ${num(v / base)}x ${what}` : '');
const note = s => console.log(`  # ${s}`);
const section = s => console.log(`\n== ${s}`);
const median = a => { const s = [...a].sort((x, y) => x - y), n = s.length; return n ? (n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2) : null; };
const max = a => (a.length ? Math.max(...a) : null);
const sleep = ms => new Promise(r => setTimeout(r, ms));

// ---------------------------------------------------------------- baseline page: a bare WebGL 2 canvas
// It draws its first frame at once and redraws on the next animation frame after a key, exposing the
// same __nbFirstFrameMs / __nbFrames / __nbLastFrameMs as the app: what the browser alone costs here.
const BASELINE_HTML = `<!doctype html><meta charset="utf-8"><title>baseline</title>
<style>html,body{margin:0;height:100%;overflow:hidden}canvas{position:fixed;inset:0;width:100vw;height:100vh}</style>
<canvas id="c"></canvas><script>
var c = document.getElementById('c'); c.width = innerWidth; c.height = innerHeight;
var gl = c.getContext('webgl2'), dirty = true, k = 0;
addEventListener('keydown', function () { dirty = true; }, true);
function frame() {
  if (dirty) {
    dirty = false; k = (k + 1) % 7;
    gl.clearColor(0.9, 0.9, 0.9 - k * 0.05, 1); gl.clear(gl.COLOR_BUFFER_BIT);
    window.__nbFrames = (window.__nbFrames | 0) + 1; window.__nbLastFrameMs = performance.now();
    if (window.__nbFirstFrameMs === undefined) window.__nbFirstFrameMs = performance.now();
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);
</script>`;

// ---------------------------------------------------------------- processes of our browser (not the other engineers')
function readStat(pid) {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');   // fields from 3 (state) on
    return { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) };   // utime + stime
  } catch (e) { return null; }
}
function processType(pid) {
  try {
    const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);   // Chromium rewrites it space-separated
    const t = cmd.find(a => a.startsWith('--type='));
    if (!t) return cmd[0].includes('chromium') ? 'browser' : 'other';
    const type = t.slice(7);
    return type === 'renderer' && cmd.includes('--extension-process') ? 'extension' : type;
  } catch (e) { return 'gone'; }
}
function descendants(root) {
  const parent = new Map();
  for (const d of fs.readdirSync('/proc')) if (/^\d+$/.test(d)) { const st = readStat(d); if (st) parent.set(Number(d), st.ppid); }
  const out = [root];
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, pp] of parent) if (!out.includes(pid) && out.includes(pp)) { out.push(pid); grew = true; }
  }
  return out;
}
// CPU ticks of every process of the browser, summed by --type (browser, renderer, gpu-process, utility, zygote)
function cpuByType(rootPid) {
  const by = {};
  for (const pid of descendants(rootPid).slice(1)) {   // not node itself
    const st = readStat(pid);
    if (!st) continue;
    const t = processType(pid);
    by[t] = (by[t] || 0) + st.ticks;
  }
  return by;
}

// ---------------------------------------------------------------- page helpers
const requests = { all: 0, local: 0, other: [] };
async function newPage(browser, viewport = VIEWPORT) {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
  const errors = [];
  context.on('request', r => {
    const u = r.url();
    requests.all++;
    if (u.startsWith('file:') || u.startsWith('data:')) requests.local++;
    else requests.other.push(u);
  });
  const page = await context.newPage();
  page.on('pageerror', e => errors.push('pageerror: ' + e.message));
  page.on('console', m => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('dialog', d => d.accept().catch(() => {}));
  return { context, page, errors };
}
async function openApp(browser, url = APP, viewport = VIEWPORT) {
  const p = await newPage(browser, viewport);
  const t0 = Date.now();
  await p.page.goto(url);
  await p.page.waitForFunction(() => window.__nbFirstFrameMs !== undefined, null, { timeout: 60000, polling: 10 });
  p.wallMs = Date.now() - t0;
  return p;
}
// waits until the page has drawn no frame for quietMs (the draw-on-demand loop went idle)
async function settle(page, quietMs = 1000, timeoutMs = 15000) {
  const end = Date.now() + timeoutMs;
  let last = -1, since = Date.now();
  while (Date.now() < end) {
    const f = await page.evaluate(() => window.__nbFrames | 0);
    if (f !== last) { last = f; since = Date.now(); } else if (Date.now() - since >= quietMs) return true;
    await sleep(100);
  }
  return false;
}
// records, inside the page, the time of every keydown (capture), the end of every drawn frame
// (__nbLastFrameMs is written once per frame) and every animation-frame start time
async function instrument(page) {
  await page.evaluate(() => {
    const b = window.__bench = { keys: [], frameEnds: [], rafTs: [], soft: [] };
    window.addEventListener('keydown', e => b.keys.push({ key: e.key, t: performance.now() }), true);
    let last = window.__nbLastFrameMs;
    Object.defineProperty(window, '__nbLastFrameMs', { configurable: true, get() { return last; }, set(v) { last = v; b.frameEnds.push(v); if (window.__nbSoftLast) b.soft.push(window.__nbSoftLast); } });
    const loop = ts => { b.rafTs.push(ts); requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
}
// presses one key; waits until a frame was drawn after it and done(page) holds (e.g. the re-check)
async function pressAndWait(page, key, done) {
  const before = await page.evaluate(() => ({ f: window.__nbFrames | 0, k: window.__bench.keys.length }));
  await page.keyboard.press(key);
  await page.waitForFunction(b => (window.__nbFrames | 0) > b.f && window.__bench.keys.length > b.k, before, { timeout: 10000, polling: 5 });
  if (done) await done();
}
// per keydown of the given key: keydown → end of the first frame drawn after it (the frame that
// handles the key), the app's work in that frame (from the later of keydown and the frame's start),
// and keydown → end of the second drawn frame. ImGui draws some results one frame after handling the
// key (the edit box, the committed value), and the browser begins that frame only once the first one
// has been rasterised (software WebGL here), so the second frame is when the result is on screen.
async function keyLatencies(page, keyFilter) {
  const b = await page.evaluate(() => window.__bench);
  const first = [], work = [], second = [];
  for (const k of b.keys.filter(k => keyFilter(k.key))) {
    const i = b.frameEnds.findIndex(t => t >= k.t);
    if (i < 0) continue;
    const end = b.frameEnds[i];
    first.push(end - k.t);
    const start = b.rafTs.filter(t => t <= end).pop();
    if (start !== undefined) work.push(end - Math.max(start, k.t));
    if (i + 1 < b.frameEnds.length) second.push(b.frameEnds[i + 1] - k.t);
  }
  return { first, work, second };
}
// intervals between consecutive drawn frames less than 1 s apart: how fast the app draws when it must
async function frameIntervals(page) {
  const e = await page.evaluate(() => window.__bench.frameEnds);
  const d = [];
  for (let i = 1; i < e.length; ++i) if (e[i] - e[i - 1] < 1000) d.push(e[i] - e[i - 1]);
  return d;
}
function cellValue(exported, id) {
  const j = JSON.parse(exported), p = id.split('.');
  const t = j.tables && j.tables[p[0]], r = t && t[p.slice(1, -1).join('.')];
  return r ? r[p[p.length - 1]] : undefined;
}

// ---------------------------------------------------------------- the benchmarks
async function fileSizes() {
  section(`file  (${path.relative(ROOT, HTML)})`);
  const buf = fs.readFileSync(HTML);
  const gz6 = zlib.gzipSync(buf).length, gz9 = zlib.gzipSync(buf, { level: 9 }).length;
  row('dist/nianbao.html raw', buf.length / 1e6, 'MB', '', budget(buf.length / 1e6, 4, 'MB'));
  row('dist/nianbao.html gzip (zlib level 6)', gz6 / 1e6, 'MB', ratio(gz6, buf.length, 'raw'));
  row('dist/nianbao.html gzip (zlib level 9)', gz9 / 1e6, 'MB', ratio(gz9, buf.length, 'raw'));
}

async function firstFrame(browser, baselineUrl) {
  section(`navigation -> first drawn frame  (median of ${LOADS} fresh contexts; performance.now() at the first frame)`);
  const base = [], app = [], wall = [], dcl = [];
  for (let i = 0; i < LOADS; ++i) {
    const b = await openApp(browser, baselineUrl);
    base.push(await b.page.evaluate(() => window.__nbFirstFrameMs));
    await b.context.close();
    const a = await openApp(browser);
    app.push(await a.page.evaluate(() => window.__nbFirstFrameMs));
    dcl.push(await a.page.evaluate(() => { const n = performance.getEntriesByType('navigation')[0]; return n ? n.domContentLoadedEventEnd : null; }));
    wall.push(a.wallMs);
    if (a.errors.length) note('console errors: ' + a.errors.join(' | '));
    await a.context.close();
  }
  const bm = median(base), am = median(app);
  row('baseline: bare WebGL2 page, first frame', bm, 'ms', '= 1x bare');
  row('app: first drawn frame (__nbFirstFrameMs)', am, 'ms', ratio(am, bm, 'bare'), budget(am, 1000, 'ms'));
  row('app: first drawn frame, slowest of ' + LOADS, max(app), 'ms', ratio(max(app), bm, 'bare'));
  row('app: DOMContentLoaded (script parsed)', median(dcl), 'ms');
  row('app: wall time goto() -> flag seen (Playwright)', median(wall), 'ms');
}

async function keystrokes(browser, baselineUrl) {
  section(`keystroke -> frame  (${KEYS} keys each; keydown (capture listener) -> end of the next drawn frame)`);
  // baseline: the bare WebGL2 page redrawing on the next animation frame after each key
  const b = await openApp(browser, baselineUrl);
  await instrument(b.page);
  for (let i = 0; i < KEYS; ++i) { await pressAndWait(b.page, String((i % 9) + 1)); await sleep(30); }
  const base = await keyLatencies(b.page, () => true);
  await b.context.close();
  const bm = median(base.first);
  row('baseline: bare WebGL2 page, key -> next frame', bm, 'ms', '= 1x bare');
  row('baseline: bare WebGL2 page, max', max(base.first), 'ms');

  // the app with the 青海 seed: select 表三 first cell, then digit (starts editing) + Enter (commits: full re-check, moves down)
  const a = await openApp(browser);
  const seed = fs.readFileSync(SEED, 'utf8');
  const loaded = await a.page.evaluate(t => window.nianbao.loadJson(t), seed);
  if (!loaded.ok) note('loadJson failed: ' + JSON.stringify(loaded));
  await settle(a.page);
  const rect = await a.page.evaluate(() => window.nianbao.cellRect('t3.1.natural'));
  await a.page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await settle(a.page, 500);
  await instrument(a.page);
  const cpu0 = cpuByType(process.pid), wall0 = Date.now();
  let committed = 0, wrong = [];
  for (let i = 0; i < KEYS; ++i) {
    const id = await a.page.evaluate(() => window.nianbao.selection());
    const digit = String((i % 9) + 1);
    const findingsBefore = await a.page.evaluate(() => JSON.stringify(window.nianbao.findings()));
    await pressAndWait(a.page, digit);
    await sleep(50);
    // Enter commits: wait until the value is in the report (setCell re-checks the whole report)
    await pressAndWait(a.page, 'Enter', async () => {
      try {
        await a.page.waitForFunction(([id, d]) => {
          const j = JSON.parse(window.nianbao.exportJson()), p = id.split('.');
          const t = j.tables[p[0]], r = t && t[p.slice(1, -1).join('.')];
          return r && r[p[p.length - 1]] === Number(d);
        }, [id, digit], { timeout: 3000, polling: 20 });
        committed++;
      } catch (e) { wrong.push(`${id}=${cellValue(await a.page.evaluate(() => window.nianbao.exportJson()), id)} (typed ${digit})`); }
    });
    const findingsAfter = await a.page.evaluate(() => JSON.stringify(window.nianbao.findings()));
    if (i === 0 && findingsAfter === findingsBefore) note('first commit did not change the findings (re-check not visible)');
    await settle(a.page, 300);   // idle again (autosave after 400 ms keeps frames coming until then)
  }
  const cpu1 = cpuByType(process.pid), secs = (Date.now() - wall0) / 1000;
  const digits = await keyLatencies(a.page, k => /^[0-9]$/.test(k));
  const enters = await keyLatencies(a.page, k => k === 'Enter');
  const sel = await a.page.evaluate(() => window.nianbao.selection());
  note('a digit only opens the cell editor (no re-check); Enter commits the value: setCell re-checks the whole report');
  note(`${committed}/${KEYS} values committed and re-checked (verified in exportJson); selection ended at ${sel}` +
       (wrong.length ? '; not committed: ' + wrong.join(', ') : ''));
  const dm = median(digits.first), em = median(enters.first);
  const fi = await frameIntervals(a.page);
  row('cell: digit (starts editing) -> next frame, median', dm, 'ms', ratio(dm, bm, 'bare'), budget(dm, 16.7, 'ms'));
  row('cell: digit -> next frame, max', max(digits.first), 'ms', ratio(max(digits.first), bm, 'bare'));
  row('cell: digit, app work in that frame, median', median(digits.work), 'ms');
  row('cell: digit -> second frame (edit box drawn), median', median(digits.second), 'ms');
  row('cell: Enter (commit + re-check) -> next frame, median', em, 'ms', ratio(em, bm, 'bare'), budget(em, 16.7, 'ms'));
  row('cell: Enter -> next frame, max', max(enters.first), 'ms', ratio(max(enters.first), bm, 'bare'));
  row('cell: Enter, app work in that frame, median', median(enters.work), 'ms');
  row('cell: Enter -> second frame (new value drawn), median', median(enters.second), 'ms');
  row('app: interval between frames while drawing, median', median(fi), 'ms', `${fi.length} intervals`);
  row('app: interval between frames while drawing, max', max(fi), 'ms');
  for (const t of Object.keys(cpu1).sort())
    row(`  CPU while typing in cells: ${t}`, 100 * ((cpu1[t] || 0) - (cpu0[t] || 0)) / CLK_TCK / secs, '%', 'of one core');

  // a text section of 20,000 characters in the native textarea: every keystroke goes to the app (the
  // report, 字数, autosave) and the findings follow after a pause; the frame after a key draws the form
  // with that section's lines cached, the other sections untouched
  const long = JSON.parse(seed);
  while ([...long.text.overview].length < 20000) long.text.overview += '\n\n' + JSON.parse(seed).text.overview;
  long.text.overview = [...long.text.overview].slice(0, 20000).join('');
  const relo = await a.page.evaluate(t => window.nianbao.loadJson(t), JSON.stringify(long));
  if (!relo.ok) note('loadJson of the 20,000-character report failed: ' + JSON.stringify(relo));
  const tr = await a.page.evaluate(() => { window.nianbao.cellRect('text.overview'); return window.nianbao.itemRect('text.overview'); });
  if (!tr) { note('text.overview not found: text-field latency skipped'); }
  else {
    await a.page.mouse.click(tr.x + Math.min(tr.w / 2, 200), tr.y + Math.min(tr.h / 2, 60));
    await a.page.waitForFunction(() => document.activeElement.id === 'field', null, { timeout: 5000 });
    await settle(a.page, 500);
    const len0 = await a.page.evaluate(() => JSON.parse(window.nianbao.exportJson()).text.overview.length);
    await a.page.evaluate(() => { window.__bench.keys.length = 0; window.__bench.frameEnds.length = 0; });
    for (let i = 0; i < KEYS; ++i) {
      await pressAndWait(a.page, 'x');
      await sleep(50);
    }
    await settle(a.page, 500);
    const len1 = await a.page.evaluate(() => JSON.parse(window.nianbao.exportJson()).text.overview.length);
    const text = await keyLatencies(a.page, k => k === 'x');
    note(`${len1 - len0}/${KEYS} characters arrived in text.overview (${len1} characters now), typed in the native textarea`);
    const tm = median(text.first);
    row('text field (20,000 chars): key -> next frame, median', tm, 'ms', ratio(tm, bm, 'bare'), budget(tm, 16.7, 'ms'));
    row('text field: key -> next frame, max', max(text.first), 'ms', ratio(max(text.first), bm, 'bare'));
    row('text field: key, app work in that frame, median', median(text.work), 'ms');
    row('text field: key -> second frame, median', median(text.second), 'ms');
  }
  if (a.errors.length) note('console errors: ' + a.errors.join(' | '));
  await a.context.close();
}

// CPU of the browser's processes over IDLE_CPU_S seconds with one page open, and the page's own
// main-thread time from CDP Performance.getMetrics (TaskDuration, ScriptDuration)
async function idleCpu(browser, pid, url, prepare) {
  const p = url ? await openApp(browser, url) : await newPage(browser);
  if (!url) await p.page.goto('about:blank');
  if (prepare) await prepare(p.page);
  await sleep(2000);
  const cdp = await p.context.newCDPSession(p.page);
  await cdp.send('Performance.enable');
  const metric = (m, n) => (m.metrics.find(x => x.name === n) || {}).value || 0;
  const m0 = await cdp.send('Performance.getMetrics');
  const c0 = cpuByType(pid), t0 = process.hrtime.bigint();
  await sleep(IDLE_CPU_S * 1000);
  const c1 = cpuByType(pid), t1 = process.hrtime.bigint();
  const m1 = await cdp.send('Performance.getMetrics');
  const secs = Number(t1 - t0) / 1e9;
  const pct = ticks => (100 * ticks / CLK_TCK) / secs;
  const by = {};
  for (const k of new Set([...Object.keys(c0), ...Object.keys(c1)])) by[k] = pct((c1[k] || 0) - (c0[k] || 0));
  const res = {
    page: { task: 100 * (metric(m1, 'TaskDuration') - metric(m0, 'TaskDuration')) / secs,
            script: 100 * (metric(m1, 'ScriptDuration') - metric(m0, 'ScriptDuration')) / secs },
    by, total: Object.values(by).reduce((s, v) => s + v, 0),
  };
  await p.context.close();
  return res;
}

async function idle(browser) {
  section(`idle page  (after it settles; CPU over ${IDLE_CPU_S} s as % of one core, from /proc/<pid>/stat of this browser's processes)`);
  // frames drawn while idle
  const a = await openApp(browser);
  await a.page.evaluate(t => window.nianbao.loadJson(t), fs.readFileSync(SEED, 'utf8'));
  const settled = await settle(a.page);
  const f0 = await a.page.evaluate(() => window.__nbFrames | 0);
  await sleep(IDLE_FRAMES_S * 1000);
  const f1 = await a.page.evaluate(() => window.__nbFrames | 0);
  await a.context.close();
  row(`app: frames drawn while idle for ${IDLE_FRAMES_S} s`, f1 - f0, 'fr', '', budget(f1 - f0, 0, 'frames', '<='));
  if (!settled) note('the page never stopped drawing within 15 s');

  const pid = process.pid;   // our own descendants: the browser Playwright launched, never another engineer's
  const blank = await idleCpu(browser, pid, null);
  const app = await idleCpu(browser, pid, APP, async page => {
    await page.evaluate(t => window.nianbao.loadJson(t), fs.readFileSync(SEED, 'utf8'));
    await settle(page);
  });
  const types = [...new Set([...Object.keys(blank.by), ...Object.keys(app.by)])].sort();
  row('baseline: about:blank, all browser processes', blank.total, '%', '');
  row('app: all browser processes', app.total, '%', `= +${num(app.total - blank.total)} vs blank`, budget(app.total - blank.total, 2, '% above blank'));
  for (const t of types) {
    row(`  app, ${t} processes`, app.by[t] || 0, '%', `blank ${num(blank.by[t] || 0)}`, t === 'renderer' ? budget((app.by[t] || 0) - (blank.by[t] || 0), 1, '% above blank') : '');
  }
  row('baseline: about:blank, CDP TaskDuration', blank.page.task, '%');
  row('app: CDP TaskDuration (page main thread)', app.page.task, '%', `= +${num(app.page.task - blank.page.task)} vs blank`, budget(app.page.task, 1, '%'));
  row('app: CDP ScriptDuration (JS + wasm)', app.page.script, '%', `blank ${num(blank.page.script)}`);
}

// a real published page brought in through the page API: the page's text in, the frame after it drawn
async function importPages(browser) {
  section('import of the real published pages (loadJson of the page text -> report shown; median of 9)');
  const { page, context } = await openApp(browser);
  for (const name of ['pingtan-2021', 'pingtan-2024', 'shanghai-2019']) {
    const html = fs.readFileSync(path.join(ROOT, 'tests', 'data', 'real-pages', name + '.html'), 'utf8');
    const times = await page.evaluate(text => {
      const out = [];
      for (let i = 0; i < 10; i++) {
        const t0 = performance.now();
        const r = window.nianbao.loadJson(text);
        if (!r.ok) throw new Error(r.error);
        out.push(performance.now() - t0);
      }
      return out.slice(1);
    }, html);
    const m = median(times);
    row(`import ${name} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB)`, m, 'ms', '', budget(m, 200, 'ms'));
  }
  await context.close();
}

// 审核 of 300 reports: the real reports and fixtures (JSON), cycled to 300 files, opened at once with
// openFiles (each read, verified, checked; the table drawn); baseline: JSON.parse of the same texts in JS
async function review300(browser) {
  section('审核: 300 reports opened at once (openFiles -> review table drawn; median of 3)');
  const dirs = ['tests/data/real-reports', 'tests/data/real-reports/partial', 'tests/data/real-pages', 'tests/data/seed', 'tests/fixtures/base'];
  const texts = [];
  for (const d of dirs) for (const f of fs.readdirSync(path.join(ROOT, d)).filter(f => f.endsWith('.json')))
    texts.push(fs.readFileSync(path.join(ROOT, d, f), 'utf8'));
  const files = [];
  for (let i = 0; i < 300; i++) files.push({ name: 'report-' + i + '.json', text: texts[i % texts.length] });
  const { page, context } = await openApp(browser);
  const times = [], base = [];
  for (let k = 0; k < 3; k++) {
    const r = await page.evaluate(async list => {
      const b0 = performance.now();
      for (const f of list) JSON.parse(f.text);
      const b = performance.now() - b0;
      const t0 = performance.now();
      const res = window.nianbao.openFiles(list);
      await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
      const rows = window.nianbao.reviewRows().length;
      return { t: performance.now() - t0, b, ok: res.ok && rows === list.length };
    }, files);
    if (!r.ok) throw new Error('openFiles of 300 reports failed');
    times.push(r.t); base.push(r.b);
  }
  const m = median(times), bm = median(base);
  row('审核: 300 reports read, checked, table drawn', m, 'ms', ratio(m, bm, 'JSON.parse'), budget(m, 2000, 'ms'));
  await context.close();
}

// the page drawn in software (what a browser without WebGL 2 gets; ?render=software forces it) against the
// same page with WebGL in the same run, the canvas 1366×768 in both (software leaves 24 px for its line):
// a full frame (every frame redraws everything; frames made by moving the mouse over the form) and a
// keystroke in a cell to the next frame
async function softwareDrawing(browser) {
  section('software drawing (no WebGL 2) vs WebGL, canvas 1366x768, the 青海 report, same run');
  const out = {};
  for (const mode of ['webgl', 'software']) {
    const a = await openApp(browser, APP + (mode === 'software' ? '?render=software' : ''), { width: 1366, height: mode === 'software' ? 792 : 768 });
    const renderer = await a.page.evaluate(() => window.nianbao.renderer());
    const canvas = await a.page.evaluate(() => { const c = document.getElementById('canvas'); return c.width + 'x' + c.height; });
    if (renderer !== mode) note(`${mode}: the page drew with ${renderer}`);
    await a.page.evaluate(t => window.nianbao.loadJson(t), fs.readFileSync(SEED, 'utf8'));
    await settle(a.page);
    await instrument(a.page);
    for (let i = 0; i < 2 * KEYS; ++i) {   // mouse moves over the form: a full frame each
      const f = await a.page.evaluate(() => window.__nbFrames | 0);
      await a.page.mouse.move(600 + (i % 2) * 3, 400);
      await a.page.waitForFunction(f => (window.__nbFrames | 0) > f, f, { timeout: 10000, polling: 5 });
      await sleep(40);
    }
    const b = await a.page.evaluate(() => window.__bench);
    const full = [];
    for (const end of b.frameEnds) { const start = b.rafTs.filter(t => t <= end).pop(); if (start !== undefined) full.push(end - start); }
    const raster = b.soft.map(s => s.raster), present = b.soft.map(s => s.present);
    const rect = await a.page.evaluate(() => window.nianbao.cellRect('t3.1.natural'));
    await a.page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
    await settle(a.page, 500);
    await instrument(a.page);
    for (let i = 0; i < KEYS; ++i) {
      await pressAndWait(a.page, String((i % 9) + 1));
      await sleep(50);
      await pressAndWait(a.page, 'Enter');
      await settle(a.page, 300);
    }
    const digits = await keyLatencies(a.page, k => /^[0-9]$/.test(k)), enters = await keyLatencies(a.page, k => k === 'Enter');
    out[mode] = { full: median(full), fullMax: max(full), digit: median(digits.first), digit2: median(digits.second), enter: median(enters.first), canvas,
                  raster: median(raster), present: median(present) };
    if (a.errors.length) note(`${mode} console errors: ` + a.errors.join(' | '));
    await a.context.close();
  }
  const w = out.webgl, s = out.software;
  note(`canvas: WebGL ${w.canvas}, software ${s.canvas}; the WebGL here is Chromium's own software WebGL (SwiftShader)`);
  row('WebGL: full frame (rAF start -> frame drawn), median', w.full, 'ms', '= 1x WebGL');
  row('software: full frame (rAF start -> frame drawn), median', s.full, 'ms', ratio(s.full, w.full, 'WebGL'), budget(s.full, 50, 'ms'));
  row('software: full frame, max', s.fullMax, 'ms', ratio(s.fullMax, w.fullMax, 'WebGL max'));
  row('software: of which rasterising (and finding what changed)', s.raster, 'ms');
  row('software: of which putImageData of what changed', s.present, 'ms');
  row('WebGL: cell digit -> next frame, median', w.digit, 'ms', '= 1x WebGL');
  row('software: cell digit -> next frame, median', s.digit, 'ms', ratio(s.digit, w.digit, 'WebGL'), budget(s.digit, 33, 'ms'));
  row('software: cell digit -> second frame (edit box drawn), median', s.digit2, 'ms', ratio(s.digit2, w.digit2, 'WebGL'));
  row('WebGL: cell Enter (commit + re-check) -> next frame, median', w.enter, 'ms', '= 1x WebGL');
  row('software: cell Enter (commit + re-check) -> next frame, median', s.enter, 'ms', ratio(s.enter, w.enter, 'WebGL'), budget(s.enter, 33, 'ms'));
}

async function main() {
  if (!fs.existsSync(HTML)) { console.error(`bench.js: ${HTML} is missing: build it first (cmake --build build-wasm --target nianbao_web)`); process.exit(1); }
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'nb-bench-'));
  const baselineFile = path.join(tmp, 'baseline.html');
  fs.writeFileSync(baselineFile, BASELINE_HTML);
  const baselineUrl = 'file://' + baselineFile;
  console.log(`bench.js: ${process.env.CHROMIUM || '/usr/bin/chromium'}, headless, viewport ${VIEWPORT.width}x${VIEWPORT.height} @1x, software WebGL (SwiftShader)`);
  console.log(`${'name'.padEnd(56)} ${'median'.padStart(10)}  ${'unit'.padEnd(4)}  ${'vs baseline'.padEnd(20)} budget`);
  await fileSizes();
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS });
  try {
    console.log(`  # browser ${browser.version()}`);
    await firstFrame(browser, baselineUrl);
    await keystrokes(browser, baselineUrl);
    await softwareDrawing(browser);
    await importPages(browser);
    await review300(browser);
    await idle(browser);
  } finally {
    await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  section('network');
  row('requests other than file: / data:', requests.other.length, 'req', `of ${requests.all} requests`, budget(requests.other.length, 0, 'requests', '<='));
  for (const u of requests.other.slice(0, 10)) note(u);
  console.log(`\nbudgets: ${ok} OK, ${over} OVER budget${over ? '  <-- see the lines above' : ''}`);
}

main().catch(e => { console.error('bench.js failed:', e); process.exit(1); });
