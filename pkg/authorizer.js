// The authorizer of one app and user: the platform's calls, the host and test hooks, and the
// platform-shaped facade (`auth.api`). What a state means, and every result object and errMsg,
// comes from the wasm `Authorizer` (src/wasm/authorizer.rs).
import { CODE, PROCEED, PROMPT, PRIVACY, WasmAuthorizer, startStatus } from './core.js';
import { Settled, answer, callBackLater, ownScope, readCallbacks, readFields } from './calling-form.js';
import { Listeners, OtherTabs } from './events.js';
import { PromptQueue, Verdict, askHandler } from './prompt-queue.js';
import { install } from './install.js';
import { loadUserInfo, loadUserProfile } from './lazy-modules.js';
import { createSession } from './vk-session.js';
import { isObject, snapshot, copyOwn, typeName, notThenable, copyPlain, copyReply, describeValue, errorMessage } from './values.js';

const AUTHORIZE = 0;
const GET_SETTING = 1;
const OPEN_SETTING = 2;
const UNKNOWN_SCOPE = 0xffffffff;
const STATES = ['prompt', 'granted', 'denied'];
// What the core's settle() takes: an answer's index (-1: not one).
const ANSWERS = ['accept', 'reject', 'dismiss'];
// Unknown scope strings are remembered (so garbage answers fast) only while they are short and few:
// a caller looping over garbage, however long its strings, must not grow memory without bound.
const MAX_REMEMBERED_UNKNOWN_SCOPES = 1024;
const MAX_REMEMBERED_SCOPE_LENGTH = 128;

/**
 * getSetting / openSetting's `withSubscriptions: true`: no subscription message is modelled, so the
 * main switch is on and no template has a setting.
 */
function withSubscriptions(reply, fields) {
  if (fields?.withSubscriptions === true) reply.subscriptionsSetting = { mainSwitch: true, itemSettings: {} };
}

export class Authorizer {
  #core;
  #hooks;
  #scopeIds = new Map();
  #unknownScopes = 0;
  /** No scope key of the platform is longer: a longer string is unknown without asking the core. */
  #longestScope = 0;
  #replies = new Map();
  /**
   * The hot path's memo: scope id → what `check(AUTHORIZE, id)` gave, until decisions change:
   * `{ ok, reply }` (the reply as #replyOf keeps it), or false for a scope to prompt for.
   * The core changes them only inside the calls #changing wraps (settle, setState, reset,
   * applySettings, refresh): the memo is emptied when one starts and when it settles, and left
   * empty while one is in flight. Any new core call that can change a decision goes through
   * #changing too.
   */
  #outcomes = [];
  /** getSetting's reply, remembered and forgotten like #outcomes (undefined: ask the core). */
  #authSetting;
  #changesInFlight = 0;
  #listeners = new Listeners();
  #report = (error) => this.#listeners.report(error);
  #prompts;
  #otherTabs = null;
  #defaultUi = null;
  #style;
  /** `authorize({ scope })` of one scope whose reply has no per-scope `data` (not Alipay, not ByteDance). */
  #plainAuthorize;
  #container;
  /** pkg/user-info-button.js, on a platform with the user-info button. */
  #buttons;
  /** pkg/authorize-many.js on Alipay and ByteDance, and what it drives here (#manyHost). */
  #many;
  #host;
  /** pkg/privacy.js's layer, with a `privacy` configuration; null without (issue 12). */
  #privacy = null;
  #openSettingTap;
  #anonymousProfile;
  /** The platform's API names by id (the privacy layer's `referrer`). */
  #apiNames;
  #lazy;
  /** Gated API name → its id, for install(). */
  #gated = new Map();
  /** Session API name (createVKSession) → its facade call made with a given implementation, for install(). */
  #sessions = new Map();

  constructor(core, hooks, options, description, buttons, many, privacy) {
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
    // (Without the privacy layer's agreements, `#privacy:<kind>`: no scopes of the platform's.)
    this.scopes = description.scopes.filter(({ scope }) => !scope.startsWith('#privacy:'));
    this.#longestScope = Math.max(...description.scopes.map(({ scope }) => scope.length));
    /** Every prompt request made, in order, with the answer given (`prompts` in shim-options.js). */
    this.prompts = hooks.prompts;
    if (hooks.onChange) this.#listeners.listen('change', hooks.onChange);
    if (hooks.onError) this.#listeners.listen('error', hooks.onError);
    this.#prompts = new PromptQueue({
      timeout: hooks.promptTimeout,
      handler: () => hooks.prompt ?? this.#defaultUiHandlers(),
      check: (api, scope) => this.#core.check(api, scope),
      promptRequest: (api, scope) => this.#core.promptRequest(api, scope),
      settle: (scope, answer) => this.#settle(scope, answer),
      report: this.#report,
    });
    /** WeChat's base library (`baseLibrary`), e.g. `3.17.0`. */
    this.baseLibrary = description.baseLibrary;
    // What the base library switches on (src/base_library.rs), as bits: 1 openSetting needs a tap,
    // 2 getUserProfile, 4 getUserProfile is anonymised.
    this.#openSettingTap = (description.features & 1) !== 0;
    this.#anonymousProfile = (description.features & 4) !== 0;
    // --- privacy layer (issue 12) ---
    this.#apiNames = description.apis.map(({ name }) => name);
    // The core gives a profile the layer's own APIs when the layer is on (base library 2.32.3+).
    if (privacy && description.apis.some(({ name }) => name === 'getPrivacySetting')) {
      this.#privacy = new privacy.PrivacyLayer(this.#lazyHost(), description, options.privacy);
    }
    /** The privacy layer's host and test hooks (pkg/privacy.js); null without a `privacy` configuration. */
    this.privacy = this.#privacy?.hooks() ?? null;
    /** Shaped like the platform's global (`wx`, `my`, `tt`, ...): install it as `globalThis.wx`. */
    this.api = this.#facade(description);
    /** The facade's session APIs (createVKSession): each answers at once with a session object. */
    this.sessionApis = [...this.#sessions.keys()];
    for (const warning of core.takeWarnings()) this.#report(new Error(warning));
    if (this.storage === 'indexeddb') {
      this.#otherTabs = new OtherTabs(options.databaseName ?? 'miniprogram-authorize', this.appId, this.userId,
        () => this.#changing(() => this.#core.refresh()).then((written) => this.#publish(written, 'other-tab')).catch(this.#report));
    }
  }

  // --- the platform's API ------------------------------------------------------------------

  /** The platform's authorize: `{ scope }`; on Alipay `getAuthCode`'s `{ scopes }` (or `{ scope }`). */
  authorize(options) {
    // The hot path: a scope seen before, already decided. The options read once (own properties
    // only), a Map lookup, the core's outcome (one wasm call with two integers, remembered with
    // its reply until a decision changes: #outcomes), a fresh small reply; no string crossing, and
    // in the Promise form no Settled and no closure.
    const scope = ownScope(options);
    const callbacks = readCallbacks(options);
    const id = this.#plainAuthorize ? this.#scopeIds.get(scope) : undefined;
    const known = id === undefined ? false : (this.#outcomes[id] ?? this.#outcome(id));
    if (known !== false) {
      const reply = typeof known.reply === 'string' ? { errMsg: known.reply } : copyReply(known.reply);
      if (callbacks !== null) return callBackLater(callbacks, known.ok, reply, this.#report);
      return known.ok ? Promise.resolve(reply) : Promise.reject(reply);
    }
    if (this.#style === 'alipay') {
      const fields = readFields(options, ['scope', 'scopes']);
      return this.#answer(AUTHORIZE, callbacks, () => this.#many.getAuthCode(this.#manyHost(), options, fields));
    }
    return this.#answer(AUTHORIZE, callbacks, () => this.#authorize(options, scope));
  }

  getSetting(options) {
    return this.#answer(GET_SETTING, readCallbacks(options), () => this.#getSetting(options));
  }

  openSetting(options) {
    return this.#answer(OPEN_SETTING, readCallbacks(options), () => this.#openSetting(options));
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
    this.#privacy?.forget(); // the refusal gap and the taps go with the agreement
  }

  /** Calls `listener({ scope, state, previous, source })` on every change; returns `off`. */
  onChange(listener) {
    return this.#listeners.listen('change', listener);
  }

  /** Calls `listener(error)` for storage and host-handler problems; returns `off`. */
  onError(listener) {
    return this.#listeners.listen('error', listener);
  }

  /**
   * Puts the platform's API into `target` (default `globalThis[auth.global]`, made when missing),
   * a `wx` that a test tool or framework already made: replaces the authorization and gated APIs
   * only (install.js). Returns `uninstall`.
   */
  install(target = globalThis[this.global]) {
    const { apis, userInfo } = this.#hooks;
    // A gated API the host does not serve (see #runHost): its check alone, null to go ahead.
    // A session API the host does not serve: the target's own session, its start behind the gate.
    const checkOnly = (name) => (this.#gated.has(name) && !(apis[name] || (name === 'getUserInfo' && userInfo))
      && (this.#sessions.has(name) ? { session: this.#sessions.get(name) } : (options) => this.#callGated(this.#gated.get(name), name, options, () => null)))
      || (this.#privacy?.checkOnly(name) ?? false); // issue 12: chooseImage, getClipboardData, ...
    if (target !== undefined) return install(target, this.api, checkOnly, this.#report);
    // No such global yet: made here, and gone again with uninstall.
    const made = (globalThis[this.global] = {});
    const uninstall = install(made, this.api, checkOnly, this.#report);
    return () => {
      uninstall();
      if (globalThis[this.global] === made) delete globalThis[this.global];
    };
  }

  /** Stops listening to other tabs and closes the database. */
  close() {
    this.#otherTabs?.close();
    this.#otherTabs = null;
    this.#core.close();
  }

  // --- calls -------------------------------------------------------------------------------

  /**
   * Runs a call and answers it in the caller's form. Whatever goes wrong inside — a host value
   * that cannot be read, a fault of this code — the call still settles once, as the API's
   * failure, and the error goes to `onError`: nothing throws to the caller or goes unhandled.
   */
  #answer(api, callbacks, run) {
    let settled;
    try {
      settled = run();
    } catch (error) {
      settled = this.#failed(api, error);
    }
    if (!(settled instanceof Settled)) settled = settled.then(undefined, (error) => this.#failed(api, error));
    return answer(callbacks, settled, this.#report);
  }

  /** A call that went wrong inside: the API's failure, and the error for `onError`. */
  #failed(api, error) {
    this.#report(error);
    return this.#result(api, UNKNOWN_SCOPE, CODE.apiFailed, errorMessage(error));
  }

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

  /** What the hot path remembers of `authorize` on scope `id` now (see #outcomes). */
  #outcome(id) {
    const code = this.#core.check(AUTHORIZE, id);
    // Never asked, or a privacy API not agreed to (issue 12): not answered here.
    const known = code === PROMPT || code === PRIVACY ? false : { ok: code === PROCEED, reply: this.#replyOf(AUTHORIZE, id, code) };
    if (this.#changesInFlight === 0 && id !== UNKNOWN_SCOPE) this.#outcomes[id] = known;
    return known;
  }

  #result(api, scope, code, detail) {
    return new Settled(code === CODE.proceed, detail !== undefined ? this.#core.reply(api, scope, code, detail) : this.#reply(api, scope, code), code);
  }

  /**
   * A fresh copy of the reply to (api, scope, code) without a detail; the core words it once. A
   * reply that is only `{ errMsg }` is kept as its string and rebuilt as a literal (no spread), so
   * no caller can change what another call gets.
   */
  #reply(api, scope, code) {
    const reply = this.#replyOf(api, scope, code);
    return typeof reply === 'string' ? { errMsg: reply } : copyReply(reply);
  }

  /** The reply to (api, scope, code) as remembered: its errMsg alone, or the whole object. */
  #replyOf(api, scope, code) {
    const key = (api * 0x10000 + (scope === UNKNOWN_SCOPE ? 0xffff : scope)) * 64 + code;
    let reply = this.#replies.get(key);
    if (reply === undefined) {
      reply = this.#core.reply(api, scope, code, '');
      if (typeof reply?.errMsg === 'string' && Object.keys(reply).length === 1) reply = reply.errMsg;
      this.#replies.set(key, reply);
    }
    return reply;
  }

  #parameterError(api, field, expected, value) {
    return this.#result(api, 0, CODE.parameterError, WasmAuthorizer.parameterError(field, expected, typeName(value)));
  }

  #scopeId(scope) {
    let id = this.#scopeIds.get(scope);
    if (id === undefined) {
      const found = scope.length > this.#longestScope ? -1 : this.#core.scopeId(scope);
      id = found < 0 ? UNKNOWN_SCOPE : found;
      const remembered = found >= 0
        || (scope.length <= MAX_REMEMBERED_SCOPE_LENGTH && this.#unknownScopes++ < MAX_REMEMBERED_UNKNOWN_SCOPES);
      if (remembered) this.#scopeIds.set(scope, id);
    }
    return id;
  }

  #knownScope(scope) {
    const id = typeof scope === 'string' ? this.#scopeId(scope) : UNKNOWN_SCOPE;
    if (id === UNKNOWN_SCOPE) throw new TypeError(`${describeValue(scope)} is not a scope of ${this.platform}`);
    return id;
  }

  /** `authorize({ scope })` past the hot path; `scope` is the options' own `scope`, read once. */
  #authorize(options, scope) {
    if (!isObject(options)) return this.#parameterError(AUTHORIZE, '', 'Object', options);
    if (typeof scope !== 'string') return this.#parameterError(AUTHORIZE, 'scope', 'String', scope);
    // tt.authorize takes comma-separated scopes and answers with a per-scope `data` map (research §1).
    if (this.#style === 'bytedance') return this.#many.authorizeMany(this.#manyHost(), scope.split(','), false);
    const id = this.#scopeId(scope);
    const code = this.#core.check(AUTHORIZE, id);
    if (code === CODE.privacy) return this.#afterPrivacy(AUTHORIZE, id, () => this.#authorize(options, scope));
    if (code !== CODE.prompt) return this.#result(AUTHORIZE, id, code);
    return this.#prompts.ask(AUTHORIZE, id).then(({ code, detail }) => this.#result(AUTHORIZE, id, code, detail));
  }

  /** What pkg/authorize-many.js drives: the core and the prompt queue, for `authorize`. Made once. */
  #manyHost() {
    return (this.#host ??= {
      codes: CODE,
      style: this.#style,
      unknownScope: UNKNOWN_SCOPE,
      scopeId: (key) => this.#scopeId(key),
      check: (id) => this.#core.check(AUTHORIZE, id),
      ask: (id) => this.#prompts.ask(AUTHORIZE, id),
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
    if (code === CODE.prompt) ({ code, detail } = await this.#prompts.ask(api, scope, () => this.#core.checkTap(scope)));
    if (code === CODE.proceed) {
      const { reply } = this.#result(api, scope, CODE.proceed);
      const { userInfoResult } = await loadUserInfo();
      return Object.assign(reply, await userInfoResult(this.#hooks.userInfo, { lang, withCredentials }));
    }
    // The button answers a closed prompt as a refusal: `getUserInfo:fail auth deny`.
    return this.#result(api, scope, code === CODE.authCancel ? CODE.authDeny : code, detail).reply;
  }

  /**
   * A gated API: authorized → `serve(scope)`; by default the host's implementation runs, with a
   * copy of the options' own properties (the callbacks left out).
   */
  #callGated(api, name, options, serve) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(api, '', 'Object', options);
    const given = options === undefined ? {} : copyOwn(options);
    delete given.success;
    delete given.fail;
    delete given.complete;
    serve ??= (scope) => this.#runHost(api, scope, name, given);
    const scope = this.#core.scopeOf(api, 0);
    const code = this.#core.check(api, 0);
    if (code === CODE.proceed) return serve(scope);
    if (code === CODE.privacy) return this.#afterPrivacy(api, scope, () => this.#callGated(api, name, options, serve));
    if (code !== CODE.prompt) return this.#result(api, scope, code);
    return this.#prompts.ask(api, scope).then(({ code, detail }) => (code === CODE.proceed
      ? serve(scope)
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
      value = await implementation(options);
    } catch (error) {
      return this.#result(api, scope, CODE.apiFailed, errorMessage(error));
    }
    const settled = this.#result(api, scope, CODE.proceed);
    // The host's result as its own data now: a getter that throws or a revoked Proxy cannot
    // throw here, and nothing planted on Object.prototype comes along.
    if (isObject(value)) settled.reply = Object.assign(settled.reply, copyOwn(value), { errMsg: settled.reply.errMsg });
    if (settled.reply.errMsg === undefined) delete settled.reply.errMsg;
    return settled;
  }

  #getSetting(options) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(GET_SETTING, '', 'Object', options);
    const fields = readFields(options, ['withSubscriptions']);
    let setting = this.#authSetting;
    if (setting === undefined) {
      setting = this.#core.authSetting(GET_SETTING);
      if (this.#changesInFlight === 0) this.#authSetting = setting;
    }
    const reply = copyPlain(setting);
    withSubscriptions(reply, fields);
    return new Settled(true, reply);
  }

  async #openSetting(options) {
    if (options !== undefined && !isObject(options)) return this.#parameterError(OPEN_SETTING, '', 'Object', options);
    const fields = readFields(options, ['withSubscriptions']);
    const activation = globalThis.navigator?.userActivation;
    if (this.#hooks.requireUserTap && this.#openSettingTap && activation && !activation.isActive) {
      return this.#result(OPEN_SETTING, 0, CODE.tapGestureRequired);
    }
    const settings = this.#hooks.settings ?? (await this.#defaultUiHandlers())?.settings;
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
      // Own properties only: a switch planted on Object.prototype is no switch.
      if (isObject(switches)) this.#publish(await this.#changing(() => this.#core.applySettings(snapshot(switches, 1))), 'settings');
    }
    const reply = this.#core.authSetting(OPEN_SETTING);
    withSubscriptions(reply, fields);
    return new Settled(true, reply);
  }

  /** Records a prompt's answer; resolves with a Verdict once it is durable. */
  async #settle(scope, answer) {
    const written = await this.#changing(() => this.#core.settle(scope, ANSWERS.indexOf(answer)));
    if (written.code === CODE.invalidPromptAnswer) return new Verdict(written.code, describeValue(answer));
    this.#publish(written, 'prompt');
    return new Verdict(written.code);
  }

  /**
   * The browser's built-in prompt and settings page, loaded on first use: a Promise of
   * `{ prompt, settings }` (no prototype: never thenable); null outside a page, and in a DOM that
   * cannot open a modal <dialog> (jsdom: test harnesses pass `prompt`).
   */
  #defaultUiHandlers() {
    if (!globalThis.HTMLDialogElement?.prototype.showModal) return null;
    this.#defaultUi ??= import('./ui.js').then((ui) => Object.assign(Object.create(null), {
      prompt: ui.createPrompt({ appName: this.appName }),
      settings: ui.createSettingsPage({ appName: this.appName }),
    }));
    return this.#defaultUi;
  }

  /**
   * Announces what a write did: its changes here, its storage error if any, and to other tabs
   * whenever it wrote, changed here or not (this tab's memory may have been behind what is stored).
   */
  #publish(written, source) {
    if (written.error) this.#report(new Error(written.error));
    for (const change of written.changes) {
      // The privacy layer's agreements (`#privacy:<kind>`) are no scopes of the platform's: their
      // own event (auth.privacy.onChange), never `change`.
      if (!change.scope.startsWith('#privacy:')) this.#listeners.emit('change', { ...change, source });
      else this.#listeners.emit('privacy', { kind: change.scope.slice('#privacy:'.length), state: change.state, previous: change.previous, source });
    }
    if (written.wrote && source !== 'other-tab') this.#otherTabs?.post();
  }

  // --- privacy layer gate and getUserProfile (issue 12) -------------------------------------

  /**
   * The core said `privacy`: a privacy API the user has not agreed to. pkg/privacy.js runs the
   * privacy flow; once the user agrees the call starts again (`again`), else it fails (104).
   */
  #afterPrivacy(api, scope, again) {
    if (!this.#privacy) return this.#result(api, scope, CODE.privacyNotAuthorized);
    return this.#privacy.need(this.#apiNames[api]).then(({ code, detail }) => (code === CODE.proceed ? again() : this.#result(api, scope, code, detail)));
  }

  /** What pkg/privacy.js and pkg/user-profile.js drive, by the core's API ids. Made once. */
  #lazyHost() {
    return (this.#lazy ??= {
      codes: CODE,
      hooks: this.#hooks,
      request: { appId: this.appId, appName: this.appName, platform: this.platform },
      apiNames: this.#apiNames,
      label: (key) => this.scopes.find(({ scope }) => scope === key)?.label,
      scopeId: (key) => this.#scopeId(key),
      check: (api) => this.#core.check(api, 0),
      result: (api, code, detail) => this.#result(api, 0, code, detail),
      parameterError: (api, field, expected, value) => this.#parameterError(api, field, expected, value),
      /** Runs `run()` as the call of `api` and answers it in the form `options` choose (#answer). */
      answer: (api, options, run) => this.#answer(api, readCallbacks(options), run),
      inTurn: (task) => this.#prompts.inTurn(task),
      prompt: async () => this.#hooks.prompt ?? (await this.#defaultUiHandlers())?.prompt,
      userInfoResult: async (source, how) => (await loadUserInfo()).userInfoResult(source, how),
      // The privacy agreement: the kinds' own scopes granted (1) or forgotten (0), durable, heard
      // by other tabs; a `privacy` event, never `change` (they are no scopes of the platform's).
      setAgreement: async (ids, code, source) => {
        let wrote = false;
        for (const id of ids) {
          const written = await this.#changing(() => this.#core.setState(id, code));
          wrote ||= written.wrote;
          this.#publish({ ...written, wrote: false }, source);
        }
        if (wrote) this.#otherTabs?.post();
      },
      agreed: (id) => this.#core.stateOf(id) === 1,
      onAgreement: (listener) => this.#listeners.listen('privacy', listener),
      /** A pop-up handler asked within the prompt timeout (prompt-queue.js askHandler). */
      ask: (prompt, request) => askHandler(prompt, request, this.#hooks.promptTimeout, this.#report),
      report: this.#report,
      // A session's start (vk-session.js): the gated APIs' authorization, then the start status.
      gate: (api) => this.#callGated(api, this.#apiNames[api], undefined, () => ({ code: CODE.proceed })),
      status: startStatus,
    });
  }

  // --- the platform-shaped facade ----------------------------------------------------------

  #facade(description) {
    const api = {
      [description.apis[AUTHORIZE].name]: (options) => this.authorize(options),
      getSetting: (options) => this.getSetting(options),
      openSetting: (options) => this.openSetting(options),
    };
    description.apis.forEach(({ name, scope, session }, id) => {
      if (session) {
        // Answers at once with a session; its start runs the authorization (vk-session.js).
        const open = (implementation) => (option) => createSession(this.#lazyHost(), id, name, implementation, option);
        this.#sessions.set(name, open);
        api[name] = open(this.#hooks.apis[name]);
      } else if (scope !== null) {
        api[name] = (options) => this.#answer(id, readCallbacks(options), () => this.#callGated(id, name, options));
      } else return;
      this.#gated.set(name, id);
    });
    const userProfile = this.#apiNames.indexOf('getUserProfile');
    if (userProfile >= 0) {
      api.getUserProfile = (options) => {
        // Whether the call is inside a tap is read now: the module arrives after the gesture's moment.
        const activation = globalThis.navigator?.userActivation;
        const tapped = !this.#hooks.requireUserTap || !activation || activation.isActive;
        return this.#answer(userProfile, readCallbacks(options), () => loadUserProfile()
          .then((module) => module.getUserProfile(this.#lazyHost(), userProfile, options, tapped, this.#anonymousProfile, this.#privacy)));
      };
    }
    if (this.#privacy) Object.assign(api, this.#privacy.facade());
    if (description.userInfoButton) {
      // getUserInfo's id (-1: none), found once rather than asked of the core per tap.
      const userInfo = description.apis.findIndex(({ name }) => name === 'getUserInfo');
      api.createUserInfoButton = (options) => new this.#buttons.UserInfoButton(isObject(options) ? snapshot(options, 4) : options, (how) => this.#tapUserInfo(userInfo, how), {
        container: this.#container,
        report: this.#report,
      });
    }
    return api;
  }
}

notThenable(Authorizer);
