//! Platform profiles as data: one scope table per platform, the global's name, and the family of
//! result shapes and wording its replies take. A custom profile (seed 002's `bn` platform) is the
//! same data read from the app's configuration.

use crate::option_error::{option_error, OptionError};
use crate::scope::{spec, AskedBy, Rule, Scope, ScopeSpec, PRIVACY_RECORD_PREFIX};
use crate::text::{concat, decimal, join};

/// Index of a scope in its profile's table.
pub type ScopeId = u32;
/// Index of an API in its profile's API list (see [`Profile::api`]).
pub type ApiId = u32;

/// The platform's own `authorize` (Alipay: `getAuthCode`).
pub const AUTHORIZE: ApiId = 0;
pub const GET_SETTING: ApiId = 1;
pub const OPEN_SETTING: ApiId = 2;
/// Gated APIs are numbered from here, in scope-table order.
pub const FIRST_GATED: ApiId = 3;

/// The family of result shapes and wording a platform uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// `{ errMsg }` with `"<api>:ok"` / `"<api>:fail <reason>"`: WeChat and its mini game.
    Wechat,
    /// WeChat's shape, with Kuaishou's own wording where it has one (`reply::KUAISHOU_REASONS`).
    Kuaishou,
    /// WeChat's shape plus `data: { [scope]: "ok" }` on success and `errNo` on failure.
    Bytedance,
    /// WeChat's shape plus `errCode` on failure.
    Baidu,
    /// No `errMsg`: `getAuthCode` replies `{ authCode, authSuccessScopes, authErrorScopes }` or
    /// `{ error, errorMessage }`.
    Alipay,
}

impl Style {
    pub fn parse(word: &str) -> Option<Style> {
        Some(match word {
            "wechat" => Style::Wechat,
            "kuaishou" => Style::Kuaishou,
            "bytedance" => Style::Bytedance,
            "baidu" => Style::Baidu,
            "alipay" => Style::Alipay,
            _ => return None,
        })
    }

    /// Whether a platform of this style remembers a rejection by default: Alipay advises asking again.
    pub fn sticky_denial(self) -> bool {
        self != Style::Alipay
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Style::Wechat => "wechat",
            Style::Kuaishou => "kuaishou",
            Style::Bytedance => "bytedance",
            Style::Baidu => "baidu",
            Style::Alipay => "alipay",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Api {
    pub name: String,
    /// The scope it is gated by; `None` for authorize, getSetting and openSetting.
    pub scope: Option<ScopeId>,
    /// Answers at once with a session object whose `start(callback)` runs the authorization and
    /// hands the callback a status (`session::start_status`): one of [`SESSION_APIS`].
    pub session: bool,
}

/// The APIs that answer through a session's `start` rather than callbacks, by name: whichever
/// profile has one (a scope table, a custom profile, the privacy layer's own list) marks it so.
pub const SESSION_APIS: [&str; 1] = ["createVKSession"];

impl Api {
    fn new(name: &str, scope: Option<ScopeId>) -> Api {
        Api { name: name.to_owned(), scope, session: SESSION_APIS.contains(&name) }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    /// `wechat`, `alipay`, ... or a custom profile's own name.
    pub name: String,
    /// The global the platform's API object lives in: `wx`, `my`, `tt`, `swan`, `ks`, `bn`.
    pub global: String,
    pub style: Style,
    /// Whether a rejection is remembered (no pop-up the next time). Alipay advises asking again.
    pub sticky_denial: bool,
    /// Whether the platform has the mini game's `createUserInfoButton`.
    pub user_info_button: bool,
    pub scopes: Vec<Scope>,
    apis: Vec<Api>,
}

pub const PLATFORMS: [&str; 6] = ["wechat", "wechat-minigame", "alipay", "bytedance", "baidu", "kuaishou"];

impl Profile {
    fn new(name: &str, global: &str, style: Style, scopes: Vec<Scope>) -> Profile {
        let authorize = if style == Style::Alipay { "getAuthCode" } else { "authorize" };
        let mut apis = vec![
            Api::new(authorize, None),
            Api::new("getSetting", None),
            Api::new("openSetting", None),
        ];
        for (id, scope) in scopes.iter().enumerate() {
            for api in &scope.apis {
                // One API is gated by one scope: the first table row that names it wins.
                if !apis.iter().any(|known| &known.name == api) {
                    apis.push(Api::new(api, Some(id as ScopeId)));
                }
            }
        }
        Profile {
            name: name.to_owned(),
            global: global.to_owned(),
            style,
            sticky_denial: style.sticky_denial(),
            user_info_button: false,
            scopes,
            apis,
        }
    }

    /// A built-in platform by its name in `PLATFORMS`.
    pub fn builtin(name: &str) -> Option<Profile> {
        let (global, style, table) = builtin_parts(name)?;
        let mut profile = Profile::new(name, global, style, table.iter().map(ScopeSpec::build).collect());
        profile.user_info_button = name == "wechat-minigame";
        Some(profile)
    }

    pub fn scope_id(&self, key: &str) -> Option<ScopeId> {
        self.scopes.iter().position(|scope| scope.key == key).map(|id| id as ScopeId)
    }

    pub fn scope(&self, id: ScopeId) -> Option<&Scope> {
        self.scopes.get(id as usize)
    }

    pub fn api_id(&self, name: &str) -> Option<ApiId> {
        self.apis.iter().position(|api| api.name == name).map(|id| id as ApiId)
    }

    pub fn api(&self, id: ApiId) -> Option<&Api> {
        self.apis.get(id as usize)
    }

    pub fn apis(&self) -> &[Api] {
        &self.apis
    }

    /// Adds an API no scope gates (getUserProfile, the privacy layer's own and its privacy APIs
    /// without a scope): it gets an id after every gated API, so gated ids do not move.
    pub fn add_api(&mut self, name: &str) {
        if self.api_id(name).is_none() {
            self.apis.push(Api::new(name, None));
        }
    }

    /// Adds a scope no API gates (the privacy layer's agreement to a kind): its id.
    pub fn add_scope(&mut self, scope: Scope) -> ScopeId {
        self.scopes.push(scope);
        (self.scopes.len() - 1) as ScopeId
    }

    /// Whether `api` is one `add_api` added: the privacy layer alone decides it.
    pub fn is_ungated(&self, api: ApiId) -> bool {
        api >= FIRST_GATED && self.api(api).is_some_and(|api| api.scope.is_none())
    }

    /// The name of this platform's `authorize` (`getAuthCode` on Alipay).
    pub fn authorize_name(&self) -> &str {
        self.apis.first().map_or("authorize", |api| api.name.as_str())
    }
}

/// A built-in platform's global, style and scope table, by its name in `PLATFORMS`.
fn builtin_parts(name: &str) -> Option<(&'static str, Style, &'static [ScopeSpec])> {
    Some(match name {
        "wechat" => ("wx", Style::Wechat, &WECHAT),
        "wechat-minigame" => ("wx", Style::Wechat, &WECHAT_MINIGAME),
        "alipay" => ("my", Style::Alipay, &ALIPAY),
        "bytedance" => ("tt", Style::Bytedance, &BYTEDANCE),
        "baidu" => ("swan", Style::Baidu, &BAIDU),
        "kuaishou" => ("ks", Style::Kuaishou, &KUAISHOU),
        _ => return None,
    })
}

// --- Built-in tables -----------------------------------------------------------------------
// One table per platform, the only place scope strings live. Labels follow the platforms' English
// documentation (seed 000/001/004) where it has one. Sources: ../shared/reference/platforms.md (§n)
// and the platform research (research §n).

/// WeChat mini program (`wx`): platforms.md §2, seed 000/001.
const WECHAT: [ScopeSpec; 14] = [
    spec("scope.userInfo", "User information", &["getUserInfo"]).rule(Rule::NeverPrompts),
    spec("scope.userLocation", "Geographic location", &["getLocation", "chooseLocation", "startLocationUpdate"]).needs_desc(),
    spec("scope.userFuzzyLocation", "Approximate location", &["getFuzzyLocation"]).needs_desc(),
    // An option of the location row on the settings page ("while using / also in the background"),
    // which exists once location was asked (research: WeChat's settings page lists asked scopes).
    spec("scope.userLocationBackground", "Location in the background", &["startLocationUpdateBackground"])
        .rule(Rule::SettingsOnly)
        .needs_desc()
        .shown_with("scope.userLocation"),
    spec("scope.record", "Recording feature", &["startRecord", "joinVoIPChat"]),
    spec("scope.camera", "Camera", &["createVKSession"]),
    spec("scope.bluetooth", "Bluetooth", &["openBluetoothAdapter", "createBLEPeripheralServer"]),
    spec("scope.writePhotosAlbum", "Saves to album", &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"]),
    spec("scope.addPhoneContact", "Add to contacts", &["addPhoneContact"]),
    spec("scope.addPhoneCalendar", "Add to calendar", &["addPhoneCalendar", "addPhoneRepeatCalendar"]),
    spec("scope.werun", "WeRun step counts", &["getWeRunData"]),
    spec("scope.address", "Postal address", &["chooseAddress"]).rule(Rule::Retired),
    spec("scope.invoiceTitle", "Invoice title", &["chooseInvoiceTitle"]).rule(Rule::Retired),
    spec("scope.invoice", "Gets invoice", &["chooseInvoice"]).rule(Rule::Retired),
];

/// WeChat mini game (`wx`): platforms.md §3, seed 003. `scope.userInfo` is granted only by a tap on
/// `createUserInfoButton`'s button (research §6); location takes game.json's `permission`.
const WECHAT_MINIGAME: [ScopeSpec; 8] = [
    spec("scope.userInfo", "User information", &["getUserInfo"]).rule(Rule::NeverPrompts),
    spec("scope.userLocation", "Geographic location", &["getLocation"]).needs_desc(),
    spec("scope.userFuzzyLocation", "Approximate location", &["getFuzzyLocation"]).needs_desc(),
    spec("scope.werun", "WeRun step counts", &["getWeRunData"]),
    spec("scope.record", "Recording feature", &["startRecord"]),
    spec("scope.writePhotosAlbum", "Saves to album", &["saveImageToPhotosAlbum"]),
    spec("scope.WxFriendInteraction", "WeChat friend interaction", &["getFriendCloudStorage"]),
    spec("scope.gameClubData", "Game club data", &["getGameClubData"]),
];

/// Kuaishou (`ks`): ks.authorize's scope list (research §5, platforms.md §7). Location scopes take
/// app.json's `permission` like WeChat's; an undeclared one fails with Kuaishou's own words.
const KUAISHOU: [ScopeSpec; 6] = [
    spec("scope.userInfo", "User information", &["getUserInfo"]),
    spec("scope.userLocation", "Geographic location", &["getLocation", "chooseLocation"]).needs_desc(),
    spec("scope.userLocationBackground", "Location in the background", &["startLocationUpdateBackground"]).needs_desc(),
    spec("scope.record", "Recording feature", &["startRecord"]),
    spec("scope.writePhotosAlbum", "Saves to album", &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"]),
    spec("scope.camera", "Camera", &["chooseImage", "chooseVideo", "scanCode"]),
];

/// Baidu (`swan`): the official list (research §2) plus `scope.calendar` from the @uni matrix
/// (platforms.md §6, §8; not in swan's own docs).
const BAIDU: [ScopeSpec; 8] = [
    spec("scope.userInfo", "User information", &["getUserInfo"]),
    spec("scope.userLocation", "Geographic location", &["getLocation", "chooseLocation"]),
    spec("scope.writePhotosAlbum", "Saves to album", &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"]),
    spec("scope.address", "Postal address", &["chooseAddress"]),
    spec("scope.invoiceTitle", "Invoice title", &["chooseInvoiceTitle"]),
    spec("scope.record", "Recording feature", &["startRecord"]),
    spec("scope.camera", "Camera", &["chooseImage", "chooseVideo", "scanCode"]),
    spec("scope.calendar", "Calendar", &["addEventOnCalendar", "deleteEventOnCalendar"]),
];

/// ByteDance / Douyin (`tt`): tt.getSetting's keys (research §1): `scope.album`, not
/// writePhotosAlbum; `scope.clipboard` from a third-party adapter (M).
const BYTEDANCE: [ScopeSpec; 8] = [
    spec("scope.userInfo", "User information", &["getUserInfo"]),
    spec("scope.userLocation", "Geographic location", &["getLocation", "chooseLocation"]),
    spec("scope.record", "Recording feature", &["startRecord"]),
    spec("scope.camera", "Camera", &["chooseImage", "chooseVideo", "scanCode"]),
    spec("scope.album", "Saves to album", &["saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"]),
    spec("scope.address", "Postal address", &["chooseAddress"]),
    spec("scope.calendar", "Calendar", &["addPhoneCalendar"]),
    spec("scope.clipboard", "Clipboard", &["getClipboardData", "setClipboardData"]),
];

/// A permission Alipay keeps per device, asked only by its APIs.
const fn device(key: &'static str, label: &'static str, apis: &'static [&'static str]) -> ScopeSpec {
    spec(key, label, apis).asked_by(AskedBy::ApisOnly)
}

/// Alipay (`my`). `getAuthCode`'s scopes (my.getAuthCode.md, research §3): `auth_base` silent,
/// `auth_user` and `auth_zhima` prompting, none of them in my.getSetting. The device permissions:
/// my.getSetting's keys, no `scope.` prefix (my.getSetting doc; `writePhotosAlbum` and `audioRecord`
/// from the doc's code comment and an adapter, M). `startRecord` stands for RecorderManager.start.
const ALIPAY: [ScopeSpec; 12] = [
    spec("auth_base", "Alipay member ID", &[]).rule(Rule::Silent).asked_by(AskedBy::AuthorizeOnly),
    spec("auth_user", "Alipay member information", &[]).asked_by(AskedBy::AuthorizeOnly),
    spec("auth_zhima", "Sesame credit information", &[]).asked_by(AskedBy::AuthorizeOnly),
    device("userInfo", "Nickname and avatar", &["getOpenUserInfo"]),
    device("location", "Geographic location", &["getLocation", "chooseLocation"]),
    device("album", "Photo album", &["chooseImage", "chooseVideo"]),
    device("camera", "Camera", &["scan"]),
    device("writePhotosAlbum", "Saves to album", &["saveImage", "saveImageToPhotosAlbum", "saveVideoToPhotosAlbum"]),
    device("audioRecord", "Recording feature", &["startRecord"]),
    device("alipaysports", "Alipay Sports step counts", &["getRunData"]),
    device("phoneNumber", "Phone number", &["getPhoneNumber"]),
    device("aliaddress", "Shipping address", &["getAddress"]),
];

// --- Custom profiles -----------------------------------------------------------------------

/// A scope of a custom profile as the app's configuration gives it. Fields left out are taken
/// from the base platform's scope of the same key.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomScope {
    pub key: String,
    pub setting_key: Option<String>,
    pub label: Option<String>,
    pub apis: Option<Vec<String>>,
    pub rule: Option<String>,
    pub needs_desc: Option<bool>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CustomProfile {
    pub name: String,
    pub global: String,
    /// A built-in platform whose style and scope rows this profile starts from; default `wechat`.
    pub base: Option<String>,
    pub style: Option<String>,
    pub sticky_denial: Option<bool>,
    pub scopes: Vec<CustomScope>,
}

fn is_identifier(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}

impl Profile {
    /// A custom profile that cannot be used fails with the option error of the offending field,
    /// named by its path (`platform.scopes[1].label`).
    pub fn custom(custom: &CustomProfile) -> Result<Profile, OptionError> {
        if custom.name.is_empty() {
            return Err(option_error("platform.name", "must be a non-empty string"));
        }
        if !is_identifier(&custom.global) {
            return Err(option_error("platform.global", "must be a JavaScript identifier such as \"bn\""));
        }
        let base_name = custom.base.as_deref().unwrap_or("wechat");
        let (_, base_style, base_scopes) = builtin_parts(base_name).ok_or_else(|| {
            option_error("platform.base", concat(&["must be one of ", &join(PLATFORMS.iter().copied(), ", ")]))
        })?;
        let style = match custom.style.as_deref() {
            None => base_style,
            Some(word) => Style::parse(word).ok_or_else(|| {
                option_error("platform.style", "must be one of wechat, kuaishou, bytedance, baidu, alipay")
            })?,
        };
        if custom.scopes.is_empty() {
            return Err(option_error("platform.scopes", "must list at least one scope"));
        }
        let mut scopes: Vec<Scope> = Vec::with_capacity(custom.scopes.len());
        for (index, given) in custom.scopes.iter().enumerate() {
            let field = |name: &str| concat(&["platform.scopes[", &decimal(index), "]", name]);
            if given.key.is_empty() {
                return Err(option_error(field(".scope"), "must be a non-empty string"));
            }
            if given.key.starts_with(PRIVACY_RECORD_PREFIX) {
                return Err(option_error(field(".scope"), "is reserved for the privacy agreement"));
            }
            if scopes.iter().any(|scope| scope.key == given.key) {
                return Err(option_error(field(".scope"), concat(&["repeats \"", &given.key, "\""])));
            }
            // The base platform's row of the same key, or a new scope (which must bring a label);
            // then every field given replaces the row's.
            let mut scope = match (base_scopes.iter().find(|spec| spec.key == given.key), &given.label) {
                (Some(inherited), _) => inherited.build(),
                (None, Some(_)) => Scope {
                    key: given.key.clone(),
                    setting_key: given.key.clone(),
                    label: String::new(),
                    apis: Vec::new(),
                    rule: Rule::Normal,
                    needs_desc: false,
                    asked_by: AskedBy::Any,
                    shown_with: None,
                },
                (None, None) => {
                    return Err(option_error(
                        field(".label"),
                        concat(&["is required: \"", &given.key, "\" is not a scope of ", base_name]),
                    ))
                }
            };
            if let Some(label) = &given.label {
                if label.is_empty() {
                    return Err(option_error(field(".label"), "must be a non-empty string"));
                }
                scope.label = label.clone();
            }
            if let Some(apis) = &given.apis {
                if let Some(bad) = apis.iter().position(|api| !is_identifier(api)) {
                    return Err(option_error(field(&concat(&[".apis[", &decimal(bad), "]"])), "must be an API name"));
                }
                scope.apis = apis.clone();
            }
            if let Some(word) = &given.rule {
                scope.rule = Rule::parse(word).ok_or_else(|| {
                    option_error(field(".rule"), "must be one of normal, never-prompts, settings-only, retired, silent")
                })?;
            }
            if let Some(needs_desc) = given.needs_desc {
                scope.needs_desc = needs_desc;
            }
            if let Some(setting_key) = &given.setting_key {
                scope.setting_key = setting_key.clone();
            }
            scopes.push(scope);
        }
        let mut profile = Profile::new(&custom.name, &custom.global, style, scopes);
        profile.sticky_denial = custom.sticky_denial.unwrap_or(base_style.sticky_denial());
        Ok(profile)
    }
}
