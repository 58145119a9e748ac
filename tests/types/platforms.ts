// Each platform's facade and results, typed.
import { createAuthorizer, type AuthCodeResult, type AlipayFail, type BytedanceFail, type BaiduFail, type UserInfoTapResult } from 'miniprogram-authorize';

export async function alipay(): Promise<void> {
  const auth = await createAuthorizer({ appId: '2021000', platform: 'alipay', stickyDenial: false });
  const code: AuthCodeResult = await auth.api.getAuthCode({ scopes: ['auth_base', 'auth_user'] });
  auth.api.getAuthCode({ scopes: 'auth_zhima', fail: (res: AlipayFail) => console.log(res.error, res.errorMessage) });
  const { authSetting } = await auth.api.getSetting();
  console.log(code.authCode, code.authSuccessScopes, code.authErrorScopes, authSetting.location);
  // @ts-expect-error no authorize on Alipay's `my`
  auth.api.authorize({ scope: 'scope.userInfo' });
}

export async function bytedance(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'tt1234', platform: 'bytedance' });
  const { data } = await auth.api.authorize({ scope: 'scope.album' });
  auth.api.authorize({ scope: 'scope.album', fail: (res: BytedanceFail) => console.log(res.errNo, res.data) });
  console.log(data['scope.album']);
}

export async function baidu(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'swan1234', platform: 'baidu' });
  auth.api.authorize({ scope: 'scope.calendar', fail: (res: BaiduFail) => console.log(res.errCode === 10003) });
}

export async function minigame(): Promise<void> {
  const auth = await createAuthorizer({
    appId: 'wxgame',
    platform: 'wechat-minigame',
    userInfo: ({ lang }) => ({ nickName: lang === 'en' ? 'Ann' : '安' }),
    prompt: (request) => (request.api === 'getUserInfo' ? 'accept' : 'dismiss'),
  });
  const button = auth.api.createUserInfoButton({ type: 'text', text: 'Log in', style: { left: 10, top: 10, width: 200, height: 40 } });
  button.onTap((res: UserInfoTapResult) => {
    if ('userInfo' in res) console.log(res.userInfo.nickName, res.rawData, res.signature);
    else console.log(res.errMsg);
  });
  await button.tap();
  button.offTap();
  button.hide();
  button.show();
  button.destroy();
  // @ts-expect-error type is 'text' or 'image'
  auth.api.createUserInfoButton({ type: 'button', style: {} });
}

// Seed 002: a custom platform from configuration alone.
export async function custom(): Promise<void> {
  const auth = await createAuthorizer({
    appId: 'bn1234',
    platform: { name: 'bn', global: 'bn', base: 'wechat', scopes: ['scope.userLocation', 'scope.writePhotosAlbum', 'scope.camera'] },
    permission: { 'scope.userLocation': { desc: 'Show shops near you' } },
    onChange: ({ scope, state, previous, source }) => console.log(scope, state, previous, source),
  });
  const res = await auth.api.authorize({ scope: 'scope.camera' });
  console.log(res.errMsg, auth.global, auth.stateOf('scope.camera'));
  await auth.setState('scope.camera', 'prompt');
}
