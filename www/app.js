// The demo emulator: a phone running a mini program against miniprogram-authorize, with the
// authorization inspector, a console of every call and a simulated device beside it.
// Plain ES modules, no bundler. The library is loaded from /pkg/*.min.js, what a browser gets from
// the package (built by `npm run build`); the prompt and the settings page are /pkg/ui.min.js,
// placed inside the phone screen. This file starts the authorizer and wires the page together.

import { createPrompt, createSettingsPage } from '/pkg/ui.min.js';
import { createAutoAnswer, AUTO_ANSWER_MODES } from '/pkg/inspector.min.js';
import { $, h } from './dom.js';
import { PLATFORMS, descFor, saveChoice, state, permissionCache, platform } from './choice.js';
import { initConsole, logEvent } from './console.js';
import { attach, notePrompt, noteSettings, recordedApi } from './recorder.js';
import { callWithPromise } from './calls.js';
import { closeOverlay, showOutput } from './phone.js';
import { hostApis } from './device.js';
import { renderDevicePanel, relabelDevicePanel } from './device-panel.js';
import { scopesOf, updateChips, openSetting, renderProgram, refreshSetting, forgetShownSetting } from './program.js';
import { ownProgram, renderOwnCodePanel, runOwnProgram } from './own-code.js';
import { startProgramLogic } from './program-bridge.js';
import { privacyMode, savePrivacyMode, privacyOptions, attachPrivacy, hasPrivacyLayer } from './privacy.js';

// ---- the UI hooks: the library's default UI, placed inside the phone screen -------------------

const MODE_KEY = 'miniprogram-authorize-demo:auto-answer';
// Made again on each start: the running program's icon goes in the sheets.
let promptUi = createPrompt({ container: $('#screen') });
// The settings page is a page of the mini program: it opens below the status bar.
let settingsUi = createSettingsPage({ container: $('#app-area') });
function makeSheets(appIcon) {
  const common = { appIcon: appIcon || undefined, lang: state.lang, platform: state.platform };
  promptUi = createPrompt({ container: $('#screen'), ...common });
  settingsUi = createSettingsPage({ container: $('#app-area'), ...common });
}
let savedMode = null;
try {
  savedMode = localStorage.getItem(MODE_KEY);
} catch {
  savedMode = null;
}
// The inspector's pop-up mode: the real pop-up, or an answer given at once.
const autoAnswer = createAutoAnswer((request) => promptUi(request), { mode: AUTO_ANSWER_MODES.includes(savedMode) ? savedMode : 'ask' });
autoAnswer.onAnswer(notePrompt);
autoAnswer.onModeChange((mode) => {
  try {
    localStorage.setItem(MODE_KEY, mode);
  } catch {
    /* private mode */
  }
  logEvent(`inspector · pop-up mode: ${mode}`);
});
async function settingsPage(request) {
  const switches = await settingsUi(request);
  noteSettings(switches);
  return switches;
}

// ---- the controls ----------------------------------------------------------------------------

function renderPlatforms() {
  const box = $('#platforms');
  box.replaceChildren(
    ...PLATFORMS.map((p) =>
      h(
        'label',
        {},
        h('input', { type: 'radio', name: 'platform', value: p.id, checked: p.id === state.platform, 'aria-label': `${p.name} (${p.global})` }),
        h(
          'span',
          { class: 'seg' },
          h('span', { class: 'dot', style: `background:${p.ink}`, text: p.global.slice(0, 2) }),
          h('span', {}, h('span', { class: 'name', text: p.name }), h('span', { class: 'glob', text: p.id })),
        ),
      ),
    ),
  );
  box.addEventListener('change', (e) => {
    if (e.target.name !== 'platform') return;
    state.platform = e.target.value;
    saveChoice();
    start('platform');
  });
  $('#flavor').value = state.flavor;
  $('#user').value = state.user;
  $('#lang').value = state.lang;
  $('#lang').addEventListener('change', (e) => {
    state.lang = e.target.value;
    saveChoice();
    start('language');
  });
  $('#flavor').addEventListener('change', (e) => {
    state.flavor = e.target.value;
    saveChoice();
    start('flavor');
  });
  $('#user').addEventListener('change', (e) => {
    state.user = e.target.value;
    saveChoice();
    start('user');
  });
  // WeChat's privacy layer (issue 12): www/privacy.js.
  $('#privacy').value = privacyMode();
  $('#privacy').addEventListener('change', (e) => {
    savePrivacyMode(e.target.value);
    start('privacy layer');
  });
}

function applyAccent(p) {
  const root = document.documentElement.style;
  root.setProperty('--accent', p.accent);
  root.setProperty('--accent-ink', p.ink);
  root.setProperty('--accent-bright', p.bright);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', p.accent);
}

function showLoadError(error, what) {
  const content = $('#content');
  content.replaceChildren(
    h(
      'div',
      { class: 'error-box' },
      h('b', { text: what }),
      h('p', { text: error?.message ?? String(error) }),
      h('p', {}, 'Build the library with ', h('code', { text: 'npm run build' }), ' (or run ', h('code', { text: 'npm start' }), ', which builds what is missing), then reload.'),
    ),
  );
  $('#meta').textContent = '';
}

/** Which scopes take a permission desc is the platform's business: ask a throwaway in-memory
 * authorizer once per platform, then give a desc for each. */
async function demoPermission(p) {
  if (!permissionCache.has(p.id)) {
    let permission = {};
    try {
      const probe = await state.lib.createAuthorizer({ appId: p.appId, platform: p.id, storage: 'memory', onError() {} });
      for (const scope of scopesOf(probe)) if (scope.needsDesc) permission[scope.scope] = { desc: descFor(scope.scope) };
      probe.close?.();
    } catch {
      permission = {};
    }
    permissionCache.set(p.id, permission);
  }
  return permissionCache.get(p.id);
}

async function start(reason) {
  const generation = ++state.generation;
  for (const off of state.offs.splice(0)) {
    try {
      off?.();
    } catch {
      /* ignore */
    }
  }
  try {
    state.auth?.close?.();
  } catch {
    /* ignore */
  }
  state.auth = null;
  closeOverlay();
  $('#output-slot').replaceChildren();
  const p = platform();
  applyAccent(p);
  $('#screen').dataset.device = state.flavor;
  $('#content').replaceChildren(h('div', { class: 'loading', text: 'Opening the mini program…' }));

  if (!state.lib) {
    try {
      state.lib = await import('/pkg/index.min.js');
    } catch (error) {
      showLoadError(error, 'Could not load /pkg/index.min.js');
      logEvent('load failed', { error: error?.message ?? String(error) });
      return;
    }
  }
  const own = ownProgram();
  makeSheets(own?.appIcon);
  const options = {
    appId: own ? own.appId : p.appId,
    userId: state.user,
    appName: own ? own.appName : p.appName,
    platform: p.id,
    flavor: state.flavor,
    promptTimeout: 0, // a person is answering: no timeout
    prompt: autoAnswer,
    settings: settingsPage,
    apis: hostApis,
    container: $('#screen'), // where the mini game's createUserInfoButton goes
  };
  $('#privacy').disabled = !hasPrivacyLayer(p.id);
  Object.assign(options, privacyOptions($('#privacy').value, p.id, options.appName, state.lang));
  // Your own app.json's privacy settings turn the layer on (with the official pop-up unless the
  // Privacy switch picked another) and replace the demo's declaration.
  if (own?.privacy !== undefined && hasPrivacyLayer(p.id)) {
    if (!options.privacy) Object.assign(options, privacyOptions('official', p.id, options.appName, state.lang));
    options.privacy = { ...options.privacy, ...own.privacy };
  }
  const permission = own ? own.permission : await demoPermission(p);
  if (generation !== state.generation) return;
  state.permission = permission ?? {};
  if (Object.keys(state.permission).length) options.permission = state.permission;
  let auth;
  try {
    auth = await state.lib.createAuthorizer(options);
  } catch (error) {
    if (generation !== state.generation) return;
    showLoadError(error, 'createAuthorizer rejected');
    logEvent('createAuthorizer rejected', { error: error?.message ?? String(error) });
    return;
  }
  if (generation !== state.generation) {
    auth.close?.();
    return;
  }
  state.auth = auth;
  window.auth = auth;
  state.offs.push(attachPrivacy(auth, $('#privacy').value));
  attach(auth, {
    appId: options.appId, userId: options.userId, platform: p.id, flavor: state.flavor, global: p.global,
    permission: options.permission,
  });
  // Every call on the platform's global is recorded: typed in DevTools' console, made by a test's
  // page.evaluate or by the mini program.
  if (auth.api) window[p.global] = recordedApi(auth.api, p.global);
  $('#console-hint').replaceChildren(
    h('code', { text: p.global }), ' and ', h('code', { text: 'auth' }), ' are on ', h('code', { text: 'window' }),
    ': calls on ', h('code', { text: p.global }), ' typed in DevTools’ console appear in the console here. Try ',
    h('code', { text: `await ${p.global}.getSetting()` }), '.',
  );
  const inspector = $('#inspector');
  inspector.authorizer = auth;
  inspector.autoAnswer = autoAnswer;
  relabelDevicePanel(() => p.host);

  state.offs.push(
    auth.onChange((change) => {
      logEvent(`change · ${change?.scope} → ${change?.state} (${change?.source})`, undefined, { scope: change?.scope });
      updateChips();
      refreshSetting();
    }),
    auth.onError((error) => logEvent('error', { error: error?.message ?? String(error) })),
  );
  const { appId, userId, storage } = auth;
  $('#meta').replaceChildren(
    'appId ', h('code', { text: appId ?? p.appId }), ' · userId ', h('code', { text: userId ?? state.user }),
    ' · storage ', h('code', { text: storage ?? '?' }), ' · platform ', h('code', { text: auth.platform ?? p.id }),
    ' · flavor ', h('code', { text: state.flavor }),
  );
  logEvent(`createAuthorizer · ${p.id}${reason ? ` (${reason})` : ''}`, {
    appId: options.appId, userId: options.userId, platform: options.platform, flavor: options.flavor,
  });
  forgetShownSetting();
  state.programApi = null;
  if (own) state.offs.push(runOwnProgram(auth, own));
  else {
    const logic = startProgramLogic(auth, {
      onReject: ({ reason, method }) => logEvent(`guest boundary refused a message: ${reason}${method ? ` (${method})` : ''}`),
    });
    state.programApi = logic.api;
    state.offs.push(logic.stop);
    renderProgram();
  }
  refreshSetting();
}

/** "Delete the mini program": every decision forgotten, and the phone says so. */
async function deleteProgram() {
  if (!state.auth) return;
  const { ok, result } = await callWithPromise('auth.reset', () => state.auth.reset(), undefined, 'the user deleted the mini program');
  $('#output-slot')?.replaceChildren();
  if (ok) showOutput('Mini program deleted', [h('p', { text: 'Every authorization of this mini program and user is forgotten: the next call asks again.' })], { tone: 'info' });
  else showOutput('Delete failed', [h('p', { text: result?.message ?? String(result) })], { tone: 'error' });
  updateChips();
  refreshSetting();
}

// ---- wire up ---------------------------------------------------------------------------------

function wire() {
  initConsole();
  renderPlatforms();
  renderDevicePanel(() => platform().host);
  renderOwnCodePanel(() => start('your code'), () => start('back to the demo'));
  $('#restart').addEventListener('click', () => start('restart: decisions persist'));
  $('#capsule-restart').addEventListener('click', () => start('restart: decisions persist'));
  $('#capsule-more').addEventListener('click', () => state.auth && openSetting('the user opened Settings from the capsule menu'));
  $('#delete').addEventListener('click', deleteProgram);
  $('#inspector').addEventListener('mpa-inspector-action', ({ detail }) => {
    if (detail.action === 'reset') $('#output-slot')?.replaceChildren();
    if (detail.action !== 'mode') logEvent(`inspector · ${detail.action}${detail.scope ? ` ${detail.scope} → ${detail.state}` : ''}`, detail.error ? { error: String(detail.error?.message ?? detail.error) } : undefined);
  });
  const tick = () => {
    const d = new Date();
    $('#clock').textContent = `${d.getHours()}:${String(d.getMinutes()).padStart(2, '0')}`;
  };
  tick();
  setInterval(tick, 15000);
  // A result card floats over the bottom of the screen: let the content scroll clear of it, or the
  // last buttons (openSetting, getSetting) stay hidden under the card.
  new ResizeObserver(() => {
    const slot = $('#output-slot');
    $('#content').style.paddingBottom = slot.childElementCount ? `${slot.offsetHeight + 36}px` : '';
  }).observe($('#output-slot'));
  saveChoice();
  start();
}

wire();
