// The words and the layout of each platform's authorization sheet and settings page, in `en` and
// `zh` (zh_CN): the tables pkg/ui.js draws from. One place for them, so a platform's sheet is
// changed here and nowhere else.
//
// Layouts, as the platforms' own pop-ups are laid out (from their public screenshots; the exact
// pixels are not claimed):
//   row      WeChat, WeChat mini games, Kuaishou: a bottom sheet; the app's avatar and name with
//            "requests", the permission, its usage description, Deny and Allow side by side.
//   stacked  Alipay: a bottom sheet with the app's icon and name centred, the permission as a list
//            item, Allow full width above a plain Deny.
//   alert    Douyin (ByteDance): a centred card, one sentence "<app> requests your <permission>",
//            Deny | Allow split by a hairline.
//   list     Baidu: a bottom sheet headed "<app> requests the following permission", the
//            permission ticked in a list, Deny and Allow side by side.

const LAYOUTS = {
  wechat: 'row',
  'wechat-minigame': 'row',
  kuaishou: 'row',
  alipay: 'stacked',
  bytedance: 'alert',
  baidu: 'list',
};

/** Texts; `{app}` is the app's name, `{label}` the permission's name. */
const STRINGS = {
  en: {
    requests: 'requests:',
    requestsList: 'requests the following permission:',
    requestsOne: '{app} requests your {label}',
    allow: 'Allow',
    deny: 'Deny',
    via: 'via',
    settingsTitle: 'Settings',
    allowTo: 'Allow {app} to use',
    done: 'Done',
    empty: '{app} has not asked for any permission yet.',
    note: 'The permissions {app} has asked for, and those only this page can turn on. Changes apply when you tap Done.',
  },
  zh: {
    requests: '申请',
    requestsList: '申请获取以下权限',
    requestsOne: '{app}申请获取你的{label}',
    allow: '允许',
    deny: '拒绝',
    via: '来自',
    settingsTitle: '设置',
    allowTo: '允许{app}使用',
    done: '完成',
    empty: '{app}暂未使用你的任何信息',
    note: '{app}申请过的权限，以及只能在此开启的权限。点“完成”后生效。',
  },
};

// The platforms' own words for their scopes, in Chinese (their settings pages' names).
const ZH_LABELS = {
  'scope.userInfo': '用户信息',
  'scope.userLocation': '位置信息',
  'scope.userFuzzyLocation': '模糊位置信息',
  'scope.userLocationBackground': '后台定位',
  'scope.record': '麦克风',
  'scope.camera': '摄像头',
  'scope.bluetooth': '蓝牙',
  'scope.writePhotosAlbum': '添加到相册',
  'scope.album': '添加到相册',
  'scope.addPhoneContact': '添加到联系人',
  'scope.addPhoneCalendar': '添加到日历',
  'scope.calendar': '日历',
  'scope.clipboard': '剪贴板',
  'scope.werun': '微信运动步数',
  'scope.address': '通讯地址',
  'scope.invoiceTitle': '发票抬头',
  'scope.invoice': '获取发票',
  'scope.WxFriendInteraction': '微信朋友关系',
  'scope.gameClubData': '游戏圈数据',
  auth_base: '支付宝会员号',
  auth_user: '支付宝会员基础信息',
  auth_zhima: '芝麻信用信息',
  userInfo: '昵称和头像',
  location: '地理位置',
  album: '相册',
  camera: '相机',
  writePhotosAlbum: '保存到相册',
  audioRecord: '麦克风',
  alipaysports: '支付宝运动步数',
  phoneNumber: '手机号码',
  aliaddress: '收货地址',
};

/** 'en' or 'zh' from an option or a BCP 47 tag (`zh_CN`, `zh-Hans`, `en-GB`); default the page's. */
export function sheetLang(lang, doc) {
  const tag = String(lang ?? doc?.documentElement?.lang ?? doc?.defaultView?.navigator?.language ?? 'en').toLowerCase();
  return tag.startsWith('zh') ? 'zh' : 'en';
}

export function sheetLayout(platform) {
  return LAYOUTS[platform] ?? 'row';
}

export function sheetStrings(lang, overrides) {
  return { ...STRINGS[lang === 'zh' ? 'zh' : 'en'], ...(overrides ?? {}) };
}

/** The permission's name as the sheet shows it: the platform's own words in Chinese. */
export function scopeLabel(scope, label, lang) {
  if (lang === 'zh' && ZH_LABELS[scope]) return ZH_LABELS[scope];
  return label;
}
