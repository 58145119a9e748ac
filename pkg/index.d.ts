// Types of `miniprogram-authorize` (pkg/index.js): createAuthorizer, the Authorizer, the facade
// `auth.api` shaped like each platform's global, and the @uni calling form (pkg/uni.js).
// The default prompt and settings page are typed in ui.d.ts.
//
// This file needs no DOM lib, so it compiles in a mini-program project (miniprogram-api-typings,
// no "dom"): the few DOM types it names resolve to the DOM's own where the lib is loaded.

type DomGlobal<K extends string, Fallback> = typeof globalThis extends { [key in K]: { prototype: infer T } } ? T : Fallback;
/** `HTMLElement` with the DOM lib, an object otherwise. */
export type HTMLElementLike = DomGlobal<'HTMLElement', object>;
export type HTMLButtonElementLike = DomGlobal<'HTMLButtonElement', object>;
export type IDBFactoryLike = DomGlobal<'IDBFactory', { open(name: string, version?: number): unknown }>;
export type AbortSignalLike = DomGlobal<'AbortSignal', { readonly aborted: boolean }>;

// --- host hooks (ARCHITECTURE.md; the same shapes as ui.d.ts's) ---------------------------------

export type PromptAnswer = 'accept' | 'reject' | 'dismiss';

/** What a prompt handler is asked. */
export interface PromptRequest {
  appId: string;
  appName: string;
  /** The platform's name, or a custom profile's. */
  platform: string;
  /** As the platform spells it: "scope.userLocation", Alipay's "auth_user" or "location". */
  scope: string;
  /** Human label, e.g. "Geographic location". */
  label: string;
  /** The app config's permission desc, when the scope takes one. */
  desc: string | null;
  /** The API that caused it: "authorize", "getAuthCode", "getLocation", "getUserInfo" (a button tap)... */
  api: string;
  /** Aborted when the shim gives up on the prompt (its timeout): close the pop-up. */
  signal?: AbortSignalLike;
}

/** A prompt request as `auth.prompts` keeps it: the request (without its signal) and its answer. */
export interface PromptRecord extends Omit<PromptRequest, 'signal'> {
  answer?: PromptAnswer | unknown;
}

export interface SettingsScope {
  scope: string;
  label: string;
  granted: boolean;
}

export interface SettingsChange {
  scope: string;
  granted: boolean;
}

/** What the settings handler behind openSetting is given. */
export interface SettingsRequest {
  appId: string;
  appName: string;
  platform: string;
  /** Only scopes ever asked (on Alipay: device permissions, not getAuthCode's). */
  scopes: SettingsScope[];
  /** Live state while the page is open; returns an unsubscribe function. */
  subscribe(listener: (change: SettingsChange) => void): () => void;
  signal?: AbortSignalLike;
}

// --- platforms ---------------------------------------------------------------------------------

export type BuiltinPlatform = 'wechat' | 'wechat-minigame' | 'alipay' | 'bytedance' | 'baidu' | 'kuaishou';
/** The family of result shapes a platform answers with. */
export type Style = 'wechat' | 'kuaishou' | 'bytedance' | 'baidu' | 'alipay';
/** WeChat words a few failures differently on Android (`authorize:fail:auth deny`). WeChat only. */
export type Flavor = 'devtools' | 'ios' | 'android';
/** A scope's state in the W3C Permissions API's words. */
export type ScopeState = 'prompt' | 'granted' | 'denied';
/** How a scope can come to be granted. */
export type ScopeRule = 'normal' | 'never-prompts' | 'settings-only' | 'retired' | 'silent';

/** A scope of a custom profile; fields left out come from the base platform's scope of that key. */
export interface CustomScope {
  scope: string;
  /** Required for a scope the base platform does not have. */
  label?: string;
  /** The APIs it gates (they appear on `auth.api`). */
  apis?: string[];
  rule?: ScopeRule;
  /** Whether `permission[scope].desc` must be given before it is asked. */
  needsDesc?: boolean;
  /** Its key in getSetting's `authSetting`, when it differs. */
  settingKey?: string;
}

/**
 * A platform given as data (seed 002): `{ name: 'bn', global: 'bn', base: 'wechat', scopes:
 * ['scope.userLocation', 'scope.writePhotosAlbum', 'scope.camera'] }`. A bad one rejects
 * createAuthorizer with an Error naming the field (`platform.scopes[1].label ...`).
 */
export interface CustomPlatform {
  name: string;
  /** The global its API object lives in: a JavaScript identifier such as `bn`. */
  global: string;
  /** The built-in platform it starts from (style, scope rows); default `wechat`. */
  base?: BuiltinPlatform;
  style?: Style;
  stickyDenial?: boolean;
  scopes: Array<string | CustomScope>;
}

// --- options -----------------------------------------------------------------------------------

export type UserInfoLang = 'en' | 'zh_CN' | 'zh_TW';

export interface UserInfo {
  nickName: string;
  avatarUrl: string;
  /** 0 unknown, 1 male, 2 female. */
  gender: 0 | 1 | 2;
  country: string;
  province: string;
  city: string;
  language: UserInfoLang;
}

/** What the host gives for `getUserInfo`: an object, or a function of the request returning one. */
export type UserInfoSource =
  | Partial<UserInfo>
  | ((request: { lang: UserInfoLang; withCredentials: boolean }) => Partial<UserInfo> | Promise<Partial<UserInfo>>);

export interface ChangeEvent {
  /** As the platform spells it. */
  scope: string;
  state: ScopeState;
  previous: ScopeState;
  source: 'prompt' | 'settings' | 'setState' | 'reset' | 'other-tab';
}

/**
 * A host implementation of a gated API: runs once the scope is granted; its object is merged into
 * the result. A session API's (`createVKSession`) runs at once and returns the session object.
 */
export type HostApi = (options: Record<string, unknown>) => unknown;

export interface AuthorizerOptions<P extends BuiltinPlatform | CustomPlatform = BuiltinPlatform | CustomPlatform> {
  appId: string;
  /** Default `'default'`. Decisions are kept per app and user. */
  userId?: string;
  /** Shown in the prompt; default the appId. */
  appName?: string;
  /** Default `'wechat'`. */
  platform?: P;
  /** Default `'devtools'`. */
  flavor?: Flavor;
  /** app.json's `permission`: `{ 'scope.userLocation': { desc: 'at most 30 characters' } }`. */
  permission?: Record<string, { desc: string }>;
  /** Whether a rejection is remembered (no prompt next time). Default: the platform's (Alipay: false). */
  stickyDenial?: boolean;
  /** Default `'auto'`: IndexedDB where there is one, memory otherwise. */
  storage?: 'auto' | 'indexeddb' | 'memory';
  /** Default `'miniprogram-authorize'`. */
  databaseName?: string;
  /** An IndexedDB factory to use instead of the global one (e.g. fake-indexeddb). */
  indexedDB?: IDBFactoryLike;
  /**
   * Answers the pop-up: a handler; one answer for every prompt (tests); or answers given in order,
   * one per prompt, where a prompt past the end fails the call (`…:fail prompt failed: the prompt
   * script has no answer left …`, and an `error` event). Every request is kept in `auth.prompts`.
   * Default in a page: the built-in dialog (`miniprogram-authorize/ui`); in Node every prompt is dismissed.
   */
  prompt?: ((request: PromptRequest) => PromptAnswer | Promise<PromptAnswer>) | PromptAnswer | PromptAnswer[];
  /** The settings page behind openSetting: resolves with the new states of the scopes it shows. */
  settings?: (request: SettingsRequest) => Record<string, boolean> | void | Promise<Record<string, boolean> | void>;
  /** Milliseconds; 0 for none. Default 60000. */
  promptTimeout?: number;
  /** openSetting only inside a user tap (where the browser can tell). Default true. */
  requireUserTap?: boolean;
  /** Host implementations of gated APIs, by name. */
  apis?: Record<string, HostApi>;
  onChange?: (change: ChangeEvent) => void;
  onError?: (error: Error) => void;
  /** The user info `getUserInfo` and the mini game's user-info button give. */
  userInfo?: UserInfoSource;
  /** Where the mini game's user-info button element goes (default `document.body`). */
  container?: HTMLElementLike;
}

// --- results -----------------------------------------------------------------------------------

/** WeChat's PromisifySuccessResult: callbacks → `void`; none of them → a Promise of the success result. */
export type Promisified<P, S> = P extends { success: any }
  ? void
  : P extends { fail: any }
    ? void
    : P extends { complete: any }
      ? void
      : Promise<S>;

/**
 * Declared as methods so that code typed against miniprogram-api-typings compiles unchanged: its
 * joinVoIPChat and openBluetoothAdapter give every failure an `errCode`, but a refused
 * authorization carries only `errMsg` (and `errno`) on WeChat as here (developers.weixin.qq.com
 * community thread 00082a0ac94e602939c6811a758400, "为什么授权失败只有errMsg,没有errCode").
 */
export interface Callbacks<S, F> {
  success?(result: S): void;
  fail?(result: F): void;
  complete?(result: S | F): void;
}

/** `{ errMsg: '<api>:ok' }` / `{ errMsg: '<api>:fail <reason>' }`. */
export interface WechatResult {
  errMsg: string;
}

/** Baidu's failure: `errCode` 10003 when the user refused (10001–10005, 1001, 11003). */
export interface BaiduFail extends WechatResult {
  errCode: number;
}

/** ByteDance's authorize success: `data: { [scope]: 'ok' }`. */
export interface BytedanceAuthorizeSuccess extends WechatResult {
  data: Record<string, 'ok'>;
}

/** ByteDance's failure: `errNo`, and on authorize a per-scope `data` map. */
export interface BytedanceFail extends WechatResult {
  errNo: number;
  data?: Record<string, 'ok' | 'auth deny' | 'invalid scope'>;
}

/** Alipay's failure: no errMsg. getAuthCode: 11 rejected, 3 no result (dismissed, bad scopes); gated APIs: 2001 refused, 2002 refused before, 2003 refused for good. */
export interface AlipayFail {
  error: number;
  errorMessage: string;
}

/** `my.getAuthCode`'s success (seed 004's Response). */
export interface AuthCodeResult {
  authCode: string;
  authSuccessScopes: string[];
  authErrorScopes: Record<string, string | number>;
}

export type AuthSetting = Record<string, boolean>;

export interface SubscriptionsSetting {
  mainSwitch: boolean;
  itemSettings?: Record<string, 'accept' | 'reject' | 'ban'>;
}

export interface WechatSettingResult extends WechatResult {
  /** Only scopes ever asked: `true` granted, `false` denied, absent never asked. */
  authSetting: AuthSetting;
  /** Present only with `withSubscriptions: true`; typed as WeChat's own typings type it. */
  subscriptionsSetting: SubscriptionsSetting;
  miniprogramAuthSetting?: AuthSetting;
}

export interface AlipaySettingResult {
  /** Keys without the `scope.` prefix: `location`, `album`, `camera`, ... */
  authSetting: AuthSetting;
}

// --- the facades -------------------------------------------------------------------------------

export interface AuthorizeOption<S = WechatResult, F = WechatResult> extends Callbacks<S, F> {
  scope: string;
}

export interface SettingOption<S, F = WechatResult> extends Callbacks<S, F> {
  withSubscriptions?: boolean;
}

/**
 * A gated API (`getLocation`, `saveImageToPhotosAlbum`, ...): once its scope is granted, the host's
 * implementation (`apis`) answers, its object merged over `{ errMsg: '<api>:ok' }`; the success
 * type is what the platform gives, which is what the host's implementation should return.
 * Callbacks → `void`; none → a Promise of the success result.
 */
export type GatedApi<O = {}, S = WechatResult, F = WechatResult> = <T extends O & Callbacks<S, F> = O & Callbacks<S, F>>(
  option?: T,
) => Promisified<T, S>;

/** `authorize`, `getSetting` and `openSetting` of a WeChat-shaped platform (`wx`, `tt`, `swan`, `ks`). */
export interface AuthorizationApi<F = WechatResult, A = WechatResult> {
  authorize<T extends AuthorizeOption<A, F> = AuthorizeOption<A, F>>(option: T): Promisified<T, A>;
  getSetting<T extends SettingOption<WechatSettingResult, F> = SettingOption<WechatSettingResult, F>>(option?: T): Promisified<T, WechatSettingResult>;
  openSetting<T extends SettingOption<WechatSettingResult, F> = SettingOption<WechatSettingResult, F>>(option?: T): Promisified<T, WechatSettingResult>;
}

// --- gated APIs' options and results, as the platforms document them (WeChat's field names and
// types follow miniprogram-api-typings, so `auth.api` fits `WechatMiniprogram.Wx`) ----------------

export interface GetLocationOption {
  /** `'wgs84'` (default) or `'gcj02'`. */
  type?: string;
  altitude?: boolean;
  isHighAccuracy?: boolean;
  highAccuracyExpireTime?: number;
}
export interface GetLocationSuccess extends WechatResult {
  latitude: number;
  longitude: number;
  speed: number;
  accuracy: number;
  altitude: number;
  verticalAccuracy: number;
  horizontalAccuracy: number;
}
export interface ChooseLocationOption {
  latitude?: number;
  longitude?: number;
}
export interface ChooseLocationSuccess extends WechatResult {
  name: string;
  address: string;
  latitude: number;
  longitude: number;
}
export interface LocationUpdateOption {
  type?: string;
}
export interface FuzzyLocationSuccess extends WechatResult {
  latitude: number;
  longitude: number;
}
export interface StartRecordSuccess extends WechatResult {
  tempFilePath: string;
}
export interface JoinVoIPChatOption {
  groupId: string;
  nonceStr: string;
  signature: string;
  timeStamp: number;
  roomType?: 'voice' | 'video';
  forceCellularNetwork?: boolean;
  muteConfig?: { muteEarphone?: boolean; muteMicrophone?: boolean };
}
export interface JoinVoIPChatSuccess extends WechatResult {
  errCode: number;
  openIdList: string[];
}
export interface OpenBluetoothAdapterOption {
  mode?: 'central' | 'peripheral';
}
export interface BLEPeripheralServerSuccess extends WechatResult {
  /** The host's server object (WeChat's `BLEPeripheralServer`): the library has none of its own. */
  server: any;
}
export interface FilePathOption {
  filePath: string;
}
export interface AddPhoneContactOption {
  firstName: string;
  lastName?: string;
  middleName?: string;
  nickName?: string;
  mobilePhoneNumber?: string;
  weChatNumber?: string;
  organization?: string;
  title?: string;
  email?: string;
  url?: string;
  remark?: string;
  photoFilePath?: string;
  /** And WeChat's address and phone fields (`workAddressCity`, `homePhoneNumber`, ...). */
}
export interface AddPhoneCalendarOption {
  title: string;
  startTime: number;
  endTime?: string;
  allDay?: boolean;
  description?: string;
  location?: string;
  alarm?: boolean;
  alarmOffset?: number;
}
export interface AddPhoneRepeatCalendarOption extends AddPhoneCalendarOption {
  repeatInterval?: 'day' | 'week' | 'month' | 'year';
  repeatEndTime?: number;
}
export interface EncryptedDataSuccess extends WechatResult {
  cloudID: string;
  encryptedData: string;
  iv: string;
}
export interface ChooseAddressSuccess extends WechatResult {
  userName: string;
  postalCode: string;
  provinceName: string;
  cityName: string;
  countyName: string;
  streetName: string;
  detailInfo: string;
  detailInfoNew: string;
  nationalCode: string;
  telNumber: string;
}
export interface ChooseInvoiceTitleSuccess extends WechatResult {
  /** 0 a company, 1 a person. */
  type: 0 | 1;
  title: string;
  taxNumber: string;
  companyAddress: string;
  telephone: string;
  bankName: string;
  bankAccount: string;
}
export interface ChooseInvoiceSuccess extends WechatResult {
  invoiceInfo: string;
}
export interface GetUserInfoOption {
  lang?: UserInfoLang;
  withCredentials?: boolean;
}
export interface GetUserInfoSuccess extends EncryptedDataSuccess {
  userInfo: UserInfo;
  rawData: string;
  signature: string;
}
export interface ChooseImageOption {
  count?: number;
  sizeType?: Array<'original' | 'compressed'>;
  sourceType?: Array<'album' | 'camera'>;
}
export interface ChooseImageSuccess extends WechatResult {
  tempFilePaths: string[];
  tempFiles: Array<{ path: string; size: number }>;
}
export interface ChooseVideoOption {
  sourceType?: Array<'album' | 'camera'>;
  compressed?: boolean;
  maxDuration?: number;
  camera?: 'back' | 'front';
}
export interface ChooseVideoSuccess extends WechatResult {
  tempFilePath: string;
  duration: number;
  size: number;
  height: number;
  width: number;
}
export interface ScanCodeOption {
  onlyFromCamera?: boolean;
  scanType?: string[];
}
export interface ScanCodeSuccess extends WechatResult {
  result: string;
  scanType: string;
  charSet: string;
  path: string;
  rawData: string;
}
export interface ClipboardSuccess extends WechatResult {
  data: string;
}
/** A result the host's implementation shapes (an API no typings package describes in detail). */
export type HostResult = WechatResult & Record<string, unknown>;

/** `createVKSession`'s option (WeChat's VKConfig): handed to the host's implementation as a copy. */
export interface CreateVKSessionOption {
  /** What to track: `{ plane: { mode: 1 } }`, `{ marker: true }`, `{ face: { mode: 1 } }`, ... */
  track?: object;
  version?: 'v1' | 'v2';
  gl?: object;
}

/**
 * What `session.start`'s callback gets (WeChat's VKSession.start): 0 started; 104 the privacy
 * agreement not given; 112 the camera kind not declared in the privacy guide; 2003002 the mini
 * program's camera permission not granted (refused now or before, or the pop-up closed);
 * 2000002 no VisionKit here (no host implementation); 2000001 the option is not an object;
 * 2000000 a system error (the pop-up or the host's implementation failed). A host session's own
 * start may answer the others (1025, 1026, 2003000, 2000003, 2000004, 2003001).
 */
export type VKSessionStartStatus =
  | 0 | 104 | 112 | 1025 | 1026 | 2000000 | 2000001 | 2000002 | 2000003 | 2000004 | 2003000 | 2003001 | 2003002;

/**
 * The session `createVKSession` returns, typed as WeChat's VKSession. With a host implementation
 * (`apis.createVKSession`) it is the host's own object, its `start` replaced by one that runs the
 * camera's authorization first. Without one it is a built-in session that never starts (its start
 * answers 2000002 once authorized), with every other member present and doing nothing (`hitTest`
 * and the marker lists give `[]`, `getVKFrame` and `addMarker` undefined).
 */
export interface VKSession<C = CreateVKSessionOption> {
  state: 0 | 1 | 2 | 3;
  config: C;
  /** Runs the authorization, then the session; `callback` runs once, later, with the status. */
  start(callback: (status: VKSessionStartStatus) => void): void;
  stop(): void;
  destroy(): void;
  on(eventName: 'resize' | 'addAnchors' | 'updateAnchors' | 'removeAnchors', listener: (...args: any[]) => any): void;
  off(eventName: string, listener: (...args: any[]) => any): void;
  // The host session's (VisionKit's) own:
  cameraSize: { width: number; height: number };
  getVKFrame(width: number, height: number): any;
  requestAnimationFrame(callback: (...args: any[]) => any): number;
  cancelAnimationFrame(requestID: number): void;
  hitTest(x: number, y: number, reset: object): Array<{ transform: Float32Array }>;
  addMarker(path: string): number;
  removeMarker(markerId: number): void;
  getAllMarker(): Array<{ markerId: number; path: string }>;
  addOSDMarker(path: string): number;
  removeOSDMarker(markerId: number): void;
  getAllOSDMarker(): Array<{ markerId: number; path: string }>;
  updateOSDThreshold(threshold: number): void;
  detectBody(option: object): void;
  detectDepth(option: object): void;
  detectFace(option: object): void;
  detectHand(option: object): void;
  runOCR(option: object): void;
  setDepthOccRange(threshold: number): void;
  update3DMode(option: object): void;
  updateMaskMode(option: object): void;
}

/** `wx`'s gated APIs (a mini program), F its failure shape. */
export interface WechatGatedApis<F = WechatResult> {
  getUserInfo: GatedApi<GetUserInfoOption, GetUserInfoSuccess, F>;
  getLocation: GatedApi<GetLocationOption, GetLocationSuccess, F>;
  chooseLocation: GatedApi<ChooseLocationOption, ChooseLocationSuccess, F>;
  startLocationUpdate: GatedApi<LocationUpdateOption, WechatResult, F>;
  getFuzzyLocation: GatedApi<LocationUpdateOption, FuzzyLocationSuccess, F>;
  startLocationUpdateBackground: GatedApi<LocationUpdateOption, WechatResult, F>;
  startRecord: GatedApi<{}, StartRecordSuccess, F>;
  joinVoIPChat: GatedApi<JoinVoIPChatOption, JoinVoIPChatSuccess, F>;
  /**
   * A session API: returns a VKSession at once (the host's `apis.createVKSession(option)`, called
   * at once, or a built-in one); the camera is asked for when the app calls `session.start`.
   */
  createVKSession<C extends CreateVKSessionOption = CreateVKSessionOption>(option?: C): VKSession<C>;
  openBluetoothAdapter: GatedApi<OpenBluetoothAdapterOption, WechatResult & { errCode: number }, F>;
  createBLEPeripheralServer: GatedApi<{}, BLEPeripheralServerSuccess, F>;
  saveImageToPhotosAlbum: GatedApi<FilePathOption, WechatResult, F>;
  saveVideoToPhotosAlbum: GatedApi<FilePathOption, WechatResult, F>;
  addPhoneContact: GatedApi<AddPhoneContactOption, WechatResult, F>;
  addPhoneCalendar: GatedApi<AddPhoneCalendarOption, WechatResult, F>;
  addPhoneRepeatCalendar: GatedApi<AddPhoneRepeatCalendarOption, WechatResult, F>;
  getWeRunData: GatedApi<{}, EncryptedDataSuccess, F>;
  chooseAddress: GatedApi<{}, ChooseAddressSuccess, F>;
  chooseInvoiceTitle: GatedApi<{}, ChooseInvoiceTitleSuccess, F>;
  chooseInvoice: GatedApi<{}, ChooseInvoiceSuccess, F>;
}

/** `wx` of a mini program (`platform: 'wechat'`). */
export interface WechatApi extends AuthorizationApi, WechatGatedApis {}

/** The camera, album and scan APIs Kuaishou, Baidu and ByteDance gate. */
export interface MediaGatedApis<F> {
  chooseImage: GatedApi<ChooseImageOption, ChooseImageSuccess, F>;
  chooseVideo: GatedApi<ChooseVideoOption, ChooseVideoSuccess, F>;
  scanCode: GatedApi<ScanCodeOption, ScanCodeSuccess, F>;
}

/** `ks` (Kuaishou). */
export interface KuaishouApi
  extends AuthorizationApi,
    Pick<WechatGatedApis, 'getUserInfo' | 'getLocation' | 'chooseLocation' | 'startLocationUpdateBackground' | 'startRecord' | 'saveImageToPhotosAlbum' | 'saveVideoToPhotosAlbum'>,
    MediaGatedApis<WechatResult> {}

/** `swan` (Baidu): failures carry `errCode`. */
export interface BaiduApi
  extends AuthorizationApi<BaiduFail>,
    Pick<WechatGatedApis<BaiduFail>, 'getUserInfo' | 'getLocation' | 'chooseLocation' | 'saveImageToPhotosAlbum' | 'saveVideoToPhotosAlbum' | 'chooseAddress' | 'chooseInvoiceTitle' | 'startRecord'>,
    MediaGatedApis<BaiduFail> {
  addEventOnCalendar: GatedApi<AddPhoneCalendarOption, WechatResult, BaiduFail>;
  deleteEventOnCalendar: GatedApi<Record<string, unknown>, WechatResult, BaiduFail>;
}

/** `tt` (ByteDance / Douyin): failures carry `errNo`; authorize's success a per-scope `data`. */
export interface BytedanceApi
  extends AuthorizationApi<BytedanceFail, BytedanceAuthorizeSuccess>,
    Pick<WechatGatedApis<BytedanceFail>, 'getUserInfo' | 'getLocation' | 'chooseLocation' | 'startRecord' | 'saveImageToPhotosAlbum' | 'saveVideoToPhotosAlbum' | 'chooseAddress' | 'addPhoneCalendar'>,
    MediaGatedApis<BytedanceFail> {
  getClipboardData: GatedApi<{}, ClipboardSuccess, BytedanceFail>;
  setClipboardData: GatedApi<{ data: string }, WechatResult, BytedanceFail>;
}

export interface UserInfoButtonStyle {
  left?: number;
  top?: number;
  width?: number;
  height?: number;
  backgroundColor?: string;
  borderColor?: string;
  borderWidth?: number;
  borderRadius?: number;
  color?: string;
  textAlign?: 'left' | 'center' | 'right';
  fontSize?: number;
  lineHeight?: number;
}

export interface CreateUserInfoButtonOption {
  type: 'text' | 'image';
  text?: string;
  /** Required for `type: 'image'`. */
  image?: string;
  style: UserInfoButtonStyle;
  lang?: UserInfoLang;
  /** Default true: the result carries `encryptedData` and `iv` (fake, well-formed). */
  withCredentials?: boolean;
}

export interface UserInfoTapSuccess extends WechatResult {
  userInfo: UserInfo;
  /** `JSON.stringify(userInfo)`. */
  rawData: string;
  /** 40 hex digits; no real signature. */
  signature: string;
  /** Base64, whole AES blocks; not decryptable. Absent with `withCredentials: false`. */
  encryptedData?: string;
  iv?: string;
}

/** `{ errMsg: 'getUserInfo:ok', ... }` or `{ errMsg: 'getUserInfo:fail auth deny' }`. */
export type UserInfoTapResult = UserInfoTapSuccess | WechatResult;

export interface UserInfoButton {
  readonly type: 'text' | 'image';
  text?: string;
  image?: string;
  style: UserInfoButtonStyle;
  /** The <button> in a page; `null` in Node. */
  readonly element: HTMLButtonElementLike | null;
  onTap(listener: (result: UserInfoTapResult) => void): void;
  /** Removes `listener`, or every listener when none is given. */
  offTap(listener?: (result: UserInfoTapResult) => void): void;
  show(): void;
  hide(): void;
  destroy(): void;
  /** Stands in for the user's tap (tests, Node): resolves with what the listeners got; `undefined` once destroyed. */
  tap(): Promise<UserInfoTapResult | undefined>;
}

/** `wx` of a mini game: its gated APIs, and `createUserInfoButton` (the only way to grant scope.userInfo). */
export interface MinigameApi
  extends AuthorizationApi,
    Pick<WechatGatedApis, 'getUserInfo' | 'getLocation' | 'getFuzzyLocation' | 'getWeRunData' | 'startRecord' | 'saveImageToPhotosAlbum'> {
  getFriendCloudStorage: GatedApi<{ keyList: string[] }, WechatResult & { data: unknown[] }>;
  getGameClubData: GatedApi<{ dataTypeList: Array<{ type: number; subKey?: string }> }, EncryptedDataSuccess>;
  createUserInfoButton(option: CreateUserInfoButtonOption): UserInfoButton;
  /** With a `privacy` configuration: a session API there too (see WechatGatedApis). */
  createVKSession?<C extends CreateVKSessionOption = CreateVKSessionOption>(option?: C): VKSession<C>;
}

export interface GetAuthCodeOption extends Callbacks<AuthCodeResult, AlipayFail> {
  /** `auth_base` (silent, the default), `auth_user`, `auth_zhima`; one or several. */
  scopes?: string | string[];
}

/** What Alipay's gated APIs give: the host's object, no errMsg required. */
export type AlipayResult = Record<string, unknown>;

/** Alipay's `my`: getAuthCode, the settings, and the APIs behind device permissions. */
export interface AlipayApi {
  getAuthCode<T extends GetAuthCodeOption = GetAuthCodeOption>(option?: T): Promisified<T, AuthCodeResult>;
  getSetting<T extends Callbacks<AlipaySettingResult, AlipayFail> = Callbacks<AlipaySettingResult, AlipayFail>>(option?: T): Promisified<T, AlipaySettingResult>;
  openSetting<T extends Callbacks<AlipaySettingResult, AlipayFail> = Callbacks<AlipaySettingResult, AlipayFail>>(option?: T): Promisified<T, AlipaySettingResult>;
  getOpenUserInfo: GatedApi<{}, AlipayResult & { response: string }, AlipayFail>;
  getLocation: GatedApi<{ type?: 0 | 1 | 2 | 3; cacheTimeout?: number }, AlipayResult & { longitude: string; latitude: string; accuracy: string }, AlipayFail>;
  chooseLocation: GatedApi<{ latitude?: number; longitude?: number }, AlipayResult & { name: string; address: string; longitude: number; latitude: number }, AlipayFail>;
  chooseImage: GatedApi<{ count?: number; sourceType?: Array<'album' | 'camera'> }, AlipayResult & { apFilePaths: string[]; tempFilePaths: string[] }, AlipayFail>;
  chooseVideo: GatedApi<{ sourceType?: Array<'album' | 'camera'>; maxDuration?: number }, AlipayResult & { tempFilePath: string; duration: number; size: number }, AlipayFail>;
  scan: GatedApi<{ scanType?: string[]; hideAlbum?: boolean }, AlipayResult & { code: string }, AlipayFail>;
  saveImage: GatedApi<{ url: string }, AlipayResult, AlipayFail>;
  saveImageToPhotosAlbum: GatedApi<FilePathOption, AlipayResult, AlipayFail>;
  saveVideoToPhotosAlbum: GatedApi<FilePathOption, AlipayResult, AlipayFail>;
  startRecord: GatedApi<{}, AlipayResult, AlipayFail>;
  getRunData: GatedApi<{}, AlipayResult & { response: string }, AlipayFail>;
  getPhoneNumber: GatedApi<{}, AlipayResult & { response: string }, AlipayFail>;
  getAddress: GatedApi<{}, AlipayResult & { result: Record<string, unknown> }, AlipayFail>;
}

/** A custom profile's facade: WeChat-shaped calls, and whatever gated APIs its scopes name. */
export type CustomApi = AuthorizationApi<any, any> & { [api: string]: GatedApi<Record<string, unknown>, HostResult, any> | undefined };

export type ApiOf<P> = P extends 'wechat-minigame'
  ? MinigameApi
  : P extends 'alipay'
    ? AlipayApi
    : P extends 'bytedance'
      ? BytedanceApi
      : P extends 'baidu'
        ? BaiduApi
        : P extends 'kuaishou'
          ? KuaishouApi
          : P extends 'wechat'
            ? WechatApi
            : P extends { base: 'alipay' } | { style: 'alipay' }
              ? AlipayApi & { [api: string]: GatedApi<Record<string, unknown>, AlipayResult, AlipayFail> | undefined }
              : P extends CustomPlatform
                ? CustomApi
                : WechatApi;

// --- the Authorizer ----------------------------------------------------------------------------

export interface ScopeDescription {
  scope: string;
  settingKey: string;
  label: string;
  apis: string[];
  rule: ScopeRule;
  needsDesc: boolean;
}

export declare class Authorizer<P extends BuiltinPlatform | CustomPlatform = 'wechat'> {
  private constructor();
  /** `wechat`, `alipay`, ... or the custom profile's name. */
  readonly platform: string;
  /** The global the platform's API object lives in: `wx`, `my`, `tt`, `swan`, `ks`, `bn`. */
  readonly global: string;
  readonly style: Style;
  readonly appId: string;
  readonly userId: string;
  readonly appName: string;
  readonly storage: 'indexeddb' | 'memory';
  readonly scopes: ScopeDescription[];
  /** The facade's session APIs (`['createVKSession']` on WeChat): each returns a session at once. */
  readonly sessionApis: string[];
  /** Shaped like the platform's global (`auth.install()` puts it there). */
  readonly api: ApiOf<P>;
  /**
   * Every request the `prompt` option was asked, in order, with the answer it gave (`undefined`
   * while pending, or when it failed).
   */
  readonly prompts: PromptRecord[];

  /**
   * Puts the platform's API into `target` (default `globalThis[auth.global]`, made when missing):
   * an object a test tool or framework made (miniprogram-simulate's `wx`, Taro H5's `Taro`,
   * uni-app's `uni`). Replaces only the authorization APIs, the gated APIs the host serves
   * (`apis`), and — behind the authorization check — the gated APIs the target already has;
   * keeps everything else. Returns `uninstall`, which puts back what it replaced (and removes the
   * global it made).
   */
  install(target?: object): () => void;

  /** The platform's authorize (Alipay: getAuthCode, which takes `{ scope }` too). */
  authorize<T extends Callbacks<any, any> & { scope?: string; scopes?: string | string[] }>(option: T): Promisified<T, any>;
  getSetting<T extends Callbacks<any, any> & { withSubscriptions?: boolean } = {}>(option?: T): Promisified<T, any>;
  openSetting<T extends Callbacks<any, any> & { withSubscriptions?: boolean } = {}>(option?: T): Promisified<T, any>;

  stateOf(scope: string): ScopeState;
  /** Sets a scope's state as the user would; `'prompt'` forgets the decision. */
  setState(scope: string, state: ScopeState): Promise<void>;
  /** The user deleted the mini program: every decision of this app and user is forgotten. */
  reset(): Promise<void>;
  /** Returns `off`. */
  onChange(listener: (change: ChangeEvent) => void): () => void;
  onError(listener: (error: Error) => void): () => void;
  close(): void;
}

/** Loads the wasm core (once); createAuthorizer does it for you. */
export function ready(): Promise<void>;

/** Opens an authorizer for one app and user; rejects with an Error naming a wrong option. */
export function createAuthorizer<const P extends BuiltinPlatform | CustomPlatform = 'wechat'>(
  options: AuthorizerOptions<P>,
): Promise<Authorizer<P>>;

// --- the @uni form (seed 004) -------------------------------------------------------------------

/** `@uni/authorize`'s scope list (its own `types.ts`, plus the matrix's calendar and werun). */
export type UniScope =
  | 'scope.userInfo'
  | 'scope.userLocation'
  | 'scope.userLocationBackground'
  | 'scope.werun'
  | 'scope.record'
  | 'scope.writePhotosAlbum'
  | 'scope.camera'
  | 'scope.calendar'
  | 'auth_base'
  | 'auth_zhima';

/** Alipay: seed 004's Response. Elsewhere: the platform's `authorize` result (@uni itself gives `undefined`). */
export type UniAuthorizeResult = AuthCodeResult | WechatResult | BytedanceAuthorizeSuccess;
export type UniAuthorizeFail = WechatResult | BaiduFail | BytedanceFail | AlipayFail;

export interface UniAuthorizeOptions {
  /** Default `'auth_base'`, as @uni's. Any string the platform knows is accepted. */
  scope?: UniScope | (string & {});
  success?: (res?: UniAuthorizeResult) => void;
  fail?: (res: UniAuthorizeFail) => void;
  complete?: (res?: UniAuthorizeResult | UniAuthorizeFail) => void;
}

/**
 * `import { authorize } from 'miniprogram-authorize'`: @uni's authorize over a default authorizer.
 * Always returns a Promise (callbacks or not), rejecting with the platform's fail object.
 */
export function authorize(options?: UniAuthorizeOptions): Promise<UniAuthorizeResult | undefined>;

/**
 * The default authorizer's options, over `{ appId: 'uni-app', platform: 'wechat' }` (storage 'auto'):
 * closes the previous one and resolves with the new one.
 */
export function configure<const P extends BuiltinPlatform | CustomPlatform = 'wechat'>(
  options?: Partial<AuthorizerOptions<P>>,
): Promise<Authorizer<P>>;

// =================================================================================================
// WeChat's privacy layer (base library 2.32.3+), getUserProfile (2.10.4+) and `baseLibrary`
// (issue 12). Kept in this block of its own: the interfaces below merge into `AuthorizerOptions`,
// `WechatApi` and `Authorizer` declared above.
// =================================================================================================

/** A kind of personal data a privacy guide declares (src/privacy.rs KINDS). */
export type PrivacyKind =
  | 'userInfo' | 'location' | 'chosenLocation' | 'address' | 'invoice' | 'werun' | 'phoneNumber'
  | 'licensePlate' | 'album' | 'record' | 'camera' | 'bluetooth' | 'writePhotosAlbum'
  | 'addPhoneContact' | 'addPhoneCalendar' | 'clipboard';

/** The app's privacy guide. Without it, no privacy layer (as before base library 2.32.3). */
export interface PrivacyOptions {
  /** Default `《<appName>小程序隐私保护指引》`. */
  privacyContractName?: string;
  /** The kinds of personal data the app uses: `'all'` (default), or kinds, each named by its name or by a scope or API of it (`'scope.camera'`, `'chooseImage'`). */
  declared?: 'all' | Array<PrivacyKind | (string & {})>;
  /** Mini game (game.json): seconds without the official pop-up after a refusal in it; default 10, lower values read as 10. */
  officialPrivacyAuthorizationShowingGap?: number;
}

/** A declared kind as the pop-up and the contract page word it. */
export interface PrivacyKindInfo {
  kind: string;
  label: string;
  labelZh: string;
}

export interface PrivacyContractRequest {
  appId: string;
  appName: string;
  platform: string;
  privacyContractName: string;
  declared: PrivacyKindInfo[];
}

/** What the official privacy pop-up (`privacyPrompt`) is asked. */
export interface PrivacyPromptRequest extends PrivacyContractRequest {
  /** The API that needs the agreement, e.g. `getLocation`. */
  referrer: string;
  /** Aborted when the prompt times out. */
  signal?: AbortSignalLike;
  /** Shows the contract page (the pop-up's link). */
  openPrivacyContract(): Promise<void>;
}

export type PrivacyPromptAnswer = 'agree' | 'disagree';

export interface AuthorizerOptions<P extends BuiltinPlatform | CustomPlatform = BuiltinPlatform | CustomPlatform> {
  /** WeChat's base library, e.g. `'2.32.3'` (WeChat platforms only). Default `'3.17.0'`. */
  baseLibrary?: string;
  /** WeChat's privacy layer (WeChat platforms only). */
  privacy?: PrivacyOptions;
  /** The official privacy pop-up. Default in a page: the built-in one; in Node none (privacy APIs fail with errno 104). */
  privacyPrompt?: (request: PrivacyPromptRequest) => PrivacyPromptAnswer | Promise<PrivacyPromptAnswer>;
  /** The contract page behind openPrivacyContract. Default in a page: the built-in one. */
  privacyContract?: (request: PrivacyContractRequest) => void | Promise<void>;
}

/** A privacy failure: `errno` 104 (not agreed) or 112 (the kind is not declared) beside `errMsg`. */
export interface PrivacyFail extends WechatResult {
  errno?: number;
}

export interface GetPrivacySettingSuccess extends WechatResult {
  needAuthorization: boolean;
  privacyContractName: string;
}

/** What the listener's `resolve` takes. */
export interface PrivacyResolveOption {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  /** With `event: 'agree'` in a mini program: the id of the agree button the user tapped. */
  buttonId?: string;
}

/**
 * `wx.onNeedPrivacyAuthorization`'s listener as the platform calls it: `(resolve, eventInfo)`.
 * miniprogram-api-typings types it `(res: GeneralCallbackResult) => void`, which is wrong
 * (wechat-miniprogram/api-typings#309); this is Taro's and the documentation's shape.
 */
export type NeedPrivacyAuthorizationListener = (
  resolve: (option: PrivacyResolveOption) => void,
  eventInfo: { referrer: string },
) => void;

/** getUserProfile's options; `success` gets a GetUserProfileSuccess (typed loosely so that
 * miniprogram-api-typings' options, whose result also names `cloudID`, fit). */
export interface GetUserProfileOption extends Callbacks<any, WechatResult> {
  /** Shown in the pop-up; at most 30 characters. */
  desc: string;
  lang?: UserInfoLang;
}

/** miniprogram-api-typings' result also requires `cloudID`, which WeChat gives cloud-development apps only. */
export interface GetUserProfileSuccess extends WechatResult {
  userInfo: UserInfo;
  rawData: string;
  signature: string;
  encryptedData: string;
  iv: string;
}

export interface WechatApi<S = WechatResult, F = WechatResult, A = S> {
  /** Since base library 2.10.4 (mini program only): a pop-up on every call, inside a user tap. */
  getUserProfile?<T extends GetUserProfileOption = GetUserProfileOption>(option: T): Promisified<T, GetUserProfileSuccess>;
  /** With a `privacy` configuration (base library 2.32.3+). The real platform has no Promise form; this one has. */
  getPrivacySetting?<T extends Callbacks<GetPrivacySettingSuccess, PrivacyFail> = Callbacks<GetPrivacySettingSuccess, PrivacyFail>>(option?: T): Promisified<T, GetPrivacySettingSuccess>;
  requirePrivacyAuthorize?<T extends Callbacks<WechatResult, PrivacyFail> = Callbacks<WechatResult, PrivacyFail>>(option?: T): Promisified<T, WechatResult>;
  onNeedPrivacyAuthorization?(listener: NeedPrivacyAuthorizationListener): void;
  openPrivacyContract?<T extends Callbacks<WechatResult, WechatResult> = Callbacks<WechatResult, WechatResult>>(option?: T): Promisified<T, WechatResult>;
}

/** `auth.privacy`: the privacy layer's host and test hooks. */
export interface PrivacyHooks {
  /** `getPrivacySetting`'s `needAuthorization`, now. */
  readonly needAuthorization: boolean;
  readonly privacyContractName: string;
  readonly declared: readonly PrivacyKindInfo[];
  /** The user agrees (as in the official pop-up); resolves once it is durable. */
  agree(): Promise<void>;
  /** Each declared kind and whether the user agreed to it now. */
  readonly kinds: readonly (PrivacyKindInfo & { agreed: boolean })[];
  /** Withdraws the agreement (an emulator's "not agreed"): the next privacy API asks again. Scope decisions stay. */
  clear(): Promise<void>;
  /** Hears the agreement to each kind change, here or in another tab (`source: 'other-tab'`); returns `off`. */
  onChange(listener: (change: { kind: string; state: 'granted' | 'prompt' | 'denied'; previous: 'granted' | 'prompt' | 'denied'; source: string }) => void): () => void;
  /** Stands for a user's tap on `<button open-type="agreePrivacyAuthorization" id={buttonId}>` (Node, tests). */
  tapAgreeButton(buttonId?: string): Promise<void>;
  /** Stands for a user's click: the mini game's `resolve({ event: 'agree' })` needs one first. */
  click(): void;
  /** Makes a real element the agree button: a trusted click records the agreement, then fires `agreeprivacyauthorization` on it. Returns `unbind`. */
  bindAgreeButton(element: HTMLElementLike): () => void;
  /** Hears `tapAgreeButton`'s taps (`bindagreeprivacyauthorization`); returns `off`. */
  onAgreePrivacyAuthorization(listener: (detail: { buttonId: string }) => void): () => void;
}

export interface Authorizer<P extends BuiltinPlatform | CustomPlatform = 'wechat'> {
  /** WeChat's base library in force (`baseLibrary`). */
  readonly baseLibrary: string;
  /** The privacy layer's hooks; null without a `privacy` configuration (or below 2.32.3). */
  readonly privacy: PrivacyHooks | null;
}
