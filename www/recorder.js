// The recorder: every call that reaches the installed platform API goes through here, whoever makes
// it (the demo's buttons, DevTools' console or page.evaluate through `window.wx`, the user's own
// code). It notes the arguments and calling form, the scope's state before the call, whether a
// pop-up was shown and what was chosen (or why none was), the exact result and the time taken.
// The call itself is passed on untouched, in the same calling form.

import { beginEntry, logEvent, plain } from './console.js';

/** Where a host implementation finds its console entry (a symbol key on the options it gets). */
export const CALL = Symbol('console entry');

const CALLBACKS = ['success', 'fail', 'complete'];
const ANSWER_TEXT = { accept: 'Allow', reject: 'Deny', dismiss: 'closed it without choosing (dismiss)' };
const MODE_TEXT = { accept: 'always allow', reject: 'always deny', dismiss: 'dismiss' };

let current = { auth: null, ctx: {} };
const inFlight = new Set();

const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The authorizer calls are recorded against, and what a snippet needs to rebuild it. */
export function attach(auth, ctx) {
  current = { auth, ctx: { ...ctx } };
}

function scopeRow(scope) {
  return current.auth?.scopes?.find?.((s) => s.scope === scope) ?? null;
}

/** The scopes a call asks about: authorize's `scope` / `scopes`, or the scope gating the API. */
function scopesOf(api, args) {
  const auth = current.auth;
  if (!auth) return [];
  if (api === 'authorize' || api === 'getAuthCode') {
    const given = isObject(args) ? (args.scopes ?? args.scope) : undefined;
    const keys = Array.isArray(given) ? given : typeof given === 'string' ? given.split(',') : [];
    return keys.filter((k) => typeof k === 'string' && scopeRow(k));
  }
  const row = auth.scopes?.find?.((s) => Array.isArray(s.apis) && s.apis.includes(api));
  return row ? [row.scope] : [];
}

function stateOf(scope) {
  try {
    return current.auth.stateOf(scope);
  } catch {
    return null;
  }
}

/** A pop-up was answered (the prompt handler reports it): the calls waiting on that scope learn it. */
export function notePrompt({ scope, api, answer, auto, mode }) {
  const popup = auto
    ? `no pop-up: auto-answered by the inspector (${MODE_TEXT[mode] ?? mode})`
    : `pop-up shown: the user chose ${ANSWER_TEXT[answer] ?? String(answer)}`;
  let told = false;
  for (const call of inFlight) {
    if (call.scopes.includes(scope) && !call.popup) {
      call.popup = { text: popup, answer, auto };
      call.handle.text('pop-up', popup);
      told = true;
    }
  }
  if (!told) logEvent(`pop-up · ${scope}${api ? ` (${api})` : ''}`, undefined, { scope, api }).text('pop-up', popup);
}

/** The settings page closed: the openSetting calls waiting learn what it answered. */
export function noteSettings(switches) {
  for (const call of inFlight) {
    if (call.api === 'openSetting') call.handle.line('settings page', switches);
  }
}

function reasonOf(result) {
  const message = typeof result?.errMsg === 'string' ? result.errMsg : typeof result?.errorMessage === 'string' ? result.errorMessage : '';
  const i = message.indexOf(':fail');
  return i < 0 ? message : message.slice(i + 5).replace(/^[: ]/, '');
}

/** Why no pop-up was shown, in a developer's words. */
function whyNoPopup(call, ok, result) {
  const reason = reasonOf(result);
  if (/parameter error/.test(reason)) return 'no pop-up: parameter error';
  if (!call.scopes.length) return null;
  const scope = call.scopes[0];
  const rule = scopeRow(scope)?.rule;
  const before = call.before[scope];
  if (rule === 'retired') return 'no pop-up: retired scope (always reported granted)';
  if (rule === 'silent') return 'no pop-up: silent scope (granted, never recorded)';
  if (before === 'denied') return 'no pop-up: remembered denial';
  if (before === 'granted') return ok ? 'no pop-up: remembered grant' : `no pop-up: remembered grant, then the device failed (${reason})`;
  if (rule === 'never-prompts') return 'no pop-up: this scope never prompts';
  if (rule === 'settings-only') return 'no pop-up: only the settings page can grant this scope';
  return ok ? 'no pop-up' : `no pop-up: ${reason || 'failed before asking'}`;
}

function sameValue(a, b) {
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** The call as it looked in source: `wx.authorize({"scope":"x", success, fail, complete})`. */
function describeCall(name, args) {
  if (args === undefined) return `${name}()`;
  if (!isObject(args)) return `${name}(${JSON.stringify(plain(args)) ?? String(args)})`;
  const given = CALLBACKS.filter((k) => typeof args[k] === 'function');
  const data = plain(Object.fromEntries(Object.entries(args).filter(([k]) => !CALLBACKS.includes(k))));
  const json = JSON.stringify(data);
  if (!given.length) return `${name}(${json})`;
  const inner = json && json !== '{}' ? `${json.slice(0, -1)}, ` : '{';
  return `${name}(${inner}${given.join(', ')}})`;
}

/**
 * Records one call and passes it on: `run(options)` makes the real call. Returns what it returns.
 * `meta`: { name, api, args, via, note }.
 */
export function record({ name, api, args, via, note, onEntry }, run) {
  const callbackForm = isObject(args) && CALLBACKS.some((k) => typeof args[k] === 'function');
  const scopes = scopesOf(api, args);
  const before = Object.fromEntries(scopes.map((s) => [s, stateOf(s)]));
  const handle = beginEntry({
    form: callbackForm ? 'callback' : 'promise',
    expr: describeCall(name, args),
    api,
    scope: scopes.join(','),
    via,
    ctx: { ...current.ctx, before },
    args: isObject(args) ? plain(Object.fromEntries(Object.entries(args).filter(([k]) => !CALLBACKS.includes(k)))) : plain(args),
    callbacks: isObject(args) ? CALLBACKS.filter((k) => typeof args[k] === 'function') : [],
  });
  onEntry?.(handle);
  if (note) handle.text('note', note);
  const call = { handle, api, scopes, before, popup: null };
  inFlight.add(call);
  let last;
  const settle = (tag, value, ok) => {
    if (!inFlight.delete(call)) return;
    const why = call.popup ? null : whyNoPopup(call, ok, value);
    if (why) handle.text('pop-up', why);
    handle.finish({ ok, outcome: tag, result: plain(value) ?? null, popup: call.popup?.text ?? why, answer: call.popup?.answer });
  };

  let options = args;
  if (isObject(args)) {
    try {
      options = { ...args };
      Object.defineProperty(options, CALL, { value: handle });
    } catch {
      options = args; // a hostile object: pass it on as it is, unrecorded inside
    }
    if (callbackForm && options !== args) {
      for (const kind of ['success', 'fail']) {
        options[kind] = (res) => {
          last = { kind, res: plain(res) };
          handle.line(kind, res);
          if (typeof args[kind] === 'function') return args[kind](res);
        };
      }
      options.complete = (res) => {
        if (last && sameValue(last.res, plain(res))) handle.text('complete', `the same result as ${last.kind}`);
        else handle.line('complete', res);
        settle(last?.kind ?? 'complete', res, last?.kind === 'success');
        if (typeof args.complete === 'function') return args.complete(res);
      };
    }
  }

  let returned;
  try {
    returned = run(options);
  } catch (error) {
    handle.line('threw', error);
    settle('threw', error, false);
    throw error;
  }
  if (callbackForm) {
    if (returned !== undefined) handle.text('note', `returned ${JSON.stringify(plain(returned))} (the callback form returns undefined)`);
    return returned;
  }
  if (returned && typeof returned.then === 'function') {
    returned.then(
      (value) => {
        handle.line('resolved', value ?? null);
        settle('resolved', value, true);
      },
      (error) => {
        handle.line('rejected', error);
        settle('rejected', error, false);
      },
    );
  } else {
    handle.set({ form: 'sync' });
    handle.line('returned', returned ?? null);
    settle('returned', returned, true);
  }
  return returned;
}

/** The platform's API object with every call recorded: what `window.wx` (or `my`, `tt`, ...) is. */
export function recordedApi(api, global, via = `window.${global}`) {
  const recorded = {};
  for (const [name, fn] of Object.entries(api ?? {})) {
    if (typeof fn !== 'function') continue;
    recorded[name] = (options) => record({ name: `${global}.${name}`, api: name, args: options, via }, (o) => fn(o));
  }
  return Object.freeze(recorded);
}
