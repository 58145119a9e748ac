// Node tests of the IndexedDB path of createAuthorizer (issue 3), through fake-indexeddb: the
// storage option, reloads, the record layout, durability before callbacks, the read cache, other
// "tabs" (authorizers sharing a database), isolation of apps and users, and the fault cases
// (through factory wrappers and a probe on IDBDatabase.prototype.transaction that fail on demand).
//   node --test tests/node/storage.test.mjs

import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { IDBFactory, IDBKeyRange, IDBDatabase } from 'fake-indexeddb';
import { createAuthorizer, ready } from '../../pkg/index.js';

// fake-indexeddb is injected as a pair, `indexedDB` + `IDBKeyRange`; nothing installs the globals, so
// 'auto' without an injected factory must find no IndexedDB.

const STORE = 'decisions';
const CAMERA = 'scope.camera';
const RECORD = 'scope.record';
const ALBUM = 'scope.writePhotosAlbum';
const TIMEOUT = { timeout: 15_000 };
// getSetting always lists the retired scopes as granted (WeChat does).
const RETIRED = { 'scope.address': true, 'scope.invoice': true, 'scope.invoiceTitle': true };

// --- helpers -----------------------------------------------------------------------------------

let dbCounter = 0;
/** A fresh database: its own factory and its own name (so BroadcastChannels never cross tests). */
function freshDb() {
  dbCounter += 1;
  return { factory: new IDBFactory(), name: `mpa-storage-test-${process.pid}-${dbCounter}` };
}

/** A prompt that records every request and answers from `answers` (then `fallback`). */
function scriptedPrompt(answers = [], fallback = 'dismiss') {
  const queue = [...answers];
  const prompt = (request) => {
    prompt.calls.push(request);
    return queue.length ? queue.shift() : fallback;
  };
  prompt.calls = [];
  return prompt;
}

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

/** An authorizer on `db` that collects its change and error events. Close it in `finally`. */
async function open(db, options = {}) {
  const events = { changes: [], errors: [] };
  const auth = await createAuthorizer({
    appId: 'wx-app',
    userId: 'alice',
    storage: 'indexeddb',
    indexedDB: db.factory,
    IDBKeyRange,
    databaseName: db.name,
    onChange: (change) => events.changes.push(change),
    onError: (error) => events.errors.push(error),
    ...options,
  });
  auth.events = events;
  return auth;
}

/** Polls `check` (which throws while not yet true) until it passes or `ms` runs out. */
async function eventually(check, ms = 3000) {
  const until = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

const realTransaction = IDBDatabase.prototype.transaction;

/** Raw IndexedDB: open (no version → whatever is there), run one request, close. */
function rawOpen(db, version, upgrade) {
  return new Promise((resolve, reject) => {
    const req = version === undefined ? db.factory.open(db.name) : db.factory.open(db.name, version);
    req.onupgradeneeded = (event) => upgrade?.(req.result, event);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
    req.onblocked = () => {};
  });
}

function rawRequest(conn, mode, run) {
  return new Promise((resolve, reject) => {
    const tx = realTransaction.call(conn, STORE, mode);
    const req = run(tx.objectStore(STORE));
    let result;
    req.onsuccess = () => { result = req.result; };
    tx.oncomplete = () => resolve(result);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}

/** Every record of the database: `[{ key, value }]` in key order, through a separate connection. */
async function rawRecords(db) {
  const conn = await rawOpen(db);
  try {
    const keys = await rawRequest(conn, 'readonly', (s) => s.getAllKeys());
    const values = await rawRequest(conn, 'readonly', (s) => s.getAll());
    return keys.map((key, i) => ({ key, value: values[i] }));
  } finally {
    conn.close();
  }
}

async function rawGet(db, key) {
  const conn = await rawOpen(db);
  try {
    return await rawRequest(conn, 'readonly', (s) => s.get(key));
  } finally {
    conn.close();
  }
}

async function rawPut(db, key, value) {
  const conn = await rawOpen(db);
  try {
    await rawRequest(conn, 'readwrite', (s) => s.put(value, key));
  } finally {
    conn.close();
  }
}

// The probe: every transaction the library starts on a probed database goes through here, so a
// test can count them, see whether writes have committed, and make writes fail on demand.
const probes = new Map();
function probe(db) {
  const p = { transactions: 0, readonly: 0, writesStarted: 0, writesCommitted: 0, writesAborted: 0, fault: null, onTransaction: null };
  probes.set(db.name, p);
  return p;
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

IDBDatabase.prototype.transaction = function transaction(names, mode, ...rest) {
  const p = probes.get(this.name);
  const tx = realTransaction.call(this, names, mode, ...rest);
  if (!p) return tx;
  p.transactions += 1;
  if (mode === 'readwrite') {
    p.writesStarted += 1;
    tx.addEventListener('complete', () => { p.writesCommitted += 1; });
    tx.addEventListener('abort', () => { p.writesAborted += 1; });
    if (p.fault && p.fault.times > 0) {
      p.fault.times -= 1;
      injectWriteFault(tx, p.fault.kind);
    }
  } else {
    p.readonly += 1;
  }
  p.onTransaction?.(mode, this);
  return tx;
};

/** 'throw': put/delete throw QuotaExceededError. 'abort': the write is issued, then the
 *  transaction aborts with a QuotaExceededError, as a browser does when the quota is hit at commit. */
function injectWriteFault(tx, kind) {
  const realObjectStore = tx.objectStore;
  tx.objectStore = function objectStore(name) {
    const store = realObjectStore.call(tx, name);
    for (const method of ['put', 'delete', 'add', 'clear']) {
      const real = store[method];
      store[method] = function faulty(...args) {
        if (kind === 'throw') throw quotaError();
        const req = real.apply(store, args);
        req.addEventListener('success', () => {
          const error = quotaError();
          Object.defineProperty(tx, 'error', { get: () => error, set() {}, configurable: true });
          tx.abort();
        });
        return req;
      };
    }
    return store;
  };
}

/** A factory whose `open` fails: 'throw' (SecurityError, as in an opaque origin) or 'error'
 *  (the request fails with an UnknownError, as Chromium's "Internal error opening backing store"). */
function failingFactory(base, how) {
  return {
    open() {
      if (how === 'throw') throw new DOMException('access to the Indexed Database API is denied in this context.', 'SecurityError');
      const req = new EventTarget();
      Object.assign(req, { result: undefined, error: null, readyState: 'pending', transaction: null, source: null,
        onsuccess: null, onerror: null, onblocked: null, onupgradeneeded: null });
      setTimeout(() => {
        req.readyState = 'done';
        req.error = new DOMException('Internal error opening backing store for indexedDB.open.', 'UnknownError');
        const event = new Event('error');
        req.onerror?.call(req, event);
      }, 1);
      return req;
    },
    deleteDatabase: (...args) => base.deleteDatabase(...args),
    cmp: (...args) => base.cmp(...args),
  };
}

before(async () => {
  await ready();
  assert.equal(globalThis.indexedDB, undefined, 'these tests need a Node without a global indexedDB');
});

after(() => {
  IDBDatabase.prototype.transaction = realTransaction;
});

// --- the storage option ------------------------------------------------------------------------

describe('storage option', () => {
  it("'auto' with no global IndexedDB and no injected factory → memory, silently", async () => {
    const errors = [];
    const auth = await createAuthorizer({ appId: 'wx-app', prompt: () => 'accept', onError: (e) => errors.push(e) });
    try {
      assert.equal(auth.storage, 'memory');
      assert.deepEqual(await auth.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
      assert.equal(auth.stateOf(CAMERA), 'granted');
      assert.deepEqual(errors, []);
    } finally {
      auth.close();
    }
    // The default is 'auto'.
    const explicit = await createAuthorizer({ appId: 'wx-app', storage: 'auto', onError: (e) => errors.push(e) });
    assert.equal(explicit.storage, 'memory');
    explicit.close();
  });

  it("'auto' with an injected factory → indexeddb", async () => {
    const db = freshDb();
    const auth = await open(db, { storage: 'auto' });
    try {
      assert.equal(auth.storage, 'indexeddb');
      assert.deepEqual(auth.events.errors, []);
    } finally {
      auth.close();
    }
  });

  it("'indexeddb' with no IndexedDB → rejects naming the cause", async () => {
    await assert.rejects(createAuthorizer({ appId: 'wx-app', storage: 'indexeddb' }), (error) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /indexeddb/i);
      assert.match(error.message, /no IndexedDB here/);
      return true;
    });
  });

  it("'memory' with an injected factory → memory; nothing is written to the factory", async () => {
    const db = freshDb();
    const p = probe(db);
    const auth = await createAuthorizer({ appId: 'wx-app', storage: 'memory', indexedDB: db.factory, IDBKeyRange, databaseName: db.name, prompt: () => 'accept' });
    try {
      assert.equal(auth.storage, 'memory');
      await auth.authorize({ scope: CAMERA });
      assert.equal(auth.stateOf(CAMERA), 'granted');
      assert.equal(p.transactions, 0);
      const names = (await db.factory.databases()).map((d) => d.name);
      assert.ok(!names.includes(db.name), 'no database was created');
    } finally {
      auth.close();
    }
  });

  it('a storage word that is not one of the three → rejects naming the option', async () => {
    await assert.rejects(createAuthorizer({ appId: 'wx-app', storage: 'localStorage' }), /option storage must be one of/);
    await assert.rejects(createAuthorizer({ appId: 'wx-app', indexedDB: {} }), /option indexedDB/);
  });
});

// --- reloads and the record --------------------------------------------------------------------

describe('reload', () => {
  it('grant → a new authorizer on the same database ("reload") → granted, no prompt', TIMEOUT, async () => {
    const db = freshDb();
    const first = await open(db, { prompt: scriptedPrompt(['accept']) });
    assert.deepEqual(await first.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
    first.close();

    const prompt = scriptedPrompt([], 'reject');
    const second = await open(db, { prompt });
    try {
      assert.equal(second.stateOf(CAMERA), 'granted');
      assert.deepEqual(await second.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
      assert.deepEqual((await second.getSetting()).authSetting, { ...RETIRED, 'scope.camera': true });
      assert.equal(prompt.calls.length, 0);
      assert.deepEqual(second.events.errors, []);
    } finally {
      second.close();
    }
  });

  it('deny → reload → fail at once, the prompt is not called', TIMEOUT, async () => {
    const db = freshDb();
    const first = await open(db, { prompt: scriptedPrompt(['reject']) });
    await assert.rejects(first.authorize({ scope: CAMERA }), { errMsg: 'authorize:fail auth deny' });
    first.close();

    const prompt = scriptedPrompt([], 'accept');
    const second = await open(db, { prompt });
    try {
      assert.equal(second.stateOf(CAMERA), 'denied');
      const replies = [];
      second.authorize({ scope: CAMERA, fail: (r) => replies.push(['fail', r]), success: (r) => replies.push(['success', r]) });
      await tick(0);
      assert.deepEqual(replies, [['fail', { errMsg: 'authorize:fail auth deny' }]]);
      assert.equal(prompt.calls.length, 0);
    } finally {
      second.close();
    }
  });

  it('dismiss records nothing: after a reload the prompt comes again', TIMEOUT, async () => {
    const db = freshDb();
    const first = await open(db, { prompt: scriptedPrompt(['dismiss']) });
    await assert.rejects(first.authorize({ scope: CAMERA }), { errMsg: 'authorize:fail auth cancel' });
    first.close();
    assert.deepEqual(await rawRecords(db), []);
    const prompt = scriptedPrompt(['accept']);
    const second = await open(db, { prompt });
    try {
      await second.authorize({ scope: CAMERA });
      assert.equal(prompt.calls.length, 1);
    } finally {
      second.close();
    }
  });

  it('setState, openSetting and reset survive a reload too', TIMEOUT, async () => {
    const db = freshDb();
    const first = await open(db, { prompt: scriptedPrompt(['accept', 'accept']), settings: () => ({ [RECORD]: false }) });
    await first.setState(CAMERA, 'denied');
    await first.authorize({ scope: RECORD });
    await first.openSetting();
    first.close();
    const second = await open(db);
    assert.equal(second.stateOf(CAMERA), 'denied');
    assert.equal(second.stateOf(RECORD), 'denied');
    await second.setState(CAMERA, 'prompt');
    second.close();
    const third = await open(db);
    assert.equal(third.stateOf(CAMERA), 'prompt');
    assert.equal(third.stateOf(RECORD), 'denied');
    await third.reset();
    third.close();
    const fourth = await open(db);
    try {
      assert.equal(fourth.stateOf(RECORD), 'prompt');
      assert.deepEqual(await rawRecords(db), []);
    } finally {
      fourth.close();
    }
  });

  it('the record is keyed by the compound key [appId, userId, scope], its value exactly { state, updatedAt }', TIMEOUT, async () => {
    const db = freshDb();
    const auth = await open(db, { appId: 'wx-a', userId: 'u-1', prompt: scriptedPrompt(['accept', 'reject']) });
    try {
      const t0 = Date.now();
      await auth.authorize({ scope: CAMERA });
      await auth.authorize({ scope: RECORD }).catch(() => {});
      const t1 = Date.now();
      const records = await rawRecords(db);
      assert.deepEqual(records.map((r) => r.key), [['wx-a', 'u-1', CAMERA], ['wx-a', 'u-1', RECORD]]);
      for (const { value } of records) {
        assert.deepEqual(Object.keys(value).sort(), ['state', 'updatedAt']);
        assert.equal(typeof value.updatedAt, 'number');
        assert.ok(value.updatedAt >= t0 - 1 && value.updatedAt <= t1 + 1, `updatedAt ${value.updatedAt} is the write's time`);
      }
      assert.equal(records[0].value.state, 'granted');
      assert.equal(records[1].value.state, 'denied');
      // Out-of-line keys in the one store `decisions`, no key path, no key generator.
      const conn = await rawOpen(db);
      try {
        assert.equal(conn.version, 2);
        assert.deepEqual([...conn.objectStoreNames], [STORE]);
        const store = realTransaction.call(conn, STORE, 'readonly').objectStore(STORE);
        assert.equal(store.keyPath, null);
        assert.equal(store.autoIncrement, false);
      } finally {
        conn.close();
      }
    } finally {
      auth.close();
    }
  });

  it("the default database name is 'miniprogram-authorize'", TIMEOUT, async () => {
    const factory = new IDBFactory();
    const auth = await createAuthorizer({ appId: 'wx-app', indexedDB: factory, IDBKeyRange, prompt: () => 'accept' });
    try {
      await auth.authorize({ scope: CAMERA });
      assert.deepEqual((await factory.databases()).map((d) => d.name), ['miniprogram-authorize']);
    } finally {
      auth.close();
    }
  });

  it('a database written by schema version 1 (inline keys, full values) is upgraded with every decision kept', TIMEOUT, async () => {
    const db = freshDb();
    const conn = await rawOpen(db, 1, (c) => {
      const store = c.createObjectStore(STORE, { keyPath: ['appId', 'userId', 'scope'] });
      store.put({ appId: 'wx-app', userId: 'alice', scope: CAMERA, state: 'granted', updatedAt: 1000 });
      store.put({ appId: 'wx-app', userId: 'alice', scope: RECORD, state: 'denied', updatedAt: 2000 });
      store.put({ appId: 'wx-other', userId: 'alice', scope: CAMERA, state: 'denied', updatedAt: 3000 });
    });
    conn.close();
    const auth = await open(db);
    try {
      assert.equal(auth.stateOf(CAMERA), 'granted');
      assert.equal(auth.stateOf(RECORD), 'denied');
      assert.deepEqual(auth.events.errors, []);
      assert.deepEqual(await rawRecords(db), [
        { key: ['wx-app', 'alice', CAMERA], value: { state: 'granted', updatedAt: 1000 } },
        { key: ['wx-app', 'alice', RECORD], value: { state: 'denied', updatedAt: 2000 } },
        { key: ['wx-other', 'alice', CAMERA], value: { state: 'denied', updatedAt: 3000 } },
      ]);
    } finally {
      auth.close();
    }
  });
});

// --- durability and the cache ------------------------------------------------------------------

describe('durability', () => {
  it('when success / fail / complete / onChange run, the write has committed and a separate connection reads it', TIMEOUT, async () => {
    const db = freshDb();
    const p = probe(db);
    const reader = await rawOpen(db, 2, (c) => c.createObjectStore(STORE));
    const seen = [];
    /** What is true at the moment a callback runs: no write pending, and the stored record. */
    const observe = (label, scope) => {
      seen.push({ label, pending: p.writesStarted - p.writesCommitted - p.writesAborted, started: p.writesStarted });
      return rawRequest(reader, 'readonly', (s) => s.get(['wx-app', 'alice', scope])).then((value) => ({ label, value }));
    };
    const reads = [];
    const auth = await open(db, { prompt: scriptedPrompt(['accept', 'reject']) });
    auth.onChange((change) => reads.push(observe(`change ${change.scope} ${change.state}`, change.scope)));
    try {
      await new Promise((resolve) => auth.authorize({
        scope: CAMERA,
        success: () => reads.push(observe('success', CAMERA)),
        complete: () => { reads.push(observe('complete', CAMERA)); resolve(); },
      }));
      await new Promise((resolve) => auth.authorize({
        scope: RECORD,
        fail: () => reads.push(observe('fail', RECORD)),
        complete: resolve,
      }));
      await auth.authorize({ scope: CAMERA }).then(() => reads.push(observe('promise resolved', CAMERA)));
      await auth.setState(ALBUM, 'granted');
      reads.push(observe('setState resolved', ALBUM));

      for (const s of seen) {
        assert.equal(s.pending, 0, `${s.label}: a write was still pending`);
        assert.ok(s.started >= 1, `${s.label}: ran before any write began`);
      }
      const values = await Promise.all(reads);
      const byLabel = Object.fromEntries(values.map(({ label, value }) => [label, value?.state]));
      assert.deepEqual(byLabel, {
        [`change ${CAMERA} granted`]: 'granted',
        success: 'granted',
        complete: 'granted',
        [`change ${RECORD} denied`]: 'denied',
        fail: 'denied',
        'promise resolved': 'granted',
        [`change ${ALBUM} granted`]: 'granted',
        'setState resolved': 'granted',
      });
    } finally {
      auth.close();
      reader.close();
    }
  });

  it('reads come from the cache: after creation, decided scopes cost no database round trip', TIMEOUT, async () => {
    const db = freshDb();
    const setup = await open(db, { prompt: scriptedPrompt(['accept', 'reject']) });
    await setup.authorize({ scope: CAMERA });
    await setup.authorize({ scope: RECORD }).catch(() => {});
    setup.close();

    const p = probe(db);
    const prompt = scriptedPrompt();
    const auth = await open(db, { prompt });
    try {
      assert.equal(p.readonly, 1, 'creation loads once, in one read transaction');
      assert.equal(p.writesStarted, 0);
      const before = p.transactions;
      for (let i = 0; i < 50; i++) {
        assert.deepEqual(await auth.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
        await assert.rejects(auth.authorize({ scope: RECORD }), { errMsg: 'authorize:fail auth deny' });
        assert.equal(auth.stateOf(CAMERA), 'granted');
        assert.equal(auth.stateOf(ALBUM), 'prompt');
        await auth.getSetting();
      }
      // Callback form too.
      await new Promise((resolve) => auth.authorize({ scope: CAMERA, complete: resolve }));
      await tick();
      assert.equal(p.transactions, before, 'no transaction after creation');
      assert.equal(prompt.calls.length, 0);
    } finally {
      auth.close();
    }
  });
});

// --- other tabs ----------------------------------------------------------------------------------

describe('other tabs (authorizers sharing a database)', () => {
  it('a prompt decision, setState, an openSetting change and reset in one reach the other', TIMEOUT, async () => {
    const db = freshDb();
    const a = await open(db, { prompt: scriptedPrompt(['accept']), settings: () => ({ [CAMERA]: false }) });
    const b = await open(db, { prompt: scriptedPrompt() });
    try {
      // A prompt decision.
      await a.authorize({ scope: CAMERA });
      await eventually(() => assert.equal(b.stateOf(CAMERA), 'granted'));
      assert.deepEqual(b.events.changes, [{ scope: CAMERA, previous: 'prompt', state: 'granted', source: 'other-tab' }]);
      assert.deepEqual(a.events.changes, [{ scope: CAMERA, previous: 'prompt', state: 'granted', source: 'prompt' }]);

      // setState.
      await a.setState(RECORD, 'denied');
      await eventually(() => assert.equal(b.stateOf(RECORD), 'denied'));
      assert.deepEqual(b.events.changes.at(-1), { scope: RECORD, previous: 'prompt', state: 'denied', source: 'other-tab' });

      // The settings page.
      await a.openSetting();
      await eventually(() => assert.equal(b.stateOf(CAMERA), 'denied'));
      assert.deepEqual(b.events.changes.at(-1), { scope: CAMERA, previous: 'granted', state: 'denied', source: 'other-tab' });
      assert.deepEqual((await b.getSetting()).authSetting, { ...RETIRED, 'scope.camera': false, 'scope.record': false });

      // Either way round: b's setState reaches a.
      await b.setState(ALBUM, 'granted');
      await eventually(() => assert.equal(a.stateOf(ALBUM), 'granted'));
      assert.deepEqual(a.events.changes.at(-1), { scope: ALBUM, previous: 'prompt', state: 'granted', source: 'other-tab' });

      // reset.
      const changesBefore = b.events.changes.length;
      await a.reset();
      await eventually(() => {
        assert.equal(b.stateOf(CAMERA), 'prompt');
        assert.equal(b.stateOf(RECORD), 'prompt');
        assert.equal(b.stateOf(ALBUM), 'prompt');
      });
      const resetChanges = b.events.changes.slice(changesBefore);
      assert.deepEqual(
        resetChanges.map((c) => `${c.scope} ${c.previous}→${c.state} ${c.source}`).sort(),
        [`${CAMERA} denied→prompt other-tab`, `${RECORD} denied→prompt other-tab`, `${ALBUM} granted→prompt other-tab`].sort(),
      );
      assert.deepEqual((await b.getSetting()).authSetting, RETIRED);
      assert.deepEqual(a.events.errors, []);
      assert.deepEqual(b.events.errors, []);
    } finally {
      a.close();
      b.close();
    }
  });

  it('a tab that was waiting on a prompt for the same scope takes the other tab\'s decision', TIMEOUT, async () => {
    const db = freshDb();
    const a = await open(db, { prompt: scriptedPrompt(['accept']) });
    const bAnswer = deferred();
    const bPrompt = scriptedPrompt();
    const b = await open(db, { prompt: (req) => { bPrompt(req); return bAnswer.promise; } });
    try {
      // b asks for RECORD first (its prompt stays open), then CAMERA waits behind it in b's queue.
      const bRecord = b.authorize({ scope: RECORD }).catch((r) => r);
      const bCamera = b.authorize({ scope: CAMERA }).catch((r) => r);
      await a.authorize({ scope: CAMERA });
      await eventually(() => assert.equal(b.stateOf(CAMERA), 'granted'));
      bAnswer.resolve('reject');
      assert.deepEqual(await bRecord, { errMsg: 'authorize:fail auth deny' });
      assert.deepEqual(await bCamera, { errMsg: 'authorize:ok' }, 'no second prompt for a scope another tab decided');
      assert.deepEqual(bPrompt.calls.map((c) => c.scope), [RECORD]);
    } finally {
      a.close();
      b.close();
    }
  });

  it('two tabs deciding at once, with different answers, end with one agreed state in both and in the database', TIMEOUT, async () => {
    for (let round = 0; round < 10; round++) {
      const db = freshDb();
      const answerA = deferred();
      const answerB = deferred();
      const a = await open(db, { prompt: () => answerA.promise });
      const b = await open(db, { prompt: () => answerB.promise });
      try {
        const ra = a.authorize({ scope: CAMERA }).then(() => 'ok', () => 'fail');
        const rb = b.authorize({ scope: CAMERA }).then(() => 'ok', () => 'fail');
        await tick(5);
        // Answered in the same task, then with the other order and small gaps.
        if (round % 3 === 0) {
          answerA.resolve('accept');
          answerB.resolve('reject');
        } else if (round % 3 === 1) {
          answerB.resolve('reject');
          await tick(round % 2);
          answerA.resolve('accept');
        } else {
          answerA.resolve('accept');
          await tick(round % 2);
          answerB.resolve('reject');
        }
        await Promise.all([ra, rb]);
        await eventually(async () => {
          const stored = (await rawGet(db, ['wx-app', 'alice', CAMERA]))?.state;
          assert.ok(stored === 'granted' || stored === 'denied', `round ${round}: stored ${stored}`);
          assert.equal(a.stateOf(CAMERA), stored, `round ${round}: tab A agrees with the database`);
          assert.equal(b.stateOf(CAMERA), stored, `round ${round}: tab B agrees with the database`);
        });
        // ...and it stays that way once every message has been handled.
        await tick(50);
        const stored = (await rawGet(db, ['wx-app', 'alice', CAMERA]))?.state;
        assert.equal(a.stateOf(CAMERA), stored);
        assert.equal(b.stateOf(CAMERA), stored);
      } finally {
        a.close();
        b.close();
      }
    }
  });

  it('a tab whose own decision lands while it is re-reading for another tab keeps agreeing (deterministic race)', TIMEOUT, async () => {
    const db = freshDb();
    const p = probe(db);
    const answerB = deferred();
    const a = await open(db, { prompt: scriptedPrompt(['accept']) });
    const b = await open(db, { prompt: () => answerB.promise });
    try {
      const rb = b.authorize({ scope: CAMERA }).then(() => 'ok', () => 'fail');
      await tick(5);
      // The first read transaction after a's write is b's re-read for a's message: b's user answers
      // "reject" right then, while that read is in flight.
      p.onTransaction = (mode) => {
        if (mode === 'readonly' && p.writesCommitted >= 1) {
          p.onTransaction = null;
          answerB.resolve('reject');
        }
      };
      await a.authorize({ scope: CAMERA });
      assert.equal(await rb, 'fail', 'b was told "deny"');
      await eventually(async () => {
        const stored = (await rawGet(db, ['wx-app', 'alice', CAMERA]))?.state;
        assert.equal(stored, 'denied', 'the last write wins in the database');
        assert.equal(a.stateOf(CAMERA), 'denied', 'tab A');
        assert.equal(b.stateOf(CAMERA), 'denied', 'tab B');
      });
      await tick(50);
      assert.equal(b.stateOf(CAMERA), 'denied', 'tab B, once everything has settled');
      assert.equal(a.stateOf(CAMERA), 'denied', 'tab A, once everything has settled');
    } finally {
      a.close();
      b.close();
    }
  });

  it('after close, an authorizer no longer hears other tabs', TIMEOUT, async () => {
    const db = freshDb();
    const a = await open(db);
    const b = await open(db);
    b.close();
    try {
      await a.setState(CAMERA, 'granted');
      await tick(50);
      assert.deepEqual(b.events.changes, []);
      assert.deepEqual(b.events.errors, []);
    } finally {
      a.close();
    }
  });
});

// --- isolation -----------------------------------------------------------------------------------

describe('isolation', () => {
  /** Decides in `one`, then checks `other` neither sees it nor hears of it, and vice versa for reset. */
  async function isolated(db, one, other) {
    const a = await open(db, { ...one, prompt: scriptedPrompt(['accept']) });
    const b = await open(db, { ...other, prompt: scriptedPrompt(['reject']) });
    try {
      await a.authorize({ scope: CAMERA });
      await b.authorize({ scope: CAMERA }).catch(() => {});
      await a.setState(RECORD, 'denied');
      await tick(50);
      assert.equal(a.stateOf(CAMERA), 'granted');
      assert.equal(b.stateOf(CAMERA), 'denied');
      assert.equal(b.stateOf(RECORD), 'prompt');
      assert.deepEqual(b.events.changes.map((c) => c.source), ['prompt'], 'b heard nothing of a');
      assert.deepEqual(a.events.changes.map((c) => c.source), ['prompt', 'setState'], 'a heard nothing of b');
      await a.reset();
      await tick(50);
      assert.equal(b.stateOf(CAMERA), 'denied', "a's reset leaves b alone");
      a.close();
      b.close();
      // And after a reload.
      const a2 = await open(db, one);
      const b2 = await open(db, other);
      assert.equal(a2.stateOf(CAMERA), 'prompt');
      assert.equal(b2.stateOf(CAMERA), 'denied');
      a2.close();
      b2.close();
      return await rawRecords(db);
    } finally {
      a.close();
      b.close();
    }
  }

  it('app A never reads or changes app B', TIMEOUT, async () => {
    const records = await isolated(freshDb(), { appId: 'wx-A' }, { appId: 'wx-B' });
    assert.deepEqual(records, [{ key: ['wx-B', 'alice', CAMERA], value: records[0].value }]);
  });

  it('user A never reads or changes user B', TIMEOUT, async () => {
    const records = await isolated(freshDb(), { userId: 'user-A' }, { userId: 'user-B' });
    assert.deepEqual(records.map((r) => r.key), [['wx-app', 'user-B', CAMERA]]);
  });

  it('ids that a separator would confuse: "a|b" + "c" vs "a" + "b|c"', TIMEOUT, async () => {
    const records = await isolated(freshDb(), { appId: 'a|b', userId: 'c' }, { appId: 'a', userId: 'b|c' });
    assert.deepEqual(records.map((r) => r.key), [['a', 'b|c', CAMERA]]);
  });

  it('ids that a prefix range would confuse: "a" vs "ab", user "u" vs "u\\u0000"', TIMEOUT, async () => {
    const records = await isolated(freshDb(), { appId: 'a', userId: 'u' }, { appId: 'a', userId: 'u\u0000' });
    assert.deepEqual(records.map((r) => r.key), [['a', 'u\u0000', CAMERA]]);
    const more = await isolated(freshDb(), { appId: 'a' }, { appId: 'ab' });
    assert.deepEqual(more.map((r) => r.key), [['ab', 'alice', CAMERA]]);
  });

  it('"__proto__", "constructor" and other odd ids work and stay apart', TIMEOUT, async () => {
    const records = await isolated(freshDb(), { appId: '__proto__', userId: 'constructor' }, { appId: 'constructor', userId: '__proto__' });
    assert.deepEqual(records.map((r) => r.key), [['constructor', '__proto__', CAMERA]]);
    const odd = await isolated(freshDb(), { appId: '😀 \u200b"\'<x>', userId: 'e\u0301' }, { appId: '😀 \u200b"\'<x>', userId: '\u00e9' });
    assert.deepEqual(odd.map((r) => r.key), [['😀 \u200b"\'<x>', '\u00e9', CAMERA]], 'ids are not Unicode-normalized');
  });

  it('ids with a lone surrogate are rejected (UTF-8 would turn "\\ud800" and "\\udc00" into one id)', async () => {
    const db = freshDb();
    await assert.rejects(open(db, { userId: '\ud800' }), /option userId must be well-formed Unicode/);
    await assert.rejects(open(db, { appId: 'wx\udc00' }), /option appId must be well-formed Unicode/);
    const ok = await open(db, { userId: '\ud83d\ude00' });
    assert.equal(ok.userId, '😀');
    ok.close();
  });

  it('10,000-character ids are kept whole', TIMEOUT, async () => {
    const long = 'x'.repeat(10_000);
    const records = await isolated(freshDb(), { appId: long, userId: long }, { appId: long, userId: `${long.slice(1)}y` });
    assert.equal(records.length, 1);
    assert.equal(records[0].key[0].length, 10_000);
    assert.equal(records[0].key[1], `${long.slice(1)}y`);
  });

  it('an empty appId or userId is rejected with a clear error', async () => {
    const db = freshDb();
    await assert.rejects(open(db, { appId: '' }), (error) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /appId must be a non-empty string/);
      return true;
    });
    await assert.rejects(open(db, { userId: '' }), /userId must be a non-empty string/);
    await assert.rejects(open(db, { appId: 42 }), /appId must be a non-empty string \(got Number\)/);
  });
});

// --- faults ----------------------------------------------------------------------------------------

describe('faults', () => {
  for (const how of ['throw', 'error']) {
    const cause = how === 'throw' ? 'SecurityError' : 'UnknownError';
    it(`open fails (${how === 'throw' ? 'open() throws' : 'the request fails'}): 'indexeddb' rejects naming ${cause}; 'auto' → memory + one error`, TIMEOUT, async () => {
      const db = freshDb();
      const factory = failingFactory(db.factory, how);
      await assert.rejects(open({ factory, name: db.name }), (error) => {
        assert.ok(error instanceof Error);
        assert.match(error.message, /storage "indexeddb"/);
        assert.match(error.message, new RegExp(cause));
        return true;
      });

      const errors = [];
      const auth = await createAuthorizer({
        appId: 'wx-app', indexedDB: factory, IDBKeyRange, databaseName: db.name, prompt: () => 'accept', onError: (e) => errors.push(e),
      });
      try {
        assert.equal(auth.storage, 'memory');
        assert.equal(errors.length, 1, 'exactly one error event');
        assert.ok(errors[0] instanceof Error);
        assert.match(errors[0].message, new RegExp(cause));
        assert.match(errors[0].message, /memory/);
        assert.deepEqual(await auth.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
        assert.equal(auth.stateOf(CAMERA), 'granted');
        await tick();
        assert.equal(errors.length, 1, 'memory storage reports nothing more');
      } finally {
        auth.close();
      }
    });
  }

  it("an injected factory without its IDBKeyRange (and none global): 'indexeddb' rejects naming it; 'auto' → memory + one error", TIMEOUT, async () => {
    assert.equal(globalThis.IDBKeyRange, undefined);
    const db = freshDb();
    await assert.rejects(open(db, { IDBKeyRange: undefined }), (error) => {
      assert.match(error.message, /storage "indexeddb"/);
      assert.match(error.message, /IDBKeyRange/);
      return true;
    });
    const errors = [];
    const auth = await createAuthorizer({ appId: 'wx-app', indexedDB: db.factory, databaseName: db.name, onError: (e) => errors.push(e) });
    try {
      assert.equal(auth.storage, 'memory');
      assert.equal(errors.length, 1);
      assert.match(errors[0].message, /IDBKeyRange/);
    } finally {
      auth.close();
    }
    await assert.rejects(open(db, { IDBKeyRange: {} }), /option IDBKeyRange/);
  });

  for (const kind of ['throw', 'abort']) {
    it(`a write that fails (QuotaExceededError, ${kind === 'throw' ? 'put throws' : 'the transaction aborts'}) → the call succeeds, the decision holds for the session, an error says it was not saved, nothing stored is lost`, TIMEOUT, async () => {
      const db = freshDb();
      const setup = await open(db, { prompt: scriptedPrompt(['accept']) });
      await setup.authorize({ scope: CAMERA });
      await setup.setState(RECORD, 'denied');
      setup.close();
      const storedBefore = await rawRecords(db);

      const p = probe(db);
      const auth = await open(db, { prompt: scriptedPrompt(['accept']) });
      try {
        // A prompt decision whose write fails.
        p.fault = { kind, times: 1 };
        assert.deepEqual(await auth.authorize({ scope: ALBUM }), { errMsg: 'authorize:ok' });
        assert.equal(auth.stateOf(ALBUM), 'granted');
        assert.deepEqual(await auth.authorize({ scope: ALBUM }), { errMsg: 'authorize:ok' }, 'in force for the session');
        assert.equal(auth.events.errors.length, 1);
        assert.match(auth.events.errors[0].message, /not saved/);
        assert.match(auth.events.errors[0].message, /QuotaExceededError/);
        assert.deepEqual(auth.events.changes.at(-1), { scope: ALBUM, previous: 'prompt', state: 'granted', source: 'prompt' });

        // A setState that would overwrite a stored decision, failing.
        p.fault = { kind, times: 1 };
        await auth.setState(RECORD, 'granted');
        assert.equal(auth.stateOf(RECORD), 'granted');
        assert.equal(auth.events.errors.length, 2);
        assert.match(auth.events.errors[1].message, /not saved/);

        // A reset that fails.
        p.fault = { kind, times: 1 };
        await auth.reset();
        assert.equal(auth.stateOf(CAMERA), 'prompt');
        assert.equal(auth.events.errors.length, 3);
        assert.match(auth.events.errors[2].message, /not saved/);

        assert.deepEqual(await rawRecords(db), storedBefore, 'nothing previously stored is lost or changed');
        assert.equal(p.writesCommitted, 0);

        // The next write, with the fault gone, is stored.
        await auth.setState(ALBUM, 'denied');
        assert.equal((await rawGet(db, ['wx-app', 'alice', ALBUM]))?.state, 'denied');
        assert.equal(auth.events.errors.length, 3);
      } finally {
        auth.close();
      }
      // A reload shows what was stored: the failed writes never happened.
      const reloaded = await open(db);
      try {
        assert.equal(reloaded.stateOf(CAMERA), 'granted');
        assert.equal(reloaded.stateOf(RECORD), 'denied');
        assert.equal(reloaded.stateOf(ALBUM), 'denied');
      } finally {
        reloaded.close();
      }
    });
  }

  it('a failing write in callback form: success still runs, the error event comes with it', TIMEOUT, async () => {
    const db = freshDb();
    const p = probe(db);
    const auth = await open(db, { prompt: scriptedPrompt(['reject']) });
    try {
      p.fault = { kind: 'abort', times: 1 };
      const reply = await new Promise((resolve) => auth.authorize({ scope: CAMERA, fail: resolve }));
      assert.deepEqual(reply, { errMsg: 'authorize:fail auth deny' });
      assert.equal(auth.stateOf(CAMERA), 'denied');
      assert.equal(auth.events.errors.length, 1);
      assert.deepEqual(await rawRecords(db), []);
    } finally {
      auth.close();
    }
  });

  it('a corrupt or foreign record is treated as never asked, reported through onError, not thrown', TIMEOUT, async () => {
    const db = freshDb();
    const setup = await open(db);
    await setup.setState(ALBUM, 'granted');
    setup.close();
    await rawPut(db, ['wx-app', 'alice', CAMERA], { state: 'maybe', updatedAt: 1 });
    await rawPut(db, ['wx-app', 'alice', RECORD], 'granted');
    await rawPut(db, ['wx-app', 'alice', 'scope.bluetooth'], { state: 'granted' });
    await rawPut(db, ['wx-app', 'alice', 'scope.werun'], { state: 'denied', updatedAt: 'yesterday' });
    await rawPut(db, ['wx-app', 'alice', 7], { state: 'granted', updatedAt: 1 });
    await rawPut(db, ['wx-app', 'alice', 'scope.userLocation', 'extra'], { state: 'granted', updatedAt: 1 });
    await rawPut(db, ['wx-app', 'alice', 'scope.noSuchScope'], { state: 'granted', updatedAt: 1 });
    const prompt = scriptedPrompt(['accept']);
    const auth = await open(db, { prompt });
    try {
      assert.equal(auth.stateOf(CAMERA), 'prompt');
      assert.equal(auth.stateOf(RECORD), 'prompt');
      assert.equal(auth.stateOf('scope.bluetooth'), 'prompt');
      assert.equal(auth.stateOf('scope.werun'), 'prompt');
      assert.equal(auth.stateOf('scope.userLocation'), 'prompt');
      assert.equal(auth.stateOf(ALBUM), 'granted', 'the good record next to them is read');
      const messages = auth.events.errors.map((e) => e.message);
      assert.ok(auth.events.errors.every((e) => e instanceof Error));
      for (const bad of [CAMERA, RECORD, 'scope.bluetooth', 'scope.werun']) {
        assert.ok(messages.some((m) => m.includes(bad)), `${bad} is reported: ${messages.join(' / ')}`);
      }
      assert.ok(messages.some((m) => m.includes('7')), 'the key with a number scope is reported');
      assert.ok(messages.some((m) => m.includes('extra')), 'the four-part key is reported');
      assert.deepEqual((await auth.getSetting()).authSetting, { ...RETIRED, 'scope.writePhotosAlbum': true });
      // Never asked: the prompt comes, and the answer replaces the bad record.
      assert.deepEqual(await auth.authorize({ scope: CAMERA }), { errMsg: 'authorize:ok' });
      assert.equal(prompt.calls.length, 1);
      assert.deepEqual(Object.keys(await rawGet(db, ['wx-app', 'alice', CAMERA])).sort(), ['state', 'updatedAt']);
      assert.equal((await rawGet(db, ['wx-app', 'alice', CAMERA])).state, 'granted');
    } finally {
      auth.close();
    }
  });

  it('corrupt records written by another tab are reported on re-read, not thrown', TIMEOUT, async () => {
    const db = freshDb();
    const a = await open(db);
    const b = await open(db);
    try {
      await b.setState(CAMERA, 'granted');
      await eventually(() => assert.equal(a.stateOf(CAMERA), 'granted'));
      await rawPut(db, ['wx-app', 'alice', RECORD], { state: 42, updatedAt: 1 });
      await b.setState(ALBUM, 'denied');
      await eventually(() => assert.equal(a.stateOf(ALBUM), 'denied'));
      assert.equal(a.stateOf(RECORD), 'prompt');
      assert.equal(a.stateOf(CAMERA), 'granted');
    } finally {
      a.close();
      b.close();
    }
  });

  it('the database deleted while open (the user cleared site data): the next decision still works and is stored', TIMEOUT, async () => {
    const db = freshDb();
    const auth = await open(db, { prompt: scriptedPrompt(['accept', 'reject']) });
    try {
      await auth.authorize({ scope: CAMERA });
      await new Promise((resolve, reject) => {
        const req = db.factory.deleteDatabase(db.name);
        req.onsuccess = resolve;
        req.onerror = () => reject(req.error);
      });
      assert.deepEqual((await db.factory.databases()).map((d) => d.name), []);

      await assert.rejects(auth.authorize({ scope: RECORD }), { errMsg: 'authorize:fail auth deny' });
      assert.equal(auth.stateOf(RECORD), 'denied');
      assert.deepEqual(auth.events.errors, []);
      assert.equal((await rawGet(db, ['wx-app', 'alice', RECORD]))?.state, 'denied');
      await auth.setState(ALBUM, 'granted');
      assert.equal((await rawGet(db, ['wx-app', 'alice', ALBUM]))?.state, 'granted');
      // What was decided before the deletion holds for this session only: it is not written back.
      assert.equal(auth.stateOf(CAMERA), 'granted');
      assert.equal(await rawGet(db, ['wx-app', 'alice', CAMERA]), undefined);
    } finally {
      auth.close();
    }
    const reloaded = await open(db);
    try {
      assert.equal(reloaded.stateOf(CAMERA), 'prompt');
      assert.equal(reloaded.stateOf(RECORD), 'denied');
      assert.equal(reloaded.stateOf(ALBUM), 'granted');
    } finally {
      reloaded.close();
    }
  });

  it('a database of a newer schema (version 99): \'indexeddb\' rejects naming it, \'auto\' → memory + one error, nothing is wiped', TIMEOUT, async () => {
    const db = freshDb();
    const conn = await rawOpen(db, 99, (c) => {
      c.createObjectStore(STORE).put({ state: 'granted', updatedAt: 5, future: true }, ['wx-app', 'alice', CAMERA]);
      c.createObjectStore('future-things').put('kept', 'k');
    });
    conn.close();

    await assert.rejects(open(db), (error) => {
      assert.ok(error instanceof Error);
      assert.match(error.message, /newer version/);
      assert.match(error.message, /VersionError/);
      return true;
    });
    const errors = [];
    const auth = await createAuthorizer({ appId: 'wx-app', indexedDB: db.factory, IDBKeyRange, databaseName: db.name, onError: (e) => errors.push(e) });
    assert.equal(auth.storage, 'memory');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /newer version/);
    assert.equal(auth.stateOf(CAMERA), 'prompt');
    auth.close();

    const after = await rawOpen(db);
    try {
      assert.equal(after.version, 99);
      assert.deepEqual([...after.objectStoreNames].sort(), ['decisions', 'future-things']);
      assert.deepEqual(await rawRequest(after, 'readonly', (s) => s.get(['wx-app', 'alice', CAMERA])), { state: 'granted', updatedAt: 5, future: true });
    } finally {
      after.close();
    }
  });

  it("an open blocked by another tab's older version that never closes: 'indexeddb' rejects naming it, 'auto' → memory + one error, nothing is wiped", TIMEOUT, async () => {
    const V1 = { appId: 'wx-app', userId: 'alice', scope: CAMERA, state: 'granted', updatedAt: 1 };
    /** A database at version 1 held open by an old tab that ignores upgrades. */
    async function heldOpen() {
      const db = freshDb();
      const old = await rawOpen(db, 1, (c) => c.createObjectStore(STORE, { keyPath: ['appId', 'userId', 'scope'] }).put(V1));
      old.onversionchange = () => {};
      return { db, old };
    }
    const strict = await heldOpen();
    const loose = await heldOpen();
    const errors = [];
    const [rejected, fallback] = await Promise.allSettled([
      open(strict.db),
      createAuthorizer({ appId: 'wx-app', indexedDB: loose.db.factory, IDBKeyRange, databaseName: loose.db.name, onError: (e) => errors.push(e) }),
    ]);
    assert.equal(rejected.status, 'rejected');
    assert.match(rejected.reason.message, /storage "indexeddb"/);
    assert.match(rejected.reason.message, /blocked/);
    assert.equal(fallback.status, 'fulfilled');
    assert.equal(fallback.value.storage, 'memory');
    assert.equal(errors.length, 1);
    assert.match(errors[0].message, /blocked/);
    fallback.value.close();
    for (const { db, old } of [strict, loose]) {
      // The old tab goes away; the database is as it was (the abandoned upgrade does not run)...
      old.close();
      await tick(50);
      const conn = await rawOpen(db);
      try {
        assert.equal(conn.version, 1);
        assert.deepEqual(await rawRequest(conn, 'readonly', (s) => s.getAll()), [V1]);
      } finally {
        conn.close();
      }
      // ...and the next authorizer upgrades it with the decision kept.
      const later = await open(db);
      try {
        assert.equal(later.stateOf(CAMERA), 'granted');
      } finally {
        later.close();
      }
    }
  });
});
