// WeChat's `wx.getUserProfile({ desc, lang })` (base library 2.10.4+): only inside a user tap, a
// pop-up on every call, no scope recorded; since base library 2.27.1 the nickname "微信用户" and
// the grey default avatar, whatever the user is. Loaded on the first call (Authorizer#getUserProfile),
// which hands it what it drives through `host` (see there): importing a module index.js imports
// would make a shared chunk.

/** WeChat's limit on `desc`, in characters (privacy.md "getUserProfile"). */
const DESC_MAX_CHARS = 30;
const LANGS = ['en', 'zh_CN', 'zh_TW'];

/**
 * What every user looks like since base library 2.27.1. The avatar is the grey default image
 * whose address developers' community posts quote (no official page gives it).
 */
export const ANONYMOUS_USER = Object.freeze({
  nickName: '微信用户',
  avatarUrl: 'https://thirdwx.qlogo.cn/mmopen/vi_32/POgEwh4mIHO4nibH0KlMECNjjGxQUq24ZEaGT4poC6icRiccVGKSyXwibcPq4BWmiaIGuG1icwxaQX6grC9VemZoJ8rg/132',
  gender: 0,
  country: '',
  province: '',
  city: '',
});

/**
 * What a step of a call resolves with: a code (and detail), or the pop-up's word. No prototype, so
 * a `then` planted on Object.prototype cannot make it a thenable (see pkg/prompt-queue.js Verdict).
 */
const verdict = (code, detail, word) => ({ __proto__: null, code, detail, word });
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);

const message = (error) => (error instanceof Error ? error.message || error.name : String(error));

/**
 * `host`: the authorizer's (Authorizer#lazyHost); `api` getUserProfile's id; `tapped` whether the
 * call came inside a user tap; `anonymous` whether the base library anonymises; `privacy` the
 * privacy layer (pkg/privacy.js) or null. Resolves with a Settled.
 */
export async function getUserProfile(host, api, options, tapped, anonymous, privacy) {
  const CODE = host.codes;
  const result = (code, detail) => host.result(api, code, detail);
  if (!isObject(options)) return host.parameterError(api, '', 'Object', options);
  const { desc, lang = 'en' } = options;
  if (typeof desc !== 'string') return host.parameterError(api, 'desc', 'String', desc);
  if (typeof lang !== 'string') return host.parameterError(api, 'lang', 'String', lang);
  const chars = Array.from(desc);
  if (chars.length === 0 || chars.length > DESC_MAX_CHARS || !desc.trim()) return result(CODE.descLength);
  if (!tapped) return result(CODE.tapGestureRequired);
  // The privacy layer (a nickname/avatar API) before the pop-up, as for every privacy API.
  let code = host.check(api);
  while (code === CODE.privacy) {
    const gate = privacy ? await privacy.need('getUserProfile') : verdict(CODE.privacyNotAuthorized);
    if (gate.code !== CODE.proceed) return result(gate.code, gate.detail);
    code = host.check(api);
  }
  if (code !== CODE.proceed) return result(code);
  const answer = await host.inTurn(() => ask(host, desc));
  if (answer.code !== undefined) return result(answer.code, answer.detail);
  if (answer.word !== 'accept') return result(CODE.authDeny);
  const language = LANGS.includes(lang) ? lang : 'en';
  const source = anonymous ? { ...ANONYMOUS_USER } : host.hooks.userInfo;
  const settled = result(CODE.proceed);
  try {
    Object.assign(settled.reply, await host.userInfoResult(source, { lang: language, withCredentials: true }), { errMsg: settled.reply.errMsg });
  } catch (error) {
    return result(CODE.apiFailed, message(error));
  }
  return settled;
}

/** The pop-up, every call: `{ word }` the answer, or `{ code, detail }` when the handler failed. */
async function ask(host, desc) {
  const CODE = host.codes;
  const prompt = await host.prompt();
  if (!prompt) return verdict(undefined, undefined, 'dismiss');
  const scope = 'scope.userInfo';
  const request = { ...host.request, scope, label: host.label(scope) ?? 'User information', desc, api: 'getUserProfile' };
  const asked = await host.ask(prompt, request);
  if (asked.code !== undefined) return asked;
  const { word } = asked;
  if (word !== 'accept' && word !== 'reject' && word !== 'dismiss') return verdict(CODE.invalidPromptAnswer, JSON.stringify(word) ?? String(word));
  return verdict(undefined, undefined, word);
}
