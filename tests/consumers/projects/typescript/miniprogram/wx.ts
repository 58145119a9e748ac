// A mini-program project (miniprogram-api-typings' globals): the facade fits `wx`, and installs into it.
import { createAuthorizer } from 'miniprogram-authorize';

export async function main(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234', prompt: 'accept' });
  const api: Pick<WechatMiniprogram.Wx, 'authorize' | 'getSetting' | 'openSetting' | 'getLocation' | 'chooseAddress' | 'saveImageToPhotosAlbum'> = auth.api;
  const uninstall = auth.install(wx);
  await wx.authorize({ scope: 'scope.camera' });
  uninstall();
  console.log(api);
}
