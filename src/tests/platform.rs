use crate::platform::*;

#[test]
fn every_builtin_platform_has_a_profile() {
    for name in PLATFORMS {
        let profile = Profile::builtin(name).expect("built-in");
        assert_eq!(profile.name, name);
        assert!(!profile.scopes.is_empty());
        assert_eq!(profile.api(GET_SETTING).map(|api| api.name.as_str()), Some("getSetting"));
        assert_eq!(profile.api(OPEN_SETTING).map(|api| api.name.as_str()), Some("openSetting"));
    }
    assert!(Profile::builtin("line").is_none());
}

#[test]
fn wechat_gates_each_api_by_its_scope() {
    let wechat = Profile::builtin("wechat").expect("wechat");
    assert_eq!(wechat.global, "wx");
    assert_eq!(wechat.authorize_name(), "authorize");
    let location = wechat.scope_id("scope.userLocation").expect("scope");
    for api in ["getLocation", "chooseLocation", "startLocationUpdate"] {
        let id = wechat.api_id(api).expect("api");
        assert!(id >= FIRST_GATED);
        assert_eq!(wechat.api(id).and_then(|api| api.scope), Some(location));
    }
    assert_eq!(wechat.scopes.len(), 14);
    assert!(wechat.sticky_denial);
    assert!(wechat.scope_id("scope.album").is_none());
}

#[test]
fn platforms_differ_where_the_reference_says() {
    let alipay = Profile::builtin("alipay").expect("alipay");
    assert_eq!(alipay.authorize_name(), "getAuthCode");
    assert!(!alipay.sticky_denial);
    let bytedance = Profile::builtin("bytedance").expect("bytedance");
    assert!(bytedance.scope_id("scope.album").is_some());
    assert!(bytedance.scope_id("scope.writePhotosAlbum").is_none());
    let baidu = Profile::builtin("baidu").expect("baidu");
    assert!(baidu.scope_id("scope.calendar").is_some());
    assert!(Profile::builtin("wechat-minigame").expect("minigame").user_info_button);
}

fn seed_002() -> CustomProfile {
    CustomProfile {
        name: "bn".into(),
        global: "bn".into(),
        scopes: ["scope.userLocation", "scope.writePhotosAlbum", "scope.camera"]
            .iter()
            .map(|key| CustomScope { key: (*key).into(), ..CustomScope::default() })
            .collect(),
        ..CustomProfile::default()
    }
}

#[test]
fn seed_002_runs_from_configuration() {
    let bn = Profile::custom(&seed_002()).expect("valid");
    assert_eq!(bn.global, "bn");
    assert_eq!(bn.scopes.len(), 3);
    assert!(bn.scope_id("scope.record").is_none());
    assert!(bn.api_id("getLocation").is_some());
    assert!(bn.api_id("startRecord").is_none());
    assert_eq!(bn.style, Style::Wechat);
    assert!(bn.scopes[0].needs_desc);
}

#[test]
fn bad_custom_profiles_name_the_field() {
    let field_of = |edit: &dyn Fn(&mut CustomProfile)| {
        let mut custom = seed_002();
        edit(&mut custom);
        Profile::custom(&custom).map(|_| ()).map_err(|error| error.option)
    };
    assert_eq!(field_of(&|c| c.name.clear()), Err("platform.name".into()));
    assert_eq!(field_of(&|c| c.global = "b n".into()), Err("platform.global".into()));
    assert_eq!(field_of(&|c| c.base = Some("line".into())), Err("platform.base".into()));
    assert_eq!(field_of(&|c| c.style = Some("x".into())), Err("platform.style".into()));
    assert_eq!(field_of(&|c| c.scopes.clear()), Err("platform.scopes".into()));
    assert_eq!(field_of(&|c| c.scopes[1].key = "scope.userLocation".into()), Err("platform.scopes[1].scope".into()));
    assert_eq!(field_of(&|c| c.scopes[2].key = "scope.teleport".into()), Err("platform.scopes[2].label".into()));
    assert_eq!(field_of(&|c| c.scopes[0].rule = Some("sometimes".into())), Err("platform.scopes[0].rule".into()));
    assert_eq!(field_of(&|c| c.scopes[0].apis = Some(vec!["ok".into(), "no way".into()])), Err("platform.scopes[0].apis[1]".into()));
    assert_eq!(field_of(&|c| c.scopes[0].label = Some(String::new())), Err("platform.scopes[0].label".into()));
}

#[test]
fn a_custom_scope_can_be_new() {
    let mut custom = seed_002();
    custom.scopes.push(CustomScope {
        key: "scope.nfc".into(),
        label: Some("NFC".into()),
        apis: Some(vec!["startHCE".into()]),
        ..CustomScope::default()
    });
    let profile = Profile::custom(&custom).expect("valid");
    let nfc = profile.scope_id("scope.nfc").expect("scope");
    assert_eq!(profile.api_id("startHCE").and_then(|id| profile.api(id)).and_then(|api| api.scope), Some(nfc));
}

#[test]
fn a_scope_shown_with_another_names_a_scope_of_its_own_table() {
    for name in PLATFORMS {
        let profile = Profile::builtin(name).expect("built-in");
        for scope in &profile.scopes {
            if let Some(row) = &scope.shown_with {
                assert!(profile.scope_id(row).is_some(), "{name}: {} is shown with {row}, not in the table", scope.key);
                assert_eq!(scope.rule, crate::scope::Rule::SettingsOnly, "{name}: only a settings-only scope is an option of a row");
            }
        }
    }
    let wechat = Profile::builtin("wechat").expect("wechat");
    let background = wechat.scope_id("scope.userLocationBackground").and_then(|id| wechat.scope(id)).expect("scope");
    assert_eq!(background.shown_with.as_deref(), Some("scope.userLocation"));
}
