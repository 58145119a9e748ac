// A CommonJS TypeScript file (node16): `import … = require()` gets the CommonJS declarations.
import authorize = require('miniprogram-authorize');

export async function main(): Promise<boolean> {
  const auth = await authorize.createAuthorizer({ appId: 'wx1234', platform: 'alipay', prompt: 'accept' });
  const { authCode } = await auth.api.getAuthCode({ scopes: 'auth_user' });
  return authCode.length > 0;
}
