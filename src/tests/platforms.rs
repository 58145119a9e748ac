//! Each platform's special rules and wording (issue 4): Alipay's getAuthCode and device
//! permissions, ByteDance's `data` map and `errNo`, Baidu's `errCode`, Kuaishou's subset, the mini
//! game's button tap.

use super::machine_for;
use crate::machine::{Answer, Machine};
use crate::outcome::{Failure, Outcome};
use crate::platform::{CustomProfile, CustomScope, Profile, Style, AUTHORIZE};
use crate::reply::{failure, many, success, Call, Flavor, Pairs};
use crate::scope::AskedBy;
use crate::state::State;

const AUTHORIZE_CALL: Call<'static> = Call { api: "authorize", is_authorize: true };
const GET_AUTH_CODE: Call<'static> = Call { api: "getAuthCode", is_authorize: true };
const GET_LOCATION: Call<'static> = Call { api: "getLocation", is_authorize: false };

fn id(m: &Machine, key: &str) -> u32 {
    m.profile.scope_id(key).expect("scope of the profile")
}

fn api(m: &Machine, name: &str) -> u32 {
    m.profile.api_id(name).expect("api of the profile")
}

fn profile(name: &str) -> Profile {
    Profile::builtin(name).expect("built-in")
}

fn keys(name: &str) -> Vec<String> {
    profile(name).scopes.into_iter().map(|scope| scope.key).collect()
}

#[test]
fn scope_lists() {
    assert_eq!(
        keys("wechat-minigame"),
        [
            "scope.userInfo",
            "scope.userLocation",
            "scope.userFuzzyLocation",
            "scope.werun",
            "scope.record",
            "scope.writePhotosAlbum",
            "scope.WxFriendInteraction",
            "scope.gameClubData"
        ]
    );
    assert_eq!(
        keys("kuaishou"),
        [
            "scope.userInfo",
            "scope.userLocation",
            "scope.userLocationBackground",
            "scope.record",
            "scope.writePhotosAlbum",
            "scope.camera"
        ]
    );
    let bytedance = keys("bytedance");
    assert!(bytedance.contains(&"scope.album".to_owned()));
    assert!(!bytedance.contains(&"scope.writePhotosAlbum".to_owned()));
    assert!(keys("baidu").contains(&"scope.calendar".to_owned()));
    let alipay = keys("alipay");
    for key in ["auth_base", "auth_user", "auth_zhima", "location", "album", "camera", "userInfo", "audioRecord", "writePhotosAlbum"] {
        assert!(alipay.contains(&key.to_owned()), "alipay has {key}");
    }
    assert!(alipay.iter().all(|key| !key.starts_with("scope.")), "no scope. prefix on Alipay");
    assert_eq!(profile("kuaishou").style, Style::Kuaishou);
    assert_eq!(profile("kuaishou").global, "ks");
}

#[test]
fn alipay_get_auth_code_scopes_and_device_permissions() {
    let mut m = machine_for("alipay", &[]);
    let (base, user, zhima, location) = (id(&m, "auth_base"), id(&m, "auth_user"), id(&m, "auth_zhima"), id(&m, "location"));
    assert_eq!(m.check(AUTHORIZE, base), Outcome::Proceed, "auth_base is silent");
    assert_eq!(m.check(AUTHORIZE, user), Outcome::Prompt);
    assert_eq!(m.check(AUTHORIZE, zhima), Outcome::Prompt);
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Fail(Failure::InvalidScope), "getAuthCode takes no device permission");
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Prompt);
    m.settle(user, Answer::Accept);
    m.settle(location, Answer::Reject);
    assert_eq!(m.check(AUTHORIZE, user), Outcome::Proceed, "a grant is remembered");
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Prompt, "a refusal is not (stickyDenial off)");
    assert_eq!(m.auth_setting(), Pairs(vec![("location".to_owned(), false)]), "getAuthCode grants are not listed");
    assert_eq!(m.settings_scopes(), vec![location]);
    assert_eq!(m.state_of(user), State::Granted);
    assert_eq!(m.profile.scope(user).map(|scope| scope.asked_by), Some(AskedBy::AuthorizeOnly));
}

#[test]
fn alipay_sticky_denial_is_an_option() {
    let mut profile = profile("alipay");
    let options = crate::config::Options { app_id: "2021".into(), sticky_denial: Some(true), ..Default::default() };
    let config = crate::config::Config::new(&mut profile, options).expect("valid");
    let mut m = Machine::new(profile, config);
    let location = id(&m, "location");
    m.settle(location, Answer::Reject);
    assert_eq!(m.check(api(&m, "getLocation"), 0), Outcome::Fail(Failure::DeniedBefore));
    let user = id(&m, "auth_user");
    m.settle(user, Answer::Reject);
    assert_eq!(m.check(AUTHORIZE, user), Outcome::Fail(Failure::DeniedBefore));
}

#[test]
fn alipay_wording() {
    let alipay = profile("alipay");
    let error = |call, f| {
        let reply = failure(&alipay, Flavor::Devtools, call, f, "");
        assert_eq!(reply.err_msg, None, "no errMsg on Alipay");
        (reply.error.unwrap_or(0), reply.error_message.unwrap_or_default())
    };
    assert_eq!(error(GET_AUTH_CODE, Failure::AuthDeny), (11, "用户取消授权".into()));
    assert_eq!(error(GET_AUTH_CODE, Failure::AuthCancel), (3, "未找到授权结果".into()));
    assert_eq!(error(GET_AUTH_CODE, Failure::InvalidScope), (3, "未找到授权结果".into()));
    assert_eq!(error(GET_LOCATION, Failure::AuthDeny), (2001, "用户不允许授权".into()));
    assert_eq!(error(GET_LOCATION, Failure::AuthCancel), (2001, "用户不允许授权".into()));
    assert_eq!(error(GET_LOCATION, Failure::DeniedBefore), (2002, "用户不允许授权".into()));
    assert_eq!(error(GET_AUTH_CODE, Failure::ParameterError), (2, "无效 API 入参".into()));
    let detailed = failure(&alipay, Flavor::Devtools, GET_LOCATION, Failure::ApiFailed, "no fix");
    assert_eq!((detailed.error, detailed.error_message.as_deref()), (Some(3), Some("no fix")));
    let mut sticky = profile("alipay");
    sticky.sticky_denial = true;
    let refused = failure(&sticky, Flavor::Devtools, GET_LOCATION, Failure::AuthDeny, "");
    assert_eq!((refused.error, refused.error_message.as_deref()), (Some(2003), Some("用户勾选了不允许授权选项")));
    let ok = success(&alipay, GET_LOCATION, None);
    assert_eq!((ok.err_msg, ok.auth_code), (None, None));
}

#[test]
fn alipay_get_auth_code_is_all_or_nothing() {
    let alipay = profile("alipay");
    let ok = many(&alipay, Flavor::Devtools, GET_AUTH_CODE, &[("auth_base", Outcome::Proceed), ("auth_user", Outcome::Proceed)], "code1", "");
    assert_eq!(ok.auth_code.as_deref(), Some("code1"));
    assert_eq!(ok.auth_success_scopes, Some(vec!["auth_base".to_owned(), "auth_user".to_owned()]));
    assert_eq!(ok.auth_error_scopes, Some(Pairs(vec![])));
    assert_eq!(ok.err_msg, None);
    let rejected = many(
        &alipay,
        Flavor::Devtools,
        GET_AUTH_CODE,
        &[("auth_base", Outcome::Proceed), ("auth_user", Outcome::Fail(Failure::AuthDeny))],
        "code2",
        "",
    );
    assert_eq!((rejected.error, rejected.auth_code), (Some(11), None));
}

#[test]
fn bytedance_data_map_and_err_no() {
    let tt = profile("bytedance");
    let one = |outcome| many(&tt, Flavor::Devtools, AUTHORIZE_CALL, &[("scope.album", outcome)], "", "");
    let ok = one(Outcome::Proceed);
    assert_eq!(ok.err_msg.as_deref(), Some("authorize:ok"));
    assert_eq!(ok.data, Some(Pairs(vec![("scope.album".to_owned(), "ok")])));
    assert_eq!(ok.err_no, None);
    let deny = one(Outcome::Fail(Failure::AuthDeny));
    assert_eq!(deny.err_msg.as_deref(), Some("authorize:fail auth deny"));
    assert_eq!(deny.data, Some(Pairs(vec![("scope.album".to_owned(), "auth deny")])));
    assert_eq!(deny.err_no, Some(10200));
    assert_eq!(one(Outcome::Fail(Failure::DeniedBefore)).err_no, Some(10200));
    let cancel = one(Outcome::Fail(Failure::AuthCancel));
    assert_eq!((cancel.err_msg.as_deref(), cancel.err_no), (Some("authorize:fail auth cancel"), Some(10201)));
    let several = many(
        &tt,
        Flavor::Devtools,
        AUTHORIZE_CALL,
        &[("scope.camera", Outcome::Proceed), ("scope.teleport", Outcome::Fail(Failure::InvalidScope))],
        "",
        "",
    );
    assert_eq!(several.err_msg.as_deref(), Some("authorize:fail"));
    assert_eq!(several.err_no, Some(20000));
    assert_eq!(
        several.data,
        Some(Pairs(vec![("scope.camera".to_owned(), "ok"), ("scope.teleport".to_owned(), "invalid scope")]))
    );
    let gated = failure(&tt, Flavor::Android, GET_LOCATION, Failure::AuthDeny, "");
    assert_eq!(gated.err_msg.as_deref(), Some("getLocation:fail auth deny"), "the Android flavor is WeChat's only");
    assert_eq!(gated.data, None);
}

#[test]
fn baidu_err_codes() {
    let swan = profile("baidu");
    let code = |f| failure(&swan, Flavor::Devtools, AUTHORIZE_CALL, f, "").err_code;
    assert_eq!(code(Failure::AuthDeny), Some(10003));
    assert_eq!(code(Failure::DeniedBefore), Some(10003));
    assert_eq!(code(Failure::AuthCancel), Some(11003));
    assert_eq!(code(Failure::InvalidScope), Some(1001));
    assert_eq!(code(Failure::NotSupported), Some(10005));
    assert_eq!(code(Failure::PromptTimeout), Some(10001));
    let deny = failure(&swan, Flavor::Devtools, AUTHORIZE_CALL, Failure::AuthDeny, "");
    assert_eq!(deny.err_msg.as_deref(), Some("authorize:fail auth deny"));
    let mut m = machine_for("baidu", &[]);
    let calendar = id(&m, "scope.calendar");
    assert_eq!(m.check(AUTHORIZE, calendar), Outcome::Prompt);
    m.settle(calendar, Answer::Reject);
    assert_eq!(m.check(api(&m, "addEventOnCalendar"), 0), Outcome::Fail(Failure::DeniedBefore), "sticky on Baidu");
}

#[test]
fn kuaishou_location_needs_its_app_config() {
    let m = machine_for("kuaishou", &[]);
    let location = id(&m, "scope.userLocation");
    assert_eq!(m.check(AUTHORIZE, location), Outcome::Fail(Failure::RequirePermissionDesc));
    let ks = profile("kuaishou");
    let reply = failure(&ks, Flavor::Devtools, AUTHORIZE_CALL, Failure::RequirePermissionDesc, "");
    assert_eq!(reply.err_msg.as_deref(), Some("authorize:fail 小程序未在 AppConfig 中注册该权限"));
    let deny = failure(&ks, Flavor::Devtools, AUTHORIZE_CALL, Failure::AuthDeny, "");
    assert_eq!(deny.err_msg.as_deref(), Some("authorize:fail auth deny"));
    let declared = machine_for("kuaishou", &[("scope.userLocation", "Shops near you")]);
    assert_eq!(declared.check(AUTHORIZE, location), Outcome::Prompt);
    let user_info = id(&declared, "scope.userInfo");
    assert_eq!(declared.check(AUTHORIZE, user_info), Outcome::Prompt, "userInfo prompts on Kuaishou");
}

#[test]
fn minigame_user_info_only_through_a_tap() {
    let mut m = machine_for("wechat-minigame", &[]);
    let user_info = id(&m, "scope.userInfo");
    assert_eq!(m.check(AUTHORIZE, user_info), Outcome::Fail(Failure::ScopeUnauthorized));
    assert_eq!(m.check_tap(user_info), Outcome::Prompt);
    m.settle(user_info, Answer::Reject);
    assert_eq!(m.check_tap(user_info), Outcome::Prompt, "a button refusal is not sticky");
    assert_eq!(m.auth_setting(), Pairs(vec![("scope.userInfo".to_owned(), false)]));
    m.settle(user_info, Answer::Accept);
    assert_eq!(m.check_tap(user_info), Outcome::Proceed);
    assert_eq!(m.check(api(&m, "getUserInfo"), 0), Outcome::Proceed);
    assert_eq!(m.check_tap(9999), Outcome::Fail(Failure::InvalidScope));
}

#[test]
fn custom_profiles_inherit_how_a_scope_is_asked() {
    let custom = CustomProfile {
        name: "mini-alipay".into(),
        global: "my".into(),
        base: Some("alipay".into()),
        scopes: vec![
            CustomScope { key: "auth_user".into(), ..CustomScope::default() },
            CustomScope { key: "location".into(), ..CustomScope::default() },
        ],
        ..CustomProfile::default()
    };
    let profile = Profile::custom(&custom).expect("valid");
    assert_eq!(profile.style, Style::Alipay);
    assert_eq!(profile.authorize_name(), "getAuthCode");
    assert_eq!(profile.scopes[0].asked_by, AskedBy::AuthorizeOnly);
    assert_eq!(profile.scopes[1].asked_by, AskedBy::ApisOnly);
    let ks = CustomProfile { style: Some("kuaishou".into()), ..super::platform_seed_002() };
    assert_eq!(Profile::custom(&ks).map(|p| p.style), Ok(Style::Kuaishou));
}
