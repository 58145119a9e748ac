// WeChat's privacy layer (base library 2.32.3+) in the shim: getPrivacySetting,
// requirePrivacyAuthorize, onNeedPrivacyAuthorization, openPrivacyContract, the privacy APIs that
// have no scope of their own (chooseImage, getClipboardData, ...), the agree button, and the flow a
// privacy API waits in until the user agrees. Loaded only by an authorizer with a `privacy`
// configuration (createAuthorizer), so the core download carries none of it.
//
// What is declared and agreed, the order of checks and every errMsg / errno come from the core
// (src/privacy.rs): a gated call reaches this module only when the core says `privacy` (declared,
// not agreed). This module decides how the user is asked:
// - the app's listener (`onNeedPrivacyAuthorization`, the last one registered) gets
//   `(resolve, { referrer })` and the call waits until `resolve({ event: 'agree', buttonId })`
//   (that agree button must have been tapped since the call began), `resolve({ event: 'disagree' })`
//   (104), or `resolve({ event: 'exposureAuthorization' })` first (noted, nothing else);
// - without a listener, the official pop-up (`privacyPrompt` handler, or the built-in one in a page,
//   pkg/privacy-ui.js); after a refusal there, for the gap (10 s), no pop-up and 104 at once;
// - the mini game's `resolve({ event: 'agree' })` takes no buttonId but needs a user click first.
//
// Like authorize-many.js, it gets what it drives through `host` (see Authorizer#lazyHost):
// importing a module that index.js imports would make a shared chunk.

const ANSWERS = ['agree', 'disagree'];
/** The layer's own APIs (src/privacy.rs LAYER_APIS); every other API the core added is a privacy API. */
const LAYER_APIS = ['requirePrivacyAuthorize', 'getPrivacySetting', 'openPrivacyContract'];
/**
 * What a step of a call resolves with: a code (and detail), or the pop-up's word. No prototype, so
 * a `then` planted on Object.prototype cannot make it a thenable (see pkg/prompt-queue.js Verdict).
 */
const verdict = (code, detail, word) => ({ __proto__: null, code, detail, word });
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

const describe = (value) => {
  try {
    return typeof value === 'string' ? JSON.stringify(value) : JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
};

/**
 * How the pop-up, the contract page and the hooks word each kind of personal data the core's table
 * declares (src/privacy.rs KINDS): en, and zh_CN after WeChat's privacy guide template.
 */
export const KIND_LABELS = {
  userInfo: ['Nickname and avatar', '你的昵称、头像'],
  location: ['Location', '你的位置信息'],
  chosenLocation: ['Location you choose', '你选择的位置信息'],
  address: ['Postal address', '你的地址'],
  invoice: ['Invoice information', '你的发票信息'],
  werun: ['WeRun step counts', '你的微信运动步数'],
  phoneNumber: ['Phone number', '你的手机号码'],
  licensePlate: ['Licence plate number', '你的车牌号'],
  album: ['Photos, videos and files you choose', '你选中的照片、视频或文件'],
  record: ['Microphone', '你的麦克风'],
  camera: ['Camera', '你的摄像头'],
  bluetooth: ['Bluetooth', '你的蓝牙'],
  writePhotosAlbum: ['Photo album (write only)', '你的相册（仅写入）权限'],
  addPhoneContact: ['Contacts (write only)', '你的通讯录（仅写入）权限'],
  addPhoneCalendar: ['Calendar (write only)', '你的日历（仅写入）权限'],
  clipboard: ['Clipboard', '你的剪切板'],
};

const kindInfo = (kind) => ({ kind, label: KIND_LABELS[kind]?.[0] ?? kind, labelZh: KIND_LABELS[kind]?.[1] ?? kind });

/**
 * createAuthorizer's `privacy` option, checked before the core reads it: a TypeError naming the
 * field (the core then checks what the words mean: the kinds).
 */
export function checkPrivacyOptions(privacy) {
  const fail = (field, reason) => new TypeError(`createAuthorizer: option privacy${field} ${reason}`);
  if (!isObject(privacy)) return fail('', 'must be an object { privacyContractName?, declared?, officialPrivacyAuthorizationShowingGap? }');
  const { privacyContractName: name, declared, officialPrivacyAuthorizationShowingGap: gap } = privacy;
  if (name !== undefined && (typeof name !== 'string' || !name.trim())) return fail('.privacyContractName', 'must be a non-empty string');
  if (declared !== undefined && declared !== 'all' && !(Array.isArray(declared) && declared.every((word) => typeof word === 'string'))) {
    return fail('.declared', 'must be "all" or an array of kinds (names, or scopes and APIs of them)');
  }
  if (gap !== undefined && !(typeof gap === 'number' && Number.isFinite(gap))) {
    return fail('.officialPrivacyAuthorizationShowingGap', 'must be a number of seconds');
  }
  return null;
}

/**
 * The official pop-up's refusal gap, in ms: for this long after the user refused in it, no pop-up
 * and the refusal at once. Mini game: game.json's `officialPrivacyAuthorizationShowingGap`, seconds,
 * default 10, lower values ignored (privacy.md "Official pop-up refusal gap"), at most a day.
 * `gap` is undefined or a finite number (checkPrivacyOptions).
 */
export const showingGapMs = (gap) => Math.trunc(Math.min(Math.max(gap ?? 10, 10), 86_400) * 1000);

/** `privacyContractName`; by default the guide's name as WeChat gives it. */
export const contractName = (name, appName) => name ?? `《${appName}小程序隐私保护指引》`;

let privacyUi;
const loadPrivacyUi = () => (privacyUi ??= import('./privacy-ui.js'));

export class PrivacyLayer {
  #host;
  #codes;
  /** The app's listener: only the last registration counts. */
  #listener = null;
  /** A counter that orders call starts, taps and clicks: a tap counts for calls begun before it. */
  #moment = 0;
  /** buttonId → the moment of its last trusted tap. */
  #taps = new Map();
  /** The moment of the last user click (mini game). */
  #clicked = -1;
  /** Date.now() of the last refusal in the official pop-up. */
  #refusedAt = -Infinity;
  /** The official pop-up on screen, which calls that need it meanwhile share. */
  #popup = null;
  #warnedNoPrompt = false;
  #defaultUi = null;
  /** `agreeprivacyauthorization` listeners of the Node test hook's buttons, by id. */
  #agreeListeners = new Set();

  /** The ids of the layer's own APIs and of the privacy APIs that have no scope, by name. */
  #ids = new Map();

  #contractName;
  #showingGapMs;
  #minigame;
  /** The declared kinds, and the ids of the scopes that keep their agreement (`#privacy:<kind>`). */
  #declared = [];
  #kindScopes = [];

  /**
   * `host`: the authorizer's (Authorizer#lazyHost): `{ codes, hooks, request, apiNames,
   * scopeId(key), check(api), result(api, code, detail), parameterError(api, field, expected,
   * value), answer(api, options, run), inTurn(task), setAgreement(scopeIds, code, source),
   * agreed(scopeId), onAgreement(listener), report(error) }`, APIs by the
   * core's ids. `description`: the core's describe(). The APIs the core added for the layer (no
   * scope, after the gated ones) are its own and the privacy APIs without a scope. `options`: the
   * `privacy` option (checkPrivacyOptions passed it); the core reads its `declared`, the contract's
   * name and the refusal gap are this module's alone.
   */
  constructor(host, description, options) {
    this.#host = host;
    this.#codes = host.codes;
    this.#contractName = contractName(options.privacyContractName, description.appName);
    this.#showingGapMs = showingGapMs(options.officialPrivacyAuthorizationShowingGap);
    this.#minigame = description.userInfoButton;
    // A session API (the mini game's createVKSession) is the facade's own: its start meets the layer.
    description.apis.forEach(({ name, scope, session }, id) => {
      if (id >= 3 && scope === null && !session && name !== 'getUserProfile') this.#ids.set(name, id);
    });
    for (const { scope } of description.scopes) {
      if (!scope.startsWith('#privacy:')) continue;
      this.#declared.push(scope.slice('#privacy:'.length));
      this.#kindScopes.push(host.scopeId(scope));
    }
  }

  /** The user agreed to the guide: every declared kind, durable before this resolves. */
  #agree() {
    return this.#host.setAgreement(this.#kindScopes, 1, 'privacy');
  }

  /** The agreement withdrawn (an emulator's inspector): the next privacy API asks again. */
  #clear() {
    this.forget();
    return this.#host.setAgreement(this.#kindScopes, 0, 'privacy');
  }

  /** `getPrivacySetting`'s `needAuthorization`: whether requirePrivacyAuthorize would wait. */
  #needsAuthorization() {
    return this.#host.check(this.#ids.get('requirePrivacyAuthorize')) === this.#codes.privacy;
  }

  // --- the gate ------------------------------------------------------------------------------

  /**
   * A privacy API the user has not agreed to (the core said `privacy`): resolves with
   * `{ code, detail? }`, `code` proceed once the user agreed (the caller checks again), or the
   * failure the call gets.
   */
  need(referrer) {
    const CODE = this.#codes;
    if (!this.#needsAuthorization()) return Promise.resolve(verdict(CODE.proceed));
    if (this.#listener) return this.#askListener(this.#listener, referrer);
    if (Date.now() - this.#refusedAt < this.#showingGapMs) {
      return Promise.resolve(verdict(this.#minigame ? CODE.privacyInGap : CODE.privacyNotAuthorized));
    }
    if (!this.#popup) {
      const popup = this.#host.inTurn(() => this.#officialPopup(referrer));
      this.#popup = popup;
      const done = () => { if (this.#popup === popup) this.#popup = null; };
      popup.then(done, done);
    }
    return this.#popup;
  }

  #askListener(listener, referrer) {
    const CODE = this.#codes;
    return new Promise((settle) => {
      const since = ++this.#moment;
      let settled = false;
      const finish = (code) => {
        if (settled) return;
        settled = true;
        settle(verdict(code));
      };
      const resolve = (option) => {
        if (settled) return;
        const event = isObject(option) ? option.event : undefined;
        if (event === 'exposureAuthorization') return;
        if (event === 'disagree') return finish(CODE.privacyNotAuthorized);
        if (event !== 'agree') {
          this.#host.report(new TypeError(`onNeedPrivacyAuthorization: resolve takes { event: 'exposureAuthorization' | 'agree' | 'disagree' } (got ${describe(option)})`));
          return;
        }
        if (this.#minigame) {
          const clicked = this.#clicked > since || globalThis.navigator?.userActivation?.isActive === true;
          if (!clicked) return finish(CODE.privacyNoClick);
        } else if (!(this.#taps.get(option.buttonId) > since)) {
          return finish(CODE.privacyButtonWrong);
        }
        settled = true;
        this.#agree().then(() => settle(verdict(CODE.proceed)), () => settle(verdict(CODE.privacyNotAuthorized)));
      };
      try {
        listener(resolve, { referrer });
      } catch (error) {
        // The call cannot wait for a resolve that will not come: it fails, and the host hears why.
        this.#host.report(error);
        finish(CODE.privacyNotAuthorized);
      }
    });
  }

  async #officialPopup(referrer) {
    const CODE = this.#codes;
    const host = this.#host;
    // Agreed (an agree button, another tab) while this waited its turn.
    if (!this.#needsAuthorization()) return verdict(CODE.proceed);
    const prompt = host.hooks.privacyPrompt ?? (await this.#defaultUiFor('privacyPrompt'));
    if (!prompt) {
      if (!this.#warnedNoPrompt) {
        this.#warnedNoPrompt = true;
        host.report(new Error('no privacy prompt: pass `privacyPrompt` to createAuthorizer, or register onNeedPrivacyAuthorization; privacy APIs fail with errno 104'));
      }
      return verdict(CODE.privacyNotAuthorized);
    }
    const request = { ...this.#requestBase(), referrer, openPrivacyContract: () => this.#openContract() };
    const asked = await host.ask(prompt, request);
    if (asked.code !== undefined) return asked;
    const answer = asked.word;
    if (!ANSWERS.includes(answer)) return verdict(CODE.invalidPromptAnswer, describe(answer));
    if (answer === 'disagree') {
      this.#refusedAt = Date.now();
      return verdict(CODE.privacyNotAuthorized);
    }
    await this.#agree();
    return verdict(CODE.proceed);
  }

  #requestBase() {
    return { ...this.#host.request, privacyContractName: this.#contractName, declared: this.#declared.map(kindInfo) };
  }

  /** The built-in pop-up and contract page, where a modal <dialog> can open (not Node, not jsdom). */
  async #defaultUiFor(kind) {
    if (!globalThis.HTMLDialogElement?.prototype.showModal) return null;
    this.#defaultUi ??= loadPrivacyUi().then((ui) => ({
      privacyPrompt: ui.createPrivacyPrompt({ appName: this.#host.request.appName }),
      privacyContract: ui.createPrivacyContract({ appName: this.#host.request.appName }),
    }));
    return (await this.#defaultUi)[kind];
  }

  // --- the agree button and the user's click ---------------------------------------------------

  /**
   * A tap on `<button open-type="agreePrivacyAuthorization" id={buttonId}>`: the agreement is
   * recorded (durable before this resolves), then the button's `agreeprivacyauthorization`
   * listeners run with `{ buttonId }`.
   */
  async #tap(buttonId, element) {
    const moment = ++this.#moment;
    this.#taps.set(buttonId, moment);
    this.#clicked = moment;
    await this.#agree();
    const detail = { buttonId };
    if (element) element.dispatchEvent(new CustomEvent('agreeprivacyauthorization', { detail, bubbles: true }));
    for (const listener of [...this.#agreeListeners]) {
      try {
        listener(detail);
      } catch (error) {
        this.#host.report(error);
      }
    }
  }

  /** Makes `element` the agree button; only trusted clicks (a user's, never a script's) count. */
  #bind(element) {
    if (!element || typeof element.addEventListener !== 'function') {
      throw new TypeError('bindAgreeButton: element must be a DOM element');
    }
    const onClick = (event) => {
      if (event.isTrusted !== true) return;
      this.#tap(typeof element.id === 'string' ? element.id : '', element).catch((error) => this.#host.report(error));
    };
    element.addEventListener('click', onClick);
    if (typeof element.setAttribute === 'function' && !element.hasAttribute?.('open-type')) {
      element.setAttribute('open-type', 'agreePrivacyAuthorization');
    }
    return () => element.removeEventListener('click', onClick);
  }

  /** The user deleted the mini program: the refusal gap starts over with the agreement. */
  forget() {
    this.#refusedAt = -Infinity;
    this.#taps.clear();
  }

  /** `auth.privacy`: what hosts and test harnesses see and do (README "Privacy layer"). */
  hooks() {
    const layer = this;
    const host = this.#host;
    return Object.freeze({
      get needAuthorization() { return layer.#needsAuthorization(); },
      privacyContractName: this.#contractName,
      declared: Object.freeze(this.#declared.map((kind) => Object.freeze(kindInfo(kind)))),
      /** Each declared kind and whether the user agreed to it now: `[{ kind, label, labelZh, agreed }]`. */
      get kinds() {
        return layer.#declared.map((kind, i) => ({ ...kindInfo(kind), agreed: host.agreed(layer.#kindScopes[i]) }));
      },
      /** Withdraws the agreement (an emulator's "not agreed"); resolves once it is durable. */
      clear: () => layer.#clear().then(() => undefined),
      /**
       * Calls `listener({ kind, state, previous, source })` when the agreement to a kind changes,
       * here or in another tab (`source: 'other-tab'`); returns `off`.
       */
      onChange: (listener) => host.onAgreement(listener),
      /** The user agreed (as in the official pop-up); resolves once it is durable. */
      agree: () => layer.#agree().then(() => undefined),
      /** Stands for a user's tap on the agree button with this id (Node, tests). */
      tapAgreeButton: (buttonId = '') => {
        if (typeof buttonId !== 'string') return Promise.reject(new TypeError('tapAgreeButton: buttonId must be a string'));
        return layer.#tap(buttonId, null);
      },
      /** Stands for a user's click (the mini game's `resolve({ event: 'agree' })` needs one). */
      click: () => { layer.#clicked = ++layer.#moment; },
      /** Makes a real DOM element the agree button; returns `unbind`. */
      bindAgreeButton: (element) => layer.#bind(element),
      /** `bindagreeprivacyauthorization` for the buttons tapped through `tapAgreeButton`; returns `off`. */
      onAgreePrivacyAuthorization: (listener) => {
        if (typeof listener !== 'function') throw new TypeError('onAgreePrivacyAuthorization: listener must be a function');
        layer.#agreeListeners.add(listener);
        return () => layer.#agreeListeners.delete(listener);
      },
    });
  }

  // --- the platform's API --------------------------------------------------------------------

  /** The facade's entries: the layer's own APIs and the privacy APIs without a scope. */
  facade() {
    const host = this.#host;
    const api = {
      getPrivacySetting: (options) => this.#answer('getPrivacySetting', options, () => this.#getPrivacySetting(options)),
      requirePrivacyAuthorize: (options) => this.#answer('requirePrivacyAuthorize', options, () => this.#requirePrivacyAuthorize(options)),
      onNeedPrivacyAuthorization: (listener) => {
        if (typeof listener !== 'function') {
          host.report(new TypeError('onNeedPrivacyAuthorization: listener must be a function'));
          return;
        }
        this.#listener = listener;
      },
      openPrivacyContract: (options) => this.#answer('openPrivacyContract', options, () => this.#openPrivacyContract(options)),
    };
    for (const [name, id] of this.#ids) {
      if (!LAYER_APIS.includes(name)) api[name] = (options) => this.#answer(name, options, () => this.#callUnscoped(name, options));
    }
    return api;
  }

  /** Answers a call of `name` in the caller's form, settled once whatever goes wrong in `run`. */
  #answer(name, options, run) {
    return this.#host.answer(this.#ids.get(name), options, run);
  }

  #result(name, code, detail) {
    return this.#host.result(this.#ids.get(name), code, detail);
  }

  #badOptions(name, options) {
    return options !== undefined && !isObject(options) ? this.#host.parameterError(this.#ids.get(name), '', 'Object', options) : null;
  }

  #getPrivacySetting(options) {
    const bad = this.#badOptions('getPrivacySetting', options);
    if (bad) return bad;
    const settled = this.#result('getPrivacySetting', this.#codes.proceed);
    settled.reply.needAuthorization = this.#needsAuthorization();
    settled.reply.privacyContractName = this.#contractName;
    return settled;
  }

  #requirePrivacyAuthorize(options) {
    const name = 'requirePrivacyAuthorize';
    const bad = this.#badOptions(name, options);
    if (bad) return bad;
    if (!this.#needsAuthorization()) return this.#result(name, this.#codes.proceed);
    return this.need(name).then(({ code, detail }) => this.#result(name, code, detail));
  }

  /**
   * Shows the contract page. Resolves once it is shown, not when it closes: openPrivacyContract
   * succeeds as the page opens, as WeChat's does.
   */
  async #openContract() {
    const contract = this.#host.hooks.privacyContract ?? (await this.#defaultUiFor('privacyContract'));
    if (!contract) return;
    const shown = contract(this.#requestBase());
    Promise.resolve(shown).catch((error) => this.#host.report(error));
  }

  async #openPrivacyContract(options) {
    const name = 'openPrivacyContract';
    const bad = this.#badOptions(name, options);
    if (bad) return bad;
    try {
      await this.#openContract();
    } catch (error) {
      return this.#result(name, this.#codes.apiFailed, error instanceof Error ? error.message || error.name : describe(error));
    }
    return this.#result(name, this.#codes.proceed);
  }

  /**
   * A privacy API without a scope (`chooseImage`, ...): the layer, then `serve()` (default: the
   * host's implementation; install's check-only form: null, the target's own API goes ahead).
   */
  #callUnscoped(name, options, serve = () => this.#runHost(name, options)) {
    const CODE = this.#codes;
    const bad = this.#badOptions(name, options);
    if (bad) return bad;
    const code = this.#host.check(this.#ids.get(name));
    if (code === CODE.privacy) {
      return this.need(name).then(({ code, detail }) => (code === CODE.proceed ? this.#callUnscoped(name, options, serve) : this.#result(name, code, detail)));
    }
    if (code !== CODE.proceed) return this.#result(name, code);
    return serve();
  }

  /**
   * auth.install(target)'s check for a privacy API without a scope that the host does not serve:
   * the layer's check in front of the target's own API (pkg/install.js); false for other names.
   */
  checkOnly(name) {
    if (!this.#ids.has(name) || LAYER_APIS.includes(name) || this.#host.hooks.apis[name]) return false;
    return (options) => this.#callUnscoped(name, options, () => null);
  }

  async #runHost(name, options) {
    const implementation = this.#host.hooks.apis[name];
    if (!implementation) return this.#result(name, this.#codes.notSupported);
    let value;
    try {
      value = await implementation(options ?? {});
    } catch (error) {
      return this.#result(name, this.#codes.apiFailed, error instanceof Error ? error.message || error.name : describe(error));
    }
    const settled = this.#result(name, this.#codes.proceed);
    if (isObject(value)) settled.reply = Object.assign(settled.reply, value, { errMsg: settled.reply.errMsg });
    return settled;
  }
}
