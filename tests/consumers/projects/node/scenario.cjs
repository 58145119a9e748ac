// What a Node user does with the package, the same for both entries: main.cjs passes what
// `require` gives, main.mjs what `import` gives. Prints one JSON report (the test compares it whole).
const { indexedDB, IDBKeyRange } = require('fake-indexeddb');

module.exports = async function scenario({ createAuthorizer, configure, authorize }, { createPrompt }, entry) {
  const report = { entry, ui: typeof createPrompt };

  // A prompt answered, then the decision kept: no second prompt.
  const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: 'accept' });
  report.granted = await auth.authorize({ scope: 'scope.camera' });
  await auth.authorize({ scope: 'scope.camera' });
  report.prompts = auth.prompts.length;

  // A refusal in the callback form, through a gated API the host serves.
  const refusing = await createAuthorizer({ appId: 'wx-refusing', prompt: ['reject'], permission: { 'scope.userLocation': { desc: 'Show shops near you' } }, apis: { getLocation: () => ({ latitude: 31.2, longitude: 121.5 }) } });
  report.refused = await new Promise((resolve) => {
    const calls = [];
    refusing.api.getLocation({ success: (res) => calls.push(['success', res]), fail: (res) => calls.push(['fail', res]), complete: (res) => { calls.push(['complete', res]); setTimeout(() => resolve(calls), 10); } });
  });
  report.refusedSetting = (await refusing.api.getSetting()).authSetting;

  // Decisions in IndexedDB (fake-indexeddb): a second authorizer on the same database hears the
  // first one's decision (BroadcastChannel) and reads it back after a restart.
  const stored = { appId: 'wx-stored', storage: 'indexeddb', indexedDB, IDBKeyRange, databaseName: `consumer-${entry}` };
  const first = await createAuthorizer({ ...stored, prompt: 'accept' });
  const second = await createAuthorizer({ ...stored, prompt: 'reject' });
  const heard = new Promise((resolve) => second.onChange(resolve));
  await first.authorize({ scope: 'scope.record' });
  report.otherTab = await heard;
  first.close();
  second.close();
  const reopened = await createAuthorizer({ ...stored, prompt: 'reject' });
  report.reopened = { storage: reopened.storage, record: reopened.stateOf('scope.record'), answer: await reopened.authorize({ scope: 'scope.record' }), prompts: reopened.prompts.length };
  reopened.close();

  // The modules loaded on first use: the @uni form, Alipay's getAuthCode, the mini game's
  // user-info button, WeChat's privacy layer and getUserProfile.
  await configure({ appId: 'wx-uni', prompt: 'accept' });
  report.uni = await authorize({ scope: 'scope.userLocation' });
  const my = await createAuthorizer({ appId: '2021-consumer', platform: 'alipay', prompt: 'accept' });
  report.alipay = (await my.api.getAuthCode({ scopes: ['auth_user'] })).authSuccessScopes;
  const game = await createAuthorizer({ appId: 'wx-game', platform: 'wechat-minigame', prompt: 'accept', userInfo: { nickName: 'Ann' } });
  report.game = (await game.api.createUserInfoButton({ type: 'text', text: 'Log in', style: {} }).tap()).userInfo.nickName;
  const withPrivacy = await createAuthorizer({ appId: 'wx-private', prompt: 'accept', privacy: { declared: ['userInfo'] }, privacyPrompt: () => 'agree' });
  report.profile = (await withPrivacy.api.getUserProfile({ desc: 'Profile' })).userInfo.nickName;
  report.privacy = await withPrivacy.api.getPrivacySetting();
  return report;
};
