// Types of `miniprogram-authorize/ui` (pkg/ui.js): the default browser prompt and settings page.

// The request shapes are the shim's host hooks, defined once in index.d.ts.
// Like index.d.ts it needs no DOM lib: a Node-only project compiles it, and with the DOM lib
// `HTMLElementLike` is HTMLElement.
import type { HTMLElementLike, PromptAnswer, PromptRequest, SettingsChange, SettingsRequest, SettingsScope } from './index.js';
export type { PromptAnswer, PromptRequest, SettingsChange, SettingsRequest, SettingsScope };

/** Texts shown; `{app}` is replaced by the app name. */
export interface UiStrings {
  requests: string;
  /** Alipay's and Baidu's heading, "requests the following permission:" */
  requestsList: string;
  /** Douyin's one sentence; `{label}` is the permission's name */
  requestsOne: string;
  allow: string;
  deny: string;
  via: string;
  settingsTitle: string;
  allowTo: string;
  done: string;
  empty: string;
  note: string;
}

export interface UiOptions {
  /**
   * Where the host element goes (default `document.body`). When it is an element other than the body,
   * the dialog is laid out over that element's box (an emulator's phone screen, say) and inherits
   * the `--mpa-*` custom properties set on it.
   */
  container?: HTMLElementLike;
  /** Shown instead of the request's `appName` (fallback: `appId`). */
  appName?: string;
  /** URL of an app icon; default a round badge with the app name's first letter. */
  appIcon?: string;
  /** 'auto' (default: follows prefers-color-scheme), 'light' or 'dark'. */
  theme?: 'auto' | 'light' | 'dark';
  /** Built-in texts: 'en' or 'zh' (also 'zh_CN', 'zh-Hans', ...); default the page's (`<html lang>`, then the browser's). */
  lang?: 'en' | 'zh' | string;
  /**
   * Whose sheet to draw: 'wechat' | 'wechat-minigame' | 'kuaishou' (row), 'alipay' (stacked),
   * 'bytedance' (a centred alert), 'baidu' (a ticked list). Default the request's `platform`.
   */
  platform?: string;
  /** Override any built-in text. */
  strings?: Partial<UiStrings>;
  /** Show the scope key and the calling API under the label, for developers (default false: the sheet is the user's). */
  details?: boolean;
  /** A click on the dimmed area closes (prompt: 'dismiss'; settings: Done). Default true. */
  closeOnBackdrop?: boolean;
}

export type PromptOptions = UiOptions;
export type SettingsPageOptions = UiOptions;

export type PromptHandler = (request: PromptRequest) => Promise<PromptAnswer>;
export type SettingsHandler = (request: SettingsRequest) => Promise<Record<string, boolean>>;

/**
 * The default authorization prompt: a modal <dialog> in a shadow root. Allow → 'accept',
 * Deny → 'reject', Esc / closing → 'dismiss'. One dialog at a time: later calls wait their turn.
 *
 * Styling through CSS custom properties (set on the container, :root or `[data-mpa-ui]`):
 * --mpa-accent, --mpa-accent-fg, --mpa-bg, --mpa-fg, --mpa-muted, --mpa-surface, --mpa-border,
 * --mpa-backdrop, --mpa-radius, --mpa-button-radius, --mpa-font, --mpa-shadow, --mpa-focus;
 * and `[data-mpa-ui]::part(...)`.
 */
export function createPrompt(options?: PromptOptions): PromptHandler;

/**
 * The default settings page behind openSetting: one switch per listed scope, live through
 * `request.subscribe`; Done (or Esc) resolves with `{ [scope]: boolean }` for every listed scope.
 */
export function createSettingsPage(options?: SettingsPageOptions): SettingsHandler;
