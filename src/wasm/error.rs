//! Errors of the edge. `IdbError` is what the IndexedDB store (`idb.rs`) returns; it becomes a JS
//! `Error` once, through `From<IdbError> for JsValue`, with `code` set to the kind's word.

use core::fmt;

use wasm_bindgen::JsValue;

/// What went wrong with IndexedDB, as a caller needs to branch on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IdbErrorKind {
    /// There is no IndexedDB here (no global, or the environment refuses it, e.g. an opaque origin).
    Unavailable,
    /// `indexedDB.open` failed (including a failed or aborted schema upgrade).
    OpenFailed,
    /// The open is blocked: another connection (another tab) on an older schema does not close.
    Blocked,
    /// The database was written by a newer version of this library; it is left untouched.
    VersionTooNew,
    /// A read transaction or request failed.
    ReadFailed,
    /// A write transaction failed or was aborted (quota, another fault): nothing of it was stored.
    WriteFailed,
    /// The store was closed with `IdbStore::close`.
    Closed,
}

impl IdbErrorKind {
    /// A stable word for the kind: the `code` of the JS `Error`.
    pub fn as_str(self) -> &'static str {
        match self {
            IdbErrorKind::Unavailable => "unavailable",
            IdbErrorKind::OpenFailed => "open-failed",
            IdbErrorKind::Blocked => "blocked",
            IdbErrorKind::VersionTooNew => "version-too-new",
            IdbErrorKind::ReadFailed => "read-failed",
            IdbErrorKind::WriteFailed => "write-failed",
            IdbErrorKind::Closed => "closed",
        }
    }
}

/// An IndexedDB failure: its kind, a message naming the cause (with the DOMException's name and
/// message when there is one), and that DOMException's name on its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdbError {
    kind: IdbErrorKind,
    message: String,
    cause_name: Option<String>,
}

impl IdbError {
    /// An error with no JS cause.
    pub fn new(kind: IdbErrorKind, message: impl Into<String>) -> IdbError {
        IdbError {
            kind,
            message: message.into(),
            cause_name: None,
        }
    }

    /// An error whose cause is a thrown JS value or a DOMException: `"{context}: {name}: {message}"`.
    pub fn from_js(kind: IdbErrorKind, context: &str, cause: &JsValue) -> IdbError {
        let name = js_string_prop(cause, "name");
        let detail = js_string_prop(cause, "message");
        let mut message = String::from(context);
        match (&name, &detail, cause.as_string()) {
            (Some(n), Some(d), _) if !d.is_empty() => {
                message.push_str(": ");
                message.push_str(n);
                message.push_str(": ");
                message.push_str(d);
            }
            (Some(n), _, _) => {
                message.push_str(": ");
                message.push_str(n);
            }
            (None, Some(d), _) => {
                message.push_str(": ");
                message.push_str(d);
            }
            (None, None, Some(s)) => {
                message.push_str(": ");
                message.push_str(&s);
            }
            (None, None, None) => {}
        }
        IdbError {
            kind,
            message,
            cause_name: name,
        }
    }

    pub fn kind(&self) -> IdbErrorKind {
        self.kind
    }

    /// The whole human message (also what `Display` prints).
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The message, taken rather than copied.
    pub fn into_message(self) -> String {
        self.message
    }

    /// The DOMException's (or JS error's) `name`, e.g. `"QuotaExceededError"`, when there was one.
    pub fn cause_name(&self) -> Option<&str> {
        self.cause_name.as_deref()
    }
}

impl fmt::Display for IdbError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IdbError {}

/// A JS `Error` with the message, `name` `"IdbError"` and `code` the kind's word.
impl From<IdbError> for JsValue {
    fn from(error: IdbError) -> JsValue {
        let js = js_sys::Error::new(&error.message);
        js.set_name("IdbError");
        let _ = js_sys::Reflect::set(
            &js,
            &JsValue::from_str("code"),
            &JsValue::from_str(error.kind.as_str()),
        );
        js.into()
    }
}

/// `value[key]` when it is a string; `None` for anything else, and never throws.
fn js_string_prop(value: &JsValue, key: &str) -> Option<String> {
    if !value.is_object() {
        return None;
    }
    js_sys::Reflect::get(value, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
}
