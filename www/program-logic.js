// The demo mini program's logic layer: a Worker of an opaque origin (host.js's createGuestWorker)
// that makes the program's platform calls with pkg/guest.js's `wx`, over the port the emulator's
// page serves with exposeAuthorizer. The page keeps the view (the phone's cards and buttons) and
// asks this layer to make a call, in the calling form the button names, as a real runtime's view
// layer hands a tap to its logic layer:
//   in:  { t: 'start', port }, { t: 'call', id, name, args, form: 'callback' | 'promise' | 'session' }
//   out: { t: 'callback', id, kind, result } (success / fail / complete), { t: 'settled', id, ok, result }
import { connect } from '/pkg/guest.min.js';

let connected = null;
const post = (message) => self.postMessage(message);

async function call({ id, name, args, form }) {
  const api = await connected;
  const fn = api?.[name];
  if (typeof fn !== 'function') {
    post({ t: 'settled', id, ok: false, result: { errMsg: `${name}:fail not supported` } });
    return;
  }
  if (form === 'session') {
    // createVKSession as WeChat code calls it: a session at once, then start; its status is the answer.
    const session = fn(args);
    session.start((status) => post({ t: 'settled', id, ok: status === 0, result: { status } }));
    return;
  }
  if (form === 'callback') {
    const back = (kind) => (result) => post({ t: 'callback', id, kind, result });
    fn({ ...args, success: back('success'), fail: back('fail'), complete: back('complete') });
    return;
  }
  fn(args).then((result) => post({ t: 'settled', id, ok: true, result }), (result) => post({ t: 'settled', id, ok: false, result }));
}

self.addEventListener('message', ({ data }) => {
  if (data?.t === 'start' && data.port instanceof MessagePort && !connected) connected = connect({ port: data.port, install: false });
  else if (data?.t === 'call' && Number.isSafeInteger(data.id) && typeof data.name === 'string') call(data);
});
