use crate::outcome::Failure;
use crate::platform::Profile;
use crate::reply::{failure, parameter_error, success, Call, Flavor, Pairs};

const AUTHORIZE: Call<'static> = Call { api: "authorize", is_authorize: true };
const GET_LOCATION: Call<'static> = Call { api: "getLocation", is_authorize: false };

fn wechat() -> Profile {
    Profile::builtin("wechat").expect("wechat")
}

fn msg(flavor: Flavor, call: Call<'_>, f: Failure, detail: &str) -> String {
    failure(&wechat(), flavor, call, f, detail).err_msg.expect("errMsg")
}

#[test]
fn wechat_table_devtools_and_ios() {
    for flavor in [Flavor::Devtools, Flavor::Ios] {
        assert_eq!(msg(flavor, AUTHORIZE, Failure::AuthDeny, ""), "authorize:fail auth deny");
        assert_eq!(msg(flavor, GET_LOCATION, Failure::AuthDeny, ""), "getLocation:fail auth deny");
        assert_eq!(msg(flavor, AUTHORIZE, Failure::AuthCancel, ""), "authorize:fail auth cancel");
    }
}

#[test]
fn wechat_table_android() {
    let a = Flavor::Android;
    assert_eq!(msg(a, AUTHORIZE, Failure::AuthDeny, ""), "authorize:fail:auth deny");
    assert_eq!(msg(a, GET_LOCATION, Failure::AuthDeny, ""), "getLocation:fail:auth denied");
    assert_eq!(msg(a, AUTHORIZE, Failure::AuthCancel, ""), "authorize:fail auth cancel");
}

#[test]
fn wechat_table_flavor_independent_rows() {
    for flavor in [Flavor::Devtools, Flavor::Ios, Flavor::Android] {
        assert_eq!(msg(flavor, AUTHORIZE, Failure::InvalidScope, ""), "authorize:fail invalid scope");
        assert_eq!(msg(flavor, AUTHORIZE, Failure::ScopeUnauthorized, ""), "authorize:fail scope unauthorized");
        assert_eq!(msg(flavor, AUTHORIZE, Failure::RequirePermissionDesc, ""), "authorize:fail require permission desc");
        assert_eq!(msg(flavor, GET_LOCATION, Failure::NotSupported, ""), "getLocation:fail not supported");
        assert_eq!(
            msg(flavor, Call { api: "openSetting", is_authorize: false }, Failure::TapGestureRequired, ""),
            "openSetting:fail can only be invoked by user TAP gesture."
        );
        assert_eq!(
            msg(flavor, AUTHORIZE, Failure::ParameterError, &parameter_error("scope", "String", "Undefined")),
            "authorize:fail parameter error: parameter.scope should be String instead of Undefined;"
        );
        assert_eq!(msg(flavor, AUTHORIZE, Failure::PromptTimeout, ""), "authorize:fail prompt timeout");
        assert_eq!(msg(flavor, AUTHORIZE, Failure::PromptFailed, "boom"), "authorize:fail prompt failed: boom");
        assert_eq!(msg(flavor, AUTHORIZE, Failure::InvalidPromptAnswer, "\"yes\""), "authorize:fail invalid prompt answer: \"yes\"");
        assert_eq!(msg(flavor, GET_LOCATION, Failure::ApiFailed, "no fix"), "getLocation:fail no fix");
    }
}

#[test]
fn parameter_error_without_a_field() {
    assert_eq!(parameter_error("", "Object", "Number"), "parameter should be Object instead of Number;");
}

#[test]
fn success_shapes() {
    let ok = success(&wechat(), AUTHORIZE, None);
    assert_eq!(ok.err_msg.as_deref(), Some("authorize:ok"));
    assert_eq!(ok.data, None);
    let bytedance = Profile::builtin("bytedance").expect("bytedance");
    let album = bytedance.scope(bytedance.scope_id("scope.album").expect("album"));
    let ok = success(&bytedance, AUTHORIZE, album);
    assert_eq!(ok.data, Some(Pairs(vec![("scope.album".to_owned(), "ok")])));
    let not_authorize = success(&bytedance, GET_LOCATION, album);
    assert_eq!(not_authorize.data, None);
}

#[test]
fn platform_failure_fields() {
    let baidu = Profile::builtin("baidu").expect("baidu");
    let deny = failure(&baidu, Flavor::Devtools, AUTHORIZE, Failure::AuthDeny, "");
    assert_eq!(deny.err_code, Some(10003));
    assert_eq!(deny.err_msg.as_deref(), Some("authorize:fail auth deny"));
    let bytedance = Profile::builtin("bytedance").expect("bytedance");
    assert!(failure(&bytedance, Flavor::Devtools, AUTHORIZE, Failure::AuthDeny, "").err_no.is_some());
    let alipay = Profile::builtin("alipay").expect("alipay");
    let rejected = failure(&alipay, Flavor::Devtools, Call { api: "getAuthCode", is_authorize: true }, Failure::AuthDeny, "");
    assert_eq!((rejected.err_msg, rejected.error), (None, Some(11)));
    let location = failure(&alipay, Flavor::Devtools, GET_LOCATION, Failure::AuthDeny, "");
    assert_eq!(location.error, Some(2001));
}
