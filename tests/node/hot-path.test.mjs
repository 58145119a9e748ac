// The decided-scope fast path of `authorize` (issue 6): the shim remembers the core's outcome per
// scope until a decision changes, and hands out a fresh reply object per call. These tests pin
// what that must never change: every way a decision changes is seen by the very next call (even
// before the write lands), and no caller can alter what another call gets. No timing here.
//   node --test tests/node/hot-path.test.mjs

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { make, scripted } from './helpers.mjs';

const CAMERA = 'scope.camera';
const RECORD = 'scope.record';
const OK = { errMsg: 'authorize:ok' };
const DENY = { errMsg: 'authorize:fail auth deny' };

/** `{ ok, res }` of a Promise-form call. */
const outcome = (promise) => promise.then((res) => ({ ok: true, res }), (res) => ({ ok: false, res }));
const ask = (auth, scope) => outcome(auth.authorize({ scope }));

/** `{ returned, sync, calls }` of a callback-form call, once `complete` ran. */
function callbackForm(auth, scope) {
  return new Promise((resolve) => {
    const calls = [];
    let returning = true;
    let sync = false;
    const returned = auth.authorize({
      scope,
      success: (res) => { sync ||= returning; calls.push(['success', res]); },
      fail: (res) => { sync ||= returning; calls.push(['fail', res]); },
      complete: (res) => { calls.push(['complete', res]); resolve({ returned, sync, calls }); },
    });
    returning = false;
  });
}

async function eventually(check, ms = 3000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
}

describe('decided-scope authorize sees every change at once', () => {
  it('setState: the next call, even before the write lands', async () => {
    const { auth, prompt } = await make({ prompt: scripted('reject') });
    await auth.setState(CAMERA, 'granted');
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    const writing = auth.setState(CAMERA, 'denied');
    const during = ask(auth, CAMERA);
    await writing;
    assert.deepEqual(await during, { ok: false, res: DENY });
    assert.deepEqual(await ask(auth, CAMERA), { ok: false, res: DENY });
    await auth.setState(CAMERA, 'granted');
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    await auth.setState(CAMERA, 'prompt');
    assert.deepEqual(await ask(auth, CAMERA), { ok: false, res: DENY }, 'forgotten: asked again, rejected');
    assert.equal(prompt.count, 1);
  });

  it('reset: a granted scope is asked again', async () => {
    const { auth, prompt } = await make({ prompt: scripted('reject') });
    await auth.setState(CAMERA, 'granted');
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    const resetting = auth.reset();
    const during = ask(auth, CAMERA);
    await resetting;
    assert.deepEqual(await during, { ok: false, res: DENY });
    assert.equal(prompt.count, 1);
    assert.deepEqual(await ask(auth, CAMERA), { ok: false, res: DENY });
    assert.equal(prompt.count, 1, 'the refusal is remembered: no second prompt');
  });

  it('a prompt answer: concurrent callers share one prompt, later callers get the decision', async () => {
    const { auth, prompt } = await make({ prompt: scripted('accept') });
    const first = ask(auth, CAMERA);
    const second = ask(auth, CAMERA);
    assert.deepEqual(await first, { ok: true, res: OK });
    assert.deepEqual(await second, { ok: true, res: OK });
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    assert.equal(prompt.count, 1);
    assert.equal(auth.stateOf(CAMERA), 'granted');
  });

  it('a prompt answered after the host decided meanwhile: the next call agrees with stateOf', async () => {
    let answer;
    const prompt = () => new Promise((resolve) => { answer = resolve; });
    const { auth } = await make({ prompt });
    const waiting = ask(auth, CAMERA);
    await eventually(() => assert.equal(typeof answer, 'function'));
    await auth.setState(CAMERA, 'granted');
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    answer('reject');
    await waiting;
    const now = auth.stateOf(CAMERA);
    assert.deepEqual(await ask(auth, CAMERA), now === 'granted' ? { ok: true, res: OK } : { ok: false, res: DENY }, `state ${now}`);
  });

  it('the settings page', async () => {
    const { auth } = await make({ settings: () => ({ [CAMERA]: false }), requireUserTap: false });
    await auth.setState(CAMERA, 'granted');
    assert.deepEqual(await ask(auth, CAMERA), { ok: true, res: OK });
    await auth.openSetting();
    assert.deepEqual(await ask(auth, CAMERA), { ok: false, res: DENY });
  });

  it('another tab: once its change is heard, authorize agrees with stateOf', { timeout: 15_000 }, async () => {
    globalThis.IDBKeyRange ??= IDBKeyRange;
    const factory = new IDBFactory();
    const options = { storage: 'indexeddb', indexedDB: factory, databaseName: `mpa-hot-path-${process.pid}` };
    const { auth: a } = await make(options);
    const { auth: b } = await make(options);
    try {
      await a.setState(CAMERA, 'granted');
      await eventually(() => assert.equal(b.stateOf(CAMERA), 'granted'));
      assert.deepEqual(await ask(b, CAMERA), { ok: true, res: OK });
      assert.deepEqual(await ask(b, CAMERA), { ok: true, res: OK });
      await a.setState(CAMERA, 'denied');
      await eventually(() => assert.equal(b.stateOf(CAMERA), 'denied'));
      assert.deepEqual(await ask(b, CAMERA), { ok: false, res: DENY });
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('getSetting (remembered the same way)', () => {
  const listed = async (auth) => (await auth.getSetting()).authSetting;

  it('lists every change at once: setState (before the write lands), a prompt, the settings page, reset', async () => {
    const { auth } = await make({ prompt: scripted('accept'), settings: () => ({ [CAMERA]: false }), requireUserTap: false });
    const before = await listed(auth);
    assert.equal(before[CAMERA], undefined);
    assert.deepEqual(await listed(auth), before);
    const writing = auth.setState(RECORD, 'denied');
    const during = listed(auth);
    await writing;
    assert.equal((await during)[RECORD], false);
    await auth.authorize({ scope: CAMERA });
    assert.equal((await listed(auth))[CAMERA], true);
    await auth.openSetting();
    assert.equal((await listed(auth))[CAMERA], false);
    await auth.reset();
    assert.deepEqual(await listed(auth), before);
  });

  it('hands out fresh objects', async () => {
    const { auth } = await make();
    await auth.setState(CAMERA, 'granted');
    const first = await auth.getSetting();
    first.authSetting[CAMERA] = false;
    first.authSetting.extra = true;
    first.errMsg = 'changed';
    const second = await auth.getSetting({ withSubscriptions: true });
    assert.equal(second.errMsg, 'getSetting:ok');
    assert.equal(second.authSetting[CAMERA], true);
    assert.equal(second.authSetting.extra, undefined);
    assert.ok(second.subscriptionsSetting);
    assert.equal((await auth.getSetting()).subscriptionsSetting, undefined);
  });
});

describe('decided-scope authorize hands out fresh objects', () => {
  it('changing one reply changes no other call\'s (Promise form, success and fail)', async () => {
    const { auth } = await make();
    await auth.setState(CAMERA, 'granted');
    await auth.setState(RECORD, 'denied');
    const first = await auth.authorize({ scope: CAMERA });
    first.errMsg = 'changed';
    first.extra = true;
    assert.deepEqual(await auth.authorize({ scope: CAMERA }), OK);
    const refused = await ask(auth, RECORD);
    refused.res.errMsg = 'changed';
    assert.deepEqual(await ask(auth, RECORD), { ok: false, res: DENY });
  });

  it('the callback form: undefined returned, callbacks later, success then complete with one fresh object', async () => {
    const { auth } = await make();
    await auth.setState(CAMERA, 'granted');
    await auth.setState(RECORD, 'denied');
    const granted = await callbackForm(auth, CAMERA);
    assert.equal(granted.returned, undefined);
    assert.equal(granted.sync, false, 'no callback runs before authorize returns');
    assert.deepEqual(granted.calls.map(([kind]) => kind), ['success', 'complete']);
    assert.equal(granted.calls[0][1], granted.calls[1][1], 'success and complete get the same object');
    granted.calls[0][1].errMsg = 'changed';
    const again = await callbackForm(auth, CAMERA);
    assert.deepEqual(again.calls[0][1], OK);
    const refused = await callbackForm(auth, RECORD);
    assert.deepEqual(refused.calls.map(([kind, res]) => [kind, res]), [['fail', DENY], ['complete', DENY]]);
  });

  it('an unknown scope and a bad scope keep their answers on repeat calls', async () => {
    const { auth } = await make();
    for (let i = 0; i < 3; i += 1) {
      assert.deepEqual(await ask(auth, 'scope.nope'), { ok: false, res: { errMsg: 'authorize:fail invalid scope' } });
    }
    const bad = await ask(auth, 42);
    assert.equal(bad.ok, false);
    assert.match(bad.res.errMsg, /^authorize:fail parameter error: parameter\.scope should be String instead of Number/);
  });
});
