//! Reads the JS options object of `createAuthorizer` into the core's `Options` and `Profile`.
//! Every error names the option, with the JS type it got.
//!
//! What arrives is the shim's snapshot (pkg/shim-options.js): own properties of the caller's
//! options, each read once, in objects with no prototype and dense arrays. So `Reflect.get` here
//! reads own data only, runs no getter and meets no Proxy, and nothing planted on Object.prototype
//! shows through.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::config::{permission_option, Options};
use crate::option_error::{option_error, OptionError};
use crate::platform::{CustomProfile, CustomScope, Profile, PLATFORMS};
use crate::base_library::Version;
use crate::privacy::PrivacyOptions;
use crate::text::{concat, decimal, join};

/// What the edge needs beyond the core's options.
pub struct EdgeOptions {
    pub storage: StorageChoice,
    pub database_name: String,
    /// An injected IndexedDB factory (`undefined` = the global one).
    pub factory: JsValue,
    /// The `IDBKeyRange` class that goes with it (`undefined` = the global one).
    pub key_range: JsValue,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum StorageChoice {
    Auto,
    IndexedDb,
    Memory,
}

pub const DEFAULT_DATABASE_NAME: &str = "miniprogram-authorize";

/// WeChat's names for JS types, as its parameter errors print them.
pub fn type_name(value: &JsValue) -> &'static str {
    if value.is_undefined() {
        "Undefined"
    } else if value.is_null() {
        "Null"
    } else if value.as_string().is_some() {
        "String"
    } else if value.as_f64().is_some() {
        "Number"
    } else if value.as_bool().is_some() {
        "Boolean"
    } else if Array::is_array(value) {
        "Array"
    } else if value.is_function() {
        "Function"
    } else if value.is_symbol() {
        "Symbol"
    } else if value.is_bigint() {
        "BigInt"
    } else {
        "Object"
    }
}

pub fn get(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() || object.is_function() {
        Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn wrong_type(option: &str, expected: &str, value: &JsValue) -> OptionError {
    option_error(option, concat(&["must be ", expected, " (got ", type_name(value), ")"]))
}

/// What a property read by `read_fields` must be.
#[derive(Clone, Copy)]
enum Kind {
    String,
    /// A string, or left out (undefined).
    OptionalString,
    /// A boolean, or left out (undefined).
    OptionalBool,
}

impl Kind {
    fn accepts(self, value: &JsValue) -> bool {
        match self {
            Kind::String => value.is_string(),
            Kind::OptionalString => value.is_undefined() || value.is_string(),
            Kind::OptionalBool => value.is_undefined() || value.as_bool().is_some(),
        }
    }

    /// How its error names what was expected.
    fn expected(self) -> &'static str {
        match self {
            Kind::String | Kind::OptionalString => "a string",
            Kind::OptionalBool => "a boolean",
        }
    }
}

/// The properties `fields` of `object`, read in order, each as it is once its kind is checked:
/// the first that does not fit fails, named `prefix` + its key. One table-driven loop rather than
/// a hand-written check per option, whose early returns each carry their own drop code. Inlined:
/// a copy per `N` costs more than the few instructions at each call (34 B gzipped wasm, measured).
#[inline(always)]
fn read_fields<const N: usize>(object: &JsValue, prefix: &str, fields: [(&str, Kind); N]) -> Result<[JsValue; N], OptionError> {
    let mut values = [JsValue::UNDEFINED; N];
    check_fields(object, prefix, &fields, &mut values)?;
    Ok(values)
}

/// `read_fields`' work, in one copy for every `N`.
fn check_fields(object: &JsValue, prefix: &str, fields: &[(&str, Kind)], values: &mut [JsValue]) -> Result<(), OptionError> {
    for ((key, kind), slot) in fields.iter().zip(values) {
        let value = get(object, key);
        if !kind.accepts(&value) {
            return Err(wrong_type(&concat(&[prefix, key]), kind.expected(), &value));
        }
        *slot = value;
    }
    Ok(())
}

/// A value `read_fields` checked as a `Kind::String`.
fn checked_string(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

/// Own enumerable string keys of a plain object. Not `dyn_ref::<Object>()`: that is `instanceof
/// Object`, false for an object made in another realm (an iframe, a vm context such as a test
/// runner's) and for one with no prototype (the shim's snapshots), whose keys would then be
/// silently ignored.
fn keys(object: &JsValue) -> Vec<String> {
    if !object.is_object() {
        return Vec::new();
    }
    Object::keys(object.unchecked_ref::<Object>()).iter().filter_map(|key| key.as_string()).collect()
}

fn is_plain_object(value: &JsValue) -> bool {
    value.is_object() && !value.is_function() && !Array::is_array(value)
}

/// Ids cross into Rust as UTF-8, where a lone surrogate becomes U+FFFD: "\u{d800}" and "\u{dc00}"
/// would share one record. Such ids are refused. The check is that round trip itself: the string
/// comes back the same (`===`) exactly when it holds no lone surrogate. (Asking JS for each char
/// code instead costs 544 B more wasm, measured.)
fn well_formed(object: &JsValue, key: &str) -> Result<(), OptionError> {
    let value = get(object, key);
    match value.as_string() {
        Some(id) if JsValue::from_str(&id) != value => {
            Err(option_error(key, "must be well-formed Unicode (it holds a lone surrogate)"))
        }
        _ => Ok(()),
    }
}

pub fn read(options: &JsValue) -> Result<(Profile, Options, EdgeOptions), OptionError> {
    if !is_plain_object(options) {
        return Err(wrong_type("options", "an object", options));
    }
    let app_id = get(options, "appId");
    let app_id = app_id.as_string().ok_or_else(|| wrong_type("appId", "a non-empty string", &app_id))?;
    well_formed(options, "appId")?;
    well_formed(options, "userId")?;
    let profile = read_platform(&get(options, "platform"))?;
    let permission_value = get(options, "permission");
    let mut permission = Vec::new();
    if !permission_value.is_undefined() {
        if !is_plain_object(&permission_value) {
            return Err(wrong_type("permission", "an object like app.json's \"permission\"", &permission_value));
        }
        for key in keys(&permission_value) {
            let entry = get(&permission_value, &key);
            if !is_plain_object(&entry) {
                return Err(wrong_type(&permission_option(&key), "an object { desc }", &entry));
            }
            permission.push((key, get(&entry, "desc").as_string()));
        }
    }
    let [user_id, app_name, flavor, sticky_denial, storage] = read_fields(
        options,
        "",
        [
            ("userId", Kind::OptionalString),
            ("appName", Kind::OptionalString),
            ("flavor", Kind::OptionalString),
            ("stickyDenial", Kind::OptionalBool),
            ("storage", Kind::OptionalString),
        ],
    )?;
    let privacy = read_privacy(&get(options, "privacy"));
    let storage = match storage.as_string().as_deref() {
        None | Some("auto") => StorageChoice::Auto,
        Some("indexeddb") => StorageChoice::IndexedDb,
        Some("memory") => StorageChoice::Memory,
        Some(_) => return Err(option_error("storage", "must be one of \"auto\", \"indexeddb\", \"memory\"")),
    };
    let [database_name] = read_fields(options, "", [("databaseName", Kind::OptionalString)])?;
    let database_name = database_name.as_string().unwrap_or_else(|| DEFAULT_DATABASE_NAME.to_owned());
    if database_name.is_empty() {
        return Err(option_error("databaseName", "must be a non-empty string"));
    }
    let factory = get(options, "indexedDB");
    let factory_usable = factory.is_undefined() || (factory.is_object() && get(&factory, "open").is_function());
    if !factory_usable {
        return Err(wrong_type("indexedDB", "an IDBFactory", &factory));
    }
    let key_range = get(options, "IDBKeyRange");
    if !key_range.is_undefined() && !get(&key_range, "bound").is_function() {
        return Err(wrong_type("IDBKeyRange", "the IDBKeyRange class that goes with indexedDB", &key_range));
    }
    let core = Options {
        app_id,
        user_id: user_id.as_string(),
        app_name: app_name.as_string(),
        flavor: flavor.as_string(),
        permission,
        sticky_denial: sticky_denial.as_bool(),
        // Packed by the shim, which checked the text (pkg/base-library.js).
        base_library: get(options, "baseLibrary").as_f64().map(Version::unpack),
        privacy,
    };
    Ok((profile, core, EdgeOptions { storage, database_name, factory, key_range }))
}

/// `privacy: { privacyContractName?, declared?: 'all' | [kind], officialPrivacyAuthorizationShowingGap? }`:
/// the core reads `declared` (the other two are the shim's, pkg/privacy.js).
/// The shim has checked its types already (pkg/privacy.js `checkPrivacyOptions`, with errors naming
/// each field), so this reads leniently: what is not of its type counts as left out.
fn read_privacy(value: &JsValue) -> Option<PrivacyOptions> {
    if !is_plain_object(value) {
        return None;
    }
    let declared = get(value, "declared").dyn_into::<Array>().ok().map(|array| array.iter().filter_map(|word| word.as_string()).collect());
    Some(PrivacyOptions { declared })
}

fn read_platform(value: &JsValue) -> Result<Profile, OptionError> {
    if value.is_undefined() {
        return Profile::builtin("wechat").ok_or_else(|| option_error("platform", "wechat is missing"));
    }
    if let Some(name) = value.as_string() {
        return Profile::builtin(&name)
            .ok_or_else(|| option_error("platform", concat(&["must be one of ", &join(PLATFORMS.iter().copied(), ", "), " or a profile object"])));
    }
    if !is_plain_object(value) {
        return Err(wrong_type("platform", "a platform name or a profile object", value));
    }
    let custom = read_custom_profile(value)?;
    Profile::custom(&custom)
}

fn read_custom_profile(value: &JsValue) -> Result<CustomProfile, OptionError> {
    let scopes_value = get(value, "scopes");
    let scopes_array = scopes_value
        .dyn_ref::<Array>()
        .ok_or_else(|| wrong_type("platform.scopes", "an array of scopes", &scopes_value))?;
    let mut scopes = Vec::new();
    for (index, entry) in scopes_array.iter().enumerate() {
        if let Some(key) = entry.as_string() {
            scopes.push(CustomScope { key, ..CustomScope::default() });
            continue;
        }
        // `platform.scopes[1].` and a field's name: how errors name this entry's fields.
        let index = decimal(index);
        let prefix = concat(&["platform.scopes[", &index, "]."]);
        let field = |name: &str| concat(&[&prefix, name]);
        if !is_plain_object(&entry) {
            let entry_name = concat(&["platform.scopes[", &index, "]"]);
            return Err(wrong_type(&entry_name, "a scope key or { scope, label, apis }", &entry));
        }
        let [key] = read_fields(&entry, &prefix, [("scope", Kind::String)])?;
        let apis_value = get(&entry, "apis");
        let apis = if apis_value.is_undefined() {
            None
        } else {
            let array =
                apis_value.dyn_ref::<Array>().ok_or_else(|| wrong_type(&field("apis"), "an array of API names", &apis_value))?;
            let mut apis = Vec::new();
            for (api_index, api) in array.iter().enumerate() {
                apis.push(api.as_string().ok_or_else(|| wrong_type(&field(&concat(&["apis[", &decimal(api_index), "]"])), "a string", &api))?);
            }
            Some(apis)
        };
        let [setting_key, label, rule, needs_desc] = read_fields(
            &entry,
            &prefix,
            [
                ("settingKey", Kind::OptionalString),
                ("label", Kind::OptionalString),
                ("rule", Kind::OptionalString),
                ("needsDesc", Kind::OptionalBool),
            ],
        )?;
        scopes.push(CustomScope {
            key: checked_string(&key),
            setting_key: setting_key.as_string(),
            label: label.as_string(),
            apis,
            rule: rule.as_string(),
            needs_desc: needs_desc.as_bool(),
        });
    }
    let [name, global, base, style, sticky_denial] = read_fields(
        value,
        "platform.",
        [
            ("name", Kind::String),
            ("global", Kind::String),
            ("base", Kind::OptionalString),
            ("style", Kind::OptionalString),
            ("stickyDenial", Kind::OptionalBool),
        ],
    )?;
    Ok(CustomProfile {
        name: checked_string(&name),
        global: checked_string(&global),
        base: base.as_string(),
        style: style.as_string(),
        sticky_denial: sticky_denial.as_bool(),
        scopes,
    })
}
