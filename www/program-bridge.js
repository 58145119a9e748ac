// The demo mini program through the guest boundary: its view stays in this page (program.js), its
// platform calls are made by its logic layer in a guest Worker (www/program-logic.js), which this
// page serves with exposeAuthorizer, as an emulator serves any app's code. The console records each
// call where the button makes it (calls.js), in its own calling form; the host implementations
// still get that call's console entry (recorder.js's CALL), handed over in order per API name
// across the boundary (a MessagePort keeps order).
import { exposeAuthorizer, createGuestWorker } from '/pkg/host.min.js';
import { CALL } from './recorder.js';

const CALLBACKS = ['success', 'fail', 'complete'];
/** Stay in this page: a button the host draws, and listeners (functions cannot cross as data). */
const SAME_PAGE = (name) => name === 'createUserInfoButton' || /^(on|off)[A-Z]/.test(name);

/** Own data fields of a call's options, as structured clone carries them (callbacks stay here). */
function dataOf(options) {
  if (typeof options !== 'object' || options === null) return options;
  const copy = {};
  for (const [key, value] of Object.entries(options)) if (typeof value !== 'function' && typeof value !== 'symbol') copy[key] = value;
  try {
    return structuredClone(copy);
  } catch {
    return JSON.parse(JSON.stringify(copy));
  }
}

/**
 * Starts the program's logic layer for `auth`: resolves nothing, returns `{ api, stop }` at once;
 * `api` is shaped like `auth.api`, each call crossing the boundary and back.
 */
export function startProgramLogic(auth, { onReject } = {}) {
  const entries = new Map();
  const served = { api: {}, style: auth.style, global: auth.global, platform: auth.platform, sessionApis: auth.sessionApis };
  for (const [name, fn] of Object.entries(auth.api ?? {})) {
    if (typeof fn !== 'function') continue;
    served.api[name] = (options) => {
      const entry = entries.get(name)?.shift();
      if (entry && typeof options === 'object' && options !== null) Object.defineProperty(options, CALL, { value: entry });
      entry?.text('realm', 'made by the program’s logic layer in a guest Worker, served through the boundary');
      return fn(options);
    };
  }
  const channel = new MessageChannel();
  const boundary = exposeAuthorizer(served, channel.port1, { onReject });
  const worker = createGuestWorker(new URL('./program-logic.js', import.meta.url));
  worker.postMessage({ t: 'start', port: channel.port2 }, [channel.port2]);

  let nextId = 1;
  const pending = new Map();
  worker.addEventListener('message', ({ data: message }) => {
    const waiting = pending.get(message?.id);
    if (!waiting) return;
    if (message.t === 'callback' && CALLBACKS.includes(message.kind)) {
      if (message.kind === 'complete') pending.delete(message.id);
      try {
        waiting.options[message.kind]?.(message.result);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    } else if (message.t === 'settled') {
      pending.delete(message.id);
      (message.ok ? waiting.resolve : waiting.reject)(message.result);
    }
  });

  const api = {};
  for (const name of Object.keys(served.api)) {
    if (SAME_PAGE(name)) {
      api[name] = auth.api[name];
      continue;
    }
    api[name] = (options) => {
      const entry = options?.[CALL];
      if (entry) entries.set(name, [...(entries.get(name) ?? []), entry]);
      // A session API (createVKSession): the logic layer makes the session and starts it; the
      // Promise here settles with start's status, `{ status }`.
      const form = auth.sessionApis?.includes(name) ? 'session'
        : CALLBACKS.some((key) => typeof options?.[key] === 'function') ? 'callback' : 'promise';
      const id = nextId++;
      worker.postMessage({ t: 'call', id, name, args: dataOf(options), form });
      if (form === 'callback') {
        pending.set(id, { options });
        return undefined;
      }
      return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
    };
  }
  return {
    api: Object.freeze(api),
    stop() {
      boundary.close();
      worker.terminate();
      pending.clear();
    },
  };
}
