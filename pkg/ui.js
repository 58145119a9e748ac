// miniprogram-authorize/ui — the default browser UI: the authorization prompt and the settings page.
//
// A small, dependency-free ES module with no build step. The shim (`pkg/index.js`) imports it in
// browsers when the host passes no `prompt` / `settings` handler; a host may also import it and pass
// the handlers itself (for instance to place them inside an emulator's phone screen):
//
//   import { createPrompt, createSettingsPage } from 'miniprogram-authorize/ui';
//   const auth = await createAuthorizer({ appId, prompt: createPrompt(), settings: createSettingsPage() });
//
// Both are real <dialog> elements opened with showModal(), inside an open shadow root on a host
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

import { scopeLabel, sheetLang, sheetLayout, sheetStrings } from './ui-sheets.js';

const SVG_OPEN =
  '<svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">';

const ICONS = {
  location: '<path d="M12 21s-7-6.2-7-11.6a7 7 0 0 1 14 0C19 14.8 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.6"/>',
  mic: '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M9 21h6"/>',
  camera:
    '<path d="M4 7.5h3l1.8-2.5h6.4L17 7.5h3a1 1 0 0 1 1 1V19a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8.5a1 1 0 0 1 1-1z"/><circle cx="12" cy="13.3" r="3.6"/>',
  photo: '<rect x="3" y="4" width="18" height="16" rx="2.5"/><circle cx="8.5" cy="9.5" r="1.6"/><path d="M21 15.5l-5-5L6 20"/>',
  bluetooth: '<path d="M7 7.5l10 9-5 4.5V3l5 4.5-10 9"/>',
  contact:
    '<rect x="4" y="3" width="16" height="18" rx="2.5"/><circle cx="12" cy="10" r="3"/><path d="M7.5 17.5a4.5 4.5 0 0 1 9 0"/>',
  calendar: '<rect x="3" y="5" width="18" height="16" rx="2.5"/><path d="M3 10h18M8 3v4M16 3v4"/>',
  run: '<path d="M3 12.5h4l2.5-6 5 12 2.5-6H21"/>',
  user: '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
  users:
    '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0M15.5 4.7a3.5 3.5 0 0 1 0 6.6M17.5 14.2A6.5 6.5 0 0 1 21.5 20"/>',
  house: '<path d="M3.5 10.5L12 4l8.5 6.5V20a1 1 0 0 1-1 1H15v-6H9v6H4.5a1 1 0 0 1-1-1z"/>',
  invoice: '<path d="M6 3h12v18l-3-2-3 2-3-2-3 2z"/><path d="M9 8h6M9 12h6"/>',
  clipboard: '<rect x="5" y="4.5" width="14" height="16.5" rx="2.5"/><path d="M9 3h6v3.5H9z"/>',
  phone: '<rect x="7" y="2.5" width="10" height="19" rx="2.5"/><path d="M11 18h2"/>',
  shieldCheck: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/><path d="M8.7 12.2l2.3 2.3 4.4-4.6"/>',
  shield: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/>',
};

const ICON_RULES = [
  [/location/, 'location'],
  [/record|voip|microphone|audio/, 'mic'],
  [/camera|vksession/, 'camera'],
  [/album|photo|image/, 'photo'],
  [/bluetooth|ble/, 'bluetooth'],
  [/contact/, 'contact'],
  [/calendar/, 'calendar'],
  [/werun|sport|step/, 'run'],
  [/friend|gameclub|interaction/, 'users'],
  [/userinfo|auth_user|profile/, 'user'],
  [/address/, 'house'],
  [/invoice/, 'invoice'],
  [/clipboard/, 'clipboard'],
  [/phone/, 'phone'],
  [/zhima|auth_base/, 'shieldCheck'],
];

function iconFor(scope) {
  const key = String(scope ?? '').toLowerCase();
  for (const [re, name] of ICON_RULES) if (re.test(key)) return SVG_OPEN + ICONS[name] + '</svg>';
  return SVG_OPEN + ICONS.shield + '</svg>';
}

const CSS = `
:host {
  --_accent: var(--mpa-accent, #058341);
  --_accent-fg: var(--mpa-accent-fg, #fff);
  --_bg: var(--mpa-bg, #fff);
  --_fg: var(--mpa-fg, #111114);
  --_muted: var(--mpa-muted, #6e6e73);
  --_surface: var(--mpa-surface, #f2f2f7);
  --_border: var(--mpa-border, rgba(60, 60, 67, 0.14));
  --_backdrop: var(--mpa-backdrop, rgba(0, 0, 0, 0.45));
  --_radius: var(--mpa-radius, 16px);
  --_button-radius: var(--mpa-button-radius, 12px);
  --_font: var(--mpa-font, system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif);
  --_shadow: var(--mpa-shadow, 0 -10px 40px rgba(0, 0, 0, 0.18));
  --_focus: var(--mpa-focus, var(--_accent));
  --_accent-text: var(--mpa-accent-text, var(--_accent));
  color-scheme: light;
}
@media (prefers-color-scheme: dark) {
  :host(:not([data-theme="light"])) {
    --_bg: var(--mpa-bg, #1c1c1e);
    --_fg: var(--mpa-fg, #f2f2f7);
    --_muted: var(--mpa-muted, #a1a1a6);
    --_surface: var(--mpa-surface, #2c2c2e);
    --_border: var(--mpa-border, rgba(235, 235, 245, 0.14));
    --_backdrop: var(--mpa-backdrop, rgba(0, 0, 0, 0.6));
    --_accent-text: var(--mpa-accent-text, color-mix(in srgb, var(--_accent) 50%, #fff));
    --_focus: var(--mpa-focus, color-mix(in srgb, var(--_accent) 50%, #fff));
    color-scheme: dark;
  }
}
:host([data-theme="dark"]) {
  --_bg: var(--mpa-bg, #1c1c1e);
  --_fg: var(--mpa-fg, #f2f2f7);
  --_muted: var(--mpa-muted, #a1a1a6);
  --_surface: var(--mpa-surface, #2c2c2e);
  --_border: var(--mpa-border, rgba(235, 235, 245, 0.14));
  --_backdrop: var(--mpa-backdrop, rgba(0, 0, 0, 0.6));
  --_accent-text: var(--mpa-accent-text, color-mix(in srgb, var(--_accent) 50%, #fff));
  --_focus: var(--mpa-focus, color-mix(in srgb, var(--_accent) 50%, #fff));
  color-scheme: dark;
}
*, *::before, *::after { box-sizing: border-box; }
dialog {
  position: fixed; inset: 0; width: 100%; height: 100%; max-width: none; max-height: none;
  margin: 0; padding: 0; border: 0; background: transparent; color: var(--_fg);
  font: 400 16px/1.45 var(--_font); letter-spacing: normal; text-align: start; text-transform: none;
  overflow: hidden; outline: none; visibility: visible; opacity: 1;
  -webkit-tap-highlight-color: transparent; -webkit-font-smoothing: antialiased;
}
dialog:not([open]) { display: none; }
dialog::backdrop { background: transparent; }
.frame {
  position: absolute; inset: 0; overflow: hidden; container-type: size;
  background: var(--_backdrop); animation: mpa-fade 0.2s ease-out;
}
.stage { position: absolute; inset: 0; display: flex; align-items: flex-end; justify-content: center; }
h2, p { margin: 0; }
button { font: inherit; color: inherit; margin: 0; }
.icon { display: inline-grid; place-items: center; flex: none; width: 40px; height: 40px; border-radius: 12px;
  color: var(--_accent); background: color-mix(in srgb, var(--_accent) 13%, transparent); }
.icon svg { width: 22px; height: 22px; display: block; }
.avatar { display: inline-grid; place-items: center; flex: none; width: 28px; height: 28px; border-radius: 50%;
  background: var(--_accent); color: var(--_accent-fg); font-weight: 700; font-size: 14px; line-height: 1;
  overflow: hidden; text-transform: uppercase; }
.avatar img { width: 100%; height: 100%; object-fit: cover; display: block; }
.btn {
  appearance: none; flex: 1 1 0; min-width: 0; min-height: 48px; padding: 0 16px; border: 0;
  border-radius: var(--_button-radius); font-weight: 600; font-size: 16px; cursor: pointer;
  transition: filter 0.15s, transform 0.1s, background-color 0.15s;
}
.btn:hover { filter: brightness(0.97); }
.btn:active { transform: scale(0.98); filter: brightness(0.93); }
:focus:not(:focus-visible) { outline: none; }
.btn:focus-visible, .done:focus-visible, .switch:focus-visible {
  outline: 3px solid var(--_focus); outline-offset: 2px;
}
.deny { background: var(--_surface); color: var(--_fg); }
.allow { background: var(--_accent); color: var(--_accent-fg); }

/* ---- prompt: a bottom sheet (a centred card when there is room) ---- */
.sheet {
  position: relative; width: 100%; max-width: 520px; max-height: 100%; overflow: auto;
  background: var(--_bg); color: var(--_fg); border-radius: var(--_radius) var(--_radius) 0 0;
  padding: 22px 20px calc(18px + env(safe-area-inset-bottom, 0px)); box-shadow: var(--_shadow);
  animation: mpa-up 0.3s cubic-bezier(0.2, 0.8, 0.2, 1);
}
.sheet::before { content: ""; position: absolute; top: 8px; left: 50%; width: 36px; height: 4px; margin-left: -18px;
  border-radius: 2px; background: var(--_border); }
.who { display: flex; align-items: center; gap: 10px; font-size: 15px; color: var(--_muted); }
.who .app { color: var(--_fg); font-weight: 600; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.card { display: flex; gap: 14px; align-items: flex-start; margin: 16px 0 10px; padding: 14px;
  border-radius: 14px; background: var(--_surface); }
.card .text { min-width: 0; padding-top: 1px; }
.label { font-size: 19px; font-weight: 650; line-height: 1.3; overflow-wrap: anywhere; }
.desc { margin-top: 4px; color: var(--_muted); font-size: 15px; overflow-wrap: anywhere; }
.meta { margin: 0 2px 20px; font-size: 12px; color: var(--_muted); overflow-wrap: anywhere; }
code { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
.actions { display: flex; gap: 12px; margin: 0; }
.sheet.plain .card { margin-bottom: 20px; }
/* stacked (Alipay): icon and name centred, the permission as a list item, Allow above Deny */
.sheet[data-layout="stacked"] .brand { display: grid; justify-items: center; gap: 2px; text-align: center; margin-top: 4px; }
.sheet[data-layout="stacked"] .brand .avatar { width: 52px; height: 52px; border-radius: 14px; font-size: 22px; margin-bottom: 6px; }
.sheet[data-layout="stacked"] .brand .app { font-weight: 650; font-size: 17px; overflow-wrap: anywhere; }
.sheet[data-layout="stacked"] .brand .verb { color: var(--_muted); font-size: 14px; }
.sheet[data-layout="stacked"] .actions { flex-direction: column; gap: 4px; }
.sheet[data-layout="stacked"] .btn { flex: none; }
.sheet[data-layout="stacked"] .deny { background: transparent; color: var(--_fg); }
/* alert (Douyin): a centred card, one sentence, Deny | Allow split by a hairline */
.stage:has(> .sheet[data-layout="alert"]) { align-items: center; padding: 24px; }
.sheet[data-layout="alert"] { max-width: 310px; border-radius: var(--_radius); padding: 22px 0 0; text-align: center; overflow: hidden; }
.sheet[data-layout="alert"]::before { display: none; }
.sheet[data-layout="alert"] .brand { display: grid; justify-items: center; margin-bottom: 12px; }
.sheet[data-layout="alert"] .brand .avatar { width: 44px; height: 44px; border-radius: 12px; font-size: 20px; }
.sheet[data-layout="alert"] .label { font-size: 17px; padding: 0 20px; }
.sheet[data-layout="alert"] .desc { padding: 0 20px; }
.sheet[data-layout="alert"] .meta { padding: 8px 20px 0; margin: 0; }
.sheet[data-layout="alert"] .actions { gap: 0; margin-top: 20px; border-top: 1px solid var(--_border); }
.sheet[data-layout="alert"] .btn { border-radius: 0; background: transparent; min-height: 50px; }
.sheet[data-layout="alert"] .btn:focus-visible { outline-offset: -4px; }
.sheet[data-layout="alert"] .deny { color: var(--_fg); border-inline-end: 1px solid var(--_border); }
.sheet[data-layout="alert"] .allow { color: var(--_accent-text); }
/* list (Baidu): "requests the following permission", the permission ticked */
.sheet[data-layout="list"] .who { flex-wrap: wrap; row-gap: 2px; }
.sheet[data-layout="list"] .who .app { flex: none; max-width: 100%; }
.sheet[data-layout="list"] .card { background: transparent; border-radius: 0; padding: 12px 0; border-block: 1px solid var(--_border); align-items: center; }
.sheet[data-layout="list"] .card::after { content: "✓"; margin-inline-start: auto; color: var(--_accent-text); font-weight: 700; font-size: 18px; }
@container (min-width: 640px) {
  .stage { align-items: center; padding: 24px; }
  .sheet { max-width: 400px; border-radius: var(--_radius); box-shadow: 0 20px 60px rgba(0, 0, 0, 0.25);
    padding-bottom: 20px; animation-name: mpa-pop; }
  .sheet::before { display: none; }
}

/* ---- settings page: a full panel (a centred card when there is room) ---- */
.panel {
  position: relative; display: flex; flex-direction: column; width: 100%; height: 100%;
  background: var(--_surface); color: var(--_fg); animation: mpa-in 0.28s cubic-bezier(0.2, 0.8, 0.2, 1);
}
.bar { display: grid; grid-template-columns: 1fr auto 1fr; align-items: center; min-height: 52px;
  padding: env(safe-area-inset-top, 0px) 8px 0; background: var(--_bg); border-bottom: 1px solid var(--_border); }
.bar h2 { grid-column: 2; font-size: 17px; font-weight: 600; }
.bar form { grid-column: 3; justify-self: end; margin: 0; }
.done { appearance: none; border: 0; background: transparent; color: var(--_accent-text); font-weight: 600; font-size: 16px;
  min-height: 40px; padding: 0 12px; border-radius: 10px; cursor: pointer; }
.done:hover { background: color-mix(in srgb, var(--_accent) 10%, transparent); }
.body { flex: 1; overflow: auto; padding: 16px 16px calc(24px + env(safe-area-inset-bottom, 0px)); }
.app-card { display: flex; align-items: center; gap: 12px; padding: 14px 16px; border-radius: 14px; background: var(--_bg); }
.app-card .avatar { width: 44px; height: 44px; font-size: 20px; border-radius: 12px; }
.app-card .name { font-weight: 650; font-size: 17px; overflow-wrap: anywhere; }
.app-card .id { color: var(--_muted); font-size: 13px; overflow-wrap: anywhere; }
.section { margin: 22px 16px 8px; font-size: 13px; color: var(--_muted); text-transform: uppercase; letter-spacing: 0.04em; }
.list { list-style: none; margin: 0; padding: 0; border-radius: 14px; background: var(--_bg); overflow: hidden; }
.row { display: flex; align-items: center; gap: 12px; min-height: 60px; padding: 10px 16px; cursor: pointer;
  position: relative; }
.list > li { display: block; margin: 0; padding: 0; }
.list > li + li > .row::before { content: ""; position: absolute; top: 0; left: 64px; right: 0; border-top: 1px solid var(--_border); }
.row .icon { width: 36px; height: 36px; border-radius: 10px; }
.row .icon svg { width: 20px; height: 20px; }
.row .text { flex: 1; min-width: 0; }
.row .name { display: block; font-size: 16px; overflow-wrap: anywhere; }
.row .key { display: block; color: var(--_muted); font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.row.flash { animation: mpa-flash 1.2s ease-out; }
.switch {
  appearance: none; flex: none; position: relative; width: 51px; height: 31px; margin: 0; padding: 0; border: 0; border-radius: 999px;
  background: color-mix(in srgb, var(--_fg) 16%, transparent); cursor: pointer; transition: background-color 0.2s;
}
.switch::after {
  content: ""; position: absolute; top: 2px; left: 2px; width: 27px; height: 27px; border-radius: 50%;
  background: #fff; box-shadow: 0 2px 4px rgba(0, 0, 0, 0.2), 0 0 0 0.5px rgba(0, 0, 0, 0.06);
  transition: transform 0.2s cubic-bezier(0.2, 0.8, 0.2, 1);
}
.switch:checked { background: var(--_accent); }
.switch:checked::after { transform: translateX(20px); }
.empty { padding: 28px 16px; text-align: center; color: var(--_muted); border-radius: 14px; background: var(--_bg); }
.note { margin: 10px 16px 0; font-size: 13px; color: var(--_muted); }
@container (min-width: 640px) {
  .stage.center { align-items: center; padding: 24px; }
  .panel { max-width: 440px; height: auto; max-height: min(680px, 100%); border-radius: var(--_radius);
    overflow: hidden; box-shadow: 0 20px 60px rgba(0, 0, 0, 0.25); animation-name: mpa-pop; }
}
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@keyframes mpa-fade { from { opacity: 0; } }
@keyframes mpa-up { from { transform: translateY(100%); } }
@keyframes mpa-in { from { transform: translateY(24px); opacity: 0; } }
@keyframes mpa-pop { from { transform: translateY(8px) scale(0.97); opacity: 0; } }
@keyframes mpa-flash { from { background: color-mix(in srgb, var(--_accent) 22%, transparent); } }
@media (prefers-reduced-motion: reduce) {
  .frame, .sheet, .panel, .row.flash { animation: none; }
  .switch, .switch::after, .btn { transition: none; }
}
`;

// ---- one dialog at a time (shared by prompts and settings pages of this module instance) ----
let queueTail = Promise.resolve();
function inTurn(task) {
  const run = queueTail.then(task, task);
  queueTail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

function strings(options, doc) {
  return sheetStrings(sheetLang(options.lang, doc), options.strings);
}

function fill(template, app) {
  return String(template).split('{app}').join(app);
}

function documentFor(options) {
  const doc = options.container?.ownerDocument ?? (typeof document !== 'undefined' ? document : null);
  if (!doc || typeof doc.createElement !== 'function') {
    throw new TypeError('miniprogram-authorize/ui needs a DOM (a browser page)');
  }
  return doc;
}

function deepActiveElement(doc) {
  let active = doc.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function el(doc, tag, props = {}, children = []) {
  const node = doc.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'text') node.textContent = String(value);
    else if (key === 'className') node.className = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function iconEl(doc, scope, part) {
  const span = el(doc, 'span', { className: 'icon', 'aria-hidden': 'true', part });
  span.innerHTML = iconFor(scope); // static, trusted markup only
  return span;
}

function avatarEl(doc, appName, appIcon) {
  const span = el(doc, 'span', { className: 'avatar', 'aria-hidden': 'true', part: 'avatar' });
  if (appIcon) span.append(el(doc, 'img', { src: appIcon, alt: '' }));
  else span.textContent = Array.from(String(appName).trim())[0] ?? '?';
  return span;
}

function appNameOf(options, request) {
  const name = options.appName ?? request?.appName ?? request?.appId;
  return typeof name === 'string' && name.trim() ? name : 'This mini program';
}

let uid = 0;

/**
 * Mount a host element with a shadow root and an empty modal dialog in `container`.
 * Returns the pieces and `open(onClose)` / `teardown()`.
 */
function mountDialog(doc, options, kind) {
  const id = `mpa${++uid}`;
  const container = options.container ?? doc.body ?? doc.documentElement;
  const host = doc.createElement('div');
  host.setAttribute('data-mpa-ui', kind);
  if (options.theme === 'light' || options.theme === 'dark') host.setAttribute('data-theme', options.theme);
  if (options.lang) host.setAttribute('lang', options.lang);
  // Inline !important beats any page rule that is not itself !important on an inline style: keep the
  // host out of layout and make sure page rules cannot hide it.
  host.style.cssText =
    'all: initial !important; display: block !important; position: absolute !important; ' +
    'width: 0 !important; height: 0 !important; overflow: visible !important; visibility: visible !important;';
  // Closed: page scripts get no handle on the buttons and switches inside (host.shadowRoot is null).
  const root = host.attachShadow({ mode: 'closed' });
  root.append(el(doc, 'style', { text: CSS }));
  const dialog = el(doc, 'dialog', { className: kind, part: 'dialog', tabindex: '-1' });
  const frame = el(doc, 'div', { className: 'frame', part: 'frame' });
  const stage = el(doc, 'div', { className: 'stage' });
  frame.append(stage);
  dialog.append(frame);
  root.append(dialog);

  const anchored = options.container && options.container !== doc.body && options.container !== doc.documentElement;
  const view = doc.defaultView;
  let raf = 0;
  let resizeObserver = null;
  let mutationObserver = null;
  const place = () => {
    raf = 0;
    if (!anchored) return;
    const r = options.container.getBoundingClientRect();
    const vw = dialog.clientWidth || view.innerWidth;
    const vh = dialog.clientHeight || view.innerHeight;
    const left = Math.max(0, r.left);
    const top = Math.max(0, r.top);
    const right = Math.min(vw, r.right);
    const bottom = Math.min(vh, r.bottom);
    if (right - left < 160 || bottom - top < 160) {
      frame.style.cssText = ''; // container (mostly) off screen: use the whole viewport
      return;
    }
    const clipped = left !== r.left || top !== r.top || right !== r.right || bottom !== r.bottom;
    const radius = clipped ? '0' : view.getComputedStyle(options.container).borderRadius || '0';
    frame.style.cssText =
      `inset: auto; left: ${left}px; top: ${top}px; width: ${right - left}px; height: ${bottom - top}px; ` +
      `border-radius: ${radius};`;
  };
  const schedule = () => {
    if (!raf) raf = view.requestAnimationFrame(place);
  };

  let onGone = null;
  const api = {
    id,
    host,
    root,
    dialog,
    frame,
    stage,
    open(onClosed) {
      onGone = onClosed;
      container.append(host);
      dialog.returnValue = '';
      dialog.addEventListener('close', () => onGone?.(dialog.returnValue), { once: true });
      dialog.showModal();
      if (anchored) {
        place();
        view.addEventListener('resize', schedule);
        doc.addEventListener('scroll', schedule, { capture: true, passive: true });
        if (typeof view.ResizeObserver === 'function') {
          resizeObserver = new view.ResizeObserver(schedule);
          resizeObserver.observe(options.container);
        }
      }
      // If the host page removes us while open, no `close` event comes: answer anyway.
      if (typeof view.MutationObserver === 'function') {
        mutationObserver = new view.MutationObserver(() => {
          if (!host.isConnected) onGone?.(dialog.returnValue);
        });
        mutationObserver.observe(doc.documentElement, { childList: true, subtree: true });
      }
      dialog.focus({ preventScroll: true });
    },
    teardown() {
      onGone = null;
      if (raf) view.cancelAnimationFrame(raf);
      view.removeEventListener('resize', schedule);
      doc.removeEventListener('scroll', schedule, { capture: true });
      resizeObserver?.disconnect();
      mutationObserver?.disconnect();
      if (dialog.open) dialog.close();
      host.remove();
    },
  };
  return api;
}

function restoreFocus(doc, previous) {
  if (!previous || previous === doc.body || !previous.isConnected || typeof previous.focus !== 'function') return;
  try {
    previous.focus({ preventScroll: true });
  } catch {
    /* ignore */
  }
}

/** Close on a user's click whose press and release both landed outside `inner`. */
function closeOnOutsideClick(dialog, inner, close) {
  let downOutside = false;
  dialog.addEventListener('pointerdown', (e) => {
    downOutside = e.isTrusted && !inner.contains(e.target);
  });
  dialog.addEventListener('click', (e) => {
    if (e.isTrusted && downOutside && !inner.contains(e.target)) close();
    downOutside = false;
  });
}

/**
 * Only the user's own clicks (and the clicks a key press makes) count: a script's `.click()` is
 * stopped before it submits a form or flips a switch. `onTrusted(event)` hears the ones that count.
 */
function userClicksOnly(element, onTrusted) {
  element.addEventListener('click', (e) => {
    if (e.isTrusted) onTrusted?.(e);
    else e.preventDefault();
  });
}

/**
 * A `<form method="dialog">` that only the user's click on one of its buttons submits (a script's
 * synthetic click that cannot be cancelled is stopped at `submit`); `onChoice(value)` hears it.
 */
function userSubmitsOnly(form, onChoice) {
  let clicked = null;
  for (const button of form.querySelectorAll('button')) {
    userClicksOnly(button, () => {
      clicked = button;
      onChoice?.(button.value);
    });
  }
  form.addEventListener('submit', (e) => {
    if (e.submitter !== clicked) e.preventDefault();
  });
}

function watchSignal(signal, onAbort) {
  if (!signal || typeof signal.addEventListener !== 'function') return () => {};
  signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

const ANSWERS = { accept: 'accept', reject: 'reject' };

/**
 * The life of one dialog: mount it, let `build(ui)` fill it, open it, and settle once, with
 * `answer(returnValue)` when it closes. It closes with `closeValue` when `signal` aborts or a click
 * lands outside `inner`. Then it is torn down and focus goes back where it was.
 */
function runDialog(doc, options, kind, signal, build) {
  return new Promise((resolve, reject) => {
    const previous = deepActiveElement(doc);
    let ui;
    try {
      ui = mountDialog(doc, options, kind);
    } catch (err) {
      reject(err);
      return;
    }
    const { inner, closeValue, answer, cleanup } = build(ui);
    let settled = false;
    let unwatch = () => {};
    const release = () => {
      settled = true;
      unwatch();
      try {
        cleanup?.();
      } catch {
        /* a broken unsubscribe must not keep the dialog up */
      }
      ui.teardown();
    };
    const finish = (returnValue) => {
      if (settled) return;
      const result = answer(returnValue);
      release();
      restoreFocus(doc, previous);
      resolve(result);
    };
    const close = () => {
      if (ui.dialog.open) ui.dialog.close(closeValue);
      else finish(closeValue);
    };
    if (options.closeOnBackdrop !== false) closeOnOutsideClick(ui.dialog, inner, close);
    unwatch = watchSignal(signal, close);
    try {
      ui.open(finish);
    } catch (err) {
      release();
      reject(err);
    }
  });
}

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
