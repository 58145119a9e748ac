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

export const AUTO_ANSWER_MODES = Object.freeze(['ask', 'accept', 'reject', 'dismiss']);

const MODE_TEXT = { ask: 'Ask (show the pop-up)', accept: 'Always allow', reject: 'Always deny', dismiss: 'Dismiss' };
const STATE_TEXT = { granted: 'Granted', denied: 'Denied', prompt: 'Not asked' };
const RULE_TEXT = {
  'never-prompts': 'Never prompts: the platform has its own path (a button or another API).',
  'settings-only': 'Never prompts: only the settings page can grant it.',
  retired: 'Retired by the platform: always reported granted, never asked.',
  silent: 'Granted silently, never recorded.',
};
const READ_ONLY = new Set(['retired', 'silent']);

/**
 * A prompt handler that answers by itself unless its mode is `ask`, when it hands the request to
 * `prompt` (the real pop-up). Its `mode` is settable; `onModeChange` and `onAnswer` report.
 * @param {(request: object) => unknown} [prompt] the pop-up; without one, `ask` dismisses
 * @param {{ mode?: 'ask'|'accept'|'reject'|'dismiss' }} [options]
 */
export function createAutoAnswer(prompt, options = {}) {
  let mode = AUTO_ANSWER_MODES.includes(options?.mode) ? options.mode : 'ask';
  const modeListeners = new Set();
  const answerListeners = new Set();
  const tell = (listeners, value) => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };
  async function autoAnswer(request) {
    const auto = mode !== 'ask';
    let answer;
    if (auto) answer = mode;
    else if (typeof prompt === 'function') answer = await prompt(request);
    else answer = 'dismiss';
    tell(answerListeners, { scope: request?.scope, api: request?.api, answer, auto, mode });
    return answer;
  }
  Object.defineProperties(autoAnswer, {
    mode: {
      get: () => mode,
      set: (next) => {
        if (!AUTO_ANSWER_MODES.includes(next)) throw new TypeError(`autoAnswer.mode must be one of ${AUTO_ANSWER_MODES.join(', ')}`);
        if (next === mode) return;
        mode = next;
        tell(modeListeners, mode);
      },
      enumerable: true,
    },
    onModeChange: { value: (listener) => (modeListeners.add(listener), () => modeListeners.delete(listener)) },
    onAnswer: { value: (listener) => (answerListeners.add(listener), () => answerListeners.delete(listener)) },
  });
  return autoAnswer;
}

const CSS = `
:host {
  --_accent: var(--mpa-accent, #07c160);
  --_ink: var(--mpa-accent-ink, #06753c);
  --_bg: var(--mpa-bg, #fff);
  --_fg: var(--mpa-fg, #16181d);
  --_muted: var(--mpa-muted, #5c6370);
  --_surface: var(--mpa-surface, #f2f3f6);
  --_border: var(--mpa-border, #dfe2e7);
  --_font: var(--mpa-font, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Noto Sans", sans-serif);
  --_focus: var(--mpa-focus, #1d6fe0);
  --_granted-bg: #e3f5ea; --_granted-fg: #05632f;
  --_denied-bg: #fdeaea; --_denied-fg: #a8161b;
  --_prompt-bg: #eceef2; --_prompt-fg: #424854;
  display: block; color: var(--_fg); font: 14px/1.45 var(--_font); color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([theme="light"])) {
    --_bg: var(--mpa-bg, #1c1d21); --_fg: var(--mpa-fg, #eef0f3); --_muted: var(--mpa-muted, #a9afba);
    --_surface: var(--mpa-surface, #26282e); --_border: var(--mpa-border, #3a3d45); --_ink: var(--mpa-accent-ink, #5fdc97);
    --_focus: var(--mpa-focus, #7fb2ff);
    --_granted-bg: #163a26; --_granted-fg: #7ee2a8; --_denied-bg: #47191b; --_denied-fg: #ffaaa8;
    --_prompt-bg: #30333a; --_prompt-fg: #d2d6dd; color-scheme: dark;
  }
}
:host([theme="dark"]) {
  --_bg: var(--mpa-bg, #1c1d21); --_fg: var(--mpa-fg, #eef0f3); --_muted: var(--mpa-muted, #a9afba);
  --_surface: var(--mpa-surface, #26282e); --_border: var(--mpa-border, #3a3d45); --_ink: var(--mpa-accent-ink, #5fdc97);
  --_focus: var(--mpa-focus, #7fb2ff);
  --_granted-bg: #163a26; --_granted-fg: #7ee2a8; --_denied-bg: #47191b; --_denied-fg: #ffaaa8;
  --_prompt-bg: #30333a; --_prompt-fg: #d2d6dd; color-scheme: dark;
}
:host([hidden]) { display: none; }
* { box-sizing: border-box; }
button, select { font: inherit; color: inherit; }
:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.wrap { background: var(--_bg); }
.head { display: flex; align-items: baseline; gap: 8px; flex-wrap: wrap; margin-bottom: 8px; }
.head h2 { margin: 0; font-size: 15px; flex: 1; }
.who { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--_muted); overflow-wrap: anywhere; }
.mode { display: flex; flex-wrap: wrap; gap: 6px 10px; align-items: center; margin: 0 0 10px; padding: 8px 10px;
  border: 1px solid var(--_border); border-radius: 10px; }
.mode legend { float: left; padding: 0; margin-right: 4px; font-size: 12px; font-weight: 600; color: var(--_muted); }
.mode label { display: inline-flex; align-items: center; gap: 4px; cursor: pointer; font-size: 13px; }
.mode input { margin: 0; accent-color: var(--_ink); }
ul { list-style: none; margin: 0; padding: 0; }
.row { display: grid; grid-template-columns: minmax(0, 1fr) auto; gap: 4px 10px; align-items: center;
  padding: 7px 0; border-top: 1px solid var(--_border); }
.row:first-child { border-top: 0; }
.name { min-width: 0; }
.label { display: block; font-weight: 600; font-size: 13.5px; line-height: 1.3; overflow-wrap: anywhere; }
.key { display: block; font: 11.5px/1.35 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--_muted);
  overflow-wrap: anywhere; }
.seg { display: inline-flex; border: 1px solid var(--_border); border-radius: 8px; overflow: hidden; }
.seg button { appearance: none; border: 0; border-left: 1px solid var(--_border); background: transparent; cursor: pointer;
  padding: 5px 8px; font-size: 12.5px; font-weight: 600; color: var(--_muted); min-height: 30px; }
.seg button:first-child { border-left: 0; }
.seg button:hover { background: var(--_surface); }
.seg button:focus-visible { outline-offset: -3px; border-radius: 6px; }
.seg button[aria-pressed="true"][data-state="granted"] { background: var(--_granted-bg); color: var(--_granted-fg); }
.seg button[aria-pressed="true"][data-state="denied"] { background: var(--_denied-bg); color: var(--_denied-fg); }
.seg button[aria-pressed="true"][data-state="prompt"] { background: var(--_prompt-bg); color: var(--_prompt-fg); }
.fixed { font-size: 12px; font-weight: 600; padding: 4px 8px; border-radius: 999px; background: var(--_prompt-bg); color: var(--_prompt-fg); }
.rule { grid-column: 1 / -1; margin: 0; font-size: 12px; color: var(--_muted); }
.row.flash { animation: flash 1s ease-out; }
@keyframes flash { from { background: color-mix(in srgb, var(--_accent) 20%, transparent); } }
.privacy { margin-top: 10px; padding: 8px 10px; border: 1px dashed var(--_border); border-radius: 10px; font-size: 13px; }
.privacy b { display: block; font-size: 12px; color: var(--_muted); }
.privacy .row { border-top: 0; padding: 4px 0 2px; }
.kinds { display: flex; flex-wrap: wrap; gap: 4px; margin: 4px 0 0; padding: 0; list-style: none; }
.kinds li { font-size: 12px; padding: 2px 8px; border-radius: 999px; background: var(--_prompt-bg); color: var(--_prompt-fg); }
.kinds li[data-agreed="true"] { background: var(--_granted-bg); color: var(--_granted-fg); }
.foot { display: flex; gap: 8px; flex-wrap: wrap; margin-top: 10px; }
.danger { appearance: none; border: 1px solid currentColor; background: transparent; color: var(--_denied-fg); border-radius: 8px;
  padding: 6px 10px; font-weight: 600; cursor: pointer; }
.danger:hover { background: var(--_denied-bg); }
.status { font-size: 12.5px; color: var(--_muted); min-height: 1.4em; margin: 6px 0 0; }
.empty { color: var(--_muted); font-size: 13px; }
@media (prefers-reduced-motion: reduce) { .row.flash { animation: none; } }
`;

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
