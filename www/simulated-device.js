// The simulated phone: where it is (a preset city, custom coordinates, or this browser's real
// Geolocation) and which permissions its OS has refused to the host app (WeChat, Alipay, ...).
// Kept in localStorage; the device panel edits it, the host APIs read it.

const STORE_KEY = 'miniprogram-authorize-demo:device';

export const LOCATIONS = [
  { id: 'shanghai', name: 'Shanghai, The Bund', latitude: 31.2304, longitude: 121.4737 },
  { id: 'beijing', name: 'Beijing, Tiananmen', latitude: 39.9042, longitude: 116.4074 },
  { id: 'shenzhen', name: 'Shenzhen, Futian', latitude: 22.5431, longitude: 114.0579 },
  { id: 'hangzhou', name: 'Hangzhou, West Lake', latitude: 30.2741, longitude: 120.1551 },
  { id: 'hongkong', name: 'Hong Kong, Central', latitude: 22.2819, longitude: 114.1582 },
  { id: 'london', name: 'London, Trafalgar Square', latitude: 51.508, longitude: -0.1281 },
  { id: 'sanfrancisco', name: 'San Francisco, Market St', latitude: 37.7897, longitude: -122.3972 },
  { id: 'custom', name: 'Custom coordinates' },
  { id: 'browser', name: 'This browser (Geolocation API, asks)' },
];

/** The OS permissions a phone grants its apps, and the mini-program APIs that need each. */
export const OS_PERMISSIONS = [
  { id: 'location', name: 'Location', apis: ['getLocation', 'getFuzzyLocation', 'chooseLocation', 'startLocationUpdate', 'startLocationUpdateBackground'] },
  { id: 'camera', name: 'Camera', apis: ['chooseImage', 'chooseVideo', 'scanCode', 'scan', 'createVKSession'] },
  { id: 'microphone', name: 'Microphone', apis: ['startRecord', 'joinVoIPChat'] },
  { id: 'photos', name: 'Photos', apis: ['saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'saveImage'] },
  { id: 'bluetooth', name: 'Bluetooth', apis: ['openBluetoothAdapter', 'createBLEPeripheralServer'] },
  { id: 'contacts', name: 'Contacts', apis: ['addPhoneContact'] },
  { id: 'calendars', name: 'Calendars', apis: ['addPhoneCalendar', 'addPhoneRepeatCalendar', 'addEventOnCalendar', 'deleteEventOnCalendar'] },
];

// What the real platform answers when the OS refused the permission to the app: the reason after
// `<api>:fail` (WeChat's documented `…:fail system permission denied`; Alipay's error 2001-style
// "user refused the system permission" is reported the same way by the authorizer).
export const SYSTEM_DENIED = 'system permission denied';

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(STORE_KEY) ?? '{}');
    return saved && typeof saved === 'object' ? saved : {};
  } catch {
    return {};
  }
}

const saved = load();
export const device = {
  location: LOCATIONS.some((l) => l.id === saved.location) ? saved.location : 'shanghai',
  custom: {
    latitude: Number.isFinite(saved.custom?.latitude) ? saved.custom.latitude : 23.1291,
    longitude: Number.isFinite(saved.custom?.longitude) ? saved.custom.longitude : 113.2644,
  },
  osDenied: Object.fromEntries(OS_PERMISSIONS.map((p) => [p.id, saved.osDenied?.[p.id] === true])),
};

const listeners = new Set();
export function onDeviceChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function updateDevice(change) {
  Object.assign(device, change);
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify(device));
  } catch {
    /* private mode */
  }
  for (const listener of [...listeners]) listener(device);
}

/** The OS permission an API needs, if any. */
export function osPermissionOf(api) {
  return OS_PERMISSIONS.find((p) => p.apis.includes(api)) ?? null;
}

/** Where the phone is, or null when the real Geolocation API is to be asked. */
export function mockPosition() {
  if (device.location === 'browser') return null;
  if (device.location === 'custom') return { ...device.custom, name: 'Custom coordinates' };
  return LOCATIONS.find((l) => l.id === device.location) ?? LOCATIONS[0];
}
