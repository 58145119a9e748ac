use super::{machine_for, wechat_machine};
use crate::machine::{Answer, Change, SetError};
use crate::outcome::{Failure, Outcome};
use crate::platform::{AUTHORIZE, FIRST_GATED};
use crate::state::{Decision, State};

fn scope(machine: &crate::machine::Machine, key: &str) -> u32 {
    machine.profile.scope_id(key).expect("scope of the profile")
}

fn api(machine: &crate::machine::Machine, name: &str) -> u32 {
    machine.profile.api_id(name).expect("api of the profile")
}

#[test]
fn never_asked_prompts_then_accept_grants_and_sticks() {
    let mut m = wechat_machine();
    let camera = scope(&m, "scope.camera");
    assert_eq!(m.check(AUTHORIZE, camera), Outcome::Prompt);
    assert_eq!(m.state_of(camera), State::Prompt);
    let (outcome, change) = m.settle(camera, Answer::Accept);
    assert_eq!(outcome, Outcome::Proceed);
    assert_eq!(change, Some(Change { scope: camera, previous: State::Prompt, state: State::Granted }));
    assert_eq!(m.check(AUTHORIZE, camera), Outcome::Proceed);
    assert_eq!(m.check(api(&m, "createVKSession"), 0), Outcome::Proceed);
    assert_eq!(m.state_of(camera), State::Granted);
}

#[test]
fn reject_denies_and_fails_at_once_afterwards() {
    let mut m = wechat_machine();
    let record = scope(&m, "scope.record");
    let (outcome, change) = m.settle(record, Answer::Reject);
    assert_eq!(outcome, Outcome::Fail(Failure::AuthDeny));
    assert_eq!(change.map(|c| c.state), Some(State::Denied));
    assert_eq!(m.check(AUTHORIZE, record), Outcome::Fail(Failure::DeniedBefore));
    assert_eq!(m.check(api(&m, "startRecord"), 0), Outcome::Fail(Failure::DeniedBefore));
}

#[test]
fn dismiss_records_nothing() {
    let mut m = wechat_machine();
    let werun = scope(&m, "scope.werun");
    assert_eq!(m.settle(werun, Answer::Dismiss), (Outcome::Fail(Failure::AuthCancel), None));
    assert_eq!(m.check(AUTHORIZE, werun), Outcome::Prompt);
    assert!(m.auth_setting().0.iter().all(|(key, _)| key != "scope.werun"));
}

#[test]
fn a_gated_api_is_checked_by_its_own_scope() {
    let m = wechat_machine();
    let album_api = api(&m, "saveImageToPhotosAlbum");
    assert!(album_api >= FIRST_GATED);
    // The scope argument is ignored for a gated API.
    assert_eq!(m.check(album_api, 9999), Outcome::Prompt);
}

#[test]
fn unknown_scopes_and_apis() {
    let m = wechat_machine();
    assert_eq!(m.check(AUTHORIZE, 9999), Outcome::Fail(Failure::InvalidScope));
    assert_eq!(m.check(AUTHORIZE, u32::MAX), Outcome::Fail(Failure::InvalidScope));
    assert_eq!(m.check(9999, 0), Outcome::Fail(Failure::NotSupported));
}

#[test]
fn user_info_never_prompts_through_authorize() {
    let m = wechat_machine();
    let user_info = scope(&m, "scope.userInfo");
    assert_eq!(m.check(AUTHORIZE, user_info), Outcome::Fail(Failure::ScopeUnauthorized));
    assert_eq!(m.check(api(&m, "getUserInfo"), 0), Outcome::Fail(Failure::ScopeUnauthorized));
}

#[test]
fn user_info_once_granted_proceeds() {
    let mut m = wechat_machine();
    let user_info = scope(&m, "scope.userInfo");
    assert_eq!(m.settle(user_info, Answer::Accept).0, Outcome::Proceed);
    assert_eq!(m.check(api(&m, "getUserInfo"), 0), Outcome::Proceed);
}

#[test]
fn location_needs_a_permission_desc() {
    let m = machine_for("wechat", &[]);
    let location = scope(&m, "scope.userLocation");
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Fail(Failure::RequirePermissionDesc));
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Fail(Failure::RequirePermissionDesc));
    let fuzzy = scope(&m, "scope.userFuzzyLocation");
    assert_eq!(m.check(AUTHORIZE, fuzzy), Outcome::Fail(Failure::RequirePermissionDesc));
    let with_desc = wechat_machine();
    assert_eq!(with_desc.check(AUTHORIZE, location), Outcome::Prompt);
}

#[test]
fn a_granted_location_needs_no_desc() {
    let mut m = machine_for("wechat", &[]);
    let location = scope(&m, "scope.userLocation");
    m.set_state(location, State::Granted).expect("recorded scope");
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Proceed);
}

#[test]
fn retired_scopes_are_always_granted() {
    let mut m = wechat_machine();
    for key in ["scope.address", "scope.invoice", "scope.invoiceTitle"] {
        let id = scope(&m, key);
        assert_eq!(m.check(AUTHORIZE, id), Outcome::Proceed);
        assert_eq!(m.state_of(id), State::Granted);
        assert_eq!(m.set_state(id, State::Denied), Err(SetError::NotRecorded));
    }
    assert_eq!(m.check(api(&m, "chooseAddress"), 0), Outcome::Proceed);
    let setting = m.auth_setting().0;
    for key in ["scope.address", "scope.invoice", "scope.invoiceTitle"] {
        assert!(setting.contains(&(key.to_owned(), true)), "{key} reported true");
    }
}

const BACKGROUND_DECLARED: &[(&str, &str)] =
    &[("scope.userLocation", "Show shops near you"), ("scope.userLocationBackground", "Track your run")];

#[test]
fn background_location_only_from_settings() {
    let mut m = machine_for("wechat", BACKGROUND_DECLARED);
    let background = scope(&m, "scope.userLocationBackground");
    let location = scope(&m, "scope.userLocation");
    assert_eq!(m.check(AUTHORIZE, background), Outcome::Fail(Failure::AuthDeny));
    assert_eq!(m.state_of(background), State::Prompt, "refusing records nothing");
    assert!(m.settings_scopes().is_empty(), "a fresh app: no location row, so no background option");
    assert!(m.apply_settings(&[(background, true)]).is_empty(), "a switch the page did not show changes nothing");

    m.settle(location, Answer::Reject);
    assert_eq!(m.settings_scopes(), vec![location, background], "location asked (even denied): its row offers background use");
    let changes = m.apply_settings(&[(background, true)]);
    assert_eq!(changes.len(), 1);
    assert_eq!(m.check(api(&m, "startLocationUpdateBackground"), 0), Outcome::Proceed);
    m.set_state(location, State::Prompt).expect("a recorded scope");
    assert_eq!(m.settings_scopes(), vec![background], "a decision of its own keeps it listed");

    let mut left_off = machine_for("wechat", BACKGROUND_DECLARED);
    left_off.settle(location, Answer::Accept);
    assert!(left_off.apply_settings(&[(background, false)]).is_empty(), "an untouched switch records no denial");
    assert_eq!(left_off.state_of(background), State::Prompt);

    let mut undeclared = machine_for("wechat", &[("scope.userLocation", "Show shops near you")]);
    undeclared.settle(location, Answer::Accept);
    assert_eq!(undeclared.settings_scopes(), vec![location], "not declared: the row has no background option");
}

#[test]
fn kuaishou_background_location_listed_once_asked() {
    // Kuaishou asks for background location through its own pop-up (a normal scope): listed once
    // asked, like every scope, never offered before.
    let mut m = machine_for("kuaishou", BACKGROUND_DECLARED);
    let background = scope(&m, "scope.userLocationBackground");
    let location = scope(&m, "scope.userLocation");
    m.settle(location, Answer::Accept);
    assert_eq!(m.settings_scopes(), vec![location]);
    assert_eq!(m.check(AUTHORIZE, background), Outcome::Prompt);
    m.settle(background, Answer::Accept);
    assert_eq!(m.settings_scopes(), vec![location, background]);
}

#[test]
fn get_setting_lists_only_scopes_ever_asked() {
    let mut m = wechat_machine();
    let retired_only: Vec<String> = m.auth_setting().0.into_iter().map(|(key, _)| key).collect();
    assert_eq!(retired_only, ["scope.address", "scope.invoiceTitle", "scope.invoice"]);
    let camera = scope(&m, "scope.camera");
    let record = scope(&m, "scope.record");
    m.settle(camera, Answer::Accept);
    m.settle(record, Answer::Reject);
    let setting = m.auth_setting().0;
    assert!(setting.contains(&("scope.camera".into(), true)));
    assert!(setting.contains(&("scope.record".into(), false)));
    assert_eq!(setting.len(), 5);
}

#[test]
fn open_setting_flips_only_shown_scopes() {
    let mut m = wechat_machine();
    let camera = scope(&m, "scope.camera");
    let record = scope(&m, "scope.record");
    m.settle(camera, Answer::Reject);
    assert_eq!(m.settings_scopes(), vec![camera]);
    let changes = m.apply_settings(&[(camera, true), (record, true)]);
    assert_eq!(changes, vec![Change { scope: camera, previous: State::Denied, state: State::Granted }]);
    assert_eq!(m.state_of(record), State::Prompt, "never asked: not on the page, not changed");
    let again = m.apply_settings(&[(camera, true)]);
    assert_eq!(again.len(), 1, "applied again: written again (storage may hold another tab's decision)");
    assert!(again.iter().all(|change| !change.changed()), "no change, no event");
}

#[test]
fn set_state_and_reset() {
    let mut m = wechat_machine();
    let camera = scope(&m, "scope.camera");
    assert_eq!(m.set_state(camera, State::Denied).expect("ok").map(|c| c.state), Some(State::Denied));
    let same = m.set_state(camera, State::Denied).expect("ok").expect("recorded");
    assert!(!same.changed(), "same state: written, but no change");
    assert_eq!(m.set_state(camera, State::Prompt).expect("ok").map(|c| c.state), Some(State::Prompt));
    assert_eq!(m.set_state(9999, State::Granted), Err(SetError::UnknownScope));
    m.set_state(camera, State::Granted).expect("ok");
    m.set_state(scope(&m, "scope.werun"), State::Denied).expect("ok");
    let changes = m.reset();
    assert_eq!(changes.len(), 2);
    assert!(changes.iter().all(|c| c.state == State::Prompt));
    assert_eq!(m.check(AUTHORIZE, camera), Outcome::Prompt);
    assert!(m.reset().is_empty());
}

#[test]
fn load_takes_known_recorded_scopes_only() {
    let mut m = wechat_machine();
    m.load([
        ("scope.camera", Decision::Granted),
        ("scope.album", Decision::Denied),
        ("scope.address", Decision::Denied),
        ("scope.record", Decision::Denied),
    ]);
    assert_eq!(m.state_of(scope(&m, "scope.camera")), State::Granted);
    assert_eq!(m.state_of(scope(&m, "scope.record")), State::Denied);
    assert_eq!(m.state_of(scope(&m, "scope.address")), State::Granted);
}

#[test]
fn alipay_rejection_is_not_sticky_by_default() {
    let mut m = machine_for("alipay", &[]);
    let user = scope(&m, "auth_user");
    m.settle(user, Answer::Reject);
    assert_eq!(m.check(AUTHORIZE, user), Outcome::Prompt);
    assert_eq!(m.auth_setting().0, vec![], "getAuthCode's scopes are not in my.getSetting");
    let base = scope(&m, "auth_base");
    assert_eq!(m.check(AUTHORIZE, base), Outcome::Proceed, "auth_base is silent");
}

#[test]
fn answers_parse() {
    assert_eq!(Answer::parse("accept"), Some(Answer::Accept));
    assert_eq!(Answer::parse("reject"), Some(Answer::Reject));
    assert_eq!(Answer::parse("dismiss"), Some(Answer::Dismiss));
    assert_eq!(Answer::parse("yes"), None);
}

#[test]
fn replace_reports_what_another_tab_changed() {
    let mut m = wechat_machine();
    let camera = scope(&m, "scope.camera");
    let record = scope(&m, "scope.record");
    m.set_state(camera, State::Granted).expect("ok");
    m.set_state(record, State::Denied).expect("ok");
    let changes = m.replace([("scope.record", Decision::Granted), ("scope.werun", Decision::Denied)]);
    assert_eq!(changes.len(), 3);
    assert!(changes.contains(&Change { scope: camera, previous: State::Granted, state: State::Prompt }));
    assert!(changes.contains(&Change { scope: record, previous: State::Denied, state: State::Granted }));
    assert_eq!(m.state_of(scope(&m, "scope.werun")), State::Denied);
    assert!(m.replace([("scope.record", Decision::Granted), ("scope.werun", Decision::Denied)]).is_empty());
}
