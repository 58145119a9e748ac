// The options of createAuthorizer: read once into a snapshot both the shim and the core read from,
// and those that only the shim uses (handlers, timeouts, listeners), checked before the core reads
// the rest.
import { isObject, snapshot, ownField } from './values.js';

// Host objects the core uses as they are (an IndexedDB and its key range, a DOM container, user
// info the button reads when tapped): the rest of the options is plain data and is copied.
const HELD_AS_GIVEN = ['indexedDB', 'IDBKeyRange', 'container', 'userInfo'];

/**
 * createAuthorizer's options as given now: own properties only, each read once, with no prototype
 * (a getter that throws or a Proxy trap counts as an option left out). Null for a non-object.
 */
export function snapshotOptions(options) {
  if (!isObject(options)) return null;
  const given = snapshot(options, 6);
  for (const name of HELD_AS_GIVEN) {
    const value = ownField(options, name);
    if (value !== undefined) given[name] = value;
  }
  return given;
}

const DEFAULT_PROMPT_TIMEOUT = 60_000;

function optionError(option, reason) {
  return new TypeError(`createAuthorizer: option ${option} ${reason}`);
}

/** The prompt handler, recording every request and its answer in `prompts` (`auth.prompts`). */
function recorded(prompt, prompts) {
  return async (request) => {
    const { signal, ...entry } = request;
    prompts.push(entry);
    return (entry.answer = await prompt(request));
  };
}

/** The shim's options, checked; throws a TypeError naming the first bad one. */
export function readShimOptions(options) {
  if (!isObject(options)) throw optionError('options', 'must be an object');
  const { prompt, settings, apis, promptTimeout, requireUserTap, onChange, onError, userInfo } = options;
  // WeChat's privacy layer (issue 12): the official pop-up and the contract page, for hosts.
  const { privacyPrompt, privacyContract } = options;
  for (const [name, value] of Object.entries({ settings, onChange, onError, privacyPrompt, privacyContract })) {
    if (value !== undefined && typeof value !== 'function') throw optionError(name, 'must be a function');
  }
  if (apis !== undefined && !isObject(apis)) throw optionError('apis', 'must be an object of API implementations');
  for (const [name, value] of Object.entries(apis ?? {})) {
    if (typeof value !== 'function') throw optionError(`apis.${name}`, 'must be a function');
  }
  if (promptTimeout !== undefined && !(typeof promptTimeout === 'number' && promptTimeout >= 0 && Number.isFinite(promptTimeout))) {
    throw optionError('promptTimeout', 'must be a number of milliseconds (0: no timeout)');
  }
  if (requireUserTap !== undefined && typeof requireUserTap !== 'boolean') throw optionError('requireUserTap', 'must be a boolean');
  if (userInfo !== undefined && typeof userInfo !== 'function' && !isObject(userInfo)) {
    throw optionError('userInfo', 'must be an object or a function returning one');
  }
  const prompts = [];
  return {
    // Fixed answers instead of a handler: createAuthorizer calls loadPromptScript.
    prompt: typeof prompt === 'function' ? recorded(prompt, prompts) : undefined,
    prompts,
    settings,
    apis: Object.assign(Object.create(null), apis),
    promptTimeout: promptTimeout ?? DEFAULT_PROMPT_TIMEOUT,
    requireUserTap: requireUserTap ?? true,
    onChange,
    onError,
    userInfo,
    privacyPrompt,
    privacyContract,
  };
}

/** `prompt` given as fixed answers (`'accept'`, `['accept', 'reject']`): pkg/prompt-script.js answers. */
export async function loadPromptScript(hooks, { prompt }) {
  if (prompt !== undefined && typeof prompt !== 'function') {
    hooks.prompt = recorded((await import('./prompt-script.js')).scriptedPrompt(prompt), hooks.prompts);
  }
}
