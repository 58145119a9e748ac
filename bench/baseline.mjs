// The pure-JS baseline every figure of `npm run bench` is compared with: the least a JS
// implementation of the same decided-scope check has to do. A `Map` from scope to its settled
// result, the same argument checks the real API makes (an options object, a string scope, the
// calling form chosen by the callbacks), and the same result object returned on every call (no
// copy). No prompt, no storage, no platform tables: decided scopes only.

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

const INVALID_SCOPE = { ok: false, reply: { errMsg: 'authorize:fail invalid scope' } };
const PARAMETER_ERROR = { ok: false, reply: { errMsg: 'authorize:fail parameter error' } };

export class BaselineAuthorizer {
  /** scope → `{ ok, reply }`, one object per decided scope, returned as is. */
  #results = new Map();
  /** scope → `true | false`, what getSetting lists. */
  #states = new Map();

  /** Records a decision, as loading it from storage would. */
  decide(scope, granted) {
    this.#states.set(scope, granted);
    this.#results.set(scope, granted
      ? { ok: true, reply: { errMsg: 'authorize:ok' } }
      : { ok: false, reply: { errMsg: 'authorize:fail auth deny' } });
  }

  authorize(options) {
    const result = isObject(options) && typeof options.scope === 'string'
      ? (this.#results.get(options.scope) ?? INVALID_SCOPE)
      : PARAMETER_ERROR;
    if (typeof options === 'object' && options !== null
      && (typeof options.success === 'function' || typeof options.fail === 'function' || typeof options.complete === 'function')) {
      // A resolved Promise's reaction: the cheapest way to call back asynchronously in both
      // engines (Chromium's queueMicrotask goes through the host and costs several times more).
      Promise.resolve(result).then(({ ok, reply }) => {
        if (ok) options.success?.(reply);
        else options.fail?.(reply);
        options.complete?.(reply);
      });
      return undefined;
    }
    return result.ok ? Promise.resolve(result.reply) : Promise.reject(result.reply);
  }

  /** `{ errMsg, authSetting }` built from the Map (Promise form). */
  getSetting() {
    const authSetting = {};
    for (const [scope, granted] of this.#states) authSetting[scope] = granted;
    return Promise.resolve({ errMsg: 'getSetting:ok', authSetting });
  }
}
