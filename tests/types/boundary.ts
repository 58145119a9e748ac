// The guest boundary's two modules, typed.
import { createAuthorizer } from 'miniprogram-authorize';
import { exposeAuthorizer, createGuestWorker } from 'miniprogram-authorize/host';
import { connect } from 'miniprogram-authorize/guest';

export async function host(frame: object): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234' });
  const handle = exposeAuthorizer(auth, frame, { rate: 100, onReject: ({ reason, method }) => console.log(reason, method) });
  await handle.ready;
  handle.buttons.forEach((button) => button.tap());
  handle.close();
  exposeAuthorizer(auth, createGuestWorker('/guest.js'));
}

export async function guest(): Promise<void> {
  const wx = await connect();
  const { authSetting } = await wx.getSetting();
  wx.authorize({ scope: 'scope.camera', success: (res) => console.log(res.errMsg, authSetting) });
  const my = await connect<'alipay'>({ install: false });
  await my.getAuthCode({ scopes: 'auth_user' });
}
