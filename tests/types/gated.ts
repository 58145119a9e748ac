// `--strict` code calls the gated APIs directly, and the WeChat facade fits `WechatMiniprogram.Wx`
// for every authorization and gated API WeChat's typings declare.
import { createAuthorizer } from 'miniprogram-authorize';

type Wx = WechatMiniprogram.Wx;
type WxGated =
  | 'authorize' | 'getSetting' | 'openSetting' | 'createVKSession'
  | 'getUserInfo' | 'getLocation' | 'chooseLocation' | 'startLocationUpdate' | 'getFuzzyLocation'
  | 'startLocationUpdateBackground' | 'startRecord' | 'joinVoIPChat' | 'openBluetoothAdapter'
  | 'createBLEPeripheralServer' | 'saveImageToPhotosAlbum' | 'saveVideoToPhotosAlbum' | 'addPhoneContact'
  | 'addPhoneCalendar' | 'addPhoneRepeatCalendar' | 'getWeRunData' | 'chooseAddress' | 'chooseInvoiceTitle'
  | 'chooseInvoice';

export async function wechat(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234', apis: { getLocation: () => ({ latitude: 31.2, longitude: 121.5 }) } });
  const wx: Pick<Wx, WxGated> = auth.api;
  const { latitude, longitude, accuracy } = await auth.api.getLocation({ type: 'wgs84' });
  const none: void = auth.api.getLocation({ type: 'gcj02', success: (res) => console.log(res.latitude), fail: (res) => console.log(res.errMsg) });
  await auth.api.saveImageToPhotosAlbum({ filePath: 'a.png' });
  const { userInfo } = await auth.api.getUserInfo({ lang: 'en' });
  const address = await auth.api.chooseAddress();
  console.log(wx, latitude, longitude, accuracy, none, userInfo.nickName, address.telNumber);
  // @ts-expect-error filePath is a string
  auth.api.saveImageToPhotosAlbum({ filePath: 1 });
  // @ts-expect-error no such API on wx
  auth.api.getAuthCode();
  // @ts-expect-error a failure has no latitude (the callbacks are typed, though declared as methods)
  auth.api.getLocation({ fail: (res) => console.log(res.latitude) });
  const wxOnly: Pick<Wx, 'openBluetoothAdapter'> = auth.api;
  wxOnly.openBluetoothAdapter({ fail: (res) => console.log(res.errCode) });
  // createVKSession as WeChat's own code calls it: a session at once, a status in start's callback.
  const session = auth.api.createVKSession({ track: { plane: { mode: 1 } }, version: 'v2' });
  session.on('updateAnchors', (anchors: unknown[]) => console.log(anchors.length));
  session.start((status) => { if (status === 2003002) console.log('camera refused'); });
  const wxSession: WechatMiniprogram.VKSession = wx.createVKSession({ track: { plane: { mode: 1 } } });
  console.log(session.config.version, wxSession.state);
  // @ts-expect-error start takes a callback, it returns no Promise
  await session.start().then(() => {});
  // @ts-expect-error latitude is a number
  const wrong: string = (await auth.api.getLocation()).latitude;
  console.log(wrong);
}

export async function others(): Promise<void> {
  const ks = await createAuthorizer({ appId: 'ks1', platform: 'kuaishou' });
  const image = await ks.api.chooseImage({ count: 1 });
  const tt = await createAuthorizer({ appId: 'tt1', platform: 'bytedance' });
  const clip = await tt.api.getClipboardData();
  tt.api.getLocation({ fail: (res) => console.log(res.errNo) });
  const swan = await createAuthorizer({ appId: 'swan1', platform: 'baidu' });
  swan.api.addEventOnCalendar({ title: 'x', startTime: 1, fail: (res) => console.log(res.errCode) });
  const my = await createAuthorizer({ appId: '2021', platform: 'alipay' });
  const { latitude } = await my.api.getLocation({ type: 1 });
  my.api.scan({ fail: (res) => console.log(res.error, res.errorMessage) });
  const game = await createAuthorizer({ appId: 'wxgame', platform: 'wechat-minigame' });
  const run = await game.api.getWeRunData();
  // @ts-expect-error the mini game has no chooseAddress
  game.api.chooseAddress();
  const custom = await createAuthorizer({ appId: 'bn', platform: { name: 'bn', global: 'bn', scopes: ['scope.camera'] } });
  const scan = custom.api.scanCode;
  console.log(image.tempFilePaths, clip.data, latitude, run.encryptedData, scan);
}
