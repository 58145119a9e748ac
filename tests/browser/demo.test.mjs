// Browser tests of the demo emulator (www/) as `npm start` serves it: the server is
// `node scripts/serve.mjs` itself, spawned with PORT=0, its printed URL read from stdout. Headless
// Chromium through playwright-core; a fresh browser context (fresh IndexedDB, localStorage) per test.
// The page is driven like a person drives it — clicks and the keyboard; page.evaluate only reads.
//   node scripts/build.mjs && node --test tests/browser/demo.test.mjs
// Screenshots for a person to look at: tests/output/demo-prompt.png, tests/output/demo-settings.png
//
// A note on the tap rule: every Playwright read (locators, page.evaluate) runs with `userGesture`,
// which gives the page transient user activation for 5 s. The tap-rule tests therefore read
// through a plain CDP Runtime.evaluate (no gesture) or keep their hands off the page while waiting.

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { deepFocus, inspectShadowRoots, launchChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'tests/output');

const PROMPT = '[data-mpa-ui="prompt"]';
const SETTINGS = '[data-mpa-ui="settings"]';
const TAP_ERR = 'openSetting:fail can only be invoked by user TAP gesture.';
// WeChat's retired scopes: always reported granted, never asked, and survive "delete".
const RETIRED = { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true };
const HERE = { latitude: 31.2304, longitude: 121.4737 };

let server; // { child, url, origin }
let browser;
let context;
let page;
let problems; // page errors, console errors and failed responses of the current test

// ---- the server `npm start` runs -------------------------------------------------------------

function spawnServer() {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['scripts/serve.mjs'], {
      cwd: ROOT,
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => fail(new Error(`serve.mjs printed no URL in 10 s: ${out}`)), 10_000);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGTERM');
      reject(error);
    };
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => (out += chunk));
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/(http:\/\/127\.0\.0\.1:(\d+)\/www\/)/);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1], origin: new URL(m[1]).origin });
      }
    });
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`serve.mjs exited (${code}): ${out}`)));
  });
}

async function stopServer() {
  if (!server || server.child.exitCode !== null) return;
  const exited = new Promise((resolve) => server.child.once('exit', resolve));
  server.child.kill('SIGTERM');
  await Promise.race([exited, sleep(3000)]);
}

// ---- page helpers (reads only) ---------------------------------------------------------------

/** Counts every prompt pop-up the page ever shows (installed before the page's own scripts). */
function countPrompts() {
  window.__promptsShown = 0;
  new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node.nodeType === 1 && node.matches('[data-mpa-ui="prompt"]')) window.__promptsShown += 1;
      }
    }
  }).observe(document, { childList: true, subtree: true });
}

async function newPage(options = {}) {
  context = await browser.newContext({
    viewport: { width: 1360, height: 940 },
    reducedMotion: 'reduce',
    permissions: ['geolocation'],
    geolocation: HERE,
    acceptDownloads: true,
    ...options,
  });
  await context.addInitScript(countPrompts);
  // The demo's pop-up and settings page are looked into with Playwright's locators: open their roots
  // in these pages (the package's are closed; tests/browser/ui-trust.test.mjs tests those).
  await inspectShadowRoots(context);
  page = await context.newPage();
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return page;
}

/** Waits until the mini program is on screen. */
async function ready(p = page) {
  await p.locator('.scope-card').first().waitFor();
  await p.locator('#auth-setting-json').filter({ hasText: '"authSetting"' }).waitFor();
}

async function open(url = server.url) {
  await page.goto(url);
  await ready();
}

async function until(read, check, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  let value;
  for (;;) {
    value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) return value; // the caller's assert shows what it was
    await sleep(40);
  }
}

/** The getSetting panel: the JSON of the last getSetting() call the page made. */
function readSetting(p = page) {
  return p.locator('#auth-setting-json').evaluate((el) => {
    try {
      return JSON.parse(el.textContent);
    } catch {
      return null;
    }
  });
}

/** The getSetting panel as a person reads it: the rows, `key → "true" | "false"`. */
function readSettingRows(p = page) {
  return p.locator('#auth-setting').evaluate((ul) =>
    Object.fromEntries(
      [...ul.querySelectorAll('li:not(.none)')].map((li) => [...li.querySelectorAll('span')].map((s) => s.textContent.trim())),
    ),
  );
}

async function expectSetting(expected, { p = page, errMsg = 'getSetting:ok' } = {}) {
  const sameKeys = (a) => JSON.stringify(Object.entries(a ?? {}).sort()) === JSON.stringify(Object.entries(expected).sort());
  const result = await until(() => readSetting(p), (r) => sameKeys(r?.authSetting));
  assert.equal(result?.errMsg, errMsg ?? undefined, `getSetting panel: ${JSON.stringify(result)}`); // null: none
  assert.deepEqual(result.authSetting, expected);
  const rows = await readSettingRows(p);
  assert.deepEqual(rows, Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, String(v)])));
}

/** The call log, newest first: [{ n, form, expr, done, lines: [{ tag, value | text }] }]. */
function readLog(p = page) {
  return p.locator('#log').evaluate((ol) =>
    [...ol.querySelectorAll('li.entry')].map((li) => ({
      n: Number(li.querySelector('.n').textContent.slice(1)),
      form: li.querySelector('.entry-head .form').textContent,
      expr: li.querySelector('.expr').textContent,
      done: !li.querySelector('.pending'),
      lines: [...li.querySelectorAll('.line')].map((line) => {
        const tag = line.querySelector('.tag').textContent;
        const json = line.querySelector('.json');
        if (!json) return { tag, text: line.querySelector('.text')?.textContent ?? '' };
        try {
          return { tag, value: JSON.parse(json.textContent) };
        } catch {
          return { tag, text: json.textContent };
        }
      }),
    })),
  );
}

async function lastEntryNumber(p = page) {
  return (await readLog(p))[0]?.n ?? 0;
}

const FINAL = new Set(['complete', 'resolved', 'rejected', 'threw']);

/** The first finished call after entry `after` whose expression starts with `prefix`. */
async function waitForCall(prefix, after, { p = page, timeout = 10_000 } = {}) {
  const find = (log) =>
    log.find((e) => e.n > after && e.form !== 'event' && e.expr.startsWith(prefix) && e.lines.some((l) => FINAL.has(l.tag)));
  const log = await until(() => readLog(p), (l) => find(l) !== undefined, { timeout });
  const entry = find(log);
  assert.ok(entry, `a finished call ${prefix}… after #${after}; log: ${JSON.stringify(log.slice(0, 4), null, 1)}`);
  return entry;
}

const line = (entry, tag) => entry.lines.find((l) => l.tag === tag);

function scopeCard(scope, p = page) {
  return p.locator('.scope-card').filter({ has: p.locator('code.s-key', { hasText: new RegExp(`^${scope.replace(/\./g, '\\.')}$`) }) });
}

/** The scope's label in the platform's table (what the pop-up and the settings page show). */
function labelOf(scope, p = page) {
  return p.evaluate((s) => auth.scopes.find((x) => x.scope === s).label, scope);
}

/** The card's authorize button: its accessible name says which scope it asks for. */
function authorizeButton(scope, p = page) {
  return scopeCard(scope, p).getByRole('button', { name: `authorize ${scope}`, exact: true });
}

function chip(scope, p = page) {
  return scopeCard(scope, p).locator('.state');
}

function promptsShown(p = page) {
  return p.evaluate(() => window.__promptsShown);
}

/** What has focus, and the scope card it sits in. */
const focusIn = (p = page) => deepFocus(p, { closest: '.scope-card', key: '.s-key' });

/** Presses Tab until `match(focus)`; fails after `max` presses. */
async function tabTo(match, what, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focus = await focusIn();
    if (match(focus)) return i + 1;
  }
  assert.fail(`Tab never reached ${what}`);
}

/** Click the prompt's button; checks the prompt is the real one, for the expected scope. */
async function answerPrompt(button, { label, desc } = {}) {
  const dialog = page.locator(`${PROMPT} dialog[open]`);
  await dialog.waitFor();
  if (label) {
    // Douyin's sheet says it in one sentence: "Demo Shop requests your Geographic location".
    const shown = (await page.locator(`${PROMPT} .label`).textContent()).trim();
    assert.ok(shown === label || shown.endsWith(` ${label}`), `the pop-up names ${label}: ${shown}`);
  }
  if (desc) assert.equal((await page.locator(`${PROMPT} .desc`).textContent()).trim(), desc);
  await page.locator(PROMPT).getByRole('button', { name: button, exact: true }).click();
  await page.locator(PROMPT).waitFor({ state: 'detached' });
}

/** Plain CDP evaluation: no user gesture, so no transient activation (unlike page.evaluate). */
async function evaluateWithoutGesture(cdp, expression) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

// ---- lifecycle -------------------------------------------------------------------------------

before(async () => {
  await fs.mkdir(OUTPUT, { recursive: true });
  server = await spawnServer();
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await stopServer();
});

beforeEach(() => {
  problems = [];
});

afterEach(async () => {
  await context?.close();
  context = undefined;
  assert.deepEqual(problems, [], 'no page errors, console errors or failed requests');
});

// ---- the tests -------------------------------------------------------------------------------

describe('demo emulator (www/) as npm start serves it', () => {
  it('serve.mjs prints its URL; the page, the shim and the wasm are served with the right types', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/www\/$/);
    const types = {};
    for (const file of ['/www/', '/www/app.js', '/www/style.css', '/pkg/index.min.js', '/pkg/ui.min.js', '/pkg/wasm/miniprogram_authorize_bg.wasm']) {
      const response = await fetch(server.origin + file);
      assert.equal(response.status, 200, file);
      types[file] = response.headers.get('content-type');
      await response.arrayBuffer();
    }
    assert.equal(types['/pkg/wasm/miniprogram_authorize_bg.wasm'], 'application/wasm');
    assert.match(types['/www/'], /^text\/html/);
    assert.match(types['/pkg/index.min.js'], /^text\/javascript/);
    const root = await fetch(server.origin + '/', { redirect: 'manual' });
    assert.equal(root.status, 302);
    assert.equal(root.headers.get('location'), '/www/');

    await newPage();
    await open();
    assert.equal(await page.title(), 'miniprogram-authorize · demo emulator');
    assert.equal(await page.locator('#app-title').textContent(), 'Demo Shop');
    await expectSetting(RETIRED);
    const meta = await page.locator('#meta').textContent();
    assert.match(meta, /storage indexeddb/);
    assert.match(meta, /platform wechat/);
  });

  it('Allow in the real prompt → getSetting shows true; the gated API then runs without asking', async () => {
    await newPage();
    await open();
    assert.equal(await chip('scope.userLocation').textContent(), 'Not asked');

    const before = await lastEntryNumber();
    await authorizeButton('scope.userLocation').click();
    const dialog = page.getByRole('dialog', { name: 'Demo Shop requests: Geographic location' });
    await dialog.waitFor();
    assert.equal(await page.locator(PROMPT).count(), 1);
    assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true);
    assert.equal((await page.locator(`${PROMPT} .desc`).textContent()).trim(), 'Used to show shops near you');
    assert.equal(
      await page.locator(PROMPT).evaluate((host) => host.parentElement.id),
      'screen',
      'the pop-up is placed inside the phone screen',
    );
    await page.screenshot({ path: path.join(OUTPUT, 'demo-prompt.png'), animations: 'disabled' });

    await answerPrompt('Allow');
    const call = await waitForCall('wx.authorize({"scope":"scope.userLocation", success, fail, complete})', before);
    assert.equal(call.form, 'callback');
    assert.deepEqual(line(call, 'success').value, { errMsg: 'authorize:ok' });
    assert.equal(line(call, 'complete').text, 'the same result as success', 'complete is not printed twice');
    assert.equal(line(call, 'pop-up').text, 'pop-up shown: the user chose Allow');
    assert.equal(line(call, 'fail'), undefined);
    await expectSetting({ ...RETIRED, 'scope.userLocation': true });
    assert.equal(await chip('scope.userLocation').textContent(), 'Granted');

    // Granted: getLocation runs the Geolocation API at once, no second pop-up.
    const n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    const located = await waitForCall('wx.getLocation(', n);
    const resolved = line(located, 'resolved').value;
    assert.equal(resolved.errMsg, 'getLocation:ok');
    assert.equal(resolved.latitude, HERE.latitude);
    assert.equal(resolved.longitude, HERE.longitude);
    assert.equal(await promptsShown(), 1);
    await page.locator('#output-slot .coords').filter({ hasText: '31.23040, 121.47370' }).waitFor();
  });

  it('Deny → the gated API fails with the exact errMsg, no second prompt; a reload keeps every decision', async () => {
    await newPage();
    await open();

    // getLocation asks; Deny.
    let n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    await answerPrompt('Deny', { label: 'Geographic location', desc: 'Used to show shops near you' });
    let call = await waitForCall('wx.getLocation({"type":"wgs84"})', n);
    assert.equal(call.form, 'promise');
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail auth deny' });
    await expectSetting({ ...RETIRED, 'scope.userLocation': false });
    assert.equal(await chip('scope.userLocation').textContent(), 'Denied');

    // Asked again: fails at once with the same errMsg, no pop-up.
    n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    call = await waitForCall('wx.getLocation(', n);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail auth deny' });
    n = await lastEntryNumber();
    await authorizeButton('scope.userLocation').click();
    call = await waitForCall('wx.authorize({"scope":"scope.userLocation"', n);
    assert.deepEqual(line(call, 'fail').value, { errMsg: 'authorize:fail auth deny' });
    assert.equal(await promptsShown(), 1, 'only the first call showed a pop-up');
    assert.equal(await page.locator(PROMPT).count(), 0);

    // saveImageToPhotosAlbum: Allow → a real download.
    n = await lastEntryNumber();
    const download = page.waitForEvent('download');
    await scopeCard('scope.writePhotosAlbum').getByRole('button', { name: 'saveImageToPhotosAlbum', exact: true }).click();
    await answerPrompt('Allow', { label: await labelOf('scope.writePhotosAlbum') });
    assert.match((await download).suggestedFilename(), /\.png$/);
    call = await waitForCall('wx.saveImageToPhotosAlbum(', n);
    assert.equal(line(call, 'resolved').value.errMsg, 'saveImageToPhotosAlbum:ok');
    const decided = { ...RETIRED, 'scope.userLocation': false, 'scope.writePhotosAlbum': true };
    await expectSetting(decided);

    // Reload: the same states from IndexedDB, and no pop-up for either.
    await page.reload();
    await ready();
    assert.equal(await promptsShown(), 0);
    await expectSetting(decided);
    assert.equal(await chip('scope.userLocation').textContent(), 'Denied');
    assert.equal(await chip('scope.writePhotosAlbum').textContent(), 'Granted');
    n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    call = await waitForCall('wx.getLocation(', n);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail auth deny' });
    n = await lastEntryNumber();
    const again = page.waitForEvent('download');
    await scopeCard('scope.writePhotosAlbum').getByRole('button', { name: 'saveImageToPhotosAlbum', exact: true }).click();
    await again;
    call = await waitForCall('wx.saveImageToPhotosAlbum(', n);
    assert.equal(line(call, 'resolved').value.errMsg, 'saveImageToPhotosAlbum:ok');
    assert.equal(await promptsShown(), 0, 'no pop-up after the reload');

    // The Android wording, picked in the emulator: the same denial, Android's errMsg.
    await page.locator('#flavor').selectOption('android');
    await page.locator('#meta').filter({ hasText: 'flavor android' }).waitFor();
    await ready();
    n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    call = await waitForCall('wx.getLocation(', n);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail:auth denied' });
    assert.equal(await promptsShown(), 0);
  });

  it('createVKSession: the program gets a session at once; its start asks for the camera, and the status is the answer', async () => {
    await newPage();
    await open();
    const vk = () => scopeCard('scope.camera').getByRole('button', { name: 'createVKSession', exact: true });

    // Deny in the pop-up: start's callback gets 2003002, the host's session never opens the camera.
    let n = await lastEntryNumber();
    await vk().click();
    await answerPrompt('Deny', { label: await labelOf('scope.camera') });
    let call = await waitForCall('wx.createVKSession({"track":{"plane":{"mode":1}},"version":"v2"})', n);
    assert.deepEqual(line(call, 'rejected').value, { status: 2003002 });
    await page.locator('#output-slot').filter({ hasText: 'camera permission not granted to the mini program' }).waitFor();
    assert.equal(await chip('scope.camera').textContent(), 'Denied');
    n = await lastEntryNumber();
    await vk().click();
    call = await waitForCall('wx.createVKSession(', n);
    assert.deepEqual(line(call, 'rejected').value, { status: 2003002 }, 'denied before: at once');
    assert.equal(await promptsShown(), 1);

    // Allowed in the settings' stead (the page's own hook): the host's session starts, or says why
    // it cannot (headless Chromium has no camera: 2000002, device not supported).
    await page.evaluate(() => auth.setState('scope.camera', 'granted'));
    n = await lastEntryNumber();
    await vk().click();
    call = await waitForCall('wx.createVKSession(', n);
    const cameras = await page.evaluate(async () => (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').length);
    if (cameras === 0) {
      assert.deepEqual(line(call, 'rejected').value, { status: 2000002 }, 'no camera: device not supported');
    } else {
      assert.deepEqual(line(call, 'resolved').value, { status: 0 }, 'the camera is live');
      await page.locator('#overlay').getByRole('button', { name: 'Done' }).click();
    }
    assert.equal(await promptsShown(), 1, 'granted: no pop-up');
  });

  it('openSetting on a real click opens the settings page; flipping the switch and Done grants it', async () => {
    await newPage();
    await open();
    let n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    await answerPrompt('Deny');
    await waitForCall('wx.getLocation(', n);
    await expectSetting({ ...RETIRED, 'scope.userLocation': false });

    n = await lastEntryNumber();
    await page.getByRole('button', { name: /^openSetting/ }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings.waitFor();
    assert.equal(await page.locator(SETTINGS).evaluate((host) => host.parentElement.id), 'app-area');
    const location = page.getByRole('switch', { name: 'Geographic location' });
    assert.equal(await location.isChecked(), false, 'the switch shows the denial');
    // Only scopes ever asked are listed (WeChat lists background location with location).
    const listed = await page.locator(SETTINGS).evaluate((host) =>
      [...host.shadowRoot.querySelectorAll('[role="switch"]')].map((s) => s.dataset.scope),
    );
    assert.ok(listed.includes('scope.userLocation'));
    assert.ok(!listed.includes('scope.camera') && !listed.includes('scope.writePhotosAlbum'), `listed: ${listed}`);
    await page.screenshot({ path: path.join(OUTPUT, 'demo-settings.png'), animations: 'disabled' });

    await location.click();
    assert.equal(await location.isChecked(), true);
    await settings.getByRole('button', { name: 'Done' }).click();
    await page.locator(SETTINGS).waitFor({ state: 'detached' });
    const call = await waitForCall('wx.openSetting({success, fail, complete})', n);
    const success = line(call, 'success').value;
    assert.equal(success.errMsg, 'openSetting:ok');
    assert.equal(success.authSetting['scope.userLocation'], true);
    await expectSetting({ ...RETIRED, 'scope.userLocation': true });
    assert.equal(await chip('scope.userLocation').textContent(), 'Granted');

    n = await lastEntryNumber();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
    const located = await waitForCall('wx.getLocation(', n);
    assert.equal(line(located, 'resolved').value.errMsg, 'getLocation:ok');
    assert.equal(await promptsShown(), 1);

    // The capsule's "…" button is the user's own way in; the state survives a reload.
    await page.reload();
    await ready();
    await expectSetting({ ...RETIRED, 'scope.userLocation': true });
    await page.getByRole('button', { name: 'Settings', exact: true }).click();
    await settings.waitFor();
    assert.equal(await location.isChecked(), true);
    await page.keyboard.press('Escape');
    await page.locator(SETTINGS).waitFor({ state: 'detached' });
  });

  it('the tap rule: openSetting without a user gesture fails with the exact errMsg and shows nothing', async () => {
    await newPage();
    const cdp = await context.newCDPSession(page);
    // A fresh document, read only through gesture-less CDP: no user activation at all.
    await page.goto(server.url);
    const outcome = await evaluateWithoutGesture(
      cdp,
      `(async () => {
        const wait = (ms) => new Promise((r) => setTimeout(r, ms));
        for (let i = 0; i < 250 && !(window.wx && document.querySelector('.scope-card')); i++) await wait(20);
        await wait(0); // after an await and a timer, as code in a mini program would
        const active = navigator.userActivation.isActive;
        const promise = await wx.openSetting().then((r) => ({ ok: r }), (e) => ({ fail: e }));
        const callback = await new Promise((resolve) => auth.api.openSetting({ fail: (e) => resolve(e), success: resolve }));
        return { active, promise, callback, settings: document.querySelectorAll('[data-mpa-ui="settings"]').length };
      })()`,
    );
    assert.deepEqual(outcome, {
      active: false,
      promise: { fail: { errMsg: TAP_ERR } },
      callback: { errMsg: TAP_ERR },
      settings: 0,
    });

    // The demo's own link: a tap starts a 6 s timer, then openSetting runs with no activation left
    // (transient activation lasts 5 s). Hands off the page meanwhile: any Playwright read is a
    // gesture, so the wait runs inside the page, started through gesture-less CDP.
    const n = await lastEntryNumber();
    await page.getByRole('button', { name: 'Try openSetting without a tap' }).click();
    await evaluateWithoutGesture(
      cdp,
      `new Promise((resolve, reject) => {
        const t0 = Date.now();
        (function poll() {
          const done = [...document.querySelectorAll('#log li.entry')].some((li) =>
            Number(li.querySelector('.n').textContent.slice(1)) > ${n}
            && li.querySelector('.expr').textContent === 'wx.openSetting({})' && !li.querySelector('.pending'));
          if (done) resolve(true);
          else if (Date.now() - t0 > 20000) reject(new Error('the demo made no openSetting call in 20 s'));
          else setTimeout(poll, 50);
        })();
      })`,
    );
    const call = await waitForCall('wx.openSetting({})', n);
    assert.equal(call.form, 'promise');
    assert.match(line(call, 'note').text, /no user activation/);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: TAP_ERR });
    assert.equal(await page.locator(SETTINGS).count(), 0, 'no settings page');
    // The failure stays on the phone (a card, not a 1.8 s toast) until closed.
    await page.locator('#output-slot .output.error .err').filter({ hasText: TAP_ERR }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Try openSetting without a tap' }).isEnabled(), true);

    // And the same call on a real tap goes through.
    const m = await lastEntryNumber();
    await page.getByRole('button', { name: /^openSetting/ }).click();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    const ok = await waitForCall('wx.openSetting(', m);
    assert.equal(line(ok, 'success').value.errMsg, 'openSetting:ok');
  });

  it('keyboard only: Tab/Enter to Allow, Tab/Space to Deny, Esc dismisses → auth cancel and nothing recorded', async () => {
    await newPage();
    await open();
    const isAuthorizeOf = (scope) => (f) => !f.inShadow && f.tag === 'button' && f.text === 'authorize' && f.card === scope;

    // Camera: Tab to its authorize button, Enter; in the pop-up Tab, Tab reaches Allow; Enter.
    await tabTo(isAuthorizeOf('scope.camera'), 'the camera authorize button');
    let n = await lastEntryNumber();
    await page.keyboard.press('Enter');
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    let focus = await focusIn();
    assert.equal(focus.inShadow, true, 'focus moves into the pop-up');
    await page.keyboard.press('Tab');
    assert.equal((await focusIn()).value, 'reject');
    await page.keyboard.press('Tab');
    assert.equal((await focusIn()).value, 'accept');
    await page.keyboard.press('Enter');
    let call = await waitForCall('wx.authorize({"scope":"scope.camera"', n);
    assert.deepEqual(line(call, 'success').value, { errMsg: 'authorize:ok' });
    await page.locator(PROMPT).waitFor({ state: 'detached' });
    assert.ok(isAuthorizeOf('scope.camera')(await focusIn()), 'focus returns to the button');

    // Bluetooth: Tab on to its authorize button, Enter; Tab to Deny; Space.
    await tabTo(isAuthorizeOf('scope.bluetooth'), 'the bluetooth authorize button');
    n = await lastEntryNumber();
    await page.keyboard.press('Enter');
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await focusIn()).value, 'reject');
    await page.keyboard.press('Space');
    call = await waitForCall('wx.authorize({"scope":"scope.bluetooth"', n);
    assert.deepEqual(line(call, 'fail').value, { errMsg: 'authorize:fail auth deny' });

    // Album: Enter, then Esc dismisses: auth cancel, nothing recorded, and the next call asks again.
    await tabTo(isAuthorizeOf('scope.writePhotosAlbum'), 'the album authorize button');
    for (let round = 1; round <= 2; round++) {
      n = await lastEntryNumber();
      await page.keyboard.press('Enter');
      await page.locator(`${PROMPT} dialog[open]`).waitFor();
      assert.equal((await page.locator(`${PROMPT} .label`).textContent()).trim(), await labelOf('scope.writePhotosAlbum'));
      await page.keyboard.press('Escape');
      call = await waitForCall('wx.authorize({"scope":"scope.writePhotosAlbum"', n);
      assert.deepEqual(line(call, 'fail').value, { errMsg: 'authorize:fail auth cancel' });
      assert.equal(line(call, 'complete').text, 'the same result as fail');
      await page.locator(PROMPT).waitFor({ state: 'detached' });
      focus = await focusIn();
      assert.ok(isAuthorizeOf('scope.writePhotosAlbum')(focus), `focus returns (round ${round})`);
    }
    assert.equal(await promptsShown(), 4, 'the dismissed scope was asked again');
    await expectSetting({ ...RETIRED, 'scope.camera': true, 'scope.bluetooth': false });
    assert.equal(await chip('scope.writePhotosAlbum').textContent(), 'Not asked');
    const changes = (await readLog()).filter((e) => e.form === 'event' && e.expr.includes('writePhotosAlbum'));
    assert.deepEqual(changes, [], 'no change event for a dismissed prompt');
  });

  it('"Delete mini program" forgets every decision except the retired scopes; the next call asks again', async () => {
    await newPage();
    await open();
    let n = await lastEntryNumber();
    await authorizeButton('scope.userLocation').click();
    await answerPrompt('Allow');
    await waitForCall('wx.authorize({"scope":"scope.userLocation"', n);
    n = await lastEntryNumber();
    await authorizeButton('scope.record').click();
    await answerPrompt('Deny', { label: await labelOf('scope.record') });
    await waitForCall('wx.authorize({"scope":"scope.record"', n);
    await expectSetting({ ...RETIRED, 'scope.userLocation': true, 'scope.record': false });

    n = await lastEntryNumber();
    await page.getByRole('button', { name: 'Delete mini program' }).click();
    const reset = await waitForCall('auth.reset()', n);
    assert.ok(line(reset, 'resolved'), JSON.stringify(reset));
    // The phone says so, not only the log.
    await page.locator('#output-slot .output').filter({ hasText: 'Mini program deleted' }).waitFor();
    await expectSetting(RETIRED);
    assert.equal(await chip('scope.userLocation').textContent(), 'Not asked');
    assert.equal(await chip('scope.record').textContent(), 'Not asked');

    // Gone from IndexedDB too: a reload still shows nothing decided.
    await page.reload();
    await ready();
    await expectSetting(RETIRED);

    n = await lastEntryNumber();
    await authorizeButton('scope.record').click();
    await answerPrompt('Allow', { label: await labelOf('scope.record') });
    const call = await waitForCall('wx.authorize({"scope":"scope.record"', n);
    assert.deepEqual(line(call, 'success').value, { errMsg: 'authorize:ok' });
    assert.equal(await promptsShown(), 1, 'asked again after the delete');
    await expectSetting({ ...RETIRED, 'scope.record': true });
  });

  it('switching platforms: each opens, prompts and records; the choice and the decisions persist', async () => {
    await newPage();
    await open();
    // [id, radio name, scope, how to ask]: Alipay's getSetting lists only its device permissions
    // (no `authorize` for those: the API asks), so there getLocation asks for `location`.
    const platforms = [
      ['wechat-minigame', 'Mini game (wx)', 'scope.userLocation', 'authorize'],
      ['alipay', 'Alipay (my)', 'location', 'getLocation'],
      ['bytedance', 'Douyin (tt)', 'scope.userLocation', 'authorize'],
      ['baidu', 'Baidu (swan)', 'scope.userLocation', 'authorize'],
      ['kuaishou', 'Kuaishou (ks)', 'scope.userLocation', 'authorize'],
      ['wechat', 'WeChat (wx)', 'scope.userLocation', 'authorize'],
    ];
    let prompts = 0;
    for (const [id, name, scope, how] of platforms) {
      await page.getByRole('radio', { name }).click();
      await page.locator('#meta').filter({ hasText: `platform ${id}` }).waitFor();
      await ready();
      assert.equal(new URL(page.url()).searchParams.get('platform'), id);
      assert.equal(await page.getByRole('radio', { name }).isChecked(), true);
      assert.equal(await chip(scope).textContent(), 'Not asked', id);

      const { label, key } = await page.evaluate(
        (s) => auth.scopes.filter((x) => x.scope === s).map((x) => ({ label: x.label, key: x.settingKey ?? x.scope }))[0],
        scope,
      );
      const before = (await readSetting())?.authSetting ?? {};
      const n = await lastEntryNumber();
      await (how === 'authorize' ? authorizeButton(scope) : scopeCard(scope).getByRole('button', { name: how, exact: true })).click();
      await answerPrompt('Allow', { label });
      prompts += 1;
      const call = await waitForCall('', n);
      assert.ok(line(call, how === 'authorize' ? 'success' : 'resolved'), `${id}: ${JSON.stringify(call)}`);
      const errMsg = id === 'alipay' ? null : 'getSetting:ok'; // Alipay's getSetting has no errMsg
      await expectSetting({ ...before, [key]: true }, { errMsg });
      assert.equal(await chip(scope).textContent(), 'Granted');

      // getSetting, the Promise form, through the platform's own global.
      const m = await lastEntryNumber();
      await page.getByRole('button', { name: /^getSetting/ }).click();
      const got = await waitForCall('', m);
      assert.ok(got.expr.startsWith(`${await page.evaluate(() => auth.global)}.getSetting(`), got.expr);
      assert.deepEqual(line(got, 'resolved').value.authSetting, { ...before, [key]: true });
    }
    assert.equal(await promptsShown(), prompts);

    // Reload: still WeChat, and WeChat's decision is still there, with no prompt.
    await page.reload();
    await ready();
    assert.equal(await page.getByRole('radio', { name: 'WeChat (wx)' }).isChecked(), true);
    assert.equal(await chip('scope.userLocation').textContent(), 'Granted');
    // Another platform's decisions are its own: back to Alipay, its `location` is still granted.
    await page.getByRole('radio', { name: 'Alipay (my)' }).click();
    await page.locator('#meta').filter({ hasText: 'platform alipay' }).waitFor();
    await ready();
    assert.equal(await chip('location').textContent(), 'Granted');
    await expectSetting({ location: true }, { errMsg: null });
    assert.equal(await promptsShown(), 0);
  });
});
