// The demo's own calls: made through the recorder like any other, in the calling form the button
// names, and answered to the demo as { ok, result, entry } for its toast and result card.

import { record } from './recorder.js';

/** Callback form: resolves with { ok, result, entry } once `complete` ran. */
export function callWithCallbacks(name, fn, args = {}, note) {
  return new Promise((resolve) => {
    let outcome = { ok: false, result: undefined };
    let entry;
    const api = name.slice(name.lastIndexOf('.') + 1);
    try {
      record(
        {
          name, api, via: 'demo', note, onEntry: (handle) => (entry = handle),
          args: {
            ...args,
            success: (res) => (outcome = { ok: true, result: res }),
            fail: (res) => (outcome = { ok: false, result: res }),
            complete: () => resolve({ ...outcome, entry }),
          },
        },
        fn,
      );
    } catch (error) {
      resolve({ ok: false, result: error, entry });
    }
  });
}

/** Promise form: resolves with { ok, result, entry }; `entry` is the console entry's handle. */
export async function callWithPromise(name, fn, args, note) {
  const api = name.slice(name.lastIndexOf('.') + 1);
  let entry;
  let promise;
  try {
    promise = record({ name, api, args, via: 'demo', note, onEntry: (handle) => (entry = handle) }, fn);
  } catch (error) {
    return { ok: false, result: error, entry };
  }
  try {
    return { ok: true, result: await promise, entry };
  } catch (error) {
    return { ok: false, result: error, entry };
  }
}

/** What the phone says about a finished call: its name and why no pop-up came (from the console). */
export const told = (name, entry) => ({ api: name, why: entry?.entry?.popup ?? null });

/** A call answered at once (createUserInfoButton): { ok, result }. */
export function callSync(name, fn, args) {
  const api = name.slice(name.lastIndexOf('.') + 1);
  try {
    return { ok: true, result: record({ name, api, args, via: 'demo' }, fn) };
  } catch (error) {
    return { ok: false, result: error };
  }
}
