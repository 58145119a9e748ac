// Seed 004's example, verbatim (with its TypeScript `res?`), against the @uni form.
import { authorize, configure } from 'miniprogram-authorize';

export async function seed004(): Promise<void> {
  await configure({ prompt: () => 'accept' });

authorize({
  scope: 'scope.userLocation',
  success: () => {
    console.log('success');
  },
  fail: (res) => {
    console.log('fail', res);
  },
  complete: (res) => {
    console.log('complete', res);
  }
});

authorize({
  scope: 'scope.userLocation',
}).then((res?) => {
  console.log('success');
});
}

export async function alipayResponse(): Promise<void> {
  const auth = await configure({ platform: 'alipay' });
  console.log(auth.api.getAuthCode);
  const res = await authorize({ scope: 'auth_zhima' });
  if (res && 'authCode' in res) console.log(res.authCode, res.authErrorScopes, res.authSuccessScopes);
}
