// Every row of the reference's WeChat result table (platforms.md §2), through `authorize`, in both
// calling forms and all three flavors.
import assert from 'node:assert/strict';
import { make, matrix, scripted, ok, fail, deny, APP_ID, DESCS } from './helpers.mjs';

const LOCATION = 'scope.userLocation';

matrix('authorize: accepted in the prompt → authorize:ok, granted and stored', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('accept') });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'));
  assert.equal(prompt.count, 1);
  assert.equal(auth.stateOf('scope.camera'), 'granted');
  // Granted: no second prompt.
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'));
  assert.equal(prompt.count, 1);
});

matrix('authorize: rejected in the prompt → auth deny in the flavor wording, denied and stored', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('reject') });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.record' }), deny('authorize', flavor));
  assert.equal(prompt.count, 1);
  assert.equal(auth.stateOf('scope.record'), 'denied');
});

matrix('authorize: denied before → auth deny at once, no second prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('reject') });
  await auth.authorize({ scope: 'scope.werun' }).catch(() => {});
  assert.equal(prompt.count, 1);
  for (let i = 0; i < 3; i += 1) {
    assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.werun' }), deny('authorize', flavor));
  }
  assert.equal(prompt.count, 1, 'a denial is sticky: never prompted again');
  // Denied by the host (setState) is the same: no prompt.
  await auth.setState('scope.bluetooth', 'denied');
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.bluetooth' }), deny('authorize', flavor));
  assert.equal(prompt.count, 1);
});

matrix('authorize: prompt dismissed → authorize:fail auth cancel, nothing stored, next call prompts again', async ({ flavor, call }) => {
  const { auth, prompt, changes } = await make({ flavor, prompt: scripted(['dismiss', 'accept']) });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.writePhotosAlbum' }), fail('authorize:fail auth cancel'));
  assert.equal(prompt.count, 1);
  assert.equal(auth.stateOf('scope.writePhotosAlbum'), 'prompt');
  assert.deepStrictEqual((await auth.getSetting()).authSetting['scope.writePhotosAlbum'], undefined);
  assert.deepStrictEqual(changes, []);
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.writePhotosAlbum' }), ok('authorize'));
  assert.equal(prompt.count, 2, 'asked again after a dismissal');
});

matrix('authorize: unknown scope → authorize:fail invalid scope, no prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor });
  for (const scope of ['scope.nope', '', 'userLocation', 'SCOPE.USERLOCATION', 'scope.album', 'auth_user', 'scope.userLocation ']) {
    assert.deepStrictEqual(await call(auth.api.authorize, { scope }), fail('authorize:fail invalid scope'), scope);
  }
  assert.equal(prompt.count, 0);
  assert.deepStrictEqual((await auth.getSetting()).authSetting, {
    'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true,
  });
});

matrix('authorize: scope.userInfo never prompts → authorize:fail scope unauthorized', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.userInfo' }), fail('authorize:fail scope unauthorized'));
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.userInfo' }), fail('authorize:fail scope unauthorized'));
  assert.equal(prompt.count, 0, 'the prompt handler is never called for scope.userInfo');
  assert.equal(auth.stateOf('scope.userInfo'), 'prompt');
  assert.equal('scope.userInfo' in (await auth.getSetting()).authSetting, false);
});

matrix('authorize: location scope without a permission desc → authorize:fail require permission desc', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, permission: undefined });
  for (const scope of [LOCATION, 'scope.userFuzzyLocation']) {
    assert.deepStrictEqual(await call(auth.api.authorize, { scope }), fail('authorize:fail require permission desc'), scope);
    assert.equal(auth.stateOf(scope), 'prompt');
  }
  // The gated APIs refuse the same way, in their own name.
  assert.deepStrictEqual(await call(auth.api.getLocation, {}), fail('getLocation:fail require permission desc'));
  assert.deepStrictEqual(await call(auth.api.getFuzzyLocation, {}), fail('getFuzzyLocation:fail require permission desc'));
  assert.equal(prompt.count, 0);
  // A desc for one location scope does not cover the other.
  const other = await make({ flavor, permission: { [LOCATION]: { desc: 'Shops nearby' } } });
  assert.deepStrictEqual(await call(other.auth.api.authorize, { scope: 'scope.userFuzzyLocation' }), fail('authorize:fail require permission desc'));
  assert.deepStrictEqual(await call(other.auth.api.authorize, { scope: LOCATION }), ok('authorize'));
  assert.equal(other.prompt.count, 1);
});

matrix('authorize: location scope with a permission desc prompts normally', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('reject') });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: LOCATION }), deny('authorize', flavor));
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.userFuzzyLocation' }), deny('authorize', flavor));
  assert.equal(prompt.count, 2);
});

matrix('retired scopes (address, invoiceTitle, invoice): always true, authorize ok without a prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, prompt: scripted('reject') });
  const retired = ['scope.address', 'scope.invoiceTitle', 'scope.invoice'];
  assert.deepStrictEqual(await call(auth.api.getSetting, {}), ok('getSetting', {
    authSetting: { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true },
  }));
  for (const scope of retired) {
    assert.deepStrictEqual(await call(auth.api.authorize, { scope }), ok('authorize'), scope);
    assert.equal(auth.stateOf(scope), 'granted');
    // No decision is kept for them: the host cannot deny them either.
    await assert.rejects(auth.setState(scope, 'denied'), Error);
    assert.equal(auth.stateOf(scope), 'granted');
  }
  // Their APIs go straight to the host implementation (none here).
  assert.deepStrictEqual(await call(auth.api.chooseAddress, {}), fail('chooseAddress:fail not supported'));
  assert.deepStrictEqual(await call(auth.api.chooseInvoiceTitle, {}), fail('chooseInvoiceTitle:fail not supported'));
  assert.deepStrictEqual(await call(auth.api.chooseInvoice, {}), fail('chooseInvoice:fail not supported'));
  assert.equal(prompt.count, 0);
  // Still true after a reset.
  await auth.reset();
  assert.deepStrictEqual((await auth.getSetting()).authSetting, {
    'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true,
  });
});

matrix('scope.userLocationBackground never prompts: refused until the settings page grants it', async ({ flavor, call }) => {
  const { auth, prompt } = await make({
    flavor,
    permission: { ...DESCS, 'scope.userLocationBackground': { desc: 'Track your run' } },
    apis: { startLocationUpdateBackground: () => ({}) },
  });
  const scope = 'scope.userLocationBackground';
  assert.deepStrictEqual(await call(auth.api.authorize, { scope }), deny('authorize', flavor));
  assert.deepStrictEqual(await call(auth.api.startLocationUpdateBackground, {}), deny('startLocationUpdateBackground', flavor));
  assert.equal(prompt.count, 0, 'never prompted');
  assert.equal(auth.stateOf(scope), 'prompt', 'nothing recorded by asking');
  // Once granted (settings page / host), it proceeds.
  await auth.setState(scope, 'granted');
  assert.deepStrictEqual(await call(auth.api.authorize, { scope }), ok('authorize'));
  assert.deepStrictEqual(await call(auth.api.startLocationUpdateBackground, {}), ok('startLocationUpdateBackground'));
  assert.equal(prompt.count, 0);
});

matrix('scope.userLocationBackground without a desc also never prompts', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.userLocationBackground' }), deny('authorize', flavor));
  assert.equal(prompt.count, 0);
  assert.equal(auth.stateOf('scope.userLocationBackground'), 'prompt');
});

matrix('the prompt request names the app, scope, label, desc and the calling API', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, appName: 'Shop Finder', apis: { getLocation: () => ({ latitude: 1, longitude: 2 }) } });
  await call(auth.api.authorize, { scope: LOCATION });
  await call(auth.api.getFuzzyLocation, {});
  await call(auth.api.startRecord, {});
  assert.deepStrictEqual(prompt.requests, [
    { appId: APP_ID, appName: 'Shop Finder', platform: 'wechat', scope: LOCATION, label: 'Geographic location', desc: 'Show shops near you', api: 'authorize' },
    { appId: APP_ID, appName: 'Shop Finder', platform: 'wechat', scope: 'scope.userFuzzyLocation', label: 'Approximate location', desc: 'Show your city', api: 'getFuzzyLocation' },
    { appId: APP_ID, appName: 'Shop Finder', platform: 'wechat', scope: 'scope.record', label: 'Recording feature', desc: null, api: 'startRecord' },
  ]);
});

matrix('the prompt request through a gated API names that API (getLocation)', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor, apis: { getLocation: () => ({ latitude: 1, longitude: 2 }) } });
  assert.deepStrictEqual(await call(auth.api.getLocation, { type: 'wgs84' }), ok('getLocation', { latitude: 1, longitude: 2 }));
  assert.deepStrictEqual(prompt.requests, [
    { appId: APP_ID, appName: APP_ID, platform: 'wechat', scope: LOCATION, label: 'Geographic location', desc: 'Show shops near you', api: 'getLocation' },
  ]);
});

matrix('a Promise answer from the prompt handler counts', async ({ flavor, call }) => {
  const { auth } = await make({ flavor, prompt: scripted(() => Promise.resolve('reject')) });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), deny('authorize', flavor));
  assert.equal(auth.stateOf('scope.camera'), 'denied');
});

matrix('no prompt handler in Node: every prompt is dismissed, with one warning', async ({ flavor, call }) => {
  const { auth, errors } = await make({ flavor, prompt: undefined });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail auth cancel'));
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.record' }), fail('authorize:fail auth cancel'));
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /no prompt handler/);
});
