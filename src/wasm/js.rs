//! Plain JS objects built field by field: the replies, changes and requests the shim receives.
//! Hand-built rather than serialized: these go out on every decision, and a serializer per shape
//! costs several KB of wasm (measured with twiggy; see README "Performance and size").

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::reply::{Pairs, Reply};

pub struct JsObject(Object);

impl JsObject {
    pub fn new() -> JsObject {
        JsObject(Object::new())
    }

    /// More fields on an object made elsewhere (`describe`'s serialized one).
    pub fn extend(object: JsValue) -> JsObject {
        JsObject(object.into())
    }

    /// An object with no prototype (`Object.create(null)`), for what the shim alone reads.
    pub fn bare() -> JsObject {
        JsObject(Object::create(JsValue::NULL.unchecked_ref()))
    }

    /// Sets `key`. Setting a property on a fresh plain object cannot fail; were it to, the field is
    /// left out rather than the call failing.
    pub fn set(self, key: &str, value: impl Into<JsValue>) -> JsObject {
        self.set_value(key, value.into())
    }

    /// `set`'s work, in one copy: `set` itself is instantiated for every type of value.
    #[inline(never)]
    fn set_value(self, key: &str, value: JsValue) -> JsObject {
        let _ = Reflect::set(&self.0, &JsValue::from_str(key), &value);
        self
    }

    pub fn set_some(self, key: &str, value: Option<impl Into<JsValue>>) -> JsObject {
        match value {
            Some(value) => self.set(key, value),
            None => self,
        }
    }

    pub fn into_value(self) -> JsValue {
        self.0.into()
    }
}

pub fn pairs<V: Clone + Into<JsValue>>(pairs: &Pairs<V>) -> JsValue {
    pairs.0.iter().fold(JsObject::new(), |object, (key, value)| object.set(key, value.clone())).into_value()
}

pub fn strings<S: AsRef<str>>(items: &[S]) -> JsValue {
    items.iter().map(|item| JsValue::from_str(item.as_ref())).collect::<Array>().into()
}

/// A reply as the platform's result object; absent fields are left out.
pub fn reply(reply: &Reply) -> JsValue {
    JsObject::new()
        .set_some("errMsg", reply.err_msg.as_deref())
        .set_some("errno", reply.errno)
        .set_some("errCode", reply.err_code)
        .set_some("errNo", reply.err_no)
        .set_some("data", reply.data.as_ref().map(pairs))
        .set_some("authSetting", reply.auth_setting.as_ref().map(pairs))
        .set_some("authCode", reply.auth_code.as_deref())
        .set_some("authSuccessScopes", reply.auth_success_scopes.as_deref().map(strings))
        .set_some("authErrorScopes", reply.auth_error_scopes.as_ref().map(pairs))
        .set_some("error", reply.error)
        .set_some("errorMessage", reply.error_message.as_deref())
        .into_value()
}
