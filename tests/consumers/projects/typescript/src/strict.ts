// `--strict`, no DOM lib, no @types: the facade's gated APIs are called directly.
import { createAuthorizer } from 'miniprogram-authorize';
import { createPrompt } from 'miniprogram-authorize/ui';

export async function main(): Promise<string> {
  const auth = await createAuthorizer({
    appId: 'wx1234',
    prompt: ['accept'],
    permission: { 'scope.userLocation': { desc: 'Show shops near you' } },
    apis: { getLocation: () => ({ latitude: 31.2, longitude: 121.5 }) },
  });
  const { latitude, longitude } = await auth.api.getLocation({ type: 'wgs84' });
  let failed = '';
  auth.api.saveImageToPhotosAlbum({ filePath: 'a.png', fail: (res) => { failed = res.errMsg; } });
  const uninstall: () => void = auth.install({});
  uninstall();
  const answers: unknown[] = auth.prompts.map((request) => request.answer);
  return `${latitude},${longitude} ${answers.length} ${failed} ${typeof createPrompt}`;
}
