use crate::config::{Config, Options};
use crate::machine::{Answer, Machine};
use crate::outcome::{Failure, Outcome};
use crate::platform::{Profile, AUTHORIZE};
use crate::privacy::{self, kind_named, Gate, Layer, PrivacyOptions, KINDS};
#[allow(unused_imports)]
use crate::privacy::LAYER_APIS;
use crate::reply::{self, Call, Flavor};
use crate::state::Decision;

fn privacy_machine(platform: &str, declared: Option<&[&str]>) -> Machine {
    let mut profile = Profile::builtin(platform).expect("built-in platform");
    let options = Options {
        app_id: "wx1234".into(),
        permission: vec![("scope.userLocation".into(), Some("Show shops near you".into()))],
        privacy: Some(PrivacyOptions {
            declared: declared.map(|words| words.iter().map(|word| (*word).to_owned()).collect()),
        }),
        ..Options::default()
    };
    let config = Config::new(&mut profile, options).expect("valid options");
    Machine::new(profile, config)
}

/// The user agrees to the guide, as the shim records it: each declared kind's scope granted.
fn agree(m: &mut Machine) -> usize {
    let ids: Vec<u32> = m.privacy.as_ref().expect("layer").kind_scopes.clone().collect();
    for id in &ids {
        m.set_state(*id, crate::state::State::Granted).expect("a kind's scope");
    }
    ids.len()
}

fn api(m: &Machine, name: &str) -> u32 {
    m.profile.api_id(name).expect("api")
}

fn scope(m: &Machine, key: &str) -> u32 {
    m.profile.scope_id(key).expect("scope")
}

#[test]
fn the_table_names_each_api_and_scope_once() {
    let mut seen = Vec::new();
    for kind in &KINDS {
        for name in kind.apis.iter().chain(kind.scopes) {
            assert!(!seen.contains(name), "{name} in two kinds");
            seen.push(name);
        }
        assert!(!kind.name.is_empty());
    }
    assert!(KINDS.len() <= 32, "kinds are bits of a u32");
}

#[test]
fn a_kind_is_named_by_its_name_or_any_scope_or_api_it_covers() {
    let location = kind_named("location");
    assert!(location.is_some());
    assert_eq!(kind_named("scope.userFuzzyLocation"), location);
    assert_eq!(kind_named("getLocation"), location);
    assert_eq!(kind_named("chooseImage"), kind_named("album"));
    assert_eq!(kind_named("nope"), None);
}

#[test]
fn order_of_checks_declared_then_agreed_then_the_scope_rule() {
    let mut m = privacy_machine("wechat", Some(&["location"]));
    let camera = scope(&m, "scope.camera");
    let location = scope(&m, "scope.userLocation");
    // Not declared: disabled, whatever the scope's state.
    assert_eq!(m.check(AUTHORIZE, camera), Outcome::Fail(Failure::PrivacyNotDeclared));
    m.set_state(camera, crate::state::State::Granted).expect("set");
    assert_eq!(m.check(AUTHORIZE, camera), Outcome::Fail(Failure::PrivacyNotDeclared));
    assert_eq!(m.check(api(&m, "createVKSession"), 0), Outcome::Fail(Failure::PrivacyNotDeclared));
    // Declared, not agreed: the privacy flow, before any scope pop-up.
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Privacy);
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Privacy);
    assert!(m.needs_privacy_authorization());
    // Agreed: the scope rule as before.
    assert_eq!(agree(&mut m), 1);
    assert!(!m.needs_privacy_authorization());
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Prompt);
    m.settle(location, Answer::Reject);
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Fail(Failure::DeniedBefore));
    // Not privacy APIs pass the layer untouched.
    assert_eq!(m.check(AUTHORIZE, scope(&m, "scope.userInfo")), Outcome::Fail(Failure::ScopeUnauthorized));
    assert_eq!(m.check(AUTHORIZE, scope(&m, "scope.address")), Outcome::Proceed);
    // A privacy API gated by a retired scope still needs its kind declared.
    assert_eq!(m.check(api(&m, "chooseAddress"), 0), Outcome::Fail(Failure::PrivacyNotDeclared));
}

#[test]
fn privacy_apis_without_a_scope_get_api_ids_and_the_layer_alone_decides_them() {
    let mut m = privacy_machine("wechat", Some(&["chooseImage", "userInfo"]));
    assert_eq!(m.check(api(&m, "chooseImage"), 0), Outcome::Privacy);
    assert_eq!(m.check(api(&m, "getUserProfile"), 0), Outcome::Privacy);
    assert_eq!(m.check(api(&m, "getClipboardData"), 0), Outcome::Fail(Failure::PrivacyNotDeclared));
    assert_eq!(m.check(api(&m, "getPrivacySetting"), 0), Outcome::Proceed, "not a privacy API");
    assert_eq!(m.check(api(&m, "requirePrivacyAuthorize"), 0), Outcome::Privacy, "needs the agreement only");
    agree(&mut m);
    assert_eq!(m.check(api(&m, "requirePrivacyAuthorize"), 0), Outcome::Proceed);
    assert_eq!(m.check(api(&m, "chooseMedia"), 0), Outcome::Proceed);
    assert_eq!(m.scope_of(api(&m, "chooseMedia"), 0), None);
    // Gated APIs keep their ids: the added ones come after.
    let plain = crate::tests::wechat_machine();
    assert_eq!(plain.profile.api_id("getLocation"), m.profile.api_id("getLocation"));
    // Off: no layer APIs; getUserProfile by base library, and never in the mini game.
    assert!(plain.profile.api_id("chooseImage").is_none() && plain.profile.api_id("getPrivacySetting").is_none());
    assert_eq!(plain.check(api(&plain, "getUserProfile"), 0), Outcome::Proceed);
    assert!(privacy_machine("wechat-minigame", None).profile.api_id("getUserProfile").is_none());
}

#[test]
fn declaring_a_new_kind_asks_again_and_reset_forgets() {
    let mut m = privacy_machine("wechat", Some(&["location"]));
    agree(&mut m);
    // The agreement is kept as decisions of reserved scopes, which getSetting does not list and
    // no call can ask for.
    let location = scope(&m, "#privacy:location");
    assert_eq!(m.decision(location), Some(Decision::Granted));
    assert!(m.auth_setting().0.iter().all(|(key, _)| !key.starts_with('#')));
    assert!(!m.settings_scopes().contains(&location));
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Fail(Failure::InvalidScope));
    // The next version of the app declares the camera too; storage holds the location agreement
    // and one of a kind from a later table, which is skipped.
    let mut next = privacy_machine("wechat", Some(&["location", "camera"]));
    next.load([("#privacy:location", Decision::Granted), ("#privacy:aKindFromTheFuture", Decision::Granted)]);
    assert!(next.needs_privacy_authorization());
    assert_eq!(next.check(api(&next, "getLocation"), 0), Outcome::Privacy, "agreement is to the guide as a whole");
    agree(&mut next);
    assert!(!next.needs_privacy_authorization());
    // Another tab's view: the records as they are now.
    let mut other = privacy_machine("wechat", Some(&["location", "camera"]));
    other.replace([("#privacy:location", Decision::Granted), ("#privacy:camera", Decision::Granted)]);
    assert!(!other.needs_privacy_authorization());
    other.replace([]);
    assert!(other.needs_privacy_authorization(), "the records gone: not agreed");
    next.reset();
    assert!(next.needs_privacy_authorization());
}

#[test]
fn nothing_declared_needs_no_authorization_and_disables_every_privacy_api() {
    let m = privacy_machine("wechat", Some(&[]));
    assert!(!m.needs_privacy_authorization());
    assert_eq!(m.check(api(&m, "getWeRunData"), 0), Outcome::Fail(Failure::PrivacyNotDeclared));
    let all = privacy_machine("wechat", None);
    assert_eq!(all.privacy.as_ref().expect("layer").declared_kinds().count(), KINDS.len());
}

#[test]
fn the_mini_game_has_the_layer_too() {
    let m = privacy_machine("wechat-minigame", None);
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Privacy);
    assert_eq!(m.check(AUTHORIZE, scope(&m, "scope.WxFriendInteraction")), Outcome::Prompt);
}

#[test]
fn declared_words_are_checked() {
    let default = Layer::new(PrivacyOptions::default()).expect("valid");
    assert_eq!(default.declared, (1 << KINDS.len()) - 1, "left out: every kind");
    let bad = Layer::new(PrivacyOptions { declared: Some(vec!["location".into(), "telepathy".into()]) });
    let error = bad.expect_err("unknown kind");
    assert_eq!(error.option, "privacy.declared");
    assert!(error.reason.contains("\"telepathy\""), "{}", error.reason);
    assert_eq!(Gate::Open.outcome(), None);
}

#[test]
fn privacy_failures_carry_errno_in_every_flavor() {
    let profile = Profile::builtin("wechat").expect("wechat");
    for flavor in [Flavor::Devtools, Flavor::Ios, Flavor::Android] {
        let call = Call { api: "authorize", is_authorize: true };
        let reply = reply::failure(&profile, flavor, call, Failure::PrivacyNotAuthorized, "");
        assert_eq!(reply.err_msg.as_deref(), Some("authorize:fail privacy permission is not authorized"));
        assert_eq!(reply.errno, Some(104));
        let call = Call { api: "getLocation", is_authorize: false };
        let reply = reply::failure(&profile, flavor, call, Failure::PrivacyNotDeclared, "");
        assert_eq!(reply.err_msg.as_deref(), Some("getLocation:fail api scope is not declared in the privacy agreement"));
        assert_eq!(reply.errno, Some(112));
        let reply = reply::failure(&profile, flavor, call, Failure::PrivacyButtonWrong, "");
        assert_eq!(reply.err_msg.as_deref(), Some("getLocation:fail privacy permission is not authorized or buttonId is wrong"));
        assert_eq!(reply.errno, Some(104));
        let reply = reply::failure(&profile, flavor, call, Failure::AuthDeny, "");
        assert_eq!(reply.errno, None, "only privacy failures carry errno");
    }
    assert_eq!(privacy::errno(Failure::PrivacyInGap), Some(104));
    let call = Call { api: "getUserProfile", is_authorize: false };
    let reply = reply::failure(&profile, Flavor::Devtools, call, Failure::DescLength, "");
    assert_eq!(reply.err_msg.as_deref(), Some("getUserProfile:fail desc length does not meet the requirements"));
}
