import { createAuthorizer } from 'miniprogram-authorize';
import { createPrompt } from 'miniprogram-authorize/ui';

const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: 'accept' });
const granted = await auth.authorize({ scope: 'scope.camera' });
console.log(JSON.stringify({ resolved: import.meta.resolve('miniprogram-authorize'), granted, ui: typeof createPrompt, prompts: auth.prompts.length }));
