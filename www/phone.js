// The phone's own UI: the toast, the result card and the full-screen overlays (camera, recorder).

import { $, h, SVG, ICONS } from './dom.js';
import { toJson } from './console.js';

let toastTimer = 0;
/**
 * What a call came to, in the phone: a short toast for a success; for a failure a card that stays
 * until it is closed or the next result replaces it, with the exact errMsg and why no pop-up came.
 */
export function toast(ok, result, { api, why } = {}) {
  const message =
    result?.errMsg ?? result?.errorMessage ?? (result instanceof Error ? result.message : ok ? 'ok' : toJson(result));
  if (!ok) {
    showOutput(api ? `${api} failed` : 'Failed', [
      h('code', { class: 'err', text: message }),
      why ? h('p', { text: why }) : null,
    ], { tone: 'error' });
    return;
  }
  const el = $('#toast');
  el.replaceChildren();
  el.insertAdjacentHTML('afterbegin', SVG(ICONS.check, 34));
  el.append(h('code', { text: message }));
  el.hidden = false;
  el.style.animation = 'none';
  void el.offsetWidth;
  el.style.animation = '';
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => (el.hidden = true), 1800);
}

/** A card over the bottom of the screen; `tone`: 'result' | 'error' | 'info'. */
export function showOutput(title, body, { tone = 'result' } = {}) {
  const slot = $('#output-slot');
  if (!slot) return;
  slot.replaceChildren(
    h(
      'div',
      { class: `output ${tone}`, role: tone === 'error' ? 'alert' : null },
      h(
        'div',
        { class: 'output-head' },
        h('b', { text: title }),
        h('button', { type: 'button', 'aria-label': `Close: ${title}`, text: '×', onclick: () => slot.replaceChildren() }),
      ),
      body,
    ),
  );
}

/** Rich results (a position, a photo, a recording, a file) float over the bottom of the screen. */
export function renderResult(api, ok, result, extra) {
  if (!ok) return; // the error card and the console say it
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

export function closeOverlay() {
  const el = overlay();
  el.hidden = true;
  el.replaceChildren();
}

/** A camera sheet inside the phone. mode: 'photo' | 'preview' | 'scan'. `onLive()` once the camera runs. */
export async function cameraSheet(mode, title, { onLive } = {}) {
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
    onLive?.();
  });
}

/** startRecord: record from the microphone until Stop (at most 10 s). */
export async function recordSheet() {
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

