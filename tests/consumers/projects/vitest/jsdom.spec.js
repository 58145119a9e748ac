// @vitest-environment jsdom
import { test, expect } from 'vitest';
import { createAuthorizer } from 'miniprogram-authorize';

test('jsdom environment', async () => {
  const auth = await createAuthorizer({ appId: 'wx-vitest', prompt: ['reject'] });
  await expect(auth.authorize({ scope: 'scope.camera' })).rejects.toEqual({ errMsg: 'authorize:fail auth deny' });
  expect(auth.prompts).toHaveLength(1);
});
