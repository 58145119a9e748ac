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

use crate::config::{option_error, OptionError};
use crate::outcome::{Failure, Outcome};
use crate::platform::{ApiId, Profile, ScopeId, AUTHORIZE};
use crate::text::{concat, join};

/// One kind of personal data a privacy guide declares, and the privacy APIs that touch it.
pub struct Kind {
    /// The name `privacy.declared` takes (a scope or an API of the kind names it too).
    pub name: &'static str,
    pub label: &'static str,
    /// The wording of WeChat's privacy guide template (用户隐私保护指引).
    pub label_zh: &'static str,
    /// Scopes whose `authorize` is a privacy API.
    pub scopes: &'static [&'static str],
    pub apis: &'static [&'static str],
}

const fn kind(
    name: &'static str,
    label: &'static str,
    label_zh: &'static str,
    scopes: &'static [&'static str],
    apis: &'static [&'static str],
) -> Kind {
    Kind { name, label, label_zh, scopes, apis }
}

/// WeChat's list of privacy APIs, grouped by kind (privacy.md "Privacy APIs by kind"; components
/// such as `<camera>` and the phone-number buttons have no API here, their kinds are declarable).
/// `startRecord` stands for `RecorderManager.start` as in the scope tables.
pub const KINDS: [Kind; 16] = [
    kind("userInfo", "Nickname and avatar", "你的昵称、头像", &[], &["getUserInfo", "getUserProfile"]),
    kind(
        "location",
        "Location",
        "你的位置信息",
        &["scope.userLocation", "scope.userLocationBackground", "scope.userFuzzyLocation"],
        &["getLocation", "startLocationUpdate", "startLocationUpdateBackground", "getFuzzyLocation"],
    ),
    kind("chosenLocation", "Location you choose", "你选择的位置信息", &[], &["chooseLocation", "choosePoi"]),
    kind("address", "Postal address", "你的地址", &[], &["chooseAddress"]),
    kind("invoice", "Invoice information", "你的发票信息", &[], &["chooseInvoice", "chooseInvoiceTitle"]),
    kind("werun", "WeRun step counts", "你的微信运动步数", &["scope.werun"], &["getWeRunData"]),
    kind("phoneNumber", "Phone number", "你的手机号码", &[], &[]),
    kind("licensePlate", "Licence plate number", "你的车牌号", &[], &["chooseLicensePlate"]),
    kind(
        "album",
        "Photos, videos and files you choose",
        "你选中的照片、视频或文件",
        &[],
        &["chooseImage", "chooseMedia", "chooseVideo", "chooseMessageFile"],
    ),
    kind("record", "Microphone", "你的麦克风", &["scope.record"], &["startRecord", "joinVoIPChat"]),
    kind("camera", "Camera", "你的摄像头", &["scope.camera"], &["createVKSession"]),
    kind("bluetooth", "Bluetooth", "你的蓝牙", &["scope.bluetooth"], &["openBluetoothAdapter", "createBLEPeripheralServer"]),
    kind(
        "writePhotosAlbum",
        "Photo album (write only)",
        "你的相册（仅写入）权限",
        &["scope.writePhotosAlbum"],
        &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"],
    ),
    kind("addPhoneContact", "Contacts (write only)", "你的通讯录（仅写入）权限", &["scope.addPhoneContact"], &["addPhoneContact"]),
    kind(
        "addPhoneCalendar",
        "Calendar (write only)",
        "你的日历（仅写入）权限",
        &["scope.addPhoneCalendar"],
        &["addPhoneCalendar", "addPhoneRepeatCalendar"],
    ),
    kind("clipboard", "Clipboard", "你的剪切板", &[], &["getClipboardData", "setClipboardData"]),
];

/// `declared: 'all'`: every kind.
pub const ALL: &str = "all";

/// The official pop-up's refusal gap: for this long after the user refused in it, no pop-up and
/// the refusal at once. Mini game: game.json's `officialPrivacyAuthorizationShowingGap`, seconds,
/// default 10, lower values ignored (privacy.md "Official pop-up refusal gap").
pub const SHOWING_GAP_SECONDS: f64 = 10.0;

/// The failures of the privacy layer, their wording after `<api>:fail `, and their errno
/// (privacy.md "Results"; the last two are the mini game's, their errno is ours).
pub const REASONS: [(Failure, &str, i32); 5] = [
    (Failure::PrivacyNotAuthorized, "privacy permission is not authorized", 104),
    // Community payloads only.
    (Failure::PrivacyButtonWrong, "privacy permission is not authorized or buttonId is wrong", 104),
    (Failure::PrivacyNotDeclared, "api scope is not declared in the privacy agreement", 112),
    (Failure::PrivacyNoClick, "click action before resolve is needed", 104),
    (Failure::PrivacyInGap, "privacy permission is not authorized in gap", 104),
];

pub fn reason(failure: Failure) -> Option<&'static str> {
    REASONS.iter().find(|(known, _, _)| *known == failure).map(|(_, reason, _)| *reason)
}

pub fn errno(failure: Failure) -> Option<i32> {
    REASONS.iter().find(|(known, _, _)| *known == failure).map(|(_, _, errno)| *errno)
}

/// A set of kinds: bit `i` is `KINDS[i]`.
pub type Kinds = u32;

const NONE: u8 = u8::MAX;

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

/// The privacy configuration as given, before validation.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrivacyOptions {
    /// `privacyContractName`; default `《<appName>小程序隐私保护指引》`, as WeChat names the guide.
    pub contract_name: Option<String>,
    /// `declared`: `None` is `'all'`; else the words given.
    pub declared: Option<Vec<String>>,
    /// `officialPrivacyAuthorizationShowingGap`, seconds.
    pub showing_gap: Option<f64>,
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
    pub contract_name: String,
    pub declared: Kinds,
    /// The kinds the user agreed to (kept in storage).
    agreed: Kinds,
    /// The refusal gap of the official pop-up, in milliseconds.
    pub showing_gap_ms: u32,
    /// The kind of each API of the profile, by API id (`NONE`: not a privacy API).
    api_kinds: Vec<u8>,
    /// The kind whose `authorize` each scope is, by scope id.
    scope_kinds: Vec<u8>,
}

impl Layer {
    /// The layer of `profile` with these options; errors name the option.
    pub fn new(profile: &Profile, options: PrivacyOptions, app_name: &str) -> Result<Layer, OptionError> {
        let declared = match options.declared {
            None => (1 << KINDS.len()) - 1,
            Some(words) => {
                let mut declared = 0;
                for word in &words {
                    let kind = kind_named(word).ok_or_else(|| {
                        let kinds = join(KINDS.iter().map(|kind| kind.name), ", ");
                        option_error(
                            "privacy.declared",
                            concat(&["names no kind of personal data: \"", word, "\" (kinds: ", &kinds, "; or a scope or API of one)"]),
                        )
                    })?;
                    declared |= bit(kind);
                }
                declared
            }
        };
        let contract_name = match options.contract_name {
            Some(name) if !name.chars().all(char::is_whitespace) => name,
            Some(_) => return Err(option_error("privacy.privacyContractName", "must be a non-empty string")),
            None => concat(&["《", app_name, "小程序隐私保护指引》"]),
        };
        let gap = match options.showing_gap {
            None => SHOWING_GAP_SECONDS,
            Some(seconds) if seconds.is_finite() => seconds.max(SHOWING_GAP_SECONDS).min(86_400.0),
            Some(_) => return Err(option_error("privacy.officialPrivacyAuthorizationShowingGap", "must be a number of seconds")),
        };
        Ok(Layer {
            contract_name,
            declared,
            agreed: 0,
            showing_gap_ms: (gap * 1000.0) as u32,
            api_kinds: profile.apis().iter().map(|api| kind_of_api(&api.name).unwrap_or(NONE)).collect(),
            scope_kinds: profile.scopes.iter().map(|scope| kind_of_scope(&scope.key).unwrap_or(NONE)).collect(),
        })
    }

    fn gate_kind(&self, kind: u8) -> Gate {
        if kind == NONE {
            Gate::Open
        } else if self.declared & bit(kind) == 0 {
            Gate::NotDeclared
        } else if self.needs_authorization() {
            Gate::NotAgreed
        } else {
            Gate::Open
        }
    }

    /// A call of `api` (for `authorize`: of `scope`). The hot path: two lookups and a mask.
    pub fn gate(&self, api: ApiId, scope: ScopeId) -> Gate {
        let kind = if api == AUTHORIZE { self.scope_kinds.get(scope as usize) } else { self.api_kinds.get(api as usize) };
        self.gate_kind(kind.copied().unwrap_or(NONE))
    }

    /// A call of an API by name (the privacy APIs that have no scope: `chooseImage`, ...).
    pub fn gate_named(&self, name: &str) -> Gate {
        self.gate_kind(kind_of_api(name).unwrap_or(NONE))
    }

    /// `getPrivacySetting`'s `needAuthorization`: something is declared that the user has not
    /// agreed to. Agreement is to the guide as a whole: one new kind asks again for all.
    pub fn needs_authorization(&self) -> bool {
        self.declared & !self.agreed != 0
    }

    /// The user agreed to the guide: the declared kinds join the agreed ones. Whether that changed
    /// anything (and so must be stored).
    pub fn agree(&mut self) -> bool {
        let before = self.agreed;
        self.agreed |= self.declared;
        self.agreed != before
    }

    /// The agreed kinds by name, as storage keeps them (names, not bits: the table may grow).
    pub fn agreed_names(&self) -> Vec<&'static str> {
        KINDS.iter().enumerate().filter(|(index, _)| self.agreed & bit(*index as u8) != 0).map(|(_, kind)| kind.name).collect()
    }

    /// The agreed kinds as storage holds them; names this table does not know are skipped.
    pub fn load<'a>(&mut self, names: impl IntoIterator<Item = &'a str>) {
        self.agreed = names
            .into_iter()
            .filter_map(|name| KINDS.iter().position(|kind| kind.name == name))
            .fold(0, |agreed, index| agreed | bit(index as u8));
    }

    /// The user deleted the mini program.
    pub fn forget(&mut self) {
        self.agreed = 0;
    }

    /// The declared kinds, in table order.
    pub fn declared_kinds(&self) -> impl Iterator<Item = &'static Kind> + '_ {
        KINDS.iter().enumerate().filter(|(index, _)| self.declared & bit(*index as u8) != 0).map(|(_, kind)| kind)
    }

    /// The privacy APIs `profile` has no facade entry for (no scope gates them): the shim adds them
    /// while the layer is on, served by the host's `apis`. `getUserProfile` has its own entry.
    pub fn unscoped_apis(profile: &Profile) -> impl Iterator<Item = &'static str> + '_ {
        KINDS
            .iter()
            .flat_map(|kind| kind.apis.iter().copied())
            .filter(move |name| *name != "getUserProfile" && profile.api_id(name).is_none())
    }
}
