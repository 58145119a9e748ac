// Bad input never crashes the module and never traps the wasm instance: every public call answers
// garbage in the platform's own form (callbacks: `complete` exactly once; Promise: settles with a
// result object), and afterwards the same instance still answers a good call correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer } from '../../pkg/index.js';

const GARBAGE = [
  undefined, null, 0, -1, NaN, Infinity, 1e308, true, '', 'x', '\ud800', '\u0000', 'scope.camera\u0000',
  'x'.repeat(100_000), Symbol('s'), 10n, [], [1, 2], {}, Object.create(null), () => {}, new Date(0),
  { scope: undefined }, { scope: 42 }, { scope: {} }, { scope: ['scope.camera'] }, { scope: 'scope.nope' },
  { scope: '\ud800' }, { scope: 'x'.repeat(100_000) }, { scopes: [null] }, { withSubscriptions: 'yes' },
];

const PLATFORMS = ['wechat', 'wechat-minigame', 'alipay', 'bytedance', 'baidu', 'kuaishou'];

/** A result object of one of the platforms' own shapes (some garbage is valid: `getAuthCode()`). */
const hasPlatformShape = (result) => typeof result === 'object' && result !== null
  && (typeof result.errMsg === 'string' || typeof result.error === 'number'
    || typeof result.authSetting === 'object' || typeof result.authCode === 'string');

/** Calls `call(options)` in callback form; resolves with what `complete` got, checking it ran once. */
function viaCallbacks(call, given) {
  return new Promise((resolve, reject) => {
    let completes = 0;
    let settled = 0;
    const options = {
      ...(typeof given === 'object' && given !== null ? given : { scope: given }),
      success: () => { settled += 1; },
      fail: () => { settled += 1; },
      complete: (result) => {
        completes += 1;
        setTimeout(() => (completes === 1 && settled === 1 ? resolve(result) : reject(new Error(`complete ${completes}×, success/fail ${settled}×`))), 5);
      },
    };
    const returned = call(options);
    if (returned !== undefined) reject(new Error('the callback form returned something'));
  });
}

/** Calls `call(given)` in Promise form; resolves with the result object, resolved or rejected. */
async function viaPromise(call, given) {
  const returned = call(given);
  assert.ok(returned instanceof Promise, 'the Promise form returns a Promise');
  return returned.then((result) => result, (result) => result);
}

for (const platform of PLATFORMS) {
  test(`${platform}: garbage to every call answers in the platform's form and leaves the instance working`, async () => {
    const errors = [];
    const auth = await createAuthorizer({
      appId: `garbage-${platform}`,
      platform,
      permission: platform === 'wechat' || platform === 'kuaishou' || platform === 'wechat-minigame'
        ? { 'scope.userLocation': { desc: 'Shops near you' } }
        : undefined,
      prompt: () => 'accept',
      promptTimeout: 200,
      requireUserTap: false,
      onError: (error) => errors.push(error),
    });
    const calls = Object.entries(auth.api).filter(([name]) => name !== 'createUserInfoButton' && !auth.sessionApis.includes(name));
    // A session API (createVKSession) answers at once with a session; its start calls back once.
    for (const name of auth.sessionApis) {
      for (const given of GARBAGE) {
        const session = auth.api[name](given);
        const statuses = [];
        session.start((status) => statuses.push(status));
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.equal(statuses.length, 1, `${name}: start called back once`);
        assert.equal(typeof statuses[0], 'number');
      }
    }
    for (const [name, call] of calls) {
      for (const given of GARBAGE) {
        const label = `${name}(${typeof given === 'string' ? JSON.stringify(given.slice(0, 20)) : String(typeof given === 'symbol' ? 'Symbol' : typeof given)})`;
        const promised = await viaPromise(call, given);
        assert.ok(hasPlatformShape(promised), `${label}: Promise form settled with ${JSON.stringify(promised)}`);
        if (typeof given !== 'symbol' && typeof given !== 'bigint') {
          const completed = await viaCallbacks(call, given);
          assert.ok(hasPlatformShape(completed), `${label}: complete got ${JSON.stringify(completed)}`);
        }
      }
    }
    for (const given of GARBAGE) {
      assert.throws(() => auth.stateOf(given), TypeError);
      await assert.rejects(auth.setState(given, 'granted'), TypeError);
      await assert.rejects(auth.setState(auth.scopes[0].scope, given), (error) => error instanceof Error);
    }
    // The same wasm instance still answers a good call, and nothing was thrown at the host.
    // A device scope every platform lists in getSetting (Alipay's getAuthCode grants are not).
    const scope = ['scope.camera', 'camera', 'scope.record'].find((key) => auth.scopes.some((s) => s.scope === key));
    await auth.setState(scope, 'granted');
    assert.equal(auth.stateOf(scope), 'granted');
    const setting = await auth.getSetting();
    assert.equal(setting.authSetting[auth.scopes.find((s) => s.scope === scope).settingKey], true);
    assert.ok(errors.every((error) => error instanceof Error));
    auth.close();
  });
}

test('createAuthorizer rejects garbage options with an Error, and the module keeps working', async () => {
  for (const given of [...GARBAGE, { appId: 1 }, { appId: 'a', platform: {} }, { appId: 'a', platform: { name: 'x', global: 'x', scopes: [null] } },
    { appId: 'a', permission: [] }, { appId: 'a', permission: { 'scope.userLocation': 'desc' } }, { appId: 'a', indexedDB: {} },
    { appId: 'a', storage: 1 }, { appId: '\ud800' }]) {
    await assert.rejects(createAuthorizer(given), (error) => error instanceof Error && /createAuthorizer/.test(error.message));
  }
  const auth = await createAuthorizer({ appId: 'after-garbage', prompt: () => 'accept' });
  assert.deepEqual(await auth.authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:ok' });
});
