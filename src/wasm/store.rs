//! Where decisions are kept: IndexedDB where there is one, else memory. One interface for both, so
//! the authorizer never asks which it has.

use crate::machine::Change;
use crate::state::Decision;

/// A failure to read or write decisions, in words for the `error` event.
#[derive(Clone, Debug)]
pub struct StoreError(pub String);

pub enum Store {
    /// Decisions live only in the authorizer's table: nothing to do here.
    Memory,
}

/// Decisions read back for one app and user, and what could not be read.
#[derive(Default)]
pub struct Loaded {
    pub records: Vec<(String, Decision)>,
    pub corrupt: Vec<String>,
}

impl Store {
    pub fn kind(&self) -> &'static str {
        match self {
            Store::Memory => "memory",
        }
    }

    pub async fn open(_edge: &super::options::EdgeOptions, _warnings: &mut Vec<String>) -> Result<Store, StoreError> {
        Ok(Store::Memory)
    }

    pub async fn load(&self, _app_id: &str, _user_id: &str) -> Result<Loaded, StoreError> {
        match self {
            Store::Memory => Ok(Loaded::default()),
        }
    }

    /// Writes the changes; resolves once they are durable. `scope_key` maps a change to its key.
    pub async fn save(
        &self,
        _app_id: &str,
        _user_id: &str,
        changes: &[(String, Change)],
    ) -> Result<(), StoreError> {
        match self {
            Store::Memory => {
                let _ = changes;
                Ok(())
            }
        }
    }

    /// Forgets every decision of the app and user.
    pub async fn clear(&self, _app_id: &str, _user_id: &str) -> Result<(), StoreError> {
        match self {
            Store::Memory => Ok(()),
        }
    }

    pub fn close(&self) {}
}
