//! The edge: everything that touches JavaScript values, IndexedDB or other tabs.

mod authorizer;
mod js;
pub mod error;
pub mod idb;
mod idb_open;
mod idb_request;
mod options;
mod store;
