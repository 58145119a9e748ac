// miniprogram-authorize/guest: the platform global (`wx`, `my`, `tt`, `swan`, `ks` or a custom one)
// for mini-program code running in a Worker or a sandboxed <iframe>, served by a host page's
// authorizer (pkg/host.js) over a MessagePort.
//
// Every method of the host's `auth.api`, in both calling forms: the callbacks stay and run here,
// `complete` once; the Promise form rejects with the fail object. Only plain data crosses; results
// are the host facade's own objects, structured-cloned. The calling form is read by the facade's
// own rule (calling-form.js's readCallbacks: own properties, read once).
import {
  HANDSHAKE, VERSION, CALL, BUTTON, BUTTON_OP, LISTEN, UNLISTEN, INVOKE, SESSION, SESSION_OP, HELLO, REPLY, EVENT, TAP,
  BYE, CALLBACKS, SESSION_SYSTEM_ERROR, boundaryFail,
} from './boundary.js';
import { readCallbacks } from './calling-form.js';
import { copyOwn } from './values.js';
import { checkButtonOptions } from './user-info-button.js';

const report = (error) => console.error('miniprogram-authorize:', error);

function run(callback, result) {
  if (typeof callback !== 'function') return;
  try {
    callback(result);
  } catch (error) {
    report(error);
  }
}

/** A deep copy of data without functions and symbols, which cannot cross (cycles kept). */
function data(value, seen) {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  const proto = Object.getPrototypeOf(value);
  const array = Array.isArray(value);
  // Dates, binary data and the like cross as structured clone has them.
  if (!array && proto !== Object.prototype && proto !== null) return value;
  if (seen.has(value)) return seen.get(value);
  const copy = array ? [] : {};
  seen.set(value, copy);
  for (const key of Object.keys(value)) {
    let item;
    try {
      item = value[key];
    } catch {
      item = undefined;
    }
    copy[key] = data(item, seen);
  }
  return copy;
}

const kindOf = (value) => (typeof value === 'function' ? 'Function' : typeof value === 'symbol' ? 'Symbol' : null);

/**
 * A call's argument as it crosses: `a` the data, `h` the holes where a function or a symbol stood
 * (the host puts a stand-in there, so its parameter error names the same type). The callbacks
 * stay here.
 */
function encode(options) {
  const kind = kindOf(options);
  if (kind) return { a: undefined, h: kind };
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return { a: data(options, new Map()), h: null };
  const a = {};
  let h = null;
  const seen = new Map([[options, a]]);
  for (const key of Object.keys(options)) {
    let value;
    try {
      value = options[key];
    } catch {
      value = undefined;
    }
    const hole = kindOf(value);
    if (hole) {
      if (!CALLBACKS.includes(key)) (h ??= {})[key] = hole;
    } else {
      a[key] = data(value, seen);
    }
  }
  return { a, h };
}

/** Finds the host: the port it hands this Worker or frame after the `ready` handshake. */
function handshake() {
  const inWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
  const parent = inWorker ? null : globalThis.parent;
  if (!inWorker && (!parent || parent === globalThis)) {
    return Promise.reject(new Error('miniprogram-authorize/guest: not in a Worker or a frame: pass connect({ port })'));
  }
  // One nonce per handshake: the host answers it once, however often `host` makes this say it.
  const ready = { [HANDSHAKE]: 'ready', v: VERSION, n: `${Date.now()}-${Math.random()}` };
  const say = () => (inWorker ? globalThis.postMessage(ready) : parent.postMessage(ready, '*'));
  return new Promise((resolve) => {
    const onMessage = (event) => {
      if (!inWorker && event.source !== parent) return;
      const said = event.data?.[HANDSHAKE];
      if (said === 'host') say();
      if (said !== 'port' || !event.data.port) return;
      globalThis.removeEventListener('message', onMessage);
      resolve(event.data.port);
    };
    globalThis.addEventListener('message', onMessage);
    say();
  });
}

/** The host's first message on the port: what the platform global has. */
function helloOn(port) {
  return new Promise((resolve) => {
    const onHello = ({ data: message }) => {
      if (message?.t !== HELLO) return;
      port.removeEventListener('message', onHello);
      resolve(message);
    };
    port.addEventListener('message', onHello);
    port.start();
  });
}

let connecting;

/**
 * Connects to the host and resolves with the platform global, also installed as
 * `globalThis[global]` (`wx`, `my`, ...) unless `install: false`. In a Worker or a frame the host
 * is found by handshake; elsewhere (Node's worker_threads) pass the `port` the host serves.
 */
export function connect({ port, install = true } = {}) {
  if (port === undefined && connecting) return connecting;
  const connection = (port === undefined ? handshake() : Promise.resolve(port)).then(async (channel) => {
    const hello = await helloOn(channel);
    // Once the host has closed this channel, connecting again starts a fresh handshake.
    const forget = () => { if (connecting === connection) connecting = undefined; };
    const api = new Guest(channel, hello, forget).api;
    if (install) globalThis[hello.global] = api;
    return api;
  });
  if (port === undefined) connecting = connection;
  return connection;
}

class Guest {
  #port;
  #style;
  #nextId = 1;
  /** Calls sent, by id: `{ m, callbacks }` (callback form), `{ m, resolve, reject }`, or `{ m, started }` (a session's start). */
  #pending = new Map();
  #buttons = new Map();
  #listeners = new Map();
  #closed = false;
  #onClose;

  constructor(port, hello, onClose) {
    this.#port = port;
    this.#onClose = onClose;
    this.#style = hello.style;
    port.addEventListener('message', ({ data: message }) => this.#receive(message));
    // The host's page gone without a goodbye (where the platform tells).
    port.addEventListener('close', () => this.#close());
    const api = {};
    for (const name of hello.calls) api[name] = (options) => this.#call(name, options);
    for (const name of hello.sessions ?? []) api[name] = (option) => this.#createSession(name, option);
    for (const name of hello.listens) {
      // Without an `off`, the platform keeps the last listener only (onNeedPrivacyAuthorization).
      const lastOnly = !hello.unlistens.includes(name);
      api[name] = (listener) => this.#listen(name, listener, lastOnly);
      if (!lastOnly) api[`off${name.slice(2)}`] = (listener) => this.#unlisten(name, listener);
    }
    if (hello.button) api.createUserInfoButton = (options) => this.#createButton(options);
    this.api = api;
  }

  #send(message) {
    if (this.#closed) return false;
    try {
      this.#port.postMessage(message);
      return true;
    } catch (error) {
      report(error);
      return false;
    }
  }

  #call(m, options) {
    const callbacks = readCallbacks(options);
    const id = this.#nextId++;
    const entry = callbacks ? { m, callbacks } : { m };
    const promise = callbacks ? undefined : new Promise((resolve, reject) => {
      entry.resolve = resolve;
      entry.reject = reject;
    });
    this.#pending.set(id, entry);
    let sent = false;
    if (!this.#closed) {
      try {
        this.#port.postMessage({ t: CALL, id, m, ...encode(options), c: callbacks ? 1 : 0 });
        sent = true;
      } catch {
        // Something structured clone refuses (a DOM node, a WeakMap): it cannot cross.
        queueMicrotask(() => this.#settle(id, false, boundaryFail(this.#style, m, 'parameter cannot be cloned')));
      }
    }
    if (!sent && this.#closed) queueMicrotask(() => this.#settle(id, false, boundaryFail(this.#style, m, 'host closed')));
    return promise;
  }

  #settle(id, ok, result) {
    const entry = this.#pending.get(id);
    if (!entry) return;
    this.#pending.delete(id);
    // A session's start: the host's status; anything the boundary answers itself is a system error.
    if (entry.started) return run(entry.started, typeof result === 'number' ? result : SESSION_SYSTEM_ERROR);
    if (!entry.callbacks) {
      (ok ? entry.resolve : entry.reject)(result);
      return;
    }
    run(ok ? entry.callbacks.success : entry.callbacks.fail, result);
    run(entry.callbacks.complete, result);
  }

  #receive(message) {
    switch (message?.t) {
      case REPLY:
        return this.#settle(message.id, message.ok === true, message.r);
      case TAP:
        return this.#buttons.get(message.id)?.hear(message.r);
      case EVENT:
        return this.#event(message);
      case BYE:
        return this.#close();
      default:
        return undefined;
    }
  }

  /** The host closed: what is pending fails now, and every later call at once. */
  #close() {
    if (this.#closed) return;
    this.#closed = true;
    this.#onClose();
    for (const [id, { m }] of [...this.#pending]) this.#settle(id, false, boundaryFail(this.#style, m, 'host closed'));
    this.#port.close();
  }

  #listen(m, listener, lastOnly) {
    if (typeof listener !== 'function') {
      report(new TypeError(`${m}: listener must be a function`));
      return;
    }
    let set = this.#listeners.get(m);
    if (!set) this.#listeners.set(m, (set = new Set()));
    if (set.size === 0) this.#send({ t: LISTEN, m });
    if (lastOnly) set.clear();
    set.add(listener);
  }

  #unlisten(m, listener) {
    const set = this.#listeners.get(m);
    if (!set || set.size === 0) return;
    if (listener === undefined) set.clear();
    else set.delete(listener);
    if (set.size === 0) this.#send({ t: UNLISTEN, m });
  }

  /** An event from the host: its functions (a privacy `resolve`) become calls back across. */
  #event({ m, a, f }) {
    const set = this.#listeners.get(m);
    if (!set || !Array.isArray(a)) return;
    const args = [...a];
    for (const [index, token] of Array.isArray(f) ? f : []) {
      args[index] = (...values) => { this.#send({ t: INVOKE, id: token, a: values.map((value) => data(value, new Map())) }); };
    }
    for (const listener of [...set]) {
      try {
        listener(...args);
      } catch (error) {
        report(error);
      }
    }
  }

  /**
   * createVKSession: a session at once, made on the host too (its VisionKit, if any, is there);
   * its start crosses, the host's authorization runs, and the status comes back.
   */
  #createSession(m, option) {
    const id = this.#nextId++;
    this.#send({ t: SESSION, id, m, ...encode(option) });
    return new GuestSession(copyOwn(option), (op, started) => {
      const c = this.#nextId++;
      if (op === 'start') this.#pending.set(c, { m, started });
      const sent = this.#send({ t: SESSION_OP, id, op, c });
      // Closed, or the host could not be told: the start still answers once.
      if (!sent && op === 'start') queueMicrotask(() => this.#settle(c, false, undefined));
    });
  }

  #createButton(options) {
    checkButtonOptions(options);
    const id = this.#nextId++;
    const button = new GuestButton(options, (op) => {
      if (op === 'destroy') this.#buttons.delete(id);
      this.#send({ t: BUTTON_OP, id, op });
    });
    this.#buttons.set(id, button);
    this.#send({ t: BUTTON, id, a: data(options, new Map()) });
    return button;
  }
}

/**
 * A session (createVKSession's) as the guest holds it: its start runs on the host, after the
 * host's authorization; the callback gets the status once. The VisionKit session itself is the
 * host's: its events and frames do not cross, so `on` / `off` only keep the listeners' place.
 */
class GuestSession {
  #op;

  constructor(config, op) {
    this.#op = op;
    this.state = 0;
    this.config = config;
  }

  start(callback) {
    this.#op('start', typeof callback === 'function' ? callback : () => {});
  }

  stop() {
    this.#op('stop');
  }

  destroy() {
    this.#op('destroy');
  }

  on() {}

  off() {}
}

/**
 * The mini game's user-info button as the guest holds it: the real <button> is the host's, on the
 * host's page, and only the user's tap there runs the prompt; its result arrives here.
 */
class GuestButton {
  #listeners = new Set();
  #op;
  #destroyed = false;

  constructor(options, op) {
    this.#op = op;
    this.type = options.type;
    this.text = options.text;
    this.image = options.image;
    this.style = { ...options.style };
    this.lang = options.lang ?? 'en';
    this.withCredentials = options.withCredentials ?? true;
  }

  /** The <button> is on the host's page: none here. */
  get element() {
    return null;
  }

  onTap(listener) {
    if (typeof listener !== 'function') throw new TypeError('onTap: listener must be a function');
    this.#listeners.add(listener);
  }

  offTap(listener) {
    if (listener === undefined) this.#listeners.clear();
    else this.#listeners.delete(listener);
  }

  show() {
    if (!this.#destroyed) this.#op('show');
  }

  hide() {
    if (!this.#destroyed) this.#op('hide');
  }

  destroy() {
    if (this.#destroyed) return;
    this.#destroyed = true;
    this.#listeners.clear();
    this.#op('destroy');
  }

  /** A tap only the user can make, on the host's page: from here it does nothing. */
  tap() {
    return Promise.resolve(undefined);
  }

  hear(result) {
    if (this.#destroyed) return;
    for (const listener of [...this.#listeners]) {
      try {
        listener(result);
      } catch (error) {
        report(error);
      }
    }
  }
}
