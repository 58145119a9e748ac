//! WeChat's privacy layer (base library 2.32.3+, enforced since 2023-10-17): a second consent in
//! front of every API that touches personal data. Sources: ../shared/reference/privacy.md.
//!
//! * **Declaration.** The app declares which kinds of personal data it uses (its privacy guide).
//!   A privacy API whose kind is not declared is disabled: errno 112, even when `getSetting` shows
//!   its scope granted.
//! * **Agreement.** Per app and user. It covers the kinds declared when the user agreed: declaring
//!   a new kind later asks again (`needAuthorization` is true until the user agrees again).
//! * **Order of checks** for a privacy API: declared? (else 112) → agreed? (else the privacy flow;
//!   a refusal is 104) → the scope rule. 112 before 104 is the plausible reading; no page says.
//!
//! The table of privacy APIs by kind is data, like the scope tables in `platform`. The flow when
//! the user has not agreed (the app's listener, the official pop-up, the refusal gap) runs in the
//! shim (pkg/privacy.js); what it needs to know comes from here.

use crate::option_error::{option_error, OptionError};
use crate::outcome::{Failure, Outcome};
use crate::platform::{Profile, ScopeId};
use crate::scope::{AskedBy, Rule, Scope, PRIVACY_RECORD_PREFIX};
use crate::text::concat;

/// One kind of personal data a privacy guide declares, and the privacy APIs that touch it. How
/// the pop-up and the contract page word each kind (en, zh_CN) is the UI's: pkg/privacy.js.
pub struct Kind {
    /// The name `privacy.declared` takes (a scope or an API of the kind names it too).
    pub name: &'static str,
    /// Scopes whose `authorize` is a privacy API.
    pub scopes: &'static [&'static str],
    pub apis: &'static [&'static str],
}

const fn kind(name: &'static str, scopes: &'static [&'static str], apis: &'static [&'static str]) -> Kind {
    Kind { name, scopes, apis }
}

/// WeChat's list of privacy APIs, grouped by kind (privacy.md "Privacy APIs by kind"; components
/// such as `<camera>` and the phone-number buttons have no API here, their kinds are declarable).
/// `startRecord` stands for `RecorderManager.start` as in the scope tables.
pub const KINDS: [Kind; 16] = [
    kind("userInfo", &[], &["getUserInfo", "getUserProfile"]),
    kind("location", &["scope.userLocation", "scope.userLocationBackground", "scope.userFuzzyLocation"],
        &["getLocation", "startLocationUpdate", "startLocationUpdateBackground", "getFuzzyLocation"],
    ),
    kind("chosenLocation", &[], &["chooseLocation", "choosePoi"]),
    kind("address", &[], &["chooseAddress"]),
    kind("invoice", &[], &["chooseInvoice", "chooseInvoiceTitle"]),
    kind("werun", &["scope.werun"], &["getWeRunData"]),
    kind("phoneNumber", &[], &[]),
    kind("licensePlate", &[], &["chooseLicensePlate"]),
    kind("album", &[],
        &["chooseImage", "chooseMedia", "chooseVideo", "chooseMessageFile"],
    ),
    kind("record", &["scope.record"], &["startRecord", "joinVoIPChat"]),
    kind("camera", &["scope.camera"], &["createVKSession"]),
    kind("bluetooth", &["scope.bluetooth"], &["openBluetoothAdapter", "createBLEPeripheralServer"]),
    kind("writePhotosAlbum", &["scope.writePhotosAlbum"],
        &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"],
    ),
    kind("addPhoneContact", &["scope.addPhoneContact"], &["addPhoneContact"]),
    kind("addPhoneCalendar", &["scope.addPhoneCalendar"],
        &["addPhoneCalendar", "addPhoneRepeatCalendar"],
    ),
    kind("clipboard", &[], &["getClipboardData", "setClipboardData"]),
];


/// `wx.requirePrivacyAuthorize` "simulates a privacy API call": of every kind, it needs only the
/// agreement (`getPrivacySetting`'s `needAuthorization` is whether it would wait).
pub const REQUIRE: &str = "requirePrivacyAuthorize";

/// The privacy layer's own APIs; the facade has them with the layer only (below 2.32.3 they are
/// `undefined`).
pub const LAYER_APIS: [&str; 3] = [REQUIRE, "getPrivacySetting", "openPrivacyContract"];

/// `declared: 'all'`: every kind.
pub const ALL: &str = "all";

/// The failures of the privacy layer and their wording after `<api>:fail ` (privacy.md "Results";
/// the last two are the mini game's). A table of the same type as reply.rs's own, read by the same
/// lookup.
pub const REASONS: [(Failure, &str); 5] = [
    (Failure::PrivacyNotAuthorized, "privacy permission is not authorized"),
    // Community payloads only.
    (Failure::PrivacyButtonWrong, "privacy permission is not authorized or buttonId is wrong"),
    (Failure::PrivacyNotDeclared, "api scope is not declared in the privacy agreement"),
    (Failure::PrivacyNoClick, "click action before resolve is needed"),
    (Failure::PrivacyInGap, "privacy permission is not authorized in gap"),
];

/// The errno of a privacy failure: 112 not declared, 104 every other (the mini game's two: ours).
pub fn errno(failure: Failure) -> Option<i32> {
    match failure {
        Failure::PrivacyNotDeclared => Some(112),
        Failure::PrivacyNotAuthorized | Failure::PrivacyButtonWrong | Failure::PrivacyNoClick | Failure::PrivacyInGap => Some(104),
        _ => None,
    }
}

/// A set of kinds: bit `i` is `KINDS[i]`.
pub type Kinds = u32;

const NONE: u8 = u8::MAX;
/// `requirePrivacyAuthorize`'s kind: every one, it needs only the agreement.
const EVERY: u8 = u8::MAX - 1;

fn bit(kind: u8) -> Kinds {
    1 << kind
}

/// The kind a privacy API belongs to, by its name.
pub fn kind_of_api(name: &str) -> Option<u8> {
    KINDS.iter().position(|kind| kind.apis.contains(&name)).map(|index| index as u8)
}

/// The kind whose `authorize` of `scope` is a privacy API.
pub fn kind_of_scope(key: &str) -> Option<u8> {
    KINDS.iter().position(|kind| kind.scopes.contains(&key)).map(|index| index as u8)
}

/// A word of `privacy.declared`: a kind's name, or a scope or API the kind covers.
pub fn kind_named(word: &str) -> Option<u8> {
    KINDS
        .iter()
        .position(|kind| kind.name == word)
        .map(|index| index as u8)
        .or_else(|| kind_of_scope(word))
        .or_else(|| kind_of_api(word))
}

fn declared_kinds(declared: Kinds) -> impl Iterator<Item = &'static Kind> {
    KINDS.iter().enumerate().filter(move |(index, _)| declared & bit(*index as u8) != 0).map(|(_, kind)| kind)
}

/// The privacy configuration as the core reads it, before validation. The contract's name and the
/// official pop-up's refusal gap are the shim's alone (pkg/privacy.js): the core decides nothing
/// by them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrivacyOptions {
    /// `declared`: `None` is `'all'`; else the words given.
    pub declared: Option<Vec<String>>,
}

/// What a call of a privacy API meets at the privacy layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Not a privacy API, or declared and agreed: on to the scope rule.
    Open,
    /// Its kind is not declared: the API is disabled (112).
    NotDeclared,
    /// Declared, not agreed: the privacy flow decides.
    NotAgreed,
}

impl Gate {
    /// What the call comes to at the layer: `None` goes on to the scope rule.
    pub fn outcome(self) -> Option<Outcome> {
        match self {
            Gate::Open => None,
            Gate::NotDeclared => Some(Outcome::Fail(Failure::PrivacyNotDeclared)),
            Gate::NotAgreed => Some(Outcome::Privacy),
        }
    }
}

/// The privacy layer of one app and user: what is declared, what the user agreed to.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub declared: Kinds,
    /// The scopes of the declared kinds' agreements, one a kind in table order (`add_to` adds
    /// them together, after every other scope): a range rather than a list, no `Vec` of ids.
    pub kind_scopes: core::ops::Range<ScopeId>,
}

impl Layer {
    /// The layer with these options; errors name the option. `add_to` then puts it in a profile.
    pub fn new(options: PrivacyOptions) -> Result<Layer, OptionError> {
        let mut declared = 0;
        match options.declared {
            None => declared = (1 << KINDS.len()) - 1,
            Some(words) => {
                for word in &words {
                    let kind = kind_named(word).ok_or_else(|| {
                        option_error("privacy.declared", concat(&["names no kind of personal data, nor a scope or API of one: \"", word, "\""]))
                    })?;
                    declared |= bit(kind);
                }
            }
        }
        Ok(Layer { declared, kind_scopes: 0..0 })
    }

    /// Gives `profile` an API for each of the layer's own and each privacy API no scope gates
    /// (`chooseImage`, `getClipboardData`, ...): the facade has them while the layer is on, served by
    /// the host's `apis`. And a scope per declared kind, for its agreement (`PRIVACY_RECORD_PREFIX`).
    pub fn add_to(&mut self, profile: &mut Profile) {
        // Plain loops: iterator adapters here cost more wasm than they save lines.
        for name in &LAYER_APIS {
            profile.add_api(name);
        }
        let first = profile.scopes.len() as ScopeId;
        self.kind_scopes = first..first;
        for (index, kind) in KINDS.iter().enumerate() {
            for name in kind.apis {
                // getUserProfile is the mini program's, by base library (`Config::new`).
                if *name != "getUserProfile" {
                    profile.add_api(name);
                }
            }
            if self.declared & bit(index as u8) != 0 {
                let key = concat(&[PRIVACY_RECORD_PREFIX, kind.name]);
                self.kind_scopes.end = 1 + profile.add_scope(Scope {
                    setting_key: key.clone(),
                    key,
                    label: String::new(),
                    apis: Vec::new(),
                    rule: Rule::Normal,
                    needs_desc: false,
                    asked_by: AskedBy::Nobody,
                    shown_with: None,
                });
            }
        }
    }

    /// A call of the API `api` (for `authorize`: of the scope `scope`), the user having agreed to
    /// the guide or not. Looked up by name, with no table per authorizer: the shim remembers an
    /// authorize outcome until a decision changes.
    pub fn gate(&self, api: &str, scope: Option<&str>, agreed: bool) -> Gate {
        let kind = match (api, scope) {
            (REQUIRE, _) => EVERY,
            (_, Some(key)) => kind_of_scope(key).unwrap_or(NONE),
            _ => kind_of_api(api).unwrap_or(NONE),
        };
        if kind == NONE {
            Gate::Open
        } else if kind != EVERY && self.declared & bit(kind) == 0 {
            Gate::NotDeclared
        } else if agreed {
            Gate::Open
        } else {
            Gate::NotAgreed
        }
    }

    /// The declared kinds, in table order.
    pub fn declared_kinds(&self) -> impl Iterator<Item = &'static Kind> + '_ {
        declared_kinds(self.declared)
    }
}
