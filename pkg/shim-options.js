// The options of createAuthorizer that only the shim uses (handlers, timeouts, listeners), checked
// before the core reads the rest.
import { isObject } from './values.js';

const DEFAULT_PROMPT_TIMEOUT = 60_000;

function optionError(option, reason) {
  return new TypeError(`createAuthorizer: option ${option} ${reason}`);
}

const ANSWERS = ['accept', 'reject', 'dismiss'];

/**
 * `prompt` as a handler that records every request and its answer in `prompts` (`auth.prompts`).
 * A function answers as given; an answer (`'accept'`) answers every prompt; an array of answers
 * answers prompts in order, and a prompt past its end fails the call (`prompt failed: …`, with an
 * `error` event) rather than guessing an answer.
 */
function promptHandler(prompt, prompts) {
  if (prompt === undefined) return undefined;
  const script = Array.isArray(prompt) ? [...prompt] : null;
  const scripted = script?.length;
  if (typeof prompt !== 'function' && !(script ?? [prompt]).every((answer) => ANSWERS.includes(answer))) {
    throw optionError('prompt', 'must be a function, "accept", "reject", "dismiss" or an array of those');
  }
  const answer = typeof prompt === 'function' ? prompt : (request) => {
    if (!script) return prompt;
    if (script.length === 0) throw new Error(`the prompt script has no answer left for prompt ${prompts.length} (${request.scope}); it had ${scripted}`);
    return script.shift();
  };
  return async (request) => {
    const { signal, ...entry } = request;
    prompts.push(entry);
    return (entry.answer = await answer(request));
  };
}

/** The shim's options, checked; throws a TypeError naming the first bad one. */
export function readShimOptions(options) {
  if (!isObject(options)) throw optionError('options', 'must be an object');
  const { prompt, settings, apis, promptTimeout, requireUserTap, onChange, onError, userInfo } = options;
  for (const [name, value] of Object.entries({ settings, onChange, onError })) {
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
    prompt: promptHandler(prompt, prompts),
    prompts,
    settings,
    apis: { ...apis },
    promptTimeout: promptTimeout ?? DEFAULT_PROMPT_TIMEOUT,
    requireUserTap: requireUserTap ?? true,
    onChange,
    onError,
    userInfo,
  };
}
