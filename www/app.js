// The demo emulator: a phone running a small mini program against miniprogram-authorize.
// Plain ES module, no bundler. The library is loaded from /pkg/index.min.js, what a browser gets
// from the package (built by `npm run build`); the prompt and the settings page are /pkg/ui.min.js,
// placed inside the phone screen.

import { createPrompt, createSettingsPage } from '/pkg/ui.min.js';

// ---- the platforms ---------------------------------------------------------------------------

const PLATFORMS = [
  { id: 'wechat', name: 'WeChat', global: 'wx', appId: 'wxdemo0001', appName: 'Demo Shop', accent: '#07c160' },
  { id: 'wechat-minigame', name: 'Mini game', global: 'wx', appId: 'wxgame0001', appName: 'Tiny Tower', accent: '#10aeff' },
  { id: 'alipay', name: 'Alipay', global: 'my', appId: '2021000000000001', appName: 'Demo Shop', accent: '#1677ff' },
  { id: 'bytedance', name: 'Douyin', global: 'tt', appId: 'ttdemo0001', appName: 'Demo Shop', accent: '#fe2c55' },
  { id: 'baidu', name: 'Baidu', global: 'swan', appId: 'swandemo0001', appName: 'Demo Shop', accent: '#3464e0' },
  { id: 'kuaishou', name: 'Kuaishou', global: 'ks', appId: 'ksdemo0001', appName: 'Demo Shop', accent: '#ff5000' },
];
// The app config's usage descriptions (app.json "permission"; at most 30 characters), given for
// every scope of the chosen platform that takes one (`needsDesc` in auth.scopes).
const DESCS = [
  [/background/i, 'Used to track your delivery'],
  [/fuzzy/i, 'To show shops in your city'],
  [/location/i, 'Used to show shops near you'],
];
const GENERIC_DESC = 'Used by the demo mini program';
function descFor(scope) {
  return DESCS.find(([re]) => re.test(scope))?.[1] ?? GENERIC_DESC;
}
const FLAVORS = ['devtools', 'ios', 'android'];
const USERS = ['alice', 'bob'];
const STORE_KEY = 'miniprogram-authorize-demo';

// ---- small DOM helpers -----------------------------------------------------------------------

const $ = (selector) => document.querySelector(selector);

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'html') node.innerHTML = value; // static markup only
    else if (key.startsWith('on') && typeof value === 'function') node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

const SVG = (body, size = 24) =>
  `<svg viewBox="0 0 24 24" width="${size}" height="${size}" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true">${body}</svg>`;
const ICONS = {
  location: '<path d="M12 21s-7-6.2-7-11.6a7 7 0 0 1 14 0C19 14.8 12 21 12 21z"/><circle cx="12" cy="9.5" r="2.6"/>',
  mic: '<rect x="9" y="3" width="6" height="11" rx="3"/><path d="M5.5 11a6.5 6.5 0 0 0 13 0M12 17.5V21M9 21h6"/>',
  camera: '<path d="M4 7.5h3l1.8-2.5h6.4L17 7.5h3a1 1 0 0 1 1 1V19a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1V8.5a1 1 0 0 1 1-1z"/><circle cx="12" cy="13.3" r="3.6"/>',
  photo: '<rect x="3" y="4" width="18" height="16" rx="2.5"/><circle cx="8.5" cy="9.5" r="1.6"/><path d="M21 15.5l-5-5L6 20"/>',
  bluetooth: '<path d="M7 7.5l10 9-5 4.5V3l5 4.5-10 9"/>',
  contact: '<rect x="4" y="3" width="16" height="18" rx="2.5"/><circle cx="12" cy="10" r="3"/><path d="M7.5 17.5a4.5 4.5 0 0 1 9 0"/>',
  calendar: '<rect x="3" y="5" width="18" height="16" rx="2.5"/><path d="M3 10h18M8 3v4M16 3v4"/>',
  run: '<path d="M3 12.5h4l2.5-6 5 12 2.5-6H21"/>',
  user: '<circle cx="12" cy="8" r="4"/><path d="M4 21a8 8 0 0 1 16 0"/>',
  users: '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20a6.5 6.5 0 0 1 13 0M15.5 4.7a3.5 3.5 0 0 1 0 6.6M17.5 14.2A6.5 6.5 0 0 1 21.5 20"/>',
  house: '<path d="M3.5 10.5L12 4l8.5 6.5V20a1 1 0 0 1-1 1H15v-6H9v6H4.5a1 1 0 0 1-1-1z"/>',
  invoice: '<path d="M6 3h12v18l-3-2-3 2-3-2-3 2z"/><path d="M9 8h6M9 12h6"/>',
  clipboard: '<rect x="5" y="4.5" width="14" height="16.5" rx="2.5"/><path d="M9 3h6v3.5H9z"/>',
  shieldCheck: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/><path d="M8.7 12.2l2.3 2.3 4.4-4.6"/>',
  shield: '<path d="M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z"/>',
  check: '<path d="M5 12.5l4.5 4.5L19 7.5"/>',
  cross: '<path d="M6 6l12 12M18 6L6 18"/>',
};
const ICON_RULES = [
  [/location/, 'location'], [/record|voip/, 'mic'], [/camera/, 'camera'], [/album|photo/, 'photo'],
  [/bluetooth/, 'bluetooth'], [/contact/, 'contact'], [/calendar/, 'calendar'], [/werun/, 'run'],
  [/friend|gameclub/, 'users'], [/userinfo|auth_user/, 'user'], [/address/, 'house'], [/invoice/, 'invoice'],
  [/clipboard/, 'clipboard'], [/zhima|auth_base/, 'shieldCheck'],
];
function scopeIcon(scope) {
  const key = String(scope).toLowerCase();
  const found = ICON_RULES.find(([re]) => re.test(key));
  return SVG(ICONS[found ? found[1] : 'shield'], 20);
}

// ---- settings: platform, flavor, user (URL first, then localStorage) --------------------------

function loadChoice() {
  let saved = {};
  try {
    saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}') ?? {};
  } catch {
    saved = {};
  }
  const query = new URLSearchParams(location.search);
  const pick = (key, allowed, fallback) => {
    for (const value of [query.get(key), saved[key]]) if (allowed.includes(value)) return value;
    return fallback;
  };
  return {
    platform: pick('platform', PLATFORMS.map((p) => p.id), 'wechat'),
    flavor: pick('flavor', FLAVORS, 'devtools'),
    user: pick('user', USERS, 'alice'),
  };
}

function saveChoice() {
  const { platform, flavor, user } = state;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ platform, flavor, user }));
  } catch {
    /* private mode */
  }
  const url = new URL(location.href);
  url.searchParams.set('platform', platform);
  url.searchParams.set('flavor', flavor);
  url.searchParams.set('user', user);
  history.replaceState(null, '', url);
}

const state = { ...loadChoice(), lib: null, auth: null, offs: [], generation: 0, permission: {} };
const permissionCache = new Map();
const platform = () => PLATFORMS.find((p) => p.id === state.platform) ?? PLATFORMS[0];

// ---- the log ---------------------------------------------------------------------------------

let entryCount = 0;
const logList = () => $('#log');

function toJson(value, compactOnly = false) {
  if (value instanceof Error) return JSON.stringify(`${value.name}: ${value.message}`);
  try {
    const compact = JSON.stringify(value);
    if (compact === undefined) return String(value);
    return compact.length > 72 && !compactOnly ? JSON.stringify(value, null, 2) : compact;
  } catch {
    return String(value);
  }
}

function highlight(json) {
  const escaped = json.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return escaped.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false)\b|\bnull\b|-?\b\d+(?:\.\d+)?(?:[eE][+-]?\d+)?\b/g,
    (match, str, colon, bool) => {
      if (str) return colon ? `<span class="j-key">${str}</span>${colon}` : `<span class="j-str">${str}</span>`;
      if (bool) return `<span class="j-bool">${match}</span>`;
      if (match === 'null') return '<span class="j-null">null</span>';
      return `<span class="j-num">${match}</span>`;
    },
  );
}

function jsonBlock(value, compactOnly = false) {
  return h('pre', { class: 'json', html: highlight(toJson(value, compactOnly)) });
}

function clock() {
  const d = new Date();
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** A log entry: `form` is 'callback' | 'promise' | 'event'. */
function newEntry(form, expr) {
  const n = ++entryCount;
  const lines = h('div', { class: 'lines' });
  const pending = form === 'event' ? null : h('span', { class: 'pending', text: 'waiting' });
  const li = h(
    'li',
    { class: `entry ${form}` },
    h(
      'div',
      { class: 'entry-head' },
      h('span', { class: 'n', text: `#${n}` }),
      h('span', { class: `form ${form}`, text: form }),
      h('span', { class: 'time', text: clock() }),
      h('code', { class: 'expr', text: expr }),
    ),
    lines,
  );
  if (pending) lines.append(pending);
  const list = logList();
  list.prepend(li);
  while (list.children.length > 300) list.lastElementChild.remove();
  const t0 = performance.now();
  return {
    line(tag, value) {
      pending?.remove();
      lines.append(h('div', { class: 'line' }, h('span', { class: `tag ${tag}`, text: tag }), jsonBlock(value, form === 'event')));
    },
    text(tag, text) {
      lines.append(h('div', { class: 'line' }, h('span', { class: `tag ${tag}`, text: tag }), h('span', { class: 'text', text })));
    },
    finish() {
      pending?.remove();
      li.querySelector('.time').textContent += ` · ${Math.round(performance.now() - t0)} ms`;
    },
  };
}

function logEvent(expr, value) {
  const entry = newEntry('event', expr);
  if (value !== undefined) entry.line('value', value);
  return entry;
}

/** How the call looked in source: `wx.authorize({"scope":"x", success, fail, complete})`. */
function describeCall(name, args, callbacks) {
  const json = args === undefined ? '' : JSON.stringify(args);
  if (!callbacks) return `${name}(${json})`;
  const inner = json && json !== '{}' ? `${json.slice(0, -1)}, ` : '{';
  return `${name}(${inner}success, fail, complete})`;
}

// The log entry of the call a host implementation serves (passed inside the options object).
const CALL = Symbol('demo call');

/** Callback form: resolves with { ok, result } once `complete` ran. */
function callWithCallbacks(name, fn, args = {}, note) {
  const entry = newEntry('callback', describeCall(name, args, true));
  if (note) entry.text('note', note);
  return new Promise((resolve) => {
    let outcome = { ok: false, result: undefined };
    let returned;
    try {
      returned = fn({
        ...args,
        [CALL]: entry,
        success: (res) => {
          outcome = { ok: true, result: res };
          entry.line('success', res);
        },
        fail: (res) => {
          outcome = { ok: false, result: res };
          entry.line('fail', res);
        },
        complete: (res) => {
          entry.line('complete', res);
          entry.finish();
          resolve(outcome);
        },
      });
    } catch (error) {
      entry.line('threw', error);
      entry.finish();
      resolve({ ok: false, result: error });
      return;
    }
    if (returned !== undefined) entry.text('note', `returned ${toJson(returned)} (callback form should return undefined)`);
  });
}

/** Promise form: resolves with { ok, result }. */
async function callWithPromise(name, fn, args, note) {
  const entry = newEntry('promise', describeCall(name, args, false));
  if (note) entry.text('note', note);
  let promise;
  try {
    promise = fn(args === undefined ? undefined : { ...args, [CALL]: entry });
  } catch (error) {
    entry.line('threw', error);
    entry.finish();
    return { ok: false, result: error, entry };
  }
  if (!promise || typeof promise.then !== 'function') {
    entry.line('returned', promise ?? null);
    entry.finish();
    return { ok: true, result: promise, entry };
  }
  try {
    const result = await promise;
    entry.line('resolved', result ?? null);
    entry.finish();
    return { ok: true, result, entry };
  } catch (error) {
    entry.line('rejected', error);
    entry.finish();
    return { ok: false, result: error, entry };
  }
}

// ---- the phone's own UI: toast, output card, overlays -----------------------------------------

let toastTimer = 0;
function toast(ok, result) {
  const el = $('#toast');
  const message =
    result?.errMsg ?? result?.errorMessage ?? (result instanceof Error ? result.message : ok ? 'ok' : toJson(result));
  el.replaceChildren();
  el.insertAdjacentHTML('afterbegin', SVG(ok ? ICONS.check : ICONS.cross, 34));
  el.append(h('code', { text: message }));
  el.hidden = false;
  el.style.animation = 'none';
  void el.offsetWidth;
  el.style.animation = '';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 1800);
}

function showOutput(title, body) {
  const slot = $('#output-slot');
  if (!slot) return;
  slot.replaceChildren(
    h(
      'div',
      { class: 'output' },
      h(
        'div',
        { class: 'output-head' },
        h('b', { text: title }),
        h('button', { type: 'button', 'aria-label': 'Close result', text: '×', onclick: () => slot.replaceChildren() }),
      ),
      body,
    ),
  );
}

/** Rich results (a position, a photo, a recording, a file) float over the bottom of the screen. */
function renderResult(api, ok, result, extra) {
  if (!ok) return; // the toast and the log say it
  const parts = [];
  if (typeof result?.latitude === 'number') {
    parts.push(
      h('div', { class: 'coords', text: `${result.latitude.toFixed(5)}, ${result.longitude.toFixed(5)}` }),
      h('p', { text: result.accuracy ? `± ${Math.round(result.accuracy)} m` : result.name ?? '' }),
    );
  }
  if (extra?.image) parts.push(h('img', { src: extra.image, alt: extra.alt ?? 'Result image' }));
  if (extra?.audio) parts.push(h('audio', { src: extra.audio, controls: true }));
  if (extra?.caption) parts.push(h('p', { text: extra.caption }));
  if (parts.length) showOutput(api, parts);
}

const overlay = () => $('#overlay');

function closeOverlay() {
  const el = overlay();
  el.hidden = true;
  el.replaceChildren();
}

/** A camera sheet inside the phone. mode: 'photo' | 'preview' | 'scan'. */
async function cameraSheet(mode, title) {
  if (!navigator.mediaDevices?.getUserMedia) throw new Error('system error: no camera API in this browser');
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false });
  } catch (error) {
    throw new Error(`system permission denied (${error.name})`);
  }
  return new Promise((resolve, reject) => {
    const video = h('video', { autoplay: true, playsinline: true, muted: true });
    video.srcObject = stream;
    const stop = () => {
      stream.getTracks().forEach((t) => t.stop());
      closeOverlay();
    };
    const cancel = h('button', { type: 'button', text: 'Cancel', onclick: () => (stop(), reject(new Error('cancel'))) });
    let main;
    if (mode === 'photo') {
      main = h('button', {
        type: 'button', class: 'shutter', 'aria-label': 'Take photo',
        onclick: () => {
          const canvas = document.createElement('canvas');
          canvas.width = video.videoWidth || 640;
          canvas.height = video.videoHeight || 480;
          canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
          canvas.toBlob((blob) => {
            stop();
            resolve({ url: URL.createObjectURL(blob), size: blob.size });
          }, 'image/jpeg', 0.9);
        },
      });
    } else if (mode === 'scan') {
      main = h('button', { type: 'button', text: 'Simulate a scan', onclick: () => (stop(), resolve({})) });
    } else {
      main = h('button', { type: 'button', text: 'Done', onclick: () => (stop(), resolve({})) });
    }
    const el = overlay();
    el.replaceChildren(h('div', { class: 'ov-title', text: title }), video, h('div', { class: 'ov-bar' }, cancel, main, h('span', { style: 'width:64px' })));
    el.hidden = false;
    main.focus();
  });
}

/** startRecord: record from the microphone until Stop (at most 10 s). */
async function recordSheet() {
  if (!navigator.mediaDevices?.getUserMedia || typeof MediaRecorder === 'undefined') {
    throw new Error('system error: no recording API in this browser');
  }
  let stream;
  try {
    stream = await navigator.mediaDevices.getUserMedia({ audio: true });
  } catch (error) {
    throw new Error(`system permission denied (${error.name})`);
  }
  return new Promise((resolve) => {
    const chunks = [];
    const recorder = new MediaRecorder(stream);
    const started = performance.now();
    const time = h('div', { class: 'rec-time', text: '0.0 s' });
    const timer = setInterval(() => {
      const s = (performance.now() - started) / 1000;
      time.textContent = `${s.toFixed(1)} s`;
      if (s >= 10) finish();
    }, 100);
    const finish = () => recorder.state !== 'inactive' && recorder.stop();
    recorder.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    recorder.onstop = () => {
      clearInterval(timer);
      stream.getTracks().forEach((t) => t.stop());
      closeOverlay();
      const blob = new Blob(chunks, { type: recorder.mimeType || 'audio/webm' });
      resolve({ url: URL.createObjectURL(blob), duration: Math.round(performance.now() - started), size: blob.size });
    };
    recorder.start();
    const stopButton = h('button', { type: 'button', text: 'Stop recording', onclick: finish });
    const el = overlay();
    el.replaceChildren(
      h('div', { class: 'ov-title', text: 'startRecord — recording' }),
      h('div', { class: 'recorder' }, h('div', { class: 'rec-dot' }), time),
      h('div', { class: 'ov-bar' }, stopButton),
    );
    el.hidden = false;
    stopButton.focus();
  });
}

function download(url, filename) {
  const a = h('a', { href: url, download: filename, style: 'display:none' });
  document.body.append(a);
  a.click();
  a.remove();
}

/** A generated photo for saveImageToPhotosAlbum. */
async function makeImage() {
  const p = platform();
  const canvas = document.createElement('canvas');
  canvas.width = 720;
  canvas.height = 480;
  const g = canvas.getContext('2d');
  const grad = g.createLinearGradient(0, 0, 720, 480);
  grad.addColorStop(0, p.accent);
  grad.addColorStop(1, '#1f2937');
  g.fillStyle = grad;
  g.fillRect(0, 0, 720, 480);
  g.fillStyle = 'rgba(255,255,255,0.12)';
  for (const [x, y, r] of [[600, 80, 160], [120, 420, 120], [420, 300, 60]]) {
    g.beginPath();
    g.arc(x, y, r, 0, Math.PI * 2);
    g.fill();
  }
  g.fillStyle = '#fff';
  g.font = '700 56px system-ui, sans-serif';
  g.fillText(p.appName, 48, 200);
  g.font = '500 26px system-ui, sans-serif';
  g.fillText(`Saved from ${p.global}.saveImageToPhotosAlbum`, 48, 250);
  g.font = '400 22px ui-monospace, monospace';
  g.fillText(new Date().toLocaleString(), 48, 420);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  return URL.createObjectURL(blob);
}

function textFile(text, type) {
  return URL.createObjectURL(new Blob([text], { type }));
}

function icsDate(seconds) {
  return new Date(seconds * 1000).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// ---- host implementations of the gated APIs (`apis:`) -----------------------------------------

const extras = new WeakMap(); // log entry → rich output for the phone

/** Wraps an implementation: notes where it comes from in the call's log entry. */
function host(source, impl, { fake = false } = {}) {
  return async (options = {}) => {
    const entry = options?.[CALL];
    entry?.text(fake ? 'fake' : 'host', source);
    const setExtra = (extra) => entry && extras.set(entry, extra);
    return impl(options, setExtra);
  };
}

function geolocate(options, fuzzy) {
  if (!navigator.geolocation) {
    return Promise.resolve({ latitude: 31.23037, longitude: 121.4737, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 0, horizontalAccuracy: 65 });
  }
  return new Promise((resolve, reject) => {
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        if (fuzzy) {
          resolve({ latitude: Math.round(coords.latitude * 100) / 100, longitude: Math.round(coords.longitude * 100) / 100 });
          return;
        }
        resolve({
          latitude: coords.latitude,
          longitude: coords.longitude,
          speed: coords.speed ?? -1,
          accuracy: coords.accuracy,
          altitude: coords.altitude ?? 0,
          verticalAccuracy: coords.altitudeAccuracy ?? 0,
          horizontalAccuracy: coords.accuracy,
        });
      },
      (error) => reject(new Error(error.code === 1 ? 'system permission denied' : error.code === 3 ? 'timeout' : 'location unavailable')),
      { enableHighAccuracy: options?.isHighAccuracy === true, timeout: 15000, maximumAge: 60000 },
    );
  });
}

async function saveImage(options, setExtra) {
  const url = options.filePath ?? options.url ?? (await makeImage());
  download(url, `${platform().appName.replace(/\s+/g, '-').toLowerCase()}-photo.png`);
  setExtra({ image: url, caption: 'Downloaded: that is the browser’s photo album.' });
  return {};
}

async function takePhoto(options, setExtra) {
  const { url, size } = await cameraSheet('photo', 'chooseImage — camera');
  setExtra({ image: url });
  return { tempFilePaths: [url], tempFiles: [{ path: url, size }] };
}

async function record(options, setExtra) {
  const { url, duration, size } = await recordSheet();
  setExtra({ audio: url });
  return { tempFilePath: url, duration, fileSize: size };
}

const simulated = (value) => host('simulated: no browser API for this', async () => value, { fake: true });

const hostApis = {
  // location → Geolocation API
  getLocation: host('navigator.geolocation.getCurrentPosition', (o) => geolocate(o, false)),
  getFuzzyLocation: host('navigator.geolocation (rounded to 0.01°)', (o) => geolocate(o, true)),
  chooseLocation: host('simulated map picker around navigator.geolocation', async (o) => {
    const here = await geolocate(o, false).catch(() => ({ latitude: 31.23037, longitude: 121.4737 }));
    return { name: 'Harbour Café', address: '1 Quay Street', latitude: here.latitude + 0.0012, longitude: here.longitude - 0.0008 };
  }, { fake: true }),
  startLocationUpdate: host('navigator.geolocation (one fix)', async (o) => (await geolocate(o, false), {})),
  startLocationUpdateBackground: host('navigator.geolocation (one fix)', async (o) => (await geolocate(o, false), {})),
  // album → a download
  saveImageToPhotosAlbum: host('download of a generated canvas PNG', saveImage),
  saveImage: host('download of a generated canvas PNG', saveImage),
  saveVideoToPhotosAlbum: simulated({}),
  // microphone and camera → getUserMedia
  startRecord: host('navigator.mediaDevices.getUserMedia({ audio }) + MediaRecorder', record),
  joinVoIPChat: simulated({ openIdList: [], errCode: 0 }),
  chooseImage: host('navigator.mediaDevices.getUserMedia({ video })', takePhoto),
  chooseVideo: simulated({ tempFilePath: 'wxfile://tmp/demo.mp4', duration: 3, size: 0, height: 720, width: 1280 }),
  scanCode: host('getUserMedia preview; the scan result is simulated', async () => {
    await cameraSheet('scan', 'scanCode — point at a code');
    return { result: 'https://example.com/menu', scanType: 'QR_CODE', charSet: 'utf-8', path: '' };
  }),
  scan: host('getUserMedia preview; the scan result is simulated', async () => {
    await cameraSheet('scan', 'scan — point at a code');
    return { code: 'https://example.com/menu', qrCode: 'https://example.com/menu' };
  }),
  createVKSession: host('navigator.mediaDevices.getUserMedia({ video }) preview', async () => {
    await cameraSheet('preview', 'createVKSession — camera');
    return {};
  }),
  // contacts and calendars → a .vcf / .ics download
  addPhoneContact: host('download of a .vcf file', async (o, setExtra) => {
    const vcard = ['BEGIN:VCARD', 'VERSION:3.0', `N:${o.lastName ?? ''};${o.firstName ?? ''};;;`, `FN:${[o.firstName, o.lastName].filter(Boolean).join(' ')}`,
      o.organization ? `ORG:${o.organization}` : '', o.mobilePhoneNumber ? `TEL;TYPE=CELL:${o.mobilePhoneNumber}` : '', 'END:VCARD']
      .filter(Boolean).join('\r\n');
    download(textFile(vcard, 'text/vcard'), 'contact.vcf');
    setExtra({ caption: 'Downloaded contact.vcf' });
    return {};
  }),
  ...Object.fromEntries(['addPhoneCalendar', 'addPhoneRepeatCalendar', 'addEventOnCalendar'].map((name) => [name,
    host('download of an .ics file', async (o, setExtra) => {
      const start = Number(o.startTime) || Math.floor(Date.now() / 1000) + 3600;
      const end = Number(o.endTime) || start + 1800;
      const ics = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//miniprogram-authorize//demo//EN', 'BEGIN:VEVENT',
        `UID:${start}-${Math.random().toString(36).slice(2)}@demo`, `DTSTAMP:${icsDate(Date.now() / 1000)}`,
        `DTSTART:${icsDate(start)}`, `DTEND:${icsDate(end)}`, `SUMMARY:${o.title ?? 'Event'}`,
        o.repeatInterval ? `RRULE:FREQ=${String(o.repeatInterval).toUpperCase()}LY` : '',
        o.description ? `DESCRIPTION:${o.description}` : '', 'END:VEVENT', 'END:VCALENDAR'].filter(Boolean).join('\r\n')
        .replace('FREQ=DAYLY', 'FREQ=DAILY');
      download(textFile(ics, 'text/calendar'), 'event.ics');
      setExtra({ caption: 'Downloaded event.ics' });
      return {};
    })])),
  deleteEventOnCalendar: simulated({}),
  // clipboard → Clipboard API
  getClipboardData: host('navigator.clipboard.readText', async () => {
    try {
      return { data: await navigator.clipboard.readText() };
    } catch (error) {
      throw new Error(`system permission denied (${error.name})`);
    }
  }),
  setClipboardData: host('navigator.clipboard.writeText', async (o) => {
    await navigator.clipboard.writeText(String(o.data ?? ''));
    return {};
  }),
  // no browser analogue → clearly simulated
  openBluetoothAdapter: simulated({}),
  createBLEPeripheralServer: simulated({}),
  getWeRunData: simulated({ encryptedData: 'SIMULATED', iv: 'SIMULATED', cloudID: 'SIMULATED' }),
  chooseAddress: simulated({ userName: 'Ada Lovelace', postalCode: '10001', provinceName: 'NY', cityName: 'New York',
    countyName: 'Manhattan', detailInfo: '1 Demo Street', nationalCode: '', telNumber: '+1 212 555 0100' }),
  chooseInvoiceTitle: simulated({ type: 0, title: 'Demo Ltd.', taxNumber: '91310000000000000X', companyAddress: '', telephone: '', bankName: '', bankAccount: '' }),
  chooseInvoice: simulated({ invoiceInfo: [] }),
  getFriendCloudStorage: simulated({ data: [] }),
  getGameClubData: simulated({ dataList: [] }),
};
// getUserInfo / getOpenUserInfo depend on the chosen user.
hostApis.getUserInfo = host('simulated profile of the chosen user', async () => {
  const userInfo = { nickName: state.user === 'bob' ? 'Bob' : 'Alice', avatarUrl: '', gender: 0, country: '', province: '', city: '', language: 'en' };
  return { userInfo, rawData: JSON.stringify(userInfo), signature: 'SIMULATED', encryptedData: 'SIMULATED', iv: 'SIMULATED' };
}, { fake: true });
hostApis.getOpenUserInfo = host('simulated profile of the chosen user', async () => ({
  response: JSON.stringify({ response: { code: '10000', msg: 'Success', nickName: state.user === 'bob' ? 'Bob' : 'Alice', avatar: '' } }),
}), { fake: true });

/** Arguments a mini program would pass. */
async function argsFor(name) {
  const now = Math.floor(Date.now() / 1000);
  switch (name) {
    case 'getLocation': return { type: 'wgs84' };
    case 'saveImageToPhotosAlbum': return { filePath: await makeImage() };
    case 'saveImage': return { url: await makeImage() };
    case 'saveVideoToPhotosAlbum': return { filePath: 'wxfile://tmp/demo.mp4' };
    case 'chooseImage': return { count: 1, sourceType: ['camera'] };
    case 'addPhoneContact': return { firstName: 'Ada', lastName: 'Lovelace', mobilePhoneNumber: '+44 20 7946 0000', organization: 'Demo Shop' };
    case 'addPhoneCalendar':
    case 'addEventOnCalendar': return { title: 'Pick up your order', startTime: now + 3600, endTime: now + 5400, description: 'Demo Shop, counter 2' };
    case 'addPhoneRepeatCalendar': return { title: 'Weekly coffee', startTime: now + 3600, repeatInterval: 'week' };
    case 'setClipboardData': return { data: 'Hello from Demo Shop' };
    default: return {};
  }
}

// ---- the UI hooks: the library's default UI, placed inside the phone screen -------------------

const promptUi = createPrompt({ container: $('#screen') });
// The settings page is a page of the mini program: it opens below the status bar.
const settingsUi = createSettingsPage({ container: $('#app-area') });

// ---- the mini program ------------------------------------------------------------------------

const RULE_NOTES = {
  'never-prompts': 'authorize never shows a pop-up for this scope: the platform has its own path.',
  'settings-only': 'Never prompts: only the settings page (openSetting) can grant it.',
  retired: 'Authorization retired by the platform: always reported granted, never prompts.',
  silent: 'Granted silently and never recorded.',
};
const STATE_TEXT = { granted: 'Granted', denied: 'Denied', prompt: 'Not asked' };

function scopesOf(auth) {
  return Array.isArray(auth?.scopes) ? auth.scopes.filter((s) => s && typeof s.scope === 'string') : [];
}

function stateChip(scope) {
  const chip = h('span', { class: 'state', 'data-state-of': scope.scope });
  updateChip(chip, scope);
  return chip;
}

function updateChip(chip, scope) {
  let value = null;
  try {
    value = state.auth?.stateOf?.(scope.scope) ?? null;
  } catch {
    value = null;
  }
  if (scope.rule === 'retired' || scope.rule === 'silent') {
    chip.className = 'state rule';
    chip.textContent = scope.rule === 'retired' ? 'Retired' : 'Silent';
    return;
  }
  chip.className = `state ${value ?? ''}`;
  chip.textContent = STATE_TEXT[value] ?? '—';
}

function updateChips() {
  for (const scope of scopesOf(state.auth)) {
    const chip = document.querySelector(`[data-state-of="${CSS.escape(scope.scope)}"]`);
    if (chip) updateChip(chip, scope);
  }
}

function authorizeScope(scope) {
  const { auth } = state;
  const p = platform();
  // Alipay has no authorize: the platform's one is getAuthCode; the authorizer's authorize() drives it.
  const useFacade = p.id !== 'alipay' && typeof auth.api?.authorize === 'function';
  const name = useFacade ? `${p.global}.authorize` : 'auth.authorize';
  const fn = useFacade ? auth.api.authorize : (o) => auth.authorize(o);
  callWithCallbacks(name, fn, { scope: scope.scope }).then(({ ok, result }) => {
    toast(ok, result);
    updateChips();
  });
}

async function callApi(apiName) {
  const { auth } = state;
  const p = platform();
  const args = await argsFor(apiName);
  const { ok, result, entry } = await callWithPromise(`${p.global}.${apiName}`, (o) => auth.api[apiName](o), args);
  toast(ok, result);
  renderResult(`${p.global}.${apiName}`, ok, result, extras.get(entry));
  updateChips();
}

async function cameraComponent() {
  const { auth } = state;
  const { ok, result } = await callWithPromise(
    'wx.authorize', (o) => auth.api.authorize(o), { scope: 'scope.camera' },
    '<camera> component mounted: it needs scope.camera',
  );
  toast(ok, result);
  updateChips();
  if (!ok) return;
  try {
    await cameraSheet('preview', '<camera> component');
  } catch (error) {
    toast(false, error);
  }
}

function openSetting(note) {
  const p = platform();
  // Called synchronously inside the click handler: WeChat's openSetting needs a user tap.
  callWithCallbacks(`${p.global}.openSetting`, state.auth.api?.openSetting ?? ((o) => state.auth.openSetting(o)), {}, note).then(
    ({ ok, result }) => {
      if (!ok) toast(false, result);
      updateChips();
    },
  );
}

function openSettingLater(button) {
  let left = 6;
  button.disabled = true;
  const tick = () => {
    if (left === 0) {
      button.textContent = 'Try openSetting without a tap';
      button.disabled = false;
      const p = platform();
      callWithPromise(`${p.global}.openSetting`, (o) => state.auth.api.openSetting(o), {},
        'called from a timer, 6 s after the last tap: no user activation').then(({ ok, result }) => toast(ok, result));
      return;
    }
    button.textContent = `openSetting in ${left} s (no tap)…`;
    left -= 1;
    setTimeout(tick, 1000);
  };
  tick();
}

async function getSettingCall() {
  const p = platform();
  const { ok, result } = await callWithPromise(`${p.global}.getSetting`, (o) => state.auth.api.getSetting(o), {});
  toast(ok, result);
}

function renderProgram() {
  const { auth } = state;
  const p = platform();
  const scopes = scopesOf(auth);
  const content = $('#content');
  $('#app-title').textContent = auth.appName && auth.appName !== auth.appId ? auth.appName : p.appName;

  const hero = h(
    'div',
    { class: 'hero' },
    h('h2', { text: `Welcome to ${p.appName}` }),
    h('p', { text: 'Ask for a permission, or just use a feature: the pop-up comes when it is needed.' }),
    h(
      'div',
      { class: 'pills' },
      h('span', { class: 'pill', text: `${p.name} · ${p.global}` }),
      h('span', { class: 'pill', text: `user ${auth.userId ?? state.user}` }),
      h('span', { class: 'pill', text: auth.storage === 'indexeddb' ? 'kept in IndexedDB' : `storage: ${auth.storage ?? '?'}` }),
    ),
  );

  const list = h('ul', { class: 'scopes' });
  for (const scope of scopes) {
    const actions = h('div', { class: 'scope-actions' });
    actions.append(
      h('button', {
        type: 'button', class: 'chip authorize', text: 'authorize',
        title: `authorize({ scope: "${scope.scope}" }) — callback form`,
        onclick: () => authorizeScope(scope),
      }),
    );
    for (const apiName of Array.isArray(scope.apis) ? scope.apis : []) {
      const callable = typeof auth.api?.[apiName] === 'function';
      actions.append(
        h('button', {
          type: 'button', class: 'chip', text: apiName, disabled: !callable,
          title: callable ? `${p.global}.${apiName}() — Promise form` : `${apiName} is not callable on auth.api`,
          onclick: () => callApi(apiName),
        }),
      );
    }
    if (p.id === 'wechat' && scope.scope === 'scope.camera') {
      actions.append(h('button', { type: 'button', class: 'chip', text: '<camera>', title: 'Mount a <camera> component', onclick: cameraComponent }));
    }
    let note = RULE_NOTES[scope.rule];
    if (!note && scope.needsDesc) {
      const desc = state.permission?.[scope.scope]?.desc;
      note = desc ? `Permission desc: “${desc}”` : 'Needs a permission desc in the app config.';
    }
    list.append(
      h(
        'li',
        { class: 'scope-card' },
        h(
          'div',
          { class: 'scope-head' },
          h('span', { class: 's-icon', html: scopeIcon(scope.scope) }),
          h('span', { class: 's-text' }, h('span', { class: 's-label', text: scope.label ?? scope.scope }), h('code', { class: 's-key', text: scope.scope })),
          stateChip(scope),
        ),
        actions,
        note ? h('p', { class: 'rule-note', text: note }) : null,
      ),
    );
  }

  const laterButton = h('button', { type: 'button', class: 'link-button', text: 'Try openSetting without a tap' });
  laterButton.addEventListener('click', () => openSettingLater(laterButton));

  content.replaceChildren(
    hero,
    h(
      'h3',
      { class: 'group-title' },
      h('span', { text: 'Permissions' }),
      h('span', { class: 'form-note', text: 'authorize: callbacks · APIs: Promise' }),
    ),
    scopes.length
      ? list
      : h('div', { class: 'empty-note', text: 'This authorizer exposes no auth.scopes list, so there is nothing to show here.' }),
    h('h3', { class: 'group-title' }, h('span', { text: 'Settings' })),
    h(
      'div',
      { class: 'big-buttons' },
      h('button', { type: 'button', class: 'big primary', onclick: () => openSetting() }, h('b', { text: 'openSetting' }), h('span', { text: 'callback form · needs a tap' })),
      h('button', { type: 'button', class: 'big', onclick: getSettingCall }, h('b', { text: 'getSetting' }), h('span', { text: 'Promise form' })),
    ),
    laterButton,
  );
}

// ---- getSetting, live ------------------------------------------------------------------------

let shownSetting = {};
async function refreshSetting() {
  const { auth } = state;
  if (!auth) return;
  let result;
  try {
    result = await auth.getSetting();
  } catch (error) {
    result = error;
  }
  const setting = result?.authSetting ?? {};
  const list = $('#auth-setting');
  const keys = Object.keys(setting);
  list.replaceChildren(
    ...(keys.length
      ? keys.map((key) => {
          const li = h('li', {}, h('span', { text: key }), h('span', { class: `bool ${setting[key] ? 't' : 'f'}`, text: String(setting[key]) }));
          if (shownSetting[key] !== setting[key]) li.classList.add('flash');
          return li;
        })
      : [h('li', { class: 'none', text: 'No scope asked yet: authSetting is empty.' })]),
  );
  shownSetting = { ...setting };
  $('#auth-setting-json').innerHTML = highlight(toJson(result));
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
  shownSetting = {};
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
