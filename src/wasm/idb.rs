//! IndexedDB store (being written).
