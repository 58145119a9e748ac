// Every platform of the seeds through createAuthorizer (issue 4): for each, its scope list, a grant,
// a rejection, sticky (or not) denial, dismissal, an unknown scope and its special rules, in both
// calling forms. The mini game's button, the @uni form and seed 002's custom profile have files of
// their own (user-info-button.test.mjs, uni.test.mjs, custom-profile.test.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { both, make, scripted } from './helpers.mjs';

const LOCATION_DESC = { 'scope.userLocation': { desc: 'Show shops near you' } };

/**
 * The WeChat-shaped platforms: how each answers. `fail(errMsg, scope, value)` adds the platform's
 * own fields to a failure (Baidu's errCode, ByteDance's errNo and per-scope data).
 */
const WECHAT_SHAPED = {
  'wechat-minigame': {
    global: 'wx',
    permission: LOCATION_DESC,
    scopes: ['scope.userInfo', 'scope.userLocation', 'scope.userFuzzyLocation', 'scope.werun', 'scope.record',
      'scope.writePhotosAlbum', 'scope.WxFriendInteraction', 'scope.gameClubData'],
    grant: 'scope.werun',
    reject: 'scope.record',
    gated: ['startRecord', 'startRecord:fail auth deny'],
    ok: () => ({}),
    fail: () => ({}),
  },
  kuaishou: {
    global: 'ks',
    permission: LOCATION_DESC,
    scopes: ['scope.userInfo', 'scope.userLocation', 'scope.userLocationBackground', 'scope.record',
      'scope.writePhotosAlbum', 'scope.camera'],
    grant: 'scope.camera',
    reject: 'scope.writePhotosAlbum',
    gated: ['saveImageToPhotosAlbum', 'saveImageToPhotosAlbum:fail auth deny'],
    ok: () => ({}),
    fail: () => ({}),
  },
  baidu: {
    global: 'swan',
    scopes: ['scope.userInfo', 'scope.userLocation', 'scope.writePhotosAlbum', 'scope.address', 'scope.invoiceTitle',
      'scope.record', 'scope.camera', 'scope.calendar'],
    grant: 'scope.calendar',
    reject: 'scope.camera',
    gated: ['scanCode', 'scanCode:fail auth deny'],
    ok: () => ({}),
    fail: (errMsg) => ({ errCode: { 'auth deny': 10003, 'auth cancel': 11003, 'invalid scope': 1001 }[reason(errMsg)] }),
  },
  bytedance: {
    global: 'tt',
    scopes: ['scope.userInfo', 'scope.userLocation', 'scope.record', 'scope.camera', 'scope.album', 'scope.address',
      'scope.calendar', 'scope.clipboard'],
    grant: 'scope.album',
    reject: 'scope.camera',
    gated: ['scanCode', 'scanCode:fail auth deny'],
    ok: (scope) => ({ data: { [scope]: 'ok' } }),
    fail: (errMsg, scope, api) => ({
      errNo: { 'auth deny': 10200, 'auth cancel': 10201, 'invalid scope': 20000 }[reason(errMsg)],
      ...(api === 'authorize' ? { data: { [scope]: reason(errMsg) === 'invalid scope' ? 'invalid scope' : 'auth deny' } } : {}),
    }),
  },
};

const reason = (errMsg) => errMsg.slice(errMsg.indexOf(':fail ') + 6);

for (const [platform, spec] of Object.entries(WECHAT_SHAPED)) {
  const open = (options = {}) => make({ platform, permission: spec.permission, ...options });
  const failure = (errMsg, scope, api = 'authorize') => ({ ok: false, res: { errMsg, ...spec.fail(errMsg, scope, api) } });

  test(`${platform}: its global and scope list`, async () => {
    const { auth } = await open();
    assert.equal(auth.platform, platform);
    assert.equal(auth.global, spec.global);
    assert.deepEqual(auth.scopes.map((scope) => scope.scope), spec.scopes);
    for (const name of ['authorize', 'getSetting', 'openSetting', spec.gated[0]]) assert.equal(typeof auth.api[name], 'function', name);
  });

  both(`${platform}: a grant, then no prompt`, async ({ call }) => {
    const { auth, prompt } = await open();
    const scope = spec.grant;
    assert.deepEqual(await call(auth.api.authorize, { scope }), { ok: true, res: { errMsg: 'authorize:ok', ...spec.ok(scope) } });
    assert.deepEqual(await call(auth.api.authorize, { scope }), { ok: true, res: { errMsg: 'authorize:ok', ...spec.ok(scope) } });
    assert.equal(prompt.count, 1);
    assert.equal(prompt.requests[0].platform, platform);
    assert.equal(auth.stateOf(scope), 'granted');
  });

  both(`${platform}: a rejection is sticky, for authorize and the gated API`, async ({ call }) => {
    const { auth, prompt } = await open({ prompt: scripted('reject') });
    const scope = spec.reject;
    const deny = failure('authorize:fail auth deny', scope);
    assert.deepEqual(await call(auth.api.authorize, { scope }), deny);
    assert.deepEqual(await call(auth.api.authorize, { scope }), deny, 'denied before: the same answer');
    const [api, errMsg] = spec.gated;
    assert.deepEqual(await call(auth.api[api], {}), failure(errMsg, scope, api));
    assert.equal(prompt.count, 1, 'one prompt only');
    const { authSetting } = await auth.api.getSetting();
    assert.equal(authSetting[scope], false);
  });

  both(`${platform}: a dismissal records nothing`, async ({ call }) => {
    const { auth, prompt } = await open({ prompt: scripted('dismiss') });
    const scope = spec.grant;
    assert.deepEqual(await call(auth.api.authorize, { scope }), failure('authorize:fail auth cancel', scope));
    assert.equal(auth.stateOf(scope), 'prompt');
    assert.equal((await auth.api.getSetting()).authSetting[scope], undefined);
    await call(auth.api.authorize, { scope });
    assert.equal(prompt.count, 2, 'asked again');
  });

  both(`${platform}: an unknown scope`, async ({ call }) => {
    const { auth, prompt } = await open();
    // Another platform's spelling is unknown here too.
    const foreign = platform === 'bytedance' ? 'scope.writePhotosAlbum' : 'scope.album';
    for (const scope of ['scope.teleport', foreign]) {
      assert.deepEqual(await call(auth.api.authorize, { scope }), failure('authorize:fail invalid scope', scope));
    }
    assert.equal(prompt.count, 0);
  });
}

// --- special rules ---------------------------------------------------------------------------

both('wechat-minigame: authorize never prompts for scope.userInfo', async ({ call }) => {
  const { auth, prompt } = await make({ platform: 'wechat-minigame', permission: LOCATION_DESC });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.userInfo' }), { ok: false, res: { errMsg: 'authorize:fail scope unauthorized' } });
  assert.deepEqual(await call(auth.api.getUserInfo, {}), { ok: false, res: { errMsg: 'getUserInfo:fail scope unauthorized' } });
  assert.equal(prompt.count, 0);
  assert.equal(typeof auth.api.createUserInfoButton, 'function');
});

test('wechat-minigame: location takes the permission desc (game.json)', async () => {
  const { auth } = await make({ platform: 'wechat-minigame', permission: undefined });
  await assert.rejects(auth.api.authorize({ scope: 'scope.userLocation' }), { errMsg: 'authorize:fail require permission desc' });
});

test('only the mini game has createUserInfoButton', async () => {
  for (const platform of ['wechat', 'alipay', 'bytedance', 'baidu', 'kuaishou']) {
    const { auth } = await make({ platform, permission: undefined });
    assert.equal(auth.api.createUserInfoButton, undefined, platform);
  }
});

both('bytedance: success carries data, scopes can be comma-separated', async ({ call }) => {
  const { auth, prompt } = await make({ platform: 'bytedance', permission: undefined, prompt: scripted(['accept', 'reject']) });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.album,scope.record,scope.nope' }), {
    ok: false,
    res: { errMsg: 'authorize:fail', errNo: 10200, data: { 'scope.album': 'ok', 'scope.record': 'auth deny', 'scope.nope': 'invalid scope' } },
  });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.album,scope.userInfo' }), {
    ok: false,
    res: { errMsg: 'authorize:fail', errNo: 10200, data: { 'scope.album': 'ok', 'scope.userInfo': 'auth deny' } },
  });
  assert.equal(prompt.count, 3);
  const { auth: again } = await make({ platform: 'bytedance', permission: undefined });
  assert.deepEqual(await call(again.api.authorize, { scope: 'scope.album,scope.camera' }), {
    ok: true,
    res: { errMsg: 'authorize:ok', data: { 'scope.album': 'ok', 'scope.camera': 'ok' } },
  });
});

both('bytedance: scope.album gates saving to the album', async ({ call }) => {
  const saved = [];
  const { auth } = await make({
    platform: 'bytedance',
    permission: undefined,
    apis: { saveImageToPhotosAlbum: (options) => { saved.push(options.filePath); return {}; } },
  });
  assert.deepEqual(await call(auth.api.saveImageToPhotosAlbum, { filePath: 'a.png' }), { ok: true, res: { errMsg: 'saveImageToPhotosAlbum:ok' } });
  assert.deepEqual(saved, ['a.png']);
  assert.equal(auth.stateOf('scope.album'), 'granted');
  assert.deepEqual((await auth.api.getSetting()).authSetting, { 'scope.album': true });
});

both('baidu: errCode 10003 on a refusal, gated APIs too; scope.calendar', async ({ call }) => {
  const { auth } = await make({ platform: 'baidu', permission: undefined, prompt: scripted('reject') });
  assert.deepEqual(await call(auth.api.addEventOnCalendar, {}), { ok: false, res: { errMsg: 'addEventOnCalendar:fail auth deny', errCode: 10003 } });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.calendar' }), { ok: false, res: { errMsg: 'authorize:fail auth deny', errCode: 10003 } });
  assert.deepEqual((await auth.api.getSetting()).authSetting, { 'scope.calendar': false });
});

both('baidu: a parameter error is errCode 1001', async ({ call }) => {
  const { auth } = await make({ platform: 'baidu', permission: undefined });
  assert.deepEqual(await call(auth.api.authorize, { scope: 42 }), {
    ok: false,
    res: { errMsg: 'authorize:fail parameter error: parameter.scope should be String instead of Number;', errCode: 1001 },
  });
});

both('kuaishou: its own subset and its own words for an undeclared location scope', async ({ call }) => {
  const { auth } = await make({ platform: 'kuaishou', permission: undefined });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.userLocation' }), { ok: false, res: { errMsg: 'authorize:fail 小程序未在 AppConfig 中注册该权限' } });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.werun' }), { ok: false, res: { errMsg: 'authorize:fail invalid scope' } });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.userInfo' }), { ok: true, res: { errMsg: 'authorize:ok' } }, 'userInfo prompts on Kuaishou');
});

test('the Android flavor is WeChat\'s only', async () => {
  const { auth } = await make({ platform: 'baidu', permission: undefined, flavor: 'android', prompt: scripted('reject') });
  await assert.rejects(auth.api.authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:fail auth deny', errCode: 10003 });
});

// --- Alipay ------------------------------------------------------------------------------------

const AUTH_CODE = /^[0-9a-f]{32}$/;

function alipay(options = {}) {
  return make({ platform: 'alipay', permission: undefined, ...options });
}

test('alipay: its global, scopes without the scope. prefix, getAuthCode instead of authorize', async () => {
  const { auth } = await alipay();
  assert.equal(auth.global, 'my');
  const scopes = auth.scopes.map((scope) => scope.scope);
  for (const key of ['auth_base', 'auth_user', 'auth_zhima', 'location', 'album', 'camera', 'userInfo', 'audioRecord', 'writePhotosAlbum']) {
    assert.ok(scopes.includes(key), key);
  }
  assert.ok(scopes.every((key) => !key.startsWith('scope.')));
  assert.equal(auth.api.authorize, undefined);
  for (const name of ['getAuthCode', 'getSetting', 'openSetting', 'getLocation', 'getOpenUserInfo']) assert.equal(typeof auth.api[name], 'function', name);
});

both('alipay: auth_base is silent and the default', async ({ call }) => {
  const { auth, prompt } = await alipay();
  for (const options of [{}, { scopes: 'auth_base' }, { scopes: ['auth_base'] }]) {
    const { ok, res } = await call(auth.api.getAuthCode, options);
    assert.equal(ok, true);
    assert.match(res.authCode, AUTH_CODE);
    assert.deepEqual({ ...res, authCode: 'x' }, { authCode: 'x', authSuccessScopes: ['auth_base'], authErrorScopes: {} });
  }
  assert.equal(prompt.count, 0);
});

both('alipay: auth_user and auth_zhima prompt, one prompt per scope, in order; a fresh code each time', async ({ call }) => {
  const { auth, prompt } = await alipay();
  const first = await call(auth.api.getAuthCode, { scopes: ['auth_base', 'auth_user', 'auth_zhima'] });
  assert.equal(first.ok, true);
  assert.deepEqual(first.res.authSuccessScopes, ['auth_base', 'auth_user', 'auth_zhima']);
  assert.deepEqual(prompt.requests.map((request) => [request.scope, request.api]), [['auth_user', 'getAuthCode'], ['auth_zhima', 'getAuthCode']]);
  const second = await call(auth.api.getAuthCode, { scopes: 'auth_user' });
  assert.equal(prompt.count, 2, 'a grant is remembered');
  assert.notEqual(second.res.authCode, first.res.authCode);
  assert.deepEqual((await auth.api.getSetting()).authSetting, {}, 'getAuthCode grants are not in my.getSetting');
});

both('alipay: a rejection is error 11, and not sticky by default', async ({ call }) => {
  const { auth, prompt } = await alipay({ prompt: scripted('reject') });
  const rejected = { ok: false, res: { error: 11, errorMessage: '用户取消授权' } };
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: 'auth_user' }), rejected);
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: 'auth_user' }), rejected);
  assert.equal(prompt.count, 2, 'asked again');
  assert.equal(auth.stateOf('auth_user'), 'denied');
});

both('alipay: stickyDenial remembers a rejection', async ({ call }) => {
  const { auth, prompt } = await alipay({ stickyDenial: true, prompt: scripted('reject') });
  const rejected = { ok: false, res: { error: 11, errorMessage: '用户取消授权' } };
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: 'auth_zhima' }), rejected);
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: 'auth_zhima' }), rejected);
  assert.equal(prompt.count, 1);
});

both('alipay: all or nothing; the first rejection ends the call', async ({ call }) => {
  const { auth, prompt } = await alipay({ prompt: scripted('reject') });
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: ['auth_base', 'auth_user', 'auth_zhima'] }), { ok: false, res: { error: 11, errorMessage: '用户取消授权' } });
  assert.deepEqual(prompt.requests.map((request) => request.scope), ['auth_user']);
});

both('alipay: a dismissal is error 3 and records nothing', async ({ call }) => {
  const { auth } = await alipay({ prompt: scripted('dismiss') });
  assert.deepEqual(await call(auth.api.getAuthCode, { scopes: 'auth_user' }), { ok: false, res: { error: 3, errorMessage: '未找到授权结果' } });
  assert.equal(auth.stateOf('auth_user'), 'prompt');
});

both('alipay: an unknown scope, or a device permission, is error 3 before any prompt', async ({ call }) => {
  const { auth, prompt } = await alipay();
  for (const scopes of ['auth_teleport', ['auth_user', 'nope'], 'location', 'scope.userInfo', []]) {
    assert.deepEqual(await call(auth.api.getAuthCode, { scopes }), { ok: false, res: { error: 3, errorMessage: '未找到授权结果' } }, JSON.stringify(scopes));
  }
  assert.equal(prompt.count, 0);
});

both('alipay: bad scopes are a parameter error (error 2)', async ({ call }) => {
  const { auth } = await alipay();
  const { ok, res } = await call(auth.api.getAuthCode, { scopes: 42 });
  assert.equal(ok, false);
  assert.equal(res.error, 2);
  assert.match(res.errorMessage, /^无效 API 入参: parameter\.scopes should be String\/Array instead of Number;$/);
});

both('alipay: a gated getLocation refusal is error 2001 and prompts again next time', async ({ call }) => {
  const located = [];
  const { auth, prompt } = await alipay({
    prompt: scripted(['reject', 'dismiss', 'accept']),
    apis: { getLocation: () => { located.push(1); return { latitude: 30.27, longitude: 120.15 }; } },
  });
  const refused = { ok: false, res: { error: 2001, errorMessage: '用户不允许授权' } };
  assert.deepEqual(await call(auth.api.getLocation, {}), refused);
  assert.deepEqual((await auth.api.getSetting()).authSetting, { location: false });
  assert.deepEqual(await call(auth.api.getLocation, {}), refused, 'closing the pop-up is a refusal too');
  assert.deepEqual(await call(auth.api.getLocation, {}), { ok: true, res: { latitude: 30.27, longitude: 120.15 } });
  assert.equal(prompt.count, 3);
  assert.deepEqual(located, [1]);
  assert.deepEqual((await auth.api.getSetting()).authSetting, { location: true });
});

both('alipay: with stickyDenial a refusal is 2003, then 2002 without a prompt', async ({ call }) => {
  const { auth, prompt } = await alipay({ stickyDenial: true, prompt: scripted('reject') });
  assert.deepEqual(await call(auth.api.getLocation, {}), { ok: false, res: { error: 2003, errorMessage: '用户勾选了不允许授权选项' } });
  assert.deepEqual(await call(auth.api.getLocation, {}), { ok: false, res: { error: 2002, errorMessage: '用户不允许授权' } });
  assert.equal(prompt.count, 1);
});

test('alipay: openSetting shows device permissions only, keys without the prefix', async () => {
  const seen = [];
  const { auth } = await alipay({
    prompt: scripted('reject'),
    settings: (request) => { seen.push(request.scopes.map((row) => row.scope)); return { location: true }; },
  });
  await auth.api.getAuthCode({ scopes: 'auth_user' }).catch(() => {});
  await auth.api.getLocation().catch(() => {});
  const opened = await auth.api.openSetting();
  assert.deepEqual(seen, [['location']]);
  assert.deepEqual(opened, { authSetting: { location: true } });
  assert.deepEqual(await auth.api.getSetting(), { authSetting: { location: true } });
});

test('alipay: Authorizer#authorize is getAuthCode, and takes { scope } as well', async () => {
  const { auth } = await alipay();
  const res = await auth.authorize({ scope: 'auth_user' });
  assert.deepEqual(res.authSuccessScopes, ['auth_user']);
});
