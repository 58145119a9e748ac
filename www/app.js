// The demo emulator: a phone running a small mini program against miniprogram-authorize.
// Plain ES module, no bundler. The library is loaded from /pkg/index.min.js, what a browser gets
// from the package (built by `npm run build`); the prompt and the settings page are /pkg/ui.min.js,
// placed inside the phone screen.

import { createPrompt, createSettingsPage } from '/pkg/ui.min.js';
import { $, h } from './dom.js';
import { PLATFORMS, descFor, saveChoice, state, permissionCache, platform } from './choice.js';
import { logList, logEvent, callWithPromise } from './log.js';
import { toast, closeOverlay } from './phone.js';
import { hostApis } from './device.js';
import { scopesOf, updateChips, openSetting, renderProgram, refreshSetting, forgetShownSetting } from './program.js';

// ---- the UI hooks: the library's default UI, placed inside the phone screen -------------------

const promptUi = createPrompt({ container: $('#screen') });
// The settings page is a page of the mini program: it opens below the status bar.
const settingsUi = createSettingsPage({ container: $('#app-area') });

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
          h('span', { class: 'dot', style: `background:${p.accent}`, text: p.global.slice(0, 2) }),
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
}

function applyAccent(color) {
  document.documentElement.style.setProperty('--accent', color);
  document.querySelector('meta[name="theme-color"]')?.setAttribute('content', color);
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
  applyAccent(p.accent);
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
  const options = {
    appId: p.appId,
    userId: state.user,
    appName: p.appName,
    platform: p.id,
    flavor: state.flavor,
    promptTimeout: 0, // a person is answering: no timeout
    prompt: promptUi,
    settings: settingsUi,
    apis: hostApis,
  };
  // Which scopes take a permission desc is the platform's business: ask a throwaway in-memory
  // authorizer once per platform, then give a desc for each.
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
  if (generation !== state.generation) return;
  state.permission = permissionCache.get(p.id);
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
  if (auth.api) window[p.global] = auth.api;
  $('#console-hint').innerHTML = `<code>${p.global}</code> and <code>auth</code> are on <code>window</code>: open the console and try <code>await ${p.global}.getSetting()</code>.`;

  if (typeof auth.onChange === 'function') {
    state.offs.push(
      auth.onChange((change) => {
        logEvent(`change · ${change?.scope}`, change);
        updateChips();
        refreshSetting();
      }),
    );
  }
  if (typeof auth.onError === 'function') {
    state.offs.push(auth.onError((error) => logEvent('error', { error: error?.message ?? String(error) })));
  }
  const { appId, userId, storage } = auth;
  $('#meta').innerHTML = '';
  $('#meta').append(
    'appId ', h('code', { text: appId ?? p.appId }), ' · userId ', h('code', { text: userId ?? state.user }),
    ' · storage ', h('code', { text: storage ?? '?' }), ' · platform ', h('code', { text: auth.platform ?? p.id }),
    ' · flavor ', h('code', { text: state.flavor }),
  );
  logEvent(`createAuthorizer · ${p.id}${reason ? ` (${reason})` : ''}`, {
    appId: options.appId, userId: options.userId, platform: options.platform, flavor: options.flavor,
  });
  forgetShownSetting();
  renderProgram();
  refreshSetting();
}

// ---- wire up ---------------------------------------------------------------------------------

function wire() {
  renderPlatforms();
  $('#clear-log').addEventListener('click', () => logList().replaceChildren());
  $('#restart').addEventListener('click', () => start('restart: decisions persist'));
  $('#capsule-restart').addEventListener('click', () => start('restart: decisions persist'));
  $('#capsule-more').addEventListener('click', () => state.auth && openSetting('the user opened Settings from the capsule menu'));
  $('#delete').addEventListener('click', async () => {
    if (!state.auth) return;
    const { ok, result } = await callWithPromise('auth.reset', () => state.auth.reset(), undefined, 'the user deleted the mini program');
    if (!ok) toast(false, result);
    $('#output-slot')?.replaceChildren();
    updateChips();
    refreshSetting();
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
