// The WeChat facade is a drop-in for `wx`: its authorize, getSetting and openSetting are assignable
// to those of `WechatMiniprogram.Wx` from miniprogram-api-typings, so code typed against the real
// platform compiles unchanged against `auth.api`.
import { createAuthorizer, type WechatApi, type MinigameApi, type KuaishouApi } from 'miniprogram-authorize';

type Wx = WechatMiniprogram.Wx;

export async function wechat(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234', platform: 'wechat' });
  const authorize: Wx['authorize'] = auth.api.authorize;
  const getSetting: Wx['getSetting'] = auth.api.getSetting;
  const openSetting: Wx['openSetting'] = auth.api.openSetting;

  // Used as wx code uses them: a Promise without callbacks, void with them.
  const granted: WechatMiniprogram.GeneralCallbackResult = await authorize({ scope: 'scope.userLocation' });
  const none: void = authorize({ scope: 'scope.camera', success: (res) => console.log(res.errMsg) });
  const { authSetting } = await getSetting();
  const camera: boolean | undefined = authSetting['scope.camera'];
  const opened = await openSetting({ withSubscriptions: true });
  console.log(granted, none, camera, opened.subscriptionsSetting);
}

// The default platform is WeChat; the other WeChat-shaped facades fit `wx` as well.
export async function others(): Promise<void> {
  const plain = await createAuthorizer({ appId: 'wx1234' });
  const api: WechatApi = plain.api;
  const game: MinigameApi = (await createAuthorizer({ appId: 'wx1234', platform: 'wechat-minigame' })).api;
  const ks: KuaishouApi = (await createAuthorizer({ appId: 'ks1234', platform: 'kuaishou' })).api;
  for (const facade of [api, game, ks]) {
    const authorize: Wx['authorize'] = facade.authorize;
    const getSetting: Wx['getSetting'] = facade.getSetting;
    const openSetting: Wx['openSetting'] = facade.openSetting;
    console.log(authorize, getSetting, openSetting);
  }
}

// Installed as the global, the facade type-checks as `wx` itself.
export async function asGlobal(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234' });
  const wxLike: Pick<Wx, 'authorize' | 'getSetting' | 'openSetting'> = auth.api;
  console.log(wxLike);
}

// The facade's types are real, not `any`: these must not compile.
export async function notAny(): Promise<void> {
  const auth = await createAuthorizer({ appId: 'wx1234' });
  // @ts-expect-error scope is a string
  auth.api.authorize({ scope: 1 });
  // @ts-expect-error the Promise form resolves with a result object
  const wrong: number = await auth.api.authorize({ scope: 'scope.camera' });
  // @ts-expect-error the callback form returns nothing
  auth.api.authorize({ scope: 'scope.camera', success: () => {} }).then(() => {});
  // @ts-expect-error authSetting holds booleans
  const flag: string | undefined = (await auth.api.getSetting()).authSetting['scope.camera'];
  const badAuthorize = (option: { scope: number }) => Promise.resolve({ errMsg: '' });
  // @ts-expect-error a facade taking the wrong options would not fit wx
  const notWx: WechatMiniprogram.Wx['authorize'] = badAuthorize;
  console.log(wrong, flag, notWx);
}
