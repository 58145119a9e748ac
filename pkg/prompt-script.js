// `prompt: 'accept' | 'reject' | 'dismiss'` (one answer for every prompt) and `prompt: [answers]`
// (one per prompt, in order): fixed answers for test harnesses, loaded by createAuthorizer only
// when it is given one, not with the core. A prompt past the script's end fails its call
// (`prompt failed: …`, with an `error` event) rather than guessing an answer.
const ANSWERS = ['accept', 'reject', 'dismiss'];

/** The handler answering `prompt` as given; throws a TypeError when it is no answer or list of them. */
export function scriptedPrompt(prompt) {
  const script = Array.isArray(prompt) ? [...prompt] : [prompt];
  if (!script.every((answer) => ANSWERS.includes(answer))) {
    throw new TypeError('createAuthorizer: option prompt must be a function, "accept", "reject", "dismiss" or an array of those');
  }
  if (!Array.isArray(prompt)) return () => prompt;
  let asked = 0;
  return (request) => {
    asked += 1;
    if (asked > script.length) {
      throw new Error(`the prompt script has no answer left for prompt ${asked} (${request.scope}); it had ${script.length}`);
    }
    return script[asked - 1];
  };
}
