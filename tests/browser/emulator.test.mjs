// Browser tests of the emulator's tools (www/): the authorization inspector, the console (a call
// made from page.evaluate included), the user's own pasted code, the device layer (mock location,
// the OS refusing a permission), and the page itself at 390×844 and 1440×900 in light and dark:
// nothing overflows the phone, every control of the pop-up, the settings page and the inspector
// shows a focus indicator, text contrast is at least 4.5:1 (3:1 for large text) from computed
// colours, repeated buttons have unique accessible names. Screenshots go to tests/output/.
//   node scripts/build.mjs && node --test tests/browser/emulator.test.mjs

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { closedShadow, inspectShadowRoots, launchChromium } from '../support/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'tests/output');
const PROMPT = '[data-mpa-ui="prompt"]';
const SETTINGS = '[data-mpa-ui="settings"]';
const PLATFORMS = [
  ['wechat', 'WeChat (wx)', 'scope.userLocation'],
  ['wechat-minigame', 'Mini game (wx)', 'scope.userLocation'],
  ['alipay', 'Alipay (my)', 'location'],
  ['bytedance', 'Douyin (tt)', 'scope.userLocation'],
  ['baidu', 'Baidu (swan)', 'scope.userLocation'],
  ['kuaishou', 'Kuaishou (ks)', 'scope.userLocation'],
];

let server;
let browser;
let context;
let page;
let problems;

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

async function newPage({ viewport = { width: 1440, height: 900 }, colorScheme = 'light', openRoots = true } = {}) {
  context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce', acceptDownloads: true });
  // Tests that look into the pop-up and settings page with Playwright's locators (layout, contrast,
  // focus) open their roots in these pages; the others keep the package's closed roots and answer
  // the pop-up through closedShadow, with a user's trusted click.
  if (openRoots) await inspectShadowRoots(context);
  await context.addInitScript(countPrompts);
  page = await addPage();
  return page;
}

async function addPage() {
  const p = await context.newPage();
  p.on('pageerror', (error) => problems.push(`pageerror: ${error.stack ?? error.message}`));
  p.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console.error: ${message.text()}`);
  });
  p.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return p;
}

async function ready(p = page) {
  await p.locator('#content .scope-card, #content .own-head').first().waitFor();
  await p.locator('#auth-setting-json').filter({ hasText: '"authSetting"' }).waitFor();
}

async function open(query = '', p = page) {
  await p.goto(server.url + query);
  await ready(p);
}

async function until(read, check, { timeout = 10_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (check(value) || Date.now() > deadline) return value;
    await sleep(40);
  }
}

/** The console's entries as data, newest last (the page keeps them; the DOM is drawn from them). */
function entries(p = page) {
  return p.evaluate(() =>
    [...document.querySelectorAll('#log li.entry')].reverse().map((li) => ({
      n: Number(li.dataset.n),
      form: li.querySelector('.form').textContent,
      via: li.querySelector('.via')?.textContent ?? null,
      expr: li.querySelector('.expr').textContent,
      done: !li.querySelector('.pending'),
      hidden: li.hidden,
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

async function lastN(p = page) {
  return (await entries(p)).at(-1)?.n ?? 0;
}

async function waitForCall(prefix, after, p = page) {
  const find = (list) => list.find((e) => e.n > after && e.form !== 'event' && e.expr.startsWith(prefix) && e.done);
  const list = await until(() => entries(p), (l) => find(l) !== undefined);
  const entry = find(list);
  assert.ok(entry, `a finished call ${prefix}… after #${after}: ${JSON.stringify(list.slice(-3), null, 1)}`);
  return entry;
}

const line = (entry, tag) => entry.lines.find((l) => l.tag === tag);

function scopeCard(scope, p = page) {
  return p.locator('.scope-card').filter({ has: p.locator('code.s-key', { hasText: new RegExp(`^${scope.replace(/\./g, '\\.')}$`) }) });
}

/** The inspector's button setting `scope` to `state`, found by its accessible name. */
function inspectorButton(state, scope, p = page) {
  const word = { granted: 'Granted', denied: 'Denied', prompt: 'Not asked' }[state];
  return p.locator('#inspector').getByRole('button', { name: new RegExp(`^${word}: .*\\(${scope.replace(/\./g, '\\.')}\\)$`) });
}

function pressedState(scope, p = page) {
  return p.locator('#inspector').evaluate((el, s) => {
    const row = el.shadowRoot.querySelector(`li[data-scope="${s}"]`);
    return row?.querySelector('button[aria-pressed="true"]')?.dataset.state ?? null;
  }, scope);
}

/** Answers the pop-up as the user does (a trusted click inside its root, closed or not). */
async function answerPrompt(name) {
  const ui = await closedShadow(page);
  await ui.waitFor(PROMPT, 'dialog[open]');
  await ui.click(PROMPT, `button[value="${name === 'Allow' ? 'accept' : 'reject'}"]`);
  await page.locator(PROMPT).waitFor({ state: 'detached' });
}

// ---- measurements made in the page -----------------------------------------------------------

/** Text whose contrast with its computed background is under 4.5:1 (3:1 for large text). */
function contrastFailures(selectors) {
  const parse = (value) => {
    let m = value.match(/^rgba?\(([^)]+)\)/);
    if (m) {
      const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
      return [p[0] / 255, p[1] / 255, p[2] / 255, p[3] ?? 1];
    }
    m = value.match(/^color\(srgb ([^)]+)\)/);
    if (m) {
      const p = m[1].split(/[\s/]+/).filter(Boolean).map(Number);
      return [p[0], p[1], p[2], p[3] ?? 1];
    }
    return null;
  };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3])).concat(1);
  const parentOf = (node) => node.parentElement ?? node.getRootNode()?.host ?? null;
  const background = (node) => {
    const layers = [];
    for (let n = node; n; n = parentOf(n)) {
      const style = getComputedStyle(n);
      const image = style.backgroundImage;
      if (image && image !== 'none') {
        const first = image.match(/(rgba?\([^)]+\)|color\(srgb [^)]+\))/);
        if (first) {
          layers.push([...parse(first[1]).slice(0, 3), 1]);
          break;
        }
      }
      const color = parse(style.backgroundColor);
      if (color && color[3] > 0) {
        layers.push(color);
        if (color[3] >= 1) break;
      }
    }
    let result = [1, 1, 1, 1];
    for (const layer of layers.reverse()) result = over(layer, result);
    return result;
  };
  const lum = ([r, g, b]) => {
    const f = (c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  const roots = [];
  for (const selector of selectors) {
    for (const el of document.querySelectorAll(selector)) roots.push(el.shadowRoot ?? el);
  }
  const failures = [];
  const seen = new Set();
  const visit = (root) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.nodeType !== 1 || seen.has(el)) continue;
      seen.add(el);
      const ownText = [...el.childNodes].some((c) => c.nodeType === 3 && c.textContent.trim());
      const field = ['INPUT', 'SELECT', 'TEXTAREA'].includes(el.tagName) && el.type !== 'checkbox' && el.type !== 'radio' && el.type !== 'file';
      if (!ownText && !field) continue;
      if (!el.getClientRects().length || el.closest('[aria-hidden="true"], :disabled, [hidden]')) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const fg = parse(style.color);
      if (!fg) continue;
      const bg = background(el);
      const value = ratio(over(fg, bg), bg);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (value < (large ? 3 : 4.5)) {
        failures.push(`${value.toFixed(2)}:1 ${el.tagName.toLowerCase()}.${el.className} "${(el.textContent || el.value || '').trim().slice(0, 40)}" ${style.color} on rgb(${bg.slice(0, 3).map((c) => Math.round(c * 255))})`);
      }
    }
  };
  for (const root of roots) visit(root);
  return failures;
}

/** Elements in the phone whose box pokes out of the screen sideways, or which scroll sideways. */
function phoneOverflow() {
  const screen = document.querySelector('#screen').getBoundingClientRect();
  const out = [];
  const check = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.shadowRoot) check(el.shadowRoot);
      const r = el.getBoundingClientRect();
      // The <dialog> itself is a transparent full-window layer; what it shows is laid over the screen.
      if (!r.width || !r.height || el.localName === 'dialog' || el.closest('dialog:not([open])')) continue;
      if (r.left < screen.left - 0.5 || r.right > screen.right + 0.5) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(screen.left)}–${Math.round(screen.right)}`);
      }
      if (el.scrollWidth > el.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && !el.matches('pre, code, .json')) {
        out.push(`${el.tagName.toLowerCase()}.${el.className} scrolls sideways (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
  };
  check(document.querySelector('#screen'));
  return out;
}

/** The focused element (through shadow roots) and whether it shows a focus indicator. */
function focusShown() {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  if (!a) return null;
  const style = getComputedStyle(a);
  const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
  const shadow = style.boxShadow && style.boxShadow !== 'none';
  // A visually hidden input shows its focus on the element drawn for it (the next sibling).
  const drawn = a.nextElementSibling && getComputedStyle(a).opacity === '0' ? getComputedStyle(a.nextElementSibling) : null;
  const drawnRing = drawn ? drawn.outlineStyle !== 'none' && parseFloat(drawn.outlineWidth) > 0 : false;
  return {
    tag: a.tagName.toLowerCase(),
    name: a.getAttribute('aria-label') || a.textContent.trim() || a.value || a.dataset.scope || '',
    visible: a.matches(':focus-visible') && (outline || shadow || drawnRing),
    host: a.getRootNode().host?.dataset?.mpaUi ?? a.getRootNode().host?.localName ?? null,
  };
}

/** Buttons sharing one accessible name inside `selector` (shadow roots included). */
function duplicateNames(selector) {
  const names = new Map();
  const nameOf = (b) => {
    const labelledby = b.getAttribute('aria-labelledby');
    if (labelledby) return labelledby.split(' ').map((id) => b.getRootNode().getElementById(id)?.textContent.trim()).join(' ');
    return (b.getAttribute('aria-label') || b.textContent).trim();
  };
  const visit = (root) => {
    for (const b of root.querySelectorAll('button, [role="button"]')) {
      if (!b.getClientRects().length) continue;
      const name = nameOf(b);
      names.set(name, (names.get(name) ?? 0) + 1);
    }
    for (const el of root.querySelectorAll('*')) if (el.shadowRoot) visit(el.shadowRoot);
  };
  for (const el of document.querySelectorAll(selector)) visit(el.shadowRoot ?? el);
  return [...names].filter(([, n]) => n > 1).map(([name, n]) => `${name} ×${n}`);
}

// ---- lifecycle -------------------------------------------------------------------------------

before(async () => {
  await fs.mkdir(path.join(OUTPUT, 'snippets'), { recursive: true });
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
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

describe('the emulator: inspector, console, your code, device', () => {
  it('inspector: every scope with its state; one click sets granted / denied / not asked; delete clears all; live in another tab', async () => {
    await newPage({ openRoots: false });
    await open();
    const scopes = await page.evaluate(() => auth.scopes.map((s) => s.scope));
    const rows = await page.locator('#inspector').evaluate((el) => [...el.shadowRoot.querySelectorAll('li[data-scope]')].map((li) => li.dataset.scope));
    assert.deepEqual(rows, scopes, 'one row per scope of the platform');

    const other = await addPage();
    await open('', other);

    await inspectorButton('granted', 'scope.camera').click();
    await until(() => pressedState('scope.camera'), (s) => s === 'granted');
    assert.equal(await page.evaluate(() => auth.stateOf('scope.camera')), 'granted');
    await scopeCard('scope.camera').locator('.state').filter({ hasText: 'Granted' }).waitFor();
    assert.equal(await until(() => pressedState('scope.camera', other), (s) => s === 'granted'), 'granted', 'the other tab follows');

    await inspectorButton('denied', 'scope.userLocation').click();
    await until(() => pressedState('scope.userLocation'), (s) => s === 'denied');
    const setting = await page.evaluate(() => wx.getSetting());
    assert.equal(setting.authSetting['scope.userLocation'], false);
    assert.equal(setting.authSetting['scope.camera'], true);

    await inspectorButton('prompt', 'scope.camera').click();
    await until(() => pressedState('scope.camera'), (s) => s === 'prompt');
    assert.equal((await page.evaluate(() => wx.getSetting())).authSetting['scope.camera'], undefined, 'clearing one scope forgets it');
    assert.equal(await until(() => pressedState('scope.camera', other), (s) => s === 'prompt'), 'prompt');

    await page.locator('#inspector').getByRole('button', { name: /Delete the mini program/ }).click();
    await until(() => pressedState('scope.userLocation'), (s) => s === 'prompt');
    assert.equal(await until(() => pressedState('scope.userLocation', other), (s) => s === 'prompt'), 'prompt');
    assert.equal(await page.locator('#inspector').evaluate((el) => el.shadowRoot.querySelector('.status').textContent), 'Mini program deleted: every decision is forgotten.');
    await page.locator('#inspector-card').screenshot({ path: path.join(OUTPUT, 'emulator-inspector.png') });
  });

  it('inspector: the privacy agreement (WeChat), agreed or not per kind, set and cleared in one click, live in another tab', async () => {
    await newPage({ openRoots: false });
    await open('?platform=wechat&privacy=official');
    const other = await addPage();
    await open('?platform=wechat&privacy=official', other);
    const privacyView = (p = page) => p.locator('#inspector').evaluate((el) => {
      const row = el.shadowRoot.querySelector('[data-scope="#privacy"]');
      return {
        state: row?.dataset.state ?? null,
        pressed: row?.querySelector('button[aria-pressed="true"]')?.textContent ?? null,
        kinds: [...el.shadowRoot.querySelectorAll('.kinds li')].map((li) => [li.title, li.dataset.agreed]),
      };
    });
    const needs = (p = page) => p.evaluate(() => wx.getPrivacySetting().then((r) => r.needAuthorization));
    const declared = await page.evaluate(() => auth.privacy.declared.map((k) => k.kind));
    assert.ok(declared.length > 5, 'the demo declares every kind');

    let view = await privacyView();
    assert.equal(view.pressed, 'Not agreed');
    assert.deepEqual(view.kinds, declared.map((k) => [k, 'false']), 'each declared kind, none agreed');
    assert.equal(await needs(), true);

    await page.locator('#inspector').getByRole('button', { name: 'Agreed: privacy guide', exact: true }).click();
    view = await until(() => privacyView(), (v) => v.pressed === 'Agreed');
    assert.deepEqual(view.kinds, declared.map((k) => [k, 'true']));
    assert.equal(await needs(), false, 'getPrivacySetting agrees with the inspector');
    assert.equal((await until(() => privacyView(other), (v) => v.pressed === 'Agreed')).pressed, 'Agreed', 'the other tab follows');
    assert.equal(await needs(other), false);
    // Agreed: a privacy API goes straight to its scope (the pop-up of the scope, no privacy pop-up).
    await page.locator('#inspector').getByRole('radio', { name: 'Always allow' }).check();
    assert.deepEqual(await page.evaluate(() => wx.authorize({ scope: 'scope.record' })), { errMsg: 'authorize:ok' });

    await other.locator('#inspector').getByRole('button', { name: 'Not agreed: privacy guide', exact: true }).click();
    view = await until(() => privacyView(), (v) => v.pressed === 'Not agreed');
    assert.deepEqual(view.kinds, declared.map((k) => [k, 'false']), 'cleared from the other tab, live here');
    assert.equal(await needs(), true);
    assert.equal(await page.evaluate(() => auth.stateOf('scope.record')), 'granted', 'clearing the agreement keeps scope decisions');
    await page.locator('#inspector-card').screenshot({ path: path.join(OUTPUT, 'emulator-inspector-privacy.png') });
  });

  it('inspector: the pop-up mode answers for the user (always allow, always deny, dismiss) and the console says so', async () => {
    await newPage({ openRoots: false });
    await open();
    const mode = (label) => page.locator('#inspector').getByRole('radio', { name: label }).check();

    await mode('Always allow');
    let n = await lastN();
    await scopeCard('scope.record').getByRole('button', { name: 'authorize scope.record', exact: true }).click();
    let call = await waitForCall('wx.authorize({"scope":"scope.record"', n);
    assert.deepEqual(line(call, 'success').value, { errMsg: 'authorize:ok' });
    assert.equal(line(call, 'pop-up').text, 'no pop-up: auto-answered by the inspector (always allow)');
    assert.equal(line(call, 'realm').text, 'made by the program’s logic layer in a guest Worker, served through the boundary', 'the demo program calls through the guest boundary');

    await mode('Always deny');
    n = await lastN();
    await page.evaluate(() => wx.getLocation({ type: 'wgs84' }).catch(() => {}));
    call = await waitForCall('wx.getLocation(', n);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail auth deny' });
    assert.equal(line(call, 'pop-up').text, 'no pop-up: auto-answered by the inspector (always deny)');

    await mode('Dismiss');
    n = await lastN();
    await page.evaluate(() => wx.authorize({ scope: 'scope.camera' }).catch(() => {}));
    call = await waitForCall('wx.authorize({"scope":"scope.camera"})', n);
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'authorize:fail auth cancel' });
    assert.equal(await page.evaluate(() => auth.stateOf('scope.camera')), 'prompt');
    assert.equal(await page.evaluate(() => window.__promptsShown), 0, 'no pop-up was shown');

    // The mode is the emulator's, kept across a reload; back to asking shows the real pop-up.
    await page.reload();
    await ready();
    assert.equal(await page.locator('#inspector').getByRole('radio', { name: 'Dismiss' }).isChecked(), true);
    await mode('Ask (show the pop-up)');
    n = await lastN();
    await scopeCard('scope.camera').getByRole('button', { name: 'authorize scope.camera', exact: true }).click();
    await answerPrompt('Deny');
    call = await waitForCall('wx.authorize({"scope":"scope.camera"', n);
    assert.equal(line(call, 'pop-up').text, 'pop-up shown: the user chose Deny');
  });

  it('console: a call made from page.evaluate is recorded with its form, the reason no pop-up came, the result and a node:test snippet that passes', async () => {
    await newPage({ openRoots: false });
    await open();
    // Deny location through the real pop-up, then call from outside the page's own code.
    let n = await lastN();
    await scopeCard('scope.userLocation').getByRole('button', { name: 'authorize scope.userLocation', exact: true }).click();
    await answerPrompt('Deny');
    await waitForCall('wx.authorize(', n);

    n = await lastN();
    const outcome = await page.evaluate(() => wx.getLocation({ type: 'wgs84' }).then((r) => ({ ok: r }), (e) => ({ fail: e })));
    assert.deepEqual(outcome, { fail: { errMsg: 'getLocation:fail auth deny' } });
    const call = await waitForCall('wx.getLocation({"type":"wgs84"})', n);
    assert.equal(call.form, 'promise');
    assert.equal(call.via, 'window.wx');
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail auth deny' });
    assert.equal(line(call, 'pop-up').text, 'no pop-up: remembered denial');

    // Callback form from page.evaluate too, and a retired scope.
    n = await lastN();
    await page.evaluate(() => new Promise((resolve) => wx.chooseAddress({ complete: resolve })));
    const retired = await waitForCall('wx.chooseAddress({complete})', n);
    assert.equal(retired.form, 'callback');
    assert.equal(line(retired, 'pop-up').text, 'no pop-up: retired scope (always reported granted)');

    // The snippet: copied, shown, and it reproduces the call under node:test.
    const li = page.locator(`#log li.entry[data-n="${call.n}"]`);
    await li.getByRole('button', { name: `Copy call #${call.n} as a node:test snippet` }).click();
    const snippet = await li.locator('pre.snippet').textContent();
    assert.match(snippet, /await auth\.setState\("scope\.userLocation", "denied"\);/);
    assert.match(snippet, /assert\.rejects\(wx\.getLocation\(\{"type":"wgs84"\}\)/);
    const file = path.join(OUTPUT, 'snippets', 'remembered-denial.test.mjs');
    await fs.writeFile(file, snippet);
    const run = spawnSync(process.execPath, ['--test', file], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(run.status, 0, `the snippet passes under node --test:\n${run.stdout}\n${run.stderr}`);

    // Filter by scope, then by API.
    await page.locator('#console-filter').fill('scope.address');
    let shown = (await entries()).filter((e) => !e.hidden);
    assert.ok(shown.length >= 1 && shown.every((e) => /chooseAddress|scope\.address/.test(e.expr) || e.form === 'event'), JSON.stringify(shown.map((e) => e.expr)));
    await page.locator('#console-filter').fill('getLocation');
    shown = (await entries()).filter((e) => !e.hidden);
    assert.ok(shown.length >= 1 && shown.every((e) => e.expr.includes('getLocation')), JSON.stringify(shown.map((e) => e.expr)));
    await page.locator('#console-filter').fill('');

    // Kept across a reload.
    const before = (await entries()).filter((e) => e.form !== 'event').map((e) => e.expr);
    await page.reload();
    await ready();
    const after = (await entries()).filter((e) => e.form !== 'event').map((e) => e.expr);
    for (const expr of before) assert.ok(after.includes(expr), `${expr} survives the reload`);
    await page.locator('#log .divider').waitFor();
    await page.locator('#console-card').screenshot({ path: path.join(OUTPUT, 'emulator-console.png') });
  });

  it('your own code: a pasted page runs in a guest Worker behind the boundary against the emulated wx, with its app name and permission; recorded on the host', async () => {
    await newPage({ openRoots: false });
    await open();
    await page.locator('#own-app-name').fill('Pasted Café');
    await page.locator('#own-app-json').fill('{ "permission": { "scope.userLocation": { "desc": "Find the café nearest you" } } }');
    await page.locator('#own-code').fill(`Page({
      data: { lat: null },
      async whereAmI() {
        const { latitude } = await wx.getLocation({ type: 'wgs84' });
        this.setData({ lat: latitude });
      },
    });`);
    await page.locator('#own-run').click();
    await page.locator('#app-title').filter({ hasText: 'Pasted Café' }).waitFor();
    const n = await lastN();
    await page.locator('#content').getByRole('button', { name: 'whereAmI' }).click();
    const ui = await closedShadow(page);
    await ui.waitFor(PROMPT, 'dialog[open]');
    assert.equal(await ui.text(PROMPT, '.desc'), 'Find the café nearest you');
    assert.match(await ui.text(PROMPT, '.app'), /Pasted Café/);
    await answerPrompt('Allow');
    const call = await waitForCall('wx.getLocation(', n);
    assert.equal(call.via, 'your code');
    assert.equal(line(call, 'resolved').value.latitude, 31.2304);
    await page.locator('.own-data').filter({ hasText: '"lat": 31.2304' }).waitFor();

    // The page's logic runs in another realm: no DOM, no authorizer, no IndexedDB of the emulator's
    // origin; its callbacks run there, and the call is recorded here.
    await page.locator('#own-code').fill(`Page({
      data: {},
      probe() {
        let idb;
        try { indexedDB.open('miniprogram-authorize'); idb = 'opened'; } catch (e) { idb = e.name; }
        this.setData({ idb, document: typeof document, auth: typeof auth, window: typeof window });
      },
      camera() {
        wx.authorize({ scope: 'scope.camera', complete: (res) => this.setData({ camera: res.errMsg }) });
      },
    });`);
    await page.locator('#own-run').click();
    await page.locator('#content').getByRole('button', { name: 'probe' }).click();
    await page.locator('.own-data').filter({ hasText: '"idb"' }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator('.own-data').textContent()),
      { idb: 'SecurityError', document: 'undefined', auth: 'undefined', window: 'undefined' });
    const before = await lastN();
    await page.locator('#content').getByRole('button', { name: 'camera' }).click();
    await answerPrompt('Deny');
    await page.locator('.own-data').filter({ hasText: '"camera": "authorize:fail auth deny"' }).waitFor();
    const camera = await waitForCall('wx.authorize({"scope":"scope.camera"', before);
    assert.equal(camera.via, 'your code');
    assert.equal(camera.form, 'callback', 'recorded in the form the guest chose');
    assert.equal(await page.evaluate(() => auth.stateOf('scope.camera')), 'denied');

    // Its app.json's privacy settings turn WeChat's privacy layer on: a kind it does not declare
    // is disabled outright (errno 112), though location was granted above.
    await page.locator('#own-app-json').fill('{ "permission": { "scope.userLocation": { "desc": "Find the café nearest you" } }, "privacy": { "declared": ["album"] } }');
    await page.locator('#own-code').fill(`Page({
      data: {},
      where() {
        wx.getLocation({ type: 'wgs84', fail: (res) => this.setData({ errno: res.errno, errMsg: res.errMsg }) });
      },
    });`);
    await page.locator('#own-run').click();
    await page.locator('#content').getByRole('button', { name: 'where' }).click();
    await page.locator('.own-data').filter({ hasText: '"errno": 112' }).waitFor();
    assert.deepEqual(JSON.parse(await page.locator('.own-data').textContent()),
      { errno: 112, errMsg: 'getLocation:fail api scope is not declared in the privacy agreement' });

    // A page that throws says so in the phone, and the demo program comes back.
    await page.locator('#own-code').fill('Page({ boom() { throw new Error("kaboom"); } });');
    await page.locator('#own-run').click();
    await page.locator('#content').getByRole('button', { name: 'boom' }).click();
    await page.locator('#output-slot .output.error').filter({ hasText: 'kaboom' }).waitFor();
    await page.locator('#own-stop').click();
    await page.locator('#app-title').filter({ hasText: 'Demo Shop' }).waitFor();
  });

  it('device: mock location by default (preset cities, custom coordinates); the OS switch gives "system permission denied"', async () => {
    await newPage({ openRoots: false });
    await open();
    await inspectorButton('granted', 'scope.userLocation').click();
    await until(() => pressedState('scope.userLocation'), (s) => s === 'granted');
    const locate = async () => {
      const n = await lastN();
      await scopeCard('scope.userLocation').getByRole('button', { name: 'getLocation', exact: true }).click();
      return waitForCall('wx.getLocation(', n);
    };
    let call = await locate();
    assert.equal(line(call, 'resolved').value.latitude, 31.2304, 'Shanghai by default, no browser prompt');
    assert.match(line(call, 'host').text, /mock location: Shanghai/);

    await page.locator('#mock-location').selectOption('beijing');
    call = await locate();
    assert.equal(line(call, 'resolved').value.latitude, 39.9042);
    assert.equal(line(call, 'resolved').value.longitude, 116.4074);

    await page.locator('#mock-location').selectOption('custom');
    await page.locator('#mock-lat').fill('48.8584');
    await page.locator('#mock-lng').fill('2.2945');
    await page.locator('#mock-lng').press('Tab');
    call = await locate();
    assert.equal(line(call, 'resolved').value.latitude, 48.8584);
    assert.equal(line(call, 'resolved').value.longitude, 2.2945);

    await page.locator('input[data-os="location"]').check();
    call = await locate();
    assert.deepEqual(line(call, 'rejected').value, { errMsg: 'getLocation:fail system permission denied' });
    await page.locator('#output-slot .output.error .err').filter({ hasText: 'getLocation:fail system permission denied' }).waitFor();
    assert.equal(await page.evaluate(() => auth.stateOf('scope.userLocation')), 'granted', 'the app’s own authorization is untouched');
    await page.locator('input[data-os="location"]').uncheck();
    call = await locate();
    assert.equal(line(call, 'resolved').value.errMsg, 'getLocation:ok');
  });

  it('mini game: createUserInfoButton is offered, placed inside the phone, and grants scope.userInfo', async () => {
    await newPage();
    await open('?platform=wechat-minigame');
    await scopeCard('scope.userInfo').getByRole('button', { name: 'createUserInfoButton' }).click();
    const button = page.locator('#screen [data-mpa-user-info-button]');
    await button.waitFor();
    const [box, screen] = await Promise.all([button.boundingBox(), page.locator('#screen').boundingBox()]);
    assert.ok(box.x >= screen.x && box.x + box.width <= screen.x + screen.width && box.y + box.height <= screen.y + screen.height, 'inside the phone');
    await button.click();
    await answerPrompt('Allow');
    await scopeCard('scope.userInfo').locator('.state').filter({ hasText: 'Granted' }).waitFor();
  });

  for (const viewport of [{ width: 390, height: 844 }, { width: 1440, height: 900 }]) {
    for (const colorScheme of ['light', 'dark']) {
      const size = `${viewport.width}x${viewport.height}`;
      it(`layout at ${size}, ${colorScheme}: nothing overflows the phone, contrast ≥ 4.5:1, focus shown, unique names, the console in reach`, async () => {
        await newPage({ viewport, colorScheme });
        for (const [id] of [['wechat'], ['kuaishou'], ['alipay']]) {
          await open(`?platform=${id}&lang=en`);
          assert.deepEqual(await page.evaluate(phoneOverflow), [], `${id}: no box outside the phone`);
        }
        await open('?platform=wechat&lang=en');
        assert.deepEqual(await page.evaluate(duplicateNames, '#content'), [], 'phone buttons');
        assert.deepEqual(await page.evaluate(duplicateNames, '#inspector'), [], 'inspector buttons');
        // A call or two so the console has entries to measure.
        await page.evaluate(() => wx.getSetting());
        await page.evaluate(() => wx.chooseAddress().catch(() => {}));
        await until(() => entries(), (l) => l.filter((e) => e.form !== 'event' && e.done).length >= 2);
        assert.deepEqual(await page.evaluate(contrastFailures, ['header.site', '#screen', '#emulator', '#inspector', '#device-card', '#console-card']), [], 'text contrast');

        if (viewport.width >= 1440) {
          const box = await page.locator('#console-card').boundingBox();
          assert.equal(await page.evaluate(() => scrollY), 0);
          assert.ok(box.y >= 0 && box.y + box.height <= viewport.height && box.height >= 400, `console visible without scrolling: ${JSON.stringify(box)}`);
        } else {
          await page.locator('.jump').getByRole('link', { name: 'Console' }).click();
          await until(() => page.locator('#console-card').boundingBox(), (b) => b && b.y < viewport.height && b.y >= 0);
          const box = await page.locator('#console-card').boundingBox();
          assert.ok(box.y >= 0 && box.y < viewport.height / 2, `the jump link brings the console up: ${JSON.stringify(box)}`);
        }

        // Focus: every control of the inspector, reached with Tab.
        await page.locator('#inspector').evaluate((el) => el.shadowRoot.querySelector('input[name="mode"]').focus());
        await page.keyboard.press('Shift+Tab');
        const seen = [];
        for (let i = 0; i < 80; i++) {
          await page.keyboard.press('Tab');
          const focus = await page.evaluate(focusShown);
          if (focus.host !== 'mpa-inspector') break;
          seen.push(focus);
        }
        assert.ok(seen.length > 20, `Tab walks the inspector (${seen.length})`);
        assert.deepEqual(seen.filter((f) => !f.visible), [], 'inspector focus rings');

        // The pop-up: Tab to Deny and Allow.
        await scopeCard('scope.userLocation').getByRole('button', { name: 'authorize scope.userLocation', exact: true }).focus();
        await page.keyboard.press('Enter');
        await page.locator(`${PROMPT} dialog[open]`).waitFor();
        assert.deepEqual(await page.evaluate(phoneOverflow), [], 'the pop-up stays in the phone');
        assert.deepEqual(await page.evaluate(contrastFailures, [PROMPT]), [], 'pop-up contrast');
        const promptFocus = [];
        for (let i = 0; i < 2; i++) {
          await page.keyboard.press('Tab');
          promptFocus.push(await page.evaluate(focusShown));
        }
        assert.deepEqual(promptFocus.map((f) => [f.name, f.visible]), [['Deny', true], ['Allow', true]]);
        await page.screenshot({ path: path.join(OUTPUT, `emulator-${size}-${colorScheme}.png`) });
        await page.keyboard.press('Enter');
        await page.locator(PROMPT).waitFor({ state: 'detached' });

        // The settings page: every switch and Done.
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await page.locator(`${SETTINGS} dialog[open]`).waitFor();
        assert.deepEqual(await page.evaluate(phoneOverflow), [], 'the settings page stays in the phone');
        assert.deepEqual(await page.evaluate(contrastFailures, [SETTINGS]), [], 'settings contrast');
        const settingsFocus = [];
        for (let i = 0; i < 6; i++) {
          await page.keyboard.press('Tab');
          const focus = await page.evaluate(focusShown);
          if (focus.host !== 'settings') break;
          settingsFocus.push(focus);
        }
        assert.ok(settingsFocus.some((f) => f.name === 'Done') && settingsFocus.some((f) => f.tag === 'input'), JSON.stringify(settingsFocus));
        assert.deepEqual(settingsFocus.filter((f) => !f.visible), [], 'settings focus rings');
        await page.keyboard.press('Escape');
      });
    }
  }

  it('screenshots: each platform’s pop-up and settings page in English and Chinese', async () => {
    await newPage({ viewport: { width: 1440, height: 900 } });
    for (const [id, , scope] of PLATFORMS) {
      for (const lang of ['en', 'zh']) {
        await open(`?platform=${id}&lang=${lang}`);
        if (lang === 'en' && (id === 'wechat' || id === 'kuaishou')) {
          // A fresh app's settings page: nothing asked, so no location row and no background option.
          await page.getByRole('button', { name: 'Settings', exact: true }).click();
          await page.locator(`${SETTINGS} dialog[open]`).waitFor();
          assert.equal(await page.locator(SETTINGS).getByText('Location in the background').count(), 0, `${id}: fresh settings page`);
          await page.keyboard.press('Escape');
          await page.locator(SETTINGS).waitFor({ state: 'detached' });
        }
        const how = id === 'alipay' ? 'getLocation' : `authorize ${scope}`;
        await scopeCard(scope).getByRole('button', { name: how, exact: true }).click();
        await page.locator(`${PROMPT} dialog[open]`).waitFor({ timeout: 5000 }).catch(async (error) => {
          throw new Error(`${id} ${lang}: no pop-up; console: ${JSON.stringify((await entries()).slice(-2))}`, { cause: error });
        });
        const allow = lang === 'zh' ? '允许' : 'Allow';
        assert.equal(await page.locator(PROMPT).getByRole('button', { name: allow, exact: true }).count(), 1, `${id} ${lang}: ${allow}`);
        assert.equal(await page.locator(`${PROMPT} .meta`).count(), 0, 'no developer line in the user’s sheet');
        await page.locator('#screen').screenshot({ path: path.join(OUTPUT, `sheet-${id}-${lang}.png`) });
        await page.locator(PROMPT).getByRole('button', { name: allow, exact: true }).click();
        await page.locator(PROMPT).waitFor({ state: 'detached' });
        await page.getByRole('button', { name: 'Settings', exact: true }).click();
        await page.locator(`${SETTINGS} dialog[open]`).waitFor();
        await page.locator('#screen').screenshot({ path: path.join(OUTPUT, `settings-${id}-${lang}.png`) });
        if (id === 'wechat' && lang === 'en') {
          // Location asked (and the demo declares background use): its row offers background use.
          assert.equal(await page.locator(SETTINGS).getByText('Location in the background').count(), 1, 'wechat: background option once location was asked');
        }
        await page.keyboard.press('Escape');
        await page.locator(SETTINGS).waitFor({ state: 'detached' });
        await page.evaluate(() => auth.reset()); // the next language asks again
      }
    }
  });
});
