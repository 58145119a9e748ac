//! The validated options of one authorizer. The edge reads JS values into [`Options`]; this module
//! decides whether they make sense, and every error names the option it is about.

use crate::base_library::{self, Feature, Version};
use crate::option_error::{option_error, OptionError};
use crate::platform::{Profile, ScopeId, Style};
use crate::privacy::{Layer, PrivacyOptions};
use crate::reply::Flavor;
use crate::text::{concat, decimal, join};

/// WeChat's limit on a `permission` desc, in characters.
pub const DESC_MAX_CHARS: usize = 30;
pub const DEFAULT_USER_ID: &str = "default";

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
    /// WeChat's `baseLibrary`, e.g. 2.32.3 (the shim parses the text). Default `base_library::DEFAULT`.
    pub base_library: Option<Version>,
    /// WeChat's privacy layer; `None`: off, as before base library 2.32.3.
    pub privacy: Option<PrivacyOptions>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub app_id: String,
    pub user_id: String,
    pub app_name: String,
    pub flavor: Flavor,
    /// The `permission` desc of each scope, indexed by scope id.
    pub descs: Vec<Option<String>>,
    pub base_library: Version,
    /// The privacy layer, when configured on a base library that has one.
    pub privacy: Option<Layer>,
    /// What the real platform only warns about (a `permission` entry it ignores), for the `error` event.
    pub warnings: Vec<String>,
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
        let mut warnings = Vec::new();
        for (key, desc) in options.permission {
            let option = permission_option(&key);
            let found = profile.scope_id(&key).filter(|id| profile.scope(*id).is_some_and(|scope| scope.needs_desc));
            let Some(id) = found else {
                // DevTools only warns about such an entry, and one app.json serves several
                // platforms (ByteDance and Baidu apps carry permission.scope.userLocation): the
                // entry is ignored, as the real platform ignores it.
                let takes = join(
                    profile.scopes.iter().filter(|scope| scope.needs_desc).map(|scope| scope.key.as_str()),
                    ", ",
                );
                let which = if takes.is_empty() { concat(&["none does on ", &profile.name]) } else { concat(&["these do: ", &takes]) };
                warnings.push(concat(&[
                    "app.json: ", &option, " is not a scope that takes a usage description (", &which, "); the entry is ignored",
                ]));
                continue;
            };
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
        let base_library = match options.base_library {
            None => base_library::DEFAULT,
            Some(_) if profile.style != Style::Wechat => {
                return Err(option_error("baseLibrary", concat(&["is WeChat's; ", &profile.name, " has none"])))
            }
            Some(version) => version,
        };
        // The mini program's getUserProfile, since 2.10.4 (not the mini game's, nor a custom profile's:
        // its APIs are those of its scopes).
        if profile.name == "wechat" && base_library.has(Feature::GetUserProfile) {
            profile.add_api("getUserProfile");
        }
        let privacy = match options.privacy {
            Some(_) if profile.style != Style::Wechat => {
                return Err(option_error("privacy", concat(&["is WeChat's privacy layer; ", &profile.name, " has none"])))
            }
            // Below 2.32.3 nothing is intercepted: a configuration is checked, then unused.
            Some(privacy) if base_library.has(Feature::PrivacyLayer) => {
                let mut layer = Layer::new(privacy)?;
                layer.add_to(profile);
                Some(layer)
            }
            Some(privacy) => Layer::new(privacy).map(|_| None)?,
            None => None,
        };
        Ok(Config { app_id: options.app_id, user_id, app_name, flavor, descs, base_library, privacy, warnings })
    }

    pub fn desc(&self, scope: ScopeId) -> Option<&str> {
        self.descs.get(scope as usize).and_then(|desc| desc.as_deref())
    }
}
