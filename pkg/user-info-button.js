// The mini game's `wx.createUserInfoButton` (../shared/reference/platforms.md §3; seed 003): the
// one way a game gets `scope.userInfo`. A tap runs the authorization prompt; `onTap` listeners get
// `{ errMsg: 'getUserInfo:ok', userInfo, rawData, signature, encryptedData, iv }` or
// `{ errMsg: 'getUserInfo:fail auth deny' }`. In a page the button is a real <button> placed per
// `style`; outside one (Node) it is a plain object, and `tap()` stands in for the user's tap.
//
// The shim (index.js) owns what a tap means; this module owns the options, the element and the
// listeners, and the shape of the user-info result.

const TYPES = ['text', 'image'];
const LANGS = ['en', 'zh_CN', 'zh_TW'];
const TEXT_ALIGNS = ['left', 'center', 'right'];
// minigame-api-typings' CreateUserInfoButtonOptionStyle (research §6).
const NUMBER_STYLES = ['left', 'top', 'width', 'height', 'borderWidth', 'borderRadius', 'fontSize', 'lineHeight'];
const STRING_STYLES = ['backgroundColor', 'borderColor', 'color'];

/** What WeChat gives since user info went anonymous (2021): a placeholder profile. */
const DEFAULT_USER_INFO = { nickName: '微信用户', avatarUrl: '', gender: 0, country: '', province: '', city: '' };

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

function typeName(value) {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'Null';
  if (Array.isArray(value)) return 'Array';
  const type = typeof value;
  return type[0].toUpperCase() + type.slice(1);
}

function parameterError(field, expected, value) {
  const actual = typeof value === 'string' ? JSON.stringify(value) : typeName(value);
  return new TypeError(`createUserInfoButton:fail parameter error: parameter.${field} should be ${expected} instead of ${actual};`);
}

/** Checks the options as WeChat would, throwing its parameter-error sentence. */
export function checkButtonOptions(options) {
  if (!isObject(options)) {
    throw new TypeError(`createUserInfoButton:fail parameter error: parameter should be Object instead of ${typeName(options)};`);
  }
  const { type, text, image, style, lang, withCredentials } = options;
  if (typeof type !== 'string') throw parameterError('type', 'String', type);
  if (!TYPES.includes(type)) throw parameterError('type', '"text" or "image"', type);
  if (text !== undefined && typeof text !== 'string') throw parameterError('text', 'String', text);
  if (type === 'image' && typeof image !== 'string') throw parameterError('image', 'String', image);
  if (type !== 'image' && image !== undefined && typeof image !== 'string') throw parameterError('image', 'String', image);
  if (lang !== undefined && !LANGS.includes(lang)) throw parameterError('lang', '"en", "zh_CN" or "zh_TW"', lang);
  if (withCredentials !== undefined && typeof withCredentials !== 'boolean') throw parameterError('withCredentials', 'Boolean', withCredentials);
  if (!isObject(style)) throw parameterError('style', 'Object', style);
  for (const key of NUMBER_STYLES) {
    if (style[key] !== undefined && !(typeof style[key] === 'number' && Number.isFinite(style[key]))) {
      throw parameterError(`style.${key}`, 'Number', style[key]);
    }
  }
  for (const key of STRING_STYLES) {
    if (style[key] !== undefined && typeof style[key] !== 'string') throw parameterError(`style.${key}`, 'String', style[key]);
  }
  if (style.textAlign !== undefined && !TEXT_ALIGNS.includes(style.textAlign)) {
    throw parameterError('style.textAlign', '"left", "center" or "right"', style.textAlign);
  }
}

// --- the user-info result ------------------------------------------------------------------

const encoder = new TextEncoder();

function base64(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** 40 hex digits, like a SHA-1, derived from `text` (FNV-1a): stable, and no real signature. */
function fakeSignature(text) {
  let out = '';
  for (let seed = 0; seed < 5; seed++) {
    let hash = 0x811c9dc5 ^ seed;
    for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
    out += (hash >>> 0).toString(16).padStart(8, '0');
  }
  return out;
}

/** Base64 of a whole number of 16-byte blocks (as AES-CBC output would be), plainly marked fake. */
function fakeEncryptedData(rawData) {
  const plain = encoder.encode(`miniprogram-authorize fake encryptedData ${rawData}`);
  const pad = 16 - (plain.length % 16);
  const padded = new Uint8Array(plain.length + pad);
  padded.set(plain);
  padded.fill(pad, plain.length);
  return base64(padded);
}

const FAKE_IV = base64(encoder.encode('fake-iv-00000000'));

/**
 * The fields `getUserInfo` succeeds with: `userInfo` from the host's `userInfo` option (an object,
 * or a function of `{ lang, withCredentials }` returning one, maybe async) over WeChat's anonymous
 * placeholder; `rawData` its JSON; `signature`, and with credentials `encryptedData` and `iv`:
 * well-formed but fake (nothing can verify or decrypt them).
 */
export async function userInfoResult(source, { lang = 'en', withCredentials = true } = {}) {
  const given = typeof source === 'function' ? await source({ lang, withCredentials }) : source;
  const userInfo = { ...DEFAULT_USER_INFO, language: lang, ...(isObject(given) ? given : {}) };
  const rawData = JSON.stringify(userInfo);
  const result = { userInfo, rawData, signature: fakeSignature(rawData) };
  if (withCredentials !== false) {
    result.encryptedData = fakeEncryptedData(rawData);
    result.iv = FAKE_IV;
  }
  return result;
}

// --- the button ----------------------------------------------------------------------------

function place(element, button) {
  const { style = {} } = button;
  const px = (value) => (typeof value === 'number' ? `${value}px` : '');
  Object.assign(element.style, {
    position: 'absolute',
    boxSizing: 'border-box',
    margin: '0',
    padding: '0',
    zIndex: '2147483000',
    cursor: 'pointer',
    overflow: 'hidden',
    left: px(style.left),
    top: px(style.top),
    width: px(style.width),
    height: px(style.height),
    backgroundColor: style.backgroundColor ?? (button.type === 'image' ? 'transparent' : ''),
    borderStyle: 'solid',
    borderColor: style.borderColor ?? 'transparent',
    borderWidth: px(style.borderWidth) || '0',
    borderRadius: px(style.borderRadius),
    color: style.color ?? '',
    fontSize: px(style.fontSize),
    lineHeight: px(style.lineHeight),
    textAlign: style.textAlign ?? 'center',
    backgroundImage: button.type === 'image' && button.image ? `url(${JSON.stringify(button.image)})` : '',
    backgroundSize: '100% 100%',
  });
  element.textContent = button.type === 'text' ? (button.text ?? '') : '';
}

export class UserInfoButton {
  #listeners = new Set();
  #run;
  #report;
  #element = null;
  #destroyed = false;

  /** Use `wx.createUserInfoButton(options)` (`auth.api.createUserInfoButton`). */
  constructor(options, run, { container, report = console.error } = {}) {
    checkButtonOptions(options);
    this.#run = run;
    this.#report = report;
    this.type = options.type;
    this.text = options.text;
    this.image = options.image;
    this.style = { ...options.style };
    this.lang = options.lang ?? 'en';
    this.withCredentials = options.withCredentials ?? true;
    if (typeof document !== 'undefined') {
      const element = document.createElement('button');
      element.type = 'button';
      element.setAttribute('data-mpa-user-info-button', '');
      element.setAttribute('aria-label', this.text || 'Get user info');
      place(element, this);
      element.addEventListener('click', () => { this.tap(); });
      (container ?? document.body).append(element);
      this.#element = element;
    }
  }

  /** The <button> in a page; `null` outside one. */
  get element() {
    return this.#element;
  }

  onTap(listener) {
    if (typeof listener !== 'function') throw new TypeError('onTap: listener must be a function');
    this.#listeners.add(listener);
  }

  /** Removes `listener`, or every listener when none is given. */
  offTap(listener) {
    if (listener === undefined) this.#listeners.clear();
    else this.#listeners.delete(listener);
  }

  show() {
    if (!this.#element) return;
    place(this.#element, this);
    this.#element.hidden = false;
    this.#element.style.display = '';
  }

  hide() {
    if (!this.#element) return;
    this.#element.hidden = true;
    this.#element.style.display = 'none';
  }

  destroy() {
    this.#destroyed = true;
    this.#listeners.clear();
    this.#element?.remove();
    this.#element = null;
  }

  /**
   * The user taps the button: the prompt runs unless `scope.userInfo` is granted; every `onTap`
   * listener gets the result, which the returned Promise also resolves with. After `destroy()` a
   * tap does nothing and resolves `undefined`.
   */
  async tap() {
    if (this.#destroyed) return undefined;
    const result = await this.#run({ lang: this.lang, withCredentials: this.withCredentials });
    if (this.#destroyed) return result;
    for (const listener of [...this.#listeners]) {
      try {
        listener(result);
      } catch (error) {
        this.#report(error);
      }
    }
    return result;
  }
}
