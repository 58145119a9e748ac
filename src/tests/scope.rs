use crate::scope::{spec, Rule};

#[test]
fn spec_builds_a_scope() {
    let scope = spec("scope.userLocation", "Geographic location", &["getLocation"]).needs_desc().build();
    assert_eq!(scope.key, "scope.userLocation");
    assert_eq!(scope.setting_key, "scope.userLocation");
    assert!(scope.needs_desc);
    assert_eq!(scope.rule, Rule::Normal);
    let album = spec("scope.writePhotosAlbum", "Album", &[]).setting_key("album").build();
    assert_eq!(album.setting_key, "album");
}

#[test]
fn rules_parse_and_record() {
    for (word, rule) in [
        ("normal", Rule::Normal),
        ("never-prompts", Rule::NeverPrompts),
        ("settings-only", Rule::SettingsOnly),
        ("retired", Rule::Retired),
        ("silent", Rule::Silent),
    ] {
        assert_eq!(Rule::parse(word), Some(rule));
    }
    assert_eq!(Rule::parse("Normal"), None);
    assert!(Rule::Normal.is_recorded());
    assert!(!Rule::Retired.is_recorded());
    assert!(!Rule::Silent.is_recorded());
}
