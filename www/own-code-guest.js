// The logic layer of "your own mini program": a Worker of an opaque origin (host.js's
// createGuestWorker), as real runtimes run an app's logic apart from the page that draws it. The
// user's code runs here with the `wx` (or `my`, ...) that pkg/guest.js builds over the port the
// host serves; it cannot reach the emulator's authorizer, storage, pop-up or DOM. The emulator's
// page draws the view (data, a button per handler) from the messages this module posts:
//   in:  { t: 'start', port, code, global }, { t: 'invoke', name }
//   out: { t: 'loaded', handlers, data }, { t: 'data', data }, { t: 'log', text }, { t: 'error', what, message }
import { connect } from '/pkg/guest.min.js';

const LIFECYCLE = new Set(['onLoad', 'onShow', 'onReady', 'onHide', 'onUnload']);
let page = null;

const post = (message) => self.postMessage(message);
const words = (args) => args.map((a) => {
  if (typeof a === 'string') return a;
  try {
    return JSON.stringify(a) ?? String(a);
  } catch {
    return String(a);
  }
}).join(' ');
/** The page's data as plain JSON (what a view layer receives from setData). */
const plain = (value) => {
  try {
    return JSON.parse(JSON.stringify(value ?? {}));
  } catch {
    return {};
  }
};
const failed = (what, error) => post({ t: 'error', what, message: error?.message ?? String(error) });

async function start({ port, code, global }) {
  const api = await connect({ port, install: false });
  let definition = null;
  const Page = (def) => {
    definition = def && typeof def === 'object' ? def : {};
  };
  const pageConsole = {};
  for (const level of ['log', 'info', 'warn', 'error']) pageConsole[level] = (...args) => post({ t: 'log', text: words(args) });
  try {
    // The user's own code, run on purpose, in this realm only.
    // eslint-disable-next-line no-new-func
    new Function(global, 'Page', 'getApp', 'console', String(code))(api, Page, () => ({}), pageConsole);
  } catch (error) {
    failed('while loading', error);
    return;
  }
  if (!definition) {
    failed('while loading', new Error('the code never called Page({ … })'));
    return;
  }
  page = {
    data: plain(definition.data),
    setData(patch) {
      Object.assign(this.data, patch);
      post({ t: 'data', data: plain(this.data) });
    },
  };
  for (const [key, value] of Object.entries(definition)) if (key !== 'data') page[key] = typeof value === 'function' ? value.bind(page) : value;
  const handlers = Object.keys(definition).filter((name) => typeof definition[name] === 'function' && !LIFECYCLE.has(name));
  post({ t: 'loaded', handlers, data: plain(page.data) });
  if (typeof page.onLoad === 'function') await invoke('onLoad');
  if (typeof page.onShow === 'function') await invoke('onShow');
}

async function invoke(name) {
  if (!page || typeof page[name] !== 'function') return;
  try {
    await page[name]();
  } catch (error) {
    failed(name, error);
  }
}

self.addEventListener('message', ({ data }) => {
  if (data?.t === 'start' && data.port instanceof MessagePort) start(data).catch((error) => failed('while connecting', error));
  else if (data?.t === 'invoke' && typeof data.name === 'string') invoke(data.name);
});
