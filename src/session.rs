//! Session APIs: an API that answers at once with a session object, whose `start(callback)` runs
//! the authorization and hands `callback` a status number instead of calling success / fail.
//! WeChat's `wx.createVKSession` (VisionKit) is the one: `createVKSession(option)` returns a
//! `VKSession` synchronously and the camera is asked for when the app calls `session.start`.
//!
//! The statuses are WeChat's `VKSessionStartCallback` (developers.weixin.qq.com/miniprogram/dev/
//! api/ai/visionkit/VKSession/VKSession.start.html, and miniprogram-api-typings): 0 success,
//! 104 privacy not agreed, 112 not declared in the privacy agreement, 1025 / 1026 privacy API
//! banned, 2000001 parameter error, 2003000 session unavailable, 2000000 system error, 2000002 /
//! 2000004 device not supported, 2000003 system not supported, 2003001 the system's camera
//! permission off, 2003002 the mini program's camera permission not granted.

use crate::outcome::{Failure, Outcome};

/// The APIs that answer through a session's `start` rather than callbacks, by name: whichever
/// profile has one (a scope table, a custom profile, the privacy layer's own list) marks it so.
pub const SESSION_APIS: [&str; 1] = ["createVKSession"];

pub fn is_session_api(name: &str) -> bool {
    SESSION_APIS.contains(&name)
}

/// `start`'s callback status: the session may start.
pub const STARTED: u32 = 0;
/// 2000001: the option given to `createVKSession` is not an object.
pub const PARAMETER_ERROR: u32 = 2_000_001;
/// 2000000: anything else went wrong (the pop-up failed, the host's implementation threw).
pub const SYSTEM_ERROR: u32 = 2_000_000;
/// 2000002: no implementation of the session here (a browser has no VisionKit).
pub const DEVICE_NOT_SUPPORTED: u32 = 2_000_002;
/// 2003002: the mini program's camera permission is not granted (refused now or before, or the
/// pop-up closed without a choice).
pub const CAMERA_NOT_GRANTED: u32 = 2_003_002;

/// The status `start(callback)` gets for what the authorization came to.
pub fn start_status(outcome: Outcome) -> u32 {
    match outcome {
        Outcome::Proceed => STARTED,
        // The privacy layer's errno (`privacy::errno`, the number a callback API's fail object
        // carries), written out here: this module sits below `platform` and `privacy`.
        Outcome::Fail(Failure::PrivacyNotAuthorized | Failure::PrivacyButtonWrong | Failure::PrivacyNoClick | Failure::PrivacyInGap) => 104,
        Outcome::Fail(Failure::PrivacyNotDeclared) => 112,
        Outcome::Fail(Failure::AuthDeny | Failure::AuthCancel | Failure::DeniedBefore) => CAMERA_NOT_GRANTED,
        Outcome::Fail(Failure::NotSupported) => DEVICE_NOT_SUPPORTED,
        Outcome::Fail(Failure::ParameterError) => PARAMETER_ERROR,
        // Prompt and Privacy are no answers (the shim resolves them before it asks); every other
        // failure is the pop-up's or the host's.
        _ => SYSTEM_ERROR,
    }
}
