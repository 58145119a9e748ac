//! miniprogram-authorize: the mini-program authorization model for the web.
//!
//! The pure core (every module but `wasm`) is plain Rust, tested on the host with `cargo test`.
//! `wasm` is the edge that touches JavaScript, IndexedDB and BroadcastChannel.

pub mod base_library;
pub mod config;
pub mod machine;
pub mod option_error;
pub mod outcome;
pub mod platform;
pub mod privacy;
pub mod reply;
pub mod scope;
pub mod session;
pub mod state;
mod text;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

// talc instead of dlmalloc: the same job in fewer bytes of wasm. Single-threaded wasm only.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[cfg(test)]
mod tests;
