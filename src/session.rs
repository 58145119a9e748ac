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
//!
//! Which APIs are session APIs is a mark in the API table (`platform::SESSION_APIS`).

use crate::outcome::{Failure, Outcome};
use crate::privacy;

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
    let failure = match outcome {
        Outcome::Proceed => return STARTED,
        Outcome::Fail(failure) => failure,
        // Prompt and Privacy are no answers (the shim resolves them before it asks).
        Outcome::Prompt | Outcome::Privacy => return SYSTEM_ERROR,
    };
    // The privacy layer's failures: its errno (104, 112), the number a callback API's fail object carries.
    if let Some(errno) = privacy::errno(failure) {
        return errno.unsigned_abs();
    }
    match failure {
        Failure::AuthDeny | Failure::AuthCancel | Failure::DeniedBefore => CAMERA_NOT_GRANTED,
        Failure::NotSupported => DEVICE_NOT_SUPPORTED,
        Failure::ParameterError => PARAMETER_ERROR,
        // Every other failure is the pop-up's or the host's.
        _ => SYSTEM_ERROR,
    }
}
