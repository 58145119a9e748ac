//! WeChat's base library (基础库) versions and what changed with them: the `baseLibrary` option,
//! as DevTools lets a developer pick the version a mini program runs on. One table, each row
//! citing its source (../shared/reference/privacy.md, "Other version facts" and the API pages).

/// A base library version, `major.minor.patch`, compared part by part.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version(pub u32, pub u32, pub u32);

/// What `baseLibrary` is when the app names none: the newest version miniprogram-api-typings 5.2
/// documents an API for (`需要基础库： 3.17.0`), standing for "a current 3.x".
pub const DEFAULT: Version = Version(3, 17, 0);
pub const DEFAULT_TEXT: &str = "3.17.0";

/// Behaviour that a base library version switches on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Feature {
    /// `openSetting` only inside a user tap (`openSetting:fail can only be invoked by user TAP gesture.`).
    OpenSettingTap,
    /// `wx.getUserProfile` exists.
    GetUserProfile,
    /// `getUserProfile` answers with a grey avatar and the nickname "微信用户".
    AnonymousProfile,
    /// The privacy layer: `getPrivacySetting`, `requirePrivacyAuthorize`, `onNeedPrivacyAuthorization`,
    /// `openPrivacyContract`, and privacy APIs intercepted until the user agrees.
    PrivacyLayer,
}

/// (feature, the first version that has it), in `Feature`'s order: `has` reads a feature's row by
/// its index. Each row cites its source in a comment: as data the citations were strings in the
/// wasm that nothing reads.
pub const FEATURES: [(Feature, Version); 4] = [
    // wx.openSetting's page: "从 2.3.0 版本开始，用户发生点击行为后，才可以跳转打开设置页".
    (Feature::OpenSettingTap, Version(2, 3, 0)),
    // wx.getUserProfile's page: "需要基础库： 2.10.4"; DevTools offers it from 2.10.4 only.
    (Feature::GetUserProfile, Version(2, 10, 4)),
    // The 2022-05-09 announcement 小程序用户头像昵称获取规则调整公告: versions published after
    // 2022-11-08, i.e. 2.27.1 and later, return the grey default avatar and "微信用户".
    (Feature::AnonymousProfile, Version(2, 27, 1)),
    // wx.getPrivacySetting, wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize,
    // wx.openPrivacyContract: "需要基础库： 2.32.3"; below it nothing is intercepted.
    (Feature::PrivacyLayer, Version(2, 32, 3)),
];

impl Version {
    /// The version the shim read from the `baseLibrary` text (pkg/base-library.js: the parsing
    /// and its error are cold, so they load with the option, not with the core), packed as
    /// `major·2⁴⁰ + minor·2²⁰ + patch`. Every part is below 2²⁰; a major past 8191 loses its low
    /// bits in the f64, still comparing above every row of `FEATURES`.
    pub fn unpack(packed: f64) -> Version {
        // `as` saturates (NaN is 0): no version is an error here.
        let packed = packed as u64;
        Version((packed >> 40) as u32, (packed >> 20 & 0xF_FFFF) as u32, (packed & 0xF_FFFF) as u32)
    }

    /// Whether this version has `feature` (see `FEATURES`).
    pub fn has(self, feature: Feature) -> bool {
        self >= FEATURES[feature as usize].1
    }
}
