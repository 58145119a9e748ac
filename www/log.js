// The call log: one entry per call, with its calling form, arguments, every callback or settlement
// and its timing.

import { $, h } from './dom.js';

let entryCount = 0;
export const logList = () => $('#log');

export function toJson(value, compactOnly = false) {
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  try {
    const compact = JSON.stringify(value);
    if (compact === undefined) return String(value);
    return compact.length > 72 && !compactOnly ? JSON.stringify(value, null, 2) : compact;
  } catch {
    return String(value);
  }
}

export function highlight(json) {
  const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g,
    (match, str, colon, bool) => {
      if (str) return colon ? `<span class="j-key">${str}</span>${colon}` : `<span class="j-str">${str}</span>`;
      if (bool) return `<span class="j-bool">${match}</span>`;
      if (match === 'null') return '<span class="j-null">null</span>';
      return `<span class="j-num">${match}</span>`;
    },
  );
}

function jsonBlock(value, compactOnly = false) {
  return h('pre', { class: 'json', html: highlight(toJson(value, compactOnly)) });
}

function clock() {
  const d = new Date();
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A log entry: `form` is 'callback' | 'promise' | 'event'. */
function newEntry(form, expr) {
  const n = ++entryCount;
  const lines = h('div', { class: 'lines' });
  const pending = form === 'event' ? null : h('span', { class: 'pending', text: 'waiting' });
  const li = h(
    'li',
    { class: `entry ${form}` },
    h(
      'div',
      { class: 'entry-head' },
      h('span', { class: 'n', text: `#${n}` }),
      h('span', { class: `form ${form}`, text: form }),
      h('span', { class: 'time', text: clock() }),
      h('code', { class: 'expr', text: expr }),
    ),
    lines,
  );
  if (pending) lines.append(pending);
  const list = logList();
  list.prepend(li);
  while (list.children.length > 300) list.lastElementChild.remove();
  const t0 = performance.now();
  return {
    line(tag, value) {
      pending?.remove();
      lines.append(h('div', { class: 'line' }, h('span', { class: `tag ${tag}`, text: tag }), jsonBlock(value, form === 'event')));
    },
    text(tag, text) {
      lines.append(h('div', { class: 'line' }, h('span', { class: `tag ${tag}`, text: tag }), h('span', { class: 'text', text })));
    },
    finish() {
      pending?.remove();
      li.querySelector('.time').textContent += ` · ${Math.round(performance.now() - t0)} ms`;
    },
  };
}

export function logEvent(expr, value) {
  const entry = newEntry('event', expr);
  if (value !== undefined) entry.line('value', value);
  return entry;
}

/** How the call looked in source: `wx.authorize({"scope":"x", success, fail, complete})`. */
function describeCall(name, args, callbacks) {
  const json = args === undefined ? '' : JSON.stringify(args);
  if (!callbacks) return `${name}(${json})`;
  const inner = json && json !== '{}' ? `${json.slice(0, -1)}, ` : '{';
  return `${name}(${inner}success, fail, complete})`;
}

// The log entry of the call a host implementation serves (passed inside the options object).
export const CALL = Symbol('demo call');

/** Callback form: resolves with { ok, result } once `complete` ran. */
export function callWithCallbacks(name, fn, args = {}, note) {
  const entry = newEntry('callback', describeCall(name, args, true));
  if (note) entry.text('note', note);
  return new Promise((resolve) => {
    let outcome = { ok: false, result: undefined };
    let returned;
    try {
      returned = fn({
        ...args,
        [CALL]: entry,
        success: (res) => {
          outcome = { ok: true, result: res };
          entry.line('success', res);
        },
        fail: (res) => {
          outcome = { ok: false, result: res };
          entry.line('fail', res);
        },
        complete: (res) => {
          entry.line('complete', res);
          entry.finish();
          resolve(outcome);
        },
      });
    } catch (error) {
      entry.line('threw', error);
      entry.finish();
      resolve({ ok: false, result: error });
      return;
    }
    if (returned !== undefined) entry.text('note', `returned ${toJson(returned)} (callback form should return undefined)`);
  });
}

/** Promise form: resolves with { ok, result }. */
export async function callWithPromise(name, fn, args, note) {
  const entry = newEntry('promise', describeCall(name, args, false));
  if (note) entry.text('note', note);
  let promise;
  try {
    promise = fn(args === undefined ? undefined : { ...args, [CALL]: entry });
  } catch (error) {
    entry.line('threw', error);
    entry.finish();
    return { ok: false, result: error, entry };
  }
  if (!promise || typeof promise.then !== 'function') {
    entry.line('returned', promise ?? null);
    entry.finish();
    return { ok: true, result: promise, entry };
  }
  try {
    const result = await promise;
    entry.line('resolved', result ?? null);
    entry.finish();
    return { ok: true, result, entry };
  } catch (error) {
    entry.line('rejected', error);
    entry.finish();
    return { ok: false, result: error, entry };
  }
}

