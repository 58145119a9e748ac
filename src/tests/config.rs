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
        build(|o| o.permission = vec![("scope.camera".into(), Some("Take photos".into()))]).err(),
        Some("permission[\"scope.camera\"]".into())
    );
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
