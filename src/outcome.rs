//! What a call comes to. Crosses the wasm boundary as a small integer (`Outcome::code`), so the
//! hot path of a decided scope moves no strings.

/// Why a call failed. The wording of each, per platform and flavor, lives in `reply`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// Rejected in the pop-up just now (or refused by a rule that records nothing).
    AuthDeny,
    /// The pop-up was closed without a choice. Nothing is recorded.
    AuthCancel,
    /// The scope is not one of this platform's.
    InvalidScope,
    /// A scope that `authorize` cannot ask for (WeChat's `scope.userInfo`).
    ScopeUnauthorized,
    /// A location scope asked without a `permission` desc in the app config.
    RequirePermissionDesc,
    /// Granted, but the host supplies no implementation of the API.
    NotSupported,
    /// `openSetting` outside a user tap.
    TapGestureRequired,
    /// The host's prompt handler threw or rejected.
    PromptFailed,
    /// The host's prompt handler did not answer within the timeout.
    PromptTimeout,
    /// The host's prompt handler answered something other than accept / reject / dismiss.
    InvalidPromptAnswer,
    /// The arguments are of the wrong type (WeChat's parameter error).
    ParameterError,
    /// The host's implementation of the API threw or rejected.
    ApiFailed,
    /// Rejected before: refused at once, no pop-up. Worded as `AuthDeny` everywhere but Alipay,
    /// whose gated APIs answer 2002 here (research §3).
    DeniedBefore,
    /// The privacy layer: the user did not agree (refused, or the flow could not run). errno 104.
    PrivacyNotAuthorized,
    /// The privacy layer: `resolve({ event: 'agree', buttonId })` with no tap on that button. 104.
    PrivacyButtonWrong,
    /// The privacy layer: the API's kind of data is not declared in the privacy guide. errno 112.
    PrivacyNotDeclared,
    /// The mini game's privacy layer: `resolve({ event: 'agree' })` without a user click first.
    PrivacyNoClick,
    /// The mini game's privacy layer: refused in the official pop-up less than the gap ago.
    PrivacyInGap,
    /// `getUserProfile`'s `desc` is missing, blank or longer than 30 characters.
    DescLength,
}

const FAILURES: [Failure; 19] = [
    Failure::AuthDeny,
    Failure::AuthCancel,
    Failure::InvalidScope,
    Failure::ScopeUnauthorized,
    Failure::RequirePermissionDesc,
    Failure::NotSupported,
    Failure::TapGestureRequired,
    Failure::PromptFailed,
    Failure::PromptTimeout,
    Failure::InvalidPromptAnswer,
    Failure::ParameterError,
    Failure::ApiFailed,
    Failure::DeniedBefore,
    Failure::PrivacyNotAuthorized,
    Failure::PrivacyButtonWrong,
    Failure::PrivacyNotDeclared,
    Failure::PrivacyNoClick,
    Failure::PrivacyInGap,
    Failure::DescLength,
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Authorized: the call goes ahead.
    Proceed,
    /// Never asked: the pop-up decides.
    Prompt,
    /// A privacy API the user has not agreed to (the privacy layer, `privacy`): the privacy flow
    /// decides, then the call is checked again.
    Privacy,
    Fail(Failure),
}

const PROCEED: u32 = 0;
const PROMPT: u32 = 1;
const PRIVACY: u32 = 2;
const FIRST_FAILURE: u32 = 3;

impl Outcome {
    pub fn code(self) -> u32 {
        match self {
            Outcome::Proceed => PROCEED,
            Outcome::Prompt => PROMPT,
            Outcome::Privacy => PRIVACY,
            Outcome::Fail(failure) => {
                FIRST_FAILURE + FAILURES.iter().position(|known| *known == failure).unwrap_or(0) as u32
            }
        }
    }

    pub fn from_code(code: u32) -> Option<Outcome> {
        match code {
            PROCEED => Some(Outcome::Proceed),
            PROMPT => Some(Outcome::Prompt),
            PRIVACY => Some(Outcome::Privacy),
            _ => FAILURES.get(code.checked_sub(FIRST_FAILURE)? as usize).map(|failure| Outcome::Fail(*failure)),
        }
    }

    pub fn is_success(self) -> bool {
        self == Outcome::Proceed
    }
}

impl Failure {
    pub fn code(self) -> u32 {
        Outcome::Fail(self).code()
    }

    pub fn all() -> &'static [Failure] {
        &FAILURES
    }

    /// The name the JS shim knows a failure code by.
    pub fn name(self) -> &'static str {
        match self {
            Failure::AuthDeny => "authDeny",
            Failure::AuthCancel => "authCancel",
            Failure::InvalidScope => "invalidScope",
            Failure::ScopeUnauthorized => "scopeUnauthorized",
            Failure::RequirePermissionDesc => "requirePermissionDesc",
            Failure::NotSupported => "notSupported",
            Failure::TapGestureRequired => "tapGestureRequired",
            Failure::PromptFailed => "promptFailed",
            Failure::PromptTimeout => "promptTimeout",
            Failure::InvalidPromptAnswer => "invalidPromptAnswer",
            Failure::ParameterError => "parameterError",
            Failure::ApiFailed => "apiFailed",
            Failure::DeniedBefore => "deniedBefore",
            Failure::PrivacyNotAuthorized => "privacyNotAuthorized",
            Failure::PrivacyButtonWrong => "privacyButtonWrong",
            Failure::PrivacyNotDeclared => "privacyNotDeclared",
            Failure::PrivacyNoClick => "privacyNoClick",
            Failure::PrivacyInGap => "privacyInGap",
            Failure::DescLength => "descLength",
        }
    }
}
