// The device panel: the simulated phone's location and the permissions its OS refused to the
// host app. Edits simulated-device.js's state; the host APIs read it on their next call.

import { $, h } from './dom.js';
import { device, LOCATIONS, OS_PERMISSIONS, updateDevice } from './simulated-device.js';
import { logEvent } from './console.js';

export function renderDevicePanel(hostAppName) {
  const box = $('#device-panel');
  if (!box) return;
  const select = h('select', { id: 'mock-location', 'aria-describedby': 'mock-location-note' },
    LOCATIONS.map((l) => h('option', { value: l.id, text: l.name, selected: l.id === device.location })));
  const lat = h('input', { id: 'mock-lat', type: 'number', step: 'any', min: -90, max: 90, value: device.custom.latitude });
  const lng = h('input', { id: 'mock-lng', type: 'number', step: 'any', min: -180, max: 180, value: device.custom.longitude });
  const custom = h('div', { class: 'coords-row', hidden: device.location !== 'custom' },
    h('label', {}, h('span', { text: 'Latitude' }), lat),
    h('label', {}, h('span', { text: 'Longitude' }), lng));
  select.addEventListener('change', () => {
    updateDevice({ location: select.value });
    custom.hidden = select.value !== 'custom';
    logEvent(`device · location: ${select.selectedOptions[0]?.textContent}`);
  });
  const saveCustom = () => {
    const latitude = Number(lat.value);
    const longitude = Number(lng.value);
    if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) return;
    updateDevice({ custom: { latitude, longitude } });
  };
  lat.addEventListener('change', saveCustom);
  lng.addEventListener('change', saveCustom);

  const switches = OS_PERMISSIONS.map((permission) => {
    const input = h('input', { type: 'checkbox', role: 'switch', 'data-os': permission.id, checked: device.osDenied[permission.id] });
    input.addEventListener('change', () => {
      updateDevice({ osDenied: { ...device.osDenied, [permission.id]: input.checked } });
      logEvent(`device · OS ${input.checked ? 'refused' : 'allowed'} ${permission.name} to ${hostAppName()}`);
    });
    return h('label', { class: 'os-switch' }, input, h('span', { text: `${permission.name}` }));
  });

  box.replaceChildren(
    h('label', { class: 'field' }, h('span', { text: 'Location' }), select),
    custom,
    h('p', { class: 'field-note', id: 'mock-location-note', text: 'getLocation and its cousins answer from here, without the browser’s own prompt.' }),
    h('fieldset', { class: 'os' },
      h('legend', { id: 'os-legend', text: `The OS refused to ${hostAppName()}:` }),
      h('div', { class: 'os-grid' }, switches)),
    h('p', { class: 'field-note', text: 'A refused permission fails its APIs with “…:fail system permission denied”, whatever the mini program’s own authorization says.' }),
  );
}

export function relabelDevicePanel(hostAppName) {
  const legend = $('#os-legend');
  if (legend) legend.textContent = `The OS refused to ${hostAppName()}:`;
}
