// Bad input: WeChat's parameter-error and fail wording, never a wasm panic or an uncaught exception.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { make, both, matrix, call, scripted, delay, settle, ok, fail, createAuthorizer, started } from './helpers.mjs';

const paramError = (api, sentence) => fail(`${api}:fail parameter error: ${sentence}`);

// --- the scope -----------------------------------------------------------------------------------

const SCOPE_TYPES = [
  ['Undefined', undefined],
  ['Number', 42],
  ['Number', NaN],
  ['Null', null],
  ['Object', {}],
  ['Object', new String('scope.camera')],
  ['Array', ['scope.camera']],
  ['Boolean', true],
  ['Function', () => 'scope.camera'],
];

matrix('authorize with a missing or non-string scope → parameter error, no prompt', async ({ flavor, call }) => {
  const { auth, prompt } = await make({ flavor });
  assert.deepStrictEqual(await call(auth.api.authorize, {}), paramError('authorize', 'parameter.scope should be String instead of Undefined;'));
  for (const [name, scope] of SCOPE_TYPES) {
    assert.deepStrictEqual(
      await call(auth.api.authorize, { scope }),
      paramError('authorize', `parameter.scope should be String instead of ${name};`),
      name,
    );
  }
  assert.equal(prompt.count, 0);
  assert.deepStrictEqual((await auth.getSetting()).authSetting, { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true });
});

test('authorize with a missing scope: the exact sentence from the reference', async () => {
  const { auth } = await make();
  await assert.rejects(auth.authorize({}), { errMsg: 'authorize:fail parameter error: parameter.scope should be String instead of Undefined;' });
  await assert.rejects(auth.api.authorize({ scope: undefined }), { errMsg: 'authorize:fail parameter error: parameter.scope should be String instead of Undefined;' });
});

// --- non-object options --------------------------------------------------------------------------

const NON_OBJECTS = [
  ['Number', 42],
  ['String', 'x'],
  ['Null', null],
  ['Array', []],
  ['Undefined', undefined],
];

test('authorize with non-object options → parameter error (Promise form)', async () => {
  const { auth, prompt } = await make();
  for (const [name, options] of NON_OBJECTS) {
    await assert.rejects(auth.authorize(options), { errMsg: `authorize:fail parameter error: parameter should be Object instead of ${name};` }, name);
    await assert.rejects(auth.api.authorize(options), { errMsg: `authorize:fail parameter error: parameter should be Object instead of ${name};` }, name);
  }
  await assert.rejects(auth.api.authorize(), { errMsg: 'authorize:fail parameter error: parameter should be Object instead of Undefined;' });
  assert.equal(prompt.count, 0);
});

test('gated APIs, getSetting and openSetting with non-object options → parameter error; no options is fine', async () => {
  const { auth } = await make({ apis: { getLocation: () => ({ latitude: 1 }) }, settings: async () => ({}) });
  await auth.setState('scope.userLocation', 'granted');
  for (const [name, options] of NON_OBJECTS.filter(([name]) => name !== 'Undefined')) {
    for (const api of ['getLocation', 'saveImageToPhotosAlbum', 'getSetting', 'openSetting']) {
      await assert.rejects(auth.api[api](options), { errMsg: `${api}:fail parameter error: parameter should be Object instead of ${name};` }, `${api}(${name})`);
    }
  }
  assert.deepStrictEqual(await auth.api.getLocation(), { errMsg: 'getLocation:ok', latitude: 1 });
  assert.deepStrictEqual(await auth.api.getSetting(), { errMsg: 'getSetting:ok', authSetting: { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true, 'scope.userLocation': true } });
  assert.deepStrictEqual((await auth.api.openSetting()).errMsg, 'openSetting:ok');
});

test('an array carrying callbacks: parameter error through the callbacks, complete once, no stray rejection', async () => {
  const { auth } = await make();
  for (const api of ['authorize', 'getLocation', 'getSetting', 'openSetting']) {
    const events = [];
    const options = Object.assign([], {
      success: (res) => events.push(['success', res]),
      fail: (res) => events.push(['fail', res]),
      complete: (res) => events.push(['complete', res]),
    });
    assert.equal(auth.api[api](options), undefined, `${api}: callback form returns undefined`);
    await settle();
    const res = { errMsg: `${api}:fail parameter error: parameter should be Object instead of Array;` };
    assert.deepStrictEqual(events, [['fail', res], ['complete', res]], api);
  }
});

both('bad options with callbacks: complete still runs once, after fail', async ({ call }) => {
  const { auth } = await make();
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 7 }), paramError('authorize', 'parameter.scope should be String instead of Number;'));
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: null }), paramError('authorize', 'parameter.scope should be String instead of Null;'));
});

test('only some callbacks given: the callback form still applies (no Promise)', async () => {
  const { auth } = await make({ prompt: scripted('reject') });
  const order = [];
  assert.equal(auth.authorize({ scope: 'scope.camera', complete: (res) => order.push(['complete', res]) }), undefined);
  assert.equal(auth.authorize({ scope: 'scope.camera', fail: (res) => order.push(['fail', res]) }), undefined);
  assert.equal(auth.authorize({ scope: 'scope.camera', success: (res) => order.push(['success', res]) }), undefined);
  await delay(10);
  const res = { errMsg: 'authorize:fail auth deny' };
  assert.deepStrictEqual(order, [['complete', res], ['fail', res]]);
  // Non-function callback values do not count: Promise form.
  const returned = auth.authorize({ scope: 'scope.camera', success: 'yes', complete: null });
  assert.ok(returned instanceof Promise);
  await assert.rejects(returned, res);
});

// --- the prompt handler --------------------------------------------------------------------------

matrix('a prompt handler that throws → authorize:fail prompt failed: <msg>, nothing stored, reported', async ({ flavor, call }) => {
  let attempt = 0;
  const { auth, errors, changes } = await make({
    flavor,
    prompt: () => {
      attempt += 1;
      if (attempt === 1) throw new Error('dialog broke');
      if (attempt === 2) return Promise.reject(new RangeError('async broke'));
      return 'accept';
    },
  });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail prompt failed: dialog broke'));
  assert.equal(await started(auth.api.createVKSession({})), 2000000, 'a session\'s start: system error');
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepStrictEqual(changes, []);
  assert.deepStrictEqual(errors.map((e) => e.message), ['dialog broke', 'async broke']);
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'), 'asked again, then accepted');
  assert.equal(attempt, 3);
});

both('a prompt handler that throws a non-Error value', async ({ call }) => {
  const { auth } = await make({ prompt: () => { throw 'nope'; } }); // eslint-disable-line no-throw-literal
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail prompt failed: "nope"'));
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
});

matrix('a prompt handler that hangs past promptTimeout → authorize:fail prompt timeout, nothing stored', async ({ flavor, call }) => {
  const prompt = scripted(() => new Promise(() => {}));
  const { auth, changes } = await make({ flavor, prompt, promptTimeout: 50 });
  const started = Date.now();
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail prompt timeout'));
  assert.ok(Date.now() - started >= 45, 'waited for the timeout');
  assert.deepStrictEqual(await call(auth.api.saveImageToPhotosAlbum, {}), fail('saveImageToPhotosAlbum:fail prompt timeout'));
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepStrictEqual(changes, []);
  assert.equal(prompt.count, 2);
  for (const signal of prompt.signals) {
    assert.ok(signal instanceof AbortSignal);
    assert.equal(signal.aborted, true, 'the timed-out prompt is aborted through request.signal');
  }
});

both('a prompt answered after the timeout is ignored', async ({ call }) => {
  const { auth, changes } = await make({ prompt: () => delay(120, 'accept'), promptTimeout: 50 });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail prompt timeout'));
  await delay(120);
  assert.equal(auth.stateOf('scope.camera'), 'prompt');
  assert.deepStrictEqual(changes, []);
});

both('a prompt that answers in time under a timeout counts', async ({ call }) => {
  const { auth } = await make({ prompt: () => delay(10, 'accept'), promptTimeout: 200 });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'));
});

const GARBAGE = [
  ['yes', '"yes"'],
  [42, '42'],
  [undefined, 'undefined'],
  [{}, '{}'],
  [null, 'null'],
  [true, 'true'],
  ['Accept', '"Accept"'],
  [['accept'], '["accept"]'],
];

matrix('a prompt handler that returns garbage → authorize:fail invalid prompt answer: ..., nothing stored', async ({ flavor, call }) => {
  for (const [answer, shown] of GARBAGE) {
    const { auth, changes } = await make({ flavor, prompt: scripted(() => answer) });
    assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail(`authorize:fail invalid prompt answer: ${shown}`), shown);
    assert.deepStrictEqual(await call(auth.api.startRecord, {}), fail(`startRecord:fail invalid prompt answer: ${shown}`), shown);
    assert.equal(auth.stateOf('scope.camera'), 'prompt');
    assert.deepStrictEqual(changes, []);
  }
});

both('a prompt handler resolving garbage asynchronously', async ({ call }) => {
  const { auth } = await make({ prompt: async () => ({ answer: 'accept' }) });
  assert.deepStrictEqual(await call(auth.api.authorize, { scope: 'scope.camera' }), fail('authorize:fail invalid prompt answer: {"answer":"accept"}'));
});

// --- callbacks that throw ------------------------------------------------------------------------

for (const form of ['callback']) {
  for (const thrower of ['success', 'fail', 'complete']) {
    test(`a ${thrower} callback that throws: complete still runs, later calls work, error goes to onError [${form}]`, async () => {
      const { auth, errors } = await make({ prompt: scripted((r) => (r.scope === 'scope.record' ? 'reject' : 'accept')) });
      const extra = { [thrower]: () => { throw new Error(`${thrower} threw`); } };
      const scope = thrower === 'fail' ? 'scope.record' : 'scope.camera';
      const expected = thrower === 'fail' ? fail('authorize:fail auth deny') : ok('authorize');
      assert.deepStrictEqual(await call(form, auth.api.authorize, { scope }, extra), expected);
      assert.deepStrictEqual(errors.map((e) => e.message), [`${thrower} threw`]);
      // Later calls are fine, in both forms.
      assert.deepStrictEqual(await call('callback', auth.api.authorize, { scope }), expected);
      assert.deepStrictEqual(await call('promise', auth.api.authorize, { scope }), expected);
      assert.deepStrictEqual(await call('callback', auth.api.getSetting, {}), ok('getSetting', {
        authSetting: { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true, [scope]: thrower !== 'fail' },
      }));
      assert.equal(errors.length, 1);
    });
  }
}

test('a throwing callback with no onError listener is logged, not thrown', async () => {
  const auth = await createAuthorizer({ appId: 'wx-quiet', storage: 'memory', prompt: () => 'accept' });
  const logged = [];
  const original = console.error;
  console.error = (...args) => logged.push(args);
  try {
    let completed = 0;
    auth.authorize({ scope: 'scope.camera', success: () => { throw new Error('boom'); }, complete: () => { completed += 1; } });
    await delay(10);
    assert.equal(completed, 1);
  } finally {
    console.error = original;
  }
  assert.equal(logged.length, 1);
  assert.ok(logged[0].some((part) => part instanceof Error && part.message === 'boom'));
});

test('a throwing onError listener does not escape', async () => {
  const { auth } = await make();
  auth.onError(() => { throw new Error('listener broke too'); });
  const original = console.error;
  const logged = [];
  console.error = (...args) => logged.push(args);
  try {
    auth.getSetting({ success: () => { throw new Error('boom'); } });
    await delay(10);
  } finally {
    console.error = original;
  }
  assert.equal(logged.length, 1);
});

// --- createAuthorizer with bad options -----------------------------------------------------------

const BAD_OPTIONS = [
  ['appId missing', {}, /option appId /],
  ['appId empty', { appId: '' }, /option appId /],
  ['appId a number', { appId: 1234 }, /option appId /],
  ['userId empty', { userId: '' }, /option userId /],
  ['userId a number', { userId: 7 }, /option userId /],
  ['flavor windows', { flavor: 'windows' }, /option flavor /],
  ['platform line', { platform: 'line' }, /option platform /],
  ['privacy not an object', { privacy: 'all' }, /option privacy must be an object/],
  ['privacy.declared a number', { privacy: { declared: 3 } }, /option privacy\.declared /],
  ['privacy.declared names no kind', { privacy: { declared: ['telepathy'] } }, /option privacy\.declared names no kind .*"telepathy"/],
  ['privacy contract name blank', { privacy: { privacyContractName: ' ' } }, /option privacy\.privacyContractName /],
  ['privacy gap not a number', { privacy: { officialPrivacyAuthorizationShowingGap: '10' } }, /option privacy\.officialPrivacyAuthorizationShowingGap /],
  ['baseLibrary not a version', { baseLibrary: '2.x' }, /option baseLibrary /],
  ['baseLibrary on alipay', { platform: 'alipay', baseLibrary: '2.3.0' }, /option baseLibrary is WeChat's/],
  ['privacy on baidu', { platform: 'baidu', privacy: {} }, /option privacy is WeChat's privacy layer/],
  ['permission desc over 30 chars', { permission: { 'scope.userLocation': { desc: 'x'.repeat(31) } } }, /option permission\["scope\.userLocation"\]\.desc /],
  ['permission desc missing', { permission: { 'scope.userLocation': {} } }, /option permission\["scope\.userLocation"\]\.desc /],
  ['permission not an object', { permission: 'scope.userLocation' }, /option permission /],
  ['prompt not a function or an answer', { prompt: 'always' }, /option prompt /],
  ['prompt a script with a wrong answer', { prompt: ['accept', 'yes'] }, /option prompt /],
  ['settings not a function', { settings: {} }, /option settings /],
  ['apis not an object', { apis: 42 }, /option apis /],
  ['apis an array', { apis: [() => {}] }, /option apis /],
  ['apis entry not a function', { apis: { getLocation: 'yes' } }, /option apis\.getLocation /],
  ['promptTimeout -1', { promptTimeout: -1 }, /option promptTimeout /],
  ['promptTimeout a string', { promptTimeout: '50' }, /option promptTimeout /],
  ['storage cloud', { storage: 'cloud' }, /option storage /],
];

for (const [name, options, message] of BAD_OPTIONS) {
  test(`createAuthorizer rejects with an Error naming the option: ${name}`, async () => {
    const given = 'appId' in options || name === 'appId missing' ? options : { appId: 'wx-bad', ...options };
    const promise = createAuthorizer(given);
    assert.ok(promise instanceof Promise, 'rejects, does not throw synchronously');
    await assert.rejects(promise, (error) => {
      assert.ok(error instanceof Error, 'an Error');
      assert.match(error.message, message);
      return true;
    });
  });
}

test('createAuthorizer with non-object options rejects with an Error', async () => {
  for (const options of [undefined, null, 42, 'wx1234', []]) {
    await assert.rejects(createAuthorizer(options), (error) => error instanceof Error && /options/.test(error.message), String(options));
  }
});

test('createAuthorizer accepts the documented good options', async () => {
  for (const flavor of ['devtools', 'ios', 'android']) {
    const auth = await createAuthorizer({
      appId: 'wx1234',
      userId: 'alice',
      platform: 'wechat',
      flavor,
      permission: { 'scope.userLocation': { desc: 'x'.repeat(30) } },
      prompt: () => 'accept',
      apis: { getLocation: () => ({}) },
      promptTimeout: 0,
      storage: 'memory',
    });
    assert.equal(auth.appId, 'wx1234');
    assert.equal(auth.userId, 'alice');
  }
});

// --- unknown names in the host hooks -------------------------------------------------------------

test('stateOf/setState with an unknown scope: TypeError, nothing thrown asynchronously', async () => {
  const { auth } = await make();
  assert.throws(() => auth.stateOf('scope.nope'), TypeError);
  await assert.rejects(auth.setState('scope.nope', 'granted'), TypeError);
  await assert.rejects(auth.setState('scope.camera', 'yes'), TypeError);
});

test('many distinct garbage scopes do not break later calls', async () => {
  const { auth } = await make();
  for (let i = 0; i < 3000; i += 1) {
    await assert.rejects(auth.authorize({ scope: `scope.nope${i}` }), { errMsg: 'authorize:fail invalid scope' });
  }
  assert.deepStrictEqual(await auth.authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:ok' });
});

