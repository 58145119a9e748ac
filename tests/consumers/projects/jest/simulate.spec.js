/** @jest-environment jsdom */
// miniprogram-simulate (WeChat's component test tool) with the authorizer installed into its `wx`.
const path = require('path');
const simulate = require('miniprogram-simulate');
const { createAuthorizer } = require('miniprogram-authorize');

const location = simulate.load(path.join(__dirname, 'components/location/index'));
const mocks = Object.keys(wx).length;
let uninstall;
afterEach(() => uninstall?.());

async function locate(prompt) {
  const auth = await createAuthorizer({ appId: 'wx-simulate', prompt, permission: { 'scope.userLocation': { desc: 'Show shops near you' } } });
  uninstall = auth.install(wx);
  const comp = simulate.render(location);
  comp.instance.locate();
  await until(() => comp.data.status !== 'idle');
  return { auth, comp };
}

/** Waits (in simulate's small sleeps, up to 5 s) until `done()`: a slow machine takes longer than a fixed pause. */
async function until(done) {
  for (let waited = 0; !done() && waited < 5000; waited += 10) await simulate.sleep(10);
}

test('granted: the component sets data, and simulate\'s own getLocation mock answers', async () => {
  const { auth, comp } = await locate('accept');
  expect(comp.data.status).toBe('granted');
  await until(() => comp.data.where !== '');
  expect(comp.data.where).toBe('23.12908,113.26436');
  expect(auth.prompts).toHaveLength(1);
  expect(typeof wx.request).toBe('function');   // the other mocks are still there
});

test('denied: the component shows the platform\'s errMsg', async () => {
  const { comp } = await locate('reject');
  expect(comp.data.status).toBe('authorize:fail auth deny');
  expect(comp.data.where).toBe('');
});

test('uninstall gives back simulate\'s wx as it was', async () => {
  const before = wx.authorize;
  const { auth } = await locate('accept');
  expect(wx.authorize).not.toBe(before);
  uninstall();
  expect(wx.authorize).toBe(before);
  expect(Object.keys(wx)).toHaveLength(mocks);
  expect(auth.api.getLocation).not.toBe(wx.getLocation);
});
