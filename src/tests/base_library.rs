use crate::base_library::{Feature, Version, DEFAULT, FEATURES};

#[test]
fn versions_unpack_and_compare_part_by_part() {
    // As pkg/base-library.js packs them: major·2⁴⁰ + minor·2²⁰ + patch.
    let pack = |major: f64, minor: f64, patch: f64| major * 1_099_511_627_776.0 + minor * 1_048_576.0 + patch;
    assert_eq!(Version::unpack(pack(2.0, 32.0, 3.0)), Version(2, 32, 3));
    assert!(Version::unpack(pack(999_999.0, 999_999.0, 999_999.0)).0 > 8191);
    assert!(Version::unpack(pack(999_999.0, 0.0, 0.0)).has(Feature::PrivacyLayer));
    assert_eq!(Version::unpack(f64::NAN), Version(0, 0, 0));
    assert_eq!(Version::unpack(-1.0), Version(0, 0, 0));
    assert!(Version(2, 10, 4) > Version(2, 9, 99));
    assert_eq!(crate::base_library::DEFAULT_TEXT, "3.17.0");
    assert_eq!(DEFAULT, Version(3, 17, 0));
}

#[test]
fn each_feature_starts_at_its_version() {
    for (index, (feature, since)) in FEATURES.into_iter().enumerate() {
        assert_eq!(feature as usize, index, "FEATURES is in Feature's order");
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
