// The benchmarks of `npm run bench`, shared by Node (bench/run.mjs) and headless Chromium
// (bench/bench.html). Every case measures the library and its baseline in the same run,
// interleaved sample by sample (the order alternating), and reports medians.
//
// A case gets `env`: `{ lib, indexedDB, prefix }` — the package's module namespace, the IndexedDB
// factory to use and a prefix for database names — and returns plain data (milliseconds and
// nanoseconds per call). Iteration counts are fixed (see BUDGET): no timed loops, no calibration.
import { BaselineAuthorizer } from './baseline.mjs';

export const BUDGET = {
  throughput: { batch: 50_000, warmup: 5, samples: 15 },
  getSetting: { batch: 5_000, warmup: 5, samples: 15 },
  warmStart: { warmup: 3, samples: 21 },
  scale: { apps: 10_000, few: 10, warmup: 3, samples: 31 },
  persist: { warmup: 2, samples: 11 },
  boundary: { batch: 2_000, warmup: 3, samples: 11 },
};

const STORE = 'decisions';
const DB_VERSION = 2;
const USER = 'default';
/** WeChat's ten scopes that are recorded and asked through `authorize` or a gated API. */
export const TEN_SCOPES = [
  'scope.userLocation', 'scope.userFuzzyLocation', 'scope.userLocationBackground', 'scope.record',
  'scope.camera', 'scope.bluetooth', 'scope.writePhotosAlbum', 'scope.addPhoneContact',
  'scope.addPhoneCalendar', 'scope.werun',
];
export const PERMISSION = {
  'scope.userLocation': { desc: 'bench' },
  'scope.userFuzzyLocation': { desc: 'bench' },
  'scope.userLocationBackground': { desc: 'bench' },
};
const HOT_SCOPE = 'scope.camera';

const now = () => performance.now();

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs `warmup + samples` rounds of `lib()` and `base()` (each resolves with elapsed ms), the order
 * alternating per round; returns the medians of the measured rounds and the raw samples.
 */
async function interleave(lib, base, { warmup, samples }) {
  const times = { lib: [], base: [] };
  for (let round = 0; round < warmup + samples; round += 1) {
    const order = round % 2 ? [['base', base], ['lib', lib]] : [['lib', lib], ['base', base]];
    for (const [name, run] of order) {
      const elapsed = await run();
      if (round >= warmup) times[name].push(elapsed);
    }
  }
  return { lib: median(times.lib), base: median(times.base), samples: times };
}

// --- raw IndexedDB (the baselines, and populating databases) --------------------------------

const request = (req) => new Promise((resolve, reject) => {
  req.onsuccess = () => resolve(req.result);
  req.onerror = () => reject(req.error);
});

const completed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onerror = () => reject(tx.error);
  tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
});

/** Opens (creating) a database in the library's schema: version 2, out-of-line keys. */
export function openRaw(factory, name) {
  const req = factory.open(name, DB_VERSION);
  req.onupgradeneeded = () => {
    if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
  };
  return request(req);
}

/** This app and user's records, read from the one key range the library reads. */
export function readRange(db, appId) {
  const range = IDBKeyRange.bound([appId, USER], [appId, USER, []]);
  return request(db.transaction(STORE, 'readonly').objectStore(STORE).getAll(range));
}

/** `apps` × the ten scopes, written in one transaction in key order. */
export async function populate(factory, name, apps) {
  const db = await openRaw(factory, name);
  const tx = db.transaction(STORE, 'readwrite');
  const store = tx.objectStore(STORE);
  const updatedAt = Date.now();
  const sorted = [...TEN_SCOPES].sort();
  for (const appId of [...apps].sort()) {
    sorted.forEach((scope, index) => {
      store.put({ state: index % 3 === 2 ? 'denied' : 'granted', updatedAt }, [appId, USER, scope]);
    });
  }
  await completed(tx);
  db.close();
}

export function deleteDatabase(factory, name) {
  return new Promise((resolve) => {
    const req = factory.deleteDatabase(name);
    req.onsuccess = req.onerror = req.onblocked = () => resolve();
  });
}

const appName = (index) => `app-${String(index).padStart(5, '0')}`;

// --- the loops: one function literal per subject, so each call site stays monomorphic --------

function promiseLoopLib(auth, options, n) {
  let last;
  for (let i = 0; i < n; i += 1) last = auth.authorize(options);
  return last;
}

function promiseLoopBase(auth, options, n) {
  let last;
  for (let i = 0; i < n; i += 1) last = auth.authorize(options);
  return last;
}

function callbackLoopLib(auth, options, n) {
  for (let i = 0; i < n; i += 1) auth.authorize(options);
}

function callbackLoopBase(auth, options, n) {
  for (let i = 0; i < n; i += 1) auth.authorize(options);
}

function settingLoopLib(auth, n) {
  let last;
  for (let i = 0; i < n; i += 1) last = auth.getSetting();
  return last;
}

function settingLoopBase(auth, n) {
  let last;
  for (let i = 0; i < n; i += 1) last = auth.getSetting();
  return last;
}

/** One batch in the callback form: `n` calls, done when the last `complete` ran. */
function callbackBatch(loop, auth, n) {
  return new Promise((resolve, reject) => {
    let left = n;
    const options = {
      scope: HOT_SCOPE,
      success() {},
      fail(res) { reject(new Error(`bench: unexpected fail ${res.errMsg}`)); },
      complete() { if ((left -= 1) === 0) resolve(); },
    };
    loop(auth, options, n);
  });
}

async function libAuthorizer(env, options) {
  return env.lib.createAuthorizer({
    storage: 'indexeddb',
    indexedDB: env.indexedDB,
    permission: PERMISSION,
    prompt: () => 'dismiss',
    ...options,
  });
}

/** A library authorizer and a baseline with the same ten decisions. */
async function decided(env, databaseName) {
  const auth = await libAuthorizer(env, { appId: 'bench-hot', databaseName });
  for (const [index, scope] of TEN_SCOPES.entries()) {
    await auth.setState(scope, scope === HOT_SCOPE || index % 3 !== 2 ? 'granted' : 'denied');
  }
  // The baseline holds exactly what the library lists (the retired scopes too, always true).
  const base = new BaselineAuthorizer();
  const { authSetting } = await auth.getSetting();
  for (const [scope, granted] of Object.entries(authSetting)) base.decide(scope, granted);
  const same = JSON.stringify(authSetting) === JSON.stringify((await base.getSetting()).authSetting);
  if (!same) throw new Error('bench: the baseline does not list what the library lists');
  return { auth, base };
}

// --- the cases -----------------------------------------------------------------------------

/** 1. Decided-scope `authorize`, Promise form and callback form: ns per call. */
async function throughput(env, budget = BUDGET.throughput) {
  const databaseName = `${env.prefix}-throughput`;
  const { auth, base } = await decided(env, databaseName);
  const options = { scope: HOT_SCOPE };
  const lib = await auth.authorize(options);
  const expected = await base.authorize(options);
  if (lib.errMsg !== expected.errMsg) throw new Error(`bench: library answered ${lib.errMsg}`);
  const n = budget.batch;
  const promise = await interleave(
    async () => { const t = now(); await promiseLoopLib(auth, options, n); return now() - t; },
    async () => { const t = now(); await promiseLoopBase(base, options, n); return now() - t; },
    budget,
  );
  const callback = await interleave(
    async () => { const t = now(); await callbackBatch(callbackLoopLib, auth, n); return now() - t; },
    async () => { const t = now(); await callbackBatch(callbackLoopBase, base, n); return now() - t; },
    budget,
  );
  auth.close();
  await deleteDatabase(env.indexedDB, databaseName);
  const perCall = (ms) => (ms * 1e6) / n;
  return {
    batch: n,
    promise: { lib: perCall(promise.lib), base: perCall(promise.base) },
    callback: { lib: perCall(callback.lib), base: perCall(callback.base) },
  };
}

/** 2. `getSetting` with ten decided scopes: ns per call. */
async function getSetting(env, budget = BUDGET.getSetting) {
  const databaseName = `${env.prefix}-getsetting`;
  const { auth, base } = await decided(env, databaseName);
  const { authSetting } = await auth.getSetting();
  const listed = Object.keys(authSetting).length;
  const n = budget.batch;
  const result = await interleave(
    async () => { const t = now(); await settingLoopLib(auth, n); return now() - t; },
    async () => { const t = now(); await settingLoopBase(base, n); return now() - t; },
    budget,
  );
  auth.close();
  await deleteDatabase(env.indexedDB, databaseName);
  return { batch: n, listed, lib: (result.lib * 1e6) / n, base: (result.base * 1e6) / n };
}

/**
 * 3b. `createAuthorizer` with the module already loaded and instantiated, on a database holding
 * ten decisions for the app, until ready; baseline: open the database and read the app's range
 * with raw IndexedDB. Each sample opens its own connection (closed after, untimed).
 */
async function warmStart(env, budget = BUDGET.warmStart) {
  const databaseName = `${env.prefix}-warmstart`;
  await populate(env.indexedDB, databaseName, ['bench-app']);
  let listed = 0;
  const result = await interleave(
    async () => {
      const t = now();
      const auth = await libAuthorizer(env, { appId: 'bench-app', databaseName });
      const elapsed = now() - t;
      listed = Object.keys((await auth.getSetting()).authSetting).length;
      auth.close();
      return elapsed;
    },
    async () => {
      const t = now();
      const db = await openRaw(env.indexedDB, databaseName);
      const records = await readRange(db, 'bench-app');
      const elapsed = now() - t;
      if (records.length !== 10) throw new Error(`bench: read ${records.length} records`);
      db.close();
      return elapsed;
    },
    budget,
  );
  await deleteDatabase(env.indexedDB, databaseName);
  return { listed, lib: result.lib, base: result.base };
}

/**
 * 4. Scale: `createAuthorizer` + `getSetting` for one app when the database holds `few` apps and
 * when it holds `apps` apps, ten scopes each. Baseline: the raw range read in the same two
 * databases. The figure is the ratio many / few.
 */
async function scale(env, budget = BUDGET.scale) {
  const target = appName(Math.floor(budget.apps / 2));
  const fewApps = Array.from({ length: budget.few }, (_, i) => appName(Math.floor((i * budget.apps) / budget.few)));
  if (!fewApps.includes(target)) fewApps[fewApps.length - 1] = target;
  const manyApps = Array.from({ length: budget.apps }, (_, i) => appName(i));
  const few = `${env.prefix}-scale-few`;
  const many = `${env.prefix}-scale-many`;
  let t = now();
  await populate(env.indexedDB, few, fewApps);
  await populate(env.indexedDB, many, manyApps);
  const populateMs = now() - t;
  const listed = {};
  const library = (databaseName) => async () => {
    const start = now();
    const auth = await libAuthorizer(env, { appId: target, databaseName });
    const { authSetting } = await auth.getSetting();
    const elapsed = now() - start;
    listed[databaseName] = Object.keys(authSetting).length;
    auth.close();
    return elapsed;
  };
  const raw = (databaseName) => async () => {
    const start = now();
    const db = await openRaw(env.indexedDB, databaseName);
    const records = await readRange(db, target);
    const elapsed = now() - start;
    if (records.length !== 10) throw new Error(`bench: read ${records.length} records`);
    db.close();
    return elapsed;
  };
  const lib = await interleave(library(many), library(few), budget);
  const base = await interleave(raw(many), raw(few), budget);
  await deleteDatabase(env.indexedDB, few);
  await deleteDatabase(env.indexedDB, many);
  return {
    apps: budget.apps,
    few: budget.few,
    populateMs,
    listed: [listed[few], listed[many]],
    lib: { few: lib.base, many: lib.lib },
    base: { few: base.base, many: base.lib },
  };
}

/**
 * 5. A persisted decision: `authorize` on a never-asked scope, the prompt handler accepting at
 * once, until the call resolves (the decision is durable by then). Each sample forgets every
 * decision first (`reset`, untimed), then asks each promptable scope in turn. Baseline: one raw
 * put per scope in its own readwrite transaction, awaited to `complete`. ms per call.
 */
async function persist(env, budget = BUDGET.persist) {
  const databaseName = `${env.prefix}-persist`;
  const auth = await libAuthorizer(env, { appId: 'bench-persist', databaseName, prompt: () => 'accept' });
  const scopes = auth.scopes.filter((scope) => scope.rule === 'normal').map((scope) => scope.scope);
  const db = await openRaw(env.indexedDB, databaseName);
  const result = await interleave(
    async () => {
      await auth.reset();
      const t = now();
      for (const scope of scopes) await auth.authorize({ scope });
      return (now() - t) / scopes.length;
    },
    async () => {
      const t = now();
      for (const scope of scopes) {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).put({ state: 'granted', updatedAt: Date.now() }, ['bench-raw', USER, scope]);
        await completed(tx);
      }
      return (now() - t) / scopes.length;
    },
    budget,
  );
  const stored = (await readRange(db, 'bench-persist')).length;
  db.close();
  auth.close();
  await deleteDatabase(env.indexedDB, databaseName);
  return { scopes: scopes.length, stored, lib: result.lib, base: result.base };
}

/**
 * 6. The guest boundary (pkg/host.js, pkg/guest.js): a decided-scope `authorize`, Promise form,
 * awaited one call at a time, through a MessageChannel to the host's authorizer (guest and host in
 * one thread here: structured clone and two message tasks per call, no thread hop), beside the
 * same call to the same authorizer same-page, also awaited one at a time. µs per call. Where the
 * environment can start a guest Worker (`env.guestWorker()`, Chromium), the same calls from a
 * Worker too (`worker`: a thread hop each way).
 */
async function boundary(env, budget = BUDGET.boundary) {
  if (!env.host || !env.guest) return null;
  const databaseName = `${env.prefix}-boundary`;
  const { auth } = await decided(env, databaseName);
  const { port1, port2 } = new MessageChannel();
  const handle = env.host.exposeAuthorizer(auth, port1, { rate: Infinity, burst: Infinity });
  const wx = await env.guest.connect({ port: port2, install: false });
  const options = { scope: HOT_SCOPE };
  const [through, same] = [await wx.authorize(options), await auth.api.authorize(options)];
  if (JSON.stringify(through) !== JSON.stringify(same)) throw new Error(`bench: the boundary answered ${JSON.stringify(through)}`);
  const n = budget.batch;
  const result = await interleave(
    async () => { const t = now(); for (let i = 0; i < n; i += 1) await wx.authorize(options); return now() - t; },
    async () => { const t = now(); for (let i = 0; i < n; i += 1) await auth.api.authorize(options); return now() - t; },
    budget,
  );
  handle.close();
  const worker = env.guestWorker ? await workerRoundTrip(env, auth, budget) : undefined;
  auth.close();
  await deleteDatabase(env.indexedDB, databaseName);
  return { batch: n, lib: (result.lib * 1e3) / n, base: (result.base * 1e3) / n, worker };
}

/** µs per awaited call from a guest Worker (median of the samples), or undefined. */
async function workerRoundTrip(env, auth, { batch: n, warmup, samples }) {
  const guest = env.guestWorker();
  const handle = env.host.exposeAuthorizer(auth, guest, { rate: Infinity, burst: Infinity });
  const next = (test) => new Promise((resolve) => {
    const listener = ({ data }) => {
      if (!test(data)) return;
      guest.removeEventListener('message', listener);
      resolve(data);
    };
    guest.addEventListener('message', listener);
  });
  await next((data) => data?.benchReady);
  const times = [];
  for (let round = 0; round < warmup + samples; round += 1) {
    const reply = next((data) => data?.bench === round);
    guest.postMessage({ bench: round, n, scope: HOT_SCOPE });
    const { elapsed, last } = await reply;
    if (last?.errMsg !== 'authorize:ok') throw new Error(`bench: the worker got ${JSON.stringify(last)}`);
    if (round >= warmup) times.push(elapsed);
  }
  handle.close();
  guest.terminate();
  return (median(times) * 1e3) / n;
}

export const CASES = { throughput, getSetting, warmStart, scale, persist, boundary };

export function run(name, env, budget) {
  const benchCase = CASES[name];
  if (!benchCase) throw new Error(`bench: no case ${name}`);
  return benchCase(env, budget);
}
