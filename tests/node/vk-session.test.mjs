// wx.createVKSession: answers at once with a VKSession; the camera's authorization runs when the
// app calls session.start(callback), whose callback gets WeChat's status number (VKSession.start:
// 0 started, 104 privacy not agreed, 112 not declared, 2003002 camera not granted, 2000002 device
// not supported, 2000001 parameter error, 2000000 system error).
//   node --test tests/node/vk-session.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { make, scripted, settle, delay, started } from './helpers.mjs';

const OPTION = { track: { plane: { mode: 1 } }, version: 'v2' };

/** The host's VisionKit stand-in (an emulator's, a test's): records what it is asked. */
function hostVk({ status = 0 } = {}) {
  const log = { created: [], starts: [], thisWas: [] };
  class VKSession {
    constructor(config) {
      this.state = 0;
      this.config = config;
      this.listeners = [];
    }

    start(callback) {
      log.starts.push(callback);
      log.thisWas.push(this);
      this.state = status === 0 ? 1 : 0;
      setTimeout(() => callback(status));
    }

    on(name, listener) {
      this.listeners.push([name, listener]);
    }

    stop() { this.state = 0; }
  }
  const createVKSession = (config) => {
    log.created.push(config);
    return new VKSession(config);
  };
  return { createVKSession, log };
}

test('WeChat\'s own code runs unchanged: the session at once, start asks for the camera, then the host session starts', async () => {
  const { createVKSession, log } = hostVk();
  const { auth, prompt, errors } = await make({ apis: { createVKSession } });
  const session = auth.api.createVKSession(OPTION);
  assert.equal(typeof session, 'object');
  assert.equal(session instanceof Promise, false);
  assert.deepEqual(log.created, [OPTION], 'the host made its session at once, with a copy of the option');
  assert.notEqual(log.created[0], OPTION, 'a copy, not the caller\'s object');
  session.on('updateAnchors', () => {});
  assert.equal(session.listeners.length, 1, 'the host session\'s own methods are there');
  assert.equal(prompt.count, 0, 'no pop-up before start');
  assert.equal(await started(session), 0);
  assert.equal(prompt.count, 1);
  assert.equal(prompt.requests[0].scope, 'scope.camera');
  assert.equal(prompt.requests[0].api, 'createVKSession');
  assert.equal(log.starts.length, 1, 'the host\'s start ran once authorized');
  assert.equal(log.thisWas[0], session, 'with the session as this');
  assert.equal(session.state, 1);
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  assert.ok(Object.hasOwn(session, 'start'), 'start is the session\'s own property');
  assert.deepEqual(errors, []);
});

test('rejected → 2003002, the host session never starts; decided before: 2003002 at once, no pop-up', async () => {
  const { createVKSession, log } = hostVk();
  const { auth, prompt } = await make({ apis: { createVKSession }, prompt: scripted('reject') });
  assert.equal(await started(auth.api.createVKSession(OPTION)), 2003002);
  assert.equal(auth.stateOf('scope.camera'), 'denied');
  assert.equal(await started(auth.api.createVKSession(OPTION)), 2003002);
  assert.equal(prompt.count, 1, 'denied before: no second pop-up');
  assert.equal(log.starts.length, 0);
});

test('dismissed → 2003002 and nothing stored: the next start asks again', async () => {
  const { createVKSession, log } = hostVk();
  const { auth, prompt, changes } = await make({ apis: { createVKSession }, prompt: scripted(['dismiss', 'accept']) });
  const session = auth.api.createVKSession(OPTION);
  assert.equal(await started(session), 2003002);
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepEqual(changes, []);
  assert.equal(await started(session), 0, 'the same session started again');
  assert.equal(prompt.count, 2);
  assert.equal(log.starts.length, 1);
});

test('granted before: no pop-up, the host session starts; the host\'s own status passes through', async () => {
  const { createVKSession, log } = hostVk({ status: 2003001 });
  const { auth, prompt } = await make({ apis: { createVKSession } });
  await auth.setState('scope.camera', 'granted');
  assert.equal(await started(auth.api.createVKSession(OPTION)), 2003001, 'the system camera off, as the host says');
  assert.equal(prompt.count, 0);
  assert.equal(log.starts.length, 1);
});

test('no host implementation: a built-in session that never starts (2000002 once authorized)', async () => {
  const { auth, prompt, errors } = await make({ prompt: scripted(['accept']) });
  const session = auth.api.createVKSession(OPTION);
  assert.equal(session.state, 0);
  assert.deepEqual(session.config, OPTION);
  for (const name of ['stop', 'destroy', 'getVKFrame', 'requestAnimationFrame', 'detectFace', 'runOCR']) assert.equal(session[name](), undefined, name);
  for (const name of ['hitTest', 'getAllMarker', 'getAllOSDMarker']) assert.deepEqual(session[name](), [], name);
  assert.deepEqual(session.cameraSize, { width: 0, height: 0 });
  assert.equal(session.on('updateAnchors', () => {}), undefined);
  assert.equal(session.off('updateAnchors', () => {}), undefined);
  assert.equal(await started(session), 2000002);
  assert.equal(prompt.count, 1, 'the authorization ran first');
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  const refused = await make({ prompt: 'reject' });
  assert.equal(await started(refused.auth.api.createVKSession(OPTION)), 2003002, 'refused: the camera, not the device');
  assert.deepEqual(errors, []);
});

test('no option at all is an empty one; an option that is no object → 2000001, no pop-up', async () => {
  const { auth, prompt } = await make({ apis: { createVKSession: hostVk().createVKSession } });
  await auth.setState('scope.camera', 'granted');
  assert.equal(await started(auth.api.createVKSession()), 0);
  const { auth: fresh, prompt: freshPrompt } = await make();
  for (const option of [5, 'v2', null, true, Symbol('o'), 1n, () => {}, [OPTION]]) {
    const session = fresh.api.createVKSession(option);
    assert.equal(await started(session), 2000001, String(typeof option));
  }
  assert.equal(freshPrompt.count, 0);
  assert.equal(prompt.count, 0);
});

test('a host implementation that throws or gives no session: onError, and start answers 2000000 without a pop-up', async () => {
  const frozen = Object.freeze({ start() {} });
  const given = [
    () => { throw new Error('no camera here'); },
    () => 42,
    () => null,
    () => ({ state: 0 }),
    () => frozen,
    () => ({ get start() { throw new Error('getter'); } }),
    async () => ({ start() {} }),
  ];
  for (const createVKSession of given) {
    const { auth, prompt, errors } = await make({ apis: { createVKSession } });
    const session = auth.api.createVKSession(OPTION);
    assert.equal(session.state, 0, 'a built-in session stands in');
    assert.equal(await started(session), 2000000);
    assert.equal(prompt.count, 0);
    assert.equal(errors.length, 1, String(createVKSession));
    assert.ok(errors[0] instanceof Error);
  }
  // An async implementation that rejects: told, and its rejection is heard (the guard in helpers.mjs
  // fails the file on an unhandled one).
  const { auth, errors } = await make({ apis: { createVKSession: () => Promise.reject(new Error('async VisionKit')) } });
  assert.equal(await started(auth.api.createVKSession(OPTION)), 2000000);
  await settle();
  assert.deepEqual(errors.map((e) => e.message).sort(), ['async VisionKit', 'createVKSession must return a session object with start(), at once (got Object)']);
});

test('the host\'s start throwing or calling back twice, and a callback that throws: once, reported', async () => {
  const throwing = await make({ apis: { createVKSession: () => ({ start() { throw new Error('camera busy'); } }) } });
  await throwing.auth.setState('scope.camera', 'granted');
  assert.equal(await started(throwing.auth.api.createVKSession(OPTION)), 2000000);
  assert.deepEqual(throwing.errors.map((e) => e.message), ['camera busy']);

  const asyncThrowing = await make({ apis: { createVKSession: () => ({ async start() { throw new Error('camera gone'); } }) } });
  await asyncThrowing.auth.setState('scope.camera', 'granted');
  assert.equal(await started(asyncThrowing.auth.api.createVKSession(OPTION)), 2000000, 'an async start that rejects');
  assert.deepEqual(asyncThrowing.errors.map((e) => e.message), ['camera gone']);

  const twice = await make({ apis: { createVKSession: () => ({ start(callback) { callback(0); callback(0); setTimeout(() => callback(2000000)); } }) } });
  await twice.auth.setState('scope.camera', 'granted');
  assert.equal(await started(twice.auth.api.createVKSession(OPTION)), 0, 'started() checks once');
  await delay(10);

  const { auth, errors } = await make();
  const session = auth.api.createVKSession(OPTION);
  const boom = new Error('callback broke');
  let calls = 0;
  assert.equal(session.start(() => { calls += 1; throw boom; }), undefined);
  assert.equal(session.start(), undefined, 'no callback: nothing to call, nothing thrown');
  assert.equal(session.start('not a function'), undefined);
  await delay(20);
  assert.equal(calls, 1);
  assert.deepEqual(errors, [boom]);
});

test('hostile options never throw: throwing getters, revoked Proxies, planted prototypes', async () => {
  const { createVKSession, log } = hostVk();
  const { auth } = await make({ apis: { createVKSession } });
  await auth.setState('scope.camera', 'granted');
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  const getter = Object.defineProperty({ version: 'v2' }, 'track', { enumerable: true, get() { throw new Error('getter'); } });
  Object.prototype.planted = 'x'; // eslint-disable-line no-extend-native
  try {
    for (const option of [getter, proxy, Object.create({ track: 'inherited' })]) {
      const session = auth.api.createVKSession(option);
      assert.equal(typeof (await started(session)), 'number');
    }
  } finally {
    delete Object.prototype.planted;
  }
  assert.deepEqual(log.created[0], { version: 'v2' }, 'the readable own properties only');
  assert.equal(Object.hasOwn(log.created[2], 'track'), false);
});

test('concurrent starts of two sessions: one pop-up, both answered', async () => {
  let answer;
  const prompt = scripted(() => new Promise((resolve) => { answer = resolve; }));
  const { createVKSession, log } = hostVk();
  const { auth } = await make({ apis: { createVKSession }, prompt });
  const both = Promise.all([started(auth.api.createVKSession(OPTION)), started(auth.api.createVKSession(OPTION))]);
  await settle(5);
  answer('accept');
  assert.deepEqual(await both, [0, 0]);
  assert.equal(prompt.count, 1);
  assert.equal(log.starts.length, 2);
});

// --- the privacy layer (issue 12) --------------------------------------------------------------

test('privacy not agreed: the app\'s listener decides first; disagree → 104 and no camera pop-up', async () => {
  const { auth, prompt } = await make({ privacy: { declared: ['camera'] }, apis: { createVKSession: hostVk().createVKSession } });
  const referrers = [];
  auth.api.onNeedPrivacyAuthorization((resolve, eventInfo) => {
    referrers.push(eventInfo.referrer);
    resolve({ event: 'disagree' });
  });
  assert.equal(await started(auth.api.createVKSession(OPTION)), 104);
  assert.deepEqual(referrers, ['createVKSession']);
  assert.equal(prompt.count, 0);
});

test('privacy agreed with the agree button: then the camera pop-up, then 0', async () => {
  const { createVKSession, log } = hostVk();
  const { auth, prompt } = await make({ privacy: { declared: ['camera'] }, apis: { createVKSession } });
  auth.api.onNeedPrivacyAuthorization((resolve) => {
    auth.privacy.tapAgreeButton('agree').then(() => resolve({ event: 'agree', buttonId: 'agree' }));
  });
  assert.equal(await started(auth.api.createVKSession(OPTION)), 0);
  assert.equal(prompt.count, 1);
  assert.equal(log.starts.length, 1);
});

test('privacy: the wrong button → 104; the camera kind not declared → 112 without any flow', async () => {
  const wrong = await make({ privacy: { declared: ['camera'] } });
  wrong.auth.api.onNeedPrivacyAuthorization((resolve) => resolve({ event: 'agree', buttonId: 'never-tapped' }));
  assert.equal(await started(wrong.auth.api.createVKSession(OPTION)), 104);

  const { auth, prompt } = await make({ privacy: { declared: ['location'] } });
  let asked = 0;
  auth.api.onNeedPrivacyAuthorization(() => { asked += 1; });
  await auth.setState('scope.camera', 'granted');
  assert.equal(await started(auth.api.createVKSession(OPTION)), 112);
  assert.equal(asked, 0);
  assert.equal(prompt.count, 0);
});

test('the mini game: createVKSession comes with the privacy layer, and is a session there too', async () => {
  const plain = await make({ platform: 'wechat-minigame' });
  assert.equal(plain.auth.api.createVKSession, undefined, 'not in the mini game\'s scope table');
  const { auth } = await make({ platform: 'wechat-minigame', privacy: { declared: ['camera'] } });
  assert.deepEqual(auth.sessionApis, ['createVKSession']);
  auth.api.onNeedPrivacyAuthorization((resolve) => resolve({ event: 'disagree' }));
  assert.equal(await started(auth.api.createVKSession(OPTION)), 104);
  await auth.privacy.agree();
  assert.equal(await started(auth.api.createVKSession(OPTION)), 2000002, 'agreed: no VisionKit here');
});

// --- install() ---------------------------------------------------------------------------------

test('install: the target\'s own createVKSession gives the session, its start behind the camera\'s authorization', async () => {
  const { createVKSession, log } = hostVk();
  const wx = { createVKSession, request() {} };
  const { auth, prompt } = await make({ prompt: scripted(['reject', 'accept']) });
  const uninstall = auth.install(wx);
  assert.notEqual(wx.createVKSession, createVKSession);
  const refused = wx.createVKSession(OPTION);
  assert.deepEqual(log.created, [OPTION], 'the target made the session');
  assert.equal(await started(refused), 2003002);
  assert.equal(log.starts.length, 0, 'the target\'s start did not run');
  await auth.setState('scope.camera', 'prompt');
  assert.equal(await started(wx.createVKSession(OPTION)), 0);
  assert.equal(log.starts.length, 1);
  assert.equal(prompt.count, 2);
  uninstall();
  assert.equal(wx.createVKSession, createVKSession);
});

test('install: the host\'s createVKSession wins over the target\'s; with neither, none is installed', async () => {
  const host = hostVk();
  const target = hostVk();
  const wx = { createVKSession: target.createVKSession };
  const { auth } = await make({ apis: { createVKSession: host.createVKSession } });
  auth.install(wx);
  assert.equal(wx.createVKSession, auth.api.createVKSession);
  assert.equal(await started(wx.createVKSession(OPTION)), 0);
  assert.equal(host.log.starts.length, 1);
  assert.equal(target.log.created.length, 0);

  const bare = {};
  (await make()).auth.install(bare);
  assert.equal('createVKSession' in bare, false, 'a session nothing can serve is left out, as gated APIs are');
});
