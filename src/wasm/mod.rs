//! The edge: everything that touches JavaScript values, IndexedDB or other tabs.

pub mod idb;
