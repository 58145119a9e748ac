/** @jest-environment jsdom */
// The jsdom environment: the `browser` and `require` conditions, no TextDecoder, no fetch of files,
// no indexedDB, and no polyfills from the test.
const { createAuthorizer } = require('miniprogram-authorize');

test('works without TextDecoder, fetch or indexedDB', async () => {
  expect(typeof TextDecoder).toBe('undefined');
  expect(typeof indexedDB).toBe('undefined');
  const auth = await createAuthorizer({ appId: 'wx-jsdom', prompt: 'reject', permission: { 'scope.userLocation': { desc: '附近的门店' } } });
  await expect(auth.authorize({ scope: 'scope.userLocation' })).rejects.toEqual({ errMsg: 'authorize:fail auth deny' });
  expect(auth.storage).toBe('memory');
  expect(auth.prompts[0]).toMatchObject({ desc: '附近的门店', label: 'Geographic location', answer: 'reject' });
  expect(require.resolve('miniprogram-authorize')).toMatch(/pkg[\\/]index\.cjs$/);
});

test('without a prompt handler, as in Node: every prompt dismissed, one error event saying so', async () => {
  // jsdom cannot open a modal <dialog>, so the built-in pop-up is not tried.
  const errors = [];
  const auth = await createAuthorizer({ appId: 'wx-jsdom-none', onError: (error) => errors.push(error.message) });
  await expect(auth.authorize({ scope: 'scope.camera' })).rejects.toEqual({ errMsg: 'authorize:fail auth cancel' });
  expect(errors).toEqual([expect.stringMatching(/^no prompt handler/)]);
  expect(document.body.children).toHaveLength(0);
});
