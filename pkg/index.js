// miniprogram-authorize: the JS shim over the wasm core.
//
// It adapts calling forms (callbacks or a Promise), checks argument types, queues prompts and
// fans out events. What a state means, and every result object and errMsg, comes from the wasm
// `Authorizer` (src/wasm/authorizer.rs).
import initWasm, { openAuthorizer, outcomeCodes, Authorizer as WasmAuthorizer } from './wasm/miniprogram_authorize.js';

// The @uni calling form of seed 004: `import { authorize, configure } from 'miniprogram-authorize'`.
// Both return Promises, so pkg/uni.js is loaded on first use, not with the core.
export function authorize(options) {
  return import('./uni.js').then((uni) => uni.authorize(options));
}

export function configure(options) {
  return import('./uni.js').then((uni) => uni.configure(options));
}

// The mini game's user-info button and the host's user info: loaded on first use, not with the core.
let userInfoModule;
const loadUserInfo = () => (userInfoModule ??= import('./user-info-button.js'));
// An authorize of several scopes (Alipay's getAuthCode, ByteDance's comma-separated scopes): loaded
// when an authorizer in those styles is created, not with the core.
let manyModule;
const loadMany = () => (manyModule ??= import('./authorize-many.js'));

const AUTHORIZE = 0;
const GET_SETTING = 1;
const OPEN_SETTING = 2;
const UNKNOWN_SCOPE = 0xffffffff;
const STATES = ['prompt', 'granted', 'denied'];
// What the core's settle() takes: an answer's index (-1: not one).
const ANSWERS = ['accept', 'reject', 'dismiss'];
const DEFAULT_PROMPT_TIMEOUT = 60_000;
// Past this many distinct unknown scope strings, stop remembering them (a caller looping over
// garbage must not grow memory without bound).
const MAX_REMEMBERED_UNKNOWN_SCOPES = 1024;

let loading;
let CODE;
// CODE.proceed and CODE.prompt, read once: the hot path compares against them on every call.
let PROCEED = -1;
let PROMPT = -1;

/** Loads and instantiates the wasm core once. Node reads the file; browsers fetch it. */
export function ready() {
  loading ??= (async () => {
    const url = new URL('./wasm/miniprogram_authorize_bg.wasm', import.meta.url);
    const source = url.protocol === 'file:'
      ? await (await import(/* @vite-ignore */ 'node:fs/promises')).readFile(url)
      : url;
    await initWasm({ module_or_path: source });
    CODE = outcomeCodes();
    PROCEED = CODE.proceed;
    PROMPT = CODE.prompt;
  })();
  return loading;
}

// Fetch and compile the wasm while the page goes on loading: createAuthorizer then finds it ready.
// A failure here is not lost: createAuthorizer awaits the same promise and rejects with it.
ready().catch(() => {});

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
// Any object carrying a callback chooses the callback form, even one that is a parameter error
// (an array): otherwise the caller's callbacks never run and the returned Promise rejects unheard.
const hasCallbacks = (options) => typeof options === 'object' && options !== null
  && (typeof options.success === 'function' || typeof options.fail === 'function' || typeof options.complete === 'function');

/** A settled call: whether it succeeded and the object `success` / `fail` / `complete` get. */
class Settled {
  constructor(ok, reply) {
    this.ok = ok;
    this.reply = reply;
  }
}

/** A deep copy of plain data (objects, arrays, primitives), the kind the core hands out. */
function copyPlain(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  const copy = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain(value[key]);
  return copy;
}

function copyReply(reply) {
  const copy = { ...reply };
  if (reply.data !== undefined) copy.data = { ...reply.data };
  return copy;
}

/**
 * getSetting / openSetting's `withSubscriptions: true`: no subscription message is modelled, so the
 * main switch is on and no template has a setting.
 */
function withSubscriptions(reply, options) {
  if (options?.withSubscriptions === true) reply.subscriptionsSetting = { mainSwitch: true, itemSettings: {} };
}

function describeValue(value) {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? Object.prototype.toString.call(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

function errorMessage(error) {
  if (error instanceof Error) return error.message || error.name;
  return describeValue(error);
}

function optionError(option, reason) {
  return new TypeError(`createAuthorizer: option ${option} ${reason}`);
}

/** The options only the shim uses, checked before the core sees the rest. */
function readHooks(options) {
  if (!isObject(options)) throw optionError('options', 'must be an object');
  const { prompt, settings, apis, promptTimeout, requireUserTap, onChange, onError, userInfo } = options;
  for (const [name, value] of Object.entries({ prompt, settings, onChange, onError })) {
    if (value !== undefined && typeof value !== 'function') throw optionError(name, 'must be a function');
  }
  if (apis !== undefined && !isObject(apis)) throw optionError('apis', 'must be an object of API implementations');
  for (const [name, value] of Object.entries(apis ?? {})) {
    if (typeof value !== 'function') throw optionError(`apis.${name}`, 'must be a function');
  }
  if (promptTimeout !== undefined && !(typeof promptTimeout === 'number' && promptTimeout >= 0 && Number.isFinite(promptTimeout))) {
    throw optionError('promptTimeout', 'must be a number of milliseconds (0: no timeout)');
  }
  if (requireUserTap !== undefined && typeof requireUserTap !== 'boolean') throw optionError('requireUserTap', 'must be a boolean');
  if (userInfo !== undefined && typeof userInfo !== 'function' && !isObject(userInfo)) {
    throw optionError('userInfo', 'must be an object or a function returning one');
  }
  return {
    prompt,
    settings,
    apis: { ...apis },
    promptTimeout: promptTimeout ?? DEFAULT_PROMPT_TIMEOUT,
    requireUserTap: requireUserTap ?? true,
    onChange,
    onError,
    userInfo,
  };
}

const TIMED_OUT = Symbol('timed out');

function withTimeout(promise, ms) {
  if (!ms) return promise;
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, TIMED_OUT); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Creates an authorizer for one app and user. Rejects with an Error naming the option when the
 * options are wrong, or the storage problem when `storage: 'indexeddb'` cannot be had.
 */
export async function createAuthorizer(options) {
  const hooks = readHooks(options);
  await ready();
  let core;
  try {
    core = await openAuthorizer(options);
  } catch (error) {
    throw new Error(`createAuthorizer: ${errorMessage(error)}`);
  }
  const description = core.describe();
  // createUserInfoButton answers synchronously, so its module must be here before the facade is.
  const buttons = description.userInfoButton ? await loadUserInfo() : null;
  const many = description.style === 'alipay' || description.style === 'bytedance' ? await loadMany() : null;
  return new Authorizer(core, hooks, options, description, buttons, many);
}

export class Authorizer {
  #core;
  #hooks;
  #scopeIds = new Map();
  #unknownScopes = 0;
  #replies = new Map();
  /**
   * The hot path's memo: scope id → the code `check(AUTHORIZE, id)` gave, until decisions change.
   * The core changes them only inside the calls #changing wraps (settle, setState, reset,
   * applySettings, refresh): the memo is emptied when one starts and when it settles, and left
   * empty while one is in flight. Any new core call that can change a decision goes through
   * #changing too.
   */
  #outcomes = [];
  /** getSetting's reply, remembered and forgotten like #outcomes (undefined: ask the core). */
  #authSetting;
  #changesInFlight = 0;
  #listeners = { change: new Set(), error: new Set() };
  #pending = new Map();
  #queue = Promise.resolve();
  #channel = null;
  #defaultUi = null;
  #warnedNoPrompt = false;
  #style;
  /** `authorize({ scope })` of one scope whose reply has no per-scope `data` (not Alipay, not ByteDance). */
  #plainAuthorize;
  #container;
  /** pkg/user-info-button.js, on a platform with the user-info button. */
  #buttons;
  /** pkg/authorize-many.js on Alipay and ByteDance, and what it drives here (#manyHost). */
  #many;
  #host;

  constructor(core, hooks, options, description, buttons, many) {
    if (!(core instanceof WasmAuthorizer)) throw new TypeError('use createAuthorizer()');
    this.#core = core;
    this.#hooks = hooks;
    this.#buttons = buttons;
    this.#many = many;
    /** The platform profile: `wechat`, `alipay`, ... or a custom profile's name. */
    this.platform = description.platform;
    this.appId = description.appId;
    this.userId = description.userId;
    this.appName = description.appName;
    /** Where decisions are kept: `indexeddb` or `memory`. */
    this.storage = description.storage;
    /** The global the platform's API object lives in: `wx`, `my`, `tt`, `swan`, `ks`, or a custom one. */
    this.global = description.global;
    /** The family of result shapes: `wechat`, `kuaishou`, `bytedance`, `baidu` or `alipay`. */
    this.style = description.style;
    this.#style = description.style;
    this.#plainAuthorize = description.style !== 'alipay' && description.style !== 'bytedance';
    this.#container = options.container;
    /** The platform's scopes: `{ scope, settingKey, label, apis, rule, needsDesc }`. */
    this.scopes = description.scopes;
    if (hooks.onChange) this.#listeners.change.add(hooks.onChange);
    if (hooks.onError) this.#listeners.error.add(hooks.onError);
    /** Shaped like the platform's global (`wx`, `my`, `tt`, ...): install it as `globalThis.wx`. */
    this.api = this.#facade(description);
    for (const warning of core.takeWarnings()) this.#report(new Error(warning));
    this.#listenToOtherTabs(options);
  }

  // --- the platform's API ------------------------------------------------------------------

  /** The platform's authorize: `{ scope }`; on Alipay `getAuthCode`'s `{ scopes }` (or `{ scope }`). */
  authorize(options) {
    // The hot path: a scope seen before, already decided. A Map lookup, the core's outcome (one
    // wasm call with two integers, remembered until a decision changes: #outcomes), a fresh small
    // reply; no string crossing, and in the Promise form no Settled and no closure.
    if (this.#plainAuthorize && typeof options === 'object' && options !== null && !Array.isArray(options)) {
      const id = this.#scopeIds.get(options.scope);
      if (id !== undefined) {
        let code = this.#outcomes[id];
        if (code === undefined) {
          code = this.#core.check(AUTHORIZE, id);
          if (this.#changesInFlight === 0 && id !== UNKNOWN_SCOPE) this.#outcomes[id] = code;
        }
        if (code !== PROMPT) {
          if (!hasCallbacks(options)) {
            if (code === PROCEED) return Promise.resolve(this.#reply(AUTHORIZE, id, code));
            return Promise.reject(this.#reply(AUTHORIZE, id, code));
          }
          return this.#callBackLater(options, code === PROCEED, this.#reply(AUTHORIZE, id, code));
        }
      }
    }
    if (this.#style !== 'alipay') return this.#invoke(options, this.#authorize(options));
    return this.#invoke(options, this.#many.getAuthCode(this.#manyHost(), options));
  }

  getSetting(options) {
    return this.#invoke(options, this.#getSetting(options));
  }

  openSetting(options) {
    return this.#invoke(options, this.#openSetting(options));
  }

  // --- host and test hooks -----------------------------------------------------------------

  /** `'granted' | 'denied' | 'prompt'`, in the Permissions API's words. */
  stateOf(scope) {
    return STATES[this.#core.stateOf(this.#knownScope(scope))];
  }

  /** Sets a scope's state as the user would; `'prompt'` forgets the decision. */
  async setState(scope, state) {
    const id = this.#knownScope(scope);
    const code = STATES.indexOf(state);
    if (code < 0) throw new TypeError(`setState: state must be "granted", "denied" or "prompt" (got ${describeValue(state)})`);
    this.#publish(await this.#changing(() => this.#core.setState(id, code)), 'setState');
  }

  /** The user deleted the mini program: every decision of this app and user is forgotten. */
  async reset() {
    this.#publish(await this.#changing(() => this.#core.reset()), 'reset');
  }

  /** Calls `listener({ scope, state, previous, source })` on every change; returns `off`. */
  onChange(listener) {
    return this.#listen('change', listener);
  }

  /** Calls `listener(error)` for storage and host-handler problems; returns `off`. */
  onError(listener) {
    return this.#listen('error', listener);
  }

  /** Stops listening to other tabs and closes the database. */
  close() {
    this.#channel?.close();
    this.#channel = null;
    this.#core.close();
  }

  // --- calls -------------------------------------------------------------------------------

  /** Runs a core call that can change decisions (see #outcomes) and returns its Promise. */
  #changing(call) {
    this.#outcomes = [];
    this.#authSetting = undefined;
    this.#changesInFlight += 1;
    const settled = () => {
      this.#changesInFlight -= 1;
      this.#outcomes = [];
      this.#authSetting = undefined;
    };
    let written;
    try {
      written = call();
    } catch (error) {
      settled();
      throw error;
    }
    Promise.resolve(written).then(settled, settled);
    return written;
  }

  /** Runs a call in the form the caller chose: callbacks (returns undefined) or a Promise. */
  #invoke(options, settled) {
    if (!hasCallbacks(options)) {
      if (settled instanceof Settled) return settled.ok ? Promise.resolve(settled.reply) : Promise.reject(settled.reply);
      return settled.then((result) => (result.ok ? result.reply : Promise.reject(result.reply)));
    }
    Promise.resolve(settled).then((result) => {
      this.#callback(result.ok ? options.success : options.fail, result.reply);
      this.#callback(options.complete, result.reply);
    });
    return undefined;
  }

  /** The callback form of a call settled now: `success` or `fail`, then `complete`, in a microtask. */
  #callBackLater(options, ok, reply) {
    Promise.resolve().then(() => {
      this.#callback(ok ? options.success : options.fail, reply);
      this.#callback(options.complete, reply);
    });
    return undefined;
  }

  #callback(callback, reply) {
    if (typeof callback !== 'function') return;
    try {
      callback(reply);
    } catch (error) {
      this.#report(error);
    }
  }

  #result(api, scope, code, detail) {
    if (detail !== undefined) return new Settled(code === CODE.proceed, this.#core.reply(api, scope, code, detail));
    return new Settled(code === CODE.proceed, this.#reply(api, scope, code));
  }

  /**
   * A fresh copy of the reply to (api, scope, code) without a detail; the core words it once. A
   * reply that is only `{ errMsg }` is kept as its string and rebuilt as a literal (no spread), so
   * no caller can change what another call gets.
   */
  #reply(api, scope, code) {
    const key = (api * 0x10000 + (scope === UNKNOWN_SCOPE ? 0xffff : scope)) * 64 + code;
    let reply = this.#replies.get(key);
    if (reply === undefined) {
      reply = this.#core.reply(api, scope, code, '');
      if (typeof reply?.errMsg === 'string' && Object.keys(reply).length === 1) reply = reply.errMsg;
      this.#replies.set(key, reply);
    }
    return typeof reply === 'string' ? { errMsg: reply } : copyReply(reply);
  }

  #parameterError(api, field, expected, value) {
    return this.#result(api, 0, CODE.parameterError, WasmAuthorizer.parameterError(field, expected, value));
  }

  #scopeId(scope) {
    let id = this.#scopeIds.get(scope);
    if (id === undefined) {
      const found = this.#core.scopeId(scope);
      id = found < 0 ? UNKNOWN_SCOPE : found;
      if (found >= 0 || this.#unknownScopes++ < MAX_REMEMBERED_UNKNOWN_SCOPES) this.#scopeIds.set(scope, id);
    }
    return id;
  }

  #knownScope(scope) {
    const id = typeof scope === 'string' ? this.#scopeId(scope) : UNKNOWN_SCOPE;
    if (id === UNKNOWN_SCOPE) throw new TypeError(`${describeValue(scope)} is not a scope of ${this.platform}`);
    return id;
  }

  #authorize(options) {
    if (!isObject(options)) return this.#parameterError(AUTHORIZE, '', 'Object', options);
    const { scope } = options;
    if (typeof scope !== 'string') return this.#parameterError(AUTHORIZE, 'scope', 'String', scope);
    // tt.authorize takes comma-separated scopes and answers with a per-scope `data` map (research §1).
    if (this.#style === 'bytedance') return this.#many.authorizeMany(this.#manyHost(), scope.split(','), false);
    const id = this.#scopeId(scope);
    const code = this.#core.check(AUTHORIZE, id);
    if (code !== CODE.prompt) return this.#result(AUTHORIZE, id, code);
    return this.#ask(AUTHORIZE, id).then(({ code, detail }) => this.#result(AUTHORIZE, id, code, detail));
  }

  /** What pkg/authorize-many.js drives: the core and the prompt queue, for `authorize`. Made once. */
  #manyHost() {
    return (this.#host ??= {
      codes: CODE,
      style: this.#style,
      unknownScope: UNKNOWN_SCOPE,
      scopeId: (key) => this.#scopeId(key),
      check: (id) => this.#core.check(AUTHORIZE, id),
      ask: (id) => this.#ask(AUTHORIZE, id),
      reply: (ok, keys, codes, authCode, detail) => new Settled(ok, this.#core.replyMany(AUTHORIZE, keys, codes, authCode, detail)),
      result: (scope, code) => this.#result(AUTHORIZE, scope, code),
      parameterError: (field, expected, value) => this.#parameterError(AUTHORIZE, field, expected, value),
    });
  }

  /**
   * A tap on the mini game's user-info button: the prompt for the scope gating `getUserInfo` runs
   * unless it is granted (a refusal there is not sticky). Resolves with what `onTap` listeners get.
   */
  async #tapUserInfo(api, { lang, withCredentials }) {
    const scope = this.#core.scopeOf(api, 0);
    if (api < 0 || scope < 0) return this.#result(AUTHORIZE, UNKNOWN_SCOPE, CODE.notSupported).reply;
    let code = this.#core.checkTap(scope);
    let detail;
    if (code === CODE.prompt) ({ code, detail } = await this.#ask(api, scope, () => this.#core.checkTap(scope)));
    if (code === CODE.proceed) {
      const { reply } = this.#result(api, scope, CODE.proceed);
      const { userInfoResult } = await loadUserInfo();
      return Object.assign(reply, await userInfoResult(this.#hooks.userInfo, { lang, withCredentials }));
    }
    // The button answers a closed prompt as a refusal: `getUserInfo:fail auth deny`.
    return this.#result(api, scope, code === CODE.authCancel ? CODE.authDeny : code, detail).reply;
  }

  /** A gated API: authorized → the host's implementation runs. */
  #callGated(api, name, options) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(api, '', 'Object', options);
    const scope = this.#core.scopeOf(api, 0);
    const code = this.#core.check(api, 0);
    if (code === CODE.proceed) return this.#runHost(api, scope, name, options);
    if (code !== CODE.prompt) return this.#result(api, scope, code);
    return this.#ask(api, scope).then(({ code, detail }) => (code === CODE.proceed
      ? this.#runHost(api, scope, name, options)
      : this.#result(api, scope, code, detail)));
  }

  async #runHost(api, scope, name, options) {
    const implementation = this.#hooks.apis[name]
      ?? (name === 'getUserInfo' && this.#hooks.userInfo !== undefined
        ? async (given) => (await loadUserInfo()).userInfoResult(this.#hooks.userInfo, given)
        : undefined);
    if (!implementation) return this.#result(api, scope, CODE.notSupported);
    let value;
    try {
      value = await implementation(options ?? {});
    } catch (error) {
      return this.#result(api, scope, CODE.apiFailed, errorMessage(error));
    }
    const settled = this.#result(api, scope, CODE.proceed);
    if (isObject(value)) settled.reply = Object.assign(settled.reply, value, { errMsg: settled.reply.errMsg });
    if (settled.reply.errMsg === undefined) delete settled.reply.errMsg;
    return settled;
  }

  #getSetting(options) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(GET_SETTING, '', 'Object', options);
    let setting = this.#authSetting;
    if (setting === undefined) {
      setting = this.#core.authSetting(GET_SETTING);
      if (this.#changesInFlight === 0) this.#authSetting = setting;
    }
    const reply = copyPlain(setting);
    withSubscriptions(reply, options);
    return new Settled(true, reply);
  }

  async #openSetting(options) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(OPEN_SETTING, '', 'Object', options);
    const activation = globalThis.navigator?.userActivation;
    if (this.#hooks.requireUserTap && activation && !activation.isActive) {
      return this.#result(OPEN_SETTING, 0, CODE.tapGestureRequired);
    }
    const settings = this.#hooks.settings ?? (await this.#defaultUiHandler('settings'));
    if (settings) {
      const request = {
        appId: this.appId,
        appName: this.appName,
        platform: this.platform,
        scopes: this.#core.settingsScopes(),
        subscribe: (listener) => this.onChange((change) => {
          if (typeof listener === 'function') listener({ scope: change.scope, granted: change.state === 'granted' });
        }),
      };
      let switches;
      try {
        switches = await settings(request);
      } catch (error) {
        return this.#result(OPEN_SETTING, 0, CODE.apiFailed, errorMessage(error));
      }
      if (isObject(switches)) this.#publish(await this.#changing(() => this.#core.applySettings(switches)), 'settings');
    }
    const reply = this.#core.authSetting(OPEN_SETTING);
    withSubscriptions(reply, options);
    return new Settled(true, reply);
  }

  // --- the prompt --------------------------------------------------------------------------

  /**
   * One prompt per undecided scope, whoever asks; prompts for different scopes one at a time, in
   * call order. Resolves with `{ code, detail? }` once the answer is durable.
   */
  #ask(api, scope, recheck = () => this.#core.check(api, scope)) {
    let answer = this.#pending.get(scope);
    if (answer === undefined) {
      answer = this.#queue.then(() => this.#prompt(api, scope, recheck));
      this.#queue = answer.then(() => undefined, () => undefined);
      this.#pending.set(scope, answer);
      const forget = () => this.#pending.delete(scope);
      answer.then(forget, forget);
    }
    return answer;
  }

  async #prompt(api, scope, recheck) {
    // Another tab, the host or the settings page may have decided while this waited its turn.
    const now = recheck();
    if (now !== CODE.prompt) return { code: now };
    const prompt = this.#hooks.prompt ?? (await this.#defaultUiHandler('prompt'));
    if (!prompt) {
      if (!this.#warnedNoPrompt) {
        this.#warnedNoPrompt = true;
        this.#report(new Error('no prompt handler: pass `prompt` to createAuthorizer; every prompt is dismissed'));
      }
      return this.#settle(scope, 'dismiss');
    }
    // Aborted when the prompt times out, so a pop-up on screen closes with it.
    const abort = new AbortController();
    const request = this.#core.promptRequest(api, scope);
    request.signal = abort.signal;
    let answer;
    try {
      answer = await withTimeout(Promise.resolve().then(() => prompt(request)), this.#hooks.promptTimeout);
    } catch (error) {
      this.#report(error);
      return { code: CODE.promptFailed, detail: errorMessage(error) };
    }
    if (answer === TIMED_OUT) {
      abort.abort(new Error('prompt timeout'));
      return { code: CODE.promptTimeout };
    }
    return this.#settle(scope, answer);
  }

  async #settle(scope, answer) {
    const written = await this.#changing(() => this.#core.settle(scope, ANSWERS.indexOf(answer)));
    if (written.code === CODE.invalidPromptAnswer) return { code: written.code, detail: describeValue(answer) };
    this.#publish(written, 'prompt');
    return { code: written.code };
  }

  /** The browser's built-in prompt / settings page, loaded on first use; none outside a page. */
  async #defaultUiHandler(kind) {
    if (typeof document === 'undefined') return null;
    this.#defaultUi ??= import('./ui.js').then((ui) => ({
      prompt: ui.createPrompt({ appName: this.appName }),
      settings: ui.createSettingsPage({ appName: this.appName }),
    }));
    return (await this.#defaultUi)[kind];
  }

  // --- events and other tabs ---------------------------------------------------------------

  #listen(kind, listener) {
    if (typeof listener !== 'function') throw new TypeError(`on${kind[0].toUpperCase()}${kind.slice(1)}: listener must be a function`);
    this.#listeners[kind].add(listener);
    return () => this.#listeners[kind].delete(listener);
  }

  #emit(kind, event) {
    for (const listener of [...this.#listeners[kind]]) {
      try {
        listener(event);
      } catch (error) {
        if (kind === 'error') console.error(error);
        else this.#report(error);
      }
    }
  }

  #report(error) {
    if (this.#listeners.error.size === 0) console.error('miniprogram-authorize:', error);
    else this.#emit('error', error);
  }

  /** Announces what a write changed: here, to other tabs, and its storage error if any. */
  #publish(written, source) {
    if (written.error) this.#report(new Error(written.error));
    if (written.changes.length === 0) return;
    for (const change of written.changes) this.#emit('change', { ...change, source });
    if (source !== 'other-tab') this.#channel?.postMessage({ appId: this.appId, userId: this.userId });
  }

  #listenToOtherTabs(options) {
    if (this.storage !== 'indexeddb' || typeof BroadcastChannel === 'undefined') return;
    this.#channel = new BroadcastChannel(`miniprogram-authorize:${options.databaseName ?? 'miniprogram-authorize'}`);
    this.#channel.onmessage = async ({ data }) => {
      if (data?.appId !== this.appId || data?.userId !== this.userId) return;
      this.#publish(await this.#changing(() => this.#core.refresh()), 'other-tab');
    };
    // Node keeps the process alive while a channel is open; a test harness should not have to close it.
    this.#channel.unref?.();
  }

  // --- the platform-shaped facade ----------------------------------------------------------

  #facade(description) {
    const api = {
      [description.apis[AUTHORIZE].name]: (options) => this.authorize(options),
      getSetting: (options) => this.getSetting(options),
      openSetting: (options) => this.openSetting(options),
    };
    description.apis.forEach(({ name, scope }, id) => {
      if (scope !== null) api[name] = (options) => this.#invoke(options, this.#callGated(id, name, options));
    });
    if (description.userInfoButton) {
      // getUserInfo's id (-1: none), found once rather than asked of the core per tap.
      const userInfo = description.apis.findIndex(({ name }) => name === 'getUserInfo');
      api.createUserInfoButton = (options) => new this.#buttons.UserInfoButton(options, (how) => this.#tapUserInfo(userInfo, how), {
        container: this.#container,
        report: (error) => this.#report(error),
      });
    }
    return api;
  }
}
