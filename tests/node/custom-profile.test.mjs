// Seed 002: a WeChat-derived platform whose global is `bn` and whose scopes are userLocation,
// writePhotosAlbum and camera runs from configuration alone; a bad profile is rejected naming the field.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { both, make, scripted, createAuthorizer } from './helpers.mjs';

const BN = { name: 'bn', global: 'bn', base: 'wechat', scopes: ['scope.userLocation', 'scope.writePhotosAlbum', 'scope.camera'] };
const PERMISSION = { 'scope.userLocation': { desc: 'Show shops near you' } };

const bn = (options = {}) => make({ platform: BN, permission: PERMISSION, ...options });

test('seed 002: the bn platform from configuration', async () => {
  const { auth } = await bn();
  assert.equal(auth.platform, 'bn');
  assert.equal(auth.global, 'bn');
  assert.equal(auth.style, 'wechat');
  assert.deepEqual(auth.scopes.map((scope) => scope.scope), BN.scopes);
  assert.deepEqual(auth.scopes.map((scope) => scope.label), ['Geographic location', 'Saves to album', 'Camera']);
  assert.deepEqual(Object.keys(auth.api).sort(), [
    'authorize', 'chooseLocation', 'createVKSession', 'getLocation', 'getSetting', 'openSetting',
    'saveImageToPhotosAlbum', 'saveVideoToPhotosAlbum', 'startLocationUpdate',
  ]);
});

both('seed 002: the three-state rule on bn', async ({ call }) => {
  const { auth, prompt } = await bn({ prompt: scripted(['accept', 'reject']), apis: { getLocation: () => ({ latitude: 1, longitude: 2 }) } });
  assert.deepEqual(await call(auth.api.getLocation, {}), { ok: true, res: { errMsg: 'getLocation:ok', latitude: 1, longitude: 2 } });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.writePhotosAlbum' }), { ok: false, res: { errMsg: 'authorize:fail auth deny' } });
  assert.deepEqual(await call(auth.api.saveImageToPhotosAlbum, { filePath: 'x.png' }), { ok: false, res: { errMsg: 'saveImageToPhotosAlbum:fail auth deny' } });
  assert.deepEqual(await call(auth.api.authorize, { scope: 'scope.record' }), { ok: false, res: { errMsg: 'authorize:fail invalid scope' } }, 'not one of bn\'s');
  assert.equal(prompt.count, 2);
  assert.deepEqual(prompt.requests[0].platform, 'bn');
  assert.deepEqual((await call(auth.api.getSetting, {})).res.authSetting, { 'scope.userLocation': true, 'scope.writePhotosAlbum': false });
});

test('seed 002: location still needs its permission desc (inherited from wechat)', async () => {
  const { auth } = await make({ platform: BN, permission: undefined });
  await assert.rejects(auth.api.getLocation(), { errMsg: 'getLocation:fail require permission desc' });
});

test('a custom profile may describe new scopes and take another base', async () => {
  const { auth } = await make({
    permission: undefined,
    platform: {
      name: 'line-mini', global: 'liff', base: 'bytedance', stickyDenial: false,
      scopes: ['scope.album', { scope: 'scope.nfc', label: 'NFC', apis: ['startHCE'] }],
    },
    prompt: scripted('reject'),
  });
  assert.equal(auth.style, 'bytedance');
  await assert.rejects(auth.api.startHCE(), { errMsg: 'startHCE:fail auth deny', errNo: 10200 });
  await assert.rejects(auth.api.startHCE(), { errMsg: 'startHCE:fail auth deny' });
  await assert.rejects(auth.api.authorize({ scope: 'scope.album' }), { errMsg: 'authorize:fail auth deny', data: { 'scope.album': 'auth deny' } });
});

test('a bad profile rejects createAuthorizer with an Error naming the field', async () => {
  const cases = [
    [{ ...BN, name: '' }, 'platform.name'],
    [{ ...BN, name: 7 }, 'platform.name'],
    [{ ...BN, global: 'b n' }, 'platform.global'],
    [{ ...BN, global: undefined }, 'platform.global'],
    [{ ...BN, base: 'line' }, 'platform.base'],
    [{ ...BN, style: 'grand' }, 'platform.style'],
    [{ ...BN, stickyDenial: 'yes' }, 'platform.stickyDenial'],
    [{ ...BN, scopes: [] }, 'platform.scopes'],
    [{ ...BN, scopes: 'scope.camera' }, 'platform.scopes'],
    [{ ...BN, scopes: ['scope.camera', 'scope.camera'] }, 'platform.scopes[1].scope'],
    [{ ...BN, scopes: ['scope.camera', 42] }, 'platform.scopes[1]'],
    [{ ...BN, scopes: ['scope.teleport'] }, 'platform.scopes[0].label'],
    [{ ...BN, scopes: [{ scope: 'scope.nfc', label: 'NFC', apis: ['start HCE'] }] }, 'platform.scopes[0].apis[0]'],
    [{ ...BN, scopes: [{ scope: 'scope.camera', rule: 'sometimes' }] }, 'platform.scopes[0].rule'],
    ['bn', 'platform'],
    [42, 'platform'],
  ];
  for (const [platform, field] of cases) {
    await assert.rejects(
      createAuthorizer({ appId: 'bn-app', storage: 'memory', platform }),
      (error) => error instanceof Error && error.message.includes(field),
      `${JSON.stringify(platform)} names ${field}`,
    );
  }
});
