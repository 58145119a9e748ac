// Options made in another realm (an iframe, a vm context such as a test runner's) are read as
// any others: their objects fail `instanceof Object` here, which must not make the core skip them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import vm from 'node:vm';
import { createAuthorizer } from '../../pkg/index.js';

test('permission, platform and apis made in another realm are honoured', async () => {
  const options = vm.runInNewContext(`({
    appId: 'wx-realm',
    storage: 'memory',
    permission: { 'scope.userLocation': { desc: 'Show shops near you' } },
    platform: { name: 'bn', global: 'bn', base: 'wechat', scopes: ['scope.userLocation', { scope: 'scope.camera', label: 'Camera', apis: ['scanCode'] }] },
  })`);
  assert.equal(options instanceof Object, false);
  const auth = await createAuthorizer({ ...options, prompt: 'accept', apis: vm.runInNewContext('({ getLocation: () => ({ latitude: 1, longitude: 2 }) })') });
  assert.deepEqual(await auth.api.getLocation(), { errMsg: 'getLocation:ok', latitude: 1, longitude: 2 });
  assert.equal(auth.prompts[0].desc, 'Show shops near you');
  assert.deepEqual(auth.scopes.map(({ scope }) => scope), ['scope.userLocation', 'scope.camera']);
});
