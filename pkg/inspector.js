// miniprogram-authorize/inspector — the authorization inspector: a custom element an emulator
// places next to its simulator, as WeChat DevTools has its "authorization" panel.
//
//   import { createAutoAnswer } from 'miniprogram-authorize/inspector';   // defines <mpa-inspector>
//   const autoAnswer = createAutoAnswer(createPrompt());                 // the pop-up, or an auto answer
//   const auth = await createAuthorizer({ appId, prompt: autoAnswer });
//   const inspector = document.querySelector('mpa-inspector');
//   inspector.authorizer = auth;          // every scope of the platform, its state, live
//   inspector.autoAnswer = autoAnswer;    // shows the pop-up mode: ask / always allow / always deny / dismiss
//
// Every scope's state, set to granted / denied / not asked in one click (`auth.setState`), and
// "Delete the mini program" (`auth.reset`). It follows `auth.onChange`, which also reports other
// tabs, so two tabs on one app stay in step. It only uses the authorizer's public surface.
//
// Events (bubbling, composed): `mpa-inspector-action` with `detail: { action, scope?, state?, mode?, error? }`
// after each action the inspector takes, so a host can log it.
// Styling: the same custom properties as miniprogram-authorize/ui (`--mpa-accent`, `--mpa-bg`,
// `--mpa-fg`, `--mpa-muted`, `--mpa-surface`, `--mpa-border`, `--mpa-font`, `--mpa-focus`), and a
// `theme="light|dark"` attribute (default: the page's prefers-color-scheme).
// WeChat's privacy agreement (auth.privacy, issue 12): agreed or not, as getPrivacySetting's
// `needAuthorization` says, each declared kind with its own mark, and "Agreed" / "Not agreed" in one
// click (`auth.privacy.agree()` / `clear()`), live across tabs (`auth.privacy.onChange`). Without the
// layer, slot `privacy` holds whatever the host puts there.

import { AUTO_ANSWER_MODES } from './auto-answer.js';
import { CSS } from './inspector-style.js';

export { AUTO_ANSWER_MODES, createAutoAnswer } from './auto-answer.js';

const MODE_TEXT = { ask: 'Ask (show the pop-up)', accept: 'Always allow', reject: 'Always deny', dismiss: 'Dismiss' };
const STATE_TEXT = { granted: 'Granted', denied: 'Denied', prompt: 'Not asked' };
const RULE_TEXT = {
  'never-prompts': 'Never prompts: the platform has its own path (a button or another API).',
  'settings-only': 'Never prompts: only the settings page can grant it.',
  retired: 'Retired by the platform: always reported granted, never asked.',
  silent: 'Granted silently, never recorded.',
};
const READ_ONLY = new Set(['retired', 'silent']);

function el(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function scopesOf(auth) {
  return Array.isArray(auth?.scopes) ? auth.scopes.filter((s) => s && typeof s.scope === 'string' && s.scope) : [];
}

function safeStateOf(auth, scope) {
  try {
    return auth.stateOf(scope);
  } catch {
    return null;
  }
}

let uid = 0;

function defineElement(registry, tagName) {
  class AuthorizationInspector extends HTMLElement {
    #root;
    #auth = null;
    #autoAnswer = null;
    #offs = [];
    #privacyView = null;
    #offMode = null;
    #rows = new Map();
    #id = `mpai${++uid}`;

    constructor() {
      super();
      this.#root = this.attachShadow({ mode: 'open' });
      this.#render();
    }

    /** The authorizer shown; `null` shows nothing. */
    get authorizer() {
      return this.#auth;
    }

    set authorizer(auth) {
      for (const off of this.#offs.splice(0)) off();
      this.#auth = auth ?? null;
      if (this.#auth && typeof this.#auth.onChange === 'function') {
        this.#offs.push(this.#auth.onChange((change) => this.#changed(change)));
      }
      if (typeof this.#auth?.privacy?.onChange === 'function') {
        // One event per kind: the block is redrawn once per burst.
        let queued = false;
        this.#offs.push(this.#auth.privacy.onChange((change) => {
          if (queued) return;
          queued = true;
          queueMicrotask(() => {
            queued = false;
            this.#refreshPrivacy(true);
            if (change?.source === 'other-tab') this.#status(`Privacy agreement: ${this.#privacyView?.row.dataset.state === 'granted' ? 'agreed' : 'not agreed'} (another tab)`);
          });
        }));
      }
      this.#render();
    }

    /** A handler made by createAutoAnswer: the inspector shows and sets its mode. */
    get autoAnswer() {
      return this.#autoAnswer;
    }

    set autoAnswer(handler) {
      this.#offMode?.();
      this.#offMode = null;
      this.#autoAnswer = handler && typeof handler.onModeChange === 'function' ? handler : null;
      if (this.#autoAnswer) this.#offMode = this.#autoAnswer.onModeChange(() => this.#syncMode());
      this.#render();
    }

    disconnectedCallback() {
      // Listeners stay until the host sets another authorizer; a removed element keeps no state
      // that matters, and re-inserting it must keep working.
    }

    #tell(detail) {
      this.dispatchEvent(new CustomEvent('mpa-inspector-action', { detail, bubbles: true, composed: true }));
    }

    #status(text) {
      const status = this.#root.querySelector('.status');
      if (status) status.textContent = text;
    }

    async #setState(scope, label, state) {
      const auth = this.#auth;
      if (!auth) return;
      try {
        await auth.setState(scope, state);
        this.#status(`${label}: ${STATE_TEXT[state]}`);
        this.#tell({ action: 'setState', scope, state });
      } catch (error) {
        this.#status(`${label}: ${error?.message ?? error}`);
        this.#tell({ action: 'setState', scope, state, error });
      }
      this.#refreshRow(scope);
    }

    async #reset() {
      const auth = this.#auth;
      if (!auth) return;
      try {
        await auth.reset();
        this.#status('Mini program deleted: every decision is forgotten.');
        this.#tell({ action: 'reset' });
      } catch (error) {
        this.#status(`Delete failed: ${error?.message ?? error}`);
        this.#tell({ action: 'reset', error });
      }
      for (const scope of this.#rows.keys()) this.#refreshRow(scope);
    }

    async #setAgreement(agreed) {
      const privacy = this.#auth?.privacy;
      if (!privacy) return;
      try {
        await (agreed ? privacy.agree() : privacy.clear());
        this.#status(`Privacy agreement: ${agreed ? 'agreed' : 'not agreed'}`);
        this.#tell({ action: 'privacy', agreed });
      } catch (error) {
        this.#status(`Privacy agreement: ${error?.message ?? error}`);
        this.#tell({ action: 'privacy', agreed, error });
      }
      this.#refreshPrivacy(false);
    }

    /** The privacy block: a row like a scope's (Agreed / Not agreed) and each declared kind. */
    #privacyBlock(privacy) {
      const id = `${this.#id}-privacy`;
      const seg = el('span', { className: 'seg', role: 'group', 'aria-labelledby': `${id}-label` });
      const buttons = [true, false].map((agreed) => {
        const text = agreed ? 'Agreed' : 'Not agreed';
        const button = el('button', {
          type: 'button',
          'data-state': agreed ? 'granted' : 'prompt',
          'aria-pressed': 'false',
          'aria-label': `${text}: privacy guide`,
          title: agreed ? 'The user agrees to the privacy guide (every declared kind)' : 'Withdraw the agreement: the next privacy API asks again',
          text,
        });
        button.addEventListener('click', () => this.#setAgreement(agreed));
        seg.append(button);
        return button;
      });
      const kinds = el('ul', { className: 'kinds', 'aria-label': 'Declared kinds of personal data' });
      const row = el('div', { className: 'row', 'data-scope': '#privacy' }, [
        el('span', { className: 'name' }, [
          el('span', { className: 'label', id: `${id}-label`, text: 'Privacy guide' }),
          el('code', { className: 'key', text: String(privacy.privacyContractName ?? '') }),
        ]),
        seg,
      ]);
      this.#privacyView = { row, buttons, kinds };
      return el('div', { className: 'privacy', part: 'privacy' }, [el('b', { text: 'Privacy agreement' }), row, kinds]);
    }

    #refreshPrivacy(flash) {
      const view = this.#privacyView;
      const privacy = this.#auth?.privacy;
      if (!view || !privacy) return;
      let kinds = [];
      let needed = true;
      try {
        kinds = Array.isArray(privacy.kinds) ? privacy.kinds : [];
        needed = Boolean(privacy.needAuthorization);
      } catch {
        /* an authorizer gone wrong shows "not agreed" */
      }
      view.row.dataset.state = needed ? 'prompt' : 'granted';
      for (const button of view.buttons) {
        button.setAttribute('aria-pressed', String((button.dataset.state === 'granted') === !needed));
      }
      view.kinds.replaceChildren(...kinds.map((k) => el('li', {
        'data-agreed': String(Boolean(k.agreed)),
        title: k.kind,
        text: `${k.agreed ? '✓' : '○'} ${k.label ?? k.kind}`,
      })));
      if (flash) {
        view.row.classList.remove('flash');
        void view.row.offsetWidth;
        view.row.classList.add('flash');
      }
    }

    #changed(change) {
      const scope = change?.scope;
      if (typeof scope === 'string' && this.#rows.has(scope)) {
        this.#refreshRow(scope);
        const { row } = this.#rows.get(scope);
        row.classList.remove('flash');
        void row.offsetWidth;
        row.classList.add('flash');
      } else {
        for (const key of this.#rows.keys()) this.#refreshRow(key);
      }
    }

    #refreshRow(scope) {
      const entry = this.#rows.get(scope);
      if (!entry || !this.#auth) return;
      const state = safeStateOf(this.#auth, scope);
      entry.row.dataset.state = state ?? '';
      for (const button of entry.buttons) button.setAttribute('aria-pressed', String(button.dataset.state === state));
    }

    #syncMode() {
      const mode = this.#autoAnswer?.mode;
      for (const input of this.#root.querySelectorAll('input[name="mode"]')) input.checked = input.value === mode;
    }

    #render() {
      const root = this.#root;
      const auth = this.#auth;
      this.#rows.clear();
      const id = this.#id;
      const children = [el('style', { text: CSS })];
      const head = el('div', { className: 'head' }, [
        el('h2', { id: `${id}-title`, text: this.getAttribute('heading') || 'Authorization' }),
        auth ? el('span', { className: 'who', text: `${auth.platform ?? ''} · ${auth.appId ?? ''} · ${auth.userId ?? ''}` }) : null,
      ]);
      const wrap = el('section', { className: 'wrap', 'aria-labelledby': `${id}-title` }, [head]);
      children.push(wrap);

      if (this.#autoAnswer) {
        const mode = el('fieldset', { className: 'mode' }, [el('legend', { text: 'Pop-up' })]);
        for (const value of AUTO_ANSWER_MODES) {
          const input = el('input', { type: 'radio', name: 'mode', value });
          input.checked = this.#autoAnswer.mode === value;
          input.addEventListener('change', () => {
            if (!input.checked || !this.#autoAnswer) return;
            this.#autoAnswer.mode = value;
            this.#tell({ action: 'mode', mode: value });
          });
          mode.append(el('label', {}, [input, document.createTextNode(MODE_TEXT[value])]));
        }
        wrap.append(mode);
      }

      if (!auth) {
        wrap.append(el('p', { className: 'empty', text: 'No authorizer attached.' }));
      } else {
        const list = el('ul', { 'aria-label': 'Scopes and their states' });
        for (const s of scopesOf(auth)) {
          const label = typeof s.label === 'string' && s.label ? s.label : s.scope;
          const rowId = `${id}-${this.#rows.size}`;
          const name = el('span', { className: 'name' }, [
            el('span', { className: 'label', id: `${rowId}-label`, text: label }),
            el('code', { className: 'key', text: s.scope }),
          ]);
          const row = el('li', { className: 'row', 'data-scope': s.scope }, [name]);
          const buttons = [];
          if (READ_ONLY.has(s.rule)) {
            row.append(el('span', { className: 'fixed', text: s.rule === 'retired' ? 'Retired' : 'Silent' }));
          } else {
            const seg = el('span', { className: 'seg', role: 'group', 'aria-labelledby': `${rowId}-label` });
            for (const state of ['granted', 'denied', 'prompt']) {
              const button = el('button', {
                type: 'button',
                'data-state': state,
                'aria-pressed': 'false',
                'aria-label': `${STATE_TEXT[state]}: ${label} (${s.scope})`,
                title: state === 'prompt' ? `Clear: ${s.scope} is not asked yet` : `Set ${s.scope} ${state}`,
                text: STATE_TEXT[state],
              });
              button.addEventListener('click', () => this.#setState(s.scope, label, state));
              buttons.push(button);
              seg.append(button);
            }
            row.append(seg);
          }
          if (RULE_TEXT[s.rule]) row.append(el('p', { className: 'rule', text: RULE_TEXT[s.rule] }));
          list.append(row);
          this.#rows.set(s.scope, { row, buttons });
        }
        wrap.append(list);
        this.#privacyView = null;
        wrap.append(auth.privacy
          ? this.#privacyBlock(auth.privacy)
          : el('div', { className: 'privacy', part: 'privacy' }, [
            el('b', { text: 'Privacy agreement' }),
            el('slot', { name: 'privacy' }, [
              el('span', { text: 'No privacy layer: every call goes straight to its scope.' }),
            ]),
          ]));
        const reset = el('button', { type: 'button', className: 'danger', text: 'Delete the mini program (clear all)' });
        reset.addEventListener('click', () => this.#reset());
        wrap.append(el('div', { className: 'foot' }, [reset]));
      }
      wrap.append(el('p', { className: 'status', role: 'status' }));
      root.replaceChildren(...children);
      for (const scope of this.#rows.keys()) this.#refreshRow(scope);
      this.#refreshPrivacy(false);
    }
  }
  if (!registry.get(tagName)) registry.define(tagName, AuthorizationInspector);
  return registry.get(tagName);
}

/**
 * Defines the inspector's element (done on import in a page, as `mpa-inspector`); returns its class.
 * @param {string} [tagName]
 */
export function defineInspector(tagName = 'mpa-inspector') {
  if (typeof customElements === 'undefined' || typeof HTMLElement === 'undefined') {
    throw new Error('defineInspector: custom elements need a browser page');
  }
  return defineElement(customElements, tagName);
}

if (typeof customElements !== 'undefined' && typeof HTMLElement !== 'undefined' && !customElements.get('mpa-inspector')) {
  defineElement(customElements, 'mpa-inspector');
}
