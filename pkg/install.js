// `auth.install(target)`: the platform's API put into an object that already has one — the `wx`
// of miniprogram-simulate (about 400 mocks), Taro H5's `Taro`, uni-app's `uni` — replacing only
// the authorization APIs and the gated APIs, keeping everything else, undone by the function it
// returns.
//
// A gated API the host serves (`apis.getLocation`, or `userInfo` for getUserInfo) is the
// authorizer's own. One it does not serve but the target already has (miniprogram-simulate's mock
// `wx.getLocation`, Taro H5's real one) keeps working: the authorization check runs first, then
// the target's function serves the call, so installing never turns a working API into "not
// supported". One neither has is left out, as it was.
import { Settled, answer, readCallbacks } from './calling-form.js';
import { copyOwn, errorMessage } from './values.js';

/**
 * `api`: the facade. `checkOnly(name)`: for a gated API the host does not serve, its check
 * `(options) => null` (go ahead) or the Settled failure to answer instead (or a Promise of
 * either); for a session API (createVKSession) the host does not serve, `{ session }`, which makes
 * the facade's call with the target's own implementation (its session's start behind the
 * authorization); false for every other API.
 */
export function install(target, api, checkOnly, report) {
  const installed = [];
  const uninstall = () => {
    for (const [name, value, previous] of installed.splice(0)) {
      // Replaced again since then: the newer value stays.
      if (target[name] !== value) continue;
      if (previous) Object.defineProperty(target, name, previous);
      else delete target[name];
    }
  };
  try {
    for (const name in api) {
      let value = api[name];
      const gate = checkOnly(name);
      if (gate) {
        const original = target[name];
        if (typeof original !== 'function') continue;
        value = gate.session ? gate.session(original.bind(target)) : checkedFirst(name, original.bind(target), gate, report);
      }
      installed.push([name, value, Object.getOwnPropertyDescriptor(target, name)]);
      target[name] = value;
    }
  } catch (error) {
    // Not an object (the language's own TypeError), a frozen one, or a property that cannot be
    // set: nothing stays half-installed.
    uninstall();
    throw error;
  }
  return uninstall;
}

/**
 * The target's own API behind the authorization check, in the caller's calling form. A Promise
 * caller gets the target's answer through callbacks, which every mini-program API takes
 * (miniprogram-simulate's mocks of callback-only APIs return no Promise).
 */
function checkedFirst(name, original, gate, report) {
  const failed = (error) => {
    report(error);
    return new Settled(false, { errMsg: `${name}:fail ${errorMessage(error)}` });
  };
  const call = (options, callbacks) => {
    try {
      original(options);
    } catch (error) {
      answer(callbacks, failed(error), report, failed);
    }
  };
  return (options) => {
    // The caller's options read once (own properties), as every other call reads them.
    const callbacks = readCallbacks(options);
    let checked;
    try {
      checked = Promise.resolve(gate(options));
    } catch (error) {
      checked = Promise.resolve(failed(error));
    }
    checked = checked.then(undefined, failed);
    if (callbacks === null) {
      return checked.then((refused) => (refused
        ? Promise.reject(refused.reply)
        : new Promise((success, fail) => {
          const given = typeof options === 'object' && options !== null ? copyOwn(options) : {};
          call({ ...given, success, fail }, { success, fail, complete: undefined });
        })));
    }
    checked.then((refused) => (refused ? answer(callbacks, refused, report, failed) : call(options, callbacks)));
    return undefined;
  };
}
