//! The result objects and `errMsg` strings each platform and flavor gives. The one place where
//! wording lives: code written against the real platform compares these strings.

use crate::outcome::{Failure, Outcome};
use crate::platform::{Profile, Style};
use crate::privacy;
use crate::scope::Scope;
use crate::text::concat;

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

/// Key/value pairs that become a plain object, in the order given.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pairs<V>(pub Vec<(String, V)>);

/// A result object as the platform gives it to `success` / `fail` / `complete`. Absent fields are
/// left out of the JS object.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Reply {
    pub err_msg: Option<String>,
    /// Baidu's failure code (10003: the user refused).
    pub err_code: Option<i32>,
    /// WeChat's privacy layer: 104 not agreed, 112 not declared (`privacy::errno`).
    pub errno: Option<i32>,
    /// ByteDance's failure code.
    pub err_no: Option<i32>,
    /// ByteDance's `authorize` success: `{ [scope]: "ok" }`.
    pub data: Option<Pairs<&'static str>>,
    pub auth_setting: Option<Pairs<bool>>,
    /// Alipay's `getAuthCode` success.
    pub auth_code: Option<String>,
    pub auth_success_scopes: Option<Vec<String>>,
    pub auth_error_scopes: Option<Pairs<i32>>,
    /// Alipay's failure: a number and a message, no `errMsg`.
    pub error: Option<i32>,
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
    let mut reply = Reply { err_msg: Some(concat(&[call.api, ":ok"])), ..Reply::default() };
    match profile.style {
        Style::Bytedance if call.is_authorize => {
            reply.data = scope.map(|scope| Pairs(vec![(scope.key.clone(), BYTEDANCE_OK)]));
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
        let (error, message) = alipay_error(profile, call, failure, detail);
        return Reply { error: Some(error), error_message: Some(message), ..Reply::default() };
    }
    let flavor = if profile.style == Style::Wechat { flavor } else { Flavor::Devtools };
    let mut reply = Reply {
        err_msg: Some(err_msg_in(profile.style, flavor, call, failure, detail)),
        errno: privacy::errno(failure),
        ..Reply::default()
    };
    match profile.style {
        Style::Baidu => reply.err_code = Some(lookup(&BAIDU_ERR_CODES, failure).unwrap_or(BAIDU_OTHER)),
        Style::Bytedance => reply.err_no = Some(lookup(&BYTEDANCE_ERR_NO, failure).unwrap_or(BYTEDANCE_OTHER)),
        _ => {}
    }
    reply
}

/// The reply of an `authorize` that asked for several scopes at once, each with its outcome, in
/// the order given: ByteDance's comma-separated `scope` and Alipay's `getAuthCode({ scopes })`.
/// Keys are as the caller spelled them (an unknown one included). `auth_code` is Alipay's fresh
/// code; `detail` completes the first failure's wording.
pub fn many(
    profile: &Profile,
    flavor: Flavor,
    call: Call<'_>,
    scopes: &[(&str, Outcome)],
    auth_code: &str,
    detail: &str,
) -> Reply {
    let first_failure = scopes.iter().find_map(|(_, outcome)| match outcome {
        Outcome::Fail(failure) => Some(*failure),
        _ => None,
    });
    match profile.style {
        // All or nothing, as Alipay's one pop-up for every scope (research §3).
        Style::Alipay => match first_failure {
            Some(failed) => failure(profile, flavor, call, failed, detail),
            None => Reply {
                auth_code: Some(auth_code.to_owned()),
                auth_success_scopes: Some(scopes.iter().map(|(key, _)| (*key).to_owned()).collect()),
                auth_error_scopes: Some(Pairs(Vec::new())),
                ..Reply::default()
            },
        },
        // Every scope's own result in `data` (research §1, decompiled ApiAuthorizeCtrl).
        Style::Bytedance => {
            let data = Pairs(scopes.iter().map(|(key, outcome)| ((*key).to_owned(), bytedance_value(*outcome))).collect());
            let mut reply = match first_failure {
                None => success(profile, call, None),
                Some(failed) if scopes.len() == 1 => failure(profile, flavor, call, failed, detail),
                Some(failed) => Reply {
                    err_msg: Some(concat(&[call.api, ":fail"])),
                    err_no: lookup(&BYTEDANCE_ERR_NO, failed).or(Some(BYTEDANCE_OTHER)),
                    ..Reply::default()
                },
            };
            reply.data = Some(data);
            reply
        }
        _ => match first_failure {
            Some(failed) => failure(profile, flavor, call, failed, detail),
            None => success(profile, call, None),
        },
    }
}

fn lookup<T: Copy>(table: &[(Failure, T)], failure: Failure) -> Option<T> {
    table.iter().find(|(known, _)| *known == failure).map(|(_, value)| *value)
}

// --- WeChat's wording, shared by the mini game, Kuaishou, Baidu and ByteDance -----------------

/// `<api>:fail <reason><detail>` (platforms.md §2; research §7 for what it leaves open). The
/// emulator's own failures (prompt handler problems, no host implementation) follow the same form.
const WECHAT_REASONS: [(Failure, &str); 14] = [
    (Failure::AuthDeny, "auth deny"),
    (Failure::DeniedBefore, "auth deny"),
    (Failure::AuthCancel, "auth cancel"),
    (Failure::InvalidScope, "invalid scope"),
    (Failure::ScopeUnauthorized, "scope unauthorized"),
    (Failure::RequirePermissionDesc, "require permission desc"),
    (Failure::NotSupported, "not supported"),
    (Failure::TapGestureRequired, "can only be invoked by user TAP gesture."),
    (Failure::PromptFailed, "prompt failed: "),
    (Failure::PromptTimeout, "prompt timeout"),
    (Failure::InvalidPromptAnswer, "invalid prompt answer: "),
    (Failure::ParameterError, "parameter error: "),
    (Failure::ApiFailed, ""),
    (Failure::DescLength, "desc length does not meet the requirements"),
];

/// WeChat on Android (flavor `android`): `<api>:fail:auth deny` for `authorize`, and a gated API's
/// refusal is `<api>:fail:auth denied` (platforms.md §2). Every other reason reads as on iOS (the
/// decompiled Android client's `fail auth cancel`, research §7). (failure, (authorize, gated API))
const WECHAT_ANDROID_REASONS: [(Failure, (&str, &str)); 2] = [
    (Failure::AuthDeny, ("auth deny", "auth denied")),
    (Failure::DeniedBefore, ("auth deny", "auth denied")),
];

/// Kuaishou's own words where ks.authorize documents them (research §5); WeChat's elsewhere.
const KUAISHOU_REASONS: [(Failure, &str); 1] = [(Failure::RequirePermissionDesc, "小程序未在 AppConfig 中注册该权限")];

/// `<api>:fail <reason>` in WeChat's wording (Kuaishou's where it differs).
pub fn err_msg(flavor: Flavor, call: Call<'_>, failure: Failure, detail: &str) -> String {
    err_msg_in(Style::Wechat, flavor, call, failure, detail)
}

fn err_msg_in(style: Style, flavor: Flavor, call: Call<'_>, failure: Failure, detail: &str) -> String {
    let api = call.api;
    if flavor == Flavor::Android {
        if let Some((authorize, gated)) = lookup(&WECHAT_ANDROID_REASONS, failure) {
            let reason = if call.is_authorize { authorize } else { gated };
            return concat(&[api, ":fail:", reason, detail]);
        }
    }
    let own = if style == Style::Kuaishou { lookup(&KUAISHOU_REASONS, failure) } else { None };
    let reason = own.or_else(|| lookup(&WECHAT_REASONS, failure)).or_else(|| lookup(&privacy::REASONS, failure)).unwrap_or("");
    concat(&[api, ":fail ", reason, detail])
}

// --- Baidu ---------------------------------------------------------------------------------

/// swan's `errCode` (research §2): the common authorization table of authorize_list.md (10001
/// internal error, 10002 network, **10003 user deny**, 10004 not logged in, 10005 system deny: the
/// API not applied for) and swan.authorize's Android codes (1001 execution failed / empty scope,
/// 11003 user cancelled).
const BAIDU_ERR_CODES: [(Failure, i32); 9] = [
    (Failure::AuthDeny, 10003),
    (Failure::DeniedBefore, 10003),
    (Failure::ScopeUnauthorized, 10003),
    (Failure::AuthCancel, 11003),
    (Failure::InvalidScope, 1001),
    (Failure::ParameterError, 1001),
    (Failure::NotSupported, 10005),
    (Failure::RequirePermissionDesc, 10005),
    (Failure::TapGestureRequired, 10005),
];
/// 10001: internal error (prompt handler problems, a failing host implementation).
const BAIDU_OTHER: i32 = 10001;

// --- ByteDance -----------------------------------------------------------------------------

/// tt's `errNo`. No numbers were verified (research §1: documented, typed string, values not
/// published); these are stable placeholders so code can tell the cases apart.
const BYTEDANCE_ERR_NO: [(Failure, i32); 5] = [
    (Failure::AuthDeny, 10200),
    (Failure::DeniedBefore, 10200),
    (Failure::AuthCancel, 10201),
    (Failure::InvalidScope, 20000),
    (Failure::ParameterError, 20000),
];
const BYTEDANCE_OTHER: i32 = 21100;

/// tt.authorize's per-scope `data` values (research §1, decompiled ApiAuthorizeCtrl).
const BYTEDANCE_OK: &str = "ok";
const BYTEDANCE_DENY: &str = "auth deny";
const BYTEDANCE_INVALID: &str = "invalid scope";

fn bytedance_value(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Proceed => BYTEDANCE_OK,
        Outcome::Fail(Failure::InvalidScope) => BYTEDANCE_INVALID,
        // Rejected, rejected before, dismissed, or the prompt failed: not granted.
        _ => BYTEDANCE_DENY,
    }
}

// --- Alipay --------------------------------------------------------------------------------

/// my.getAuthCode's failures (my.getAuthCode.md, both versions; research §3): 11 rejected, 3 no
/// authorization result (bad scopes, or the pop-up closed), 4 no permission to call.
const ALIPAY_AUTH_CODE_ERRORS: [(Failure, (i32, &str)); 5] = [
    (Failure::AuthDeny, (11, "用户取消授权")),
    (Failure::DeniedBefore, (11, "用户取消授权")),
    (Failure::AuthCancel, (3, "未找到授权结果")),
    (Failure::InvalidScope, (3, "未找到授权结果")),
    (Failure::ScopeUnauthorized, (4, "无权限调用")),
];

/// A gated API refused (my.getLocation's table, research §3): 2001 refused in the pop-up (also when
/// it is closed), 2002 refused before, no pop-up.
const ALIPAY_API_ERRORS: [(Failure, (i32, &str)); 3] = [
    (Failure::AuthDeny, (2001, "用户不允许授权")),
    (Failure::AuthCancel, (2001, "用户不允许授权")),
    (Failure::DeniedBefore, (2002, "用户不允许授权")),
];

/// With `stickyDenial` on, a refusal is the one with "don't ask again" ticked: 2003.
const ALIPAY_STICKY_REFUSAL: (i32, &str) = (2003, "用户勾选了不允许授权选项");

/// Anything else, either API. 2 "无效 API 入参" is quoted in Alipay's FAQ; 4 "无权限调用" follows
/// getAuthCode's 4; the rest are the emulator's own (3 is Alipay's catch-all "no result").
const ALIPAY_COMMON_ERRORS: [(Failure, (i32, &str)); 7] = [
    (Failure::ParameterError, (2, "无效 API 入参")),
    (Failure::NotSupported, (4, "无权限调用")),
    (Failure::TapGestureRequired, (4, "无权限调用")),
    (Failure::RequirePermissionDesc, (4, "无权限调用")),
    (Failure::PromptFailed, (3, "prompt failed")),
    (Failure::PromptTimeout, (3, "prompt timeout")),
    (Failure::InvalidPromptAnswer, (3, "invalid prompt answer")),
];

fn alipay_error(profile: &Profile, call: Call<'_>, failure: Failure, detail: &str) -> (i32, String) {
    let (error, text) = if call.is_authorize {
        lookup(&ALIPAY_AUTH_CODE_ERRORS, failure)
    } else if failure == Failure::AuthDeny && profile.sticky_denial {
        Some(ALIPAY_STICKY_REFUSAL)
    } else {
        lookup(&ALIPAY_API_ERRORS, failure)
    }
    .or_else(|| lookup(&ALIPAY_COMMON_ERRORS, failure))
    .unwrap_or((3, ""));
    let message = match (text.is_empty(), detail.is_empty()) {
        (_, true) => text.to_owned(),
        (true, false) => detail.to_owned(),
        (false, false) => concat(&[text, ": ", detail]),
    };
    (error, message)
}

/// WeChat's parameter-error sentence: `parameter.scope should be String instead of Undefined;`.
pub fn parameter_error(field: &str, expected: &str, actual: &str) -> String {
    if field.is_empty() {
        concat(&["parameter should be ", expected, " instead of ", actual, ";"])
    } else {
        concat(&["parameter.", field, " should be ", expected, " instead of ", actual, ";"])
    }
}
