// The options of createAuthorizer that only the shim uses (handlers, timeouts, listeners), checked
// before the core reads the rest.
import { isObject } from './values.js';

const DEFAULT_PROMPT_TIMEOUT = 60_000;

function optionError(option, reason) {
  return new TypeError(`createAuthorizer: option ${option} ${reason}`);
}

/** The shim's options, checked; throws a TypeError naming the first bad one. */
export function readShimOptions(options) {
  if (!isObject(options)) throw optionError('options', 'must be an object');
  const { prompt, settings, apis, promptTimeout, requireUserTap, onChange, onError, userInfo } = options;
  for (const [name, value] of Object.entries({ prompt, settings, onChange, onError })) {
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
  return {
    prompt,
    settings,
    apis: { ...apis },
    promptTimeout: promptTimeout ?? DEFAULT_PROMPT_TIMEOUT,
    requireUserTap: requireUserTap ?? true,
    onChange,
    onError,
    userInfo,
  };
}
