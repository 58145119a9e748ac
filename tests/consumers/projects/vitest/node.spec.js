import { test, expect } from 'vitest';
import { createAuthorizer } from 'miniprogram-authorize';

test('node environment', async () => {
  const auth = await createAuthorizer({ appId: 'wx-vitest', prompt: 'accept' });
  await expect(auth.authorize({ scope: 'scope.camera' })).resolves.toEqual({ errMsg: 'authorize:ok' });
});
