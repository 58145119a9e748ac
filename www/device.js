// The device: host implementations of the gated APIs (the authorizer's `apis` option), backed by
// browser APIs where there is one and clearly simulated where there is none; and the arguments a
// mini program would pass.

import { h } from './dom.js';
import { state, platform } from './choice.js';
import { CALL } from './recorder.js';
import { cameraSheet, recordSheet } from './phone.js';
import { device, mockPosition, osPermissionOf, SYSTEM_DENIED } from './simulated-device.js';

function download(url, filename) {
  const a = h('a', { href: url, download: filename, style: 'display:none' });
  document.body.append(a);
  a.click();
  a.remove();
}

/** A generated photo for saveImageToPhotosAlbum. */
export async function makeImage() {
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

export const extras = new WeakMap(); // log entry → rich output for the phone

/** Wraps an implementation: notes where it comes from in the call's log entry. */
function host(source, impl, { fake = false } = {}) {
  return async (options = {}) => {
    const entry = options?.[CALL];
    entry?.text(fake ? 'fake' : 'host', typeof source === 'function' ? source() : source);
    const setExtra = (extra) => entry && extras.set(entry, extra);
    return impl(options, setExtra);
  };
}

function geolocate(options, fuzzy) {
  const mock = mockPosition();
  if (mock || !navigator.geolocation) {
    const { latitude, longitude } = mock ?? { latitude: 31.2304, longitude: 121.4737 };
    if (fuzzy) return Promise.resolve({ latitude: Math.round(latitude * 100) / 100, longitude: Math.round(longitude * 100) / 100 });
    return Promise.resolve({ latitude, longitude, speed: -1, accuracy: 65, altitude: 0, verticalAccuracy: 65, horizontalAccuracy: 65 });
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
      (error) => reject(new Error(error.code === 1 ? SYSTEM_DENIED : error.code === 3 ? 'timeout' : 'location unavailable')),
      { enableHighAccuracy: options?.isHighAccuracy === true, timeout: 15000, maximumAge: 60000 },
    );
  });
}

const locationSource = () => {
  const mock = mockPosition();
  return mock ? `mock location: ${mock.name} (device panel)` : 'navigator.geolocation.getCurrentPosition';
};

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

export const hostApis = {
  // location → Geolocation API
  getLocation: host(locationSource, (o) => geolocate(o, false)),
  getFuzzyLocation: host(() => `${locationSource()}, rounded to 0.01°`, (o) => geolocate(o, true)),
  chooseLocation: host('simulated map picker around the device location', async (o) => {
    const here = await geolocate(o, false).catch(() => ({ latitude: 31.23037, longitude: 121.4737 }));
    return { name: 'Harbour Café', address: '1 Quay Street', latitude: here.latitude + 0.0012, longitude: here.longitude - 0.0008 };
  }, { fake: true }),
  startLocationUpdate: host(locationSource, async (o) => (await geolocate(o, false), {})),
  startLocationUpdateBackground: host(locationSource, async (o) => (await geolocate(o, false), {})),
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

// The OS switch: a permission the phone's OS refused to the host app fails the API the way the
// real platform does (`<api>:fail system permission denied`), whatever the mini program's own
// authorization says; the authorizer turns the thrown reason into the platform's errMsg.
for (const [name, impl] of Object.entries(hostApis)) {
  const permission = osPermissionOf(name);
  if (!permission) continue;
  hostApis[name] = async (options = {}) => {
    if (device.osDenied[permission.id]) {
      options?.[CALL]?.text('device', `the OS refused ${permission.name} to the app (device panel)`);
      throw new Error(SYSTEM_DENIED);
    }
    return impl(options);
  };
}

// createVKSession answers at once with a session (VisionKit's stand-in): the authorizer calls this
// at once and puts its start behind the camera's authorization; start then opens the camera
// preview and calls back 0 once the camera is live, or the status the real device would give.
hostApis.createVKSession = (options = {}) => {
  options?.[CALL]?.text('host', 'a session at once; its start: navigator.mediaDevices.getUserMedia({ video }) preview');
  const camera = osPermissionOf('createVKSession');
  const session = {
    state: 0,
    config: options,
    start(callback) {
      // 2003001: the system's camera permission is off (the device panel's OS switch, or the browser said no).
      if (device.osDenied[camera.id]) return callback(2003001);
      let live = false;
      cameraSheet('preview', 'createVKSession — the VKSession is running', {
        onLive: () => {
          live = true;
          session.state = 1;
          callback(0);
        },
      }).catch((error) => {
        // The browser refused the camera: the system's permission is off; no camera at all: the device does not support it.
        if (!live) callback(/NotAllowed|Security/.test(error.message) ? 2003001 : 2000002);
      }).finally(() => { session.state = 0; });
      return undefined;
    },
    stop() {},
    destroy() {},
    on() {},
    off() {},
  };
  return session;
};

/** Arguments a mini program would pass. */
export async function argsFor(name) {
  const now = Math.floor(Date.now() / 1000);
  switch (name) {
    case 'getLocation': return { type: 'wgs84' };
    case 'saveImageToPhotosAlbum': return { filePath: await makeImage() };
    case 'saveImage': return { url: await makeImage() };
    case 'saveVideoToPhotosAlbum': return { filePath: 'wxfile://tmp/demo.mp4' };
    case 'chooseImage': return { count: 1, sourceType: ['camera'] };
    case 'createVKSession': return { track: { plane: { mode: 1 } }, version: 'v2' };
    case 'addPhoneContact': return { firstName: 'Ada', lastName: 'Lovelace', mobilePhoneNumber: '+44 20 7946 0000', organization: 'Demo Shop' };
    case 'addPhoneCalendar':
    case 'addEventOnCalendar': return { title: 'Pick up your order', startTime: now + 3600, endTime: now + 5400, description: 'Demo Shop, counter 2' };
    case 'addPhoneRepeatCalendar': return { title: 'Weekly coffee', startTime: now + 3600, repeatInterval: 'week' };
    case 'setClipboardData': return { data: 'Hello from Demo Shop' };
    default: return {};
  }
}
