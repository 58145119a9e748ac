// The two calling forms of every platform call: callbacks (`success` / `fail`, then `complete`;
// the call returns undefined) or, when the options carry none, a Promise that resolves with the
// success object and rejects with the fail object.
//
// The options are read once, here, before anything else looks at them: own properties only, each
// in its own try, so a getter or Proxy trap that throws counts as a property left out.
import { notThenable, ownField, typeName } from './values.js';

/**
 * A settled call: whether it succeeded, the object `success` / `fail` / `complete` get, and the
 * core's outcome code where the call has one (a session's start answers by it).
 */
export const Settled = notThenable(class Settled {
  constructor(ok, reply, code) {
    this.ok = ok;
    this.reply = reply;
    this.code = code;
  }
});

/**
 * The callbacks of `options` as `{ success, fail, complete }` (own properties, read once), or null
 * when it carries none: the Promise form. Any object carrying a callback — an
 * array, a function — chooses the callback form, even when it is a parameter error: otherwise the
 * caller's callbacks never run and the returned Promise rejects unheard.
 */
export function readCallbacks(options) {
  if ((typeof options !== 'object' || options === null) && typeof options !== 'function') return null;
  // Each read once, in its own try (a getter that throws is a callback left out), by name: one
  // property per site keeps the Promise form, which has none, at three plain reads.
  let success, fail, complete;
  try {
    success = options.success;
  } catch {}
  try {
    fail = options.fail;
  } catch {}
  try {
    complete = options.complete;
  } catch {}
  if (typeof success !== 'function' && typeof fail !== 'function' && typeof complete !== 'function') return null;
  const callbacks = { success: own(options, 'success', success), fail: own(options, 'fail', fail), complete: own(options, 'complete', complete) };
  return callbacks.success || callbacks.fail || callbacks.complete ? callbacks : null;
}

/** authorize's `scope`: the options' own property, read once; undefined when there is none. */
export function ownScope(options) {
  try {
    return typeof options === 'object' && options !== null && !Array.isArray(options) && Object.hasOwn(options, 'scope')
      ? options.scope
      : undefined;
  } catch {
    return undefined;
  }
}

/** `value`, read as `options[name]`, if it is a function and the options' own; else undefined. */
function own(options, name, value) {
  try {
    return typeof value === 'function' && Object.hasOwn(options, name) ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The fields `names` of an options object, each an own property read once, in an object with no
 * prototype; null when `options` is not an object (see `typeName` for what it is).
 */
export function readFields(options, names) {
  if (typeName(options) !== 'Object') return null;
  const fields = Object.create(null);
  for (const name of names) fields[name] = ownField(options, name);
  return fields;
}

/**
 * Answers a call in the form the caller chose (`callbacks`, null for the Promise form). `settled`
 * is a Settled or a Promise of one; should that Promise reject, `fallback(error)` words the
 * failure (a caller that never rejects passes none), so the call still settles once in the
 * platform's form. `report` hears what a callback throws.
 */
export function answer(callbacks, settled, report, fallback) {
  if (fallback !== undefined && !(settled instanceof Settled)) settled = settled.then(undefined, fallback);
  if (callbacks === null) {
    if (settled instanceof Settled) return settled.ok ? Promise.resolve(settled.reply) : Promise.reject(settled.reply);
    return settled.then((result) => (result.ok ? result.reply : Promise.reject(result.reply)));
  }
  Promise.resolve(settled).then((result) => {
    runCallback(result.ok ? callbacks.success : callbacks.fail, result.reply, report);
    runCallback(callbacks.complete, result.reply, report);
  });
  return undefined;
}

// The callback form of calls settled now waits in small batches, six slots per call (success,
// fail, complete, ok, reply, report), one microtask per batch: no closure and no record per call,
// so the decided-scope hot path in the callback form allocates little more than its reply. Small,
// so a batch stays a young object that the collector handles cheaply.
const BATCH = 6 * 128;
let batch = null;

function drain(calls) {
  if (batch === calls) batch = null;
  for (let i = 0; i < calls.length; i += 6) {
    const reply = calls[i + 4];
    runCallback(calls[i + 3] ? calls[i] : calls[i + 1], reply, calls[i + 5]);
    runCallback(calls[i + 2], reply, calls[i + 5]);
  }
}

/** The callback form of a call settled now: `success` or `fail`, then `complete`, in a microtask. */
export function callBackLater(callbacks, ok, reply, report) {
  if (batch === null || batch.length === BATCH) {
    const calls = (batch = []);
    Promise.resolve().then(() => drain(calls));
  }
  batch.push(callbacks.success, callbacks.fail, callbacks.complete, ok, reply, report);
  return undefined;
}

/** Calls `callback(reply)` if it is a function; what it throws goes to `report`. */
export function runCallback(callback, reply, report) {
  if (typeof callback !== 'function') return;
  try {
    callback(reply);
  } catch (error) {
    report(error);
  }
}
