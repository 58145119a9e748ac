//! What a scope is: its key, label, the APIs it gates, and the rule that says how it is granted.

/// The privacy layer's agreement to a kind of data (`privacy`) is a decision of its own: the layer
/// gives the profile one scope per declared kind, `#privacy:<kind>`, which no call can ask for
/// (`AskedBy::Nobody`) and getSetting does not list. Agreeing grants them (the shim's `setState`),
/// deleting the mini program forgets them with the rest, other tabs re-read them with the rest;
/// stored like every decision, so the schema is unchanged and a library that does not know the
/// layer skips them as scopes it does not have. No real scope can have such a key: built-in tables
/// have none, and custom profiles are refused one (`Profile::custom`). Here, below both `platform`
/// and `privacy`, because both need it.
pub const PRIVACY_RECORD_PREFIX: &str = "#privacy:";

/// How a scope can come to be granted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Asked through the pop-up the first time it is needed.
    Normal,
    /// `authorize` and the scope's APIs never show the pop-up; the platform has its own path
    /// (WeChat's `<button open-type="getUserInfo">`, the mini game's user-info button).
    NeverPrompts,
    /// Only the settings page can grant it (WeChat's `scope.userLocationBackground`).
    SettingsOnly,
    /// Authorization was retired by the platform: always reported granted, never prompts.
    Retired,
    /// Granted without a pop-up and never recorded (Alipay's `auth_base`).
    Silent,
}

impl Rule {
    pub fn parse(word: &str) -> Option<Rule> {
        Some(match word {
            "normal" => Rule::Normal,
            "never-prompts" => Rule::NeverPrompts,
            "settings-only" => Rule::SettingsOnly,
            "retired" => Rule::Retired,
            "silent" => Rule::Silent,
            _ => return None,
        })
    }

    /// Whether a decision for this scope is ever kept (and so shown by getSetting as asked).
    pub fn is_recorded(self) -> bool {
        !matches!(self, Rule::Retired | Rule::Silent)
    }
}

/// Which calls can ask for a scope.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AskedBy {
    /// The platform's `authorize` and the scope's own APIs; shown by getSetting / openSetting.
    Any,
    /// Only the platform's `authorize` (Alipay's `getAuthCode` scopes `auth_user`, `auth_zhima`).
    /// Not shown by getSetting / openSetting: Alipay keeps those grants apart (research §3).
    AuthorizeOnly,
    /// Only the scope's own APIs: `authorize` answers "invalid scope" (Alipay's device permissions,
    /// which `getAuthCode` does not take).
    ApisOnly,
    /// No call: the privacy layer's agreement to one kind of personal data (`privacy`), kept as a
    /// decision of its own. `authorize` answers "invalid scope"; getSetting does not list it.
    Nobody,
}

impl AskedBy {
    /// Whether getSetting and the settings page show the scope.
    pub fn is_listed(self) -> bool {
        !matches!(self, AskedBy::AuthorizeOnly | AskedBy::Nobody)
    }

    /// Whether the platform's `authorize` may ask for it.
    pub fn by_authorize(self) -> bool {
        !matches!(self, AskedBy::ApisOnly | AskedBy::Nobody)
    }
}

/// One scope of one platform.
#[derive(Clone, Debug, PartialEq)]
pub struct Scope {
    /// The key the platform's `authorize` takes, e.g. `scope.userLocation`.
    pub key: String,
    /// The key in `authSetting`; differs from `key` on Alipay (`location`, `album`, ...).
    pub setting_key: String,
    /// The human label the pop-up and the settings page show, e.g. "Geographic location".
    pub label: String,
    /// The APIs this scope gates, by the platform's own names.
    pub apis: Vec<String>,
    pub rule: Rule,
    /// The app config must give a usage description (`permission` in app.json) before it is asked.
    pub needs_desc: bool,
    pub asked_by: AskedBy,
    /// The scope whose settings-page row this one is an option of (WeChat's background location is
    /// an option of the location row): a settings-only scope is offered only once that scope has a
    /// decision, or it has one itself.
    pub shown_with: Option<String>,
}

/// A compact way to write a built-in scope table.
pub(crate) struct ScopeSpec {
    pub key: &'static str,
    pub setting_key: Option<&'static str>,
    pub label: &'static str,
    pub apis: &'static [&'static str],
    pub rule: Rule,
    pub needs_desc: bool,
    pub asked_by: AskedBy,
    pub shown_with: Option<&'static str>,
}

pub(crate) const fn spec(key: &'static str, label: &'static str, apis: &'static [&'static str]) -> ScopeSpec {
    ScopeSpec { key, setting_key: None, label, apis, rule: Rule::Normal, needs_desc: false, asked_by: AskedBy::Any, shown_with: None }
}

impl ScopeSpec {
    pub const fn rule(mut self, rule: Rule) -> ScopeSpec {
        self.rule = rule;
        self
    }

    pub const fn needs_desc(mut self) -> ScopeSpec {
        self.needs_desc = true;
        self
    }

    pub const fn asked_by(mut self, asked_by: AskedBy) -> ScopeSpec {
        self.asked_by = asked_by;
        self
    }

    pub const fn shown_with(mut self, key: &'static str) -> ScopeSpec {
        self.shown_with = Some(key);
        self
    }

    /// For a table whose `authorize` key and getSetting key differ (no built-in one does now).
    #[allow(dead_code)]
    pub const fn setting_key(mut self, key: &'static str) -> ScopeSpec {
        self.setting_key = Some(key);
        self
    }

    pub fn build(&self) -> Scope {
        Scope {
            key: self.key.to_owned(),
            setting_key: self.setting_key.unwrap_or(self.key).to_owned(),
            label: self.label.to_owned(),
            apis: self.apis.iter().map(|api| (*api).to_owned()).collect(),
            rule: self.rule,
            needs_desc: self.needs_desc,
            asked_by: self.asked_by,
            shown_with: self.shown_with.map(str::to_owned),
        }
    }
}
