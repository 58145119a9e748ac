// The shim's modules loaded on first use, not with the core: each import() made once. The browser
// build keeps each a file of its own (scripts/build.mjs), so none is downloaded before it is needed.

// The mini game's user-info button and the host's user info: loaded on first use, not with the core.
let userInfoModule;
export const loadUserInfo = () => (userInfoModule ??= import('./user-info-button.js'));
// An authorize of several scopes (Alipay's getAuthCode, ByteDance's comma-separated scopes): loaded
// when an authorizer in those styles is created, not with the core.
let manyModule;
export const loadMany = () => (manyModule ??= import('./authorize-many.js'));
// WeChat's privacy layer: loaded when an authorizer has a `privacy` configuration (issue 12).
let privacyModule;
export const loadPrivacy = () => (privacyModule ??= import('./privacy.js'));
// getUserProfile: loaded on its first call.
let userProfileModule;
export const loadUserProfile = () => (userProfileModule ??= import('./user-profile.js'));
// A session's start (createVKSession's): loaded on the first start.
let sessionStartModule;
export const loadSessionStart = () => (sessionStartModule ??= import('./vk-session-start.js'));
