use crate::config::{Config, Options, DEFAULT_USER_ID};
use crate::platform::Profile;
use crate::reply::Flavor;

fn build(edit: impl FnOnce(&mut Options)) -> Result<Config, String> {
    let mut profile = Profile::builtin("wechat").expect("wechat");
    let mut options = Options { app_id: "wx1234".into(), ..Options::default() };
    edit(&mut options);
    Config::new(&mut profile, options).map_err(|error| error.option)
}

#[test]
fn defaults() {
    let config = build(|_| {}).expect("valid");
    assert_eq!(config.user_id, DEFAULT_USER_ID);
    assert_eq!(config.app_name, "wx1234");
    assert_eq!(config.flavor, Flavor::Devtools);
}

#[test]
fn errors_name_the_option() {
    assert_eq!(build(|o| o.app_id.clear()).err(), Some("appId".into()));
    assert_eq!(build(|o| o.user_id = Some(String::new())).err(), Some("userId".into()));
    assert_eq!(build(|o| o.flavor = Some("windows".into())).err(), Some("flavor".into()));
    assert_eq!(
        build(|o| o.permission = vec![("scope.userLocation".into(), None)]).err(),
        Some("permission[\"scope.userLocation\"].desc".into())
    );
    assert_eq!(
        build(|o| o.permission = vec![("scope.userLocation".into(), Some("x".repeat(31)))]).err(),
        Some("permission[\"scope.userLocation\"].desc".into())
    );
}

#[test]
fn desc_limit_counts_characters_not_bytes() {
    let thirty_chinese = "附".repeat(30);
    let config = build(|o| o.permission = vec![("scope.userLocation".into(), Some(thirty_chinese.clone()))]).expect("valid");
    let id = Profile::builtin("wechat").expect("wechat").scope_id("scope.userLocation").expect("scope");
    assert_eq!(config.desc(id), Some(thirty_chinese.as_str()));
}

#[test]
fn ids_may_hold_any_characters() {
    for id in ["a|b", "__proto__", "🙂", &"x".repeat(10_000)] {
        let config = build(|o| {
            o.app_id = id.to_owned();
            o.user_id = Some(id.to_owned());
        })
        .expect("valid");
        assert_eq!(config.app_id, id);
    }
}

#[test]
fn a_permission_entry_the_platform_ignores_is_a_warning_not_an_error() {
    let config = build(|o| o.permission = vec![("scope.camera".into(), Some("Take photos".into()))]).expect("valid");
    assert_eq!(config.warnings.len(), 1);
    assert!(config.warnings[0].starts_with("app.json: permission[\"scope.camera\"] is not a scope that takes a usage description"));
    assert!(config.warnings[0].ends_with("the entry is ignored"), "{}", config.warnings[0]);
    // ByteDance has no scope that takes one: one cross-platform app.json still opens.
    let mut profile = Profile::builtin("bytedance").expect("bytedance");
    let options = Options {
        app_id: "tt1".into(),
        permission: vec![("scope.userLocation".into(), Some("Find shops".into()))],
        ..Options::default()
    };
    let config = Config::new(&mut profile, options).expect("valid");
    assert!(config.warnings[0].contains("none does on bytedance"), "{}", config.warnings[0]);
    assert!(config.descs.iter().all(Option::is_none));
}

#[test]
fn base_library_and_privacy_are_wechat_options() {
    use crate::base_library::{Version, DEFAULT};
    use crate::privacy::PrivacyOptions;
    assert_eq!(build(|_| {}).expect("valid").base_library, DEFAULT);
    assert_eq!(build(|o| o.base_library = Some(Version(2, 10, 4))).expect("valid").base_library, Version(2, 10, 4));
    assert!(build(|_| {}).expect("valid").privacy.is_none(), "off unless configured");
    assert!(build(|o| o.privacy = Some(PrivacyOptions::default())).expect("valid").privacy.is_some());
    // Below 2.32.3 a configuration is checked, then unused: nothing is intercepted.
    let old = build(|o| {
        o.privacy = Some(PrivacyOptions::default());
        o.base_library = Some(Version(2, 32, 2));
    });
    assert!(old.expect("valid").privacy.is_none());
    let mut profile = Profile::builtin("alipay").expect("alipay");
    let options = Options { app_id: "a".into(), privacy: Some(PrivacyOptions::default()), ..Options::default() };
    assert_eq!(Config::new(&mut profile, options).err().map(|e| e.option), Some("privacy".into()));
    let mut profile = Profile::builtin("baidu").expect("baidu");
    let options = Options { app_id: "a".into(), base_library: Some(crate::base_library::Version(2, 3, 0)), ..Options::default() };
    assert_eq!(Config::new(&mut profile, options).err().map(|e| e.option), Some("baseLibrary".into()));
}
