// miniprogram-authorize/host: serves an authorizer's platform API to code running in another realm
// (a Worker, or an <iframe sandbox="allow-scripts">) over a MessagePort. The authorizer, its
// storage, pop-up, settings page and events stay here; the guest (pkg/guest.js) only sends calls.
//
// Everything that arrives is hostile input: a message is checked for shape, size and rate before
// anything acts on it, a refused one is answered in the platform's fail form, and no message can
// carry a scope state: the only way to change one is the user answering the host's own UI.
import {
  HANDSHAKE, VERSION, CALL, BUTTON, BUTTON_OP, LISTEN, UNLISTEN, INVOKE, SESSION, SESSION_OP, HELLO, REPLY, EVENT, TAP,
  BYE, CALLBACKS, SESSION_SYSTEM_ERROR, isListen, isUnlisten, boundaryFail,
} from './boundary.js';

const LIMITS = {
  /** Calls (and handshakes) per second, refilled continuously, and how many may come at once. */
  rate: 2000,
  burst: 2000,
  /** Calls sent and not yet answered (each waits on a prompt or a host implementation). */
  maxPending: 256,
  /** An argument's size: string characters count two bytes, binary data its byteLength. */
  maxBytes: 256 * 1024,
  maxDepth: 32,
  maxNodes: 10_000,
  /** The mini game's user-info buttons a guest may have on the host's page at once. */
  maxButtons: 16,
  /** Functions an event handed to the guest (a privacy `resolve`) not called back yet. */
  maxTokens: 64,
  /** Sessions (createVKSession's) a guest may have on the host at once. */
  maxSessions: 16,
};

const BUTTON_OPS = new Set(['show', 'hide', 'destroy']);
const SESSION_OPS = new Set(['start', 'stop', 'destroy']);
const HOLE_KINDS = new Set(['Function', 'Symbol']);

const isPlainObject = (value) => typeof value === 'object' && value !== null
  && Object.getPrototypeOf(value) === Object.prototype;
const isId = (value) => Number.isSafeInteger(value) && value >= 0;
const BIGINT_LIMIT = 2n ** 64n;

/**
 * Why `value` may not cross (null: it may): only plain data — primitives, plain objects, arrays,
 * binary data — within the size, depth and node limits. Cycles count once.
 */
function dataProblem(value, limits) {
  let bytes = 0;
  let nodes = 0;
  const seen = new Set();
  const walk = (item, depth) => {
    switch (typeof item) {
      case 'string':
        bytes += 2 * item.length;
        return bytes > limits.maxBytes ? 'message too large' : null;
      case 'bigint':
        bytes += 8;
        return item < BIGINT_LIMIT && item > -BIGINT_LIMIT ? null : 'message too large';
      case 'object':
        break;
      default:
        bytes += 8;
        return null;
    }
    if (item === null || seen.has(item)) return null;
    seen.add(item);
    if ((nodes += 1) > limits.maxNodes || bytes > limits.maxBytes) return 'message too large';
    if (depth > limits.maxDepth) return 'message too deep';
    if (item instanceof ArrayBuffer || ArrayBuffer.isView(item)) {
      bytes += item.byteLength;
      return bytes > limits.maxBytes ? 'message too large' : null;
    }
    if (!Array.isArray(item) && !isPlainObject(item)) return 'message not plain data';
    for (const key of Object.keys(item)) {
      bytes += 2 * key.length + 8;
      const problem = walk(item[key], depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  return walk(value, 0);
}

/** A deep copy keeping only what structured clone carries (a host implementation's result may hold more). */
function cloneable(value, seen = new Map()) {
  if (typeof value === 'function' || typeof value === 'symbol') return undefined;
  if (typeof value !== 'object' || value === null) return value;
  if (seen.has(value)) return seen.get(value);
  try {
    return structuredClone(value);
  } catch {
    const copy = Array.isArray(value) ? [] : {};
    seen.set(value, copy);
    for (const key of Object.keys(value)) copy[key] = cloneable(value[key], seen);
    return copy;
  }
}

/**
 * The guest's argument as the same-page facade would have seen it: the guest sends functions and
 * symbols (which cannot cross) as holes naming their type, so the platform's parameter error still
 * says "instead of Function". A hole never becomes a callback: the host call is always the
 * Promise form, and the guest runs its own callbacks.
 */
function withHoles(argument, holes) {
  const standIn = (kind) => (kind === 'Function' ? function standIn() {} : Symbol('standIn'));
  if (holes === undefined || holes === null) return { argument };
  if (typeof holes === 'string') return HOLE_KINDS.has(holes) ? { argument: standIn(holes) } : { problem: 'message malformed' };
  if (!isPlainObject(holes) || !isPlainObject(argument)) return { problem: 'message malformed' };
  const keys = Object.keys(holes);
  if (keys.length > 64) return { problem: 'message too large' };
  for (const key of keys) {
    if (!HOLE_KINDS.has(holes[key]) || CALLBACKS.includes(key) || key === '__proto__') return { problem: 'message malformed' };
    argument[key] = standIn(holes[key]);
  }
  return { argument };
}

/** Plain numbers for the limits: a host option that is not a positive number keeps the default. */
function readLimits(options) {
  const limits = { ...LIMITS };
  for (const key of Object.keys(LIMITS)) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) throw new TypeError(`exposeAuthorizer: option ${key} must be a positive number`);
    limits[key] = value;
  }
  return limits;
}

/** A token bucket: `burst` at once, refilled at `rate` per second. */
function rateLimiter({ rate, burst }) {
  let tokens = burst;
  let last = Date.now();
  return () => {
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - last) * rate) / 1000);
    last = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  };
}

/** Where the guest lives: how to hear its handshake and how to hand it a port. */
function describeTarget(target) {
  if (typeof MessagePort !== 'undefined' && target instanceof MessagePort) return { port: target };
  if (target && typeof target === 'object' && 'contentWindow' in target) {
    // An <iframe>: its handshake comes to this window, from that frame only.
    return {
      events: globalThis,
      from: (event) => event.source !== null && event.source === target.contentWindow,
      send: (message, transfer) => target.contentWindow?.postMessage(message, '*', transfer),
    };
  }
  if (target && typeof target.postMessage === 'function' && typeof target.addEventListener === 'function') {
    return { events: target, from: () => true, send: (message, transfer) => target.postMessage(message, transfer) };
  }
  throw new TypeError('exposeAuthorizer: target must be a Worker, an <iframe> or a MessagePort');
}

/**
 * Serves `auth.api` to the guest in `target` (a Worker, an `<iframe sandbox="allow-scripts">`, or a
 * MessagePort whose other end the guest holds). Returns `{ ready, buttons, close() }`.
 */
export function exposeAuthorizer(auth, target, options = {}) {
  const api = auth?.api;
  if (typeof api !== 'object' || api === null) throw new TypeError('exposeAuthorizer: pass an authorizer (createAuthorizer())');
  if (typeof options !== 'object' || options === null) throw new TypeError('exposeAuthorizer: options must be an object');
  const limits = readLimits(options);
  const onReject = typeof options.onReject === 'function' ? options.onReject : null;
  const where = describeTarget(target);
  const style = auth.style;

  // The guest may call exactly the facade's own methods, named once here.
  const names = Object.keys(api).filter((name) => typeof api[name] === 'function');
  // Session APIs (createVKSession) answer at once: the guest holds a session whose start crosses.
  const sessionApis = names.filter((name) => Array.isArray(auth.sessionApis) && auth.sessionApis.includes(name));
  const calls = new Set(names.filter((name) => name !== 'createUserInfoButton' && !sessionApis.includes(name) && !isListen(name) && !isUnlisten(name)));
  const listens = names.filter(isListen);
  const unlistens = listens.filter((name) => typeof api[`off${name.slice(2)}`] === 'function');
  const hello = {
    t: HELLO,
    v: VERSION,
    global: auth.global,
    platform: auth.platform,
    style,
    calls: [...calls],
    sessions: sessionApis,
    listens,
    unlistens,
    button: typeof api.createUserInfoButton === 'function',
  };

  const take = rateLimiter(limits);
  /** The host-side user-info buttons of the current guest, by the guest's id. */
  const buttons = new Map();
  /** The host-side sessions (createVKSession's) of the current guest, by the guest's id. */
  const sessions = new Map();
  /** The host listeners standing for the guest's, by method (`onX` → listener). */
  const listeners = new Map();
  /** Functions events handed to the guest, by token, until it calls one back (once). */
  const tokens = new Map();
  let nextToken = 1;
  let port = null;
  let pending = 0;
  let closed = false;
  let connected;
  const ready = new Promise((resolve) => { connected = resolve; });

  const reject = (reason, message) => {
    if (!onReject) return;
    try {
      onReject({ reason, method: typeof message?.m === 'string' ? message.m.slice(0, 64) : undefined });
    } catch (error) {
      console.error(error);
    }
  };

  const post = (channel, message) => {
    try {
      channel.postMessage(message);
    } catch {
      // A host implementation's result holding what cannot be cloned: send what can.
      try {
        channel.postMessage(cloneable(message));
      } catch (error) {
        console.error('miniprogram-authorize/host:', error);
      }
    }
  };

  const refuse = (channel, message, reason) => {
    reject(reason, message);
    if (message.t === CALL && isId(message.id)) {
      const api = typeof message.m === 'string' && calls.has(message.m) ? message.m : 'call';
      post(channel, { t: REPLY, id: message.id, ok: false, r: boundaryFail(style, api, reason) });
    }
  };

  const call = (channel, message) => {
    const { id, m } = message;
    if (!calls.has(m)) return refuse(channel, message, 'not supported');
    if (pending >= limits.maxPending) return refuse(channel, message, 'too many calls');
    const problem = dataProblem(message.a, limits);
    if (problem) return refuse(channel, message, problem);
    const given = withHoles(message.a, message.h);
    if (given.problem) return refuse(channel, message, given.problem);
    pending += 1;
    let result;
    try {
      // In the form the guest chose (its callbacks stay there), so what the host hears, a recorder
      // around `auth.api` for one, is the call as the guest made it.
      result = message.c === 1 && isPlainObject(given.argument)
        ? new Promise((resolve, reject) => {
          try {
            api[m]({ ...given.argument, success: resolve, fail: reject });
          } catch (error) {
            reject(boundaryFail(style, m, error instanceof Error ? error.message : String(error)));
          }
        })
        : api[m](given.argument);
    } catch (error) {
      result = Promise.reject(boundaryFail(style, m, error instanceof Error ? error.message : String(error)));
    }
    Promise.resolve(result).then((reply) => [true, reply], (reply) => [false, reply]).then(([ok, reply]) => {
      pending -= 1;
      if (port === channel) post(channel, { t: REPLY, id, ok, r: reply });
    });
  };

  const createButton = (channel, message) => {
    const { id } = message;
    if (!hello.button || buttons.has(id) || buttons.size >= limits.maxButtons) return reject('button refused', message);
    if (dataProblem(message.a, limits)) return reject('button refused', message);
    let button;
    try {
      button = api.createUserInfoButton(message.a);
    } catch {
      return reject('button refused', message);
    }
    button.onTap((result) => {
      if (port === channel) post(channel, { t: TAP, id, r: result });
    });
    buttons.set(id, button);
  };

  const buttonOp = (message) => {
    const button = buttons.get(message.id);
    if (!button || !BUTTON_OPS.has(message.op)) return reject('button refused', message);
    if (message.op === 'destroy') buttons.delete(message.id);
    button[message.op]();
  };

  /** The guest made a session: the facade makes it here, at once (the host's VisionKit, if any). */
  const createSession = (message) => {
    const { id, m } = message;
    if (!sessionApis.includes(m) || sessions.has(id) || sessions.size >= limits.maxSessions) return reject('session refused', message);
    const problem = dataProblem(message.a, limits);
    if (problem) return reject(problem, message);
    const given = withHoles(message.a, message.h);
    if (given.problem) return reject(given.problem, message);
    sessions.set(id, api[m](given.argument));
    return undefined;
  };

  /** start (its status comes back as the REPLY to call `c`), stop or destroy of a guest's session. */
  const sessionOp = (channel, message) => {
    const session = sessions.get(message.id);
    const starting = message.op === 'start' && isId(message.c);
    const answer = (status) => {
      if (!starting) return;
      pending -= 1;
      if (port === channel) post(channel, { t: REPLY, id: message.c, ok: true, r: status });
    };
    if (starting) pending += 1;
    if (!session || !SESSION_OPS.has(message.op) || (message.op === 'start' && !starting) || pending > limits.maxPending) {
      reject('session refused', message);
      return answer(SESSION_SYSTEM_ERROR);
    }
    if (message.op === 'destroy') sessions.delete(message.id);
    if (starting) return session.start(answer);
    return session[message.op]();
  };

  /** An event for the guest: functions among its arguments become tokens the guest may call once. */
  const forward = (channel, m) => (...args) => {
    if (port !== channel) return;
    const values = [];
    const functions = [];
    args.forEach((arg, index) => {
      if (typeof arg !== 'function') {
        values.push(arg);
        return;
      }
      const token = nextToken++;
      tokens.set(token, arg);
      if (tokens.size > limits.maxTokens) tokens.delete(tokens.keys().next().value);
      values.push(null);
      functions.push([index, token]);
    });
    post(channel, { t: EVENT, m, a: values, f: functions });
  };

  const listen = (channel, message) => {
    const { m } = message;
    if (!listens.includes(m)) return reject('not supported', message);
    if (message.t === LISTEN) {
      if (listeners.has(m)) return undefined;
      const listener = forward(channel, m);
      listeners.set(m, listener);
      return api[m](listener);
    }
    const listener = listeners.get(m);
    if (!listener || !unlistens.includes(m)) return undefined;
    listeners.delete(m);
    return api[`off${m.slice(2)}`](listener);
  };

  const invoke = (message) => {
    const fn = tokens.get(message.id);
    if (!fn || !Array.isArray(message.a)) return reject('message malformed', message);
    const problem = dataProblem(message.a, limits);
    if (problem) return reject(problem, message);
    tokens.delete(message.id);
    return fn(...message.a);
  };

  const onMessage = (channel) => (event) => {
    if (closed || port !== channel) return;
    const message = event.data;
    if (event.ports?.length) {
      for (const transferred of event.ports) transferred.close();
      return reject('ports refused', message);
    }
    if (!isPlainObject(message)) return reject('message malformed', undefined);
    if (!take()) return refuse(channel, message, 'too many calls');
    try {
      switch (message.t) {
        case CALL:
          if (!isId(message.id)) return reject('message malformed', message);
          return call(channel, message);
        case BUTTON:
          return isId(message.id) ? createButton(channel, message) : reject('message malformed', message);
        case BUTTON_OP:
          return buttonOp(message);
        case LISTEN:
        case UNLISTEN:
          return listen(channel, message);
        case INVOKE:
          return invoke(message);
        case SESSION:
          return isId(message.id) ? createSession(message) : reject('message malformed', message);
        case SESSION_OP:
          return sessionOp(channel, message);
        default:
          return reject('message malformed', message);
      }
    } catch (error) {
      // A host listener or button method threw on the guest's behalf: the host stays up.
      console.error('miniprogram-authorize/host:', error);
      return undefined;
    }
  };

  /** Ends the current guest's channel: its buttons, listeners and tokens go with it. */
  const endChannel = () => {
    if (!port) return;
    post(port, { t: BYE });
    port.close();
    port = null;
    for (const button of buttons.values()) button.destroy();
    buttons.clear();
    for (const session of sessions.values()) {
      try {
        session.destroy?.();
      } catch (error) {
        console.error('miniprogram-authorize/host:', error);
      }
    }
    sessions.clear();
    for (const [m, listener] of listeners) {
      if (!unlistens.includes(m)) continue;
      try {
        api[`off${m.slice(2)}`](listener);
      } catch (error) {
        console.error('miniprogram-authorize/host:', error);
      }
    }
    listeners.clear();
    tokens.clear();
  };

  const serve = (channel) => {
    endChannel();
    port = channel;
    channel.addEventListener('message', onMessage(channel));
    channel.start();
    post(channel, hello);
    connected();
  };

  // A Worker or frame says `ready` once the guest module runs (again after a frame reloads): each
  // time it gets a fresh channel. `host` asks a guest that spoke before this was listening to say
  // it again; the repeat carries the same nonce, so a guest that was heard the first time is not
  // given a second channel that would close the first.
  let lastNonce;
  const onHandshake = (event) => {
    if (closed || !where.from(event) || event.data?.[HANDSHAKE] !== 'ready') return;
    const nonce = event.data.n;
    if (nonce !== undefined && nonce === lastNonce) return;
    lastNonce = nonce;
    if (!take()) return reject('too many calls', undefined);
    const channel = new MessageChannel();
    where.send({ [HANDSHAKE]: 'port', port: channel.port2 }, [channel.port2]);
    serve(channel.port1);
  };

  if (where.port) {
    serve(where.port);
  } else {
    where.events.addEventListener('message', onHandshake);
    try {
      where.send({ [HANDSHAKE]: 'host' }, []);
    } catch {
      // A frame not loaded yet: its guest will say `ready` when it runs.
    }
  }

  return {
    /** Resolves when a guest has connected. */
    ready,
    /** The host-side user-info buttons of the connected guest (a Node harness can `tap()` them). */
    get buttons() {
      return [...buttons.values()];
    },
    /** Stops serving: the guest's pending and later calls fail with `<api>:fail host closed`. */
    close() {
      if (closed) return;
      closed = true;
      where.events?.removeEventListener('message', onHandshake);
      endChannel();
    },
  };
}

/**
 * A module (or classic) Worker of an opaque origin running `url`: started from a `data:` URL, so
 * it has no access to this origin's IndexedDB, BroadcastChannel or cookies. (A Worker started
 * from this origin's URL shares them, and would be no boundary.) A module guest's imports are
 * then cross-origin requests: serve them with `Access-Control-Allow-Origin`.
 */
export function createGuestWorker(url, { type = 'module', name } = {}) {
  const absolute = new URL(url, globalThis.location?.href).href;
  const source = type === 'module' ? `import ${JSON.stringify(absolute)};` : `importScripts(${JSON.stringify(absolute)});`;
  return new Worker(`data:text/javascript;charset=utf-8,${encodeURIComponent(source)}`, { type, name });
}
