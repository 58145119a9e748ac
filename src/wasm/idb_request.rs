//! An IndexedDB request as a future, and the name of the DOMException it failed with: what both
//! opening the database (`idb_open`) and every operation on it (`idb`) wait on.

use std::future::Future;

use js_sys::{Promise, Reflect};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use web_sys::IdbRequest;

pub(super) fn error_name(error: &JsValue) -> Option<String> {
    if !error.is_object() {
        return None;
    }
    Reflect::get(error, &"name".into()).ok()?.as_string()
}

/// An IDB request as a future: the result, or the request's error (a DOMException). The handlers
/// are the promise's own resolve/reject: no Rust closure to keep alive or leak.
pub(super) fn request(req: &IdbRequest) -> impl Future<Output = Result<JsValue, JsValue>> {
    let done = JsFuture::from(Promise::new(&mut |resolve, reject| {
        req.set_onsuccess(Some(&resolve));
        req.set_onerror(Some(&reject));
    }));
    let req = req.clone();
    async move {
        match done.await {
            Ok(_) => req.result(),
            Err(event) => Err(match req.error() {
                Ok(Some(error)) => error.into(),
                _ => event,
            }),
        }
    }
}
