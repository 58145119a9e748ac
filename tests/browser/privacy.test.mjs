// Browser tests of WeChat's privacy layer (issue 12) as browsers get it (pkg/index.min.js, with
// pkg/privacy.min.js and pkg/privacy-ui.min.js loaded on demand): the built-in official pop-up and
// the contract page (keyboard, focus, dark theme, zh_CN and en), the agree button bound to a real
// element, and a script's click on it not counting.
//   node --test tests/browser/privacy.test.mjs
// Screenshots for a person to look at: tests/output/privacy-*.png

import { describe, it, before, after, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deepFocus, inspectShadowRoots, servedChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(ROOT, 'tests/output');
const POPUP = '[data-mpa-ui="privacy"]';
const CONTRACT = '[data-mpa-ui="contract"]';

const served = servedChromium(ROOT);
let context;
let page;

async function openPage({ locale = 'en-US', colorScheme = 'light', options = {} } = {}) {
  context = await served.browser.newContext({ deviceScaleFactor: 2, reducedMotion: 'reduce', locale, colorScheme, viewport: { width: 390, height: 844 } });
  // The package's shadow roots are closed; these tests look inside them (as tests/browser/ui.test.mjs).
  await inspectShadowRoots(context);
  page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error));
  page.errors = errors;
  await page.goto(`${served.server.origin}/tests/browser/privacy-harness.html`);
  await page.waitForFunction(() => window.mpaReady === true);
  await page.evaluate((options) => window.mpa.make(options), options);
}

const result = (index) => page.waitForFunction((i) => window.mpa.results[i], index).then((handle) => handle.jsonValue());
const text = (selector) => page.locator(selector).evaluate((host) => host.shadowRoot.textContent);

before(() => fs.mkdir(OUTPUT, { recursive: true }));

afterEach(async () => {
  assert.deepEqual(page?.errors ?? [], [], 'no page errors');
  await context?.close();
});

describe('the official privacy pop-up (no listener registered)', () => {
  it('asks before a privacy API, in English, works from the keyboard alone, and the call goes on', async () => {
    await openPage();
    await page.focus('#opener');
    const index = await page.evaluate(() => window.mpa.start('getLocation'));
    await page.locator(POPUP).waitFor({ state: 'attached' });
    const words = await text(POPUP);
    assert.match(words, /Privacy notice/);
    assert.match(words, /Before you use Harbour Café, please read and agree to 《Harbour Café 小程序隐私保护指引》/);
    assert.match(words, /getLocation\(\)/);
    const focus = await deepFocus(page);
    assert.equal(focus.inShadow, true, 'focus moved into the dialog');
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-popup-en.png') });
    // Tab: the contract link, Disagree, Agree.
    const seen = [];
    for (let i = 0; i < 3; i += 1) {
      await page.keyboard.press('Tab');
      seen.push((await deepFocus(page)).text);
    }
    assert.deepEqual(seen, ['《Harbour Café 小程序隐私保护指引》', 'Disagree', 'Agree']);
    await page.keyboard.press('Enter');
    assert.deepEqual(await result(index), { ok: true, res: { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 } });
    assert.equal(await page.locator(POPUP).count(), 0, 'gone');
    assert.equal((await deepFocus(page)).id, 'opener', 'focus back where it was');
    assert.equal(await page.evaluate(() => window.auth.privacy.needAuthorization), false);
  });

  it('Esc refuses (104); for 10 s calls fail at once with no pop-up', async () => {
    await openPage();
    const first = await page.evaluate(() => window.mpa.start('getLocation'));
    await page.locator(POPUP).waitFor({ state: 'attached' });
    await page.keyboard.press('Escape');
    assert.deepEqual(await result(first), { ok: false, res: { errMsg: 'getLocation:fail privacy permission is not authorized', errno: 104 } });
    const second = await page.evaluate(() => window.mpa.start('requirePrivacyAuthorize'));
    assert.deepEqual(await result(second), { ok: false, res: { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized', errno: 104 } });
    assert.equal(await page.locator(POPUP).count(), 0);
  });

  it('in Chinese and the dark theme; the contract link opens the contract page above it', async () => {
    await openPage({ locale: 'zh-CN', colorScheme: 'dark' });
    const index = await page.evaluate(() => window.mpa.start('chooseImage'));
    await page.locator(POPUP).waitFor({ state: 'attached' });
    const words = await text(POPUP);
    assert.match(words, /用户隐私保护提示/);
    assert.match(words, /感谢你使用Harbour Café。使用前，请你阅读并同意《Harbour Café 小程序隐私保护指引》/);
    assert.match(words, /拒绝/);
    assert.match(words, /同意/);
    const background = await page.locator(POPUP).evaluate((host) => getComputedStyle(host.shadowRoot.querySelector('.sheet')).backgroundColor);
    assert.equal(background, 'rgb(28, 28, 30)', 'dark sheet');
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-popup-zh-dark.png') });
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the link
    await page.locator(CONTRACT).waitFor({ state: 'attached' });
    const contract = await text(CONTRACT);
    assert.match(contract, /《Harbour Café 小程序隐私保护指引》/);
    assert.match(contract, /将在获取你的明示同意后，收集、使用以下信息/);
    for (const label of ['你的位置信息', '你选中的照片、视频或文件', '你的剪切板']) assert.match(contract, new RegExp(label));
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-contract-zh-dark.png') });
    await page.keyboard.press('Escape'); // closes the contract page only
    await page.locator(CONTRACT).waitFor({ state: 'detached' });
    assert.equal(await page.locator(POPUP).count(), 1, 'the pop-up is still there');
    assert.equal((await deepFocus(page)).text, '《Harbour Café 小程序隐私保护指引》', 'focus back on the link');
    await page.locator(POPUP).locator('button[value="agree"]').click();
    const settled = await result(index);
    assert.equal(settled.res.errMsg, 'chooseImage:fail not supported', 'agreed; the host has no chooseImage');
  });
});

describe('the pop-up in the closed shadow root the package makes', () => {
  it('answers from the keyboard with nothing looking inside', async () => {
    context = await served.browser.newContext({ viewport: { width: 390, height: 844 } });
    page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error));
    await page.goto(`${served.server.origin}/tests/browser/privacy-harness.html`);
    await page.waitForFunction(() => window.mpaReady === true);
    await page.evaluate(() => window.mpa.make());
    const index = await page.evaluate(() => window.mpa.start('getLocation'));
    await page.locator(POPUP).waitFor({ state: 'attached' });
    assert.equal(await page.locator(POPUP).evaluate((host) => host.shadowRoot), null, 'closed');
    for (let i = 0; i < 3; i += 1) await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    assert.deepEqual(await result(index), { ok: true, res: { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 } });
  });
});

describe('openPrivacyContract', () => {
  it('shows the contract page in English with every declared kind, and succeeds as it opens', async () => {
    await openPage();
    await page.focus('#opener');
    const index = await page.evaluate(() => window.mpa.start('openPrivacyContract'));
    assert.deepEqual(await result(index), { ok: true, res: { errMsg: 'openPrivacyContract:ok' } });
    await page.locator(CONTRACT).waitFor({ state: 'attached' });
    const contract = await text(CONTRACT);
    assert.match(contract, /With your express consent, Harbour Café \(the developer\) will collect and use the following information/);
    for (const label of ['Location', 'Photos, videos and files you choose', 'Clipboard']) assert.match(contract, new RegExp(label));
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-contract-en.png') });
    await page.keyboard.press('Tab');
    assert.equal((await deepFocus(page)).text, 'Close');
    await page.keyboard.press('Enter');
    await page.locator(CONTRACT).waitFor({ state: 'detached' });
    assert.equal((await deepFocus(page)).id, 'opener');
  });
});

describe('the agree button bound to a real element', () => {
  it('a user click records the agreement, fires agreeprivacyauthorization, and resolve goes on', async () => {
    await openPage();
    await page.evaluate(() => {
      const button = document.getElementById('agree-btn');
      window.auth.privacy.bindAgreeButton(button);
      window.heard = [];
      button.addEventListener('agreeprivacyauthorization', (event) => {
        window.heard.push(event.detail);
        document.getElementById('own-popup').classList.remove('shown');
        window.resolvePrivacy({ buttonId: 'agree-btn', event: 'agree' });
      });
      window.auth.api.onNeedPrivacyAuthorization((resolve, { referrer }) => {
        window.resolvePrivacy = resolve;
        window.referrer = referrer;
        document.getElementById('own-popup').classList.add('shown');
        resolve({ event: 'exposureAuthorization' });
      });
    });
    const index = await page.evaluate(() => window.mpa.start('getLocation'));
    await page.locator('#own-popup.shown').waitFor({ state: 'attached' });
    assert.equal(await page.evaluate(() => window.referrer), 'getLocation');
    assert.equal(await page.locator('#agree-btn').getAttribute('open-type'), 'agreePrivacyAuthorization');
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-own-popup.png') });
    await page.click('#agree-btn');
    assert.deepEqual(await result(index), { ok: true, res: { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 } });
    assert.deepEqual(await page.evaluate(() => window.heard), [{ buttonId: 'agree-btn' }]);
    assert.equal(await page.evaluate(() => window.auth.privacy.needAuthorization), false);
    assert.equal(await page.locator(POPUP).count(), 0, 'no official pop-up: the app has a listener');
  });

  it('a script .click() never counts: no agreement, no event, and resolve agree fails as a wrong button', async () => {
    await openPage();
    await page.evaluate(() => {
      const button = document.getElementById('agree-btn');
      window.auth.privacy.bindAgreeButton(button);
      window.heard = [];
      button.addEventListener('agreeprivacyauthorization', (event) => window.heard.push(event.detail));
      window.auth.api.onNeedPrivacyAuthorization((resolve) => { window.resolvePrivacy = resolve; });
    });
    const index = await page.evaluate(() => window.mpa.start('getLocation'));
    await page.waitForFunction(() => typeof window.resolvePrivacy === 'function');
    await page.evaluate(() => {
      document.getElementById('agree-btn').click();
      document.getElementById('agree-btn').dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    await page.waitForTimeout(50);
    assert.deepEqual(await page.evaluate(() => window.heard), []);
    assert.equal(await page.evaluate(() => window.auth.privacy.needAuthorization), true);
    await page.evaluate(() => window.resolvePrivacy({ event: 'agree', buttonId: 'agree-btn' }));
    assert.deepEqual(await result(index), { ok: false, res: { errMsg: 'getLocation:fail privacy permission is not authorized or buttonId is wrong', errno: 104 } });
  });
});

describe('the demo', () => {
  it('turns the layer on and shows the app\'s own pop-up with a real agree button', async () => {
    context = await served.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.errors = [];
    page.on('pageerror', (error) => page.errors.push(error));
    await page.goto(`${served.server.origin}/www/?privacy=own&platform=wechat`);
    await page.waitForSelector('#content button');
    assert.equal(await page.locator('#privacy').inputValue(), 'own');
    await page.locator('#content button', { hasText: 'getLocation' }).first().click();
    await page.locator('#agree-btn').waitFor();
    assert.equal(await page.locator('#agree-btn').getAttribute('open-type'), 'agreePrivacyAuthorization');
    assert.equal(await page.evaluate(() => window.auth.privacy.needAuthorization), true);
    await page.screenshot({ path: path.join(OUTPUT, 'privacy-demo-own.png') });
    await page.click('#agree-btn');
    await page.waitForFunction(() => window.auth.privacy.needAuthorization === false);
    assert.equal(await page.locator('#agree-btn').count(), 0, 'the app closed its pop-up');
    await page.selectOption('#privacy', 'official');
    await page.waitForFunction(() => window.auth?.privacy && !document.querySelector('#agree-btn'));
    await page.selectOption('#privacy', 'off');
    await page.waitForFunction(() => window.auth && window.auth.privacy === null);
  });
});
