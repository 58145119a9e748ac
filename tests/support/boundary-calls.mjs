// The equivalence suite of the guest boundary: one list of platform calls, run against the
// same-page facade and against a guest's `wx` (Node: a MessageChannel; Chromium: a Worker and a
// sandboxed iframe), whose records must be identical, string for string. Runs in any realm: the
// list is built where it runs, from plain data the host hands over (`describeForCalls`).

/** What a realm needs to build the list: plain strings only, taken from the host's authorizer. */
export function describeForCalls(auth) {
  const names = Object.keys(auth.api);
  const authorize = names.includes('getAuthCode') ? 'getAuthCode' : 'authorize';
  return {
    authorize,
    scopes: auth.scopes.map((scope) => scope.scope).slice(0, 7),
    gated: names.filter((name) => !['authorize', 'getAuthCode', 'getSetting', 'openSetting', 'createUserInfoButton'].includes(name)).slice(0, 4),
  };
}

/** Options every authorizer of the suite shares: a scripted prompt cycling accept / reject / dismiss. */
export function hostOptions(description, extra = {}) {
  let prompts = 0;
  const apis = {};
  for (const name of description.gated) {
    apis[name] = (args) => ({ value: name, got: Object.keys(args).filter((key) => typeof args[key] !== 'function') });
  }
  return {
    storage: 'memory',
    prompt: () => ['accept', 'reject', 'dismiss'][prompts++ % 3],
    settings: (request) => Object.fromEntries(request.scopes.map(({ scope, granted }) => [scope, !granted])),
    apis,
    userInfo: { nickName: 'Ann' },
    ...extra,
  };
}

/** `[method, argument]` pairs, in order; each is run in both calling forms. */
export function buildCalls({ authorize, scopes, gated }) {
  const calls = [];
  for (const scope of scopes) calls.push([authorize, { scope }]);
  calls.push([authorize, { scope: scopes[0] }], [authorize, { scope: scopes[1] }]);
  calls.push([authorize, { scope: 'scope.nope' }], [authorize, { scope: 42 }], [authorize, { scope: () => {} }],
    [authorize, { scope: Symbol('s') }], [authorize, null], [authorize, 'scope.camera'], [authorize, []],
    [authorize, () => {}], [authorize, undefined], [authorize, { scope: scopes[2], extra: { deep: [1, 'two', null] } }]);
  calls.push(['getSetting', undefined], ['getSetting', { withSubscriptions: true }], ['getSetting', 5]);
  for (const name of gated) calls.push([name, {}], [name, { type: 'wgs84', nested: { a: [1] } }], [name, 'bad']);
  calls.push(['openSetting', undefined], ['getSetting', {}], ['openSetting', 7]);
  for (const name of gated) calls.push([name, {}]);
  return calls;
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

/** Alipay's authCode is fresh each time: its shape is compared, not its value. */
const stable = (res) => JSON.stringify(res, (key, value) => (key === 'authCode' && typeof value === 'string' ? `<${value.length} chars>` : value));

async function runOne(api, method, argument, form) {
  if (form === 'promise') {
    let returned;
    try {
      returned = api[method](argument);
    } catch (error) {
      return `${method} threw ${error?.message}`;
    }
    if (!(returned instanceof Promise)) return `${method} returned ${typeof returned}`;
    try {
      return `ok ${stable(await returned)}`;
    } catch (res) {
      return `fail ${res instanceof Error ? `Error ${res.message}` : stable(res)}`;
    }
  }
  const events = [];
  let done;
  const finished = new Promise((resolve) => { done = resolve; });
  const options = Object.assign(typeof argument === 'object' && argument !== null && !Array.isArray(argument) ? { ...argument } : {}, {
    success: (res) => events.push(['success', res]),
    fail: (res) => events.push(['fail', res]),
    complete: (res) => { events.push(['complete', res]); done(); },
  });
  const returned = api[method](options);
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 5000))]);
  for (let i = 0; i < 3; i += 1) await tick(); // a second callback would show here
  const same = events.length === 2 && events[0][1] === events[1][1];
  return `${typeof returned} ${events.map(([kind]) => kind).join('+')} ${same ? 'same' : 'DIFFERENT'} ${stable(events[0]?.[1])}`;
}

/** Runs the list in both forms, one call at a time; returns one string per call. */
export async function runCalls(api, description) {
  const records = [];
  for (const form of ['promise', 'callback']) {
    for (const [method, argument] of buildCalls(description)) {
      records.push(`${form} ${method}: ${await runOne(api, method, argument, form)}`);
    }
  }
  return records;
}
