// Browser tests of persistence (issue 3): decisions kept in Chromium's real IndexedDB survive
// reloads and stay in sync between pages of one browser context. Headless Debian Chromium through
// playwright-core (tests/support/browser.mjs), pages served on 127.0.0.1 by scripts/serve.mjs; the
// page is tests/browser/storage-harness.html (its prompt answers from `mpa.answers`).
//   node --test tests/browser/storage.test.mjs

import { describe, it, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { launchChromium } from '../support/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const CAMERA = 'scope.camera';
const RECORD = 'scope.record';
const ALBUM = 'scope.writePhotosAlbum';
const SCOPES = [CAMERA, RECORD, ALBUM];
const RETIRED = { 'scope.address': true, 'scope.invoice': true, 'scope.invoiceTitle': true };
const TIMEOUT = { timeout: 30_000 };

let server;
let browser;
let context;
let pageErrors;

before(async () => {
  server = await startServer({ port: 0 });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  // A fresh context: its own, empty IndexedDB.
  context = await browser.newContext();
  pageErrors = [];
});

afterEach(async () => {
  await context?.close();
  assert.deepEqual(pageErrors, [], 'no uncaught error in any page');
});

const harness = () => new URL('/tests/browser/storage-harness.html', server.origin ?? server.url).href;

/** Waits for the harness module, then creates the page's authorizer. */
async function start(page, options = {}) {
  await page.waitForFunction(() => window.mpaReady === true);
  const { storage } = await page.evaluate((o) => window.mpa.create(o), options);
  assert.equal(storage, 'indexeddb');
  return page;
}

/** A new page (tab) of the context with the harness loaded and its authorizer created. */
async function openTab(options) {
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error));
  await page.goto(harness());
  return start(page, options);
}

/** The page's own record of events and prompts. */
const record = (page) => page.evaluate(() => ({ prompts: window.mpa.prompts, changes: window.mpa.changes, errors: window.mpa.errors }));
const stateOf = (page, scope) => page.evaluate((s) => window.mpa.state(s), scope);
const states = (page) => page.evaluate((s) => window.mpa.states(s), SCOPES);
const answer = (page, ...answers) => page.evaluate((a) => { window.mpa.answers.push(...a); }, answers);
const authorize = (page, scope) => page.evaluate((s) => window.mpa.authorize(s), scope);
const waitForState = (page, scope, state) => page.waitForFunction(([s, want]) => window.mpa.state(s) === want, [scope, state], { timeout: 5000 });

/** A reload that bypasses the HTTP cache (Ctrl+Shift+R), through the DevTools protocol. */
async function hardReload(page) {
  const cdp = await context.newCDPSession(page);
  const loaded = page.waitForEvent('load');
  await cdp.send('Page.reload', { ignoreCache: true });
  await loaded;
  await cdp.detach();
}

describe('reload', () => {
  it('grant → reload → still granted, and no prompt', TIMEOUT, async () => {
    const page = await openTab();
    await answer(page, 'accept');
    assert.deepEqual(await authorize(page, CAMERA), { ok: true, res: { errMsg: 'authorize:ok' } });

    await page.reload();
    await start(page);
    assert.equal(await stateOf(page, CAMERA), 'granted');
    assert.deepEqual(await authorize(page, CAMERA), { ok: true, res: { errMsg: 'authorize:ok' } });
    assert.deepEqual((await page.evaluate(() => window.mpa.getSetting())).authSetting, { ...RETIRED, [CAMERA]: true });
    assert.deepEqual(await record(page), { prompts: [], changes: [], errors: [] });
  });

  it("deny → reload → fail 'authorize:fail auth deny' at once, with no prompt", TIMEOUT, async () => {
    const page = await openTab();
    await answer(page, 'reject');
    assert.deepEqual(await authorize(page, CAMERA), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
    assert.deepEqual((await record(page)).prompts, [CAMERA]);

    await page.reload();
    await start(page);
    await answer(page, 'accept'); // would grant, if a prompt came
    assert.deepEqual(await authorize(page, CAMERA), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
    assert.equal(await stateOf(page, CAMERA), 'denied');
    assert.deepEqual(await record(page), { prompts: [], changes: [], errors: [] });
  });

  it('setState and reset survive a reload as well', TIMEOUT, async () => {
    const page = await openTab();
    await page.evaluate(async () => {
      await window.mpa.setState('scope.camera', 'granted');
      await window.mpa.setState('scope.record', 'denied');
    });
    await page.reload();
    await start(page);
    assert.deepEqual(await states(page), { [CAMERA]: 'granted', [RECORD]: 'denied', [ALBUM]: 'prompt' });
    await page.evaluate(() => window.mpa.reset());
    await page.reload();
    await start(page);
    assert.deepEqual(await states(page), { [CAMERA]: 'prompt', [RECORD]: 'prompt', [ALBUM]: 'prompt' });
  });

  it('a reload straight from the success / fail callback keeps the decision', TIMEOUT, async () => {
    const page = await openTab();
    await answer(page, 'accept');
    let loaded = page.waitForEvent('load');
    await page.evaluate((s) => window.mpa.authorizeThenReload(s), CAMERA);
    await loaded;
    await start(page);
    await answer(page, 'reject');
    loaded = page.waitForEvent('load');
    await page.evaluate((s) => window.mpa.authorizeThenReload(s), RECORD);
    await loaded;
    await start(page);
    assert.deepEqual(await states(page), { [CAMERA]: 'granted', [RECORD]: 'denied', [ALBUM]: 'prompt' });
    assert.deepEqual((await record(page)).prompts, []);
  });

  it('a hard reload right after a decision → the same state', TIMEOUT, async () => {
    const page = await openTab();
    await answer(page, 'accept');
    await authorize(page, CAMERA);
    await hardReload(page);
    await start(page);
    assert.equal(await stateOf(page, CAMERA), 'granted');

    await answer(page, 'reject');
    await authorize(page, RECORD);
    await hardReload(page);
    await start(page);
    assert.deepEqual(await states(page), { [CAMERA]: 'granted', [RECORD]: 'denied', [ALBUM]: 'prompt' });

    await page.evaluate(() => window.mpa.setState('scope.writePhotosAlbum', 'granted'));
    await hardReload(page);
    await start(page);
    assert.equal(await stateOf(page, ALBUM), 'granted');
    assert.deepEqual((await record(page)).prompts, []);
  });

  it('closing the tab right after a decision, then opening another → the same state', TIMEOUT, async () => {
    const first = await openTab();
    await answer(first, 'reject');
    await authorize(first, CAMERA);
    await first.close();
    const second = await openTab();
    assert.equal(await stateOf(second, CAMERA), 'denied');
  });
});

describe('two pages of one context', () => {
  it('a prompt decision, setState and an openSetting change in one reach the other (onChange "other-tab")', TIMEOUT, async () => {
    const one = await openTab();
    const two = await openTab();

    await answer(one, 'accept');
    await authorize(one, CAMERA);
    await waitForState(two, CAMERA, 'granted');
    assert.deepEqual((await record(two)).changes, [{ scope: CAMERA, previous: 'prompt', state: 'granted', source: 'other-tab' }]);
    assert.deepEqual((await record(one)).changes, [{ scope: CAMERA, previous: 'prompt', state: 'granted', source: 'prompt' }]);
    // Page two now knows without a prompt.
    assert.deepEqual(await authorize(two, CAMERA), { ok: true, res: { errMsg: 'authorize:ok' } });

    await two.evaluate((s) => window.mpa.setState(s, 'denied'), RECORD);
    await waitForState(one, RECORD, 'denied');
    assert.deepEqual((await record(one)).changes.at(-1), { scope: RECORD, previous: 'prompt', state: 'denied', source: 'other-tab' });

    await one.evaluate((s) => window.mpa.openSetting({ [s]: false }), CAMERA);
    await waitForState(two, CAMERA, 'denied');
    assert.deepEqual((await record(two)).changes.at(-1), { scope: CAMERA, previous: 'granted', state: 'denied', source: 'other-tab' });
    assert.deepEqual(await states(one), await states(two));
    assert.deepEqual((await record(one)).errors, []);
    assert.deepEqual((await record(two)).errors, []);
    assert.deepEqual((await record(two)).prompts, []);
  });

  it('reset in one clears the other', TIMEOUT, async () => {
    const one = await openTab();
    const two = await openTab();
    await answer(one, 'accept');
    await authorize(one, CAMERA);
    await answer(two, 'reject');
    await authorize(two, RECORD);
    await waitForState(two, CAMERA, 'granted');
    await waitForState(one, RECORD, 'denied');

    const before = (await record(two)).changes.length;
    await one.evaluate(() => window.mpa.reset());
    await waitForState(two, CAMERA, 'prompt');
    await waitForState(two, RECORD, 'prompt');
    const changes = (await record(two)).changes.slice(before);
    assert.deepEqual(
      changes.map((c) => `${c.scope} ${c.previous}→${c.state} ${c.source}`).sort(),
      [`${CAMERA} granted→prompt other-tab`, `${RECORD} denied→prompt other-tab`],
    );
    assert.deepEqual((await two.evaluate(() => window.mpa.getSetting())).authSetting, RETIRED);
    // The next authorize in page two asks again.
    await answer(two, 'accept');
    await authorize(two, CAMERA);
    assert.deepEqual((await record(two)).prompts, [RECORD, CAMERA]);
  });

  it('another app or user in the same context hears nothing', TIMEOUT, async () => {
    const one = await openTab();
    const otherApp = await openTab({ appId: 'wx-storage-2' });
    const otherUser = await openTab({ userId: 'bob' });
    await answer(one, 'accept');
    await authorize(one, CAMERA);
    await one.evaluate(() => window.mpa.reset());
    await one.evaluate((s) => window.mpa.setState(s, 'denied'), RECORD);
    const same = await openTab();
    assert.equal(await stateOf(same, RECORD), 'denied');
    for (const page of [otherApp, otherUser]) {
      assert.deepEqual(await states(page), { [CAMERA]: 'prompt', [RECORD]: 'prompt', [ALBUM]: 'prompt' });
      assert.deepEqual(await record(page), { prompts: [], changes: [], errors: [] });
    }
  });

  it('no lost update: B decides and commits, A decides the opposite before it has re-read: the database holds A\'s, 20/20, and both pages show it', { timeout: 90_000 }, async () => {
    const a = await openTab();
    const b = await openTab();
    // A acts the moment B's message arrives: its own listener on the library's channel runs right
    // after the library's (which only starts a re-read), so A's memory is still the old decision.
    await a.evaluate(() => {
      const channel = new BroadcastChannel('miniprogram-authorize:mpa-storage-harness');
      channel.onmessage = () => {
        const armed = window.armed;
        window.armed = null;
        if (armed) window.told = window.mpa.setState(armed.scope, armed.state).then(() => armed.state);
      };
    });
    let kept = 0;
    for (let round = 0; round < 20; round += 1) {
      const [first, second] = round % 2 ? ['granted', 'denied'] : ['denied', 'granted'];
      await a.evaluate((state) => window.mpa.setState('scope.camera', state), second);
      await waitForState(b, CAMERA, second);
      await a.evaluate((state) => { window.told = null; window.armed = { scope: 'scope.camera', state }; }, second);
      await b.evaluate((state) => window.mpa.setState('scope.camera', state), first);
      await a.waitForFunction(() => window.told !== null);
      assert.equal(await a.evaluate(() => window.told), second, `round ${round}: A was told its decision succeeded`);
      const fresh = await openTab();
      if (await stateOf(fresh, CAMERA) === second) kept += 1;
      await fresh.close();
      await waitForState(a, CAMERA, second);
      await waitForState(b, CAMERA, second);
    }
    assert.equal(kept, 20, 'the database holds the last decision a caller was told succeeded');
  });

  it('two pages deciding at once, with different answers, end agreed with each other and after a reload', TIMEOUT, async () => {
    const one = await openTab();
    const two = await openTab();
    for (const [round, scope] of SCOPES.entries()) {
      // Both prompts open, then answered together.
      await answer(one, 'hold');
      await answer(two, 'hold');
      const calls = [authorize(one, scope), authorize(two, scope)];
      for (const page of [one, two]) await page.waitForFunction(() => typeof window.mpa.release === 'function');
      const [first, second] = round % 2 ? [two, one] : [one, two];
      await Promise.all([
        first.evaluate(() => window.mpa.release('accept')),
        second.evaluate(() => window.mpa.release('reject')),
      ]);
      const [a, b] = await Promise.all(calls);
      assert.notEqual(a.ok, b.ok, 'each page was told its own answer');
      for (const page of [one, two]) await page.evaluate(() => { window.mpa.release = null; });
      // Both pages settle on one state, and it is what a fresh page reads from the database.
      let agreed;
      const deadline = Date.now() + 5000;
      for (;;) {
        const [x, y] = [await stateOf(one, scope), await stateOf(two, scope)];
        if (x === y && x !== 'prompt') { agreed = x; break; }
        assert.ok(Date.now() < deadline, `round ${round}: the pages disagree (${x} / ${y})`);
        await new Promise((r) => setTimeout(r, 20));
      }
      const fresh = await openTab();
      assert.equal(await stateOf(fresh, scope), agreed, `round ${round}: the database agrees`);
      await new Promise((r) => setTimeout(r, 100));
      assert.equal(await stateOf(one, scope), agreed, `round ${round}: page one stays agreed`);
      assert.equal(await stateOf(two, scope), agreed, `round ${round}: page two stays agreed`);
      await fresh.close();
    }
  });
});
