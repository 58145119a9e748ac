// Browser tests of pkg/ui.js alone (the default prompt and settings page), loaded as browsers get it:
// pkg/ui.min.js, in headless Chromium through playwright-core, pages served by scripts/serve.mjs on 127.0.0.1.
//   node --test tests/browser/
// Screenshots for a person to look at: tests/output/ui-*.png

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepFocus, inspectShadowRoots, servedChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'tests/output');

const LOCATION = {
  appId: 'wxdemo0001',
  appName: 'Harbour Café',
  platform: 'wechat',
  scope: 'scope.userLocation',
  label: 'Geographic location',
  desc: 'Used to show the shops nearest to you',
  api: 'getLocation',
};
const CAMERA = { ...LOCATION, scope: 'scope.camera', label: 'Camera', desc: null, api: 'authorize' };

const PROMPT = '[data-mpa-ui="prompt"]';
const SETTINGS = '[data-mpa-ui="settings"]';

const served = servedChromium(ROOT);
let context;
let page;

async function openPage(viewport = { width: 390, height: 844 }) {
  await page.setViewportSize(viewport);
  await page.goto(`${served.server.origin}/tests/browser/ui-harness.html`);
  await page.waitForFunction(() => window.mpaReady === true);
}

/** Start a prompt in the page; resolves with its answer. */
function ask(request) {
  return page.evaluate((req) => window.mpa.prompt(req), request);
}

function openSettings(scopes, handle = 'settings') {
  return page.evaluate(
    ({ scopes, handle }) => window.mpa[handle](window.mpa.settingsRequest(scopes)),
    { scopes, handle },
  );
}

before(() => fs.mkdir(OUTPUT, { recursive: true }));

beforeEach(async () => {
  context = await served.browser.newContext({ deviceScaleFactor: 2, reducedMotion: 'reduce' });
  // These tests look inside the UI with Playwright's locators; tests/browser/ui-trust.test.mjs runs on
  // the closed roots the package makes.
  await inspectShadowRoots(context);
  page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
  await openPage();
});

afterEach(async () => {
  await context?.close();
});

describe('module', () => {
  it('does nothing at import time and can be imported twice', async () => {
    const result = await page.evaluate(async () => {
      const before = document.documentElement.outerHTML.length;
      const a = await import('/pkg/ui.min.js');
      const b = await import('/pkg/ui.min.js?second-copy');
      const after = document.documentElement.outerHTML.length;
      return {
        same: before === after,
        hosts: document.querySelectorAll('[data-mpa-ui]').length,
        distinct: a !== b,
        exports: [Object.keys(a).sort(), Object.keys(b).sort()],
      };
    });
    assert.equal(result.same, true);
    assert.equal(result.hosts, 0);
    assert.equal(result.distinct, true);
    // dialogKit: the dialog machinery pkg/privacy-ui.js builds on (not a public API).
    assert.deepEqual(result.exports[0], ['createPrompt', 'createSettingsPage', 'dialogKit']);
    assert.deepEqual(result.exports[1], ['createPrompt', 'createSettingsPage', 'dialogKit']);

    // A prompt from the second copy works too.
    const answer = page.evaluate(async (req) => {
      const b = await import('/pkg/ui.min.js?second-copy');
      return b.createPrompt()(req);
    }, CAMERA);
    await page.locator(`${PROMPT} button[value="accept"]`).click();
    assert.equal(await answer, 'accept');
  });
});

describe('prompt', () => {
  it('shows the app name, the label and the desc, labelled for assistive tech; Allow → accept', async () => {
    const answer = ask(LOCATION);
    const dialog = page.locator(`${PROMPT} dialog`);
    await dialog.waitFor();
    assert.equal(await page.locator(PROMPT).count(), 1);
    assert.equal(await dialog.evaluate((d) => d.open && d.matches(':modal')), true);
    assert.equal((await page.locator(`${PROMPT} .app`).textContent()).trim(), 'Harbour Café');
    assert.equal((await page.locator(`${PROMPT} .label`).textContent()).trim(), 'Geographic location');
    assert.equal((await page.locator(`${PROMPT} .desc`).textContent()).trim(), LOCATION.desc);
    // aria-labelledby / aria-describedby resolve inside the shadow root.
    const names = await dialog.evaluate((d) => {
      const text = (ids) =>
        ids
          .split(/\s+/)
          .map((id) => d.getRootNode().getElementById(id)?.textContent ?? '<missing>')
          .join(' ');
      return { label: text(d.getAttribute('aria-labelledby')), desc: text(d.getAttribute('aria-describedby')) };
    });
    assert.equal(names.label, 'Harbour Café requests: Geographic location');
    assert.equal(names.desc, LOCATION.desc);
    // Playwright's accessibility view agrees.
    await page.getByRole('dialog', { name: 'Harbour Café requests: Geographic location' }).waitFor();
    await page.getByRole('button', { name: 'Allow' }).click();
    assert.equal(await answer, 'accept');
    assert.equal(await page.locator(PROMPT).count(), 0, 'the host element is removed after');
  });

  it('Deny → reject', async () => {
    const answer = ask(LOCATION);
    await page.getByRole('button', { name: 'Deny' }).click();
    assert.equal(await answer, 'reject');
  });

  it('Esc → dismiss', async () => {
    const answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');
    assert.equal(await page.locator(PROMPT).count(), 0);
  });

  it('a click on the dimmed area → dismiss; an aborted signal → dismiss', async () => {
    const answer = ask(CAMERA);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.mouse.click(195, 100); // far above the bottom sheet
    assert.equal(await answer, 'dismiss');

    const aborted = page.evaluate((req) => {
      const controller = new AbortController();
      const answer = window.mpa.prompt({ ...req, signal: controller.signal });
      setTimeout(() => controller.abort(), 50);
      return answer;
    }, CAMERA);
    assert.equal(await aborted, 'dismiss');
    assert.equal(await page.locator(PROMPT).count(), 0);
  });

  it('a prompt without desc has no desc line', async () => {
    const answer = ask(CAMERA);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    assert.equal(await page.locator(`${PROMPT} .desc`).count(), 0);
    assert.equal((await page.locator(`${PROMPT} .label`).textContent()).trim(), 'Camera');
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');
  });

  it('moves focus into the dialog and back to the previously focused element', async () => {
    await page.locator('#opener').focus();
    assert.equal((await deepFocus(page)).id, 'opener');
    const answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    const inside = await deepFocus(page);
    assert.equal(inside.inShadow, true, 'focus is inside the shadow root');
    assert.equal(inside.tag, 'dialog');
    // The rest of the page is inert while the modal is open: Tab never reaches it.
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const now = await deepFocus(page);
      assert.ok(now.inShadow || !['opener', 'field'].includes(now.id), `Tab ${i + 1} stays out of the page`);
    }
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');
    assert.equal((await deepFocus(page)).id, 'opener', 'focus returns');
  });

  it('keyboard only: Tab to Allow, Enter → accept; Tab to Deny, Space → reject', async () => {
    await page.locator('#field').focus();
    let answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).value, 'reject', 'first Tab reaches Deny');
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).value, 'accept', 'second Tab reaches Allow');
    await page.keyboard.press('Enter');
    assert.equal(await answer, 'accept');
    assert.equal((await deepFocus(page)).id, 'field');

    answer = ask(CAMERA);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).value, 'reject');
    await page.keyboard.press('Space');
    assert.equal(await answer, 'reject');
  });

  it('shows two prompts one at a time, in call order', async () => {
    await page.evaluate(
      ([a, b]) => {
        window.answers = [];
        window.both = Promise.all([
          window.mpa.prompt(a).then((x) => (window.answers.push(['first', x]), x)),
          window.mpa.prompt(b).then((x) => (window.answers.push(['second', x]), x)),
        ]);
      },
      [LOCATION, CAMERA],
    );
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    assert.equal(await page.locator(PROMPT).count(), 1, 'only one prompt at a time');
    assert.equal((await page.locator(`${PROMPT} .label`).textContent()).trim(), 'Geographic location');
    await page.getByRole('button', { name: 'Allow' }).click();

    await page.waitForFunction(() => window.answers.length === 1);
    await page.locator(`${PROMPT} .label`, { hasText: 'Camera' }).waitFor();
    assert.equal(await page.locator(PROMPT).count(), 1);
    await page.getByRole('button', { name: 'Deny' }).click();
    assert.deepEqual(await page.evaluate(() => window.both), ['accept', 'reject']);
    assert.deepEqual(await page.evaluate(() => window.answers), [
      ['first', 'accept'],
      ['second', 'reject'],
    ]);
  });

  it('page CSS does not leak in, and ours does not leak out', async () => {
    await page.addStyleTag({
      content:
        'button { display: none; } dialog { background: red !important; } .label, .sheet { display: none !important; }' +
        ' * { font-family: "Comic Sans MS" !important; }',
    });
    const pageButtonBefore = await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'probe';
      b.style.display = 'inline-block';
      b.textContent = 'probe';
      document.body.append(b);
      const cs = getComputedStyle(b);
      return { bg: cs.backgroundColor, radius: cs.borderRadius, minHeight: cs.minHeight };
    });
    const answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    assert.equal(await page.locator('#opener').isVisible(), false, 'the page rule hides page buttons');
    assert.equal(await page.locator(`${PROMPT} button[value="accept"]`).isVisible(), true);
    assert.equal(await page.locator(`${PROMPT} button[value="reject"]`).isVisible(), true);
    assert.equal(await page.locator(`${PROMPT} .label`).isVisible(), true);
    const font = await page
      .locator(`${PROMPT} .label`)
      .evaluate((n) => getComputedStyle(n).fontFamily.includes('Comic Sans'));
    assert.equal(font, false, 'page font rules do not reach the dialog');
    const pageButtonDuring = await page.evaluate(() => {
      const cs = getComputedStyle(document.getElementById('probe'));
      return { bg: cs.backgroundColor, radius: cs.borderRadius, minHeight: cs.minHeight };
    });
    assert.deepEqual(pageButtonDuring, pageButtonBefore, 'dialog styles do not reach page buttons');
    await page.locator(`${PROMPT} button[value="accept"]`).click();
    assert.equal(await answer, 'accept');
  });

  it('is styleable through CSS custom properties', async () => {
    await page.addStyleTag({ content: ':root { --mpa-accent: rgb(255, 0, 128); --mpa-radius: 3px; }' });
    const answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    const styles = await page.evaluate((sel) => {
      const root = document.querySelector(sel).shadowRoot;
      return {
        allow: getComputedStyle(root.querySelector('button[value="accept"]')).backgroundColor,
        radius: getComputedStyle(root.querySelector('.sheet')).borderTopLeftRadius,
      };
    }, PROMPT);
    assert.equal(styles.allow, 'rgb(255, 0, 128)');
    assert.equal(styles.radius, '3px');
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');
  });

  it('sits inside a given container (an emulator screen)', async () => {
    const answer = page.evaluate((req) => {
      const phone = document.createElement('div');
      phone.id = 'phone';
      phone.style.cssText = 'position: fixed; right: 10px; bottom: 10px; width: 300px; height: 420px; border-radius: 28px;';
      document.body.append(phone);
      const prompt = window.mpa.createPrompt({ container: phone, appName: 'Phone App' });
      return prompt(req);
    }, LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    const geometry = await page.evaluate((sel) => {
      const host = document.querySelector(sel);
      const sheet = host.shadowRoot.querySelector('.sheet').getBoundingClientRect();
      const phone = document.getElementById('phone').getBoundingClientRect();
      return { inPhone: host.parentElement.id === 'phone', sheet: sheet.toJSON(), phone: phone.toJSON() };
    }, PROMPT);
    assert.equal(geometry.inPhone, true);
    assert.ok(geometry.sheet.left >= geometry.phone.left - 0.5 && geometry.sheet.right <= geometry.phone.right + 0.5);
    assert.ok(Math.abs(geometry.sheet.bottom - geometry.phone.bottom) < 1, 'sheet sits at the bottom of the screen');
    assert.equal((await page.locator(`${PROMPT} .app`).textContent()).trim(), 'Phone App');
    await page.getByRole('button', { name: 'Allow' }).click();
    assert.equal(await answer, 'accept');
  });

  it('screenshots: tests/output/ui-prompt.png (phone) and ui-prompt-desktop.png', async () => {
    let answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'ui-prompt.png'), animations: 'disabled' });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.screenshot({ path: path.join(OUTPUT, 'ui-prompt-focus.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');

    await openPage({ width: 1280, height: 800 });
    answer = ask(LOCATION);
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'ui-prompt-desktop.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    assert.equal(await answer, 'dismiss');
  });
});

const SCOPES = [
  { scope: 'scope.userLocation', label: 'Geographic location', granted: true },
  { scope: 'scope.camera', label: 'Camera', granted: false },
  { scope: 'scope.writePhotosAlbum', label: 'Save to album', granted: true },
];

describe('settings page', () => {
  it('lists only the given scopes, one labelled switch each, reflecting their state', async () => {
    const result = openSettings(SCOPES.slice(0, 2));
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    await page.getByRole('dialog', { name: 'Settings' }).waitFor();
    const switches = page.getByRole('switch');
    assert.equal(await switches.count(), 2);
    assert.equal(await page.getByRole('switch', { name: 'Geographic location' }).isChecked(), true);
    assert.equal(await page.getByRole('switch', { name: 'Camera' }).isChecked(), false);
    assert.equal(await page.getByRole('switch', { name: 'Save to album' }).count(), 0);
    const inputs = await page.evaluate((sel) =>
      [...document.querySelector(sel).shadowRoot.querySelectorAll('input')].map((i) => [i.type, i.getAttribute('role')]),
    SETTINGS);
    assert.deepEqual(inputs, [
      ['checkbox', 'switch'],
      ['checkbox', 'switch'],
    ]);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.deepEqual(await result, { 'scope.userLocation': true, 'scope.camera': false });
  });

  it('toggling and Done resolves with the new states of all listed scopes', async () => {
    await page.locator('#opener').focus();
    const result = openSettings(SCOPES);
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    await page.getByRole('switch', { name: 'Geographic location' }).click();
    await page.getByText('Camera', { exact: true }).click(); // the whole row is the label
    await page.getByRole('button', { name: 'Done' }).click();
    assert.deepEqual(await result, {
      'scope.userLocation': false,
      'scope.camera': true,
      'scope.writePhotosAlbum': true,
    });
    assert.equal(await page.locator(SETTINGS).count(), 0);
    assert.equal((await deepFocus(page)).id, 'opener', 'focus returns');
  });

  it('a live change updates the switch while open, and the listener is removed after', async () => {
    const result = openSettings(SCOPES.slice(0, 2));
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    assert.equal(await page.evaluate(() => window.mpa.listeners.size), 1);
    const camera = page.getByRole('switch', { name: 'Camera' });
    assert.equal(await camera.isChecked(), false);
    await page.evaluate(() => window.mpa.emit({ scope: 'scope.camera', granted: true }));
    assert.equal(await camera.isChecked(), true);
    await page.evaluate(() => window.mpa.emit({ scope: 'scope.record', granted: true })); // not listed: ignored
    assert.equal(await page.getByRole('switch').count(), 2);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.deepEqual(await result, { 'scope.userLocation': true, 'scope.camera': true });
    assert.equal(await page.evaluate(() => window.mpa.listeners.size), 0, 'unsubscribed');
  });

  it('keyboard only: focus moves in, Tab reaches the switches, Space toggles, Esc = Done', async () => {
    await page.locator('#field').focus();
    const result = openSettings(SCOPES.slice(0, 2));
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    assert.equal((await deepFocus(page)).tag, 'dialog');
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).text, 'Done');
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).scope, 'scope.userLocation');
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).scope, 'scope.camera');
    await page.keyboard.press('Space');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Space');
    await page.keyboard.press('Escape');
    assert.deepEqual(await result, { 'scope.userLocation': false, 'scope.camera': true });
    assert.equal((await deepFocus(page)).id, 'field');
  });

  it('no scopes ever asked: an empty page; Done resolves {}', async () => {
    const result = openSettings([]);
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    assert.match(await page.locator(`${SETTINGS} .empty`).textContent(), /has not asked/);
    await page.getByRole('button', { name: 'Done' }).click();
    assert.deepEqual(await result, {});
  });

  it('waits for an open prompt to finish first', async () => {
    const answer = ask(LOCATION);
    const result = openSettings(SCOPES.slice(0, 1));
    await page.locator(`${PROMPT} dialog[open]`).waitFor();
    assert.equal(await page.locator(SETTINGS).count(), 0);
    await page.getByRole('button', { name: 'Allow' }).click();
    assert.equal(await answer, 'accept');
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    assert.deepEqual(await result, { 'scope.userLocation': true });
  });

  it('screenshots: tests/output/ui-settings.png (phone) and ui-settings-desktop.png', async () => {
    let result = openSettings(SCOPES);
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'ui-settings.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await result;

    await openPage({ width: 1280, height: 800 });
    result = openSettings(SCOPES);
    await page.locator(`${SETTINGS} dialog[open]`).waitFor();
    await page.screenshot({ path: path.join(OUTPUT, 'ui-settings-desktop.png'), animations: 'disabled' });
    await page.keyboard.press('Escape');
    await result;
  });
});
