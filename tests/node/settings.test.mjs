// getSetting / openSetting, and the host hooks: stateOf, setState, reset, onChange.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { make, both, matrix, scripted, ok, fail, deny, APP_ID } from './helpers.mjs';

const RETIRED = { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true };

// --- getSetting ----------------------------------------------------------------------------------

both('getSetting lists only scopes ever asked: true granted, false denied, absent never asked', async ({ call }) => {
  const { auth } = await make({ prompt: scripted((request) => (request.scope === 'scope.camera' ? 'reject' : request.scope === 'scope.record' ? 'dismiss' : 'accept')) });
  assert.deepStrictEqual(await call(auth.api.getSetting, {}), ok('getSetting', { authSetting: { ...RETIRED } }));
  await auth.authorize({ scope: 'scope.userLocation' });
  await auth.authorize({ scope: 'scope.camera' }).catch(() => {});
  await auth.authorize({ scope: 'scope.record' }).catch(() => {}); // dismissed: not asked as far as getSetting goes
  await auth.authorize({ scope: 'scope.userInfo' }).catch(() => {}); // never prompts: not recorded
  await auth.authorize({ scope: 'scope.nope' }).catch(() => {});
  assert.deepStrictEqual(await call(auth.api.getSetting, {}), ok('getSetting', {
    authSetting: { ...RETIRED, 'scope.userLocation': true, 'scope.camera': false },
  }));
});

both('getSetting without options, and with withSubscriptions', async ({ form, call }) => {
  const { auth } = await make();
  await auth.setState('scope.werun', 'denied');
  const authSetting = { ...RETIRED, 'scope.werun': false };
  if (form === 'promise') assert.deepStrictEqual(await auth.getSetting(), { errMsg: 'getSetting:ok', authSetting });
  assert.deepStrictEqual(await call(auth.api.getSetting, { withSubscriptions: true }), ok('getSetting', {
    authSetting,
    subscriptionsSetting: { mainSwitch: true, itemSettings: {} },
  }));
  assert.deepStrictEqual(await call(auth.api.getSetting, { withSubscriptions: false }), ok('getSetting', { authSetting }));
});

both('getSetting returns a fresh object each time (mutating it changes nothing)', async ({ call }) => {
  const { auth } = await make();
  await auth.setState('scope.camera', 'granted');
  const first = await call(auth.api.getSetting, {});
  first.res.authSetting['scope.camera'] = false;
  first.res.errMsg = 'tampered';
  assert.deepStrictEqual(await call(auth.api.getSetting, {}), ok('getSetting', { authSetting: { ...RETIRED, 'scope.camera': true } }));
});

// --- openSetting ---------------------------------------------------------------------------------

/** A settings handler that records its request (without `subscribe`) and answers `switches`. */
function settingsHandler(switches) {
  const requests = [];
  const handler = async (request) => {
    const { subscribe, ...rest } = request;
    assert.equal(typeof subscribe, 'function');
    requests.push(rest);
    return typeof switches === 'function' ? switches(request) : switches;
  };
  handler.requests = requests;
  return handler;
}

both('openSetting shows only scopes ever asked, applies the switches and returns the new authSetting', async ({ call }) => {
  const settings = settingsHandler({ 'scope.camera': true, 'scope.userLocation': false, 'scope.record': true });
  const { auth, changes } = await make({ appName: 'Shop Finder', settings, prompt: scripted((r) => (r.scope === 'scope.camera' ? 'reject' : 'accept')) });
  await auth.authorize({ scope: 'scope.userLocation' });
  await auth.authorize({ scope: 'scope.camera' }).catch(() => {});
  changes.length = 0;
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', {
    authSetting: { ...RETIRED, 'scope.userLocation': false, 'scope.camera': true },
  }));
  assert.deepStrictEqual(settings.requests, [{
    appId: APP_ID,
    appName: 'Shop Finder',
    platform: 'wechat',
    scopes: [
      { scope: 'scope.userLocation', label: 'Geographic location', granted: true },
      { scope: 'scope.camera', label: 'Camera', granted: false },
    ],
  }]);
  // scope.record was never asked: the page did not show it, so its switch is ignored.
  assert.equal(auth.stateOf('scope.record'), 'prompt');
  assert.deepStrictEqual(changes, [
    { scope: 'scope.userLocation', state: 'denied', previous: 'granted', source: 'settings' },
    { scope: 'scope.camera', state: 'granted', previous: 'denied', source: 'settings' },
  ]);
  // The flip holds for later calls.
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  assert.equal(auth.stateOf('scope.userLocation'), 'denied');
});

both('openSetting with nothing ever asked shows an empty list', async ({ call }) => {
  const settings = settingsHandler({});
  const { auth } = await make({ settings });
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', { authSetting: { ...RETIRED } }));
  assert.deepStrictEqual(settings.requests, [{ appId: APP_ID, appName: APP_ID, platform: 'wechat', scopes: [] }]);
});

both('openSetting without a settings handler (Node): authSetting unchanged, no tap rule', async ({ call }) => {
  assert.equal(globalThis.navigator?.userActivation, undefined, 'Node has no user activation');
  const { auth } = await make();
  await auth.setState('scope.bluetooth', 'granted');
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', { authSetting: { ...RETIRED, 'scope.bluetooth': true } }));
  assert.deepStrictEqual(await call(auth.api.openSetting, { withSubscriptions: true }), ok('openSetting', {
    authSetting: { ...RETIRED, 'scope.bluetooth': true },
    subscriptionsSetting: { mainSwitch: true, itemSettings: {} },
  }));
  assert.equal(auth.stateOf('scope.bluetooth'), 'granted');
});

both('openSetting: a handler answering nothing or garbage changes nothing', async ({ call }) => {
  for (const answer of [undefined, null, 'yes', 42, ['scope.camera'], { 'scope.camera': 'false' }, { 'scope.camera': 0 }]) {
    const { auth } = await make({ settings: settingsHandler(answer) });
    await auth.setState('scope.camera', 'granted');
    assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', { authSetting: { ...RETIRED, 'scope.camera': true } }), String(answer));
  }
});

both('openSetting: a settings handler that throws → openSetting:fail <message>, nothing changed', async ({ call }) => {
  const { auth } = await make({ settings: () => { throw new Error('page crashed'); } });
  await auth.setState('scope.camera', 'granted');
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), fail('openSetting:fail page crashed'));
  assert.equal(auth.stateOf('scope.camera'), 'granted');
});

both('openSetting: subscribe() reports live changes while the page is open, and unsubscribes', async ({ call }) => {
  const seen = [];
  let unsubscribe;
  const { auth } = await make({
    settings: async (request) => {
      unsubscribe = request.subscribe((change) => seen.push(change));
      await auth.setState('scope.camera', 'denied');
      return {};
    },
  });
  await auth.setState('scope.camera', 'granted');
  await call(auth.api.openSetting, {});
  assert.deepStrictEqual(seen, [{ scope: 'scope.camera', granted: false }]);
  unsubscribe();
  await auth.setState('scope.camera', 'granted');
  assert.equal(seen.length, 1);
});

matrix('a scope switched off in the settings page is denied without a prompt afterwards', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, settings: settingsHandler({ 'scope.werun': false }), apis: { getWeRunData: () => ({}) } });
  assert.deepStrictEqual(await call(auth.api.getWeRunData, {}), ok('getWeRunData'));
  await auth.openSetting();
  assert.deepStrictEqual(await call(auth.api.getWeRunData, {}), deny('getWeRunData', flavor));
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.werun' }), deny('authorize', flavor));
  assert.equal(prompt.count, 1);
});

both('scope.userLocationBackground: an option of the location row, offered once location was asked and a desc is declared; it can be granted there', async ({ call }) => {
  const settings = settingsHandler({ 'scope.userLocationBackground': true });
  const { auth } = await make({
    settings,
    prompt: scripted(['reject']),
    permission: { 'scope.userLocation': { desc: 'Shops near you' }, 'scope.userLocationBackground': { desc: 'Track your run' } },
    apis: { startLocationUpdateBackground: () => ({}) },
  });
  // A fresh app: no location row on the settings page, so no background option either.
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', { authSetting: RETIRED }));
  assert.deepStrictEqual(settings.requests[0].scopes, []);

  await call(auth.api.authorize, { scope: 'scope.userLocation' }); // denied: the row exists all the same
  assert.deepStrictEqual(await call(auth.api.openSetting, {}), ok('openSetting', {
    authSetting: { ...RETIRED, 'scope.userLocation': false, 'scope.userLocationBackground': true },
  }));
  assert.deepStrictEqual(settings.requests[1].scopes, [
    { scope: 'scope.userLocation', label: 'Geographic location', granted: false },
    { scope: 'scope.userLocationBackground', label: 'Location in the background', granted: false },
  ]);
  assert.deepStrictEqual(await call(auth.api.startLocationUpdateBackground, {}), ok('startLocationUpdateBackground'));
});

// --- stateOf / setState / reset / onChange -------------------------------------------------------

test('stateOf: granted | denied | prompt, TypeError for an unknown scope', async () => {
  const { auth } = await make({ prompt: scripted(['accept', 'reject']) });
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  await auth.authorize({ scope: 'scope.camera' });
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  await auth.authorize({ scope: 'scope.record' }).catch(() => {});
  assert.equal(auth.stateOf('scope.record'), 'denied');
  assert.equal(auth.stateOf('scope.address'), 'granted');
  assert.equal(auth.stateOf('scope.userInfo'), 'prompt');
  for (const bad of ['scope.nope', '', 'camera', undefined, null, 42, {}]) {
    assert.throws(() => auth.stateOf(bad), TypeError, String(bad));
  }
});

test('setState: granted, denied, prompt (forgets); bad state or scope rejects', async () => {
  const { auth, prompt, changes } = await make({ prompt: scripted('accept') });
  await auth.setState('scope.camera', 'granted');
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  await auth.setState('scope.camera', 'denied');
  assert.equal(auth.stateOf('scope.camera'), 'denied');
  assert.deepStrictEqual((await auth.getSetting()).authSetting, { ...RETIRED, 'scope.camera': false });
  await auth.setState('scope.camera', 'prompt');
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepStrictEqual((await auth.getSetting()).authSetting, { ...RETIRED }, 'forgotten: absent again');
  await auth.setState('scope.camera', 'prompt'); // no change, no event
  assert.deepStrictEqual(changes, [
    { scope: 'scope.camera', state: 'granted', previous: 'prompt', source: 'setState' },
    { scope: 'scope.camera', state: 'denied', previous: 'granted', source: 'setState' },
    { scope: 'scope.camera', state: 'prompt', previous: 'denied', source: 'setState' },
  ]);
  await auth.authorize({ scope: 'scope.camera' });
  assert.equal(prompt.count, 1, 'asked again after being forgotten');
  await assert.rejects(auth.setState('scope.camera', 'allow'), TypeError);
  await assert.rejects(auth.setState('scope.camera', undefined), TypeError);
  await assert.rejects(auth.setState('scope.nope', 'granted'), TypeError);
  await assert.rejects(auth.setState(42, 'granted'), TypeError);
  assert.equal(auth.stateOf('scope.camera'), 'granted');
});

test('reset: every decision forgotten, one change per decided scope with source "reset"', async () => {
  const { auth, prompt, changes } = await make({ prompt: scripted('accept') });
  await auth.setState('scope.camera', 'granted');
  await auth.setState('scope.record', 'denied');
  await auth.authorize({ scope: 'scope.userLocation' });
  changes.length = 0;
  await auth.reset();
  assert.deepStrictEqual(
    [...changes].sort((a, b) => a.scope.localeCompare(b.scope)),
    [
      { scope: 'scope.camera', state: 'prompt', previous: 'granted', source: 'reset' },
      { scope: 'scope.record', state: 'prompt', previous: 'denied', source: 'reset' },
      { scope: 'scope.userLocation', state: 'prompt', previous: 'granted', source: 'reset' },
    ],
  );
  for (const scope of ['scope.camera', 'scope.record', 'scope.userLocation']) assert.equal(auth.stateOf(scope), 'prompt');
  assert.deepStrictEqual((await auth.getSetting()).authSetting, { ...RETIRED });
  await auth.authorize({ scope: 'scope.record' });
  assert.equal(prompt.count, 2, 'a denied scope prompts again after a reset');
  changes.length = 0;
  await auth.reset();
  await auth.reset();
  assert.deepStrictEqual(changes, [{ scope: 'scope.record', state: 'prompt', previous: 'granted', source: 'reset' }]);
});

test('onChange: sources prompt, setState, reset, settings; off() stops it; a throwing listener does not stop others', async () => {
  const { auth, errors } = await make({ prompt: scripted(['accept', 'reject', 'dismiss']), settings: async () => ({ 'scope.camera': false }) });
  const seen = [];
  auth.onChange(() => { throw new Error('listener broke'); });
  const off = auth.onChange((change) => seen.push(change));
  await auth.authorize({ scope: 'scope.camera' });
  await auth.authorize({ scope: 'scope.record' }).catch(() => {});
  await auth.authorize({ scope: 'scope.werun' }).catch(() => {}); // dismissed: no change
  await auth.openSetting();
  await auth.setState('scope.bluetooth', 'granted');
  await auth.reset();
  assert.deepStrictEqual(seen.slice(0, 4), [
    { scope: 'scope.camera', state: 'granted', previous: 'prompt', source: 'prompt' },
    { scope: 'scope.record', state: 'denied', previous: 'prompt', source: 'prompt' },
    { scope: 'scope.camera', state: 'denied', previous: 'granted', source: 'settings' },
    { scope: 'scope.bluetooth', state: 'granted', previous: 'prompt', source: 'setState' },
  ]);
  assert.deepStrictEqual([...seen.slice(4)].sort((a, b) => a.scope.localeCompare(b.scope)), [
    { scope: 'scope.bluetooth', state: 'prompt', previous: 'granted', source: 'reset' },
    { scope: 'scope.camera', state: 'prompt', previous: 'denied', source: 'reset' },
    { scope: 'scope.record', state: 'prompt', previous: 'denied', source: 'reset' },
  ]);
  assert.equal(errors.length, seen.length, 'each throw from the bad listener went to onError');
  assert.ok(errors.every((e) => e.message === 'listener broke'));
  assert.equal(typeof off, 'function');
  off();
  await auth.setState('scope.camera', 'granted');
  assert.equal(seen.length, 7);
  assert.throws(() => auth.onChange('nope'), TypeError);
});

test('onChange through the createAuthorizer option', async () => {
  const seen = [];
  const { auth } = await make({ onChange: (change) => seen.push(change) });
  await auth.setState('scope.camera', 'denied');
  assert.deepStrictEqual(seen, [{ scope: 'scope.camera', state: 'denied', previous: 'prompt', source: 'setState' }]);
});

test('decisions are per app and per user', async () => {
  const a = await make({ appId: 'wx-a', userId: 'alice' });
  const b = await make({ appId: 'wx-a', userId: 'bob' });
  await a.auth.setState('scope.camera', 'granted');
  assert.equal(b.auth.stateOf('scope.camera'), 'prompt');
  assert.equal(a.auth.appId, 'wx-a');
  assert.equal(a.auth.userId, 'alice');
  assert.equal(a.auth.platform, 'wechat');
  assert.equal(a.auth.storage, 'memory');
});
