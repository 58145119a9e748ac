// The prompt: one per undecided scope, whoever asks; prompts for different scopes one at a time,
// in call order; the host's handler (or the built-in pop-up) answers within the prompt timeout.
import { CODE } from './core.js';
import { errorMessage, notThenable } from './values.js';

/**
 * What a prompt came to: the outcome code, and the detail of a failure. Never thenable, so no
 * `then` planted on Object.prototype can change it on its way through a Promise.
 */
export const Verdict = notThenable(class Verdict {
  constructor(code, detail, word) {
    this.code = code;
    this.detail = detail;
    /** the handler's answer, when it gave one (askHandler) */
    this.word = word;
  }
});

const TIMED_OUT = Symbol('timed out');

function withTimeout(promise, ms) {
  if (!ms) return promise;
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, TIMED_OUT); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Asks a pop-up handler (the scope prompt, the privacy pop-up, getUserProfile's) within `timeout`
 * ms (0: none). Resolves with a Verdict: its `word`, or `promptFailed` when it threw (reported), or
 * `promptTimeout`, when `request.signal` is aborted so a pop-up on screen closes with it.
 */
export async function askHandler(prompt, request, timeout, report) {
  const abort = new AbortController();
  request.signal = abort.signal;
  let word;
  try {
    word = await withTimeout(Promise.resolve().then(() => prompt(request)), timeout);
  } catch (error) {
    report(error);
    return new Verdict(CODE.promptFailed, errorMessage(error));
  }
  if (word === TIMED_OUT) {
    abort.abort(new Error('prompt timeout'));
    return new Verdict(CODE.promptTimeout);
  }
  return new Verdict(undefined, undefined, word);
}

export class PromptQueue {
  #authorizer;
  #pending = new Map();
  #queue = Promise.resolve();
  #warnedNoPrompt = false;

  /**
   * `authorizer`: `{ timeout, handler(), check(api, scope), promptRequest(api, scope),
   * settle(scope, answer), report(error) }`; `handler()` gives the prompt handler, or a Promise of
   * `{ prompt }` (the built-in pop-up) or null: a function is never passed through a Promise,
   * where a planted `then` could swap it.
   */
  constructor(authorizer) {
    this.#authorizer = authorizer;
  }

  /** Resolves with a Verdict once the answer is durable. */
  ask(api, scope, recheck = () => this.#authorizer.check(api, scope)) {
    let answer = this.#pending.get(scope);
    if (answer === undefined) {
      answer = this.#queue.then(() => this.#prompt(api, scope, recheck));
      this.#queue = answer.then(() => undefined, () => undefined);
      this.#pending.set(scope, answer);
      const forget = () => this.#pending.delete(scope);
      answer.then(forget, forget);
    }
    return answer;
  }

  /**
   * Runs `task` once the pop-ups before it are answered: a pop-up that records no scope decision
   * (getUserProfile's, the privacy pop-up) still shows one at a time, in call order.
   */
  inTurn(task) {
    const turn = this.#queue.then(task);
    this.#queue = turn.then(() => undefined, () => undefined);
    return turn;
  }

  async #prompt(api, scope, recheck) {
    const authorizer = this.#authorizer;
    // Another tab, the host or the settings page may have decided while this waited its turn.
    const now = recheck();
    if (now !== CODE.prompt) return new Verdict(now);
    let prompt = authorizer.handler();
    if (typeof prompt !== 'function') prompt = (await prompt)?.prompt;
    if (!prompt) {
      if (!this.#warnedNoPrompt) {
        this.#warnedNoPrompt = true;
        authorizer.report(new Error('no prompt handler: pass `prompt` to createAuthorizer; every prompt is dismissed'));
      }
      return authorizer.settle(scope, 'dismiss');
    }
    const asked = await askHandler(prompt, authorizer.promptRequest(api, scope), authorizer.timeout, authorizer.report);
    return asked.code === undefined ? authorizer.settle(scope, asked.word) : asked;
  }
}
