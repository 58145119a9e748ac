//! The result objects and `errMsg` strings each platform and flavor gives. The one place where
//! wording lives: code written against the real platform compares these strings.

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::outcome::Failure;
use crate::platform::{Profile, Style};
use crate::scope::Scope;

/// WeChat words a few failures differently on Android (`authorize:fail:auth deny`,
/// `getLocation:fail:auth denied`) than in DevTools and on iOS. Users test for both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    Devtools,
    Ios,
    Android,
}

impl Flavor {
    pub fn parse(word: &str) -> Option<Flavor> {
        Some(match word {
            "devtools" => Flavor::Devtools,
            "ios" => Flavor::Ios,
            "android" => Flavor::Android,
            _ => return None,
        })
    }
}

/// Key/value pairs serialized as a plain object, in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairs<V>(pub Vec<(String, V)>);

impl<V: Serialize> Serialize for Pairs<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// A result object as the platform gives it to `success` / `fail` / `complete`. Absent fields are
/// left out of the JS object.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Reply {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub err_msg: Option<String>,
    /// Baidu's failure code (10003: the user refused).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub err_code: Option<i32>,
    /// ByteDance's failure code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub err_no: Option<i32>,
    /// ByteDance's `authorize` success: `{ [scope]: "ok" }`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<Pairs<&'static str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_setting: Option<Pairs<bool>>,
    /// Alipay's `getAuthCode` success.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_success_scopes: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub auth_error_scopes: Option<Pairs<i32>>,
    /// Alipay's failure: a number and a message, no `errMsg`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error_message: Option<String>,
}

/// Which API a reply answers, as the wording needs it.
#[derive(Clone, Copy, Debug)]
pub struct Call<'a> {
    pub api: &'a str,
    /// The platform's `authorize` itself rather than a gated API: WeChat words a refusal
    /// differently for each on Android.
    pub is_authorize: bool,
}

pub fn success(profile: &Profile, call: Call<'_>, scope: Option<&Scope>) -> Reply {
    let mut reply = Reply { err_msg: Some(format!("{}:ok", call.api)), ..Reply::default() };
    match profile.style {
        Style::Bytedance if call.is_authorize => {
            reply.data = scope.map(|scope| Pairs(vec![(scope.key.clone(), "ok")]));
        }
        Style::Alipay => reply.err_msg = None,
        _ => {}
    }
    reply
}

/// A failure reply. `detail` completes the wording of the failures that carry one (the parameter
/// error's sentence, the message a host handler threw).
pub fn failure(profile: &Profile, flavor: Flavor, call: Call<'_>, failure: Failure, detail: &str) -> Reply {
    if profile.style == Style::Alipay {
        let (error, message) = alipay_error(call, failure, detail);
        return Reply { error: Some(error), error_message: Some(message), ..Reply::default() };
    }
    let mut reply = Reply { err_msg: Some(err_msg(flavor, call, failure, detail)), ..Reply::default() };
    match profile.style {
        Style::Baidu => reply.err_code = Some(baidu_err_code(failure)),
        Style::Bytedance => reply.err_no = Some(bytedance_err_no(failure)),
        _ => {}
    }
    reply
}

/// `<api>:fail <reason>` in WeChat's wording, which Baidu, ByteDance and Kuaishou share.
pub fn err_msg(flavor: Flavor, call: Call<'_>, failure: Failure, detail: &str) -> String {
    let api = call.api;
    let android = flavor == Flavor::Android;
    match failure {
        Failure::AuthDeny if android && call.is_authorize => format!("{api}:fail:auth deny"),
        Failure::AuthDeny if android => format!("{api}:fail:auth denied"),
        Failure::AuthDeny => format!("{api}:fail auth deny"),
        Failure::AuthCancel if android => format!("{api}:fail:auth cancel"),
        Failure::AuthCancel => format!("{api}:fail auth cancel"),
        Failure::InvalidScope => format!("{api}:fail invalid scope"),
        Failure::ScopeUnauthorized => format!("{api}:fail scope unauthorized"),
        Failure::RequirePermissionDesc => format!("{api}:fail require permission desc"),
        Failure::NotSupported => format!("{api}:fail not supported"),
        Failure::TapGestureRequired => format!("{api}:fail can only be invoked by user TAP gesture."),
        Failure::PromptFailed => format!("{api}:fail prompt failed: {detail}"),
        Failure::PromptTimeout => format!("{api}:fail prompt timeout"),
        Failure::InvalidPromptAnswer => format!("{api}:fail invalid prompt answer: {detail}"),
        Failure::ParameterError => format!("{api}:fail parameter error: {detail}"),
        Failure::ApiFailed => format!("{api}:fail {detail}"),
    }
}

fn baidu_err_code(failure: Failure) -> i32 {
    match failure {
        Failure::AuthDeny | Failure::AuthCancel | Failure::ScopeUnauthorized => 10003,
        Failure::InvalidScope | Failure::ParameterError => 202,
        _ => 10001,
    }
}

fn bytedance_err_no(failure: Failure) -> i32 {
    match failure {
        Failure::AuthDeny => 10200,
        Failure::AuthCancel => 10201,
        Failure::InvalidScope | Failure::ParameterError => 20000,
        _ => 21100,
    }
}

fn alipay_error(call: Call<'_>, failure: Failure, detail: &str) -> (i32, String) {
    match failure {
        Failure::AuthDeny if call.is_authorize => (11, "用户取消授权".to_owned()),
        Failure::AuthDeny => (2001, "用户拒绝授权".to_owned()),
        Failure::AuthCancel => (10, "用户取消授权".to_owned()),
        Failure::InvalidScope => (3, "无授权结果".to_owned()),
        Failure::ParameterError => (2, format!("参数错误: {detail}")),
        Failure::NotSupported => (1, "接口不存在".to_owned()),
        Failure::ScopeUnauthorized => (4, "无权限调用".to_owned()),
        Failure::TapGestureRequired => (4, "can only be invoked by user TAP gesture.".to_owned()),
        Failure::RequirePermissionDesc => (4, "require permission desc".to_owned()),
        Failure::PromptFailed => (10, format!("prompt failed: {detail}")),
        Failure::PromptTimeout => (10, "prompt timeout".to_owned()),
        Failure::InvalidPromptAnswer => (10, format!("invalid prompt answer: {detail}")),
        Failure::ApiFailed => (3, detail.to_owned()),
    }
}

/// WeChat's parameter-error sentence: `parameter.scope should be String instead of Undefined;`.
pub fn parameter_error(field: &str, expected: &str, actual: &str) -> String {
    if field.is_empty() {
        format!("parameter should be {expected} instead of {actual};")
    } else {
        format!("parameter.{field} should be {expected} instead of {actual};")
    }
}
