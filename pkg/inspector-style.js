// <mpa-inspector>'s stylesheet: the --mpa-* custom properties of miniprogram-authorize/ui, light
// and dark, and the states' colours (contrast at least 4.5:1 in both themes).

export const CSS = `
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
