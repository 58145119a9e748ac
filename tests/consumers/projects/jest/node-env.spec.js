// Jest's default config: a CommonJS test in the node environment `require`s the package.
const { createAuthorizer } = require('miniprogram-authorize');

test('grant and deny, the Promise and callback forms', async () => {
  const auth = await createAuthorizer({ appId: 'wx-jest', prompt: ['accept', 'reject'] });
  await expect(auth.authorize({ scope: 'scope.camera' })).resolves.toEqual({ errMsg: 'authorize:ok' });
  const fail = jest.fn();
  const complete = jest.fn();
  await new Promise((done) => auth.authorize({ scope: 'scope.record', fail, complete: (res) => { complete(res); done(); } }));
  expect(fail).toHaveBeenCalledWith({ errMsg: 'authorize:fail auth deny' });
  expect(auth.prompts.map(({ scope, answer }) => [scope, answer])).toEqual([['scope.camera', 'accept'], ['scope.record', 'reject']]);
  expect(require.resolve('miniprogram-authorize')).toMatch(/pkg[\\/]index\.cjs$/);
});

test('the modules loaded on first use load from the CommonJS entry too', async () => {
  const { configure, authorize } = require('miniprogram-authorize');
  await configure({ appId: 'wx-uni', prompt: 'accept' });
  await expect(authorize({ scope: 'scope.camera' })).resolves.toEqual({ errMsg: 'authorize:ok' });
  const game = await createAuthorizer({ appId: 'wx-game', platform: 'wechat-minigame', prompt: 'accept', userInfo: { nickName: 'Ann' } });
  const button = game.api.createUserInfoButton({ type: 'text', text: 'Log in', style: {} });
  await expect(button.tap()).resolves.toMatchObject({ errMsg: 'getUserInfo:ok', userInfo: { nickName: 'Ann' } });
  const my = await createAuthorizer({ appId: '2021', platform: 'alipay', prompt: 'accept' });
  await expect(my.api.getAuthCode({ scopes: 'auth_user' })).resolves.toMatchObject({ authSuccessScopes: ['auth_user'] });
});
