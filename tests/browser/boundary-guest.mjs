// The guest of tests/browser/boundary.test.mjs, run in an opaque-origin Worker (createGuestWorker)
// or an <iframe sandbox="allow-scripts"> (boundary-guest.html). The test drives it through the
// harness with `control` messages; `hostile` tries every route a guest has to grant itself.
import { connect } from '/pkg/guest.min.js';
import { runCalls } from '/tests/support/boundary-calls.mjs';
import { HANDSHAKE, CALL, REPLY, HELLO, INVOKE, LISTEN } from '/pkg/boundary.js';

const inWorker = typeof WorkerGlobalScope !== 'undefined' && globalThis instanceof WorkerGlobalScope;
const answer = (message) => (inWorker ? globalThis.postMessage(message) : globalThis.parent.postMessage(message, '*'));
const results = [];
let wx;

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function settleOnce(method, argument) {
  return wx[method](argument).then((res) => ({ ok: true, res }), (res) => ({ ok: false, res }));
}

/** A port of its own, by the handshake the guest module does: the guest can always speak raw. */
function rawPort() {
  return new Promise((resolve) => {
    const onMessage = (event) => {
      if (event.data?.[HANDSHAKE] !== 'port') return;
      globalThis.removeEventListener('message', onMessage);
      resolve(event.data.port);
    };
    globalThis.addEventListener('message', onMessage);
    answer({ [HANDSHAKE]: 'ready' });
  });
}

async function tryStorage({ databaseName, appId }) {
  const report = {};
  report.indexedDB = await new Promise((resolve) => {
    try {
      const request = indexedDB.open(databaseName, 2);
      request.onupgradeneeded = () => request.result.createObjectStore('decisions');
      request.onerror = () => resolve(`error ${request.error?.name}`);
      request.onsuccess = () => {
        try {
          const tx = request.result.transaction('decisions', 'readwrite');
          tx.objectStore('decisions').put({ state: 'granted', updatedAt: Date.now() }, [appId, 'default', 'scope.camera']);
          tx.oncomplete = () => resolve('wrote a grant (in its own partition)');
          tx.onerror = () => resolve(`write error ${tx.error?.name}`);
        } catch (error) {
          resolve(`write threw ${error.name}`);
        }
      };
    } catch (error) {
      resolve(`threw ${error.name}`);
    }
  });
  try {
    const channel = new BroadcastChannel(`miniprogram-authorize:${databaseName}`);
    channel.postMessage({ appId, userId: 'default', fromGuest: true });
    report.broadcast = 'posted';
    channel.close();
  } catch (error) {
    report.broadcast = `threw ${error.name}`;
  }
  if (!inWorker) {
    try {
      report.parentDocument = typeof globalThis.parent.document.title;
    } catch (error) {
      report.parentDocument = `threw ${error.name}`;
    }
    try {
      report.parentAuth = typeof globalThis.parent.host;
    } catch (error) {
      report.parentAuth = `threw ${error.name}`;
    }
  }
  return report;
}

async function tryPort() {
  const port = await rawPort();
  const replies = [];
  port.onmessage = ({ data }) => { if (data?.t === REPLY) replies.push(data); };
  const forged = [
    { t: CALL, id: 1, m: 'setState', a: 'scope.camera' },
    { t: CALL, id: 2, m: 'reset' },
    { t: CALL, id: 3, m: '__proto__', a: {} },
    { t: REPLY, id: 4, ok: true, r: { errMsg: 'authorize:ok' } },
    { t: HELLO, calls: ['setState'] },
    { t: INVOKE, id: 1, a: [{ event: 'agree' }] },
    { t: LISTEN, m: 'onChange' },
    { t: CALL, id: 5, m: 'authorize', a: { scope: 'scope.camera', state: 'granted', authSetting: { 'scope.camera': true } } },
    { t: CALL, id: 6, m: 'getLocation', a: {}, h: { success: 'Function' } },
    { t: CALL, id: 7, m: 'authorize', a: { scope: 'scope.camera', pad: 'x'.repeat(8_000_000) } },
  ];
  for (const message of forged) port.postMessage(message);
  const deep = {};
  let cursor = deep;
  for (let i = 0; i < 1000; i += 1) cursor = (cursor.next = {});
  port.postMessage({ t: CALL, id: 8, m: 'authorize', a: { scope: 'scope.camera', deep } });
  port.postMessage({ t: CALL, id: 9, m: 'authorize', a: { scope: 'scope.camera' } }, [new MessageChannel().port1]);
  for (let id = 100; id < 20_100; id += 1) port.postMessage({ t: CALL, id, m: 'getSetting' });
  for (let i = 0; i < 200 && !replies.some((reply) => reply.id === 20_099); i += 1) await delay(25);
  const count = {};
  for (const { r } of replies) count[r?.errMsg ?? JSON.stringify(r)] = (count[r?.errMsg ?? JSON.stringify(r)] ?? 0) + 1;
  port.close();
  return { replies: replies.length, count, forgedReplyEchoed: replies.some((reply) => reply.id === 4), portCarrier: replies.some((reply) => reply.id === 9) };
}

async function tryPollution() {
  Object.prototype.then = function then(resolve) {
    delete Object.prototype.then;
    resolve({ errMsg: 'getLocation:ok', latitude: 31.2 });
  };
  Object.prototype['scope.camera'] = true;
  const report = {};
  try {
    report.getLocation = await new Promise((resolve) => wx.getLocation({ success: (res) => resolve(`success ${JSON.stringify(res)}`), fail: (res) => resolve(`fail ${JSON.stringify(res)}`) }));
    report.openSetting = await new Promise((resolve) => wx.openSetting({ complete: (res) => resolve(JSON.stringify(res)) }));
    // The planted then is the guest's own: its Promise form is fooled, in its own realm only.
    report.fooled = JSON.stringify(await wx.getSetting());
  } finally {
    delete Object.prototype.then;
    delete Object.prototype['scope.camera'];
  }
  report.getSetting = JSON.stringify((await settleOnce('getSetting')).res);
  return report;
}

const commands = {
  async connect() {
    wx = await connect();
    return Object.keys(wx);
  },
  run: ({ description }) => runCalls(wx, description),
  call: ({ method, argument }) => settleOnce(method, argument),
  async hostile(args) {
    const storage = await tryStorage(args);
    const port = await tryPort();
    const before = wx;
    wx = await connect(); // the raw handshake replaced the channel: connect again (a fresh handshake)
    return { storage, port, same: before === wx, pollution: await tryPollution() };
  },
  button() {
    const button = wx.createUserInfoButton({ type: 'text', text: 'Log in', style: { left: 10, top: 10, width: 200, height: 40 } });
    button.onTap((res) => results.push(res));
    return button.tap().then((tapped) => ({ tapped: tapped === undefined ? 'nothing' : tapped }));
  },
  results: () => results,
  /** iframe: a button in the frame whose click calls openSetting. */
  openSettingButton() {
    const element = document.createElement('button');
    element.id = 'open';
    element.textContent = 'Settings';
    element.addEventListener('click', () => wx.openSetting({ complete: (res) => results.push(res) }));
    document.body.append(element);
    return 'ok';
  },
  openSetting() {
    return new Promise((resolve) => wx.openSetting({ complete: resolve }));
  },
};

globalThis.addEventListener('message', async (event) => {
  const { control, name, args } = event.data ?? {};
  if (control === undefined) return;
  if (!inWorker && event.source !== globalThis.parent) return;
  // The guest's own `connect()` re-handshake would otherwise race the module's own handshake.
  try {
    answer({ controlReply: control, result: await commands[name](args) });
  } catch (error) {
    answer({ controlReply: control, error: String(error?.stack ?? error) });
  }
});
answer({ guestLoaded: true });
