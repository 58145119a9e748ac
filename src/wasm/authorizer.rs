//! The `Authorizer` class the JS shim drives. Hot calls take and return small integers; replies,
//! changes and requests are plain objects built by `js`; `describe` (once per authorizer) goes
//! through serde-wasm-bindgen.
//!
//! No JS is called while the machine is borrowed: results and changes go back to the shim, which
//! runs callbacks and events. That keeps a re-entrant call from a handler from ever finding the
//! machine borrowed.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Promise};
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::js::{self, JsObject};
use super::options;
use super::store::{Store, StoreError};
use crate::base_library::Feature;
use crate::config::Config;
use crate::machine::{Answer, Change, Machine, SetError};
use crate::outcome::{Failure, Outcome};
use crate::platform::{ApiId, ScopeId, AUTHORIZE};
use crate::reply::{self, Call, Reply};
use crate::scope::Rule;
use crate::state::State;
use crate::text::concat;

struct Inner {
    machine: RefCell<Machine>,
    store: Store,
    /// Problems met while opening (a fallback to memory, corrupt records) for the shim's `error` event.
    warnings: RefCell<Vec<String>>,
    /// Local writes begun so far: a re-read for another tab that overlapped one reads again.
    writes: Cell<u64>,
}

#[wasm_bindgen]
pub struct Authorizer {
    inner: Rc<Inner>,
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> JsValue {
    let serializer = serde_wasm_bindgen::Serializer::new().serialize_maps_as_objects(true).serialize_missing_as_null(true);
    value.serialize(&serializer).unwrap_or(JsValue::UNDEFINED)
}

/// How a state crosses the boundary: 0 prompt, 1 granted, 2 denied (the shim's `STATES`).
fn state_code(state: State) -> u32 {
    match state {
        State::Prompt => 0,
        State::Granted => 1,
        State::Denied => 2,
    }
}

/// How a prompt's answer crosses the boundary: 0 accept, 1 reject, 2 dismiss (the shim's
/// `ANSWERS`); anything else is not an answer.
fn answer_from_code(code: u32) -> Option<Answer> {
    match code {
        0 => Some(Answer::Accept),
        1 => Some(Answer::Reject),
        2 => Some(Answer::Dismiss),
        _ => None,
    }
}

fn state_from_code(code: u32) -> Option<State> {
    match code {
        0 => Some(State::Prompt),
        1 => Some(State::Granted),
        2 => Some(State::Denied),
        _ => None,
    }
}

/// Opens an authorizer: reads and checks the options, opens the store, loads this app and user's
/// decisions. Rejects with an `Error` naming the option or the storage problem.
#[wasm_bindgen(js_name = openAuthorizer, unchecked_return_type = "Promise<Authorizer>")]
pub fn open_authorizer(options: JsValue) -> Promise {
    spawn(Task::Open(options))
}

async fn open(options: JsValue) -> Result<Authorizer, JsError> {
    let (mut profile, core_options, edge) = options::read(&options).map_err(|error| JsError::new(&error.message()))?;
    let config = Config::new(&mut profile, core_options).map_err(|error| JsError::new(&error.message()))?;
    let mut warnings = Vec::new();
    let store = Store::open(&edge, &mut warnings).await.map_err(|StoreError(message)| JsError::new(&message))?;
    let mut machine = Machine::new(profile, config);
    // `extend` as with the corrupt records below: `append` would be code of its own.
    warnings.extend(core::mem::take(&mut machine.config.warnings));
    match store.load(&machine.config.app_id, &machine.config.user_id).await {
        Ok(loaded) => {
            machine.load(loaded.records.iter().map(|(key, record)| (key.as_str(), record.decision)));
            warnings.extend(loaded.corrupt);
        }
        Err(StoreError(message)) => warnings.push(concat(&["decisions could not be read, starting with none: ", &message])),
    }
    Ok(Authorizer { inner: Rc::new(Inner { machine: RefCell::new(machine), store, warnings: RefCell::new(warnings), writes: Cell::new(0) }) })
}

/// The work behind every Promise this module returns.
enum Task {
    Open(JsValue),
    /// settle, setState, reset, applySettings: see `Inner::persist`.
    Persist { inner: Rc<Inner>, code: u32, changes: Vec<Change>, clear: bool },
    Refresh(Rc<Inner>),
}

/// One async path for every Promise: `future_to_promise` is instantiated once rather than once
/// per call (each instantiation is its own copy of the executor glue in the wasm).
fn spawn(task: Task) -> Promise {
    future_to_promise(async move {
        match task {
            Task::Open(options) => open(options).await.map(JsValue::from).map_err(JsValue::from),
            Task::Persist { inner, code, changes, clear } => Ok(inner.persist(code, changes, clear).await),
            Task::Refresh(inner) => Ok(inner.refresh().await),
        }
    })
}

/// The codes of `Outcome::code` by name, so the shim holds no copy of the numbering.
#[wasm_bindgen(js_name = outcomeCodes)]
pub fn outcome_codes() -> JsValue {
    let codes = JsObject::new()
        .set("proceed", Outcome::Proceed.code())
        .set("prompt", Outcome::Prompt.code())
        .set("privacy", Outcome::Privacy.code());
    Failure::all().iter().fold(codes, |codes, failure| codes.set(failure.name(), failure.code())).into_value()
}

/// What `VKSession.start(callback)` hands its callback for the outcome `code` (`session::start_status`):
/// a session API's answer, a small integer like the outcome codes.
#[wasm_bindgen(js_name = startStatus)]
pub fn start_status(code: u32) -> u32 {
    crate::session::start_status(Outcome::from_code(code).unwrap_or(Outcome::Fail(Failure::ApiFailed)))
}

/// What a call that may write resolves with: `{ code, changes: [{ scope, previous, state }], wrote,
/// error? }`: the changes to announce, whether anything was written (other tabs re-read then, even
/// when nothing changed here), the error saying the changes hold only in memory. An object with no
/// prototype: a Promise resolved with it finds no `then` planted on Object.prototype.
fn written(code: u32, changes: &[(String, Change)], wrote: bool, error: Option<String>) -> JsValue {
    let changes: js_sys::Array = changes
        .iter()
        .filter(|(_, change)| change.changed())
        .map(|(key, change)| {
            JsObject::new()
                .set("scope", key.as_str())
                .set("previous", change.previous.as_str())
                .set("state", change.state.as_str())
                .into_value()
        })
        .collect();
    JsObject::bare().set("code", code).set("changes", changes).set("wrote", wrote).set_some("error", error).into_value()
}

impl Inner {
    fn keyed(&self, changes: Vec<Change>) -> Vec<(String, Change)> {
        let Ok(machine) = self.machine.try_borrow() else { return Vec::new() };
        changes
            .into_iter()
            .filter_map(|change| machine.profile.scope(change.scope).map(|scope| (scope.key.clone(), change)))
            .collect()
    }

    fn ids(&self) -> (String, String) {
        self.machine
            .try_borrow()
            .map(|machine| (machine.config.app_id.clone(), machine.config.user_id.clone()))
            .unwrap_or_default()
    }

    /// Makes `changes` durable, then describes them. Every change is written, also one that
    /// changed nothing here: this tab's table may be behind what another tab stored, and the
    /// decision a caller is told succeeded must be the one stored. A write that fails leaves the
    /// decision in force for this session and says so in `error`.
    async fn persist(&self, code: u32, changes: Vec<Change>, clear: bool) -> JsValue {
        self.writes.set(self.writes.get() + 1);
        let keyed = self.keyed(changes);
        let (app_id, user_id) = self.ids();
        let result = if clear {
            self.store.clear(&app_id, &user_id).await
        } else if keyed.is_empty() {
            Ok(())
        } else {
            self.store.save(&app_id, &user_id, &keyed).await
        };
        let wrote = clear || !keyed.is_empty();
        written(code, &keyed, wrote, result.err().map(|StoreError(message)| concat(&["not saved: ", &message])))
    }

    /// Re-reads this app and user's decisions (see `Authorizer::refresh`).
    async fn refresh(&self) -> JsValue {
        let (app_id, user_id) = self.ids();
        // A local write begun while the read was in flight is missing from it, and replacing
        // the table with it would undo that decision here only: read again (a new read
        // transaction is ordered after the write's).
        let mut attempts = 0;
        let loaded = loop {
            let seen = self.writes.get();
            let loaded = self.store.load(&app_id, &user_id).await;
            attempts += 1;
            if self.writes.get() == seen || attempts == 8 {
                break loaded;
            }
        };
        let (changes, error) = match (loaded, self.machine.try_borrow_mut()) {
            (Ok(loaded), Ok(mut machine)) => {
                (machine.replace(loaded.records.iter().map(|(key, record)| (key.as_str(), record.decision))), None)
            }
            (Err(StoreError(message)), _) => (Vec::new(), Some(concat(&["could not re-read decisions: ", &message]))),
            (_, Err(_)) => (Vec::new(), Some("authorizer is busy".to_owned())),
        };
        written(Outcome::Proceed.code(), &self.keyed(changes), false, error)
    }
}

/// The Promise of every call that writes (settle, setState, reset, applySettings).
fn write(inner: &Rc<Inner>, code: u32, changes: Vec<Change>, clear: bool) -> Promise {
    spawn(Task::Persist { inner: Rc::clone(inner), code, changes, clear })
}

fn reject(message: &str) -> Promise {
    Promise::reject(&JsError::new(message).into())
}

/// `describe`'s `baseLibrary`; `features`, what the base library switches on
/// (base_library::FEATURES) as bits: 1 openSetting needs a tap, 2 getUserProfile, 4 it is
/// anonymised. The privacy layer shows in `apis` (its own, `getPrivacySetting`, ...) and in the
/// scopes `#privacy:<kind>` of the declared kinds.
fn base_library_and_privacy(object: JsObject, machine: &Machine) -> JsValue {
    let profile = &machine.profile;
    let version = machine.config.base_library;
    let wechat = profile.style == crate::platform::Style::Wechat;
    // The base library is WeChat's: other platforms keep the tap rule, have no getUserProfile.
    let features = u32::from(!wechat || version.has(Feature::OpenSettingTap))
        | u32::from(profile.api_id("getUserProfile").is_some()) << 1
        | u32::from(version.has(Feature::AnonymousProfile)) << 2;
    // The default's text: the shim names a given version as it was given (pkg/index.js).
    object.set("baseLibrary", crate::base_library::DEFAULT_TEXT).set("features", features).into_value()
}

#[wasm_bindgen]
impl Authorizer {
    /// The scope's id, or -1 when the platform has no such scope.
    #[wasm_bindgen(js_name = scopeId)]
    pub fn scope_id(&self, key: &str) -> i32 {
        self.inner.machine.try_borrow().ok().and_then(|m| m.profile.scope_id(key)).map_or(-1, |id| id as i32)
    }

    /// The outcome code of a call now (see `Outcome::code`). The hot path.
    pub fn check(&self, api: ApiId, scope: ScopeId) -> u32 {
        match self.inner.machine.try_borrow() {
            Ok(machine) => machine.check(api, scope).code(),
            Err(_) => Failure::NotSupported.code(),
        }
    }

    /// The result object a call with this outcome gets. `detail` completes parameter errors and
    /// host failures.
    pub fn reply(&self, api: ApiId, scope: ScopeId, code: u32, detail: &str) -> JsValue {
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let call = Call {
            api: machine.profile.api(api).map_or_else(|| machine.profile.authorize_name(), |api| api.name.as_str()),
            is_authorize: api == AUTHORIZE,
        };
        let reply: Reply = match Outcome::from_code(code) {
            Some(Outcome::Proceed) => {
                let scope = machine.scope_of(api, scope).and_then(|id| machine.profile.scope(id));
                reply::success(&machine.profile, call, scope)
            }
            Some(Outcome::Fail(failure)) => reply::failure(&machine.profile, machine.config.flavor, call, failure, detail),
            Some(Outcome::Prompt | Outcome::Privacy) | None => return JsValue::UNDEFINED,
        };
        js::reply(&reply)
    }

    /// The outcome code of a tap on the mini game's user-info button for `scope` (see
    /// `Machine::check_tap`): granted proceeds, anything else prompts.
    #[wasm_bindgen(js_name = checkTap)]
    pub fn check_tap(&self, scope: ScopeId) -> u32 {
        match self.inner.machine.try_borrow() {
            Ok(machine) => machine.check_tap(scope).code(),
            Err(_) => Failure::NotSupported.code(),
        }
    }

    /// The reply of an `authorize` that asked for several scopes, each with its outcome code (see
    /// `reply::many`): ByteDance's comma-separated scopes, Alipay's `getAuthCode({ scopes })`.
    #[wasm_bindgen(js_name = replyMany)]
    pub fn reply_many(&self, api: ApiId, keys: &Array, codes: &js_sys::Uint32Array, auth_code: &str, detail: &str) -> JsValue {
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let call = Call {
            api: machine.profile.api(api).map_or_else(|| machine.profile.authorize_name(), |api| api.name.as_str()),
            is_authorize: api == AUTHORIZE,
        };
        let keys: Vec<String> = keys.iter().map(|key| key.as_string().unwrap_or_default()).collect();
        let scopes: Vec<(&str, Outcome)> = keys
            .iter()
            .zip(0..codes.length())
            .map(|(key, index)| (key.as_str(), Outcome::from_code(codes.get_index(index)).unwrap_or(Outcome::Fail(Failure::InvalidScope))))
            .collect();
        js::reply(&reply::many(&machine.profile, machine.config.flavor, call, &scopes, auth_code, detail))
    }

    /// The WeChat parameter-error sentence for a value of the wrong type, named by the shim
    /// (`Object`, `Function`, ...): the value itself never crosses, so a revoked Proxy cannot throw
    /// in here.
    #[wasm_bindgen(js_name = parameterError)]
    pub fn parameter_error(field: &str, expected: &str, type_name: &str) -> String {
        reply::parameter_error(field, expected, type_name)
    }

    /// The pop-up for `scope` was answered (see `answer_from_code`; a code, not the word: a string
    /// costs its own copying code in the wasm). Resolves once the decision is durable with
    /// `{ code, changes, error? }`. Any other code records nothing and resolves with the
    /// invalid-answer code.
    pub fn settle(&self, scope: ScopeId, answer: u32) -> Promise {
        let Some(answer) = answer_from_code(answer) else {
            return Promise::resolve(&written(Failure::InvalidPromptAnswer.code(), &[], false, None));
        };
        let settled = self.inner.machine.try_borrow_mut().map(|mut machine| machine.settle(scope, answer));
        let Ok((outcome, change)) = settled else { return reject("authorizer is busy") };
        write(&self.inner, outcome.code(), change.into_iter().collect(), false)
    }

    /// The host sets a state (see `state_code`): granted, denied, or prompt to forget the
    /// decision. A code, not the word: a string argument costs its own copying code in the wasm.
    #[wasm_bindgen(js_name = setState)]
    pub fn set_state(&self, scope: ScopeId, state: u32) -> Promise {
        let Some(state) = state_from_code(state) else {
            return reject("state must be \"granted\", \"denied\" or \"prompt\"");
        };
        let set = self.inner.machine.try_borrow_mut().map(|mut machine| {
            let platform = machine.profile.name.clone();
            (machine.set_state(scope, state), platform)
        });
        let change = match set {
            Ok((Ok(change), _)) => change,
            Ok((Err(SetError::UnknownScope), platform)) => return reject(&concat(&["not a scope of ", &platform])),
            Ok((Err(SetError::NotRecorded), platform)) => {
                return reject(&concat(&["this scope keeps no decision on ", &platform, ": it is always granted"]))
            }
            Err(_) => return reject("authorizer is busy"),
        };
        write(&self.inner, Outcome::Proceed.code(), change.into_iter().collect(), false)
    }

    /// The user deleted the mini program: every decision of this app and user is forgotten.
    pub fn reset(&self) -> Promise {
        let Ok(changes) = self.inner.machine.try_borrow_mut().map(|mut machine| machine.reset()) else {
            return reject("authorizer is busy");
        };
        write(&self.inner, Outcome::Proceed.code(), changes, true)
    }

    /// The settings page closed with `{ [scope]: boolean }`. Scopes it did not show, and values
    /// that are not booleans, are left alone.
    #[wasm_bindgen(js_name = applySettings)]
    pub fn apply_settings(&self, switches: &JsValue) -> Promise {
        let applied = self.inner.machine.try_borrow_mut().map(|mut machine| {
            let shown: Vec<(ScopeId, bool)> = machine
                .settings_scopes()
                .into_iter()
                .filter_map(|id| {
                    let key = machine.profile.scope(id)?.key.as_str();
                    options::get(switches, key).as_bool().map(|granted| (id, granted))
                })
                .collect();
            machine.apply_settings(&shown)
        });
        let Ok(changes) = applied else { return reject("authorizer is busy") };
        write(&self.inner, Outcome::Proceed.code(), changes, false)
    }

    /// `getSetting` / `openSetting`'s result: `{ errMsg, authSetting }` as the platform shapes it.
    #[wasm_bindgen(js_name = authSetting)]
    pub fn auth_setting(&self, api: ApiId) -> JsValue {
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let call = Call { api: machine.profile.api(api).map_or("getSetting", |api| api.name.as_str()), is_authorize: false };
        let mut reply = reply::success(&machine.profile, call, None);
        reply.auth_setting = Some(machine.auth_setting());
        js::reply(&reply)
    }

    /// What the settings page shows: `[{ scope, label, granted }]`.
    #[wasm_bindgen(js_name = settingsScopes)]
    pub fn settings_scopes(&self) -> JsValue {
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let rows: js_sys::Array = machine
            .settings_scopes()
            .into_iter()
            .filter_map(|id| {
                let scope = machine.profile.scope(id)?;
                let row = JsObject::new()
                    .set("scope", scope.key.as_str())
                    .set("label", scope.label.as_str())
                    .set("granted", machine.state_of(id) == State::Granted);
                Some(row.into_value())
            })
            .collect();
        rows.into()
    }

    /// What the pop-up tells the user: `{ appId, appName, platform, scope, label, desc, api }`.
    #[wasm_bindgen(js_name = promptRequest)]
    pub fn prompt_request(&self, api: ApiId, scope: ScopeId) -> JsValue {
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let Some(id) = machine.scope_of(api, scope) else { return JsValue::UNDEFINED };
        let Some(definition) = machine.profile.scope(id) else { return JsValue::UNDEFINED };
        JsObject::new()
            .set("appId", machine.config.app_id.as_str())
            .set("appName", machine.config.app_name.as_str())
            .set("platform", machine.profile.name.as_str())
            .set("scope", definition.key.as_str())
            .set("label", definition.label.as_str())
            .set("desc", machine.config.desc(id).map_or(JsValue::NULL, JsValue::from_str))
            .set("api", machine.profile.api(api).map_or("authorize", |api| api.name.as_str()))
            .into_value()
    }

    /// 0 prompt, 1 granted, 2 denied.
    #[wasm_bindgen(js_name = stateOf)]
    pub fn state_of(&self, scope: ScopeId) -> u32 {
        self.inner.machine.try_borrow().map_or(0, |machine| state_code(machine.state_of(scope)))
    }

    /// The scope of a call: the API's own for a gated API, `scope` for `authorize`; -1 if none.
    #[wasm_bindgen(js_name = scopeOf)]
    pub fn scope_of(&self, api: ApiId, scope: ScopeId) -> i32 {
        self.inner.machine.try_borrow().ok().and_then(|m| m.scope_of(api, scope)).map_or(-1, |id| id as i32)
    }

    /// The profile and identity: `{ platform, global, appId, userId, appName, storage, style, userInfoButton,
    /// scopes: [{ scope, settingKey, label, apis, rule, needsDesc }], apis: [{ name, scope, session }] }`.
    pub fn describe(&self) -> JsValue {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct ScopeJs<'a> {
            scope: &'a str,
            setting_key: &'a str,
            label: &'a str,
            apis: &'a [String],
            rule: &'static str,
            needs_desc: bool,
        }
        #[derive(Serialize)]
        struct ApiJs<'a> {
            name: &'a str,
            scope: Option<&'a str>,
            /// Answers at once with a session whose `start` runs the authorization (createVKSession).
            session: bool,
        }
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct Description<'a> {
            platform: &'a str,
            global: &'a str,
            app_id: &'a str,
            user_id: &'a str,
            app_name: &'a str,
            storage: &'static str,
            /// The family of result shapes: wechat, kuaishou, bytedance, baidu, alipay.
            style: &'static str,
            sticky_denial: bool,
            user_info_button: bool,
            scopes: Vec<ScopeJs<'a>>,
            apis: Vec<ApiJs<'a>>,
        }
        let Ok(machine) = self.inner.machine.try_borrow() else { return JsValue::UNDEFINED };
        let profile = &machine.profile;
        let rule_word = |rule: Rule| match rule {
            Rule::Normal => "normal",
            Rule::NeverPrompts => "never-prompts",
            Rule::SettingsOnly => "settings-only",
            Rule::Retired => "retired",
            Rule::Silent => "silent",
        };
        let description = to_js(&Description {
            platform: &profile.name,
            global: &profile.global,
            app_id: &machine.config.app_id,
            user_id: &machine.config.user_id,
            app_name: &machine.config.app_name,
            storage: self.inner.store.kind(),
            style: profile.style.as_str(),
            sticky_denial: profile.sticky_denial,
            user_info_button: profile.user_info_button,
            scopes: profile
                .scopes
                .iter()
                .map(|scope| ScopeJs {
                    scope: &scope.key,
                    setting_key: &scope.setting_key,
                    label: &scope.label,
                    apis: &scope.apis,
                    rule: rule_word(scope.rule),
                    needs_desc: scope.needs_desc,
                })
                .collect(),
            apis: profile
                .apis()
                .iter()
                .map(|api| ApiJs {
                    name: &api.name,
                    scope: api.scope.and_then(|id| profile.scope(id)).map(|scope| scope.key.as_str()),
                    session: api.session,
                })
                .collect(),
        });
        // Hand-built, not serialized: each field of `Description` costs serde code in the wasm.
        base_library_and_privacy(JsObject::extend(description), &machine)
    }

    /// Problems met while opening, each once.
    #[wasm_bindgen(js_name = takeWarnings)]
    pub fn take_warnings(&self) -> Array {
        let taken = self.inner.warnings.try_borrow_mut().map(|mut warnings| std::mem::take(&mut *warnings));
        taken.unwrap_or_default().iter().map(|warning| JsValue::from_str(warning)).collect()
    }

    /// Re-reads this app and user's decisions from storage (another tab wrote) and resolves with
    /// `{ code, changes, error? }`.
    pub fn refresh(&self) -> Promise {
        spawn(Task::Refresh(Rc::clone(&self.inner)))
    }

    pub fn close(&self) {
        self.inner.store.close();
    }
}
