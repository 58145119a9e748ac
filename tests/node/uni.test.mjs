// The @uni calling form of seed 004: `import { authorize, configure } from 'miniprogram-authorize'`,
// a default authorizer created on first use or by configure(). The seed's example runs verbatim.
// The tests run in order: the first one sees the default authorizer before any configure().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorize, configure, createAuthorizer } from '../../pkg/index.js';
import { defaultAuthorizer } from '../../pkg/uni.js';
import { scripted, settle, delay } from './helpers.mjs';

const FORMS = ['callback', 'promise'];

/** Runs seed 004's example verbatim (less the TypeScript `res?`), returning what it logged. */
async function seedExample() {
  const logged = [];
  const log = console.log;
  console.log = (...args) => logged.push(args);
  try {
    authorize({
      scope: 'scope.userLocation',
      success: () => {
        console.log('success');
      },
      fail: (res) => {
        console.log('fail', res);
      },
      complete: (res) => {
        console.log('complete', res);
      }
    });

    authorize({
      scope: 'scope.userLocation',
    }).then((res) => {
      console.log('success');
    });
    for (let waited = 0; logged.length < 3 && waited < 2000; waited += 10) await delay(10);
  } finally {
    console.log = log;
  }
  return logged;
}

/**
 * One @uni call in a form: the callback form still returns a Promise (as @uni's promisify does);
 * exactly one of success/fail runs, then complete with the same object.
 */
async function uni(form, options) {
  if (form === 'promise') {
    try {
      return { ok: true, res: await authorize(options) };
    } catch (res) {
      assert.ok(!(res instanceof Error), `rejects with the platform's fail object: ${res?.stack ?? res}`);
      return { ok: false, res };
    }
  }
  const events = [];
  const returned = authorize({
    ...options,
    success: (res) => events.push(['success', res]),
    fail: (res) => events.push(['fail', res]),
    complete: (res) => events.push(['complete', res]),
  });
  assert.ok(returned instanceof Promise, '@uni returns a Promise in the callback form too');
  await returned.catch(() => {});
  await settle();
  assert.equal(events.length, 2, JSON.stringify(events));
  assert.equal(events[1][0], 'complete');
  assert.deepStrictEqual(events[1][1], events[0][1]);
  return { ok: events[0][0] === 'success', res: events[0][1] };
}

test('first use: the default authorizer (appId uni-app, wechat, memory in Node) runs seed 004\'s example', async () => {
  const auth = await defaultAuthorizer(createAuthorizer); // first use: no configure() yet
  assert.deepEqual([auth.appId, auth.platform, auth.storage], ['uni-app', 'wechat', 'memory']);
  // Nobody can answer in Node without a prompt handler: every prompt is dismissed.
  const errorLog = console.error;
  console.error = () => {};
  try {
    assert.deepEqual(await uni('callback', { scope: 'scope.userLocation' }), { ok: false, res: { errMsg: 'authorize:fail auth cancel' } });
  } finally {
    console.error = errorLog;
  }
  // The host grants it; the example now succeeds in both forms.
  await auth.setState('scope.userLocation', 'granted');
  assert.deepEqual(await seedExample(), [['success'], ['complete', { errMsg: 'authorize:ok' }], ['success']]);
});

test('configure(options): seed 004\'s example verbatim with a prompt that accepts', async () => {
  const previous = await defaultAuthorizer(createAuthorizer);
  const prompt = scripted('accept');
  const auth = await configure({ prompt });
  assert.notEqual(auth, previous, 'a new default authorizer');
  assert.equal(await defaultAuthorizer(createAuthorizer), auth);
  assert.deepEqual(await seedExample(), [['success'], ['complete', { errMsg: 'authorize:ok' }], ['success']]);
  assert.equal(prompt.count, 1, 'one prompt: the second call found it granted');
});

for (const form of FORMS) {
  test(`wechat: the platform's result; a rejection and its stickiness; auth_base by default [${form}]`, async () => {
    const prompt = scripted('reject');
    await configure({ prompt });
    assert.deepEqual(await uni(form, { scope: 'scope.camera' }), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
    assert.deepEqual(await uni(form, { scope: 'scope.camera' }), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
    assert.equal(prompt.count, 1);
    assert.deepEqual(await uni(form, {}), { ok: false, res: { errMsg: 'authorize:fail invalid scope' } }, "scope defaults to 'auth_base'");
    const accepting = await configure({ prompt: scripted('accept') });
    assert.deepEqual(await uni(form, { scope: 'scope.werun' }), { ok: true, res: { errMsg: 'authorize:ok' } });
    assert.equal(accepting.stateOf('scope.werun'), 'granted');
  });

  test(`alipay: scopes mapped as @uni maps them, through getAuthCode, with seed 004's Response [${form}]`, async () => {
    const prompt = scripted(['accept', 'accept', 'reject']);
    await configure({ platform: 'alipay', prompt });
    const user = await uni(form, { scope: 'scope.userInfo' });
    assert.equal(user.ok, true);
    assert.deepEqual(Object.keys(user.res).sort(), ['authCode', 'authErrorScopes', 'authSuccessScopes']);
    assert.match(user.res.authCode, /^[0-9a-f]{32}$/);
    assert.deepEqual(user.res.authSuccessScopes, ['auth_user']);
    assert.deepEqual(user.res.authErrorScopes, {});
    // Every other scope is auth_user too: granted already, no prompt.
    assert.deepEqual((await uni(form, { scope: 'scope.userLocation' })).res.authSuccessScopes, ['auth_user']);
    assert.deepEqual((await uni(form, {})).res.authSuccessScopes, ['auth_base'], 'auth_base by default, silent');
    assert.deepEqual((await uni(form, { scope: 'auth_base' })).res.authSuccessScopes, ['auth_base']);
    assert.deepEqual((await uni(form, { scope: 'auth_zhima' })).res.authSuccessScopes, ['auth_zhima']);
    assert.deepEqual(prompt.requests.map((request) => request.scope), ['auth_user', 'auth_zhima']);
    const rejecting = await configure({ platform: 'alipay', prompt: scripted('reject') });
    assert.deepEqual(await uni(form, { scope: 'scope.camera' }), { ok: false, res: { error: 11, errorMessage: '用户取消授权' } });
    assert.equal(rejecting.stateOf('auth_user'), 'denied');
  });

  test(`bytedance: scope.writePhotosAlbum becomes scope.album [${form}]`, async () => {
    const auth = await configure({ platform: 'bytedance', prompt: scripted(['accept', 'reject']) });
    assert.deepEqual(await uni(form, { scope: 'scope.writePhotosAlbum' }), { ok: true, res: { errMsg: 'authorize:ok', data: { 'scope.album': 'ok' } } });
    assert.equal(auth.stateOf('scope.album'), 'granted');
    assert.deepEqual(await uni(form, { scope: 'scope.record' }), {
      ok: false,
      res: { errMsg: 'authorize:fail auth deny', errNo: 10200, data: { 'scope.record': 'auth deny' } },
    });
  });

  test(`baidu and kuaishou: scopes pass through [${form}]`, async () => {
    await configure({ platform: 'baidu', prompt: scripted('reject') });
    assert.deepEqual(await uni(form, { scope: 'scope.calendar' }), { ok: false, res: { errMsg: 'authorize:fail auth deny', errCode: 10003 } });
    await configure({ platform: 'kuaishou', permission: { 'scope.userLocation': { desc: 'Shops near you' } }, prompt: scripted('accept') });
    assert.deepEqual(await uni(form, { scope: 'scope.userLocationBackground' }), { ok: false, res: { errMsg: 'authorize:fail 小程序未在 AppConfig 中注册该权限' } });
    assert.deepEqual(await uni(form, { scope: 'scope.userLocation' }), { ok: true, res: { errMsg: 'authorize:ok' } });
  });
}

test('a wrong configure() rejects with createAuthorizer\'s Error, and so does authorize', async () => {
  await assert.rejects(configure({ platform: 'line' }), /option platform must be one of/);
  await assert.rejects(authorize({ scope: 'scope.camera' }), /option platform must be one of/);
  await assert.rejects(configure('wechat'), TypeError);
  const errorLog = console.error;
  const logged = [];
  console.error = (...args) => logged.push(args);
  try {
    let called = false;
    await authorize({ scope: 'scope.camera', complete: () => { called = true; } }).catch(() => {});
    await settle();
    assert.equal(called, false, 'no callback for a configuration error');
    assert.match(String(logged[0]?.[1]), /option platform/);
  } finally {
    console.error = errorLog;
  }
  const auth = await configure({});
  assert.equal(auth.platform, 'wechat');
});
