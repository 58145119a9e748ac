// The guest boundary in Node (pkg/host.js, pkg/guest.js): a guest's `wx` over a MessagePort gives
// what the same-page facade gives, on every platform; the host refuses what a hostile guest sends
// and stays healthy; a closed host fails every call once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { createAuthorizer, settle, delay } from './helpers.mjs';
import { exposeAuthorizer } from '../../pkg/host.js';
import { connect } from '../../pkg/guest.js';
import { HANDSHAKE, CALL, BUTTON, BUTTON_OP, LISTEN, INVOKE, REPLY, HELLO, SESSION, SESSION_OP } from '../../pkg/boundary.js';
import { describeForCalls, hostOptions, runCalls } from '../support/boundary-calls.mjs';

const PERMISSION = { 'scope.userLocation': { desc: 'Show shops near you' }, 'scope.userFuzzyLocation': { desc: 'Your city' } };
const PLATFORMS = ['wechat', 'wechat-minigame', 'alipay', 'bytedance', 'baidu', 'kuaishou',
  { name: 'bn', global: 'bn', base: 'wechat', scopes: ['scope.userLocation', 'scope.writePhotosAlbum', 'scope.camera'] }];

// Every port and handle a test opened, closed at the end: an open port keeps Node's loop alive.
const opened = [];
after(() => {
  for (const item of opened) item.close();
});

/** The location descs where the platform takes them (only some do). */
async function permissionFor(platform) {
  for (const permission of [PERMISSION, { 'scope.userLocation': PERMISSION['scope.userLocation'] }]) {
    try {
      (await createAuthorizer({ appId: 'probe', platform, storage: 'memory', permission })).close();
      return permission;
    } catch {
      // not a scope of this platform that takes one
    }
  }
  return undefined;
}

/** A host authorizer exposed on one end of a MessageChannel, and the guest's global on the other. */
async function pair(options = {}, expose = {}) {
  const permission = await permissionFor(options.platform ?? 'wechat');
  const auth = await createAuthorizer({ appId: 'wx-boundary', storage: 'memory', permission, prompt: () => 'accept', ...options });
  const { port1, port2 } = new MessageChannel();
  const rejected = [];
  const handle = exposeAuthorizer(auth, port1, { onReject: (event) => rejected.push(event), ...expose });
  opened.push(handle, port1, port2);
  const wx = await connect({ port: port2, install: false });
  return { auth, handle, wx, rejected, port1, port2 };
}

/** A raw port to the host, speaking the protocol by hand as a hostile guest would. */
async function raw(options = {}, expose = {}) {
  const prompts = [];
  const auth = await createAuthorizer({
    appId: 'wx-hostile', storage: 'memory', permission: await permissionFor(options.platform ?? 'wechat'),
    prompt: (request) => { prompts.push(request.scope); return 'dismiss'; },
    apis: { getLocation: () => ({ latitude: 31.2 }) },
    ...options,
  });
  const { port1, port2 } = new MessageChannel();
  const rejected = [];
  const handle = exposeAuthorizer(auth, port1, { onReject: (event) => rejected.push(event), ...expose });
  opened.push(handle, port1, port2);
  const inbox = [];
  port2.addEventListener('message', ({ data }) => inbox.push(data));
  port2.start();
  await settle();
  const replyTo = async (id) => {
    for (let i = 0; i < 200 && !inbox.some((m) => m.t === REPLY && m.id === id); i += 1) await delay(2);
    return inbox.find((m) => m.t === REPLY && m.id === id);
  };
  return { auth, handle, port: port2, inbox, rejected, prompts, replyTo };
}

for (const platform of PLATFORMS) {
  const name = typeof platform === 'string' ? platform : 'custom bn';
  test(`equivalence (${name}): the same call list gives the same records same-page and through the boundary`, async () => {
    const base = { appId: 'wx-same', platform, permission: await permissionFor(platform) };
    const probe = await createAuthorizer({ ...base, storage: 'memory' });
    const description = describeForCalls(probe);
    const same = await createAuthorizer({ ...base, ...hostOptions(description) });
    const host = await createAuthorizer({ ...base, ...hostOptions(description) });
    const { port1, port2 } = new MessageChannel();
    const handle = exposeAuthorizer(host, port1);
    const guest = await connect({ port: port2, install: false });
    assert.deepEqual(Object.keys(guest).sort(), Object.keys(same.api).sort(), 'every method of auth.api');
    const expected = await runCalls(same.api, description);
    const actual = await runCalls(guest, description);
    assert.ok(expected.length > 60);
    assert.deepStrictEqual(actual, expected);
    assert.ok(expected.filter((line) => line.includes(': ok {') || line.includes(' success+complete ')).length > 10, 'many calls succeeded');
    assert.ok(expected.filter((line) => line.includes(': fail {') || line.includes(' fail+complete ')).length > 10, 'many calls failed');
    handle.close();
  });
}

test('connect installs the global under the platform\'s name; Promise form rejects with the fail object', async () => {
  const auth = await createAuthorizer({ appId: 'a', platform: 'alipay', storage: 'memory', prompt: () => 'reject' });
  const { port1, port2 } = new MessageChannel();
  const handle = exposeAuthorizer(auth, port1);
  const my = await connect({ port: port2 });
  assert.equal(globalThis.my, my);
  await assert.rejects(my.getAuthCode({ scopes: 'auth_user' }), (res) => !(res instanceof Error) && res.error === 11);
  delete globalThis.my;
  handle.close();
});

test('the host closes: pending and later calls fail once with <api>:fail host closed, in both forms', async () => {
  let answer;
  const { auth, handle, wx } = await pair({ prompt: () => new Promise((resolve) => { answer = resolve; }), promptTimeout: 300 });
  const pendingPromise = wx.authorize({ scope: 'scope.camera' });
  const events = [];
  wx.authorize({ scope: 'scope.record', success: (r) => events.push(['success', r]), fail: (r) => events.push(['fail', r]), complete: (r) => events.push(['complete', r]) });
  await delay(10);
  handle.close();
  await assert.rejects(pendingPromise, { errMsg: 'authorize:fail host closed' });
  await assert.rejects(wx.getSetting(), { errMsg: 'getSetting:fail host closed' });
  const later = [];
  assert.equal(wx.getLocation({ complete: (r) => later.push(r) }), undefined);
  answer('accept');
  await delay(20);
  assert.deepEqual(events.map(([kind, r]) => [kind, r.errMsg]), [['fail', 'authorize:fail host closed'], ['complete', 'authorize:fail host closed']]);
  assert.deepEqual(later, [{ errMsg: 'getLocation:fail host closed' }]);
  assert.equal(auth.stateOf('scope.record'), 'prompt', 'nothing recorded for the closed guest\'s second call');
});

test('style of the boundary\'s own failures follows the platform (Baidu errCode, ByteDance errNo, Alipay error)', async () => {
  for (const [platform, expected] of [
    ['baidu', { errMsg: 'getSetting:fail host closed', errCode: 10001 }],
    ['bytedance', { errMsg: 'getSetting:fail host closed', errNo: 21100 }],
    ['alipay', { error: 3, errorMessage: 'host closed' }],
  ]) {
    const { handle, wx } = await pair({ platform });
    handle.close();
    await assert.rejects(wx.getSetting(), (res) => { assert.deepStrictEqual(res, expected); return true; });
  }
});

test('hostile messages: unknown methods, forged kinds, bad ids, ports, holes posing as callbacks are refused; nothing is granted', async () => {
  const { auth, port, inbox, rejected, prompts, replyTo } = await raw();
  const { port1: spare, port2: spareEnd } = new MessageChannel();
  opened.push(spareEnd);
  port.postMessage({ t: CALL, id: 1, m: 'setState', a: 'scope.camera' });
  port.postMessage({ t: CALL, id: 2, m: 'reset' });
  port.postMessage({ t: CALL, id: 3, m: '__proto__', a: {} });
  port.postMessage({ t: CALL, id: 4, m: 'constructor', a: {} });
  port.postMessage({ t: REPLY, id: 5, ok: true, r: { errMsg: 'authorize:ok' } });
  port.postMessage({ t: HELLO, calls: ['setState'] });
  port.postMessage({ t: CALL, id: -1, m: 'authorize', a: { scope: 'scope.camera' } });
  port.postMessage({ t: CALL, id: 'x', m: 'authorize', a: { scope: 'scope.camera' } });
  port.postMessage({ t: CALL, id: 6, m: 'authorize', a: { scope: 'scope.camera' } }, [spare]);
  port.postMessage({ t: CALL, id: 7, m: 'getLocation', a: {}, h: { success: 'Function' } });
  port.postMessage({ t: CALL, id: 8, m: 'getLocation', a: {}, h: JSON.parse('{"__proto__":"Function"}') });
  port.postMessage({ t: CALL, id: 9, m: 'getLocation', a: {}, h: 'State' });
  port.postMessage({ t: CALL, id: 10, m: 'authorize', a: { scope: 'scope.camera', state: 'granted', granted: true } });
  port.postMessage({ t: INVOKE, id: 1, a: [{ event: 'agree' }] });
  port.postMessage({ t: LISTEN, m: 'onChange' });
  port.postMessage({ [HANDSHAKE]: 'ready' });
  port.postMessage('authorize');
  port.postMessage(null);
  port.postMessage({ t: BUTTON, id: 1, a: { type: 'text', style: {} } });
  port.postMessage({ t: BUTTON_OP, id: 1, op: 'tap' });
  for (const id of [1, 2, 3, 4]) assert.deepStrictEqual((await replyTo(id)).r, { errMsg: `call:fail not supported` });
  assert.equal(inbox.some((m) => m.id === 5 && m.t === REPLY), false, 'a forged reply is not echoed');
  assert.deepStrictEqual((await replyTo(7)).r, { errMsg: 'getLocation:fail message malformed' });
  assert.deepStrictEqual((await replyTo(8)).r, { errMsg: 'getLocation:fail message malformed' });
  assert.deepStrictEqual((await replyTo(9)).r, { errMsg: 'getLocation:fail message malformed' });
  assert.deepStrictEqual((await replyTo(10)).r, { errMsg: 'authorize:fail auth cancel' }, 'a scope state in the message means nothing: the prompt ran (dismissed)');
  assert.equal(await replyTo(6), undefined, 'a message carrying ports is dropped');
  assert.ok(rejected.some((r) => r.reason === 'ports refused'));
  assert.ok(rejected.filter((r) => r.reason === 'message malformed').length >= 8);
  assert.deepEqual(prompts, ['scope.camera']);
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepStrictEqual((await auth.getSetting()).authSetting, { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true });
});

test('hostile payloads: huge strings, deep nesting, many nodes, non-plain data are refused in the fail form', async () => {
  const { auth, port, replyTo, prompts } = await raw({ platform: 'baidu' });
  const deep = {};
  let cursor = deep;
  for (let i = 0; i < 100; i += 1) cursor = (cursor.next = {});
  port.postMessage({ t: CALL, id: 1, m: 'authorize', a: { scope: 'scope.camera', pad: 'x'.repeat(2_000_000) } });
  port.postMessage({ t: CALL, id: 2, m: 'authorize', a: { scope: 'scope.camera', deep } });
  port.postMessage({ t: CALL, id: 3, m: 'authorize', a: { scope: 'scope.camera', many: Array.from({ length: 20_000 }, () => ({})) } });
  port.postMessage({ t: CALL, id: 4, m: 'authorize', a: { scope: 'scope.camera', map: new Map([[1, 2]]) } });
  port.postMessage({ t: CALL, id: 5, m: 'authorize', a: { scope: 'scope.camera', big: new Uint8Array(1_000_000) } });
  port.postMessage({ t: CALL, id: 6, m: 'authorize', a: { scope: 'scope.camera', n: 2n ** 100000n } });
  const expected = {
    1: 'message too large', 2: 'message too deep', 3: 'message too large', 4: 'message not plain data', 5: 'message too large', 6: 'message too large',
  };
  for (const [id, reason] of Object.entries(expected)) {
    assert.deepStrictEqual((await replyTo(Number(id))).r, { errMsg: `authorize:fail ${reason}`, errCode: 10001 });
  }
  const cyclic = { scope: 'scope.camera' };
  cyclic.self = cyclic;
  port.postMessage({ t: CALL, id: 7, m: 'authorize', a: cyclic });
  assert.equal((await replyTo(7)).r.errMsg, 'authorize:fail auth cancel', 'a cycle is data: it counts once');
  assert.deepEqual(prompts, ['scope.camera']);
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
});

test('flooding: past the rate the host answers "too many calls" at once, then recovers; pending calls are capped', async () => {
  const { auth, port, inbox, replyTo } = await raw({ prompt: () => new Promise(() => {}), promptTimeout: 300 }, { rate: 1000, burst: 100, maxPending: 10 });
  for (let id = 1; id <= 5000; id += 1) port.postMessage({ t: CALL, id, m: 'getSetting' });
  await replyTo(5000);
  const replies = inbox.filter((m) => m.t === REPLY);
  assert.equal(replies.length, 5000, 'every call answered once');
  const refused = replies.filter((m) => !m.ok);
  assert.ok(refused.length > 4000, `most of the flood refused (${refused.length})`);
  assert.deepStrictEqual(refused[0].r, { errMsg: 'getSetting:fail too many calls' });
  await delay(150);
  port.postMessage({ t: CALL, id: 9001, m: 'getSetting' });
  assert.equal((await replyTo(9001)).ok, true, 'the host recovered');
  // Calls left waiting on a prompt that never answers: the eleventh is refused.
  for (let id = 10_001; id <= 10_011; id += 1) port.postMessage({ t: CALL, id, m: 'authorize', a: { scope: 'scope.camera' } });
  assert.deepStrictEqual((await replyTo(10_011)).r, { errMsg: 'authorize:fail too many calls' });
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
});

test('the mini game\'s button: the host makes it, only the host-side tap prompts, the result reaches the guest', async () => {
  let prompts = 0;
  const { auth, handle, wx } = await pair({ platform: 'wechat-minigame', permission: undefined, userInfo: { nickName: 'Ann' }, prompt: () => { prompts += 1; return 'accept'; } });
  const sameAuth = await createAuthorizer({ appId: 'wx-boundary', platform: 'wechat-minigame', storage: 'memory', userInfo: { nickName: 'Ann' }, prompt: () => 'accept' });
  const STYLE = { left: 1, top: 2, width: 100, height: 40 };
  assert.throws(() => wx.createUserInfoButton({ type: 'text' }), { message: 'createUserInfoButton:fail parameter error: parameter.style should be Object instead of Undefined;' });
  assert.throws(() => sameAuth.api.createUserInfoButton({ type: 'text' }), { message: 'createUserInfoButton:fail parameter error: parameter.style should be Object instead of Undefined;' });
  const button = wx.createUserInfoButton({ type: 'text', text: 'Log in', style: STYLE });
  assert.equal(button.element, null);
  const heard = [];
  button.onTap((res) => heard.push(res));
  assert.equal(await button.tap(), undefined, 'the guest cannot tap for the user');
  await settle();
  assert.equal(prompts, 0);
  assert.equal(handle.buttons.length, 1);
  assert.equal(handle.buttons[0].text, 'Log in');
  const result = await handle.buttons[0].tap();
  await settle();
  assert.equal(prompts, 1);
  assert.deepStrictEqual(heard, [result]);
  const expected = await sameAuth.api.createUserInfoButton({ type: 'text', style: STYLE }).tap();
  assert.deepStrictEqual(heard[0], expected, 'the same result as same-page');
  assert.equal(auth.stateOf('scope.userInfo'), 'granted');
  button.destroy();
  await settle();
  assert.equal(handle.buttons.length, 0);
  handle.close();
});

test('events the host API emits reach the guest; a function they carry can be called back once, with data only', async () => {
  // A stand-in for a listener API (the privacy layer's onNeedPrivacyAuthorization has this shape).
  const listeners = new Set();
  const resolved = [];
  const fake = {
    style: 'wechat', global: 'wx', platform: 'wechat',
    api: {
      getSetting: async () => ({ errMsg: 'getSetting:ok', authSetting: {} }),
      onNeed: (listener) => listeners.add(listener),
      offNeed: (listener) => listeners.delete(listener),
    },
  };
  const { port1, port2 } = new MessageChannel();
  const handle = exposeAuthorizer(fake, port1);
  const wx = await connect({ port: port2, install: false });
  assert.deepEqual(Object.keys(wx).sort(), ['getSetting', 'offNeed', 'onNeed']);
  const heard = [];
  const listener = (resolve, info) => { heard.push(info); resolve({ event: 'agree', buttonId: 'b' }); resolve({ event: 'twice' }); };
  wx.onNeed(listener);
  await settle();
  assert.equal(listeners.size, 1);
  for (const host of listeners) host((value) => resolved.push(value), { referrer: 'getLocation' });
  await settle(5);
  assert.deepStrictEqual(heard, [{ referrer: 'getLocation' }]);
  assert.deepStrictEqual(resolved, [{ event: 'agree', buttonId: 'b' }], 'a token is used once');
  wx.offNeed(listener);
  await settle();
  assert.equal(listeners.size, 0);
  handle.close();
});

test('a guest in a worker thread, handed the port through workerData; its prototype pollution changes nothing here', async () => {
  let located = 0;
  const auth = await createAuthorizer({
    appId: 'wx-thread', storage: 'memory', permission: PERMISSION,
    prompt: (request) => (request.scope === 'scope.camera' ? 'accept' : 'reject'),
    apis: { getLocation: () => { located += 1; return { latitude: 1 }; } },
  });
  const { port1, port2 } = new MessageChannel();
  const handle = exposeAuthorizer(auth, port1);
  const source = `
    const { workerData, parentPort } = require('node:worker_threads');
    import(${JSON.stringify(new URL('../../pkg/guest.js', import.meta.url).href)}).then(async ({ connect }) => {
      const wx = await connect({ port: workerData.port });
      const granted = await wx.authorize({ scope: 'scope.camera' });
      const setting = await wx.getSetting();
      // The same-page attacks: a planted then turning a refusal into the host's data, a planted
      // scope key read as a setting.
      Object.prototype['scope.userLocation'] = true;
      Object.prototype.then = function then(resolve) { delete Object.prototype.then; resolve({ errMsg: 'getLocation:ok', latitude: 1 }); };
      const located = await new Promise((resolve) => wx.getLocation({ fail: (res) => resolve(JSON.stringify(res)), success: (res) => resolve(JSON.stringify(res)) }));
      delete Object.prototype.then;
      const after = await wx.getSetting();
      parentPort.postMessage({ granted, setting, located, after: JSON.stringify(after), global: typeof globalThis.wx });
    });`;
  const worker = new Worker(source, { eval: true, workerData: { port: port2 }, transferList: [port2] });
  const message = await new Promise((resolve, reject) => { worker.once('message', resolve); worker.once('error', reject); });
  assert.deepStrictEqual(message.granted, { errMsg: 'authorize:ok' });
  assert.equal(message.setting.authSetting['scope.camera'], true);
  assert.equal(message.global, 'object');
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  assert.equal(message.located, '{"errMsg":"getLocation:fail auth deny"}');
  assert.equal(located, 0, 'the host implementation never ran');
  assert.equal(auth.stateOf('scope.userLocation'), 'denied');
  assert.equal(JSON.parse(message.after).authSetting['scope.userLocation'], false);
  handle.close();
  await worker.terminate();
});

test('exposeAuthorizer checks its arguments', async () => {
  const auth = await createAuthorizer({ appId: 'x', storage: 'memory' });
  assert.throws(() => exposeAuthorizer({}, new MessageChannel().port1), TypeError);
  assert.throws(() => exposeAuthorizer(auth, {}), TypeError);
  assert.throws(() => exposeAuthorizer(auth, new MessageChannel().port1, { rate: -1 }), /rate/);
});

test('handshake: a guest that says ready twice with one nonce (answering the host\'s poke) gets one channel', async () => {
  const auth = await createAuthorizer({ appId: 'x', storage: 'memory' });
  const sent = [];
  const target = new EventTarget();
  target.postMessage = (message, transfer) => sent.push({ message, transfer });
  const handle = exposeAuthorizer(auth, target);
  assert.deepEqual(sent.map(({ message }) => message[HANDSHAKE]), ['host']);
  const say = (n) => target.dispatchEvent(Object.assign(new Event('message'), { data: { [HANDSHAKE]: 'ready', v: 1, n } }));
  say('a');
  say('a');
  assert.deepEqual(sent.map(({ message }) => message[HANDSHAKE]), ['host', 'port']);
  const first = sent[1].message.port;
  const wx = await connect({ port: first, install: false });
  assert.equal((await wx.getSetting()).errMsg, 'getSetting:ok');
  say('b'); // a reload: a new nonce, a new channel; the old one is closed
  assert.deepEqual(sent.map(({ message }) => message[HANDSHAKE]), ['host', 'port', 'port']);
  await assert.rejects(wx.getSetting(), { errMsg: 'getSetting:fail host closed' });
  handle.close();
  for (const { message } of sent) message.port?.close();
});

test('the privacy layer through the boundary: the guest\'s onNeedPrivacyAuthorization hears the host\'s event; its "agree" counts only after the host saw the tap', async () => {
  const { auth, handle, wx } = await pair({ privacy: { declared: ['location'] }, apis: { getLocation: () => ({ latitude: 31.2 }) } });
  assert.equal(typeof wx.onNeedPrivacyAuthorization, 'function');
  assert.equal(typeof wx.requirePrivacyAuthorize, 'function');
  assert.equal(wx.offNeedPrivacyAuthorization, undefined, 'the platform has no off: the last listener counts');
  assert.deepStrictEqual(await wx.getPrivacySetting(), await auth.api.getPrivacySetting());
  const heard = [];
  wx.onNeedPrivacyAuthorization(() => heard.push('replaced'));
  wx.onNeedPrivacyAuthorization((resolve, eventInfo) => heard.push({ resolve, eventInfo }));
  // The guest says "agree" without a tap the host saw: refused, as same-page.
  const refused = wx.getLocation();
  await settle(5);
  assert.deepStrictEqual(heard.map((event) => event.eventInfo ?? event), [{ referrer: 'getLocation' }]);
  heard[0].resolve({ event: 'agree', buttonId: 'agree-btn' });
  await assert.rejects(refused, { errMsg: 'getLocation:fail privacy permission is not authorized or buttonId is wrong', errno: 104 });
  // The user taps the agree button the host shows: the guest's "agree" now goes through.
  const granted = wx.getLocation();
  await settle(5);
  assert.equal(heard.length, 2);
  await auth.privacy.tapAgreeButton('agree-btn');
  heard[1].resolve({ event: 'agree', buttonId: 'agree-btn' });
  assert.deepStrictEqual(await granted, { errMsg: 'getLocation:ok', latitude: 31.2 });
  assert.deepStrictEqual((await wx.getPrivacySetting()).needAuthorization, false);
  handle.close();
});

// --- createVKSession: a session at once in the guest, its start across ----------------------------

/** A host VisionKit stand-in recording its sessions' starts and destroys. */
function hostVk() {
  const log = { configs: [], starts: 0, destroyed: 0 };
  const createVKSession = (config) => {
    log.configs.push(config);
    return {
      state: 0,
      start(callback) { log.starts += 1; setTimeout(() => callback(0)); },
      destroy() { log.destroyed += 1; },
    };
  };
  return { createVKSession, log };
}

/** `session.start` in the guest: resolves with the status, checking the callback ran once. */
async function startIn(session) {
  const statuses = [];
  session.start((status) => statuses.push(status));
  for (let i = 0; i < 400 && statuses.length === 0; i += 1) await delay(5);
  await settle();
  assert.equal(statuses.length, 1, `once: ${JSON.stringify(statuses)}`);
  return statuses[0];
}

test('createVKSession in the guest: a session at once; its start runs the host\'s authorization, then the host\'s session', async () => {
  const { createVKSession, log } = hostVk();
  const answers = ['reject'];
  const { auth, wx, handle } = await pair({ apis: { createVKSession }, prompt: () => answers.shift() ?? 'accept' });
  const session = wx.createVKSession({ track: { plane: { mode: 1 } }, version: 'v2', onFrame: () => {} });
  assert.equal(session instanceof Promise, false);
  assert.deepEqual(Object.keys(session.config), ['track', 'version', 'onFrame'], 'a copy of the option\'s own properties');
  assert.equal(session.on('updateAnchors', () => {}), undefined);
  assert.equal(await startIn(session), 2003002, 'refused on the host\'s pop-up');
  assert.equal(log.starts, 0);
  assert.equal(auth.stateOf('scope.camera'), 'denied');
  await auth.setState('scope.camera', 'granted');
  assert.equal(await startIn(session), 0);
  assert.equal(log.starts, 1);
  assert.equal(log.configs.length, 1, 'the host made one session');
  const { onFrame, ...crossed } = log.configs[0];
  assert.deepEqual(crossed, { track: { plane: { mode: 1 } }, version: 'v2' }, 'with the data');
  assert.equal(typeof onFrame, 'function', 'a function stays in the guest: a stand-in names its place, as for every call');
  session.destroy();
  await settle();
  assert.equal(log.destroyed, 1);
  assert.equal(await startIn(wx.createVKSession(5)), 2000001, 'an option that is no object');
  handle.close();
  assert.equal(await startIn(wx.createVKSession({})), 2000000, 'the host closed: a system error, once');
});

test('createVKSession across: hostile session messages are refused, starts still answered once; the host\'s sessions go with the channel', async () => {
  const { createVKSession, log } = hostVk();
  const { port, inbox, rejected, replyTo, handle } = await raw({ apis: { createVKSession } });
  port.postMessage({ t: SESSION, id: 1, m: 'getLocation', a: {} });
  port.postMessage({ t: SESSION_OP, id: 1, op: 'start', c: 2 });
  port.postMessage({ t: SESSION, id: 3, m: 'createVKSession', a: {} });
  port.postMessage({ t: SESSION_OP, id: 3, op: 'start' });
  port.postMessage({ t: SESSION_OP, id: 3, op: '__proto__', c: 4 });
  port.postMessage({ t: SESSION, id: 3, m: 'createVKSession', a: {} });
  for (let id = 10; id < 30; id += 1) port.postMessage({ t: SESSION, id, m: 'createVKSession', a: {} });
  assert.deepStrictEqual((await replyTo(2)).r, 2000000, 'no such session');
  await delay(20);
  assert.equal(log.configs.length, 16, 'one session, then up to the limit of 16');
  assert.ok(rejected.filter((r) => r.reason === 'session refused').length >= 6);
  assert.deepEqual(inbox.filter((m) => m.t === REPLY).map((m) => m.id), [2], 'only a start with a call id is answered');
  handle.close();
  assert.equal(log.destroyed, 16, 'closing the channel destroys the host\'s sessions');
});
