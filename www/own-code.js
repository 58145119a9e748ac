// "Your own mini program": a page's JS (Page({ data, onLoad, handlers })), its app.json
// `permission`, an app name and icon, run in the phone against the emulated platform API instead
// of the demo's own program. The code runs in a guest Worker (www/own-code-guest.js) behind the
// guest boundary; each call it makes is recorded on this side and shows as "your code".

import { $, h } from './dom.js';
import { platform } from './choice.js';
import { logEvent } from './console.js';
import { recordedApi } from './recorder.js';
import { exposeAuthorizer, createGuestWorker } from '/pkg/host.min.js';
import { showOutput } from './phone.js';

const STORE_KEY = 'miniprogram-authorize-demo:own-code';

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
  // The privacy guide's settings live in WeChat's admin console, not app.json: here app.json may
  // carry them as createAuthorizer's `privacy` option, or `__usePrivacyCheck__: true` for the defaults.
  const privacy = appJson && typeof appJson.privacy === 'object' && appJson.privacy ? appJson.privacy
    : appJson?.__usePrivacyCheck__ === true ? {} : undefined;
  return {
    appName: $('#own-app-name').value.trim() || 'My Mini Program',
    appIcon: $('#own-app-icon').value.trim(),
    appId: ($('#own-app-id').value.trim() || 'wxmine0001').slice(0, 64),
    appJson: appJsonText,
    permission,
    privacy,
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
    h('label', { class: 'field' }, h('span', { text: 'app.json (permission, privacy)' }),
      h('textarea', { id: 'own-app-json', rows: 4, spellcheck: 'false', text: saved.appJson ?? SAMPLE_APP_JSON })),
    h('label', { class: 'field' }, h('span', { text: 'Page JS' }),
      h('textarea', { id: 'own-code', rows: 12, spellcheck: 'false', text: saved.code ?? SAMPLE_CODE })),
    h('div', { class: 'control-buttons' }, runButton, stopButton, h('label', { class: 'btn ghost file-label' }, 'Load a .js file…', file)),
    error,
  );
}

/**
 * Runs the user's page: its logic in a guest Worker of an opaque origin (www/own-code-guest.js)
 * served through the guest boundary (miniprogram-authorize/host), its view here in the phone: data
 * shown live, a button per handler. Every call that crosses is recorded here, on the host side, as
 * "your code". Returns `stop`.
 */
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
      h('div', {}, h('b', { text: own.appName }), h('code', { text: `${own.appId} · ${p.global} · guest Worker` }))),
    h('h3', { class: 'group-title' }, h('span', { text: 'Handlers' })),
    buttons,
    h('h3', { class: 'group-title' }, h('span', { text: 'data' })),
    dataView,
    h('h3', { class: 'group-title' }, h('span', { text: 'console' })),
    consoleLines,
  );
  const fail = (what, message) => {
    const text = `${what}: ${message}`;
    logEvent('your code threw', { error: text });
    showOutput('Your code threw', [h('code', { class: 'err', text })], { tone: 'error' });
  };

  // The host side: the authorizer's API, recorded, served over a port only the guest holds.
  const served = {
    api: recordedApi(auth.api, p.global, 'your code'),
    style: auth.style, global: auth.global, platform: auth.platform,
  };
  const channel = new MessageChannel();
  const boundary = exposeAuthorizer(served, channel.port1, {
    onReject: ({ reason, method }) => logEvent(`guest boundary refused a message: ${reason}${method ? ` (${method})` : ''}`),
  });
  const worker = createGuestWorker(new URL('./own-code-guest.js', import.meta.url));
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    fail('while loading', event.message || 'the guest Worker failed to start');
  });
  worker.addEventListener('message', ({ data: message }) => {
    switch (message?.t) {
      case 'loaded':
        dataView.textContent = JSON.stringify(message.data, null, 2);
        for (const name of Array.isArray(message.handlers) ? message.handlers : []) {
          if (typeof name !== 'string') continue;
          buttons.append(h('button', { type: 'button', class: 'chip own', text: name, onclick: () => worker.postMessage({ t: 'invoke', name }) }));
        }
        if (!buttons.childElementCount) buttons.append(h('p', { class: 'empty-note', text: 'The page defines no handlers to tap.' }));
        logEvent(`your code · Page loaded (${own.appName}) in a guest Worker`);
        break;
      case 'data':
        dataView.textContent = JSON.stringify(message.data, null, 2);
        break;
      case 'log':
        consoleLines.append(h('li', { text: String(message.text) }));
        break;
      case 'error':
        fail(String(message.what), String(message.message));
        break;
      default:
    }
  });
  worker.postMessage({ t: 'start', port: channel.port2, code: own.code, global: p.global }, [channel.port2]);
  return () => {
    boundary.close();
    worker.terminate();
  };
}
