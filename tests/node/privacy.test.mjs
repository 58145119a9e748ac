// WeChat's privacy layer (issue 12): declaration, agreement, the app's listener and its resolve
// contract, the official pop-up (a host hook in Node) and its refusal gap, the agree button,
// persistence (IndexedDB, other tabs, reset), the mini game, getUserProfile and `baseLibrary`.
//   node --test tests/node/privacy.test.mjs
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { both, matrix, make, scripted, settle, delay, createAuthorizer, ok, fail, started } from './helpers.mjs';

const NOT_AUTHORIZED = (api) => ({ errMsg: `${api}:fail privacy permission is not authorized`, errno: 104 });
const NOT_DECLARED = (api) => ({ errMsg: `${api}:fail api scope is not declared in the privacy agreement`, errno: 112 });
const BUTTON_WRONG = (api) => ({ errMsg: `${api}:fail privacy permission is not authorized or buttonId is wrong`, errno: 104 });
const LOCATION_HOST = { getLocation: () => ({ latitude: 31.2, longitude: 121.5 }) };

/** An authorizer with the privacy layer on (memory storage, the scope prompt accepting). */
function makePrivate(privacy = { declared: ['location'] }, options = {}) {
  return make({ privacy, apis: { ...LOCATION_HOST, chooseImage: () => ({ tempFilePaths: ['a.png'] }) }, ...options });
}

/** Registers a listener that records its calls and hands out each resolve. */
function listen(auth) {
  const calls = [];
  auth.api.onNeedPrivacyAuthorization((resolve, eventInfo) => calls.push({ resolve, eventInfo }));
  return calls;
}

async function until(condition, what) {
  for (let i = 0; i < 200; i += 1) {
    if (condition()) return;
    await delay(5);
  }
  assert.fail(`timed out waiting for ${what}`);
}

let dbCounter = 0;
const freshDb = () => ({ factory: new IDBFactory(), name: `mpa-privacy-${process.pid}-${(dbCounter += 1)}` });
const openIn = (db, options) => createAuthorizer({
  appId: 'wx-private', userId: 'alice', storage: 'indexeddb', indexedDB: db.factory, IDBKeyRange, databaseName: db.name,
  permission: { 'scope.userLocation': { desc: 'Show shops near you' } }, prompt: () => 'accept', ...options,
});

// --- off unless configured, and by base library ------------------------------------------------

test('without a privacy configuration nothing changes: no privacy APIs, nothing intercepted', async () => {
  const { auth } = await make({ apis: LOCATION_HOST });
  for (const name of ['getPrivacySetting', 'requirePrivacyAuthorize', 'onNeedPrivacyAuthorization', 'openPrivacyContract', 'chooseImage']) {
    assert.equal(auth.api[name], undefined, name);
  }
  assert.equal(auth.privacy, null);
  assert.deepEqual(await auth.api.getLocation(), { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 });
  assert.equal(auth.baseLibrary, '3.17.0');
});

test('below base library 2.32.3 a privacy configuration is checked, then unused (no layer)', async () => {
  const { auth } = await makePrivate({ declared: ['camera'] }, { baseLibrary: '2.32.2' });
  assert.equal(auth.api.getPrivacySetting, undefined);
  assert.equal(auth.privacy, null);
  assert.deepEqual(await auth.api.getLocation(), { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 }, 'location not declared, not intercepted');
  await assert.rejects(createAuthorizer({ appId: 'x', baseLibrary: '2.32.2', privacy: { declared: ['nope'] } }), /privacy\.declared/);
});

test('baseLibrary gates getUserProfile (2.10.4) and its anonymising (2.27.1)', async () => {
  assert.equal((await make({ baseLibrary: '2.10.3' })).auth.api.getUserProfile, undefined);
  assert.equal(typeof (await make({ baseLibrary: '2.10.4' })).auth.api.getUserProfile, 'function');
  assert.equal((await make({ platform: 'wechat-minigame' })).auth.api.getUserProfile, undefined, 'not in the mini game');
  assert.equal((await make({ baseLibrary: '2.10.4' })).auth.baseLibrary, '2.10.4');
});

// --- declaration, agreement, the order of checks ----------------------------------------------

matrix('an undeclared kind is disabled with errno 112, even when the scope is granted', async ({ call, flavor }) => {
  const { auth, prompt } = await makePrivate({ declared: ['location'] }, { flavor });
  const calls = listen(auth);
  await auth.setState('scope.camera', 'granted');
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), { ok: false, res: NOT_DECLARED('authorize') });
  assert.equal(await started(auth.api.createVKSession({})), 112, 'a session\'s start: errno 112 as its status');
  assert.deepEqual(await call(auth.api.chooseImage, {}), { ok: false, res: NOT_DECLARED('chooseImage') });
  assert.equal(calls.length, 0, 'no privacy flow for an undeclared kind (112 before 104)');
  assert.equal(prompt.count, 0);
});

both('declared and not agreed: needAuthorization, the flow before the scope pop-up; agreed: the scope rule', async ({ call }) => {
  const { auth, prompt } = await makePrivate({ declared: ['location'], privacyContractName: '《Demo 小程序隐私保护指引》' });
  assert.deepEqual(await call(auth.api.getPrivacySetting, {}), ok('getPrivacySetting', { needAuthorization: true, privacyContractName: '《Demo 小程序隐私保护指引》' }));
  const calls = listen(auth);
  const pending = call(auth.api.getLocation, {});
  await until(() => calls.length === 1, 'the listener');
  assert.deepEqual(calls[0].eventInfo, { referrer: 'getLocation' });
  assert.equal(prompt.count, 0, 'the scope pop-up waits for the privacy agreement');
  await auth.privacy.tapAgreeButton('agree-btn');
  calls[0].resolve({ event: 'agree', buttonId: 'agree-btn' });
  assert.deepEqual(await pending, ok('getLocation', { latitude: 31.2, longitude: 121.5 }));
  assert.equal(prompt.count, 1, 'then the scope rule: never asked, the pop-up');
  assert.deepEqual(await call(auth.api.getPrivacySetting, {}), ok('getPrivacySetting', { needAuthorization: false, privacyContractName: '《Demo 小程序隐私保护指引》' }));
  assert.deepEqual(await call(auth.api.requirePrivacyAuthorize, {}), ok('requirePrivacyAuthorize'));
  assert.equal(calls.length, 1, 'agreed: no event');
  await auth.setState('scope.userLocation', 'denied');
  assert.deepEqual(await call(auth.api.getLocation, {}), fail('getLocation:fail auth deny'), 'agreed, then the scope rule as before');
});

both('authorize after the agreement goes on to the scope pop-up', async ({ call }) => {
  const privacyPrompt = scripted('agree');
  const { auth, prompt } = await makePrivate({ declared: ['camera'] }, { privacyPrompt });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'));
  assert.equal(privacyPrompt.requests[0].referrer, 'authorize');
  assert.equal(prompt.count, 1);
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  assert.deepEqual(await call(auth.authorize.bind(auth), { scope: 'scope.camera' }), ok('authorize'), 'then the hot path');
});

both('authorize of a personal-data scope is a privacy API; of others not', async ({ call }) => {
  const { auth } = await makePrivate({ declared: ['camera'] });
  const calls = listen(auth);
  const pending = call(auth.api.authorize, { scope: 'scope.camera' });
  await until(() => calls.length === 1, 'the listener');
  assert.deepEqual(calls[0].eventInfo, { referrer: 'authorize' });
  calls[0].resolve({ event: 'disagree' });
  assert.deepEqual(await pending, { ok: false, res: NOT_AUTHORIZED('authorize') });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.address' }), ok('authorize'), 'retired scope: no privacy API');
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.userInfo' }), fail('authorize:fail scope unauthorized'));
  assert.equal(calls.length, 1);
});

// --- the listener and resolve -----------------------------------------------------------------

both('resolve agree with a buttonId that was not tapped: 104 "or buttonId is wrong"', async ({ call }) => {
  const { auth } = await makePrivate();
  const calls = listen(auth);
  const pending = call(auth.api.getLocation, {});
  await until(() => calls.length === 1, 'the listener');
  await auth.privacy.tapAgreeButton('agree-btn');
  calls[0].resolve({ event: 'agree', buttonId: 'other-btn' });
  assert.deepEqual(await pending, { ok: false, res: BUTTON_WRONG('getLocation') });
  // A tap before the call began does not count for it either.
  const again = call(auth.api.requirePrivacyAuthorize, {});
  await settle();
  assert.deepEqual(await again, ok('requirePrivacyAuthorize'), 'the earlier tap recorded the agreement: no flow');
});

test('a tap made before the call began does not count for it', async () => {
  const db = freshDb();
  const a = await openIn(db, { privacy: { declared: ['location'] } });
  const b = await openIn(db, { privacy: { declared: ['location'] } });
  await a.privacy.tapAgreeButton('agree-btn');
  assert.equal(a.privacy.needAuthorization, false);
  await b.reset(); // deleted in another tab: the agreement is gone here too, the old tap is not
  await until(() => a.privacy.needAuthorization === true, 'the other tab');
  const calls = listen(a);
  const pending = a.api.requirePrivacyAuthorize();
  await until(() => calls.length === 1, 'the listener');
  calls[0].resolve({ event: 'agree', buttonId: 'agree-btn' });
  await assert.rejects(pending, BUTTON_WRONG('requirePrivacyAuthorize'));
  a.close();
  b.close();
});

both('disagree: the call fails with 104; the next call asks again', async ({ call }) => {
  const { auth } = await makePrivate();
  const calls = listen(auth);
  const first = call(auth.api.getLocation, {});
  await until(() => calls.length === 1, 'the listener');
  calls[0].resolve({ event: 'disagree' });
  assert.deepEqual(await first, { ok: false, res: NOT_AUTHORIZED('getLocation') });
  const second = call(auth.api.requirePrivacyAuthorize, {});
  await until(() => calls.length === 2, 'the listener again');
  assert.deepEqual(calls[1].eventInfo, { referrer: 'requirePrivacyAuthorize' });
  calls[1].resolve({ event: 'disagree' });
  assert.deepEqual(await second, { ok: false, res: NOT_AUTHORIZED('requirePrivacyAuthorize') });
});

both('exposureAuthorization then agree; later resolves are ignored; bad events are reported', async ({ call }) => {
  const { auth, errors } = await makePrivate();
  const calls = listen(auth);
  const pending = call(auth.api.getLocation, {});
  await until(() => calls.length === 1, 'the listener');
  calls[0].resolve({ event: 'exposureAuthorization' });
  calls[0].resolve({ event: 'maybe' });
  calls[0].resolve('agree');
  await settle();
  assert.equal(errors.length, 2, 'two resolves that are not the contract');
  await auth.privacy.tapAgreeButton('agree-btn');
  calls[0].resolve({ buttonId: 'agree-btn', event: 'agree' });
  calls[0].resolve({ event: 'disagree' });
  assert.deepEqual(await pending, ok('getLocation', { latitude: 31.2, longitude: 121.5 }));
});

test('only the last registered listener counts; several pending calls each get their resolve', async () => {
  const { auth, errors } = await makePrivate({ declared: ['location', 'album'] });
  const first = listen(auth);
  const last = listen(auth);
  auth.api.onNeedPrivacyAuthorization('not a function');
  const a = auth.api.getLocation();
  const b = auth.api.chooseImage();
  await until(() => last.length === 2, 'both calls');
  assert.equal(first.length, 0);
  assert.deepEqual(last.map((c) => c.eventInfo.referrer).sort(), ['chooseImage', 'getLocation']);
  await auth.privacy.tapAgreeButton('btn');
  for (const { resolve } of last) resolve({ event: 'agree', buttonId: 'btn' });
  assert.deepEqual(await a, { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 });
  assert.deepEqual(await b, { errMsg: 'chooseImage:ok', tempFilePaths: ['a.png'] });
  assert.equal(errors.length, 1, 'the non-function listener is reported');
});

test('a listener that throws fails the call (104) and is reported', async () => {
  const { auth, errors } = await makePrivate();
  auth.api.onNeedPrivacyAuthorization(() => { throw new Error('listener broke'); });
  await assert.rejects(auth.api.getLocation(), NOT_AUTHORIZED('getLocation'));
  assert.equal(errors[0].message, 'listener broke');
});

test('the agree button: its listeners hear the tap after the agreement is durable', async () => {
  const { auth } = await makePrivate();
  const heard = [];
  const off = auth.privacy.onAgreePrivacyAuthorization((detail) => heard.push([detail, auth.privacy.needAuthorization]));
  await auth.privacy.tapAgreeButton('agree-btn');
  off();
  await auth.privacy.tapAgreeButton('agree-btn');
  assert.deepEqual(heard, [[{ buttonId: 'agree-btn' }, false]]);
  assert.throws(() => auth.privacy.bindAgreeButton({}), TypeError);
  await assert.rejects(auth.privacy.tapAgreeButton(42), TypeError);
});

// --- no listener: the official pop-up (a host hook in Node) and its gap ------------------------

both('no listener: the privacyPrompt hook decides; agree proceeds', async ({ call }) => {
  const privacyPrompt = scripted('agree');
  const { auth } = await makePrivate({ declared: ['location'] }, { privacyPrompt });
  assert.deepEqual(await call(auth.api.getLocation, {}), ok('getLocation', { latitude: 31.2, longitude: 121.5 }));
  assert.equal(privacyPrompt.count, 1);
  const [request] = privacyPrompt.requests;
  assert.equal(request.referrer, 'getLocation');
  assert.equal(request.privacyContractName, '《wx-test小程序隐私保护指引》');
  assert.deepEqual(request.declared, [{ kind: 'location', label: 'Location', labelZh: '你的位置信息' }]);
  assert.equal(typeof request.openPrivacyContract, 'function');
  assert.deepEqual(await call(auth.api.getLocation, {}), ok('getLocation', { latitude: 31.2, longitude: 121.5 }));
  assert.equal(privacyPrompt.count, 1, 'agreed: no pop-up again');
});

both('no listener: a refusal in the pop-up, then 104 at once for 10 s, then the pop-up again', async ({ call }) => {
  mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  try {
    const privacyPrompt = scripted(['disagree', 'agree']);
    const { auth } = await makePrivate({ declared: ['location'] }, { privacyPrompt });
    assert.deepEqual(await call(auth.api.getLocation, {}), { ok: false, res: NOT_AUTHORIZED('getLocation') });
    mock.timers.tick(9_999);
    assert.deepEqual(await call(auth.api.requirePrivacyAuthorize, {}), { ok: false, res: NOT_AUTHORIZED('requirePrivacyAuthorize') });
    assert.equal(privacyPrompt.count, 1, 'no pop-up within the gap');
    mock.timers.tick(1);
    assert.deepEqual(await call(auth.api.requirePrivacyAuthorize, {}), ok('requirePrivacyAuthorize'));
    assert.equal(privacyPrompt.count, 2);
  } finally {
    mock.timers.reset();
  }
});

test('no listener and no privacyPrompt in Node: 104 and one error event saying what to pass', async () => {
  const { auth, errors } = await makePrivate();
  await assert.rejects(auth.api.getLocation(), NOT_AUTHORIZED('getLocation'));
  await assert.rejects(auth.api.getLocation(), NOT_AUTHORIZED('getLocation'));
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /privacyPrompt/);
});

test('the pop-up hook that throws, answers garbage or times out fails the call as a scope prompt would', async () => {
  let answer = () => { throw new Error('hook broke'); };
  const { auth } = await makePrivate(undefined, { privacyPrompt: (request) => answer(request), promptTimeout: 30 });
  await assert.rejects(auth.api.getLocation(), { errMsg: 'getLocation:fail prompt failed: hook broke' });
  answer = () => 'yes';
  await assert.rejects(auth.api.getLocation(), { errMsg: 'getLocation:fail invalid prompt answer: "yes"' });
  let signal;
  answer = (request) => { signal = request.signal; return new Promise(() => {}); };
  await assert.rejects(auth.api.getLocation(), { errMsg: 'getLocation:fail prompt timeout' });
  assert.equal(signal.aborted, true);
  assert.equal(auth.privacy.needAuthorization, true);
});

test('concurrent calls share one official pop-up', async () => {
  let release;
  const privacyPrompt = scripted(() => new Promise((resolve) => { release = resolve; }));
  const { auth } = await makePrivate({ declared: 'all' }, { privacyPrompt });
  const a = auth.api.getLocation();
  const b = auth.api.chooseImage();
  await until(() => release, 'the pop-up');
  release('agree');
  await Promise.all([a, b]);
  assert.equal(privacyPrompt.count, 1);
});

test('openPrivacyContract shows the contract through the privacyContract hook', async () => {
  const seen = [];
  const { auth } = await makePrivate({ declared: ['location', 'clipboard'], privacyContractName: '《Shop》' }, { privacyContract: (request) => seen.push(request) });
  assert.deepEqual(await auth.api.openPrivacyContract(), { errMsg: 'openPrivacyContract:ok' });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].privacyContractName, '《Shop》');
  assert.deepEqual(seen[0].declared.map((kind) => kind.kind), ['location', 'clipboard']);
  const { auth: bare } = await makePrivate();
  assert.deepEqual(await bare.api.openPrivacyContract({}), { errMsg: 'openPrivacyContract:ok' }, 'no hook in Node: nothing to show');
  await assert.rejects(bare.api.openPrivacyContract('x'), { errMsg: 'openPrivacyContract:fail parameter error: parameter should be Object instead of String;' });
});

both('privacy APIs without a scope run the host implementation after the agreement', async ({ call }) => {
  const { auth } = await makePrivate({ declared: 'all' }, { privacyPrompt: () => 'agree' });
  assert.deepEqual(await call(auth.api.chooseImage, { count: 1 }), ok('chooseImage', { tempFilePaths: ['a.png'] }));
  assert.deepEqual(await call(auth.api.getClipboardData, {}), fail('getClipboardData:fail not supported'));
});

// --- persistence: re-agreement, reset, other tabs ----------------------------------------------

test('the agreement is kept per app and user in IndexedDB; declaring a new kind asks again', async () => {
  const db = freshDb();
  const first = await openIn(db, { privacy: { declared: ['location'] }, privacyPrompt: () => 'agree' });
  await first.api.requirePrivacyAuthorize();
  first.close();
  const again = await openIn(db, { privacy: { declared: ['location'] } });
  assert.equal(again.privacy.needAuthorization, false, 'kept');
  assert.deepEqual(await again.api.requirePrivacyAuthorize(), { errMsg: 'requirePrivacyAuthorize:ok' });
  again.close();
  const bob = await openIn(db, { userId: 'bob', privacy: { declared: ['location'] } });
  assert.equal(bob.privacy.needAuthorization, true, 'per user');
  bob.close();
  const next = await openIn(db, { privacy: { declared: ['location', 'scope.camera'] } });
  assert.equal(next.privacy.needAuthorization, true, 'a new kind declared: asked again');
  await next.privacy.agree();
  next.close();
  const later = await openIn(db, { privacy: { declared: ['camera', 'location'] } });
  assert.equal(later.privacy.needAuthorization, false);
  // The records: decisions-shaped, under reserved keys no scope can have.
  const keys = await new Promise((resolve, reject) => {
    const request = db.factory.open(db.name);
    request.onsuccess = () => {
      const all = request.result.transaction('decisions').objectStore('decisions').getAllKeys();
      all.onsuccess = () => { resolve(all.result); request.result.close(); };
      all.onerror = reject;
    };
  });
  assert.deepEqual(keys.map((key) => key[2]).filter((scope) => scope.startsWith('#')).sort(), ['#privacy:camera', '#privacy:location']);
  later.close();
});

test('reset (deleting the mini program) forgets the agreement and the refusal gap', async () => {
  const db = freshDb();
  const privacyPrompt = scripted(['agree', 'disagree', 'agree']);
  const auth = await openIn(db, { privacy: { declared: 'all' }, privacyPrompt });
  await auth.api.requirePrivacyAuthorize();
  assert.equal(auth.privacy.needAuthorization, false);
  await auth.reset();
  assert.equal(auth.privacy.needAuthorization, true);
  await assert.rejects(auth.api.requirePrivacyAuthorize(), NOT_AUTHORIZED('requirePrivacyAuthorize'));
  await auth.reset();
  await auth.api.requirePrivacyAuthorize();
  assert.equal(privacyPrompt.count, 3, 'the gap was forgotten with the rest');
  auth.close();
  const reopened = await openIn(db, { privacy: { declared: 'all' } });
  assert.equal(reopened.privacy.needAuthorization, false);
  reopened.close();
});

test('another tab agreeing reaches this one', async () => {
  const db = freshDb();
  const changes = [];
  const a = await openIn(db, { privacy: { declared: ['location'] }, onChange: (change) => changes.push(change) });
  const b = await openIn(db, { privacy: { declared: ['location'] }, onChange: (change) => changes.push(change) });
  assert.equal(b.privacy.needAuthorization, true);
  await a.privacy.tapAgreeButton('agree');
  await until(() => b.privacy.needAuthorization === false, 'the other tab');
  assert.deepEqual(await b.api.getPrivacySetting(), { errMsg: 'getPrivacySetting:ok', needAuthorization: false, privacyContractName: '《wx-private小程序隐私保护指引》' });
  await a.reset();
  await until(() => b.privacy.needAuthorization === true, 'the reset in the other tab');
  assert.deepEqual(changes, [], 'the agreement is no scope: no change events, here or there');
  assert.equal(b.stateOf('#privacy:location'), 'prompt');
  assert.ok(!b.scopes.some(({ scope }) => scope.startsWith('#')), 'auth.scopes lists the platform\'s scopes only');
  assert.deepEqual((await b.api.getSetting()).authSetting, { 'scope.address': true, 'scope.invoice': true, 'scope.invoiceTitle': true });
  a.close();
  b.close();
});

test('a custom profile cannot name a scope with the reserved key', async () => {
  await assert.rejects(createAuthorizer({ appId: 'bn', platform: { name: 'bn', global: 'bn', scopes: [{ scope: '#privacy:location', label: 'x' }] } }), /reserved/);
});

// --- the mini game -----------------------------------------------------------------------------

test('mini game: resolve agree takes no buttonId but needs a user click first', async () => {
  const { auth } = await make({ platform: 'wechat-minigame', privacy: { declared: 'all' }, apis: LOCATION_HOST });
  const calls = listen(auth);
  const first = auth.api.getLocation();
  await until(() => calls.length === 1, 'the listener');
  calls[0].resolve({ event: 'agree' });
  await assert.rejects(first, { errMsg: 'getLocation:fail click action before resolve is needed', errno: 104 });
  const second = auth.api.getLocation();
  await until(() => calls.length === 2, 'the listener again');
  auth.privacy.click();
  calls[1].resolve({ event: 'agree' });
  assert.deepEqual(await second, { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 });
});

test('mini game: the official pop-up is the default; its gap is game.json\'s, at least 10 s', async () => {
  mock.timers.enable({ apis: ['Date'], now: 5_000_000 });
  try {
    const privacyPrompt = scripted(['disagree', 'agree']);
    const { auth } = await make({ platform: 'wechat-minigame', privacy: { declared: 'all', officialPrivacyAuthorizationShowingGap: 30 }, apis: LOCATION_HOST, privacyPrompt });
    await assert.rejects(auth.api.getLocation(), NOT_AUTHORIZED('getLocation'));
    mock.timers.tick(29_000);
    await assert.rejects(auth.api.getLocation(), { errMsg: 'getLocation:fail privacy permission is not authorized in gap', errno: 104 });
    mock.timers.tick(1_000);
    assert.deepEqual(await auth.api.getLocation(), { errMsg: 'getLocation:ok', latitude: 31.2, longitude: 121.5 });
    const { auth: short } = await make({ platform: 'wechat-minigame', privacy: { officialPrivacyAuthorizationShowingGap: 2 }, privacyPrompt: () => 'disagree' });
    await assert.rejects(short.api.requirePrivacyAuthorize(), NOT_AUTHORIZED('requirePrivacyAuthorize'));
    mock.timers.tick(9_000);
    await assert.rejects(short.api.requirePrivacyAuthorize(), { errMsg: 'requirePrivacyAuthorize:fail privacy permission is not authorized in gap', errno: 104 }, 'below 10 s is ignored');
  } finally {
    mock.timers.reset();
  }
});

// --- getUserProfile ----------------------------------------------------------------------------

both('getUserProfile: the pop-up on every call, no scope recorded, anonymised since 2.27.1', async ({ call }) => {
  const { auth, prompt, changes } = await make({ prompt: scripted('accept'), userInfo: { nickName: 'Alice', avatarUrl: 'https://example.com/a.png' } });
  const first = await call(auth.api.getUserProfile, { desc: 'Show your profile' });
  assert.equal(first.ok, true);
  assert.equal(first.res.errMsg, 'getUserProfile:ok');
  assert.equal(first.res.userInfo.nickName, '微信用户');
  assert.match(first.res.userInfo.avatarUrl, /^https:\/\/thirdwx\.qlogo\.cn\//);
  assert.equal(first.res.rawData, JSON.stringify(first.res.userInfo));
  for (const field of ['signature', 'encryptedData', 'iv']) assert.equal(typeof first.res[field], 'string', field);
  await call(auth.api.getUserProfile, { desc: 'Show your profile', lang: 'zh_CN' });
  assert.equal(prompt.count, 2, 'a pop-up every call');
  assert.deepEqual(prompt.requests[1], { appId: 'wx-test', appName: 'wx-test', platform: 'wechat', scope: 'scope.userInfo', label: 'User information', desc: 'Show your profile', api: 'getUserProfile' });
  assert.deepEqual(changes, [], 'no scope recorded');
  assert.equal(auth.stateOf('scope.userInfo'), 'prompt');
  const { auth: old } = await make({ baseLibrary: '2.27.0', userInfo: { nickName: 'Alice' } });
  assert.equal((await call(old.api.getUserProfile, { desc: 'Profile' })).res.userInfo.nickName, 'Alice');
});

both('getUserProfile: desc, tap and refusal wording', async ({ call }) => {
  const { auth } = await make({ prompt: scripted(['reject', 'dismiss']) });
  assert.deepEqual(await call(auth.api.getUserProfile, { desc: 'x'.repeat(31) }), fail('getUserProfile:fail desc length does not meet the requirements'));
  assert.deepEqual(await call(auth.api.getUserProfile, { desc: '' }), fail('getUserProfile:fail desc length does not meet the requirements'));
  assert.deepEqual(await call(auth.api.getUserProfile, {}), fail('getUserProfile:fail parameter error: parameter.desc should be String instead of Undefined;'));
  assert.equal((await call(auth.api.getUserProfile, { desc: '附'.repeat(30) })).res.errMsg, 'getUserProfile:fail auth deny');
  assert.deepEqual(await call(auth.api.getUserProfile, { desc: 'Profile' }), fail('getUserProfile:fail auth deny'), 'closing the pop-up refuses');
  // Outside a user tap (a page's navigator.userActivation says none).
  const saved = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
  Object.defineProperty(globalThis, 'navigator', { value: { userActivation: { isActive: false } }, configurable: true });
  try {
    assert.deepEqual(await call(auth.api.getUserProfile, { desc: 'Profile' }), fail('getUserProfile:fail can only be invoked by user TAP gesture.'));
  } finally {
    if (saved) Object.defineProperty(globalThis, 'navigator', saved);
    else delete globalThis.navigator;
  }
});

both('getUserProfile is a privacy API (nickname and avatar)', async ({ call }) => {
  const { auth, prompt } = await make({ privacy: { declared: ['location'] }, prompt: scripted('accept') });
  assert.deepEqual(await call(auth.api.getUserProfile, { desc: 'Profile' }), { ok: false, res: NOT_DECLARED('getUserProfile') });
  const { auth: declared } = await make({ privacy: { declared: ['userInfo'] }, privacyPrompt: () => 'agree', prompt });
  assert.equal((await call(declared.api.getUserProfile, { desc: 'Profile' })).res.errMsg, 'getUserProfile:ok');
});

// --- the permission entry the platform only warns about ----------------------------------------

test('a permission entry the platform ignores gives one warning, and the authorizer works', async () => {
  const errors = [];
  const auth = await createAuthorizer({
    appId: 'tt-app', platform: 'bytedance', storage: 'memory', prompt: () => 'accept', onError: (error) => errors.push(error),
    permission: { 'scope.userLocation': { desc: 'Find shops near you' } },
  });
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /^app\.json: permission\["scope\.userLocation"\] is not a scope that takes a usage description \(none does on bytedance\); the entry is ignored$/);
  assert.deepEqual(await auth.api.authorize({ scope: 'scope.userLocation' }), { errMsg: 'authorize:ok', data: { 'scope.userLocation': 'ok' } });
  const warned = [];
  await createAuthorizer({ appId: 'wx', permission: { 'scope.camera': { desc: 'Take photos' } }, onError: (error) => warned.push(error.message) });
  assert.equal(warned.length, 1);
  assert.match(warned[0], /permission\["scope\.camera"\].*these do: scope\.userLocation/);
});

test('install(target): the privacy check in front of the target\'s own privacy APIs', async () => {
  const { auth } = await make({ privacy: { declared: ['album'] }, privacyPrompt: scripted(['disagree', 'agree']) });
  const calls = [];
  const target = { chooseImage: (options) => { calls.push(options.count); options.success({ errMsg: 'chooseImage:ok', tempFilePaths: ['own.png'] }); } };
  const uninstall = auth.install(target);
  await assert.rejects(target.chooseImage({ count: 1 }), NOT_AUTHORIZED('chooseImage'));
  assert.deepEqual(calls, []);
  mock.timers.enable({ apis: ['Date'], now: Date.now() + 60_000 });
  try {
    assert.deepEqual(await target.chooseImage({ count: 2 }), { errMsg: 'chooseImage:ok', tempFilePaths: ['own.png'] });
  } finally {
    mock.timers.reset();
  }
  assert.deepEqual(calls, [2]);
  assert.equal(typeof target.getPrivacySetting, 'function');
  uninstall();
  assert.equal(target.getPrivacySetting, undefined);
});

test('auth.privacy for an emulator: kinds with their agreement, clear() withdraws it, onChange hears both tabs', async () => {
  const db = freshDb();
  const a = await openIn(db, { privacy: { declared: ['location', 'camera'] } });
  const b = await openIn(db, { privacy: { declared: ['location', 'camera'] } });
  const heardA = [];
  const heardB = [];
  a.privacy.onChange((change) => heardA.push(change));
  b.privacy.onChange((change) => heardB.push(change));
  assert.deepEqual(a.privacy.kinds.map(({ kind, agreed }) => [kind, agreed]), [['location', false], ['camera', false]]);

  await a.privacy.agree();
  assert.deepEqual(a.privacy.kinds.map(({ agreed }) => agreed), [true, true]);
  assert.deepEqual(heardA.map(({ kind, state, previous, source }) => [kind, state, previous, source]),
    [['location', 'granted', 'prompt', 'privacy'], ['camera', 'granted', 'prompt', 'privacy']]);
  await until(() => heardB.length === 2, 'the other tab hears the agreement');
  assert.ok(heardB.every(({ source, state }) => source === 'other-tab' && state === 'granted'));
  assert.equal(b.privacy.needAuthorization, false);

  await b.api.authorize({ scope: 'scope.userLocation' });
  await b.privacy.clear();
  assert.equal(b.privacy.needAuthorization, true);
  await until(() => a.privacy.kinds.every(({ agreed }) => !agreed), 'the other tab hears the withdrawal');
  assert.equal(a.privacy.needAuthorization, true);
  assert.equal(a.stateOf('scope.userLocation'), 'granted', 'scope decisions stay');
  assert.deepEqual(await a.api.getPrivacySetting(), { errMsg: 'getPrivacySetting:ok', needAuthorization: true, privacyContractName: '《wx-private小程序隐私保护指引》' });
  a.close();
  b.close();
});
