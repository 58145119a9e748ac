// The mini game's user-info button in a page: a real <button> placed per `style`; a click runs the
// prompt (a scripted one, or the built-in dialog of pkg/ui.js) and reaches the onTap listeners.
//   node --test tests/browser/user-info-button.test.mjs

import { it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedShadow, servedChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUTTON = '[data-mpa-user-info-button]';

const served = servedChromium(ROOT);
let context;
let page;

beforeEach(async () => {
  context = await served.browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  page.on('pageerror', (err) => {
    throw err;
  });
});

afterEach(async () => {
  await context?.close();
});

async function open(query = '') {
  await page.goto(`${served.server.origin}/tests/browser/user-info-button-harness.html${query}`);
  await page.waitForFunction(() => window.mpaReady === true);
}

const taps = () => page.evaluate(() => window.taps);

it('is a real <button> in document.body, placed and coloured per style', async () => {
  await open('?scripted');
  const box = await page.evaluate((selector) => {
    const element = document.querySelector(selector);
    const style = getComputedStyle(element);
    return {
      tag: element.tagName,
      parent: element.parentElement === document.body,
      same: element === window.button.element,
      text: element.textContent,
      position: style.position,
      left: style.left, top: style.top, width: style.width, height: style.height,
      background: style.backgroundColor, color: style.color, radius: style.borderRadius, align: style.textAlign,
    };
  }, BUTTON);
  assert.deepEqual(box, {
    tag: 'BUTTON', parent: true, same: true, text: 'Log in with WeChat', position: 'absolute',
    left: '20px', top: '300px', width: '200px', height: '40px',
    background: 'rgb(7, 193, 96)', color: 'rgb(255, 255, 255)', radius: '4px', align: 'center',
  });
});

it('a click prompts; a refusal, then a grant; afterwards a click answers at once', async () => {
  await open('?scripted');
  await page.evaluate(() => { window.answers.push('reject', 'accept'); });
  await page.click(BUTTON);
  await page.waitForFunction(() => window.taps.length === 1);
  assert.deepEqual((await taps())[0], { errMsg: 'getUserInfo:fail auth deny' });
  await page.click(BUTTON);
  await page.waitForFunction(() => window.taps.length === 2);
  const granted = (await taps())[1];
  assert.equal(granted.errMsg, 'getUserInfo:ok');
  assert.equal(granted.userInfo.nickName, 'Ann');
  assert.equal(granted.rawData, JSON.stringify(granted.userInfo));
  await page.click(BUTTON);
  await page.waitForFunction(() => window.taps.length === 3);
  assert.equal((await taps())[2].errMsg, 'getUserInfo:ok');
  assert.deepEqual(await page.evaluate(() => window.answers), [], 'two prompts, no third');
  assert.deepEqual(await page.evaluate(() => window.wx.getSetting().then((res) => res.authSetting)), { 'scope.userInfo': true });
});

it('without a prompt handler the built-in dialog asks; Allow grants', async () => {
  await open();
  await page.click(BUTTON);
  // The built-in dialog's shadow root is closed: looked into and clicked through DevTools.
  const ui = await closedShadow(page);
  await ui.waitFor('[data-mpa-ui="prompt"]', 'dialog[open] button.allow');
  assert.equal(await ui.text('[data-mpa-ui="prompt"]', '.label'), 'User information');
  await ui.click('[data-mpa-ui="prompt"]', 'button.allow');
  await page.waitForFunction(() => window.taps.length === 1);
  assert.equal((await taps())[0].errMsg, 'getUserInfo:ok');
});

it('hide, show and destroy act on the element; a container option places it there', async () => {
  await open('?scripted&stage');
  assert.equal(await page.evaluate((selector) => document.querySelector(selector).parentElement.id, BUTTON), 'stage');
  await page.evaluate(() => window.button.hide());
  assert.equal(await page.locator(BUTTON).isVisible(), false);
  await page.evaluate(() => window.button.show());
  assert.equal(await page.locator(BUTTON).isVisible(), true);
  await page.evaluate(() => window.button.destroy());
  assert.equal(await page.locator(BUTTON).count(), 0);
  assert.equal(await page.evaluate(() => window.button.element), null);
});
