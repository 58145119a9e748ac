// Issue 11 (8c): the built-in pop-up and settings page as the package makes them, in closed shadow
// roots, answer only the user. A page script cannot reach inside (host.shadowRoot is null); given a
// handle anyway (DevTools hands one to the test, standing in for a leak), its `.click()` on Allow,
// its `dialog.close('accept')` and its `.click()` on a switch count for nothing. The user's clicks
// and keys, sent as real input events (tests/support/browser.mjs `closedShadow`), do.
//   node --test tests/browser/ui-trust.test.mjs

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedShadow, servedChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PROMPT = '[data-mpa-ui="prompt"]';
const SETTINGS = '[data-mpa-ui="settings"]';
const CAMERA = { appId: 'wxdemo0001', appName: 'Harbour Café', platform: 'wechat', scope: 'scope.camera', label: 'Camera', desc: null, api: 'authorize' };
const SCOPES = [
  { scope: 'scope.userLocation', label: 'Geographic location', granted: false },
  { scope: 'scope.camera', label: 'Camera', granted: true },
];

const served = servedChromium(ROOT);
let context;
let page;
let ui;

beforeEach(async () => {
  context = await served.browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  await page.goto(`${served.server.origin}/tests/browser/ui-harness.html`);
  await page.waitForFunction(() => window.mpaReady === true);
  ui = await closedShadow(page);
});

afterEach(async () => {
  await context?.close();
});

/** Starts a prompt; its answer lands in window.answer. */
async function ask() {
  await page.evaluate((req) => { window.answer = null; window.mpa.prompt(req).then((a) => { window.answer = a; }); }, CAMERA);
  await ui.waitFor(PROMPT, 'dialog[open] button[value="accept"]');
}

const answered = async () => {
  await page.waitForFunction(() => window.answer !== null);
  return page.evaluate(() => (typeof window.answer === 'object' ? { ...window.answer } : window.answer));
};

describe('the pop-up', () => {
  it('lives in a closed shadow root: a page script finds the host and nothing inside', async () => {
    await ask();
    assert.deepEqual(await page.evaluate((sel) => {
      const host = document.querySelector(sel);
      return { host: !!host, shadowRoot: host.shadowRoot, buttons: document.querySelectorAll('button[value="accept"]').length };
    }, PROMPT), { host: true, shadowRoot: null, buttons: 0 });
    assert.equal(await ui.text(PROMPT, '.label'), 'Camera');
    await ui.click(PROMPT, 'button[value="reject"]');
    assert.equal(await answered(), 'reject');
  });

  it("a script's click on Allow does nothing; the user's click answers", async () => {
    await ask();
    await ui.evaluate(PROMPT, 'button[value="accept"]', (button) => button.click());
    await ui.evaluate(PROMPT, 'button[value="accept"]', (button) => button.dispatchEvent(new MouseEvent('click', { bubbles: true })));
    assert.equal(await ui.count(PROMPT, 'dialog[open]'), 1, 'still open');
    assert.equal(await page.evaluate(() => window.answer), null);
    await ui.click(PROMPT, 'button[value="accept"]');
    assert.equal(await answered(), 'accept');
  });

  it("dialog.close('accept') by script is a dismissal, not an answer", async () => {
    await ask();
    await ui.evaluate(PROMPT, 'dialog', (dialog) => dialog.close('accept'));
    assert.equal(await answered(), 'dismiss');
  });

  it('the keyboard answers: Enter on Allow accepts, Escape dismisses', async () => {
    await ask();
    await ui.focus(PROMPT, 'button[value="accept"]');
    await ui.press('Enter');
    assert.equal(await answered(), 'accept');
    await ask();
    await ui.press('Escape');
    assert.equal(await answered(), 'dismiss');
  });
});

describe('the settings page', () => {
  async function open() {
    await page.evaluate((scopes) => {
      window.answer = null;
      window.mpa.settings(window.mpa.settingsRequest(scopes)).then((a) => {
        window.answerPrototype = Object.getPrototypeOf(a);
        window.answer = a;
      });
    }, SCOPES);
    await ui.waitFor(SETTINGS, 'dialog[open] input[data-scope="scope.userLocation"]');
  }

  it("a script's click on a switch does not flip it, nor does a script closing the page; the user's does", async () => {
    await open();
    assert.equal(await page.evaluate((sel) => document.querySelector(sel).shadowRoot, SETTINGS), null);
    await ui.evaluate(SETTINGS, 'input[data-scope="scope.userLocation"]', (input) => input.click());
    assert.equal(await ui.evaluate(SETTINGS, 'input[data-scope="scope.userLocation"]', (input) => input.checked), false);
    await ui.evaluate(SETTINGS, 'button.done', (button) => button.click());
    assert.equal(await ui.count(SETTINGS, 'dialog[open]'), 1, "a script's Done does not close it");
    await ui.click(SETTINGS, 'input[data-scope="scope.camera"]');   // the user turns the camera off
    await ui.evaluate(SETTINGS, 'dialog', (dialog) => dialog.close('done'));
    assert.deepEqual(await answered(), { 'scope.userLocation': false, 'scope.camera': false });
    assert.equal(await page.evaluate(() => window.answerPrototype), null, 'the answer has no prototype: never thenable');
  });

  it("the user's click on a switch and on Done", async () => {
    await open();
    await ui.click(SETTINGS, 'input[data-scope="scope.userLocation"]');
    await ui.click(SETTINGS, 'button.done');
    assert.deepEqual(await answered(), { 'scope.userLocation': true, 'scope.camera': true });
  });
});
