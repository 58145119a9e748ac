// The prompt: one per undecided scope, whoever asks; prompts for different scopes one at a time,
// in call order; the host's handler (or the built-in pop-up) answers within the prompt timeout.
import { CODE } from './core.js';
import { errorMessage, notThenable } from './values.js';

/**
 * What a prompt came to: the outcome code, and the detail of a failure. Never thenable, so no
 * `then` planted on Object.prototype can change it on its way through a Promise.
 */
export const Verdict = notThenable(class Verdict {
  constructor(code, detail) {
    this.code = code;
    this.detail = detail;
  }
});

const TIMED_OUT = Symbol('timed out');

function withTimeout(promise, ms) {
  if (!ms) return promise;
  let timer;
  const timeout = new Promise((resolve) => { timer = setTimeout(resolve, ms, TIMED_OUT); });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
    // Aborted when the prompt times out, so a pop-up on screen closes with it.
    const abort = new AbortController();
    const request = authorizer.promptRequest(api, scope);
    request.signal = abort.signal;
    let answer;
    try {
      answer = await withTimeout(Promise.resolve().then(() => prompt(request)), authorizer.timeout);
    } catch (error) {
      authorizer.report(error);
      return new Verdict(CODE.promptFailed, errorMessage(error));
    }
    if (answer === TIMED_OUT) {
      abort.abort(new Error('prompt timeout'));
      return new Verdict(CODE.promptTimeout);
    }
    return authorizer.settle(scope, answer);
  }
}
