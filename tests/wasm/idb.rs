//! Browser tests of the IndexedDB store (`src/wasm/idb.rs`) in headless Chromium:
//!   CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test idb
//! Each test uses its own database and deletes it at the end. Raw setup (v1 layouts, corrupt
//! records, other tabs' connections) is done by the small JS module below, not by the store.
#![cfg(target_arch = "wasm32")]

use js_sys::{Array, Promise};
use miniprogram_authorize::state::Decision;
use miniprogram_authorize::wasm::idb::{
    global_factory, IdbErrorKind, IdbStore, Lookup, OpenOptions, Record, DB_VERSION,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{future_to_promise, JsFuture};
use wasm_bindgen_test::*;
use web_sys::IdbFactory;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const done = (r) => new Promise((resolve, reject) => {
  r.onsuccess = () => resolve(r.result);
  r.onerror = () => reject(r.error);
});
const committed = (tx) => new Promise((resolve, reject) => {
  tx.oncomplete = () => resolve();
  tx.onabort = () => reject(tx.error);
});
let counter = 0;
export function uniqueName(prefix) {
  counter += 1;
  return `test-${prefix}-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`;
}
export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
export function now() { return performance.now(); }
export function deleteDb(name) {
  return new Promise((resolve, reject) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = () => resolve(true);
    r.onerror = () => reject(r.error);
  });
}
export async function dbInfo(name) {
  const all = await indexedDB.databases();
  const found = all.find((d) => d.name === name);
  return found ? found.version : 0;
}
// Open at `version` (or the current one); `stores` are created if an upgrade runs.
// The connection ignores `versionchange`, like an old tab that never closes.
export function openRaw(name, version, stores) {
  const r = version ? indexedDB.open(name, version) : indexedDB.open(name);
  r.onupgradeneeded = () => {
    for (const [store, options] of stores || []) r.result.createObjectStore(store, options);
  };
  return done(r);
}
export function closeRaw(db) { db.close(); }
export function closeRawLater(db, ms) { setTimeout(() => db.close(), ms); }
export async function createV1(name, records) {
  const db = await openRaw(name, 1, [['decisions', { keyPath: ['appId', 'userId', 'scope'] }]]);
  const tx = db.transaction('decisions', 'readwrite');
  for (const rec of records) tx.objectStore('decisions').put(rec);
  await committed(tx);
  db.close();
}
// [[key, value], ...] into `store`, one transaction, out-of-line keys.
export async function rawPutMany(name, store, entries) {
  const db = await openRaw(name);
  const tx = db.transaction(store, 'readwrite');
  for (const [key, value] of entries) tx.objectStore(store).put(value, key);
  await committed(tx);
  db.close();
}
export async function rawGet(name, store, key) {
  const db = await openRaw(name);
  try { return await done(db.transaction(store).objectStore(store).get(key)); } finally { db.close(); }
}
export async function rawCount(name, store) {
  const db = await openRaw(name);
  try { return await done(db.transaction(store).objectStore(store).count()); } finally { db.close(); }
}
export async function storeLayout(name) {
  const db = await openRaw(name);
  try {
    const s = db.transaction('decisions').objectStore('decisions');
    return { keyPath: s.keyPath, autoIncrement: s.autoIncrement, version: db.version };
  } finally { db.close(); }
}
// Rejects if `promise` does not settle within `ms` (a hang becomes a clear failure).
export function within(ms, what, promise) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms))]);
}
// Stand-in factories for faults a real browser will not produce on demand:
// 'throw': open() throws a SecurityError; 'silent': the open request never answers;
// 'quota': opens, but every write transaction aborts with a QuotaExceededError.
export function fakeFactory(mode) {
  return {
    open(name, version) {
      if (mode === 'throw') throw new DOMException('Access to storage is denied', 'SecurityError');
      const req = { result: undefined, error: null, transaction: null };
      if (mode === 'silent') return req;
      const db = {
        name, version, close() {},
        transaction(store, txMode) {
          const tx = {
            error: null, mode: txMode, abort() {},
            objectStore() {
              return {
                put() {
                  setTimeout(() => {
                    tx.error = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
                    if (tx.onabort) tx.onabort({ type: 'abort', target: tx });
                  }, 0);
                  return {};
                },
              };
            },
          };
          return tx;
        },
      };
      setTimeout(() => { req.result = db; req.onsuccess({ type: 'success', target: req }); }, 0);
      return req;
    },
  };
}
export function keysOf(value) { return Object.keys(value).sort().join(','); }
export function manyApps(count, prefix) {
  const out = [];
  for (let i = 0; i < count; i++) {
    out.push([[`${prefix}${i}`, 'u', 'scope.userLocation'], { state: 'granted', updatedAt: i }]);
  }
  return out;
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = uniqueName)]
    fn unique_name(prefix: &str) -> String;
    fn sleep(ms: u32) -> Promise;
    fn now() -> f64;
    #[wasm_bindgen(js_name = deleteDb)]
    fn delete_db(name: &str) -> Promise;
    #[wasm_bindgen(js_name = dbInfo)]
    fn db_version(name: &str) -> Promise;
    #[wasm_bindgen(js_name = openRaw)]
    fn open_raw(name: &str, version: u32, stores: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = closeRaw)]
    fn close_raw(db: &JsValue);
    #[wasm_bindgen(js_name = closeRawLater)]
    fn close_raw_later(db: &JsValue, ms: u32);
    #[wasm_bindgen(js_name = createV1)]
    fn create_v1(name: &str, records: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawPutMany)]
    fn raw_put_many(name: &str, store: &str, entries: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawGet)]
    fn raw_get(name: &str, store: &str, key: &JsValue) -> Promise;
    #[wasm_bindgen(js_name = rawCount)]
    fn raw_count(name: &str, store: &str) -> Promise;
    #[wasm_bindgen(js_name = storeLayout)]
    fn store_layout(name: &str) -> Promise;
    fn within(ms: u32, what: &str, promise: Promise) -> Promise;
    #[wasm_bindgen(js_name = fakeFactory)]
    fn fake_factory(mode: &str) -> IdbFactory;
    #[wasm_bindgen(js_name = keysOf)]
    fn keys_of(value: &JsValue) -> String;
    #[wasm_bindgen(js_name = manyApps)]
    fn many_apps(count: u32, prefix: &str) -> JsValue;
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console)]
    fn log(message: &str);
}

async fn wait(promise: Promise) -> JsValue {
    JsFuture::from(promise).await.expect("JS helper rejected")
}

/// A property of a raw JS value (a stored record).
fn prop(value: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(value, &key.into()).unwrap()
}

fn factory() -> IdbFactory {
    global_factory().expect("indexedDB in the browser")
}

async fn fresh(prefix: &str) -> (String, IdbStore) {
    let name = unique_name(prefix);
    let store = IdbStore::open(&factory(), &name).await.expect("open");
    (name, store)
}

async fn finish(name: &str, store: Option<&IdbStore>) {
    if let Some(store) = store {
        store.close();
    }
    wait(delete_db(name)).await;
}

fn arr(items: &[&str]) -> JsValue {
    items
        .iter()
        .map(|s| JsValue::from_str(s))
        .collect::<Array>()
        .into()
}

fn obj(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (k, v) in pairs {
        js_sys::Reflect::set(&o, &JsValue::from_str(k), v).unwrap();
    }
    o.into()
}

fn entry(key: JsValue, value: JsValue) -> JsValue {
    Array::of2(&key, &value).into()
}

fn granted(at: f64) -> Record {
    Record {
        decision: Decision::Granted,
        updated_at: at,
    }
}

fn denied(at: f64) -> Record {
    Record {
        decision: Decision::Denied,
        updated_at: at,
    }
}

fn scopes(records: &[(String, Record)]) -> Vec<&str> {
    records.iter().map(|(s, _)| s.as_str()).collect()
}

#[wasm_bindgen_test]
fn global_factory_is_read_from_global_this() {
    assert!(global_factory().is_some());
}

#[wasm_bindgen_test]
async fn put_then_load_round_trip_with_the_exact_stored_shape() {
    let (name, store) = fresh("roundtrip").await;
    store
        .put(
            "app",
            "user",
            "scope.userLocation",
            Decision::Granted,
            1_700_000_000_123.0,
        )
        .await
        .unwrap();
    store
        .put("app", "user", "scope.camera", Decision::Denied, 5.5)
        .await
        .unwrap();

    let loaded = store.load("app", "user").await.unwrap();
    assert!(loaded.corrupt.is_empty(), "{:?}", loaded.corrupt);
    assert_eq!(
        loaded.records,
        vec![
            ("scope.camera".to_string(), denied(5.5)),
            (
                "scope.userLocation".to_string(),
                granted(1_700_000_000_123.0)
            ),
        ]
    );
    assert_eq!(
        store.get("app", "user", "scope.camera").await.unwrap(),
        Some(denied(5.5))
    );
    assert_eq!(
        store.get("app", "user", "scope.record").await.unwrap(),
        None
    );
    assert_eq!(
        store.lookup("app", "user", "scope.record").await.unwrap(),
        Lookup::Missing
    );

    // Out-of-line compound key, value exactly { state, updatedAt }.
    let layout = wait(store_layout(&name)).await;
    assert!(js_sys::Reflect::get(&layout, &"keyPath".into())
        .unwrap()
        .is_null());
    assert_eq!(
        js_sys::Reflect::get(&layout, &"version".into())
            .unwrap()
            .as_f64(),
        Some(DB_VERSION as f64)
    );
    let raw = wait(raw_get(
        &name,
        "decisions",
        &arr(&["app", "user", "scope.userLocation"]),
    ))
    .await;
    assert_eq!(keys_of(&raw), "state,updatedAt");
    assert_eq!(prop(&raw, "state").as_string().as_deref(), Some("granted"));
    assert_eq!(prop(&raw, "updatedAt").as_f64(), Some(1_700_000_000_123.0));
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_put_is_durable_for_a_second_connection_and_close_is_final() {
    let (name, first) = fresh("durable").await;
    first
        .put("app", "user", "scope.record", Decision::Granted, 42.0)
        .await
        .unwrap();
    // No waiting: `put` resolved after `complete`, so another connection sees it at once.
    let second = IdbStore::open(&factory(), &name).await.unwrap();
    assert_eq!(
        second.get("app", "user", "scope.record").await.unwrap(),
        Some(granted(42.0))
    );

    first.close();
    let err = first.load("app", "user").await.unwrap_err();
    assert_eq!(err.kind(), IdbErrorKind::Closed);
    assert!(
        second.load("app", "user").await.is_ok(),
        "closing one store leaves the other"
    );
    // Clones share the connection.
    let clone = second.clone();
    clone
        .put("app", "user", "scope.camera", Decision::Denied, 1.0)
        .await
        .unwrap();
    assert_eq!(second.load("app", "user").await.unwrap().records.len(), 2);
    finish(&name, Some(&second)).await;
}

#[wasm_bindgen_test]
async fn put_overwrites_and_delete_removes_one() {
    let (name, store) = fresh("overwrite").await;
    store
        .put("app", "user", "scope.record", Decision::Granted, 1.0)
        .await
        .unwrap();
    store
        .put("app", "user", "scope.record", Decision::Denied, 2.0)
        .await
        .unwrap();
    store
        .put("app", "user", "scope.camera", Decision::Granted, 3.0)
        .await
        .unwrap();
    let loaded = store.load("app", "user").await.unwrap();
    assert_eq!(
        loaded.records,
        vec![
            ("scope.camera".to_string(), granted(3.0)),
            ("scope.record".to_string(), denied(2.0))
        ]
    );

    store.delete("app", "user", "scope.record").await.unwrap();
    store.delete("app", "user", "scope.never").await.unwrap(); // deleting nothing is fine
    let loaded = store.load("app", "user").await.unwrap();
    assert_eq!(
        loaded.records,
        vec![("scope.camera".to_string(), granted(3.0))]
    );
    assert_eq!(
        wait(raw_count(&name, "decisions")).await.as_f64(),
        Some(1.0)
    );
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn clear_and_load_keep_apps_and_users_apart_whatever_the_ids() {
    let (name, store) = fresh("isolation").await;
    let long = "x".repeat(10_000);
    let pairs: Vec<(&str, &str)> = vec![
        ("a", "u"),
        ("a", "v"),
        ("b", "u"),
        ("a|b", "u"),
        ("a", "b|u"),
        ("a|b|u", ""),
        ("", "a|b|u"),
        ("", ""),
        ("__proto__", "u"),
        ("a", "__proto__"),
        ("constructor", "toString"),
        ("a\u{0}", "u"),
        ("a", "u\u{0}"),
        ("ａ", "ü"),
        (long.as_str(), long.as_str()),
    ];
    for (i, (app, user)) in pairs.iter().enumerate() {
        store
            .put(app, user, "scope.userLocation", Decision::Granted, i as f64)
            .await
            .unwrap();
        store
            .put(app, user, "__proto__", Decision::Denied, i as f64)
            .await
            .unwrap();
    }
    for (i, (app, user)) in pairs.iter().enumerate() {
        let loaded = store.load(app, user).await.unwrap();
        assert_eq!(
            loaded.records,
            vec![
                ("__proto__".to_string(), denied(i as f64)),
                ("scope.userLocation".to_string(), granted(i as f64)),
            ],
            "app {app:?} user {user:?}"
        );
    }

    store.clear("a", "u").await.unwrap();
    store.clear("a|b", "u").await.unwrap();
    store.clear("__proto__", "u").await.unwrap();
    store.clear("", "").await.unwrap();
    let cleared = [("a", "u"), ("a|b", "u"), ("__proto__", "u"), ("", "")];
    for (i, (app, user)) in pairs.iter().enumerate() {
        let loaded = store.load(app, user).await.unwrap();
        if cleared.contains(&(*app, *user)) {
            assert!(
                loaded.records.is_empty(),
                "app {app:?} user {user:?} cleared"
            );
        } else {
            assert_eq!(
                loaded.records.len(),
                2,
                "app {app:?} user {user:?} untouched"
            );
            assert_eq!(
                store.get(app, user, "scope.userLocation").await.unwrap(),
                Some(granted(i as f64))
            );
        }
    }
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn load_reads_only_its_range_among_many_apps() {
    let (name, store) = fresh("range").await;
    // Neighbours in key order: prefixes, extensions, other users.
    let mut entries: Vec<JsValue> = Vec::new();
    for (app, user) in [
        ("ap", "u"),
        ("app1", "u"),
        ("app", "u2"),
        ("app", ""),
        ("app\u{0}", "u"),
        ("apq", "u"),
    ] {
        entries.push(entry(
            arr(&[app, user, "scope.camera"]),
            obj(&[("state", "granted".into()), ("updatedAt", 1.into())]),
        ));
    }
    wait(raw_put_many(
        &name,
        "decisions",
        &entries.into_iter().collect::<Array>(),
    ))
    .await;
    wait(raw_put_many(&name, "decisions", &many_apps(200, "app-"))).await;
    store
        .put("app", "u", "scope.record", Decision::Granted, 9.0)
        .await
        .unwrap();

    let loaded = store.load("app", "u").await.unwrap();
    assert_eq!(
        loaded.records,
        vec![("scope.record".to_string(), granted(9.0))]
    );
    assert!(loaded.corrupt.is_empty());
    store.clear("app", "u").await.unwrap();
    assert_eq!(
        wait(raw_count(&name, "decisions")).await.as_f64(),
        Some(206.0)
    );
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn loading_one_app_among_ten_thousand_reads_only_its_own() {
    let (name, store) = fresh("scale").await;
    store
        .put("zzz-mine", "u", "scope.record", Decision::Denied, 1.0)
        .await
        .unwrap();
    let small_start = now();
    store.load("zzz-mine", "u").await.unwrap();
    let small = now() - small_start;

    wait(raw_put_many(&name, "decisions", &many_apps(10_000, "app-"))).await;
    let start = now();
    let loaded = store.load("zzz-mine", "u").await.unwrap();
    let big = now() - start;
    assert_eq!(
        loaded.records,
        vec![("scope.record".to_string(), denied(1.0))]
    );
    let other = store.load("app-5000", "u").await.unwrap();
    assert_eq!(scopes(&other.records), vec!["scope.userLocation"]);
    // Informational only: how long it takes is `npm run bench`'s scale figure, never a test's.
    log(&format!(
        "load with 1 record in the db: {small:.2} ms; with 10001: {big:.2} ms"
    ));
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn corrupt_records_are_reported_and_the_rest_still_load() {
    let (name, store) = fresh("corrupt").await;
    store
        .put("a", "u", "scope.good", Decision::Granted, 7.0)
        .await
        .unwrap();
    let bad = |scope: &str, value: JsValue| entry(arr(&["a", "u", scope]), value);
    let entries: Array = [
        bad(
            "scope.badState",
            obj(&[("state", "maybe".into()), ("updatedAt", 1.into())]),
        ),
        bad("scope.noTime", obj(&[("state", "granted".into())])),
        bad(
            "scope.stringTime",
            obj(&[
                ("state", "denied".into()),
                ("updatedAt", "yesterday".into()),
            ]),
        ),
        bad(
            "scope.nanTime",
            obj(&[("state", "denied".into()), ("updatedAt", f64::NAN.into())]),
        ),
        bad("scope.string", "granted".into()),
        bad("scope.null", JsValue::NULL),
        bad("scope.array", arr(&["granted"])),
        // Keys inside the range but not [app, user, string scope]:
        entry(
            arr(&["a", "u"]),
            obj(&[("state", "granted".into()), ("updatedAt", 1.into())]),
        ),
        entry(
            Array::of3(&"a".into(), &"u".into(), &5.into()).into(),
            obj(&[("state", "granted".into()), ("updatedAt", 1.into())]),
        ),
        entry(
            arr(&["a", "u", "s", "extra"]),
            obj(&[("state", "granted".into()), ("updatedAt", 1.into())]),
        ),
    ]
    .into_iter()
    .collect();
    wait(raw_put_many(&name, "decisions", &entries)).await;

    let loaded = store.load("a", "u").await.unwrap();
    assert_eq!(
        loaded.records,
        vec![("scope.good".to_string(), granted(7.0))]
    );
    assert_eq!(loaded.corrupt.len(), 10, "{:#?}", loaded.corrupt);
    let all = loaded.corrupt.join("\n");
    for needle in [
        "scope \"scope.badState\": state",
        "scope \"scope.noTime\": updatedAt",
        "scope \"scope.stringTime\": updatedAt",
        "scope \"scope.nanTime\": updatedAt",
        "scope \"scope.string\": the value is not an object",
        "scope \"scope.null\": the value is not an object",
        "scope \"scope.array\": the value is not an object",
        "key [\"a\",\"u\"]",
        "key [\"a\",\"u\",5]",
        "key [\"a\",\"u\",\"s\",\"extra\"]",
    ] {
        assert!(all.contains(needle), "missing {needle:?} in\n{all}");
    }
    match store.lookup("a", "u", "scope.badState").await.unwrap() {
        Lookup::Corrupt(why) => assert!(why.contains("scope.badState"), "{why}"),
        other => panic!("expected Corrupt, got {other:?}"),
    }
    assert_eq!(store.get("a", "u", "scope.badState").await.unwrap(), None);
    // A corrupt record can be overwritten by a good decision.
    store
        .put("a", "u", "scope.badState", Decision::Denied, 8.0)
        .await
        .unwrap();
    assert_eq!(
        store.get("a", "u", "scope.badState").await.unwrap(),
        Some(denied(8.0))
    );
    finish(&name, Some(&store)).await;
}

fn v1_record(app: &str, user: &str, scope: &str, state: &str, at: f64) -> JsValue {
    obj(&[
        ("appId", app.into()),
        ("userId", user.into()),
        ("scope", scope.into()),
        ("state", state.into()),
        ("updatedAt", at.into()),
    ])
}

#[wasm_bindgen_test]
async fn version_1_databases_are_upgraded_without_losing_a_record() {
    let name = unique_name("upgrade");
    let records: Array = [
        v1_record("a", "u", "scope.userLocation", "granted", 1.0),
        v1_record("a", "u", "scope.camera", "denied", 2.0),
        v1_record("a|b", "u", "scope.camera", "granted", 3.0),
        v1_record("a", "b|u", "scope.camera", "denied", 4.0),
        v1_record("__proto__", "", "scope.record", "granted", 5.0),
        v1_record("a", "u", "scope.weird", "sometimes", 6.0),
    ]
    .into_iter()
    .collect();
    wait(create_v1(&name, &records)).await;
    assert_eq!(wait(db_version(&name)).await.as_f64(), Some(1.0));

    let store = IdbStore::open(&factory(), &name)
        .await
        .expect("upgrade 1 -> 2");
    let layout = wait(store_layout(&name)).await;
    assert!(
        js_sys::Reflect::get(&layout, &"keyPath".into())
            .unwrap()
            .is_null(),
        "out-of-line keys now"
    );
    assert_eq!(
        js_sys::Reflect::get(&layout, &"version".into())
            .unwrap()
            .as_f64(),
        Some(2.0)
    );
    assert_eq!(
        wait(raw_count(&name, "decisions")).await.as_f64(),
        Some(6.0)
    );

    let a = store.load("a", "u").await.unwrap();
    assert_eq!(
        a.records,
        vec![
            ("scope.camera".to_string(), denied(2.0)),
            ("scope.userLocation".to_string(), granted(1.0))
        ]
    );
    assert_eq!(
        a.corrupt.len(),
        1,
        "the odd v1 record is kept and reported: {:?}",
        a.corrupt
    );
    assert!(a.corrupt[0].contains("scope.weird"));
    assert_eq!(
        store.load("a|b", "u").await.unwrap().records,
        vec![("scope.camera".to_string(), granted(3.0))]
    );
    assert_eq!(
        store.load("a", "b|u").await.unwrap().records,
        vec![("scope.camera".to_string(), denied(4.0))]
    );
    assert_eq!(
        store.load("__proto__", "").await.unwrap().records,
        vec![("scope.record".to_string(), granted(5.0))]
    );
    let raw = wait(raw_get(
        &name,
        "decisions",
        &arr(&["a", "u", "scope.camera"]),
    ))
    .await;
    assert_eq!(keys_of(&raw), "state,updatedAt");

    // Reopening a v2 database changes nothing.
    store.close();
    let again = IdbStore::open(&factory(), &name).await.unwrap();
    assert_eq!(again.load("a", "u").await.unwrap().records.len(), 2);
    finish(&name, Some(&again)).await;
}

#[wasm_bindgen_test]
async fn a_newer_database_version_is_refused_and_left_intact() {
    let name = unique_name("newer");
    let stores = Array::of1(&Array::of2(&"future".into(), &JsValue::UNDEFINED));
    let db = wait(open_raw(&name, 3, &stores)).await;
    close_raw(&db);
    wait(raw_put_many(
        &name,
        "future",
        &Array::of1(&entry("k".into(), "precious".into())),
    ))
    .await;

    let err = match IdbStore::open(&factory(), &name).await {
        Ok(_) => panic!("opened a version 3 database"),
        Err(err) => err,
    };
    assert_eq!(err.kind(), IdbErrorKind::VersionTooNew);
    let message = err.to_string();
    assert!(
        message.contains("newer version") && message.contains(&name),
        "{message}"
    );
    assert_eq!(err.cause_name(), Some("VersionError"), "{message}");
    assert!(message.contains("VersionError"), "{message}");

    assert_eq!(wait(db_version(&name)).await.as_f64(), Some(3.0));
    assert_eq!(
        wait(raw_get(&name, "future", &"k".into()))
            .await
            .as_string()
            .as_deref(),
        Some("precious")
    );
    // As a JS Error: message and code.
    let js: JsValue = err.into();
    let js: js_sys::Error = js.dyn_into().unwrap();
    assert_eq!(
        js_sys::Reflect::get(&js, &"code".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("version-too-new")
    );
    finish(&name, None).await;
}

#[wasm_bindgen_test]
async fn another_tab_upgrading_closes_the_store_and_is_not_blocked() {
    let (name, store) = fresh("othertab").await;
    store
        .put("a", "u", "scope.record", Decision::Granted, 1.0)
        .await
        .unwrap();
    // "Another tab" upgrades to version 3: it must not be blocked by our connection.
    let db = wait(within(
        3_000,
        "another tab's upgrade",
        open_raw(&name, 3, &Array::new()),
    ))
    .await;
    assert!(!store.is_connected(), "the store closed on versionchange");
    close_raw(&db);
    let err = store
        .put("a", "u", "scope.record", Decision::Denied, 2.0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), IdbErrorKind::VersionTooNew, "{err}");
    // Nothing was written by the refused put, the v2 data is still there.
    let raw = wait(raw_get(
        &name,
        "decisions",
        &arr(&["a", "u", "scope.record"]),
    ))
    .await;
    assert_eq!(prop(&raw, "state").as_string().as_deref(), Some("granted"));
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_database_deleted_while_open_is_recreated_by_the_next_operation() {
    let (name, store) = fresh("deleted").await;
    store
        .put("a", "u", "scope.record", Decision::Granted, 1.0)
        .await
        .unwrap();
    assert!(store.is_connected());
    // The user deletes the database: not blocked, because the store closes on versionchange.
    wait(within(3_000, "deleteDatabase", delete_db(&name))).await;
    assert!(!store.is_connected());
    assert_eq!(
        wait(db_version(&name)).await.as_f64(),
        Some(0.0),
        "really deleted"
    );

    let loaded = store.load("a", "u").await.unwrap();
    assert!(loaded.records.is_empty(), "the deleted decisions are gone");
    store
        .put("a", "u", "scope.camera", Decision::Denied, 2.0)
        .await
        .unwrap();
    assert_eq!(
        store.get("a", "u", "scope.camera").await.unwrap(),
        Some(denied(2.0))
    );
    assert_eq!(wait(db_version(&name)).await.as_f64(), Some(2.0));

    // Deleted again, then several operations at once: all succeed, one connection is kept.
    wait(delete_db(&name)).await;
    let ops: Array = (0..4)
        .map(|i| {
            let store = store.clone();
            JsValue::from(future_to_promise(async move {
                let scope = format!("scope.s{i}");
                store
                    .put("a", "u", &scope, Decision::Granted, i as f64)
                    .await
                    .map_err(JsValue::from)?;
                Ok(JsValue::TRUE)
            }))
        })
        .collect();
    wait(Promise::all(&ops)).await;
    assert_eq!(store.load("a", "u").await.unwrap().records.len(), 4);
    // Would hang if a second, forgotten connection were open.
    wait(within(3_000, "deleteDatabase", delete_db(&name))).await;
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_blocked_open_fails_after_the_grace_and_leaves_the_old_version() {
    let name = unique_name("blocked");
    wait(create_v1(
        &name,
        &Array::of1(&v1_record("a", "u", "scope.record", "granted", 1.0)),
    ))
    .await;
    let old_tab = wait(open_raw(&name, 1, &Array::new())).await; // never closes on versionchange

    let options = OpenOptions {
        blocked_grace_ms: 300,
        ..OpenOptions::default()
    };
    let start = now();
    let err = match IdbStore::open_with(&factory(), &name, options).await {
        Ok(_) => panic!("opened while blocked"),
        Err(err) => err,
    };
    let waited = now() - start;
    assert_eq!(err.kind(), IdbErrorKind::Blocked, "{err}");
    assert!(err.to_string().contains("blocked"), "{err}");
    assert!((250.0..3_000.0).contains(&waited), "waited {waited} ms");

    // The old tab goes away: the abandoned request's upgrade is aborted, version 1 stays.
    close_raw(&old_tab);
    wait(sleep(100)).await;
    let layout = wait(store_layout(&name)).await;
    assert_eq!(
        js_sys::Reflect::get(&layout, &"version".into())
            .unwrap()
            .as_f64(),
        Some(1.0)
    );

    // The next open upgrades normally and keeps the record.
    let store = IdbStore::open(&factory(), &name).await.unwrap();
    assert_eq!(
        store.get("a", "u", "scope.record").await.unwrap(),
        Some(granted(1.0))
    );
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_blocked_open_proceeds_when_the_blocker_closes_within_the_grace() {
    let name = unique_name("unblocked");
    wait(create_v1(
        &name,
        &Array::of1(&v1_record("a", "u", "scope.record", "denied", 3.0)),
    ))
    .await;
    let old_tab = wait(open_raw(&name, 1, &Array::new())).await;
    close_raw_later(&old_tab, 150);
    let options = OpenOptions {
        blocked_grace_ms: 2_000,
        ..OpenOptions::default()
    };
    let store = IdbStore::open_with(&factory(), &name, options)
        .await
        .expect("open after the blocker closed");
    assert_eq!(
        store.get("a", "u", "scope.record").await.unwrap(),
        Some(denied(3.0))
    );
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_foreign_database_without_the_store_gives_errors_naming_the_cause() {
    let name = unique_name("foreign");
    let db = wait(open_raw(
        &name,
        2,
        &Array::of1(&Array::of2(&"other".into(), &JsValue::UNDEFINED)),
    ))
    .await;
    close_raw(&db);
    let store = IdbStore::open(&factory(), &name).await.unwrap();
    let err = store
        .put("a", "u", "scope.record", Decision::Granted, 1.0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), IdbErrorKind::WriteFailed);
    assert_eq!(err.cause_name(), Some("NotFoundError"), "{err}");
    assert!(
        err.to_string().contains(&name) && err.to_string().contains("NotFoundError"),
        "{err}"
    );
    let err = store.load("a", "u").await.unwrap_err();
    assert_eq!(err.kind(), IdbErrorKind::ReadFailed, "{err}");
    finish(&name, Some(&store)).await;
}

#[wasm_bindgen_test]
async fn a_factory_that_throws_is_unavailable_naming_the_cause() {
    let err = match IdbStore::open(&fake_factory("throw"), "x").await {
        Ok(_) => panic!("opened"),
        Err(err) => err,
    };
    assert_eq!(err.kind(), IdbErrorKind::Unavailable);
    assert_eq!(err.cause_name(), Some("SecurityError"));
    assert!(
        err.to_string()
            .contains("SecurityError: Access to storage is denied"),
        "{err}"
    );
}

#[wasm_bindgen_test]
async fn an_open_that_never_answers_times_out() {
    let options = OpenOptions {
        open_timeout_ms: 200,
        ..OpenOptions::default()
    };
    let start = now();
    let err = match IdbStore::open_with(&fake_factory("silent"), "x", options).await {
        Ok(_) => panic!("opened"),
        Err(err) => err,
    };
    assert_eq!(err.kind(), IdbErrorKind::Blocked);
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(now() - start < 2_000.0);
}

#[wasm_bindgen_test]
async fn an_aborted_write_transaction_is_a_write_failure_naming_the_dom_exception() {
    let store = IdbStore::open(&fake_factory("quota"), "fake")
        .await
        .unwrap();
    let err = store
        .put("a", "u", "scope.record", Decision::Granted, 1.0)
        .await
        .unwrap_err();
    assert_eq!(err.kind(), IdbErrorKind::WriteFailed);
    assert_eq!(err.cause_name(), Some("QuotaExceededError"));
    assert!(
        err.to_string()
            .contains("QuotaExceededError: The quota has been exceeded."),
        "{err}"
    );
    assert!(err.to_string().contains("\"fake\""), "{err}");
}
