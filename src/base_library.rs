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

/// (feature, the first version that has it, source).
pub const FEATURES: [(Feature, Version, &str); 4] = [
    // wx.openSetting's page: "从 2.3.0 版本开始，用户发生点击行为后，才可以跳转打开设置页".
    (Feature::OpenSettingTap, Version(2, 3, 0), "wx.openSetting"),
    // wx.getUserProfile's page: "需要基础库： 2.10.4"; DevTools offers it from 2.10.4 only.
    (Feature::GetUserProfile, Version(2, 10, 4), "wx.getUserProfile"),
    // The 2022-05-09 announcement 小程序用户头像昵称获取规则调整公告: versions published after
    // 2022-11-08, i.e. 2.27.1 and later, return the grey default avatar and "微信用户".
    (Feature::AnonymousProfile, Version(2, 27, 1), "user-info rules announcement, 2022"),
    // wx.getPrivacySetting, wx.onNeedPrivacyAuthorization, wx.requirePrivacyAuthorize,
    // wx.openPrivacyContract: "需要基础库： 2.32.3"; below it nothing is intercepted.
    (Feature::PrivacyLayer, Version(2, 32, 3), "wx.getPrivacySetting"),
];

impl Version {
    /// `"2.32.3"`, or `"3.0"` (patch 0). Anything else is not a version.
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = [0u32; 3];
        let mut count = 0;
        let mut digits = 0;
        // By hand rather than `split('.')`: no searcher code in the wasm for one option.
        for byte in text.bytes() {
            if byte == b'.' && digits > 0 && count < 2 {
                count += 1;
                digits = 0;
            } else if let (true, Some(part)) = (byte.is_ascii_digit() && digits < 6, parts.get_mut(count)) {
                *part = *part * 10 + u32::from(byte - b'0');
                digits += 1;
            } else {
                return None;
            }
        }
        (count >= 1 && digits > 0).then_some(Version(parts[0], parts[1], parts[2]))
    }

    /// Whether this version has `feature` (see `FEATURES`).
    pub fn has(self, feature: Feature) -> bool {
        FEATURES.iter().any(|(known, since, _)| *known == feature && self >= *since)
    }
}
