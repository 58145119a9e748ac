// What the emulator runs: the platforms it offers, the wording (flavor) and the user, chosen in the
// page and remembered (URL first, then localStorage); and the running authorizer's shared state.

export const PLATFORMS = [
  { id: 'wechat', name: 'WeChat', global: 'wx', appId: 'wxdemo0001', appName: 'Demo Shop', host: 'WeChat', accent: '#07c160', ink: '#047a3c', bright: '#07c160' },
  { id: 'wechat-minigame', name: 'Mini game', global: 'wx', appId: 'wxgame0001', appName: 'Tiny Tower', host: 'WeChat', accent: '#10aeff', ink: '#0a6fa3', bright: '#10aeff' },
  { id: 'alipay', name: 'Alipay', global: 'my', appId: '2021000000000001', appName: 'Demo Shop', host: 'Alipay', accent: '#1677ff', ink: '#1264d6', bright: '#4e98ff' },
  { id: 'bytedance', name: 'Douyin', global: 'tt', appId: 'ttdemo0001', appName: 'Demo Shop', host: 'Douyin', accent: '#fe2c55', ink: '#cb2344', bright: '#fe6381' },
  { id: 'baidu', name: 'Baidu', global: 'swan', appId: 'swandemo0001', appName: 'Demo Shop', host: 'Baidu', accent: '#3464e0', ink: '#3261d9', bright: '#7596ea' },
  { id: 'kuaishou', name: 'Kuaishou', global: 'ks', appId: 'ksdemo0001', appName: 'Demo Shop', host: 'Kuaishou', accent: '#ff5000', ink: '#bf3c00', bright: '#ff6824' },
];
// `accent` is the brand colour; `ink` a darker shade of it for white text on it and for text in
// it on light surfaces (>= 4.5:1), `bright` a lighter one for text in it on dark surfaces.
// The app config's usage descriptions (app.json "permission"; at most 30 characters), given for
// every scope of the chosen platform that takes one (`needsDesc` in auth.scopes).
const DESCS = [
  [/background/i, 'Used to track your delivery'],
  [/fuzzy/i, 'To show shops in your city'],
  [/location/i, 'Used to show shops near you'],
];
const GENERIC_DESC = 'Used by the demo mini program';
export function descFor(scope) {
  return DESCS.find(([re]) => re.test(scope))?.[1] ?? GENERIC_DESC;
}
export const FLAVORS = ['devtools', 'ios', 'android'];
export const USERS = ['alice', 'bob'];
// The sheets' language: the page's (navigator.language) unless chosen.
export const LANGS = ['en', 'zh'];
const pageLang = () => (String(navigator.language ?? 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');
const STORE_KEY = 'miniprogram-authorize-demo';

function loadChoice() {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}') ?? {};
  } catch {
    saved = {};
  }
  const query = new URLSearchParams(location.search);
  const pick = (key, allowed, fallback) => {
    for (const value of [query.get(key), saved[key]]) if (allowed.includes(value)) return value;
    return fallback;
  };
  return {
    platform: pick('platform', PLATFORMS.map((p) => p.id), 'wechat'),
    flavor: pick('flavor', FLAVORS, 'devtools'),
    user: pick('user', USERS, 'alice'),
    lang: pick('lang', LANGS, pageLang()),
  };
}

export function saveChoice() {
  const { platform, flavor, user, lang } = state;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ platform, flavor, user, lang }));
  } catch {
    /* private mode */
  }
  const url = new URL(location.href);
  url.searchParams.set('platform', platform);
  url.searchParams.set('flavor', flavor);
  url.searchParams.set('user', user);
  url.searchParams.set('lang', lang);
  history.replaceState(null, '', url);
}

export const state = { ...loadChoice(), lib: null, auth: null, offs: [], generation: 0, permission: {} };
export const permissionCache = new Map();
export const platform = () => PLATFORMS.find((p) => p.id === state.platform) ?? PLATFORMS[0];

