// The two calling forms of every platform call: callbacks (`success` / `fail`, then `complete`;
// the call returns undefined) or, when the options carry none, a Promise that resolves with the
// success object and rejects with the fail object.
import { hasCallbacks } from './values.js';

/** A settled call: whether it succeeded and the object `success` / `fail` / `complete` get. */
export class Settled {
  constructor(ok, reply) {
    this.ok = ok;
    this.reply = reply;
  }
}

/**
 * Answers a call in the form the caller chose. `settled` is a Settled or a Promise of one;
 * `report` hears what a callback throws.
 */
export function answer(options, settled, report) {
  if (!hasCallbacks(options)) {
    if (settled instanceof Settled) return settled.ok ? Promise.resolve(settled.reply) : Promise.reject(settled.reply);
    return settled.then((result) => (result.ok ? result.reply : Promise.reject(result.reply)));
  }
  Promise.resolve(settled).then((result) => {
    runCallback(result.ok ? options.success : options.fail, result.reply, report);
    runCallback(options.complete, result.reply, report);
  });
  return undefined;
}

/** The callback form of a call settled now: `success` or `fail`, then `complete`, in a microtask. */
export function callBackLater(options, ok, reply, report) {
  Promise.resolve().then(() => {
    runCallback(ok ? options.success : options.fail, reply, report);
    runCallback(options.complete, reply, report);
  });
  return undefined;
}

function runCallback(callback, reply, report) {
  if (typeof callback !== 'function') return;
  try {
    callback(reply);
  } catch (error) {
    report(error);
  }
}
