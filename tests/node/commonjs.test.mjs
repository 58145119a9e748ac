// The CommonJS entry (pkg/index.cjs, package.json's `require` conditions) and the browser build's
// promise never to name a Node module. The same entry installed from the tarball into Jest and
// webpack projects is tested by tests/consumers/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Utf8Decoder, Utf8Encoder } from '../../pkg/text-codec.js';

const require = createRequire(import.meta.url);
const pkg = fileURLToPath(new URL('../../pkg/', import.meta.url));

test('require() gives the whole package, the modules loaded on first use included', async () => {
  const { createAuthorizer, configure, authorize, ready, Authorizer } = require('../../pkg/index.cjs');
  await ready();
  const auth = await createAuthorizer({ appId: 'wx-cjs', prompt: ['accept'] });
  assert.ok(auth instanceof Authorizer);
  assert.deepEqual(await auth.authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:ok' });
  assert.equal(auth.prompts.length, 1);
  await configure({ appId: 'wx-cjs-uni', prompt: 'accept' });
  assert.deepEqual(await authorize({ scope: 'scope.camera' }), { errMsg: 'authorize:ok' });
  const game = await createAuthorizer({ appId: 'wx-cjs-game', platform: 'wechat-minigame', prompt: 'accept', userInfo: { nickName: 'Ann' } });
  const tapped = await game.api.createUserInfoButton({ type: 'text', text: 'Log in', style: {} }).tap();
  assert.equal(tapped.userInfo.nickName, 'Ann');
  const my = await createAuthorizer({ appId: '2021-cjs', platform: 'alipay', prompt: 'accept' });
  assert.deepEqual((await my.api.getAuthCode({ scopes: ['auth_user'] })).authSuccessScopes, ['auth_user']);
  assert.equal(typeof require('../../pkg/ui.cjs').createPrompt, 'function');
  const withPrivacy = await createAuthorizer({ appId: 'wx-cjs-privacy', prompt: 'accept', privacy: { declared: ['userInfo'] }, privacyPrompt: () => 'agree' });
  assert.equal((await withPrivacy.api.getUserProfile({ desc: 'Profile' })).userInfo.nickName, '微信用户');
  assert.deepEqual(await withPrivacy.api.getPrivacySetting(), { errMsg: 'getPrivacySetting:ok', needAuthorization: false, privacyContractName: '《wx-cjs-privacy小程序隐私保护指引》' });
});

test('index.cjs runs where the global has no TextDecoder, TextEncoder, fetch, indexedDB or process (jsdom-like)', async () => {
  const source = readFileSync(`${pkg}index.cjs`, 'utf8');
  const module = { exports: {} };
  // What jsdom's window has that matters here: timers, microtasks, AbortController, WebAssembly.
  const context = vm.createContext({ module, exports: module.exports, console, setTimeout, clearTimeout, queueMicrotask, AbortController, WebAssembly });
  vm.runInContext(`(function (module, exports) {${source}\n})(module, exports)`, context);
  for (const name of ['TextDecoder', 'TextEncoder', 'fetch', 'indexedDB', 'process', 'require']) assert.equal(vm.runInContext(`typeof ${name}`, context), 'undefined', name);
  // The options made in that realm too, as the code under test would make them.
  const options = vm.runInContext("({ appId: 'wx-bare', prompt: 'reject', permission: { 'scope.userLocation': { desc: '查看附近的门店 🏪' } } })", context);
  const auth = await module.exports.createAuthorizer(options);
  assert.equal(auth.storage, 'memory');
  const res = await auth.authorize({ scope: 'scope.userLocation' }).catch((error) => error);
  assert.equal(res.errMsg, 'authorize:fail auth deny');
  // Strings crossed both ways through the fallback codec, non-ASCII included.
  assert.equal(auth.prompts[0].desc, '查看附近的门店 🏪');
  assert.equal(auth.prompts[0].label, 'Geographic location');
});

test('the fallback UTF-8 codec agrees with the platform\'s', () => {
  const samples = ['', 'authorize:ok', 'é', '授权', '🏪 and 𝄞', 'a\u0000b', '\u{10ffff}', 'x'.repeat(20_000) + '末'];
  for (const text of samples) {
    const bytes = new TextEncoder().encode(text);
    assert.deepEqual(new Utf8Encoder().encode(text), bytes, text.slice(0, 20));
    assert.equal(new Utf8Decoder().decode(bytes), text, text.slice(0, 20));
  }
  assert.equal(new Utf8Decoder().decode(), '');
  // A lone surrogate encodes as U+FFFD, as TextEncoder does; malformed bytes decode to U+FFFD.
  assert.deepEqual(new Utf8Encoder().encode('\ud800'), new TextEncoder().encode('\ud800'));
  for (const bad of [[0xff], [0xc3], [0xe6, 0x8e], [0x80, 0x41]]) {
    assert.equal(new Utf8Decoder().decode(new Uint8Array(bad)), new TextDecoder().decode(new Uint8Array(bad)), JSON.stringify(bad));
  }
});

test('no browser bundle names a Node module', () => {
  const bundles = readdirSync(pkg).filter((name) => name.endsWith('.min.js'));
  assert.ok(bundles.length >= 6);
  for (const name of bundles) assert.doesNotMatch(readFileSync(`${pkg}${name}`, 'utf8'), /node:/, name);
});
