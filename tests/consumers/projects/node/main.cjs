// Plain `require` (Node 20.20 here; what Node 18 and 20.0–20.18 need, which cannot require ESM).
const { createAuthorizer } = require('miniprogram-authorize');
const { createPrompt } = require('miniprogram-authorize/ui');

createAuthorizer({ appId: 'wx-consumer', prompt: 'accept' }).then(async (auth) => {
  const granted = await auth.authorize({ scope: 'scope.camera' });
  console.log(JSON.stringify({ resolved: require.resolve('miniprogram-authorize'), granted, ui: typeof createPrompt, prompts: auth.prompts.length }));
});
