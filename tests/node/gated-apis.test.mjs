// The three-state rule for every gated API of the WeChat scope table, through auth.api.<name>:
// granted → the host implementation runs (its result merged into { errMsg: '<api>:ok' }); no
// implementation → '<api>:fail not supported' (after the auth check); host throws → '<api>:fail
// <message>'; denied → '<api>:fail auth deny' (android: '<api>:fail:auth denied').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { make, matrix, both, scripted, ok, fail, deny, denyMsg, createAuthorizer, DESCS } from './helpers.mjs';

// The table is read from the authorizer itself, then checked against the reference's list.
const probe = await createAuthorizer({ appId: 'wx-probe', storage: 'memory' });
// Session APIs (createVKSession) answer with a session, not callbacks: tests/node/vk-session.test.mjs.
const NORMAL = probe.scopes.filter((s) => s.rule === 'normal' && !s.apis.every((api) => probe.sessionApis.includes(api)));
const GATED = NORMAL.flatMap((s) => s.apis.filter((api) => !probe.sessionApis.includes(api)).map((api) => ({ api, scope: s.scope })));

test('the WeChat table gates the reference\'s APIs by the reference\'s scopes', () => {
  const byScope = Object.fromEntries(probe.scopes.map((s) => [s.scope, { apis: s.apis, rule: s.rule, needsDesc: s.needsDesc }]));
  assert.deepStrictEqual(byScope, {
    'scope.userInfo': { apis: ['getUserInfo'], rule: 'never-prompts', needsDesc: false },
    'scope.userLocation': { apis: ['getLocation', 'chooseLocation', 'startLocationUpdate'], rule: 'normal', needsDesc: true },
    'scope.userFuzzyLocation': { apis: ['getFuzzyLocation'], rule: 'normal', needsDesc: true },
    'scope.userLocationBackground': { apis: ['startLocationUpdateBackground'], rule: 'settings-only', needsDesc: true },
    'scope.record': { apis: ['startRecord', 'joinVoIPChat'], rule: 'normal', needsDesc: false },
    'scope.camera': { apis: ['createVKSession'], rule: 'normal', needsDesc: false },
    'scope.bluetooth': { apis: ['openBluetoothAdapter', 'createBLEPeripheralServer'], rule: 'normal', needsDesc: false },
    'scope.writePhotosAlbum': { apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum'], rule: 'normal', needsDesc: false },
    'scope.addPhoneContact': { apis: ['addPhoneContact'], rule: 'normal', needsDesc: false },
    'scope.addPhoneCalendar': { apis: ['addPhoneCalendar', 'addPhoneRepeatCalendar'], rule: 'normal', needsDesc: false },
    'scope.werun': { apis: ['getWeRunData'], rule: 'normal', needsDesc: false },
    'scope.address': { apis: ['chooseAddress'], rule: 'retired', needsDesc: false },
    'scope.invoiceTitle': { apis: ['chooseInvoiceTitle'], rule: 'retired', needsDesc: false },
    'scope.invoice': { apis: ['chooseInvoice'], rule: 'retired', needsDesc: false },
  });
  assert.deepStrictEqual(probe.scopes.find((s) => s.scope === 'scope.userLocation').label, 'Geographic location');
});

test('auth.api is shaped like wx: authorize, getSetting, openSetting, every gated API and getUserProfile', () => {
  const names = Object.keys(probe.api).sort();
  // getUserProfile exists since base library 2.10.4 (the default is a current 3.x); no privacy
  // layer without a `privacy` configuration.
  const expected = ['authorize', 'getSetting', 'openSetting', 'getUserProfile', ...probe.scopes.flatMap((s) => s.apis)].sort();
  assert.deepStrictEqual(names, expected);
  for (const name of names) assert.equal(typeof probe.api[name], 'function', name);
});

/** Host implementations for every gated API: each returns a result naming itself and echoing its args. */
function hostApis() {
  const calls = [];
  const apis = {};
  for (const { api } of GATED) {
    apis[api] = (args) => {
      calls.push([api, args]);
      // Echo the data options only (the callback form also hands over success/fail/complete).
      return { from: api, args: Object.fromEntries(Object.entries(args).filter(([, v]) => typeof v !== 'function')) };
    };
  }
  return { apis, calls };
}

matrix('every gated API, granted → the host implementation runs and its result is merged', async ({ flavor, call }) => {
  const { apis, calls } = hostApis();
  const { auth, prompt } = await make({ flavor, apis, prompt: scripted('accept') });
  for (const { api, scope } of GATED) {
    const args = { tag: api };
    assert.deepStrictEqual(await call(auth.api[api], args), ok(api, { from: api, args: { tag: api } }), api);
    assert.equal(auth.stateOf(scope), 'granted', scope);
  }
  assert.deepStrictEqual(calls.map(([api]) => api), GATED.map(({ api }) => api));
  assert.equal(prompt.count, NORMAL.length, 'one prompt per scope, not per API');
  assert.deepStrictEqual(prompt.requests.map((r) => [r.scope, r.api]), NORMAL.map((s) => [s.scope, s.apis[0]]));
});

matrix('every gated API, granted before (setState) → runs without a prompt', async ({ flavor, call }) => {
  const { apis } = hostApis();
  const { auth, prompt } = await make({ flavor, apis });
  for (const { scope } of NORMAL) await auth.setState(scope, 'granted');
  for (const { api } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), ok(api, { from: api, args: {} }), api);
  }
  assert.equal(prompt.count, 0);
});

matrix('every gated API, rejected in the prompt → auth deny in the flavor wording, host not called', async ({ flavor, call }) => {
  const { apis, calls } = hostApis();
  const { auth, prompt } = await make({ flavor, apis, prompt: scripted('reject') });
  for (const { api, scope } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), deny(api, flavor), api);
    assert.equal(auth.stateOf(scope), 'denied');
  }
  assert.deepStrictEqual(calls, []);
  assert.equal(prompt.count, NORMAL.length, 'denied before: no second prompt for the scope\'s other APIs');
});

matrix('every gated API, denied before (setState) → auth deny at once, no prompt, host not called', async ({ flavor, call }) => {
  const { apis, calls } = hostApis();
  const { auth, prompt } = await make({ flavor, apis });
  for (const { scope } of NORMAL) await auth.setState(scope, 'denied');
  for (const { api } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), deny(api, flavor), api);
  }
  assert.deepStrictEqual(calls, []);
  assert.equal(prompt.count, 0);
});

matrix('every gated API, prompt dismissed → <api>:fail auth cancel, nothing stored', async ({ flavor, call }) => {
  const { apis, calls } = hostApis();
  const { auth, prompt } = await make({ flavor, apis, prompt: scripted('dismiss') });
  for (const { api, scope } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), fail(`${api}:fail auth cancel`), api);
    assert.equal(auth.stateOf(scope), 'prompt');
  }
  assert.deepStrictEqual(calls, []);
  assert.equal(prompt.count, GATED.length, 'a dismissal is not remembered: every call asks again');
});

matrix('every gated API, granted but no host implementation → <api>:fail not supported', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('accept') });
  for (const { api, scope } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), fail(`${api}:fail not supported`), api);
    assert.equal(auth.stateOf(scope), 'granted', 'the authorization check ran first');
  }
  assert.equal(prompt.count, NORMAL.length);
});

matrix('every gated API, denied and no host implementation → auth deny (the check comes first)', async ({ flavor, call }) => {
  const { auth } = await make({ flavor });
  for (const { scope } of NORMAL) await auth.setState(scope, 'denied');
  for (const { api } of GATED) {
    assert.deepStrictEqual(await call(auth.api[api], {}), deny(api, flavor), api);
  }
});

matrix('every gated API, the host throws or rejects → <api>:fail <message>', async ({ flavor, call }) => {
  const apis = {};
  GATED.forEach(({ api }, i) => {
    apis[api] = i % 2 === 0
      ? () => { throw new Error(`${api} broke`); }
      : async () => { throw new TypeError(`${api} rejected`); };
  });
  const { auth } = await make({ flavor, apis });
  for (const { scope } of NORMAL) await auth.setState(scope, 'granted');
  for (const [i, { api }] of GATED.entries()) {
    const message = i % 2 === 0 ? `${api} broke` : `${api} rejected`;
    assert.deepStrictEqual(await call(auth.api[api], {}), fail(`${api}:fail ${message}`), api);
  }
});

both('the host result: async values, non-objects, and an errMsg of its own', async ({ call }) => {
  const { auth } = await make({
    apis: {
      getLocation: async (args) => ({ latitude: 31.2, longitude: 121.5, type: args.type }),
      startRecord: () => undefined,
      saveImageToPhotosAlbum: () => ({ errMsg: 'saveImageToPhotosAlbum:fail sneaky', path: '/x.png' }),
      getWeRunData: () => ({ encryptedData: 'e', iv: 'i' }),
    },
  });
  for (const scope of ['scope.userLocation', 'scope.record', 'scope.writePhotosAlbum', 'scope.werun']) {
    await auth.setState(scope, 'granted');
  }
  assert.deepStrictEqual(await call(auth.api.getLocation, { type: 'gcj02' }), ok('getLocation', { latitude: 31.2, longitude: 121.5, type: 'gcj02' }));
  assert.deepStrictEqual(await call(auth.api.startRecord, {}), ok('startRecord'));
  assert.deepStrictEqual(await call(auth.api.saveImageToPhotosAlbum, { filePath: '/x.png' }), ok('saveImageToPhotosAlbum', { path: '/x.png' }));
  assert.deepStrictEqual(await call(auth.api.getWeRunData, {}), ok('getWeRunData', { encryptedData: 'e', iv: 'i' }));
});

both('the host implementation gets the caller\'s options (callbacks included) and no options → {}', async ({ form, call }) => {
  const seen = [];
  const { auth } = await make({ apis: { getLocation: (args) => { seen.push(args); return {}; } } });
  await auth.setState('scope.userLocation', 'granted');
  await call(auth.api.getLocation, { type: 'wgs84', altitude: true });
  assert.equal(seen.length, 1);
  assert.equal(seen[0].type, 'wgs84');
  assert.equal(seen[0].altitude, true);
  if (form === 'promise') {
    await auth.api.getLocation();
    assert.deepStrictEqual(seen[1], {});
  }
});

both('a host that throws a non-Error value', async ({ call }) => {
  const { auth } = await make({
    apis: {
      getLocation: () => { throw 'no fix'; }, // eslint-disable-line no-throw-literal
      startRecord: () => Promise.reject(new Error('')),
    },
  });
  await auth.setState('scope.userLocation', 'granted');
  await auth.setState('scope.record', 'granted');
  assert.deepStrictEqual(await call(auth.api.getLocation, {}), fail('getLocation:fail "no fix"'));
  assert.deepStrictEqual(await call(auth.api.startRecord, {}), fail('startRecord:fail Error'));
});

matrix('three states in turn for one API: prompt → granted → denied → prompt again', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, apis: { addPhoneContact: () => ({ added: true }) }, prompt: scripted(['accept', 'reject']) });
  assert.deepStrictEqual(await call(auth.api.addPhoneContact, {}), ok('addPhoneContact', { added: true }));
  assert.deepStrictEqual(await call(auth.api.addPhoneContact, {}), ok('addPhoneContact', { added: true }));
  assert.equal(prompt.count, 1);
  await auth.setState('scope.addPhoneContact', 'denied');
  assert.deepStrictEqual(await call(auth.api.addPhoneContact, {}), fail(denyMsg('addPhoneContact', flavor)));
  await auth.setState('scope.addPhoneContact', 'prompt');
  assert.deepStrictEqual(await call(auth.api.addPhoneContact, {}), fail(denyMsg('addPhoneContact', flavor)));
  assert.equal(prompt.count, 2, 'forgotten: asked again (and rejected this time)');
});

matrix('getUserInfo (scope.userInfo) never prompts', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, apis: { getUserInfo: () => ({ userInfo: { nickName: 'A' } }) } });
  assert.deepStrictEqual(await call(auth.api.getUserInfo, {}), fail('getUserInfo:fail scope unauthorized'));
  assert.equal(prompt.count, 0);
});

matrix('gated APIs of location scopes refuse without a permission desc, before any prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, permission: undefined, apis: { getLocation: () => ({}) } });
  for (const api of ['getLocation', 'chooseLocation', 'startLocationUpdate', 'getFuzzyLocation']) {
    assert.deepStrictEqual(await call(auth.api[api], {}), fail(`${api}:fail require permission desc`), api);
  }
  assert.equal(prompt.count, 0);
  // With the desc, the same calls prompt.
  const withDesc = await make({ flavor, permission: DESCS, apis: { getLocation: () => ({}) } });
  assert.deepStrictEqual(await call(withDesc.auth.api.getLocation, {}), ok('getLocation'));
  assert.equal(withDesc.prompt.count, 1);
});

matrix('retired scopes\' APIs run the host implementation at once, no prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({
    flavor,
    prompt: scripted('reject'),
    apis: { chooseAddress: () => ({ userName: 'A', postalCode: '100000' }), chooseInvoiceTitle: () => ({ title: 'T' }), chooseInvoice: () => ({ invoiceInfo: 'i' }) },
  });
  assert.deepStrictEqual(await call(auth.api.chooseAddress, {}), ok('chooseAddress', { userName: 'A', postalCode: '100000' }));
  assert.deepStrictEqual(await call(auth.api.chooseInvoiceTitle, {}), ok('chooseInvoiceTitle', { title: 'T' }));
  assert.deepStrictEqual(await call(auth.api.chooseInvoice, {}), ok('chooseInvoice', { invoiceInfo: 'i' }));
  assert.equal(prompt.count, 0);
});
