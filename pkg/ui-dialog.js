// The built-in UI's dialog machinery: one <dialog> at a time in a closed shadow root, opened with
// showModal(), answered only by the user's own clicks and keys, focus moved in and back.
import { CSS, iconFor } from './ui-style.js';
import { sheetLang, sheetStrings } from './ui-sheets.js';

// One dialog at a time, shared by the prompts and settings pages of this module instance.
let queueTail = Promise.resolve();
export function inTurn(task) {
  const run = queueTail.then(task, task);
  queueTail = run.then(
    () => undefined,
    () => undefined,
  );
  return run;
}

export function strings(options, doc) {
  return sheetStrings(sheetLang(options.lang, doc), options.strings);
}

export function fill(template, app) {
  return String(template).split('{app}').join(app);
}

export function documentFor(options) {
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

export function el(doc, tag, props = {}, children = []) {
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

export function iconEl(doc, scope, part) {
  const span = el(doc, 'span', { className: 'icon', 'aria-hidden': 'true', part });
  span.innerHTML = iconFor(scope); // static, trusted markup only
  return span;
}

export function avatarEl(doc, appName, appIcon) {
  const span = el(doc, 'span', { className: 'avatar', 'aria-hidden': 'true', part: 'avatar' });
  if (appIcon) span.append(el(doc, 'img', { src: appIcon, alt: '' }));
  else span.textContent = Array.from(String(appName).trim())[0] ?? '?';
  return span;
}

export function appNameOf(options, request) {
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
export function userClicksOnly(element, onTrusted) {
  element.addEventListener('click', (e) => {
    if (e.isTrusted) onTrusted?.(e);
    else e.preventDefault();
  });
}

/**
 * A `<form method="dialog">` that only the user's click on one of its buttons submits (a script's
 * synthetic click that cannot be cancelled is stopped at `submit`); `onChoice(value)` hears it.
 */
export function userSubmitsOnly(form, onChoice) {
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

export const ANSWERS = { accept: 'accept', reject: 'reject' };

/**
 * The life of one dialog: mount it, let `build(ui)` fill it, open it, and settle once, with
 * `answer(returnValue)` when it closes. It closes with `closeValue` when `signal` aborts or a click
 * lands outside `inner`. Then it is torn down and focus goes back where it was.
 */
export function runDialog(doc, options, kind, signal, build) {
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
