// The built-in UI's look: the scope icons and the stylesheet every dialog's shadow root gets.

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

export function iconFor(scope) {
  const key = String(scope ?? '').toLowerCase();
  for (const [re, name] of ICON_RULES) if (re.test(key)) return SVG_OPEN + ICONS[name] + '</svg>';
  return SVG_OPEN + ICONS.shield + '</svg>';
}

export const CSS = `
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
