//! miniprogram-authorize: the mini-program authorization model for the web.
//!
//! The pure core (every module but `wasm`) is plain Rust, tested on the host with `cargo test`.
//! `wasm` is the edge that touches JavaScript, IndexedDB and BroadcastChannel.

pub mod config;
pub mod machine;
pub mod outcome;
pub mod platform;
pub mod reply;
pub mod scope;
pub mod state;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(test)]
mod tests;
