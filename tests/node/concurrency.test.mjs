// Concurrency: one prompt per undecided scope whoever asks; prompts for different scopes one at a
// time, in call order; a scope decided while its prompt waits in the queue is not prompted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { make, both, matrix, call, scripted, delay, ok, fail, deny, started } from './helpers.mjs';

/** A prompt handler that logs enter/exit around a delay, to see overlap and order. */
function slowPrompt(answer = 'accept', ms = 15) {
  const log = [];
  let open = 0;
  let maxOpen = 0;
  const handler = scripted(async (request) => {
    open += 1;
    maxOpen = Math.max(maxOpen, open);
    log.push(['enter', request.scope, request.api]);
    await delay(ms);
    log.push(['exit', request.scope, request.api]);
    open -= 1;
    return typeof answer === 'function' ? answer(request) : answer;
  });
  handler.log = log;
  Object.defineProperty(handler, 'maxOpen', { get: () => maxOpen });
  return handler;
}

/** A prompt handler that stays open until `release()`; `opened` resolves when the first one shows. */
function gatedPrompt(answer = 'accept') {
  let release;
  const gate = new Promise((resolve) => { release = resolve; });
  let opened;
  const shown = new Promise((resolve) => { opened = resolve; });
  const handler = scripted(async () => {
    opened();
    await gate;
    return answer;
  });
  handler.release = release;
  handler.opened = shown;
  return handler;
}

matrix('many concurrent calls for one undecided scope: one prompt, all get its answer (accept)', async ({ form, flavor }) => {
  const prompt = slowPrompt('accept');
  const { auth } = await make({ flavor, prompt, apis: { getLocation: () => ({ latitude: 1 }), chooseLocation: () => ({ name: 'x' }) } });
  const calls = [
    call(form, auth.api.authorize, { scope: 'scope.userLocation' }),
    call(form, auth.api.getLocation, {}),
    call(form, auth.api.authorize, { scope: 'scope.userLocation' }),
    call(form, auth.api.chooseLocation, {}),
    call(form, auth.api.startLocationUpdate, {}),
    ...Array.from({ length: 20 }, () => call(form, auth.api.authorize, { scope: 'scope.userLocation' })),
  ];
  const results = await Promise.all(calls);
  assert.equal(prompt.count, 1, 'one prompt');
  assert.equal(prompt.requests[0].api, 'authorize', 'the first caller names the prompt');
  assert.deepStrictEqual(results.slice(0, 5), [
    ok('authorize'),
    ok('getLocation', { latitude: 1 }),
    ok('authorize'),
    ok('chooseLocation', { name: 'x' }),
    fail('startLocationUpdate:fail not supported'),
  ]);
  for (const result of results.slice(5)) assert.deepStrictEqual(result, ok('authorize'));
});

matrix('many concurrent calls for one undecided scope: one prompt, all get its answer (reject)', async ({ form, flavor }) => {
  const prompt = slowPrompt('reject');
  const { auth } = await make({ flavor, prompt, apis: { startRecord: () => ({}) } });
  const results = await Promise.all([
    call(form, auth.api.startRecord, {}),
    call(form, auth.api.authorize, { scope: 'scope.record' }),
    call(form, auth.api.joinVoIPChat, {}),
    call(form, auth.api.authorize, { scope: 'scope.record' }),
  ]);
  assert.equal(prompt.count, 1);
  assert.equal(prompt.requests[0].api, 'startRecord');
  assert.deepStrictEqual(results, [
    deny('startRecord', flavor),
    deny('authorize', flavor),
    deny('joinVoIPChat', flavor),
    deny('authorize', flavor),
  ]);
});

matrix('many concurrent calls for one undecided scope: one prompt, all get its answer (dismiss)', async ({ form, flavor }) => {
  const prompt = slowPrompt('dismiss');
  const { auth } = await make({ flavor, prompt });
  const results = await Promise.all([
    call(form, auth.api.authorize, { scope: 'scope.camera' }),
    started(auth.api.createVKSession({})),
    call(form, auth.api.authorize, { scope: 'scope.camera' }),
  ]);
  assert.equal(prompt.count, 1);
  assert.deepStrictEqual(results, [
    fail('authorize:fail auth cancel'),
    2003002, // a session's start: the camera not granted
    fail('authorize:fail auth cancel'),
  ]);
  // Dismissed: the next call (after the first prompt is over) asks again.
  await auth.authorize({ scope: 'scope.camera' }).catch(() => {});
  assert.equal(prompt.count, 2);
});

both('prompts for different scopes are shown one at a time, in call order', async ({ form }) => {
  const prompt = slowPrompt((request) => (request.scope === 'scope.record' ? 'reject' : 'accept'));
  const { auth } = await make({ prompt, apis: { getWeRunData: () => ({ steps: 1 }) } });
  const results = await Promise.all([
    call(form, auth.api.authorize, { scope: 'scope.camera' }),
    call(form, auth.api.startRecord, {}),
    call(form, auth.api.authorize, { scope: 'scope.camera' }), // joins the camera prompt
    call(form, auth.api.getWeRunData, {}),
    call(form, auth.api.authorize, { scope: 'scope.userLocation' }),
    call(form, auth.api.authorize, { scope: 'scope.record' }), // joins the record prompt
    call(form, auth.api.authorize, { scope: 'scope.bluetooth' }),
  ]);
  assert.equal(prompt.maxOpen, 1, 'never two prompts at once');
  assert.deepStrictEqual(prompt.log, [
    ['enter', 'scope.camera', 'authorize'], ['exit', 'scope.camera', 'authorize'],
    ['enter', 'scope.record', 'startRecord'], ['exit', 'scope.record', 'startRecord'],
    ['enter', 'scope.werun', 'getWeRunData'], ['exit', 'scope.werun', 'getWeRunData'],
    ['enter', 'scope.userLocation', 'authorize'], ['exit', 'scope.userLocation', 'authorize'],
    ['enter', 'scope.bluetooth', 'authorize'], ['exit', 'scope.bluetooth', 'authorize'],
  ]);
  assert.deepStrictEqual(results, [
    ok('authorize'),
    deny('startRecord', 'devtools'),
    ok('authorize'),
    ok('getWeRunData', { steps: 1 }),
    ok('authorize'),
    deny('authorize', 'devtools'),
    ok('authorize'),
  ]);
});

both('a failing prompt (throw, timeout, garbage, dismiss) does not stall the queue', async ({ form }) => {
  const log = [];
  const { auth, errors } = await make({
    promptTimeout: 50,
    prompt: async (request) => {
      log.push(request.scope);
      switch (request.scope) {
        case 'scope.camera': throw new Error('dialog broke');
        case 'scope.record': return new Promise(() => {}); // hangs
        case 'scope.werun': return 'maybe';
        case 'scope.bluetooth': return 'dismiss';
        default: return 'accept';
      }
    },
  });
  const results = await Promise.all([
    call(form, auth.api.authorize, { scope: 'scope.camera' }),
    call(form, auth.api.authorize, { scope: 'scope.record' }),
    call(form, auth.api.authorize, { scope: 'scope.werun' }),
    call(form, auth.api.authorize, { scope: 'scope.bluetooth' }),
    call(form, auth.api.authorize, { scope: 'scope.addPhoneContact' }),
  ]);
  assert.deepStrictEqual(log, ['scope.camera', 'scope.record', 'scope.werun', 'scope.bluetooth', 'scope.addPhoneContact']);
  assert.deepStrictEqual(results, [
    fail('authorize:fail prompt failed: dialog broke'),
    fail('authorize:fail prompt timeout'),
    fail('authorize:fail invalid prompt answer: "maybe"'),
    fail('authorize:fail auth cancel'),
    ok('authorize'),
  ]);
  assert.deepStrictEqual(errors.map((e) => e.message), ['dialog broke']);
});

matrix('a scope decided (setState) while queued is not prompted', async ({ form, flavor }) => {
  const prompt = gatedPrompt('accept');
  const { auth } = await make({ flavor, prompt, apis: { openBluetoothAdapter: () => ({ ready: true }) } });
  const first = call(form, auth.api.authorize, { scope: 'scope.camera' });
  const granted = call(form, auth.api.authorize, { scope: 'scope.record' });
  const grantedApi = call(form, auth.api.openBluetoothAdapter, {});
  const denied = call(form, auth.api.authorize, { scope: 'scope.werun' });
  const forgotten = call(form, auth.api.authorize, { scope: 'scope.addPhoneContact' });
  await prompt.opened; // the camera prompt is open; the others wait their turn
  assert.equal(prompt.count, 1);
  await auth.setState('scope.record', 'granted');
  await auth.setState('scope.bluetooth', 'granted');
  await auth.setState('scope.werun', 'denied');
  await auth.setState('scope.addPhoneContact', 'denied');
  await auth.setState('scope.addPhoneContact', 'prompt'); // decided, then forgotten: still asked
  prompt.release();
  assert.deepStrictEqual(await Promise.all([first, granted, grantedApi, denied, forgotten]), [
    ok('authorize'),
    ok('authorize'),
    ok('openBluetoothAdapter', { ready: true }),
    deny('authorize', flavor),
    ok('authorize'),
  ]);
  assert.deepStrictEqual(prompt.requests.map((r) => r.scope), ['scope.camera', 'scope.addPhoneContact']);
});

both('calls for an already decided scope do not wait behind another scope\'s prompt', async ({ form }) => {
  const prompt = gatedPrompt('accept');
  const { auth } = await make({ prompt });
  await auth.setState('scope.werun', 'granted');
  await auth.setState('scope.record', 'denied');
  const slow = call(form, auth.api.authorize, { scope: 'scope.camera' });
  await prompt.opened;
  // The camera prompt stays open until released: these must not wait for it.
  assert.deepStrictEqual(await call(form, auth.api.authorize, { scope: 'scope.werun' }), ok('authorize'));
  assert.deepStrictEqual(await call(form, auth.api.authorize, { scope: 'scope.record' }), deny('authorize', 'devtools'));
  assert.deepStrictEqual(await call(form, auth.api.getSetting, {}), ok('getSetting', {
    authSetting: { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true, 'scope.werun': true, 'scope.record': false },
  }));
  prompt.release();
  assert.deepStrictEqual(await slow, ok('authorize'));
});

test('two authorizers prompt independently', async () => {
  const a = await make({ appId: 'wx-a', prompt: slowPrompt('accept', 20) });
  const b = await make({ appId: 'wx-b', prompt: slowPrompt('reject', 20) });
  const results = await Promise.all([
    a.auth.authorize({ scope: 'scope.camera' }),
    b.auth.authorize({ scope: 'scope.camera' }).catch((res) => res),
  ]);
  assert.deepStrictEqual(results, [{ errMsg: 'authorize:ok' }, { errMsg: 'authorize:fail auth deny' }]);
  assert.equal(a.prompt.count, 1);
  assert.equal(b.prompt.count, 1);
});

both('re-entrant calls from callbacks, listeners and the prompt handler', async ({ form }) => {
  let auth;
  const seenInPrompt = [];
  const made = await make({
    prompt: scripted(async (request) => {
      seenInPrompt.push([auth.stateOf(request.scope), (await auth.getSetting()).authSetting[request.scope]]);
      return 'accept';
    }),
  });
  auth = made.auth;
  const nested = [];
  auth.onChange((change) => {
    // A listener that writes: runs after the machine is done with the change it reports.
    if (change.scope === 'scope.camera' && change.state === 'granted') nested.push(auth.setState('scope.record', 'denied'));
  });
  assert.deepStrictEqual(await call(form, auth.api.authorize, { scope: 'scope.camera' }), ok('authorize'));
  await Promise.all(nested);
  assert.equal(auth.stateOf('scope.record'), 'denied');
  assert.deepStrictEqual(seenInPrompt, [['prompt', undefined]]);
  // A success callback that makes another call.
  const inner = await new Promise((resolve) => {
    auth.authorize({ scope: 'scope.camera', success: () => auth.authorize({ scope: 'scope.werun', complete: resolve }) });
  });
  assert.deepStrictEqual(inner, { errMsg: 'authorize:ok' });
  assert.equal(auth.stateOf('scope.werun'), 'granted');
});
