//! Opening the IndexedDB database: `indexedDB.open(name, DB_VERSION)` with the v1 → v2 upgrade,
//! the `blocked` grace, the open timeout, and opens given up on while still queued.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{Event, IdbDatabase, IdbFactory, IdbOpenDbRequest};

use super::error::{IdbError, IdbErrorKind};
use super::idb_request::{error_name, request};
use crate::text::concat;

/// The schema version this code writes (the upgrade below brings older ones to it).
pub const DB_VERSION: u32 = 2;
/// The object store holding the decisions.
pub const STORE: &str = "decisions";

type Handler = Closure<dyn FnMut(Event)>;

/// Timing of [`IdbStore::open_with`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OpenOptions {
    /// After a `blocked` event, how long to wait for the other connections to close. Default 2000.
    pub blocked_grace_ms: u32,
    /// How long an open may go without `success`, `error`, `blocked` or `upgradeneeded`.
    /// Default 10000; 0 waits forever.
    pub open_timeout_ms: u32,
}

impl Default for OpenOptions {
    fn default() -> OpenOptions {
        OpenOptions {
            blocked_grace_ms: 2_000,
            open_timeout_ms: 10_000,
        }
    }
}

/// The IndexedDB store. Cheap to clone: clones share one connection.

const BLOCKED: &str = "blocked";

thread_local! {
    /// Opens given up on (blocked, or timed out) whose requests are still queued in this page. An
    /// open made meanwhile is queued behind them and sees no `blocked` event of its own: it gets
    /// the blocked grace as its timeout, not the full open timeout.
    static ABANDONED_OPENS: Cell<u32> = const { Cell::new(0) };
}
const TIMED_OUT: &str = "timed out";
const QUEUED: &str = "queued";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_name = setTimeout)]
    fn set_timeout(handler: &Function, ms: u32, arg: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = clearTimeout)]
    fn clear_timeout(id: &JsValue) -> Result<(), JsValue>;
}

fn stop_timer(timer: &Cell<JsValue>) {
    let _ = clear_timeout(&timer.take());
}

/// `indexedDB.open(name, DB_VERSION)` with the upgrade, blocked and timeout handling that
/// idb.rs's module docs describe.
pub(super) async fn open_db(
    factory: &IdbFactory,
    name: &str,
    options: OpenOptions,
) -> Result<IdbDatabase, IdbError> {
    let context = |what: &str| concat(&["IndexedDB \"", name, "\": ", what]);
    let req = factory
        .open_with_u32(name, DB_VERSION)
        .map_err(|e| IdbError::from_js(IdbErrorKind::Unavailable, &context("cannot open"), &e))?;
    let timer: Rc<Cell<JsValue>> = Rc::default();
    let failure: Rc<Cell<Option<String>>> = Rc::default();
    let mut handlers: Option<(Handler, Handler)> = None;
    let done = JsFuture::from(Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
        let behind_abandoned = ABANDONED_OPENS.with(Cell::get) > 0;
        if options.open_timeout_ms > 0 || behind_abandoned {
            let ms = match options.open_timeout_ms {
                0 => options.blocked_grace_ms,
                ms if behind_abandoned => ms.min(options.blocked_grace_ms),
                ms => ms,
            };
            let reason = if behind_abandoned { QUEUED } else { TIMED_OUT };
            timer.set(set_timeout(&reject, ms, &reason.into()).unwrap_or_default());
        }
        let on_blocked = {
            let (timer, grace) = (timer.clone(), options.blocked_grace_ms);
            Closure::new(move |_: Event| {
                stop_timer(&timer);
                timer.set(set_timeout(&reject, grace, &BLOCKED.into()).unwrap_or_default());
            })
        };
        let on_upgrade = {
            let (timer, failure, req) = (timer.clone(), failure.clone(), req.clone());
            Closure::new(move |_: Event| {
                stop_timer(&timer);
                upgrade(&req, &failure);
            })
        };
        req.set_onblocked(Some(on_blocked.as_ref().unchecked_ref()));
        req.set_onupgradeneeded(Some(on_upgrade.as_ref().unchecked_ref()));
        handlers = Some((on_blocked, on_upgrade));
    }));
    let outcome = done.await;
    stop_timer(&timer);
    detach(&req);
    drop(handlers);
    match outcome {
        Ok(_) => req
            .result()
            .map(JsCast::unchecked_into)
            .map_err(|e| IdbError::from_js(IdbErrorKind::OpenFailed, &context("cannot open"), &e)),
        Err(reason) => match reason.as_string() {
            Some(reason) => {
                abandon(&req);
                let why = if reason == BLOCKED {
                    "the open is blocked: another tab keeps an older version of the database open"
                } else if reason == QUEUED {
                    "the open is blocked: it waits behind an earlier open given up on (another tab keeps an older version of the database open)"
                } else {
                    "the open timed out: another tab's open or delete of the database is pending"
                };
                Err(IdbError::new(IdbErrorKind::Blocked, context(why)))
            }
            None => {
                let cause = match req.error() {
                    Ok(Some(error)) => JsValue::from(error),
                    _ => reason,
                };
                if error_name(&cause).as_deref() == Some("VersionError") {
                    return Err(IdbError::from_js(
                        IdbErrorKind::VersionTooNew,
                        &context(
                            "the database was written by a newer version of miniprogram-authorize \
                             (schema newer than 2); it was left untouched",
                        ),
                        &cause,
                    ));
                }
                let what = match failure.take() {
                    Some(why) => concat(&["cannot upgrade the database (", &why, ")"]),
                    None => String::from("cannot open"),
                };
                Err(IdbError::from_js(
                    IdbErrorKind::OpenFailed,
                    &context(&what),
                    &cause,
                ))
            }
        },
    }
}

fn detach(req: &IdbOpenDbRequest) {
    req.set_onsuccess(None);
    req.set_onerror(None);
    req.set_onblocked(None);
    req.set_onupgradeneeded(None);
}

/// An open we gave up on may still proceed later: then abort its upgrade (the database stays as
/// it was) or close the connection it yields. The handler runs at most once and is then collected
/// with the request.
fn abandon(req: &IdbOpenDbRequest) {
    ABANDONED_OPENS.with(|count| count.set(count.get().saturating_add(1)));
    let late = Handler::new(move |event: Event| {
        ABANDONED_OPENS.with(|count| count.set(count.get().saturating_sub(1)));
        let Some(target) = event.target() else { return };
        let req: IdbOpenDbRequest = target.unchecked_into();
        detach(&req);
        if let Some(tx) = req.transaction() {
            let _ = tx.abort();
        } else if let Ok(db) = req.result() {
            db.unchecked_into::<IdbDatabase>().close();
        }
    })
    .into_js_value();
    let late: &Function = late.unchecked_ref();
    req.set_onupgradeneeded(Some(late));
    req.set_onsuccess(Some(late));
    req.set_onerror(Some(late));
}

/// The `upgradeneeded` handler: create the v2 store, or migrate a v1 one (see idb.rs's module docs).
fn upgrade(req: &IdbOpenDbRequest, failure: &Rc<Cell<Option<String>>>) {
    let (Ok(db), Some(tx)) = (req.result(), req.transaction()) else {
        return;
    };
    let db: IdbDatabase = db.unchecked_into();
    let fail = |what: &str, e: &JsValue| {
        let message = IdbError::from_js(IdbErrorKind::OpenFailed, what, e)
            .message()
            .to_owned();
        failure.set(Some(message));
        let _ = tx.abort();
    };
    let old = match tx.object_store(STORE) {
        Ok(old) => old,
        Err(_) => {
            if let Err(e) = db.create_object_store(STORE) {
                fail("cannot create the decisions store", &e);
            }
            return;
        }
    };
    if old.key_path().map_or(true, |path| path.is_null()) && !old.auto_increment() {
        return; // already the v2 layout
    }
    // `undefined` is no query (every record); the same bindings as `load`, so no second pair of imports.
    let all = JsValue::UNDEFINED;
    let (keys, values) = match (old.get_all_keys_with_key(&all), old.get_all_with_key(&all)) {
        (Ok(keys), Ok(values)) => (request(&keys), request(&values)),
        (Err(e), _) | (_, Err(e)) => return fail("cannot read the version 1 records", &e),
    };
    let failure = failure.clone();
    spawn_local(async move {
        let migrated = async {
            let keys: Array = keys.await?.dyn_into()?;
            let values: Array = values.await?.dyn_into()?;
            db.delete_object_store(STORE)?;
            let store = db.create_object_store(STORE)?;
            for i in 0..keys.length() {
                store.put_with_key(&v2_value(&values.get(i)), &keys.get(i))?;
            }
            Ok::<(), JsValue>(())
        };
        if let Err(e) = migrated.await {
            let message = IdbError::from_js(IdbErrorKind::OpenFailed, "migrating version 1", &e);
            failure.set(Some(message.message().to_owned()));
            let _ = tx.abort();
        }
    });
}

/// `{ state, updatedAt }` of a v1 value, copied as they are; a non-object is kept whole.
fn v2_value(v1: &JsValue) -> JsValue {
    if !v1.is_object() {
        return v1.clone();
    }
    let value = Object::new();
    for name in ["state", "updatedAt"] {
        let name = JsValue::from_str(name);
        if let Ok(field) = Reflect::get(v1, &name) {
            let _ = Reflect::set(&value, &name, &field);
        }
    }
    value.into()
}
