// miniprogram-authorize/ui — the default browser UI: the authorization prompt and the settings page.
//
// A small, dependency-free ES module with no build step. The shim (`pkg/index.js`) imports it in
// browsers when the host passes no `prompt` / `settings` handler; a host may also import it and pass
// the handlers itself (for instance to place them inside an emulator's phone screen):
//
//   import { createPrompt, createSettingsPage } from 'miniprogram-authorize/ui';
//   const auth = await createAuthorizer({ appId, prompt: createPrompt(), settings: createSettingsPage() });
//
// Both are real <dialog> elements opened with showModal(), inside a closed shadow root on a host
// element (`<div data-mpa-ui="prompt|settings">`), so page CSS does not reach in and ours does not
// leak out. One dialog at a time: a call made while one is open waits its turn.
//
// Styling: CSS custom properties inherit through the shadow boundary; set them on the container,
// on :root, or on `[data-mpa-ui]`:
//   --mpa-accent     Allow button, switches, focus ring          (default #058341: WeChat green, darkened to 4.8:1 under white text)
//   --mpa-accent-fg  text on the accent colour                   (default #fff)
//   --mpa-accent-text  text in the accent colour (Done)          (default the accent; dark: lighter)
//   --mpa-bg         sheet / panel background                    (default #fff; dark: #1c1c1e)
//   --mpa-fg         main text                                   (default #111; dark: #f2f2f7)
//   --mpa-muted      secondary text                              (default #6e6e73; dark: #a1a1a6)
//   --mpa-surface    Deny button, cards, list groups             (default #f2f2f7; dark: #2c2c2e)
//   --mpa-border     hairlines                                   (default rgba(60,60,67,.14))
//   --mpa-backdrop   the dimmed area behind the dialog           (default rgba(0,0,0,.45))
//   --mpa-radius     corner radius of the sheet / panel          (default 16px)
//   --mpa-button-radius  corner radius of buttons                (default 12px)
//   --mpa-font       font-family                                 (default the system UI stack)
//   --mpa-shadow     the sheet's shadow
//   --mpa-focus      focus ring colour                           (default the accent)
// Parts, for `[data-mpa-ui]::part(name)`: dialog, frame, sheet, avatar, app-name, card, label, desc,
// meta, actions, deny, allow, panel, bar, title, done, list, row, switch, note.
//
// Nothing runs at import time except definitions; importing the module twice is harmless.

import { CSS } from './ui-style.js';
import { ANSWERS, appNameOf, avatarEl, documentFor, el, fill, iconEl, inTurn, runDialog, strings, userClicksOnly, userSubmitsOnly } from './ui-dialog.js';
import { scopeLabel, sheetLang, sheetLayout } from './ui-sheets.js';

function showPrompt(request, options) {
  request = request && typeof request === 'object' ? request : {};
  if (request.signal?.aborted) return Promise.resolve('dismiss');
  const doc = documentFor(options);
  const t = strings(options, doc);
  const lang = sheetLang(options.lang, doc);
  const layout = sheetLayout(options.platform ?? request.platform);
  const appName = appNameOf(options, request);
  const scope = typeof request.scope === 'string' ? request.scope : '';
  const given = typeof request.label === 'string' && request.label ? request.label : scope || 'a permission';
  const label = scopeLabel(scope, given, lang);
  const desc = typeof request.desc === 'string' && request.desc.trim() ? request.desc : null;
  const apiName = typeof request.api === 'string' && request.api ? request.api : null;

  return runDialog(doc, options, 'prompt', request.signal, (ui) => {
    const { id, dialog, stage } = ui;
    const details = options.details === true && scope;
    const deny = el(doc, 'button', { className: 'btn deny', value: 'reject', part: 'deny', text: t.deny });
    const allow = el(doc, 'button', { className: 'btn allow', value: 'accept', part: 'allow', text: t.allow });
    const descEl = desc && el(doc, 'p', { className: 'desc', id: `${id}-desc`, part: 'desc', text: desc });
    const meta = details
      ? el(doc, 'p', { className: 'meta', id: `${id}-meta`, part: 'meta' }, [
          el(doc, 'code', { text: scope }),
          apiName ? doc.createTextNode(` · ${t.via} `) : null,
          apiName ? el(doc, 'code', { text: `${apiName}()` }) : null,
        ])
      : null;
    const who = () => el(doc, 'p', { className: 'who' }, [
      avatarEl(doc, appName, options.appIcon),
      el(doc, 'span', { className: 'app', id: `${id}-app`, part: 'app-name', text: appName }),
      el(doc, 'span', { className: 'verb', id: `${id}-verb`, text: layout === 'list' ? t.requestsList : t.requests }),
    ]);
    const card = () => el(doc, 'div', { className: 'card', part: 'card' }, [
      iconEl(doc, scope, 'icon'),
      el(doc, 'div', { className: 'text' }, [el(doc, 'h2', { className: 'label', id: `${id}-label`, part: 'label', text: label }), descEl]),
    ]);
    let body;
    let actions = [deny, allow];
    if (layout === 'stacked') {
      body = [
        el(doc, 'div', { className: 'brand' }, [
          avatarEl(doc, appName, options.appIcon),
          el(doc, 'p', { className: 'app', id: `${id}-app`, part: 'app-name', text: appName }),
          el(doc, 'p', { className: 'verb', id: `${id}-verb`, text: t.requestsList }),
        ]),
        card(),
      ];
      actions = [allow, deny];
    } else if (layout === 'alert') {
      const sentence = fill(t.requestsOne, appName).split('{label}').join(label);
      body = [
        el(doc, 'div', { className: 'brand' }, [avatarEl(doc, appName, options.appIcon)]),
        el(doc, 'h2', { className: 'label', id: `${id}-label`, part: 'label', text: sentence }),
        descEl,
      ];
    } else {
      body = [who(), card()];
    }
    const labelledby = layout === 'alert' ? `${id}-label` : `${id}-app ${id}-verb ${id}-label`;
    dialog.setAttribute('aria-labelledby', labelledby);
    if (desc) dialog.setAttribute('aria-describedby', `${id}-desc`);
    else if (meta) dialog.setAttribute('aria-describedby', `${id}-meta`);

    const sheet = el(doc, 'div', { className: `sheet${meta ? '' : ' plain'}`, part: 'sheet', 'data-layout': layout }, [
      ...body,
      meta,
      el(doc, 'form', { method: 'dialog', className: 'actions', part: 'actions' }, actions),
    ]);
    if (layout === 'alert') stage.classList.add('center');
    stage.append(sheet);
    // The answer is what the user clicked (or pressed Enter / Space on), recorded by the click
    // itself: a dialog closed by script with 'accept' as its returnValue is a dismissal.
    let chosen = null;
    userSubmitsOnly(sheet.querySelector('form'), (value) => { chosen = value; });
    return {
      inner: sheet,
      closeValue: '',
      answer: (returnValue) => (chosen !== null && returnValue === chosen ? ANSWERS[chosen] : undefined) ?? 'dismiss',
    };
  });
}

function showSettings(request, options) {
  request = request && typeof request === 'object' ? request : {};
  const listed = (Array.isArray(request.scopes) ? request.scopes : []).filter(
    (s) => s && typeof s.scope === 'string' && s.scope,
  );
  const current = () => Object.fromEntries(listed.map((s) => [s.scope, !!s.granted]));
  if (request.signal?.aborted) return Promise.resolve(current());
  const doc = documentFor(options);
  const t = strings(options, doc);
  const lang = sheetLang(options.lang, doc);
  const appName = appNameOf(options, request);

  return runDialog(doc, options, 'settings', request.signal, (ui) => {
    const { id, dialog, stage } = ui;
    stage.classList.add('center');
    dialog.setAttribute('aria-labelledby', `${id}-title`);
    dialog.setAttribute('aria-describedby', `${id}-section`);

    const switches = new Map();
    const chosen = new Map(listed.map((s) => [s.scope, !!s.granted]));
    const rows = listed.map((s, i) => {
      const input = el(doc, 'input', {
        type: 'checkbox',
        role: 'switch',
        className: 'switch',
        part: 'switch',
        id: `${id}-sw${i}`,
        'data-scope': s.scope,
        'aria-labelledby': `${id}-name${i}`,
        'aria-describedby': `${id}-key${i}`,
      });
      input.checked = !!s.granted;
      // A switch is what the user made it: a change counts only when the user's click made it.
      userClicksOnly(input);
      input.addEventListener('change', (e) => {
        if (e.isTrusted) chosen.set(s.scope, input.checked);
        else input.checked = chosen.get(s.scope);
      });
      const row = el(doc, 'label', { className: 'row', part: 'row', for: `${id}-sw${i}` }, [
        iconEl(doc, s.scope),
        el(doc, 'span', { className: 'text' }, [
          el(doc, 'span', {
            className: 'name',
            id: `${id}-name${i}`,
            text: scopeLabel(s.scope, typeof s.label === 'string' && s.label ? s.label : s.scope, lang),
          }),
          options.details !== true ? null : el(doc, 'span', { className: 'key', id: `${id}-key${i}`, text: s.scope }),
        ]),
        input,
      ]);
      if (options.details !== true) input.removeAttribute('aria-describedby');
      switches.set(s.scope, { input, row });
      return el(doc, 'li', {}, [row]);
    });

    const panel = el(doc, 'section', { className: 'panel', part: 'panel' }, [
      el(doc, 'header', { className: 'bar', part: 'bar' }, [
        el(doc, 'h2', { id: `${id}-title`, part: 'title', text: t.settingsTitle }),
        el(doc, 'form', { method: 'dialog' }, [
          el(doc, 'button', { className: 'done', value: 'done', part: 'done', text: t.done }),
        ]),
      ]),
      el(doc, 'div', { className: 'body' }, [
        el(doc, 'div', { className: 'app-card' }, [
          avatarEl(doc, appName, options.appIcon),
          el(doc, 'div', {}, [
            el(doc, 'p', { className: 'name', text: appName }),
            typeof request.appId === 'string' && request.appId && request.appId !== appName
              ? el(doc, 'p', { className: 'id', text: request.appId })
              : null,
          ]),
        ]),
        el(doc, 'p', { className: 'section', id: `${id}-section`, text: fill(t.allowTo, appName) }),
        rows.length
          ? el(doc, 'ul', { className: 'list', part: 'list', role: 'list' }, rows)
          : el(doc, 'p', { className: 'empty', text: fill(t.empty, appName) }),
        rows.length ? el(doc, 'p', { className: 'note', part: 'note', text: fill(t.note, appName) }) : null,
      ]),
    ]);
    stage.append(panel);
    userSubmitsOnly(panel.querySelector('form'));

    let closed = false;
    let unsubscribe = null;
    if (typeof request.subscribe === 'function') {
      try {
        const off = request.subscribe((change) => {
          if (closed || !change || typeof change !== 'object') return;
          const entry = switches.get(change.scope);
          if (!entry || typeof change.granted !== 'boolean') return;
          chosen.set(change.scope, change.granted);
          if (entry.input.checked !== change.granted) {
            entry.input.checked = change.granted;
            entry.row.classList.remove('flash');
            void entry.row.offsetWidth; // restart the animation
            entry.row.classList.add('flash');
          }
        });
        if (typeof off === 'function') unsubscribe = off;
      } catch {
        /* a broken subscribe only loses live updates */
      }
    }

    return {
      inner: panel,
      closeValue: 'done',
      // Done, Esc and a click outside all answer with the switches as the user left them (no
      // prototype: a `then` planted on Object.prototype cannot stand in for the answer).
      answer: () => Object.assign(Object.create(null), Object.fromEntries(chosen)),
      cleanup: () => {
        closed = true;
        unsubscribe?.();
      },
    };
  });
}

/**
 * The default authorization prompt.
 * @param {import('./ui.d.ts').PromptOptions} [options]
 * @returns {(request: import('./ui.d.ts').PromptRequest) => Promise<'accept'|'reject'|'dismiss'>}
 */
export function createPrompt(options = {}) {
  const opts = { ...(options ?? {}) };
  return function prompt(request) {
    return inTurn(() => showPrompt(request, opts));
  };
}

/**
 * The default settings page behind openSetting.
 * @param {import('./ui.d.ts').SettingsPageOptions} [options]
 * @returns {(request: import('./ui.d.ts').SettingsRequest) => Promise<Record<string, boolean>>}
 */
export function createSettingsPage(options = {}) {
  const opts = { ...(options ?? {}) };
  return function settings(request) {
    return inTurn(() => showSettings(request, opts));
  };
}

/**
 * The dialog machinery, for pkg/privacy-ui.js (WeChat's privacy pop-up and contract page), which
 * imports this module on first use. Not a public API: it may change with any release.
 */
export const dialogKit = { runDialog, inTurn, el, iconEl, avatarEl, documentFor, appNameOf, CSS };
