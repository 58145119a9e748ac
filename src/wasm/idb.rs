//! IndexedDB through plain `web-sys`: open/upgrade, load one app+user, get, put, delete, clear.
//!
//! # Schema
//! One database (name chosen by the caller, default [`DEFAULT_DB_NAME`]) at version
//! [`DB_VERSION`] = 2, with one object store [`STORE`] = `"decisions"`:
//!
//! * **version 2** (current): out-of-line keys `[appId, userId, scope]` (a JS array of three
//!   strings, never a concatenated string), values exactly `{ state: "granted" | "denied",
//!   updatedAt: number }` (milliseconds since the epoch).
//! * **version 1** (old): inline keys, `keyPath: ["appId", "userId", "scope"]`, values
//!   `{ appId, userId, scope, state, updatedAt }`.
//!
//! Upgrades run inside the `versionchange` transaction: 0 → 2 creates the store; 1 → 2 reads every
//! v1 key and value (`getAllKeys` + `getAll`), deletes and recreates the store, and writes each
//! record back as `{ state, updatedAt }` under its old key (which *is* `[appId, userId, scope]`).
//! Values are copied as found, never validated or dropped there, so nothing is lost: a bad v1 record
//! shows up in [`Loaded::corrupt`] later. Any `decisions` store with a key path or a key generator
//! is treated as v1; one without both is already v2 and kept. Other object stores are left alone.
//! If the upgrade fails, the transaction aborts and the database stays at version 1, untouched.
//! A database whose version is newer than ours is never opened, changed or wiped:
//! [`IdbErrorKind::VersionTooNew`].
//!
//! # Transactions
//! Each operation is one short transaction and awaits nothing but IDB requests inside it. Writes
//! resolve only after the transaction's `complete` event; an `abort` gives
//! [`IdbErrorKind::WriteFailed`] naming the transaction's DOMException (e.g. `QuotaExceededError`).
//! `load` and `clear` use the one key range `[app, user] ..= [app, user, []]` (arrays sort after
//! strings), so they touch this app and user only, however many others the database holds.
//!
//! # Other tabs, deletion, blocking
//! * The connection closes itself on `versionchange` (another tab upgrading, or the database being
//!   deleted, e.g. by the user) and forgets itself on `close` (the browser dropped it). The next
//!   operation reopens it lazily, creating the database again if it was deleted. Writes already
//!   issued on the old connection still complete.
//! * An open that is `blocked` (another connection on an older version does not close) waits
//!   [`OpenOptions::blocked_grace_ms`]: if the blocker closes in time the open goes on normally,
//!   otherwise it fails with [`IdbErrorKind::Blocked`]. The abandoned request is then neutralised:
//!   if it ever proceeds, its upgrade is aborted (the database stays as it was) or its connection
//!   closed. An open that makes no progress at all (no `success`, `error`, `blocked` or
//!   `upgradeneeded`, e.g. queued behind another tab's blocked request) fails the same way after
//!   [`OpenOptions::open_timeout_ms`]; after [`OpenOptions::blocked_grace_ms`] when an open this
//!   page gave up on is still queued (the new one waits behind it). An upgrade in progress is
//!   never timed out.
//!
//! # Environments
//! The factory is passed in ([`global_factory`] reads `globalThis.indexedDB`), and is used through
//! its methods only, so a non-native one (fake-indexeddb) works. `IDBKeyRange` is the global one.

use std::cell::Cell;
use std::rc::Rc;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, IdbDatabase, IdbFactory, IdbKeyRange, IdbObjectStore, IdbTransaction, IdbTransactionMode};

use crate::state::Decision;
use crate::text::concat;

pub use super::error::{IdbError, IdbErrorKind};
use super::idb_open::open_db;
pub use super::idb_open::{OpenOptions, DB_VERSION, STORE};
use super::idb_request::{error_name, request};

/// The database name when the caller gives none.
pub const DEFAULT_DB_NAME: &str = "miniprogram-authorize";

type Handler = Closure<dyn FnMut(Event)>;
type Begun = Result<(IdbTransaction, IdbObjectStore), IdbError>;


/// One stored decision.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Record {
    pub decision: Decision,
    /// Milliseconds since the epoch.
    pub updated_at: f64,
}

/// Everything stored for one app and user.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Loaded {
    /// `(scope, record)` in key order.
    pub records: Vec<(String, Record)>,
    /// One line per record that could not be read (bad key or bad value), naming its key or
    /// scope. Such records are treated as never decided; they are left in the database.
    pub corrupt: Vec<String>,
}

/// What [`IdbStore::lookup`] found under one key.
#[derive(Clone, Debug, PartialEq)]
pub enum Lookup {
    Missing,
    Found(Record),
    /// A record is there but its value is not `{ state, updatedAt }`: what is wrong with it.
    Corrupt(String),
}

#[derive(Clone)]
pub struct IdbStore {
    shared: Rc<Shared>,
}

struct Shared {
    factory: IdbFactory,
    name: String,
    options: OpenOptions,
    /// The open connection, if any. A `Cell` (take/set), so nothing here can panic on a borrow.
    conn: Rc<Cell<Option<IdbDatabase>>>,
    closed: Cell<bool>,
    /// `onversionchange` / `onclose` of every connection we hold: close it and forget it.
    on_lost: Handler,
    /// The `IDBKeyRange` class that goes with `factory`; `undefined` for the global one.
    key_range: JsValue,
}

impl Drop for Shared {
    fn drop(&mut self) {
        // Before `on_lost` is dropped: the connection must not call it any more.
        if let Some(db) = self.conn.take() {
            release(&db);
        }
    }
}

impl IdbStore {
    /// Opens (creating or upgrading) the database with the default [`OpenOptions`].
    pub async fn open(factory: &IdbFactory, db_name: &str) -> Result<IdbStore, IdbError> {
        IdbStore::open_with(factory, db_name, OpenOptions::default()).await
    }

    pub async fn open_with(
        factory: &IdbFactory,
        db_name: &str,
        options: OpenOptions,
    ) -> Result<IdbStore, IdbError> {
        IdbStore::open_in(factory, &JsValue::UNDEFINED, db_name, options).await
    }

    /// Opens with the `IDBKeyRange` class of an injected IndexedDB implementation (fake-indexeddb
    /// exports the two as a pair); `undefined` uses the global `IDBKeyRange`.
    pub async fn open_in(
        factory: &IdbFactory,
        key_range: &JsValue,
        db_name: &str,
        options: OpenOptions,
    ) -> Result<IdbStore, IdbError> {
        let conn: Rc<Cell<Option<IdbDatabase>>> = Rc::default();
        let slot = conn.clone();
        let on_lost = Closure::new(move |event: Event| {
            if let Some(target) = event.target() {
                let db: IdbDatabase = target.unchecked_into();
                release(&db);
                if let Some(current) = slot.take() {
                    if current != db {
                        slot.set(Some(current));
                    }
                }
            }
        });
        let store = IdbStore {
            shared: Rc::new(Shared {
                factory: factory.clone(),
                name: db_name.to_owned(),
                options,
                conn,
                closed: Cell::new(false),
                on_lost,
                key_range: key_range.clone(),
            }),
        };
        store.connection().await?;
        Ok(store)
    }

    /// The database name.
    pub fn name(&self) -> &str {
        &self.shared.name
    }

    /// Every decision of this app and user, read from one key range. Bad records go to `corrupt`.
    pub async fn load(&self, app_id: &str, user_id: &str) -> Result<Loaded, IdbError> {
        let fail = |e: &JsValue| self.error(IdbErrorKind::ReadFailed, "cannot load decisions", e);
        let (_tx, store) = self.begin(IdbTransactionMode::Readonly).await?;
        let range = self.app_range(app_id, user_id).map_err(|e| fail(&e))?;
        let keys = store.get_all_keys_with_key(&range).map_err(|e| fail(&e))?;
        let values = store.get_all_with_key(&range).map_err(|e| fail(&e))?;
        let (keys, values) = (request(&keys), request(&values));
        let keys = keys.await.map_err(|e| fail(&e))?;
        let values = values.await.map_err(|e| fail(&e))?;
        if !Array::is_array(&keys) || !Array::is_array(&values) {
            return Err(fail(&JsValue::from_str("getAll did not return arrays")));
        }
        let keys: Array = keys.unchecked_into();
        let values: Array = values.unchecked_into();
        let mut loaded = Loaded::default();
        for i in 0..keys.length().max(values.length()) {
            let key = keys.get(i);
            let Some(scope) = scope_of(&key) else {
                let shown = js_sys::JSON::stringify(&key)
                    .ok()
                    .and_then(|s| s.as_string())
                    .unwrap_or_else(|| String::from("(unprintable)"));
                loaded.corrupt.push(concat(&[
                    "key ",
                    &shown,
                    ": not [appId, userId, scope] with a string scope",
                ]));
                continue;
            };
            match parse_record(&values.get(i)) {
                Ok(record) => loaded.records.push((scope, record)),
                Err(why) => loaded.corrupt.push(concat(&["scope \"", &scope, "\": ", why])),
            }
        }
        Ok(loaded)
    }

    /// One decision. `Ok(None)` when there is none or it is corrupt (see [`IdbStore::lookup`]).
    pub async fn get(
        &self,
        app_id: &str,
        user_id: &str,
        scope: &str,
    ) -> Result<Option<Record>, IdbError> {
        Ok(match self.lookup(app_id, user_id, scope).await? {
            Lookup::Found(record) => Some(record),
            Lookup::Missing | Lookup::Corrupt(_) => None,
        })
    }

    /// One decision, telling a missing record from a corrupt one.
    pub async fn lookup(
        &self,
        app_id: &str,
        user_id: &str,
        scope: &str,
    ) -> Result<Lookup, IdbError> {
        let fail = |e: &JsValue| self.error(IdbErrorKind::ReadFailed, "cannot read a decision", e);
        let (_tx, store) = self.begin(IdbTransactionMode::Readonly).await?;
        let req = store
            .get(&key(app_id, user_id, scope))
            .map_err(|e| fail(&e))?;
        let value = request(&req).await.map_err(|e| fail(&e))?;
        Ok(if value.is_undefined() {
            Lookup::Missing
        } else {
            match parse_record(&value) {
                Ok(record) => Lookup::Found(record),
                Err(why) => Lookup::Corrupt(concat(&["scope \"", scope, "\": ", why])),
            }
        })
    }

    /// Stores `{ state, updatedAt }` under `[app, user, scope]`; resolves once it is committed.
    pub async fn put(
        &self,
        app_id: &str,
        user_id: &str,
        scope: &str,
        decision: Decision,
        updated_at: f64,
    ) -> Result<(), IdbError> {
        self.set(app_id, user_id, scope, Some(decision), updated_at).await
    }

    /// Removes one decision; resolves once committed.
    pub async fn delete(&self, app_id: &str, user_id: &str, scope: &str) -> Result<(), IdbError> {
        self.set(app_id, user_id, scope, None, 0.0).await
    }

    /// [`IdbStore::put`] with a decision, [`IdbStore::delete`] without: one future type (and one
    /// await) for a caller that does either.
    pub async fn set(
        &self,
        app_id: &str,
        user_id: &str,
        scope: &str,
        decision: Option<Decision>,
        updated_at: f64,
    ) -> Result<(), IdbError> {
        let value = decision.map(|decision| {
            let value = Object::new();
            let _ = Reflect::set(&value, &"state".into(), &decision.as_str().into());
            let _ = Reflect::set(&value, &"updatedAt".into(), &updated_at.into());
            JsValue::from(value)
        });
        let what = if value.is_some() {
            "cannot save a decision"
        } else {
            "cannot delete a decision"
        };
        let key = key(app_id, user_id, scope);
        self.write(what, Ok(key.into()), value.as_ref()).await
    }

    /// Removes every decision of this app and user (one key range); resolves once committed.
    pub async fn clear(&self, app_id: &str, user_id: &str) -> Result<(), IdbError> {
        let range = self.app_range(app_id, user_id);
        self.write("cannot clear decisions", range, None).await
    }

    /// Closes the connection. Later operations fail with [`IdbErrorKind::Closed`].
    pub fn close(&self) {
        self.shared.closed.set(true);
        if let Some(db) = self.shared.conn.take() {
            release(&db);
        }
    }

    /// Whether a connection is open right now (false after another tab's upgrade or a deletion
    /// closed it, until the next operation reopens it).
    pub fn is_connected(&self) -> bool {
        let db = self.shared.conn.take();
        let open = db.is_some();
        self.shared.conn.set(db);
        open
    }

    fn error(&self, kind: IdbErrorKind, what: &str, cause: &JsValue) -> IdbError {
        IdbError::from_js(
            kind,
            &concat(&["IndexedDB \"", &self.shared.name, "\": ", what]),
            cause,
        )
    }

    /// The open connection, opening it when there is none.
    async fn connection(&self) -> Result<IdbDatabase, IdbError> {
        let shared = &self.shared;
        if shared.closed.get() {
            return Err(IdbError::new(
                IdbErrorKind::Closed,
                concat(&["IndexedDB \"", &shared.name, "\": the store was closed"]),
            ));
        }
        let current = shared.conn.take();
        shared.conn.set(current.clone());
        if let Some(db) = current {
            return Ok(db);
        }
        let db = open_db(&shared.factory, &shared.name, shared.options).await?;
        // Another operation may have opened one meanwhile, or `close` been called: keep one.
        let current = shared.conn.take();
        if shared.closed.get() || current.is_some() {
            shared.conn.set(current.clone());
            db.close();
            return current.ok_or_else(|| {
                IdbError::new(
                    IdbErrorKind::Closed,
                    concat(&["IndexedDB \"", &shared.name, "\": the store was closed"]),
                )
            });
        }
        let on_lost: &Function = shared.on_lost.as_ref().unchecked_ref();
        db.set_onversionchange(Some(on_lost));
        db.set_onclose(Some(on_lost));
        shared.conn.set(Some(db.clone()));
        Ok(db)
    }

    /// A new transaction on `decisions`. A connection found closing is dropped and reopened once.
    async fn begin(&self, mode: IdbTransactionMode) -> Begun {
        let kind = match mode {
            IdbTransactionMode::Readonly => IdbErrorKind::ReadFailed,
            _ => IdbErrorKind::WriteFailed,
        };
        let mut retried = false;
        loop {
            let db = self.connection().await?;
            let started = db
                .transaction_with_str_and_mode(STORE, mode)
                .and_then(|tx| tx.object_store(STORE).map(|store| (tx, store)));
            match started {
                Ok(pair) => return Ok(pair),
                Err(e) if !retried && error_name(&e).as_deref() == Some("InvalidStateError") => {
                    retried = true;
                    if let Some(current) = self.shared.conn.take() {
                        if current != db {
                            self.shared.conn.set(Some(current));
                        }
                    }
                    release(&db);
                }
                Err(e) => return Err(self.error(kind, "cannot start a transaction", &e)),
            }
        }
    }

    /// One readwrite transaction: `put(value, key)`, or `delete(key)` (a key or a key range)
    /// when there is no value; resolves after `complete`. Not generic: one copy in the binary.
    async fn write(
        &self,
        what: &str,
        key: Result<JsValue, JsValue>,
        value: Option<&JsValue>,
    ) -> Result<(), IdbError> {
        let key = key.map_err(|e| self.error(IdbErrorKind::WriteFailed, what, &e))?;
        let (tx, store) = self.begin(IdbTransactionMode::Readwrite).await?;
        let issued = match value {
            Some(value) => store.put_with_key(value, &key),
            None => store.delete(&key),
        };
        if let Err(e) = issued {
            let _ = tx.abort();
            return Err(self.error(IdbErrorKind::WriteFailed, what, &e));
        }
        let done = JsFuture::from(Promise::new(&mut |resolve, reject| {
            tx.set_oncomplete(Some(&resolve));
            tx.set_onabort(Some(&reject));
        }));
        match done.await {
            Ok(_) => Ok(()),
            Err(_) => Err(match tx.error() {
                Some(cause) => self.error(IdbErrorKind::WriteFailed, what, &cause),
                None => self.error(
                    IdbErrorKind::WriteFailed,
                    what,
                    &JsValue::from_str("the transaction was aborted"),
                ),
            }),
        }
    }
}

/// `globalThis.indexedDB`, read on every call; `None` when it is missing or reading it throws.
pub fn global_factory() -> Option<IdbFactory> {
    let value = Reflect::get(&js_sys::global(), &JsValue::from_str("indexedDB")).ok()?;
    if value.is_object() {
        Some(value.unchecked_into())
    } else {
        None
    }
}

/// Stop listening to a connection and close it.
fn release(db: &IdbDatabase) {
    db.set_onversionchange(None);
    db.set_onclose(None);
    db.close();
}

fn key(app_id: &str, user_id: &str, scope: &str) -> Array {
    Array::of3(&app_id.into(), &user_id.into(), &scope.into())
}

impl IdbStore {
    /// `[app, user] ..= [app, user, []]`: every `[app, user, scope]` with a string scope.
    fn app_range(&self, app_id: &str, user_id: &str) -> Result<JsValue, JsValue> {
        let (app, user) = (JsValue::from_str(app_id), JsValue::from_str(user_id));
        let (lower, upper) = (Array::of2(&app, &user), Array::of3(&app, &user, &Array::new()));
        let class = &self.shared.key_range;
        if class.is_undefined() {
            return IdbKeyRange::bound(&lower, &upper).map(JsValue::from);
        }
        let bound: js_sys::Function = js_sys::Reflect::get(class, &JsValue::from_str("bound"))?.dyn_into()?;
        bound.call2(class, &lower, &upper)
    }
}

/// The scope of a key in an app range: keys there start with this app and user (the range
/// guarantees it), so only the length and the scope's type are left to check.
fn scope_of(key: &JsValue) -> Option<String> {
    if !Array::is_array(key) {
        return None;
    }
    let key: &Array = key.unchecked_ref();
    if key.length() != 3 {
        return None;
    }
    key.get(2).as_string()
}

fn parse_record(value: &JsValue) -> Result<Record, &'static str> {
    if !value.is_object() || Array::is_array(value) {
        return Err("the value is not an object");
    }
    let decision = Reflect::get(value, &"state".into())
        .ok()
        .and_then(|s| s.as_string())
        .and_then(|s| Decision::parse(&s))
        .ok_or("state is not \"granted\" or \"denied\"")?;
    let updated_at = Reflect::get(value, &"updatedAt".into())
        .ok()
        .and_then(|t| t.as_f64())
        .filter(|t| t.is_finite())
        .ok_or("updatedAt is not a finite number")?;
    Ok(Record {
        decision,
        updated_at,
    })
}
