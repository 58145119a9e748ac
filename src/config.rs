//! The validated options of one authorizer. The edge reads JS values into [`Options`]; this module
//! decides whether they make sense, and every error names the option it is about.

use crate::platform::{Profile, ScopeId};
use crate::reply::Flavor;
use crate::text::{concat, decimal, join};

/// WeChat's limit on a `permission` desc, in characters.
pub const DESC_MAX_CHARS: usize = 30;
pub const DEFAULT_USER_ID: &str = "default";

/// An option that cannot be used: which one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionError {
    pub option: String,
    pub reason: String,
}

impl OptionError {
    /// `option <option> <reason>`: the message of the `Error` createAuthorizer rejects with.
    pub fn message(&self) -> String {
        concat(&["option ", &self.option, " ", &self.reason])
    }
}

impl core::fmt::Display for OptionError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.message())
    }
}

pub fn option_error(option: impl Into<String>, reason: impl Into<String>) -> OptionError {
    OptionError { option: option.into(), reason: reason.into() }
}

/// `permission["scope.userLocation"]`: how errors name an entry of app.json's `permission`.
pub fn permission_option(key: &str) -> String {
    concat(&["permission[\"", key, "\"]"])
}

/// The options as given, before validation.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub app_id: String,
    pub user_id: Option<String>,
    pub app_name: Option<String>,
    pub flavor: Option<String>,
    /// app.json's `permission`: `(scope key, desc)`; `None` where `desc` is missing or not a string.
    pub permission: Vec<(String, Option<String>)>,
    /// Alipay: whether a rejection is remembered. Default: the profile's.
    pub sticky_denial: Option<bool>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub app_id: String,
    pub user_id: String,
    pub app_name: String,
    pub flavor: Flavor,
    /// The `permission` desc of each scope, indexed by scope id.
    pub descs: Vec<Option<String>>,
}

impl Config {
    pub fn new(profile: &mut Profile, options: Options) -> Result<Config, OptionError> {
        if options.app_id.is_empty() {
            return Err(option_error("appId", "must be a non-empty string"));
        }
        let user_id = options.user_id.unwrap_or_else(|| DEFAULT_USER_ID.to_owned());
        if user_id.is_empty() {
            return Err(option_error("userId", "must be a non-empty string"));
        }
        let flavor = match options.flavor.as_deref() {
            None => Flavor::Devtools,
            Some(word) => Flavor::parse(word)
                .ok_or_else(|| option_error("flavor", "must be one of \"devtools\", \"ios\", \"android\""))?,
        };
        // `resize_with`, not `vec![None; n]`: that clones an `Option<String>` n times, with the
        // clone's code.
        let mut descs = Vec::new();
        descs.resize_with(profile.scopes.len(), || None);
        for (key, desc) in options.permission {
            let option = permission_option(&key);
            let id: ScopeId = profile
                .scope_id(&key)
                .filter(|id| profile.scope(*id).is_some_and(|scope| scope.needs_desc))
                .ok_or_else(|| {
                    let takes = join(
                        profile.scopes.iter().filter(|scope| scope.needs_desc).map(|scope| scope.key.as_str()),
                        ", ",
                    );
                    if takes.is_empty() {
                        option_error(&option, concat(&["is not a scope that takes a usage description on ", &profile.name]))
                    } else {
                        option_error(&option, concat(&["is not a scope that takes a usage description; these do: ", &takes]))
                    }
                })?;
            // Blank is all whitespace: what `trim().is_empty()` says, without `trim`'s two-ended
            // search code (408 B less wasm, measured).
            let desc = desc
                .filter(|desc| !desc.chars().all(char::is_whitespace))
                .ok_or_else(|| option_error(concat(&[&option, ".desc"]), "must be a non-empty string"))?;
            // `nth`, not `count()`: only whether there is a character past the limit matters (and
            // `count` walks the whole string with more code: 54 B more gzipped wasm, measured).
            if desc.chars().nth(DESC_MAX_CHARS).is_some() {
                let limit = decimal(DESC_MAX_CHARS);
                return Err(option_error(concat(&[&option, ".desc"]), concat(&["must be at most ", &limit, " characters"])));
            }
            if let Some(slot) = descs.get_mut(id as usize) {
                *slot = Some(desc);
            }
        }
        if let Some(sticky) = options.sticky_denial {
            profile.sticky_denial = sticky;
        }
        let app_name = options.app_name.filter(|name| !name.is_empty()).unwrap_or_else(|| options.app_id.clone());
        Ok(Config { app_id: options.app_id, user_id, app_name, flavor, descs })
    }

    pub fn desc(&self, scope: ScopeId) -> Option<&str> {
        self.descs.get(scope as usize).and_then(|desc| desc.as_deref())
    }
}
