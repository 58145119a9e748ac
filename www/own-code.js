// "Your own mini program": a page's JS (Page({ data, onLoad, handlers })), its app.json
// `permission`, an app name and icon, run in the phone against the emulated platform API instead
// of the demo's own program. The code runs in this page, given the recorded API object as its
// global (`wx`, `my`, ...), so each call it makes shows in the console as "your code".

import { $, h } from './dom.js';
import { platform } from './choice.js';
import { logEvent } from './console.js';
import { record } from './recorder.js';
import { showOutput } from './phone.js';

const STORE_KEY = 'miniprogram-authorize-demo:own-code';
const LIFECYCLE = new Set(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']);

export const SAMPLE_CODE = `// A page of your mini program. \`wx\` is the platform's global (my, tt, swan, ks on the others).
Page({
  data: { where: 'not located yet', saved: 0 },
  onLoad() {
    console.log('page loaded');
  },
  async locate() {
    try {
      const { latitude, longitude } = await wx.getLocation({ type: 'gcj02' });
      this.setData({ where: latitude.toFixed(4) + ', ' + longitude.toFixed(4) });
    } catch (res) {
      this.setData({ where: res.errMsg });
      if (/auth den/.test(res.errMsg)) wx.openSetting();
    }
  },
  askCamera() {
    wx.authorize({
      scope: 'scope.camera',
      success: () => this.setData({ camera: 'granted' }),
      fail: (res) => this.setData({ camera: res.errMsg }),
    });
  },
  async settings() {
    const { authSetting } = await wx.getSetting();
    this.setData({ authSetting });
  },
});
`;

const SAMPLE_APP_JSON = `{
  "permission": {
    "scope.userLocation": { "desc": "Find the shops around you" }
  }
}`;

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? 'null');
    return saved && typeof saved === 'object' ? saved : null;
  } catch {
    return null;
  }
}

function save(value) {
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(value));
  } catch {
    /* private mode */
  }
}

let current = load();

/** The user's program when it is the one running, else null (the demo's own program runs). */
export function ownProgram() {
  return current?.running ? current : null;
}

function readForm() {
  const appJsonText = $('#own-app-json').value;
  let appJson = {};
  if (appJsonText.trim()) {
    try {
      appJson = JSON.parse(appJsonText);
    } catch (error) {
      throw new Error(`app.json is not JSON: ${error.message}`);
    }
  }
  const permission = appJson && typeof appJson.permission === 'object' && appJson.permission ? appJson.permission : {};
  return {
    appName: $('#own-app-name').value.trim() || 'My Mini Program',
    appIcon: $('#own-app-icon').value.trim(),
    appId: ($('#own-app-id').value.trim() || 'wxmine0001').slice(0, 64),
    appJson: appJsonText,
    permission,
    code: $('#own-code').value,
  };
}

export function renderOwnCodePanel(run, stop) {
  const box = $('#own-panel');
  if (!box) return;
  const saved = current ?? {};
  const error = h('p', { class: 'field-error', id: 'own-error', role: 'alert' });
  const file = h('input', { type: 'file', id: 'own-file', accept: '.js,.mjs,text/javascript', class: 'file' });
  file.addEventListener('change', async () => {
    const chosen = file.files?.[0];
    if (chosen) $('#own-code').value = await chosen.text();
  });
  const runButton = h('button', { type: 'button', class: 'btn primary', id: 'own-run', text: 'Run in the phone' });
  const stopButton = h('button', { type: 'button', class: 'btn ghost', id: 'own-stop', text: 'Back to the demo program' });
  runButton.addEventListener('click', () => {
    try {
      current = { ...readForm(), running: true };
    } catch (e) {
      error.textContent = e.message;
      return;
    }
    error.textContent = '';
    save(current);
    run();
  });
  stopButton.addEventListener('click', () => {
    if (current) current.running = false;
    save(current);
    stop();
  });
  box.replaceChildren(
    h('div', { class: 'own-grid' },
      h('label', { class: 'field' }, h('span', { text: 'App name' }), h('input', { id: 'own-app-name', value: saved.appName ?? 'My Mini Program' })),
      h('label', { class: 'field' }, h('span', { text: 'appId' }), h('input', { id: 'own-app-id', value: saved.appId ?? 'wxmine0001', spellcheck: 'false' })),
      h('label', { class: 'field' }, h('span', { text: 'Icon URL (optional)' }), h('input', { id: 'own-app-icon', value: saved.appIcon ?? '', placeholder: 'https://…/icon.png', spellcheck: 'false' }))),
    h('label', { class: 'field' }, h('span', { text: 'app.json (permission)' }),
      h('textarea', { id: 'own-app-json', rows: 4, spellcheck: 'false', text: saved.appJson ?? SAMPLE_APP_JSON })),
    h('label', { class: 'field' }, h('span', { text: 'Page JS' }),
      h('textarea', { id: 'own-code', rows: 12, spellcheck: 'false', text: saved.code ?? SAMPLE_CODE })),
    h('div', { class: 'control-buttons' }, runButton, stopButton, h('label', { class: 'btn ghost file-label' }, 'Load a .js file…', file)),
    error,
  );
}

/** Runs the user's page in the phone: its data shown live, a button per handler. */
export function runOwnProgram(auth, own) {
  const p = platform();
  const content = $('#content');
  $('#app-title').textContent = own.appName;
  const dataView = h('pre', { class: 'json own-data', 'aria-label': 'The page’s data' });
  const buttons = h('div', { class: 'own-handlers' });
  const consoleLines = h('ol', { class: 'own-log', 'aria-label': 'console.log of your page' });
  content.replaceChildren(
    h('div', { class: 'own-head' },
      own.appIcon ? h('img', { src: own.appIcon, alt: '', class: 'own-icon' }) : h('span', { class: 'own-icon letter', text: Array.from(own.appName)[0] ?? '?' }),
      h('div', {}, h('b', { text: own.appName }), h('code', { text: `${own.appId} · ${p.global}` }))),
    h('h3', { class: 'group-title' }, h('span', { text: 'Handlers' })),
    buttons,
    h('h3', { class: 'group-title' }, h('span', { text: 'data' })),
    dataView,
    h('h3', { class: 'group-title' }, h('span', { text: 'console' })),
    consoleLines,
  );

  // The page's global: each call recorded as "your code".
  const api = {};
  for (const [name, fn] of Object.entries(auth.api ?? {})) {
    if (typeof fn === 'function') api[name] = (o) => record({ name: `${p.global}.${name}`, api: name, args: o, via: 'your code' }, fn);
  }
  let definition = null;
  const Page = (def) => {
    definition = def && typeof def === 'object' ? def : {};
  };
  const pageConsole = {
    log: (...args) => consoleLines.append(h('li', { text: args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' ') })),
  };
  pageConsole.info = pageConsole.log;
  pageConsole.warn = pageConsole.log;
  pageConsole.error = pageConsole.log;
  const fail = (what, error) => {
    const message = `${what}: ${error?.message ?? String(error)}`;
    logEvent('your code threw', { error: message });
    showOutput('Your code threw', [h('code', { class: 'err', text: message })], { tone: 'error' });
  };
  try {
    // The user's own code, run on purpose: it is what this panel is for.
    // eslint-disable-next-line no-new-func
    new Function(p.global, 'Page', 'getApp', 'console', own.code)(Object.freeze(api), Page, () => ({}), pageConsole);
  } catch (error) {
    fail('while loading', error);
    return;
  }
  if (!definition) {
    fail('while loading', new Error('the code never called Page({ … })'));
    return;
  }
  const page = {
    data: structuredClone(definition.data ?? {}),
    setData(patch) {
      Object.assign(this.data, patch);
      dataView.textContent = JSON.stringify(this.data, null, 2);
    },
  };
  for (const [key, value] of Object.entries(definition)) if (key !== 'data') page[key] = typeof value === 'function' ? value.bind(page) : value;
  page.setData({});
  const invoke = async (name) => {
    try {
      await page[name]();
    } catch (error) {
      fail(name, error);
    }
  };
  for (const name of Object.keys(definition)) {
    if (typeof definition[name] !== 'function' || LIFECYCLE.has(name)) continue;
    buttons.append(h('button', { type: 'button', class: 'chip own', text: name, onclick: () => invoke(name) }));
  }
  if (!buttons.childElementCount) buttons.append(h('p', { class: 'empty-note', text: 'The page defines no handlers to tap.' }));
  if (typeof page.onLoad === 'function') invoke('onLoad');
  if (typeof page.onShow === 'function') invoke('onShow');
  logEvent(`your code · Page loaded (${own.appName})`);
}
