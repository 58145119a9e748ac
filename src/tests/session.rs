use crate::config::{Config, Options};
use crate::machine::{Answer, Machine};
use crate::outcome::{Failure, Outcome};
use crate::platform::{Profile, PLATFORMS};
use crate::privacy::PrivacyOptions;
use crate::session::*;

fn machine(platform: &str, privacy: Option<Vec<&str>>) -> Machine {
    let mut profile = Profile::builtin(platform).expect("built-in platform");
    let options = Options {
        app_id: "wx1234".into(),
        privacy: privacy.map(|words| PrivacyOptions { declared: Some(words.iter().map(|w| (*w).to_owned()).collect()) }),
        ..Options::default()
    };
    let config = Config::new(&mut profile, options).expect("valid options");
    Machine::new(profile, config)
}

fn sessions(profile: &Profile) -> Vec<&str> {
    profile.apis().iter().filter(|api| api.session).map(|api| api.name.as_str()).collect()
}

#[test]
fn start_statuses_are_wechats() {
    // VKSession.start's callback status, per WeChat's documentation of VKSessionStartCallback.
    let expected = [
        (Outcome::Proceed, 0),
        (Outcome::Fail(Failure::PrivacyNotAuthorized), 104),
        (Outcome::Fail(Failure::PrivacyButtonWrong), 104),
        (Outcome::Fail(Failure::PrivacyNoClick), 104),
        (Outcome::Fail(Failure::PrivacyInGap), 104),
        (Outcome::Fail(Failure::PrivacyNotDeclared), 112),
        (Outcome::Fail(Failure::AuthDeny), 2_003_002),
        (Outcome::Fail(Failure::AuthCancel), 2_003_002),
        (Outcome::Fail(Failure::DeniedBefore), 2_003_002),
        (Outcome::Fail(Failure::NotSupported), 2_000_002),
        (Outcome::Fail(Failure::ParameterError), 2_000_001),
        (Outcome::Fail(Failure::PromptFailed), 2_000_000),
        (Outcome::Fail(Failure::PromptTimeout), 2_000_000),
        (Outcome::Fail(Failure::InvalidPromptAnswer), 2_000_000),
        (Outcome::Fail(Failure::ApiFailed), 2_000_000),
    ];
    for (outcome, status) in expected {
        assert_eq!(start_status(outcome), status, "{outcome:?}");
    }
    // Not answers: never handed to a callback, but never a success either.
    assert_eq!(start_status(Outcome::Prompt), SYSTEM_ERROR);
    assert_eq!(start_status(Outcome::Privacy), SYSTEM_ERROR);
}

#[test]
fn every_failure_has_a_failing_status_and_privacy_failures_their_errno() {
    for failure in Failure::all() {
        let status = start_status(Outcome::Fail(*failure));
        assert_ne!(status, STARTED, "{failure:?}");
        if let Some(errno) = crate::privacy::errno(*failure) {
            assert_eq!(status, errno as u32, "{failure:?}: the privacy layer's errno");
        }
    }
}

#[test]
fn the_api_table_marks_session_apis() {
    let wechat = Profile::builtin("wechat").expect("wechat");
    assert_eq!(sessions(&wechat), ["createVKSession"]);
    let camera = wechat.scope_id("scope.camera");
    let vk = wechat.api(wechat.api_id("createVKSession").expect("api")).expect("api");
    assert_eq!(vk.scope, camera, "still gated by scope.camera");
    // No other built-in profile lists a session API (the mini game's table has no camera row).
    for name in PLATFORMS.iter().filter(|name| **name != "wechat") {
        assert!(sessions(&Profile::builtin(name).expect("built-in")).is_empty(), "{name}");
    }
}

#[test]
fn a_session_api_added_by_the_privacy_layer_or_a_custom_profile_is_marked_too() {
    // The mini game's privacy layer adds createVKSession (kind camera) as an API only the layer gates.
    let game = machine("wechat-minigame", Some(vec!["camera"]));
    assert_eq!(sessions(&game.profile), ["createVKSession"]);
    let wechat = machine("wechat", Some(vec!["camera"]));
    assert_eq!(sessions(&wechat.profile), ["createVKSession"], "once, not again by the layer");
    let custom = Profile::custom(&super::platform_seed_002()).expect("seed 002");
    assert_eq!(sessions(&custom), ["createVKSession"]);
}

#[test]
fn a_session_api_is_checked_like_any_gated_api() {
    let mut m = machine("wechat", None);
    let vk = m.profile.api_id("createVKSession").expect("api");
    let camera = m.profile.scope_id("scope.camera").expect("scope");
    assert_eq!(m.check(vk, 0), Outcome::Prompt);
    let (outcome, _) = m.settle(camera, Answer::Reject);
    assert_eq!(start_status(outcome), CAMERA_NOT_GRANTED);
    assert_eq!(start_status(m.check(vk, 0)), CAMERA_NOT_GRANTED, "denied before");
    let declared_nothing = machine("wechat", Some(vec!["location"]));
    assert_eq!(start_status(declared_nothing.check(vk, 0)), 112);
    let not_agreed = machine("wechat", Some(vec!["camera"]));
    assert_eq!(not_agreed.check(vk, 0), Outcome::Privacy);
}
