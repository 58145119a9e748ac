// The mini program running in the phone: a card per scope with its state and the calls that need
// it, openSetting and getSetting; and the live getSetting panel beside the phone.

import { $, h, scopeIcon } from './dom.js';
import { state, platform } from './choice.js';
import { highlight, logEvent, toJson } from './console.js';
import { callWithCallbacks, callWithPromise, callSync, told } from './calls.js';
import { toast, renderResult, cameraSheet } from './phone.js';
import { argsFor, extras } from './device.js';

const RULE_NOTES = {
  'never-prompts': 'authorize never shows a pop-up for this scope: the platform has its own path.',
  'settings-only': 'Never prompts: only the settings page (openSetting) can grant it.',
  retired: 'Authorization retired by the platform: always reported granted, never prompts.',
  silent: 'Granted silently and never recorded.',
};
const STATE_TEXT = { granted: 'Granted', denied: 'Denied', prompt: 'Not asked' };

export function scopesOf(auth) {
  return Array.isArray(auth?.scopes) ? auth.scopes.filter((s) => s && typeof s.scope === 'string') : [];
}

function stateChip(scope, id) {
  const chip = h('span', { class: 'state', id, 'data-state-of': scope.scope });
  updateChip(chip, scope);
  return chip;
}

function updateChip(chip, scope) {
  let value = null;
  try {
    value = state.auth?.stateOf?.(scope.scope) ?? null;
  } catch {
    value = null;
  }
  if (scope.rule === 'retired' || scope.rule === 'silent') {
    chip.className = 'state rule';
    chip.textContent = scope.rule === 'retired' ? 'Retired' : 'Silent';
    return;
  }
  chip.className = `state ${value ?? ''}`;
  chip.textContent = STATE_TEXT[value] ?? '—';
}

export function updateChips() {
  for (const scope of scopesOf(state.auth)) {
    const chip = document.querySelector(`[data-state-of="${CSS.escape(scope.scope)}"]`);
    if (chip) updateChip(chip, scope);
  }
}

/** The program's platform API: through its logic layer behind the guest boundary (program-bridge.js). */
const programApi = () => state.programApi ?? state.auth.api;

function authorizeScope(scope) {
  const { auth } = state;
  const p = platform();
  // Alipay has no authorize: the platform's one is getAuthCode; the authorizer's authorize() drives it.
  const useFacade = p.id !== 'alipay' && typeof auth.api?.authorize === 'function';
  const name = useFacade ? `${p.global}.authorize` : 'auth.authorize';
  const fn = useFacade ? (o) => programApi().authorize(o) : (o) => auth.authorize(o);
  callWithCallbacks(name, fn, { scope: scope.scope }).then(({ ok, result, entry }) => {
    toast(ok, result, told(name, entry));
    updateChips();
  });
}

// VKSession.start's statuses (WeChat's documentation), for the phone's message.
const START_STATUS = {
  0: 'started', 104: 'privacy agreement not given', 112: 'camera not declared in the privacy guide',
  2000000: 'system error', 2000001: 'parameter error', 2000002: 'device not supported',
  2003001: 'system camera permission off', 2003002: 'camera permission not granted to the mini program',
};

/** A session API (createVKSession) made and started; settles with start's `{ status }`. */
function startSession(apiName, options) {
  if (state.programApi) return state.programApi[apiName](options); // the logic layer starts it
  return new Promise((resolve, reject) => {
    state.auth.api[apiName](options).start((status) => (status === 0 ? resolve : reject)({ status }));
  });
}

async function callApi(apiName) {
  const { auth } = state;
  const p = platform();
  const args = await argsFor(apiName);
  const name = `${p.global}.${apiName}`;
  const session = auth.sessionApis?.includes(apiName);
  const { ok, result, entry } = session
    ? await callWithPromise(name, (o) => startSession(apiName, o), args, 'returns a VKSession at once; then session.start(callback): its status is the answer')
    : await callWithPromise(name, (o) => programApi()[apiName](o), args);
  if (session && typeof result?.status === 'number') result.meaning = START_STATUS[result.status] ?? 'the host session\'s own status';
  toast(ok, result, told(name, entry));
  renderResult(`${p.global}.${apiName}`, ok, result, extras.get(entry));
  updateChips();
}

async function cameraComponent() {
  const { auth } = state;
  const { ok, result, entry } = await callWithPromise(
    'wx.authorize', (o) => programApi().authorize(o), { scope: 'scope.camera' },
    '<camera> component mounted: it needs scope.camera',
  );
  toast(ok, result, told('<camera>', entry));
  updateChips();
  if (!ok) return;
  try {
    await cameraSheet('preview', '<camera> component');
  } catch (error) {
    toast(false, error);
  }
}

/** The mini game's createUserInfoButton, placed over the bottom of the phone (its container). */
let infoButton = null;
function userInfoButton() {
  const { auth } = state;
  infoButton?.destroy?.();
  const screen = $('#screen');
  const width = Math.min(300, screen.clientWidth - 48);
  const p = platform();
  const { ok, result } = callSync('wx.createUserInfoButton', (o) => auth.api.createUserInfoButton(o), {
    type: 'text',
    text: 'Log in with WeChat',
    style: {
      left: Math.round((screen.clientWidth - width) / 2), top: screen.clientHeight - 150, width, height: 44,
      backgroundColor: p.ink, color: '#ffffff', borderRadius: 8, fontSize: 16, lineHeight: 44, textAlign: 'center',
    },
  });
  if (!ok) {
    toast(false, result, { api: 'wx.createUserInfoButton' });
    return;
  }
  infoButton = result;
  infoButton.onTap((res) => {
    logEvent('userInfoButton.onTap', res, { scope: 'scope.userInfo' });
    toast(res?.errMsg === 'getUserInfo:ok', res, { api: 'userInfoButton' });
    updateChips();
    infoButton?.destroy?.();
    infoButton = null;
  });
  infoButton.element?.focus();
}

export function openSetting(note) {
  const p = platform();
  // Called synchronously inside the click handler: WeChat's openSetting needs a user tap.
  callWithCallbacks(`${p.global}.openSetting`, programApi()?.openSetting ?? ((o) => state.auth.openSetting(o)), {}, note).then(
    ({ ok, result, entry }) => {
      if (!ok) toast(false, result, told(`${p.global}.openSetting`, entry));
      updateChips();
    },
  );
}

function openSettingLater(button) {
  let left = 6;
  button.disabled = true;
  const tick = () => {
    if (left === 0) {
      button.textContent = 'Try openSetting without a tap';
      button.disabled = false;
      const p = platform();
      callWithPromise(`${p.global}.openSetting`, (o) => programApi().openSetting(o), {},
        'called from a timer, 6 s after the last tap: no user activation').then(({ ok, result, entry }) => toast(ok, result, told(`${p.global}.openSetting`, entry)));
      return;
    }
    button.textContent = `openSetting in ${left} s (no tap)…`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

async function getSettingCall() {
  const p = platform();
  const { ok, result, entry } = await callWithPromise(`${p.global}.getSetting`, (o) => programApi().getSetting(o), {});
  toast(ok, result, told(`${p.global}.getSetting`, entry));
}

export function renderProgram() {
  infoButton?.destroy?.();
  infoButton = null;
  const { auth } = state;
  const p = platform();
  const scopes = scopesOf(auth);
  const content = $('#content');
  $('#app-title').textContent = auth.appName && auth.appName !== auth.appId ? auth.appName : p.appName;

  const hero = h(
    'div',
    { class: 'hero' },
    h('h2', { text: `Welcome to ${p.appName}` }),
    h('p', { text: 'Ask for a permission, or just use a feature: the pop-up comes when it is needed.' }),
    h(
      'div',
      { class: 'pills' },
      h('span', { class: 'pill', text: `${p.name} · ${p.global}` }),
      h('span', { class: 'pill', text: `user ${auth.userId ?? state.user}` }),
      h('span', { class: 'pill', text: auth.storage === 'indexeddb' ? 'kept in IndexedDB' : `storage: ${auth.storage ?? '?'}` }),
    ),
  );

  const list = h('ul', { class: 'scopes' });
  scopes.forEach((scope, i) => {
    const label = scope.label ?? scope.scope;
    const actions = h('div', { class: 'scope-actions' });
    actions.append(
      h('button', {
        type: 'button', class: 'chip authorize', text: 'authorize',
        // One name per button for a screen reader: the visible word, then the scope it asks for.
        'aria-label': `authorize ${scope.scope}`,
        title: `authorize({ scope: "${scope.scope}" }) — callback form`,
        onclick: () => authorizeScope(scope),
      }),
    );
    for (const apiName of Array.isArray(scope.apis) ? scope.apis : []) {
      const callable = typeof auth.api?.[apiName] === 'function';
      actions.append(
        h('button', {
          type: 'button', class: 'chip', text: apiName, disabled: !callable,
          title: !callable ? `${apiName} is not callable on auth.api`
            : auth.sessionApis?.includes(apiName) ? `${p.global}.${apiName}() — a session at once, then start(callback)` : `${p.global}.${apiName}() — Promise form`,
          onclick: () => callApi(apiName),
        }),
      );
    }
    if (p.id === 'wechat' && scope.scope === 'scope.camera') {
      actions.append(h('button', { type: 'button', class: 'chip', text: '<camera>', title: 'Mount a <camera> component', onclick: cameraComponent }));
    }
    if (typeof auth.api?.createUserInfoButton === 'function' && scope.apis?.includes?.('getUserInfo')) {
      actions.append(h('button', {
        type: 'button', class: 'chip', text: 'createUserInfoButton',
        title: 'wx.createUserInfoButton: the mini game’s way to ask for scope.userInfo',
        onclick: userInfoButton,
      }));
    }
    let note = RULE_NOTES[scope.rule];
    if (!note && scope.needsDesc) {
      const desc = state.permission?.[scope.scope]?.desc;
      note = desc ? `Permission desc: “${desc}”` : 'Needs a permission desc in the app config.';
    }
    const labelId = `scope-${i}-label`;
    const chipId = `scope-${i}-state`;
    list.append(
      h(
        'li',
        { class: 'scope-card' },
        h(
          'div',
          // The card is named by its scope and state, so its buttons and its chip belong to it.
          { role: 'group', 'aria-labelledby': `${labelId} ${chipId}` },
          h(
            'div',
            { class: 'scope-head' },
            h('span', { class: 's-icon', html: scopeIcon(scope.scope) }),
            h('span', { class: 's-text' }, h('span', { class: 's-label', id: labelId, text: label }), h('code', { class: 's-key', text: scope.scope })),
            stateChip(scope, chipId),
          ),
          actions,
          note ? h('p', { class: 'rule-note', text: note }) : null,
        ),
      ),
    );
  });

  const laterButton = h('button', { type: 'button', class: 'link-button', text: 'Try openSetting without a tap' });
  laterButton.addEventListener('click', () => openSettingLater(laterButton));

  content.replaceChildren(
    hero,
    h(
      'h3',
      { class: 'group-title' },
      h('span', { text: 'Permissions' }),
      h('span', { class: 'form-note', text: 'authorize: callbacks · APIs: Promise' }),
    ),
    scopes.length
      ? list
      : h('div', { class: 'empty-note', text: 'This authorizer exposes no auth.scopes list, so there is nothing to show here.' }),
    h('h3', { class: 'group-title' }, h('span', { text: 'Settings' })),
    h(
      'div',
      { class: 'big-buttons' },
      h('button', { type: 'button', class: 'big primary', onclick: () => openSetting() }, h('b', { text: 'openSetting' }), h('span', { text: 'callback form · needs a tap' })),
      h('button', { type: 'button', class: 'big', onclick: getSettingCall }, h('b', { text: 'getSetting' }), h('span', { text: 'Promise form' })),
    ),
    laterButton,
  );
}

// ---- getSetting, live ------------------------------------------------------------------------

let shownSetting = {};
export function forgetShownSetting() {
  shownSetting = {};
}

export async function refreshSetting() {
  const { auth } = state;
  if (!auth) return;
  let result;
  try {
    result = await auth.getSetting();
  } catch (error) {
    result = error;
  }
  const setting = result?.authSetting ?? {};
  const list = $('#auth-setting');
  const keys = Object.keys(setting);
  list.replaceChildren(
    ...(keys.length
      ? keys.map((key) => {
          const li = h('li', {}, h('span', { text: key }), h('span', { class: `bool ${setting[key] ? 't' : 'f'}`, text: String(setting[key]) }));
          if (shownSetting[key] !== setting[key]) li.classList.add('flash');
          return li;
        })
      : [h('li', { class: 'none', text: 'No scope asked yet: authSetting is empty.' })]),
  );
  shownSetting = { ...setting };
  $('#auth-setting-json').innerHTML = highlight(toJson(result));
}

