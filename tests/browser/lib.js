// lib.js — shared helpers for the browser tests and benchmarks: launch Debian's Chromium with
// playwright-core (no browser download), open dist/nianbao.html from file://, record console
// errors and every network request, wait for frames, click canvas items by their rects.
'use strict';
const path = require('path');
const fs = require('fs');
const { chromium } = require('playwright-core');

const ROOT = path.resolve(__dirname, '..', '..');
const APP = 'file://' + path.join(ROOT, 'dist', 'nianbao.html');
const SHOTS = path.join(__dirname, 'screenshots');
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
              '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'];

async function launch(extraArgs = []) {
  // scroll bars shown as on a clerk's screen (headless hides them by default): the native text field's
  // takes the width the drawn view reserves for it
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: ARGS.concat(extraArgs),
                          ignoreDefaultArgs: ['--hide-scrollbars'] });
}

// a fresh context + page on the app; records console errors, page errors and non-file requests
async function openApp(browser, opts = {}) {
  const context = opts.context || await browser.newContext({
    viewport: opts.viewport || { width: 1366, height: 800 }, deviceScaleFactor: opts.dpr || 1, acceptDownloads: true });
  const page = await context.newPage();
  const log = { errors: [], requests: [] };
  page.on('console', m => { if (m.type() === 'error') log.errors.push(m.text()); });
  page.on('pageerror', e => log.errors.push('pageerror: ' + e.message));
  page.on('request', r => { const u = r.url(); if (!u.startsWith('file:') && !u.startsWith('data:')) log.requests.push(u); });
  page.on('dialog', d => d.accept().catch(() => {}));
  await page.goto(opts.url || APP);
  if (opts.waitReady !== false) await page.waitForFunction(() => window.nianbao && window.__nbFirstFrameMs !== undefined, null, { timeout: 30000 });
  return { context, page, log };
}

// waits for n animation frames of the page
function frames(page, n = 3) {
  return page.evaluate(n => new Promise(r => { let k = 0; const f = () => (++k >= n ? r() : requestAnimationFrame(f)); requestAnimationFrame(f); }), n);
}

async function clickRect(page, rect) {
  if (!rect) throw new Error('no rect to click');
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await frames(page, 3);
}
async function clickItem(page, id) { return clickRect(page, await page.evaluate(id => window.nianbao.itemRect(id), id)); }
async function clickCell(page, id) { return clickRect(page, await page.evaluate(id => window.nianbao.cellRect(id), id)); }

async function shot(page, name) {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, name + '.png') });
}

// reads a file of tests/data (the copy of the project's shared/ folder), e.g. readShared('seed/qinghai-2019.json')
const readShared = p => fs.readFileSync(path.join(ROOT, 'tests', 'data', p), 'utf8');

module.exports = { ROOT, APP, launch, openApp, frames, clickRect, clickItem, clickCell, shot, readShared };
