//! Where decisions are kept: IndexedDB where there is one, else memory. One interface for both, so
//! the authorizer never asks which it has.

use wasm_bindgen::JsCast;

use super::idb::{self, IdbStore};
use super::options::{EdgeOptions, StorageChoice};
use crate::machine::Change;
use crate::text::concat;

/// A failure to open, read or write decisions, in words for an `Error` or the `error` event.
#[derive(Clone, Debug)]
pub struct StoreError(pub String);

impl From<idb::IdbError> for StoreError {
    fn from(error: idb::IdbError) -> StoreError {
        StoreError(error.into_message())
    }
}

pub enum Store {
    /// Decisions live only in the authorizer's table: nothing to do here.
    Memory,
    IndexedDb(IdbStore),
}

/// Decisions read back for one app and user (each with its time, unused here), and what could not
/// be read: the IndexedDB store's own type, so nothing is copied into another.
pub use idb::Loaded;

impl Store {
    /// `storage: 'memory'` → memory. `'indexeddb'` → IndexedDB or an error naming the cause.
    /// `'auto'` → IndexedDB where there is one; memory where there is none, and memory plus a
    /// warning where there is one that fails to open.
    pub async fn open(edge: &EdgeOptions, warnings: &mut Vec<String>) -> Result<Store, StoreError> {
        if edge.storage == StorageChoice::Memory {
            return Ok(Store::Memory);
        }
        let factory = if edge.factory.is_undefined() {
            idb::global_factory()
        } else {
            Some(edge.factory.clone().unchecked_into())
        };
        let required = edge.storage == StorageChoice::IndexedDb;
        let Some(factory) = factory else {
            return if required {
                Err(StoreError("storage \"indexeddb\": there is no IndexedDB here (pass one as `indexedDB`)".to_owned()))
            } else {
                Ok(Store::Memory)
            };
        };
        // Without an IDBKeyRange the store opens but can never load: say so now, not on each read.
        let global_key_range = js_sys::Reflect::get(&js_sys::global(), &"IDBKeyRange".into()).unwrap_or_default();
        if edge.key_range.is_undefined() && global_key_range.is_undefined() {
            let why = "there is no IDBKeyRange here: pass the one that goes with `indexedDB` as `IDBKeyRange`";
            if required {
                return Err(StoreError(concat(&["storage \"indexeddb\": ", why])));
            }
            warnings.push(concat(&["IndexedDB could not be used; decisions are kept in memory only: ", why]));
            return Ok(Store::Memory);
        }
        match IdbStore::open_in(&factory, &edge.key_range, &edge.database_name, idb::OpenOptions::default()).await {
            Ok(store) => Ok(Store::IndexedDb(store)),
            Err(error) if required => Err(StoreError(concat(&["storage \"indexeddb\": ", error.message()]))),
            Err(error) => {
                warnings.push(concat(&["IndexedDB could not be opened; decisions are kept in memory only: ", error.message()]));
                Ok(Store::Memory)
            }
        }
    }

    pub fn kind(&self) -> &'static str {
        match self {
            Store::Memory => "memory",
            Store::IndexedDb(_) => "indexeddb",
        }
    }

    pub async fn load(&self, app_id: &str, user_id: &str) -> Result<Loaded, StoreError> {
        match self {
            Store::Memory => Ok(Loaded::default()),
            Store::IndexedDb(store) => Ok(store.load(app_id, user_id).await?),
        }
    }

    /// Writes the changes, each keyed by its scope; resolves once they are durable.
    pub async fn save(&self, app_id: &str, user_id: &str, changes: &[(String, Change)]) -> Result<(), StoreError> {
        let Store::IndexedDb(store) = self else { return Ok(()) };
        let now = js_sys::Date::now();
        for (scope, change) in changes {
            // Prompt (no decision) deletes the record.
            store.set(app_id, user_id, scope, change.state.decision(), now).await?;
        }
        Ok(())
    }

    /// Forgets every decision of the app and user.
    pub async fn clear(&self, app_id: &str, user_id: &str) -> Result<(), StoreError> {
        match self {
            Store::Memory => Ok(()),
            Store::IndexedDb(store) => Ok(store.clear(app_id, user_id).await?),
        }
    }

    pub fn close(&self) {
        if let Store::IndexedDb(store) = self {
            store.close();
        }
    }
}
