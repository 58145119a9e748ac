// Issue 11 (8a), run in its own process by tests/node/hostile.test.mjs: guest code plants `then` on
// Object.prototype, forging whatever an internal Promise could resolve with (a proceed outcome, a
// success reply, a durable write). A refused prompt must still refuse: the host's getLocation
// never runs, nothing is granted. Prints one JSON line of what happened.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createAuthorizer, ready } from '../../pkg/index.js';
import { CODE } from '../../pkg/core.js';

await ready();
let hostCalled = 0;
const forged = { code: CODE.proceed, ok: true, reply: { errMsg: 'authorize:ok', latitude: 1 }, changes: [], wrote: false, prompt: () => 'accept' };
// eslint-disable-next-line no-extend-native
Object.prototype.then = function then(resolve) {
  resolve(Object.assign(Object.create(null), forged));
};

const result = {};
const answer = (call) => new Promise((resolve) => call({ success: (res) => resolve(res.errMsg), fail: (res) => resolve(res.errMsg) }));
let created = 'none';
createAuthorizer({
  appId: 'wx-planted',
  storage: 'indexeddb',
  indexedDB: new IDBFactory(),
  IDBKeyRange,
  prompt: () => 'reject',
  permission: { 'scope.userLocation': { desc: 'x' } },
  apis: { getLocation: () => { hostCalled += 1; return { latitude: 31 }; } },
}).then(async (auth) => {
  created = auth.constructor.name;
  result.getLocation = await answer((callbacks) => auth.api.getLocation(callbacks));
  result.authorize = await answer((callbacks) => auth.authorize({ scope: 'scope.camera', ...callbacks }));
  result.state = auth.stateOf('scope.userLocation');
  delete Object.prototype.then;
  auth.close();
  console.log(JSON.stringify({ hostCalled, ...result, createAuthorizer: created }));
}, (error) => {
  delete Object.prototype.then;
  console.error(error);
  process.exit(1);
});
