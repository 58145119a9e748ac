// Plain values in and out of the shim: what counts as an options object, copies of the core's
// replies, snapshots of what callers and host handlers hand over, and words for values that go
// into a message. Nothing here throws, whatever it is given: getters and Proxy traps that throw,
// revoked Proxies and values whose `toString` throws are all met as a hostile caller would send them.

const { hasOwn, keys: ownKeys } = Object;

/** `Array.isArray` that answers false for a revoked Proxy instead of throwing. */
function isArray(value) {
  try {
    return Array.isArray(value);
  } catch {
    return false;
  }
}

export const isObject = (value) => typeof value === 'object' && value !== null && !isArray(value);

/** WeChat's names for JS types, as its parameter errors print them. */
export function typeName(value) {
  if (value === undefined) return 'Undefined';
  if (value === null) return 'Null';
  if (typeof value === 'object') return isArray(value) ? 'Array' : 'Object';
  const type = typeof value;
  return type === 'bigint' ? 'BigInt' : type[0].toUpperCase() + type.slice(1);
}

/**
 * Keeps a class's instances from ever being taken for a thenable: a Promise resolved with one
 * looks up `then`, and without this it would find one planted on Object.prototype.
 */
export function notThenable(Class) {
  Object.defineProperty(Class.prototype, 'then', { value: undefined });
  return Class;
}

/** `object[name]` when it is an own property, read once; undefined when absent or unreadable. */
export function ownField(object, name) {
  try {
    return hasOwn(object, name) ? object[name] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A copy of plain data as its owner holds it now: own enumerable properties only, each read once,
 * into objects with no prototype (so nothing planted on Object.prototype shows through) and
 * dense arrays. Functions and other values are kept as they are; what cannot be read is left out.
 * Past `depth` levels a value is left out too.
 */
export function snapshot(value, depth = 8) {
  if (typeof value !== 'object' || value === null) return value;
  if (depth === 0) return undefined;
  if (isArray(value)) {
    let length = 0;
    try {
      length = Math.min(Number(value.length) >>> 0, 1 << 16);
    } catch {}
    return Array.from({ length }, (_, index) => snapshot(ownField(value, index), depth - 1));
  }
  const copy = Object.create(null);
  let names = [];
  try {
    names = ownKeys(value);
  } catch {}
  for (const name of names) {
    const field = snapshot(ownField(value, name), depth - 1);
    if (field !== undefined) copy[name] = field;
  }
  return copy;
}

/**
 * An object's own enumerable properties as a plain object, each read once (values kept as they
 * are), and its own symbol-keyed ones, enumerable or not (a host may tag the options it passes on,
 * as the demo's console does); {} when they cannot be read.
 */
export function copyOwn(value) {
  const copy = {};
  let names = [];
  let symbols = [];
  try {
    names = ownKeys(value);
    symbols = Object.getOwnPropertySymbols(value);
  } catch {}
  for (const name of names) {
    const field = ownField(value, name);
    if (field !== undefined) copy[name] = field;
  }
  for (const symbol of symbols) {
    let enumerable = false;
    try {
      enumerable = Object.prototype.propertyIsEnumerable.call(value, symbol);
    } catch {}
    Object.defineProperty(copy, symbol, { value: ownField(value, symbol), enumerable, writable: true, configurable: true });
  }
  return copy;
}

/** A deep copy of plain data (objects, arrays, primitives), the kind the core hands out. */
export function copyPlain(value) {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyPlain);
  const copy = {};
  for (const key of Object.keys(value)) copy[key] = copyPlain(value[key]);
  return copy;
}

export function copyReply(reply) {
  const copy = { ...reply };
  if (reply.data !== undefined) copy.data = { ...reply.data };
  return copy;
}

/** Words for a value in a message; never throws (a value that cannot be shown is named by type). */
export function describeValue(value) {
  try {
    if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
    if (value === undefined || value === null || typeof value !== 'object') return String(value);
    const text = JSON.stringify(value);
    if (typeof text === 'string') return text.length > 200 ? `${text.slice(0, 200)}…` : text;
  } catch {}
  return `a value of type ${typeName(value)}`;
}

/** An error's message for a reply or a message; never throws. */
export function errorMessage(error) {
  try {
    if (error instanceof Error) {
      const message = String(error.message);
      return message || String(error.name);
    }
  } catch {
    return 'an error that cannot be read';
  }
  return describeValue(error);
}
