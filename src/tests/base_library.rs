use crate::base_library::{Feature, Version, DEFAULT, FEATURES};

#[test]
fn versions_parse_and_compare_part_by_part() {
    assert_eq!(Version::parse("2.32.3"), Some(Version(2, 32, 3)));
    assert_eq!(Version::parse("3.0"), Some(Version(3, 0, 0)));
    for bad in ["", "3", "3.", ".3", "a.b.c", "1.2.3.4", "-1.2.3", "1.2.x", "2.10.4 ", "9999999.0"] {
        assert_eq!(Version::parse(bad), None, "{bad:?}");
    }
    assert!(Version(2, 10, 4) > Version(2, 9, 99));
    assert_eq!(Version::parse(crate::base_library::DEFAULT_TEXT), Some(DEFAULT));
}

#[test]
fn each_feature_starts_at_its_version() {
    for (feature, since, source) in FEATURES {
        assert!(!source.is_empty());
        assert!(since.has(feature));
        let before = if since.2 > 0 { Version(since.0, since.1, since.2 - 1) } else { Version(since.0, since.1 - 1, 99) };
        assert!(!before.has(feature), "{feature:?} before {since:?}");
    }
    for feature in [Feature::OpenSettingTap, Feature::GetUserProfile, Feature::AnonymousProfile, Feature::PrivacyLayer] {
        assert!(DEFAULT.has(feature), "the default, a current 3.x, has {feature:?}");
    }
    assert!(!Version(2, 2, 9).has(Feature::OpenSettingTap));
    assert!(Version(2, 32, 3).has(Feature::PrivacyLayer));
    assert!(!Version(2, 32, 2).has(Feature::PrivacyLayer));
}
