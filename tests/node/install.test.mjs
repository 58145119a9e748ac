// auth.install(target) (pkg/install.js) and the test-harness prompt answers (pkg/shim-options.js):
// what is replaced, what is kept, the target's own gated APIs behind the check in both calling
// forms, uninstall; `prompt: 'accept'` and scripted answers, `auth.prompts`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { both, make, createAuthorizer, DESCS, settle } from './helpers.mjs';

/** A `wx` as a test tool makes one: callback mocks that also return a Promise without callbacks. */
function mockWx() {
  const calls = [];
  const mock = (name, data = {}) => function (options = {}) {
    calls.push([name, this]);
    const reply = { errMsg: `${name}:ok`, ...data };
    if (!options.success && !options.fail && !options.complete) return Promise.resolve(reply);
    setTimeout(() => { options.success?.(reply); options.complete?.(reply); });
    return undefined;
  };
  const wx = {
    request: mock('request'),
    authorize: mock('authorize'),
    getSetting: mock('getSetting', { authSetting: {} }),
    getLocation: mock('getLocation', { latitude: 23.1, longitude: 113.2 }),
    // A callback-only mock, as miniprogram-simulate's getFuzzyLocation is.
    getFuzzyLocation(options) { calls.push(['getFuzzyLocation', this]); setTimeout(() => options.success?.({ errMsg: 'getFuzzyLocation:ok', latitude: 1, longitude: 2 })); },
    version: '3.0.0',
  };
  return { wx, calls };
}

test('install replaces the authorization APIs, keeps everything else, and uninstall puts it back', async () => {
  const { auth } = await make();
  const { wx } = mockWx();
  const before = { ...wx };
  const uninstall = auth.install(wx);
  assert.equal(wx.authorize, auth.api.authorize);
  assert.equal(wx.getSetting, auth.api.getSetting);
  assert.equal(wx.openSetting, auth.api.openSetting);
  assert.equal(wx.request, before.request);
  assert.equal(wx.version, '3.0.0');
  // Gated APIs neither the host nor the target has are left out, as they were.
  assert.equal('saveImageToPhotosAlbum' in wx, false);
  uninstall();
  assert.deepEqual(wx, before);
  assert.equal('openSetting' in wx, false);
  uninstall();   // twice: nothing more happens
  assert.deepEqual(wx, before);
});

test('a value replaced after install stays when uninstalling', async () => {
  const { auth } = await make();
  const { wx } = mockWx();
  const uninstall = auth.install(wx);
  const mine = () => 'mine';
  wx.authorize = mine;
  uninstall();
  assert.equal(wx.authorize, mine);
  assert.equal('openSetting' in wx, false);
});

both('the target\'s own gated API serves the call once authorized, in the caller\'s form', async ({ call }) => {
  const { auth, prompt } = await make();
  const { wx, calls } = mockWx();
  auth.install(wx);
  const { ok, res } = await call(wx.getLocation, { type: 'wgs84' });
  assert.equal(ok, true);
  assert.deepEqual(res, { errMsg: 'getLocation:ok', latitude: 23.1, longitude: 113.2 });
  assert.equal(prompt.count, 1);
  assert.deepEqual(calls.map(([name, self]) => [name, self === wx]), [['getLocation', true]]);
});

both('denied: the target\'s gated API is never called', async ({ call }) => {
  const { auth } = await make({ prompt: 'reject' });
  const { wx, calls } = mockWx();
  auth.install(wx);
  assert.deepEqual(await call(wx.getLocation, {}), { ok: false, res: { errMsg: 'getLocation:fail auth deny' } });
  assert.deepEqual(calls, []);
  assert.deepEqual(await call(wx.getFuzzyLocation, {}), { ok: false, res: { errMsg: 'getFuzzyLocation:fail auth deny' } });
});

test('a callback-only target API answers a Promise caller', async () => {
  const { auth } = await make();
  const { wx } = mockWx();
  auth.install(wx);
  assert.deepEqual(await wx.getFuzzyLocation({ type: 'wgs84' }), { errMsg: 'getFuzzyLocation:ok', latitude: 1, longitude: 2 });
});

test('a gated API the host serves is the authorizer\'s own, over the target\'s', async () => {
  const { auth } = await make({ apis: { getLocation: () => ({ latitude: 31.2, longitude: 121.5 }) } });
  const { wx, calls } = mockWx();
  auth.install(wx);
  assert.equal(wx.getLocation, auth.api.getLocation);
  assert.deepEqual(await wx.getLocation(), { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 });
  assert.deepEqual(calls, []);
});

test('a bad argument to an installed target API gets the platform\'s parameter error', async () => {
  const { auth } = await make();
  const { wx, calls } = mockWx();
  auth.install(wx);
  const res = await wx.getLocation('north').catch((error) => error);
  assert.match(res.errMsg, /^getLocation:fail parameter error/);
  assert.deepEqual(calls, []);
});

test('a target API that throws: the error is reported and the caller gets a fail', async () => {
  const { auth, errors } = await make();
  const wx = { getLocation() { throw new Error('mock broke'); } };
  auth.install(wx);
  let failed;
  wx.getLocation({ fail: (res) => { failed = res; } });
  await settle(6);
  assert.deepEqual(failed, { errMsg: 'getLocation:fail mock broke' });
  await assert.rejects(wx.getLocation(), { errMsg: 'getLocation:fail mock broke' });
  assert.deepEqual(errors.map((error) => error.message), ['mock broke', 'mock broke']);
});

test('install() with no target uses globalThis[auth.global], made when missing and removed by uninstall', async () => {
  const { auth } = await make({ platform: 'alipay', permission: {} });
  assert.equal(globalThis.my, undefined);
  const uninstall = auth.install();
  try {
    assert.equal(globalThis.my.getAuthCode, auth.api.getAuthCode);
  } finally {
    uninstall();
  }
  assert.equal('my' in globalThis, false);
  // An existing global is installed into, and stays.
  const mine = { request() {} };
  globalThis.my = mine;
  try {
    const again = auth.install();
    assert.equal(globalThis.my, mine);
    assert.equal(mine.getAuthCode, auth.api.getAuthCode);
    again();
    assert.equal(globalThis.my, mine);
    assert.deepEqual(Object.keys(mine), ['request']);
  } finally {
    delete globalThis.my;
  }
});

test('install into something that is not an object, or a frozen one, throws and leaves nothing half-done', async () => {
  const { auth } = await make();
  assert.throws(() => auth.install(null), TypeError);
  assert.throws(() => auth.install('wx'), TypeError);
  assert.throws(() => auth.install(Object.freeze({ request() {} })), TypeError);
  const sealed = { request() {} };
  Object.defineProperty(sealed, 'openSetting', { value: () => {}, writable: false, configurable: false });
  assert.throws(() => auth.install(sealed), TypeError);
  assert.equal('authorize' in sealed, false);
});

// --- the harness's prompt answers ----------------------------------------------------------------

for (const [answer, expected] of [['accept', 'authorize:ok'], ['reject', 'authorize:fail auth deny'], ['dismiss', 'authorize:fail auth cancel']]) {
  test(`prompt: '${answer}' answers every prompt`, async () => {
    const auth = await createAuthorizer({ appId: 'wx-fixed', storage: 'memory', prompt: answer });
    for (const scope of ['scope.camera', 'scope.record']) {
      const res = await auth.authorize({ scope }).catch((error) => error);
      assert.equal(res.errMsg, expected);
    }
    assert.deepEqual(auth.prompts.map(({ scope, answer: given }) => [scope, given]), [['scope.camera', answer], ['scope.record', answer]]);
  });
}

test('a scripted prompt answers in order; past its end a prompt fails the call with an error event', async () => {
  const script = ['accept', 'reject'];
  const auth = await createAuthorizer({ appId: 'wx-script', storage: 'memory', prompt: script, permission: DESCS });
  const errors = [];
  auth.onError((error) => errors.push(error.message));
  script.length = 0;   // the authorizer keeps its own copy
  assert.deepEqual(await auth.api.getLocation().catch((res) => res), { errMsg: 'getLocation:fail not supported' });
  assert.deepEqual(await auth.authorize({ scope: 'scope.camera' }).catch((res) => res), { errMsg: 'authorize:fail auth deny' });
  const third = await auth.authorize({ scope: 'scope.record' }).catch((res) => res);
  assert.equal(third.errMsg, 'authorize:fail prompt failed: the prompt script has no answer left for prompt 3 (scope.record); it had 2');
  assert.equal(auth.stateOf('scope.record'), 'prompt');   // nothing recorded
  assert.equal(errors.length, 1);
  assert.deepEqual(auth.prompts.map(({ scope, api, answer }) => [scope, api, answer]), [
    ['scope.userLocation', 'getLocation', 'accept'],
    ['scope.camera', 'authorize', 'reject'],
    ['scope.record', 'authorize', undefined],
  ]);
  assert.equal(auth.prompts[0].desc, DESCS['scope.userLocation'].desc);
  assert.equal('signal' in auth.prompts[0], false);
});

test('a prompt function is recorded too, with what it answered', async () => {
  const auth = await createAuthorizer({ appId: 'wx-fn', storage: 'memory', prompt: async ({ scope }) => (scope === 'scope.camera' ? 'accept' : 'reject') });
  await auth.authorize({ scope: 'scope.camera' });
  await auth.authorize({ scope: 'scope.record' }).catch(() => {});
  assert.deepEqual(auth.prompts.map(({ answer }) => answer), ['accept', 'reject']);
});

for (const bad of ['yes', ['accept', 'maybe'], [undefined], 42, {}]) {
  test(`prompt: ${JSON.stringify(bad)} rejects createAuthorizer naming the option`, async () => {
    await assert.rejects(createAuthorizer({ appId: 'wx-bad', prompt: bad }), { name: 'TypeError', message: /option prompt / });
  });
}
