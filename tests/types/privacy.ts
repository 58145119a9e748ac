// The privacy layer's APIs and getUserProfile (issue 12) fit miniprogram-api-typings' own
// declarations, except onNeedPrivacyAuthorization, whose upstream listener type is wrong
// (api-typings#309): ours is the real `(resolve, eventInfo)`.
import { createAuthorizer, type NeedPrivacyAuthorizationListener, type PrivacyHooks } from 'miniprogram-authorize';

type Wx = WechatMiniprogram.Wx;

export async function privacy(): Promise<void> {
  const auth = await createAuthorizer({
    appId: 'wx1234',
    baseLibrary: '3.0.0',
    privacy: { declared: ['location', 'scope.camera', 'chooseImage'], privacyContractName: '《Demo》' },
    privacyPrompt: (request) => (request.referrer === 'getLocation' ? 'agree' : 'disagree'),
    privacyContract: (request) => console.log(request.declared.map((kind) => kind.labelZh)),
  });
  const getPrivacySetting: Wx['getPrivacySetting'] = auth.api.getPrivacySetting!;
  const requirePrivacyAuthorize: Wx['requirePrivacyAuthorize'] = auth.api.requirePrivacyAuthorize!;
  const openPrivacyContract: Wx['openPrivacyContract'] = auth.api.openPrivacyContract!;
  // Upstream's success result requires `cloudID`, which WeChat gives cloud-development apps only;
  // ours has none, so only the options side is checked: upstream's options fit ours.
  const getUserProfile: (option: WechatMiniprogram.GetUserProfileOption) => unknown = auth.api.getUserProfile!;
  const { needAuthorization, privacyContractName } = await auth.api.getPrivacySetting!();
  const listener: NeedPrivacyAuthorizationListener = (resolve, { referrer }) => {
    resolve({ event: 'exposureAuthorization' });
    resolve(referrer === 'getLocation' ? { event: 'agree', buttonId: 'agree-btn' } : { event: 'disagree' });
  };
  auth.api.onNeedPrivacyAuthorization!(listener);
  // Upstream types the listener `(res: GeneralCallbackResult) => void` (api-typings#309): code typed
  // against it cannot call resolve at all. Ours is the platform's real shape, so the two differ here.
  // @ts-expect-error upstream's listener type is wrong; ours is (resolve, eventInfo)
  const onNeed: Wx['onNeedPrivacyAuthorization'] = auth.api.onNeedPrivacyAuthorization!;
  const hooks: PrivacyHooks | null = auth.privacy;
  await hooks?.tapAgreeButton('agree-btn');
  const profile = await auth.api.getUserProfile!({ desc: 'Show your profile' });
  const nickName: string = profile.userInfo.nickName;
  const base: string = auth.baseLibrary;
  console.log(onNeed, getPrivacySetting, requirePrivacyAuthorize, openPrivacyContract, getUserProfile, needAuthorization, privacyContractName, nickName, base);
  // @ts-expect-error resolve takes one of the three events
  auth.api.onNeedPrivacyAuthorization!((resolve) => resolve({ event: 'maybe' }));
  // @ts-expect-error privacyPrompt answers agree or disagree
  await createAuthorizer({ appId: 'x', privacyPrompt: () => 'accept' });
}
