// The console: one entry per call that reached the installed platform API (the demo's buttons, code
// typed in DevTools' console, the user's own mini program) and per event. An entry is data first
// (kept in localStorage, so the console survives a reload) and drawn from that data.

import { $, h } from './dom.js';
import { nodeTestSnippet } from './snippet.js';

const STORE_KEY = 'miniprogram-authorize-demo:console';
const KEEP = 150;

export function toJson(value, compactOnly = false) {
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  try {
    const compact = JSON.stringify(value);
    if (compact === undefined) return String(value);
    return compact.length > 60 && !compactOnly ? JSON.stringify(value, null, 2) : compact;
  } catch {
    return String(value);
  }
}

/** A value as JSON can keep it: functions by name, errors as "Name: message", cycles cut. */
export function plain(value) {
  if (value instanceof Error) return `${value.name}: ${value.message}`;
  const seen = new WeakSet();
  try {
    const text = JSON.stringify(value, (key, v) => {
      if (typeof v === 'function') return `[function ${v.name || key}]`;
      if (typeof v === 'bigint') return `${v}n`;
      if (v && typeof v === 'object') {
        if (seen.has(v)) return '[circular]';
        seen.add(v);
      }
      return v;
    });
    return text === undefined ? (value === undefined ? undefined : String(value)) : JSON.parse(text);
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

function clock(date = new Date()) {
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

// ---- the entries -------------------------------------------------------------------------------

const entries = [];
const nodes = new Map(); // entry → its <li>
let entryCount = 0;
let filter = '';
let saveTimer = 0;

const list = () => $('#log');

function load() {
  let saved = [];
  try {
    saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]');
  } catch {
    saved = [];
  }
  if (!Array.isArray(saved)) return;
  for (const entry of saved.slice(-KEEP)) {
    if (!entry || typeof entry !== 'object' || typeof entry.n !== 'number') continue;
    entries.push({ ...entry, earlier: true, done: true });
    entryCount = Math.max(entryCount, entry.n);
  }
}

function save() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(entries.slice(-KEEP).map(({ earlier, ...entry }) => entry)));
    } catch {
      /* full or private mode: the console still works for this page */
    }
  }, 150);
}

function matches(entry) {
  if (!filter) return true;
  const q = filter.toLowerCase();
  return [entry.api, entry.scope, entry.expr].some((s) => typeof s === 'string' && s.toLowerCase().includes(q));
}

function lineNode({ tag, value, text }, compact) {
  const body = text !== undefined
    ? h('span', { class: 'text', text })
    : h('pre', { class: 'json', html: highlight(toJson(value, compact)) });
  return h('div', { class: 'line' }, h('span', { class: `tag ${tag}`, text: tag }), body);
}

function draw(entry) {
  const head = h(
    'div',
    { class: 'entry-head' },
    h('span', { class: 'n', text: `#${entry.n}` }),
    h('span', { class: `form ${entry.form}`, text: entry.form }),
    entry.via && entry.form !== 'event' ? h('span', { class: 'via', text: entry.via }) : null,
    h('span', { class: 'time', text: entry.done && entry.ms !== undefined ? `${entry.time} · ${entry.ms} ms` : entry.time }),
    h('code', { class: 'expr', text: entry.expr }),
  );
  const lines = h('div', { class: 'lines' }, entry.lines.map((l) => lineNode(l, entry.form === 'event')));
  if (!entry.done && entry.form !== 'event') lines.append(h('span', { class: 'pending', text: 'waiting' }));
  const li = h('li', { class: `entry ${entry.form}${entry.earlier ? ' earlier' : ''}`, 'data-n': entry.n }, head, lines);
  if (entry.done && entry.form !== 'event' && entry.snippet !== false) {
    const pre = h('pre', { class: 'snippet', hidden: true });
    const button = h('button', {
      type: 'button', class: 'btn small ghost copy', text: 'Copy as node:test',
      'aria-label': `Copy call #${entry.n} as a node:test snippet`,
      onclick: async () => {
        const code = nodeTestSnippet(entry);
        pre.textContent = code;
        pre.hidden = false;
        try {
          await navigator.clipboard.writeText(code);
          button.textContent = 'Copied';
        } catch {
          button.textContent = 'Shown below (clipboard refused)';
        }
      },
    });
    li.append(h('div', { class: 'entry-foot' }, button), pre);
  }
  li.hidden = !matches(entry);
  return li;
}

function redraw(entry) {
  const old = nodes.get(entry);
  const li = draw(entry);
  nodes.set(entry, li);
  if (old?.isConnected) old.replaceWith(li);
  else list()?.prepend(li);
  save();
}

function drawAll() {
  const ol = list();
  if (!ol) return;
  ol.replaceChildren();
  for (const entry of entries) {
    const li = draw(entry);
    nodes.set(entry, li);
    ol.prepend(li);
  }
  // New calls go on top; the line marks where the kept ones begin.
  const newestEarlier = entries.findLast((e) => e.earlier);
  if (newestEarlier) nodes.get(newestEarlier).before(h('li', { class: 'divider', text: 'before the last reload' }));
}

function add(entry) {
  entries.push(entry);
  while (entries.length > KEEP) nodes.get(entries.shift())?.remove();
  redraw(entry);
}

/**
 * Starts an entry for a call and returns its handle. `meta`: { form, expr, api, scope, via, ctx, args }.
 */
export function beginEntry(meta) {
  const entry = { n: ++entryCount, time: clock(), lines: [], done: false, ...meta };
  const t0 = performance.now();
  add(entry);
  return {
    entry,
    line(tag, value) {
      entry.lines.push({ tag, value: plain(value) ?? null });
      redraw(entry);
    },
    text(tag, text) {
      entry.lines.push({ tag, text: String(text) });
      redraw(entry);
    },
    set(fields) {
      Object.assign(entry, fields);
      redraw(entry);
    },
    finish(fields = {}) {
      Object.assign(entry, fields, { done: true, ms: Math.round(performance.now() - t0) });
      redraw(entry);
    },
  };
}

export function logEvent(expr, value, fields = {}) {
  const handle = beginEntry({ form: 'event', expr, done: true, ...fields });
  if (value !== undefined) handle.line('value', value);
  return handle;
}

export function clearConsole() {
  entries.length = 0;
  nodes.clear();
  list()?.replaceChildren();
  save();
}

export function setFilter(text) {
  filter = String(text ?? '').trim();
  for (const [entry, li] of nodes) li.hidden = !matches(entry);
}

/** Entries for tests and tools: plain data, newest last. */
export function consoleEntries() {
  return entries.map((e) => ({ ...e }));
}

export function initConsole() {
  load();
  drawAll();
  const input = $('#console-filter');
  input?.addEventListener('input', () => setFilter(input.value));
  $('#clear-log')?.addEventListener('click', clearConsole);
}
