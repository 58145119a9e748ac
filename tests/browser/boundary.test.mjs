// The guest boundary in Chromium: mini-program code in an opaque-origin Worker and in an
// <iframe sandbox="allow-scripts">, served by the host page's authorizer (pkg/host.js) through
// pkg/guest.js. A hostile guest grants itself nothing and leaves the host healthy; the normal
// paths give what the same-page facade gives.
//   node --test tests/browser/boundary.test.mjs
import { it, describe, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedShadow, servedChromium } from '../support/browser.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const RETIRED = { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true };

const served = servedChromium(ROOT);
let context;
let page;
let pageErrors;
let cdp;
let counter = 0;

beforeEach(async () => {
  context = await served.browser.newContext({ reducedMotion: 'reduce' });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  cdp = await context.newCDPSession(page);
});

afterEach(async () => {
  await context?.close();
  assert.deepEqual(pageErrors, [], 'no uncaught error on the host page');
});

/**
 * `fn(arg)` in the host page through CDP without a user gesture: Playwright's own evaluate counts
 * as one, and would give the page the user activation the tap rule looks for.
 */
async function evaluate(fn, arg) {
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression: `(${fn})(${JSON.stringify(arg)})`,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails) throw new Error(exceptionDetails.exception?.description ?? exceptionDetails.text);
  return result.value;
}

async function waitFor(fn, arg) {
  for (let i = 0; i < 250; i += 1) {
    if (await evaluate(fn, arg)) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${fn}`);
}

/** Opens the harness with a guest in `realm` and connects it. */
async function open(realm, options = {}) {
  counter += 1;
  const databaseName = `boundary-${process.pid}-${counter}`;
  await page.goto(`${served.server.origin}/tests/browser/boundary-harness.html`);
  await waitFor(() => window.mpaReady === true);
  await evaluate((setup) => window.setup(setup), { realm, databaseName, ...options });
  await waitFor(() => window.guestLoaded === true);
  const names = await command('connect');
  return { databaseName, names };
}

const command = (name, args) => evaluate(([name, args]) => window.command(name, args), [name, args]);

for (const realm of ['worker', 'iframe']) {
  describe(`a guest in ${realm === 'worker' ? 'an opaque-origin Worker' : 'a sandboxed iframe'}`, () => {
    it('equivalence: the call list gives the same records as same-page, string for string', async () => {
      await open(realm, { scripted: true, storage: 'memory' });
      const description = await evaluate(() => window.description);
      const expected = await evaluate(() => window.samePage());
      const actual = await command('run', { description });
      assert.ok(expected.length > 60);
      assert.deepStrictEqual(actual, expected);
    });

    it('a hostile guest tries every route and grants itself nothing; the host stays healthy', async () => {
      const { databaseName } = await open(realm, { prompt: 'reject' });
      const report = await command('hostile', { databaseName, appId: 'wx-boundary' });
      // Its storage and channel are not the host's.
      assert.equal(report.storage.indexedDB, 'threw SecurityError');
      if (realm === 'iframe') {
        assert.equal(report.storage.parentDocument, 'threw SecurityError');
        assert.equal(report.storage.parentAuth, 'threw SecurityError');
      }
      const host = await evaluate(async (name) => {
        const read = await new Promise((resolve) => {
          const request = indexedDB.open(name);
          request.onsuccess = () => {
            const db = request.result;
            if (!db.objectStoreNames.contains('decisions')) return resolve([]);
            const all = db.transaction('decisions').objectStore('decisions').getAll();
            all.onsuccess = () => resolve(all.result.map((record) => record.state));
          };
        });
        const states = window.auth.scopes.filter((scope) => scope.rule !== 'retired').map((scope) => window.auth.stateOf(scope.scope));
        return {
          stored: read, states, broadcasts: window.broadcasts, otherTab: window.otherTab, prompts: window.prompts,
          located: window.located, settingsShown: window.settingsShown, rejected: window.rejected.map((event) => event.reason),
          setting: (await window.auth.api.getSetting()).authSetting,
        };
      }, databaseName);
      assert.equal(host.broadcasts, 0, 'nothing reached the library\'s BroadcastChannel');
      assert.equal(host.otherTab, 0);
      assert.ok(!host.stored.includes('granted'), `no grant stored: ${host.stored}`);
      assert.ok(!host.states.includes('granted'), `no scope granted: ${host.states}`);
      assert.equal(host.located, 0, 'the host\'s getLocation never ran');
      assert.equal(host.settingsShown, 0, 'openSetting without a tap opened nothing');
      assert.deepEqual(host.setting, { ...RETIRED, 'scope.camera': false, 'scope.userLocation': false }, JSON.stringify(report));
      // The raw port: forged calls refused, the flood answered and cut down, nothing echoed.
      const { port, pollution } = report;
      assert.equal(port.forgedReplyEchoed, false);
      assert.equal(port.portCarrier, false, 'a message transferring ports is dropped');
      assert.equal(port.count['call:fail not supported'], 3, 'setState, reset, __proto__');
      assert.equal(port.count['authorize:fail auth deny'], 1, 'a scope state in a message means nothing: the prompt ran, the user refused');
      assert.equal(port.count['authorize:fail message too large'], 1);
      assert.equal(port.count['authorize:fail message too deep'], 1);
      assert.equal(port.count['getLocation:fail message malformed'], 1);
      assert.ok(port.count['getSetting:fail too many calls'] > 10_000, JSON.stringify(port.count));
      assert.deepEqual(host.prompts, ['scope.camera', 'scope.userLocation']);
      for (const reason of ['ports refused', 'message malformed', 'too many calls', 'message too large', 'not supported']) {
        assert.ok(host.rejected.includes(reason), reason);
      }
      // Prototype pollution in the guest: its own objects, none of the host's.
      assert.equal(pollution.getLocation, 'fail {"errMsg":"getLocation:fail auth deny"}');
      assert.equal(pollution.openSetting, '{"errMsg":"openSetting:fail can only be invoked by user TAP gesture."}');
      assert.equal(pollution.fooled, '{"errMsg":"getLocation:ok","latitude":31.2}');
      assert.deepEqual(JSON.parse(pollution.getSetting).authSetting, { ...RETIRED, 'scope.camera': false, 'scope.userLocation': false });
      // Healthy: same-page and guest calls answer; after close the guest's calls fail once.
      assert.deepEqual(await evaluate(() => window.auth.api.authorize({ scope: 'scope.record' }).catch((res) => res)), { errMsg: 'authorize:fail auth deny' });
      assert.deepEqual(await command('call', { method: 'authorize', argument: { scope: 'scope.record' } }), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
      await evaluate(() => window.handle.close());
      assert.deepEqual(await command('call', { method: 'getSetting' }), { ok: false, res: { errMsg: 'getSetting:fail host closed' } });
      assert.equal(await evaluate(() => window.auth.stateOf('scope.record')), 'denied');
    });

    it('openSetting needs a real tap on the host\'s page (the guest cannot fake one)', async () => {
      await open(realm, { prompt: 'reject' });
      assert.deepEqual(await command('openSetting'), { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' });
      if (realm === 'iframe') {
        // A click in the frame activates the host page too (user activation reaches ancestors).
        await command('openSettingButton');
        await page.frameLocator('iframe').locator('#open').click();
      } else {
        // A Worker has no activation of its own: a tap on the host's page, then the guest's call.
        await page.click('#host-button');
        await command('openSetting');
      }
      await waitFor(() => window.settingsShown === 1);
      if (realm === 'iframe') {
        await waitFor(() => window.command('results').then((results) => results.length === 1));
        const [result] = await command('results');
        assert.equal(result.errMsg, 'openSetting:ok');
      }
    });

    it('the built-in pop-up shows on the host\'s page; Allow grants, reset from the host and another tab reach the guest', async () => {
      const { databaseName } = await open(realm, { prompt: 'ui' });
      const asked = command('call', { method: 'authorize', argument: { scope: 'scope.camera' } });
      // The built-in pop-up's root is closed: answered as the user does, with a trusted click.
      const ui = await closedShadow(page);
      await ui.waitFor('[data-mpa-ui="prompt"]', 'button.allow', { timeout: 10_000 });
      await ui.click('[data-mpa-ui="prompt"]', 'button.allow');
      assert.deepEqual(await asked, { ok: true, res: { errMsg: 'authorize:ok' } });
      assert.deepEqual((await command('call', { method: 'getSetting' })).res.authSetting, { ...RETIRED, 'scope.camera': true });
      const refused = command('call', { method: 'authorize', argument: { scope: 'scope.record' } });
      await ui.waitFor('[data-mpa-ui="prompt"]', 'button.deny', { timeout: 10_000 });
      await ui.click('[data-mpa-ui="prompt"]', 'button.deny');
      assert.deepEqual(await refused, { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
      await evaluate(() => window.auth.reset());
      assert.deepEqual((await command('call', { method: 'getSetting' })).res.authSetting, RETIRED);
      // Another tab of the same app decides: the host hears it, and so does the guest.
      const other = await context.newPage();
      await other.goto(`${served.server.origin}/tests/browser/boundary-harness.html`);
      await other.evaluate(async (name) => {
        const { createAuthorizer } = await import('/pkg/index.min.js');
        const auth = await createAuthorizer({ appId: 'wx-boundary', databaseName: name, prompt: () => 'accept' });
        await auth.setState('scope.werun', 'granted');
      }, databaseName);
      await waitFor(() => window.otherTab > 0);
      assert.deepEqual((await command('call', { method: 'getSetting' })).res.authSetting, { ...RETIRED, 'scope.werun': true });
    });
  });
}

it('the mini game\'s button: a real <button> on the host\'s page; its tap reaches the guest in the iframe', async () => {
  await open('iframe', { platform: 'wechat-minigame', prompt: 'accept' });
  assert.deepEqual(await command('button'), { tapped: 'nothing' }, 'the guest\'s own tap() does nothing');
  const button = page.locator('#stage [data-mpa-user-info-button]');
  await button.waitFor();
  assert.equal(await evaluate(() => window.prompts.length), 0);
  await button.click();
  await waitFor(() => window.command('results').then((results) => results.length === 1));
  const [result] = await command('results');
  assert.equal(result.errMsg, 'getUserInfo:ok');
  assert.equal(result.userInfo.nickName, 'Ann');
  assert.deepEqual(await evaluate(() => window.prompts), ['scope.userInfo']);
});
