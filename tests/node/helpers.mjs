// Shared helpers for the node:test suite of the public JS API (issue 2).
//
// - `both(name, fn)` registers a case once per calling form ('callback' and 'promise'); `fn` gets
//   `{ form, call }`, where `call(method, options)` runs the call in that form and comes back with
//   `{ ok, res }` after checking the form's contract (callbacks: returns undefined, exactly one of
//   success/fail, then complete exactly once with the same object; Promise: resolves with the
//   success object, rejects with the fail object, never an Error).
// - `matrix(name, fn)` is `both` for each flavor ('devtools', 'ios', 'android').
// - `scripted(answers)` is a prompt handler that records its requests.
// - `make(options)` creates an authorizer with test defaults and collects its `error` events.
// - Importing this module installs a guard: an unhandled rejection or uncaught exception anywhere in
//   the file fails the run.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createAuthorizer } from '../../pkg/index.js';

export { createAuthorizer };

export const FORMS = ['callback', 'promise'];
export const FLAVORS = ['devtools', 'ios', 'android'];
export const APP_ID = 'wx-test';
export const DESCS = {
  'scope.userLocation': { desc: 'Show shops near you' },
  'scope.userFuzzyLocation': { desc: 'Show your city' },
};

// --- the guard ---------------------------------------------------------------------------------

const escaped = [];
process.on('unhandledRejection', (reason) => {
  escaped.push(['unhandledRejection', reason]);
  process.exitCode = 1;
});
process.on('uncaughtException', (error) => {
  escaped.push(['uncaughtException', error]);
  process.exitCode = 1;
});

after(async () => {
  // Let late rejections surface before judging.
  await delay(20);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepStrictEqual(escaped, [], 'no unhandled rejection or uncaught exception');
});

/** What escaped so far (for a test that wants to check right after a risky call). */
export const escapedSoFar = () => [...escaped];

// --- small tools -------------------------------------------------------------------------------

export const delay = (ms, value) => new Promise((resolve) => setTimeout(resolve, ms, value));

/** Lets pending callbacks and microtasks run. */
export async function settle(rounds = 3) {
  for (let i = 0; i < rounds; i += 1) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * A prompt handler answering from a script: a string (always that), an array (in turn; the last
 * one repeats) or a function of the request. Records every request in `.requests` (without its
 * `signal`, which goes to `.signals`).
 */
export function scripted(...script) {
  const answers = script.length === 0 ? 'accept' : script[0]; // scripted(undefined) answers undefined
  const requests = [];
  const signals = [];
  const handler = (request) => {
    // `signal` (aborted when the prompt times out) is kept apart so requests compare as data.
    const { signal, ...data } = request;
    requests.push(data);
    signals.push(signal);
    if (typeof answers === 'function') return answers(request, requests.length - 1);
    if (Array.isArray(answers)) return answers[Math.min(requests.length - 1, answers.length - 1)];
    return answers;
  };
  handler.requests = requests;
  handler.signals = signals;
  Object.defineProperty(handler, 'count', { get: () => requests.length });
  return handler;
}

/** An authorizer with test defaults: memory storage, location descs, a scripted prompt. */
export async function make(options = {}) {
  const prompt = 'prompt' in options ? options.prompt : scripted('accept');
  const auth = await createAuthorizer({
    appId: APP_ID,
    storage: 'memory',
    permission: DESCS,
    ...options,
    prompt,
  });
  const errors = [];
  auth.onError((error) => errors.push(error));
  const changes = [];
  auth.onChange((change) => changes.push(change));
  return { auth, prompt, errors, changes };
}

// --- the calling forms ---------------------------------------------------------------------------

/**
 * Runs `method(options)` in `form` and returns `{ ok, res }`. In the callback form, `extra` may
 * supply callbacks that run before the recording ones (e.g. ones that throw).
 */
export async function call(form, method, options = {}, extra = {}) {
  if (form === 'promise') {
    const returned = method(options);
    assert.ok(returned instanceof Promise, 'Promise form returns a Promise');
    try {
      return { ok: true, res: await returned };
    } catch (res) {
      assert.ok(!(res instanceof Error), `rejects with the fail object, not an Error: ${res?.stack ?? res}`);
      return { ok: false, res };
    }
  }
  const events = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const record = (kind) => (res) => {
    events.push([kind, res]);
    try {
      extra[kind]?.(res);
    } finally {
      if (kind === 'complete') done();
    }
  };
  const returned = method({
    ...(isPlain(options) ? options : {}),
    success: record('success'),
    fail: record('fail'),
    complete: record('complete'),
  });
  assert.equal(returned, undefined, 'callback form returns undefined');
  await Promise.race([finished, delay(2000).then(() => assert.fail(`complete never ran: ${JSON.stringify(events)}`))]);
  await settle(); // a second success/fail/complete would show up here
  assert.equal(events.length, 2, `exactly one of success/fail, then complete once: ${JSON.stringify(events.map((e) => e[0]))}`);
  const [[kind, res], [last, completed]] = events;
  assert.ok(kind === 'success' || kind === 'fail', `first callback is success or fail, got ${kind}`);
  assert.equal(last, 'complete', 'complete runs after success/fail');
  assert.deepStrictEqual(completed, res, 'complete gets the same result');
  return { ok: kind === 'success', res };
}

const isPlain = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Registers `name` once per calling form; `fn({ form, call })`, `call(method, options, extra)`. */
export function both(name, fn, options = {}) {
  for (const form of FORMS) {
    test(`${name} [${form}]`, options, () => fn({ form, call: (method, args, extra) => call(form, method, args, extra) }));
  }
}

/** `both` for each flavor: `fn({ form, flavor, call })`. */
export function matrix(name, fn, options = {}) {
  for (const flavor of FLAVORS) {
    both(`${name} (${flavor})`, (context) => fn({ ...context, flavor }), options);
  }
}

// --- expected wording ----------------------------------------------------------------------------

export const ok = (api, extra = {}) => ({ ok: true, res: { errMsg: `${api}:ok`, ...extra } });
export const fail = (errMsg) => ({ ok: false, res: { errMsg } });

/** A refusal in the flavor's wording: `authorize:fail:auth deny`, `getLocation:fail:auth denied` on Android. */
export function denyMsg(api, flavor) {
  if (flavor !== 'android') return `${api}:fail auth deny`;
  return api === 'authorize' ? 'authorize:fail:auth deny' : `${api}:fail:auth denied`;
}

export const deny = (api, flavor) => fail(denyMsg(api, flavor));

// --- session APIs (createVKSession) ----------------------------------------------------------------

/**
 * Calls `session.start(callback)` and resolves with the status the callback got, after checking
 * that start returned undefined at once, and that the callback ran exactly once, not synchronously.
 */
export async function started(session) {
  const statuses = [];
  let returned = false;
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const value = session.start((status) => {
    assert.ok(returned, 'the callback runs after start returned');
    statuses.push(status);
    done();
  });
  returned = true;
  assert.equal(value, undefined, 'start returns undefined');
  await Promise.race([finished, delay(2000).then(() => assert.fail('start never called back'))]);
  await settle();
  assert.equal(statuses.length, 1, `the callback runs once: ${JSON.stringify(statuses)}`);
  return statuses[0];
}
