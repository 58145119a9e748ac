// The mini game's wx.createUserInfoButton (seed 003, platforms.md §3): the only way to grant
// scope.userInfo. In Node the button is a plain object whose tap() stands in for the user's tap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { both, make, scripted, settle } from './helpers.mjs';

const STYLE = { left: 10, top: 76, width: 200, height: 40, lineHeight: 40, backgroundColor: '#ff0000', color: '#ffffff', textAlign: 'center', fontSize: 16, borderRadius: 4 };
const ANN = { nickName: 'Ann', avatarUrl: 'https://example.com/ann.png', gender: 2, country: 'China', province: 'Zhejiang', city: 'Hangzhou' };

const game = (options = {}) => make({ platform: 'wechat-minigame', permission: undefined, userInfo: ANN, ...options });

function checkOk(result, userInfo = { ...ANN, language: 'en' }) {
  assert.equal(result.errMsg, 'getUserInfo:ok');
  assert.deepEqual(result.userInfo, userInfo);
  assert.equal(result.rawData, JSON.stringify(result.userInfo));
  assert.match(result.signature, /^[0-9a-f]{40}$/);
  assert.match(result.encryptedData, /^[A-Za-z0-9+/]+=*$/);
  assert.equal(Buffer.from(result.encryptedData, 'base64').length % 16, 0, 'whole AES blocks');
  assert.equal(Buffer.from(result.iv, 'base64').length, 16);
  assert.deepEqual(Object.keys(result), ['errMsg', 'userInfo', 'rawData', 'signature', 'encryptedData', 'iv']);
}

test('a tap prompts; a refusal gives getUserInfo:fail auth deny and the next tap prompts again', async () => {
  const { auth, prompt } = await game({ prompt: scripted(['reject', 'accept']) });
  const button = auth.api.createUserInfoButton({ type: 'text', text: 'Log in', style: STYLE });
  assert.equal(button.element, null, 'no element outside a page');
  const heard = [];
  button.onTap((res) => heard.push(res));
  assert.deepEqual(await button.tap(), { errMsg: 'getUserInfo:fail auth deny' });
  assert.deepEqual(heard, [{ errMsg: 'getUserInfo:fail auth deny' }]);
  assert.deepEqual(prompt.requests[0], {
    appId: 'wx-test', appName: 'wx-test', platform: 'wechat-minigame', scope: 'scope.userInfo', label: 'User information', desc: null, api: 'getUserInfo',
  });
  assert.deepEqual((await auth.api.getSetting()).authSetting, { 'scope.userInfo': false });
  checkOk(await button.tap());
  assert.equal(prompt.count, 2, 'a button refusal is not sticky');
  checkOk(heard[1]);
  assert.deepEqual((await auth.api.getSetting()).authSetting, { 'scope.userInfo': true });
});

test('once granted, a tap answers at once; authorize and getUserInfo succeed', async () => {
  const { auth, prompt } = await game();
  const button = auth.api.createUserInfoButton({ type: 'image', image: 'login.png', style: STYLE });
  checkOk(await button.tap());
  checkOk(await button.tap());
  assert.equal(prompt.count, 1);
  assert.deepEqual(await auth.api.authorize({ scope: 'scope.userInfo' }), { errMsg: 'authorize:ok' });
  checkOk(await auth.api.getUserInfo());
});

test('a dismissed prompt is a refusal for the button, and records nothing', async () => {
  const { auth } = await game({ prompt: scripted('dismiss') });
  const button = auth.api.createUserInfoButton({ type: 'text', style: STYLE });
  assert.deepEqual(await button.tap(), { errMsg: 'getUserInfo:fail auth deny' });
  assert.equal(auth.stateOf('scope.userInfo'), 'prompt');
});

test('userInfo may be a function of { lang, withCredentials }; without credentials no encryptedData / iv', async () => {
  const asked = [];
  const { auth } = await game({ userInfo: async (how) => { asked.push(how); return { nickName: 'Bo' }; } });
  const button = auth.api.createUserInfoButton({ type: 'text', text: '登录', style: STYLE, lang: 'zh_CN', withCredentials: false });
  const res = await button.tap();
  assert.deepEqual(asked, [{ lang: 'zh_CN', withCredentials: false }]);
  assert.deepEqual(res.userInfo, { nickName: 'Bo', avatarUrl: '', gender: 0, country: '', province: '', city: '', language: 'zh_CN' });
  assert.deepEqual(Object.keys(res), ['errMsg', 'userInfo', 'rawData', 'signature']);
});

test('without a userInfo option: WeChat\'s anonymous placeholder', async () => {
  const { auth } = await game({ userInfo: undefined });
  const res = await auth.api.createUserInfoButton({ type: 'text', style: STYLE }).tap();
  assert.equal(res.userInfo.nickName, '微信用户');
});

test('offTap, hide/show outside a page, destroy', async () => {
  const { auth, errors } = await game();
  const button = auth.api.createUserInfoButton({ type: 'text', style: STYLE });
  const calls = [];
  const one = () => calls.push('one');
  const two = () => calls.push('two');
  button.onTap(one);
  button.onTap(two);
  button.offTap(one);
  button.hide();
  button.show();
  await button.tap();
  assert.deepEqual(calls, ['two']);
  button.onTap(() => { throw new Error('listener broke'); });
  await button.tap();
  assert.equal(errors.at(-1)?.message, 'listener broke', 'a throwing listener is reported, not thrown');
  button.offTap();
  await button.tap();
  assert.deepEqual(calls, ['two', 'two']);
  button.onTap(two);
  button.destroy();
  assert.equal(await button.tap(), undefined);
  await settle();
  assert.deepEqual(calls, ['two', 'two']);
  assert.throws(() => button.onTap('nope'), TypeError);
});

test('options are checked with WeChat\'s parameter-error wording', async () => {
  const { auth } = await game();
  const create = auth.api.createUserInfoButton;
  const cases = [
    [undefined, 'parameter should be Object instead of Undefined;'],
    [{ style: STYLE }, 'parameter.type should be String instead of Undefined;'],
    [{ type: 'button', style: STYLE }, 'parameter.type should be "text" or "image" instead of "button";'],
    [{ type: 'image', style: STYLE }, 'parameter.image should be String instead of Undefined;'],
    [{ type: 'text', text: 7, style: STYLE }, 'parameter.text should be String instead of Number;'],
    [{ type: 'text' }, 'parameter.style should be Object instead of Undefined;'],
    [{ type: 'text', style: { left: '10px' } }, 'parameter.style.left should be Number instead of "10px";'],
    [{ type: 'text', style: { color: 0xffffff } }, 'parameter.style.color should be String instead of Number;'],
    [{ type: 'text', style: { textAlign: 'justify' } }, 'parameter.style.textAlign should be "left", "center" or "right" instead of "justify";'],
    [{ type: 'text', style: {}, lang: 'fr' }, 'parameter.lang should be "en", "zh_CN" or "zh_TW" instead of "fr";'],
    [{ type: 'text', style: {}, withCredentials: 'yes' }, 'parameter.withCredentials should be Boolean instead of "yes";'],
  ];
  for (const [options, sentence] of cases) {
    assert.throws(() => create(options), { name: 'TypeError', message: `createUserInfoButton:fail parameter error: ${sentence}` });
  }
});

both('getUserInfo before any tap: scope unauthorized, no prompt', async ({ call }) => {
  const { auth, prompt } = await game();
  assert.deepEqual(await call(auth.api.getUserInfo, {}), { ok: false, res: { errMsg: 'getUserInfo:fail scope unauthorized' } });
  assert.equal(prompt.count, 0);
});
