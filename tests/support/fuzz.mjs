// A seeded fuzz of the public API as a hostile caller and a hostile host would use it: every
// platform, both calling forms, options whose getters and Proxy traps throw, revoked Proxies,
// functions carrying callbacks, callbacks that throw errors whose `message` and `stack` throw,
// prompt / settings / API handlers answering with such values. It counts what must never happen:
//
// - `syncThrows`: a platform call or facade method that threw (hooks may throw their TypeError);
// - `completeNotOnce`: a call given an own `complete` whose `complete` did not run exactly once,
//   or a Promise-form call that did not settle, or settled with anything but the fail object
//   (the `@uni` form, which returns a Promise in both forms, is checked for `complete` only);
// - `unhandled`: unhandled rejections and uncaught exceptions;
// - `traps`: wasm traps (`RuntimeError`) seen anywhere;
// - `unhealthy`: 1 when a fresh authorizer does not grant and deny as it should afterwards.
//
// `npm run fuzz` runs 100,000 calls and the memory check (1,000 distinct 1 MB unknown scopes);
// tests/node/fuzz.test.mjs runs a few thousand. Usage: node tests/support/fuzz.mjs [calls] [seed]
import { format } from 'node:util';
import { fileURLToPath } from 'node:url';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createAuthorizer, authorize as uniAuthorize } from '../../pkg/index.js';

const PLATFORMS = ['wechat', 'wechat-minigame', 'alipay', 'bytedance', 'baidu', 'kuaishou'];
const PERMISSION = {
  'scope.userLocation': { desc: 'fuzz' },
  'scope.userFuzzyLocation': { desc: 'fuzz' },
  'scope.userLocationBackground': { desc: 'fuzz' },
};

/** mulberry32: small, fast, good enough to pick cases; the same seed gives the same run. */
function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (n) => Math.floor(next() * n);
  next.pick = (list) => list[next.int(list.length)];
  next.chance = (p) => next() < p;
  return next;
}

// --- hostile values ------------------------------------------------------------------------------

function revokedProxy() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
}

const throwingTraps = () => new Proxy({}, Object.fromEntries(
  ['get', 'has', 'ownKeys', 'getOwnPropertyDescriptor', 'getPrototypeOf', 'set', 'defineProperty']
    .map((trap) => [trap, () => { throw new Error(`trap ${trap}`); }]),
));

/** An Error whose message, name, stack and toString all throw. */
function hostileError() {
  const error = new Error('x');
  for (const key of ['stack', 'message', 'name']) Object.defineProperty(error, key, { get() { throw new Error(key); } });
  error.toString = () => { throw new Error('toString'); };
  return error;
}

function unprintable() {
  const fn = () => {};
  fn.toString = () => { throw new Error('toString'); };
  fn[Symbol.toPrimitive] = () => { throw new Error('toPrimitive'); };
  return fn;
}

/** Something to throw, or to answer with: the kinds of value a hostile handler gives. */
function hostileValue(rand) {
  switch (rand.int(9)) {
    case 0: return hostileError();
    case 1: return revokedProxy();
    case 2: return throwingTraps();
    case 3: return unprintable();
    case 4: return Symbol('s');
    case 5: return 10n;
    case 6: return { then() { throw new Error('then'); } };
    case 7: return Object.create(null);
    default: return new Error('plain');
  }
}

// --- authorizers ---------------------------------------------------------------------------------

function promptHandler(rand) {
  return () => {
    const roll = rand.int(20);
    if (roll < 6) return 'accept';
    if (roll < 11) return 'reject';
    if (roll < 13) return 'dismiss';
    if (roll < 14) return Promise.resolve(rand.pick(['accept', 'reject']));
    if (roll < 15) throw hostileValue(rand);
    if (roll < 16) return Promise.reject(hostileValue(rand));
    if (roll < 17) return new Promise(() => {}); // the prompt timeout ends it
    return hostileValue(rand);
  };
}

function settingsHandler(rand) {
  return ({ scopes }) => {
    const roll = rand.int(6);
    if (roll === 0) throw hostileValue(rand);
    if (roll === 1) return hostileValue(rand);
    if (roll === 2) return Promise.reject(hostileValue(rand));
    const switches = {};
    for (const { scope } of scopes) if (rand.chance(0.5)) switches[scope] = rand.chance(0.5);
    if (roll === 3) Object.defineProperty(switches, 'scope.camera', { enumerable: true, get() { throw new Error('getter'); } });
    return switches;
  };
}

function apiHandlers(rand, names) {
  return Object.fromEntries(names.map((name) => [name, () => {
    const roll = rand.int(6);
    if (roll === 0) throw hostileValue(rand);
    if (roll === 1) return hostileValue(rand);
    if (roll === 2) return Promise.reject(hostileValue(rand));
    if (roll === 3) return { get latitude() { throw new Error('getter'); }, ok: true };
    return { [name]: true };
  }]));
}

async function authorizers(rand, counts) {
  const made = [];
  for (const [index, platform] of PLATFORMS.entries()) {
    const probe = await createAuthorizer({ appId: 'probe', platform, storage: 'memory' });
    const apiNames = Object.keys(probe.api).filter((name) => !['authorize', 'getAuthCode', 'getSetting', 'openSetting', 'createUserInfoButton'].includes(name));
    // The permission descs this platform takes (each takes its own set of location scopes).
    const permission = Object.fromEntries(Object.entries(PERMISSION)
      .filter(([scope]) => probe.scopes.some((row) => row.scope === scope && row.needsDesc)));
    for (const storage of ['indexeddb', 'memory']) {
      const auth = await createAuthorizer({
        appId: `fuzz-${platform}`,
        platform,
        permission,
        storage,
        indexedDB: storage === 'indexeddb' ? new IDBFactory() : undefined,
        IDBKeyRange,
        prompt: promptHandler(rand),
        promptTimeout: 5,
        settings: settingsHandler(rand),
        apis: apiHandlers(rand, apiNames.filter(() => rand.chance(0.7))),
        userInfo: rand.chance(0.5) ? { nickName: 'fuzz' } : () => hostileValue(rand),
      });
      // One authorizer per platform hears no errors: they go to the console (stubbed here), and a
      // hostile error's `stack` must not stop `complete` on that path either.
      if (index % 2 === 0 || storage === 'memory') {
        auth.onError((error) => { if (isTrap(error)) counts.traps += 1; });
      }
      // Installed into a `wx` a test tool made (its own mocks serve the gated APIs the host does
      // not): calls through it count the same as calls through auth.api.
      const target = Object.fromEntries(apiNames.map((name) => [name, mockApi(name)]));
      auth.install(target);
      made.push({ auth, platform, scopes: auth.scopes.map(({ scope }) => scope), apiNames, target });
    }
  }
  return made;
}

/** A tool's mock of a callback-only API: success, then complete, in a microtask. */
function mockApi(name) {
  return (options) => {
    let success;
    let complete;
    try {
      ({ success, complete } = options);
    } catch {}
    Promise.resolve().then(() => {
      try { success?.({ errMsg: `${name}:ok` }); } catch {}
      try { complete?.({ errMsg: `${name}:ok` }); } catch {}
    });
  };
}

const isTrap = (value) => {
  try {
    return value instanceof WebAssembly.RuntimeError;
  } catch {
    return false;
  }
};

// --- calls ---------------------------------------------------------------------------------------

function scopeValue(rand, scopes) {
  const roll = rand.int(20);
  if (roll < 13) return rand.pick(scopes);
  if (roll < 14) return `${rand.pick(scopes)},${rand.pick(scopes)}`;
  if (roll < 15) return 'scope.' + 'x'.repeat(rand.int(3) === 0 ? 5000 : 5) + rand.int(100);
  if (roll < 16) return [rand.pick(scopes)];
  if (roll < 17) return hostileValue(rand);
  return rand.pick([undefined, null, 1, '', 'auth_base', 'auth_user']);
}

/**
 * Options for one call and what the caller should see: `complete` is the counter of an own,
 * readable `complete` (null when there is none), `promise` whether the Promise form is due.
 */
function optionsFor(rand, scopes, callbackTally) {
  const fields = { scope: scopeValue(rand, scopes) };
  if (rand.chance(0.2)) fields.scopes = rand.chance(0.5) ? [scopeValue(rand, scopes)] : scopeValue(rand, scopes);
  if (rand.chance(0.1)) fields.withSubscriptions = true;
  const tally = { complete: 0 };
  const callbackForm = rand.chance(0.5);
  const thrower = () => { throw rand.chance(0.5) ? hostileError() : revokedProxy(); };
  const callbacks = {};
  let hasComplete = false;
  let hasAny = false;
  if (callbackForm) {
    for (const name of ['success', 'fail']) {
      const roll = rand.int(4);
      if (roll === 0) continue;
      hasAny = true;
      callbacks[name] = roll === 1 ? thrower : () => {};
    }
    if (rand.chance(0.8)) {
      hasAny = hasComplete = true;
      callbacks.complete = () => {
        tally.complete += 1;
        if (rand.chance(0.2)) thrower();
      };
    }
  }
  const roll = rand.int(20);
  let options;
  let readable = true;
  if (roll < 10) options = { ...fields, ...callbacks };
  else if (roll < 11) options = Object.assign(Object.create(null), fields, callbacks);
  else if (roll < 12) options = Object.assign(function carrier() {}, fields, callbacks);
  else if (roll < 13) options = Object.assign([], fields, callbacks);
  else if (roll < 14) {
    options = { ...callbacks };
    Object.defineProperty(options, 'scope', { enumerable: true, get() { throw hostileError(); } });
  } else if (roll < 15) {
    // A throwing getter on one callback: that callback is left out, the others still count.
    options = { ...fields, ...callbacks };
    Object.defineProperty(options, 'fail', { enumerable: true, get() { throw new Error('getter'); } });
    hasAny = 'success' in callbacks || hasComplete;
  } else if (roll < 16) {
    options = new Proxy({ ...fields, ...callbacks }, { get() { throw new Error('get'); }, has() { throw new Error('has'); }, getOwnPropertyDescriptor() { throw new Error('gopd'); } });
    readable = false;
  } else if (roll < 17) {
    options = revokedProxy();
    readable = false;
  } else if (roll < 18) {
    options = rand.pick([undefined, null, 0, 'options', Symbol('o'), 1n, true]);
    readable = false;
  } else if (roll < 19) {
    options = { ...fields, ...callbacks, then() { throw new Error('then'); }, toString() { throw new Error('toString'); } };
  } else {
    options = { ...fields, ...callbacks, [Symbol.toPrimitive]() { throw new Error('toPrimitive'); } };
  }
  if (!readable) {
    hasAny = false;
    hasComplete = false;
  }
  callbackTally.push(tally);
  return { options, tally, hasComplete: hasComplete && readable, promise: !hasAny };
}

/** A reply is what a Promise form may reject with: a plain object with errMsg or Alipay's error. */
function isFailObject(reason) {
  if (typeof reason !== 'object' || reason === null || reason instanceof Error) return false;
  return typeof reason.errMsg === 'string' || typeof reason.error === 'number';
}

/**
 * Runs `calls` calls; resolves with the counts. `log` (optional) hears progress.
 */
export async function fuzz({ calls = 3000, seed = 11, log = () => {} } = {}) {
  const rand = random(seed);
  const counts = { calls: 0, syncThrows: 0, completeNotOnce: 0, unhandled: 0, traps: 0, hookErrors: 0, unhealthy: 0 };
  const onUnhandled = (reason) => {
    counts.unhandled += 1;
    if (isTrap(reason)) counts.traps += 1;
  };
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
  const consoleError = console.error;
  // Node's console formats what it is given: that is where an Error's throwing `stack` bites.
  console.error = (...args) => {
    const text = format(...args);
    if (text.includes('RuntimeError')) counts.traps += 1;
  };
  try {
    const made = await authorizers(rand, counts);
    const batch = 100;
    for (let start = 0; start < calls; start += batch) {
      const waits = [];
      const tallies = [];
      for (let i = start; i < Math.min(calls, start + batch); i += 1) {
        counts.calls += 1;
        const { auth, scopes, apiNames, target } = rand.pick(made);
        const hookRoll = rand.int(40);
        if (hookRoll < 3) {
          hook(rand, auth, scopes, counts, waits);
          continue;
        }
        if (hookRoll === 3) {
          // The @uni form: a Promise always, and the callbacks too when given.
          const call = optionsFor(rand, [...scopes, 'scope.userLocation', 'auth_user'], tallies);
          let returned;
          try {
            returned = uniAuthorize(call.options);
          } catch {
            counts.syncThrows += 1;
            continue;
          }
          if (!(returned instanceof Promise)) counts.completeNotOnce += 1;
          else waits.push(returned.then(() => {}, (reason) => { if (isTrap(reason)) counts.traps += 1; }));
          if (call.hasComplete) waits.push(untilComplete(call.tally));
          continue;
        }
        const names = Object.keys(auth.api);
        const name = rand.chance(0.4) ? names[0] : rand.chance(0.5) ? rand.pick(names) : rand.pick(apiNames.length ? apiNames : names);
        const call = optionsFor(rand, scopes, tallies);
        const via = rand.chance(0.15) && typeof target[name] === 'function' ? target : auth.api;
        let returned;
        try {
          returned = via[name](call.options);
        } catch (error) {
          if (name === 'createUserInfoButton' && error instanceof TypeError) continue;
          counts.syncThrows += 1;
          if (isTrap(error)) counts.traps += 1;
          continue;
        }
        if (name === 'createUserInfoButton') {
          try { returned?.destroy?.(); } catch {}
          continue;
        }
        if (auth.sessionApis.includes(name)) {
          // A session API answers at once with a session; its start calls back once with a number.
          const tally = { complete: 0 };
          tallies.push(tally);
          try {
            returned.start((status) => {
              tally.complete += typeof status === 'number' ? 1 : 2;
              if (rand.chance(0.2)) throw hostileError();
            });
          } catch {
            counts.syncThrows += 1;
            continue;
          }
          waits.push(untilComplete(tally));
          continue;
        }
        if (call.promise) {
          if (!(returned instanceof Promise)) {
            counts.completeNotOnce += 1;
            continue;
          }
          waits.push(returned.then(() => {}, (reason) => {
            if (isTrap(reason)) counts.traps += 1;
            if (!isFailObject(reason)) counts.completeNotOnce += 1;
          }));
        } else {
          if (returned !== undefined) counts.completeNotOnce += 1;
          if (call.hasComplete) waits.push(untilComplete(call.tally));
        }
      }
      const results = await Promise.all(waits.map((wait) => withDeadline(wait, 5000)));
      counts.completeNotOnce += results.filter((ok) => ok === false).length;
      // A complete that ran twice would show up only now.
      await new Promise((resolve) => setImmediate(resolve));
      counts.completeNotOnce += tallies.filter((tally) => tally.complete > 1).length;
      if (start % 10_000 === 0) log(`${start} calls`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    for (const { auth } of made) auth.close();
    counts.unhealthy = (await healthy()) ? 0 : 1;
  } finally {
    console.error = consoleError;
    process.off('unhandledRejection', onUnhandled);
    process.off('uncaughtException', onUnhandled);
  }
  return counts;
}

function hook(rand, auth, scopes, counts, waits) {
  const roll = rand.int(4);
  try {
    if (roll === 0) auth.stateOf(scopeValue(rand, scopes));
    else if (roll === 1) auth.onChange(rand.chance(0.5) ? () => {} : hostileValue(rand))?.();
    else {
      const state = rand.chance(0.8) ? rand.pick(['granted', 'denied', 'prompt']) : hostileValue(rand);
      waits.push(auth.setState(scopeValue(rand, scopes), state).then(() => {}, (error) => {
        if (isTrap(error) || !(error instanceof Error)) counts.hookErrors += 1;
      }));
    }
  } catch (error) {
    if (!(error instanceof TypeError)) counts.hookErrors += 1;
  }
}

function untilComplete(tally) {
  return new Promise((resolve) => {
    const check = (rounds) => {
      if (tally.complete >= 1) resolve(true);
      else if (rounds === 0) resolve(false);
      else setTimeout(check, 10, rounds - 1);
    };
    check(500);
  });
}

function withDeadline(promise, ms) {
  let timer;
  return Promise.race([
    promise.then((value) => value !== false),
    new Promise((resolve) => { timer = setTimeout(resolve, ms, false); }),
  ]).finally(() => clearTimeout(timer));
}

/** A fresh authorizer grants and denies as it should. */
export async function healthy() {
  try {
    const auth = await createAuthorizer({ appId: 'healthy', storage: 'memory', prompt: () => 'accept' });
    const granted = await auth.authorize({ scope: 'scope.camera' });
    await auth.setState('scope.record', 'denied');
    const denied = await auth.authorize({ scope: 'scope.record' }).then(() => null, (res) => res);
    return granted.errMsg === 'authorize:ok' && denied?.errMsg === 'authorize:fail auth deny';
  } catch {
    return false;
  }
}

/**
 * Heap and array-buffer growth (bytes) of one authorizer asked `count` distinct unknown scopes of
 * `size` characters each; `gc` is a garbage collector to run before measuring.
 */
export async function unknownScopeGrowth({ count = 1000, size = 1 << 20, gc }) {
  const auth = await createAuthorizer({ appId: 'memory', storage: 'memory', platform: 'wechat' });
  const used = () => {
    gc();
    const { heapUsed, arrayBuffers } = process.memoryUsage();
    return heapUsed + arrayBuffers;
  };
  const before = used();
  const base = 'x'.repeat(size - 8);
  for (let i = 0; i < count; i += 1) {
    // A flat, distinct string each time: what a caller looping over garbage hands in.
    const scope = `${String(i).padStart(8, '0')}${base}`;
    await auth.authorize({ scope }).catch(() => {});
    await auth.getSetting();
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
  const growth = used() - before;
  auth.close();
  return growth;
}

const main = process.argv[1] === fileURLToPath(import.meta.url);
if (main) {
  const { setFlagsFromString } = await import('node:v8');
  const { runInNewContext } = await import('node:vm');
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const calls = Number(process.argv[2] ?? 100_000);
  const seed = Number(process.argv[3] ?? 11);
  const started = performance.now();
  const counts = await fuzz({ calls, seed, log: (line) => process.stderr.write(`fuzz: ${line}\n`) });
  const growth = await unknownScopeGrowth({ count: 1000, gc });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`fuzz: ${counts.calls} calls over ${PLATFORMS.length} platforms, seed ${seed}, ${seconds} s`);
  console.log(`  synchronous throws     ${counts.syncThrows}`);
  console.log(`  complete not once      ${counts.completeNotOnce}`);
  console.log(`  unhandled              ${counts.unhandled}`);
  console.log(`  traps                  ${counts.traps}`);
  console.log(`  hook errors            ${counts.hookErrors}`);
  console.log(`  module healthy after   ${counts.unhealthy === 0 ? 'yes' : 'no'}`);
  console.log(`  memory: 1,000 distinct 1 MB unknown scopes grew heap + buffers by ${(growth / 1048576).toFixed(1)} MB (limit 50 MB)`);
  const bad = counts.syncThrows + counts.completeNotOnce + counts.unhandled + counts.traps + counts.hookErrors + counts.unhealthy;
  process.exit(bad === 0 && growth < 50 * 1048576 ? 0 : 1);
}
