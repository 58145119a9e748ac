// The `@uni/authorize` calling form of seed 004, over a default authorizer:
//
//   import { authorize, configure } from 'miniprogram-authorize';
//   authorize({ scope: 'scope.userLocation', success, fail, complete });
//   authorize({ scope: 'scope.userLocation' }).then((res) => ...);
//
// It does what @uni's own code does (raxjs/universal-api src/packages/open/authorize, research §4):
// `scope` defaults to 'auth_base'; on Alipay the scope becomes getAuthCode's (auth_base and
// auth_zhima pass through, every other scope is auth_user) and the call resolves with
// `{ authCode, authErrorScopes, authSuccessScopes }`; on ByteDance scope.writePhotosAlbum becomes
// scope.album; elsewhere the scope passes through. A Promise is returned in both forms, and a
// failure rejects it with the platform's own fail object.
//
// One difference: @uni calls `success()` with no argument on WeChat, ByteDance, Baidu and Kuaishou;
// here `success` and the Promise get the platform's result object (`{ errMsg: 'authorize:ok' }`,
// ByteDance's with `data`), which code written for `undefined` ignores.

/** @uni's Alipay scope map: these pass through, every other scope becomes `auth_user`. */
const ALIPAY_SCOPES = { auth_base: 'auth_base', auth_zhima: 'auth_zhima' };
const ALIPAY_OTHER_SCOPE = 'auth_user';
/** @uni's ByteDance scope map. */
const BYTEDANCE_SCOPES = { 'scope.writePhotosAlbum': 'scope.album' };
/** @uni's default scope on every platform (common.ts `styleOptions`). */
const DEFAULT_SCOPE = 'auth_base';

/**
 * The default authorizer's options. `storage` is left to 'auto': IndexedDB where there is one,
 * memory otherwise. On WeChat (the default platform) the location scope gets a usage description,
 * as app.json's `permission` would give it, so seed 004's example can prompt out of the box.
 */
const DEFAULTS = { appId: 'uni-app', platform: 'wechat' };
const DEFAULT_PERMISSION = { 'scope.userLocation': { desc: 'Used by this mini program' } };

let options = DEFAULTS;
let current = null;

function withDefaults(given) {
  const merged = { ...DEFAULTS, ...given };
  if (merged.permission === undefined && merged.platform === DEFAULTS.platform) merged.permission = DEFAULT_PERMISSION;
  return merged;
}

/**
 * Sets the default authorizer's options (those of `createAuthorizer`, over `{ appId: 'uni-app',
 * platform: 'wechat' }`) and opens it with `create` (index.js's createAuthorizer). The previous
 * default authorizer, if any, is closed. Resolves with the new authorizer, for its host hooks
 * (`setState`, `reset`, events); rejects with createAuthorizer's Error when the options are wrong.
 */
export function configure(given = {}, create) {
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    return Promise.reject(new TypeError('configure: options must be an object'));
  }
  const previous = current;
  options = withDefaults(given);
  current = null;
  previous?.then((authorizer) => authorizer.close(), () => {});
  return defaultAuthorizer(create);
}

/**
 * The default authorizer, opened on first use with `create`. index.js, which loads this module on
 * first use, hands its createAuthorizer in: importing index.js from here would make the two import
 * each other.
 */
export function defaultAuthorizer(create) {
  const given = options === DEFAULTS ? withDefaults({}) : options;
  current ??= Promise.resolve(given).then(create);
  return current;
}

function call(authorizer, scope) {
  if ('getAuthCode' in authorizer.api) {
    const scopes = typeof scope === 'string' ? (ALIPAY_SCOPES[scope] ?? ALIPAY_OTHER_SCOPE) : scope;
    return authorizer.api.getAuthCode({ scopes });
  }
  const mapped = authorizer.style === 'bytedance' && typeof scope === 'string' ? (BYTEDANCE_SCOPES[scope] ?? scope) : scope;
  return authorizer.api.authorize({ scope: mapped });
}

function run(callback, value) {
  if (typeof callback !== 'function') return;
  try {
    callback(value);
  } catch (error) {
    toConsole('miniprogram-authorize (authorize callback):', error);
  }
}

/** The console, never throwing (an Error whose `stack` throws, say). */
function toConsole(...args) {
  try {
    console.error(...args);
  } catch {}
}

/** `object[name]` when it is an own property, read once; undefined when absent or unreadable. */
function own(object, name) {
  try {
    return Object.hasOwn(object, name) ? object[name] : undefined;
  } catch {
    return undefined;
  }
}

/** What a call came to, never thenable (no prototype: a planted `then` cannot change it). */
const outcome = (ok, value) => Object.assign(Object.create(null), { ok, value });

/**
 * `@uni/authorize`'s `authorize({ scope, success?, fail?, complete? })`. Always returns a Promise;
 * when callbacks are given they run too, and the Promise's rejection needs no handler. When the
 * default authorizer cannot be opened (a wrong `configure()`), the Promise rejects with that Error
 * and no callback runs.
 */
export function authorize(given, create) {
  // Own properties only, each read once: a getter or Proxy trap that throws is a property left out.
  const readable = (typeof given === 'object' && given !== null) || typeof given === 'function';
  const [scope, success, fail, complete] = ['scope', 'success', 'fail', 'complete'].map((name) => (readable ? own(given, name) : undefined));
  const settled = defaultAuthorizer(create).then((authorizer) => call(authorizer, scope === undefined ? DEFAULT_SCOPE : scope)
    .then((value) => outcome(true, value), (value) => outcome(false, value)));
  settled.then(({ ok, value }) => {
    run(ok ? success : fail, value);
    run(complete, value);
  }, () => {});
  const result = settled.then(({ ok, value }) => (ok ? value : Promise.reject(value)));
  if ([success, fail, complete].some((callback) => typeof callback === 'function')) {
    // The callbacks heard the failure. An Error is no failure of the platform's but a wrong
    // configure(): the callbacks do not run, so say it here.
    result.catch((reason) => {
      if (reason instanceof Error) toConsole('miniprogram-authorize:', reason);
    });
  }
  return result;
}

