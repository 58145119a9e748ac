// The inspector's pop-up mode: a prompt handler that answers by itself (always allow, always deny,
// dismiss) or hands the request to the real pop-up (ask). Bundled into inspector.min.js.

export const AUTO_ANSWER_MODES = Object.freeze(['ask', 'accept', 'reject', 'dismiss']);

/**
 * A prompt handler that answers by itself unless its mode is `ask`, when it hands the request to
 * `prompt` (the real pop-up). Its `mode` is settable; `onModeChange` and `onAnswer` report.
 * @param {(request: object) => unknown} [prompt] the pop-up; without one, `ask` dismisses
 * @param {{ mode?: 'ask'|'accept'|'reject'|'dismiss' }} [options]
 */
export function createAutoAnswer(prompt, options = {}) {
  let mode = AUTO_ANSWER_MODES.includes(options?.mode) ? options.mode : 'ask';
  const modeListeners = new Set();
  const answerListeners = new Set();
  const tell = (listeners, value) => {
    for (const listener of [...listeners]) {
      try {
        listener(value);
      } catch (error) {
        setTimeout(() => {
          throw error;
        });
      }
    }
  };
  async function autoAnswer(request) {
    const auto = mode !== 'ask';
    let answer;
    if (auto) answer = mode;
    else if (typeof prompt === 'function') answer = await prompt(request);
    else answer = 'dismiss';
    tell(answerListeners, { scope: request?.scope, api: request?.api, answer, auto, mode });
    return answer;
  }
  Object.defineProperties(autoAnswer, {
    mode: {
      get: () => mode,
      set: (next) => {
        if (!AUTO_ANSWER_MODES.includes(next)) throw new TypeError(`autoAnswer.mode must be one of ${AUTO_ANSWER_MODES.join(', ')}`);
        if (next === mode) return;
        mode = next;
        tell(modeListeners, mode);
      },
      enumerable: true,
    },
    onModeChange: { value: (listener) => (modeListeners.add(listener), () => modeListeners.delete(listener)) },
    onAnswer: { value: (listener) => (answerListeners.add(listener), () => answerListeners.delete(listener)) },
  });
  return autoAnswer;
}
