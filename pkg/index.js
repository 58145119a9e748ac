// miniprogram-authorize: the JS shim over the wasm core.
//
// It adapts calling forms (callbacks or a Promise), checks argument types, queues prompts and
// fans out events. What a state means, and every result object and errMsg, comes from the wasm
// `Authorizer` (src/wasm/authorizer.rs). The shim's parts, one job each: core.js (loading the
// wasm), authorizer.js (the calls and the facade), calling-form.js, prompt-queue.js, events.js,
// shim-options.js, values.js.
import { ready, openAuthorizer } from './core.js';
import { Authorizer } from './authorizer.js';
import { loadUserInfo, loadMany, loadPrivacy } from './lazy-modules.js';
import { readShimOptions, loadPromptScript, snapshotOptions } from './shim-options.js';
import { errorMessage } from './values.js';

export { ready, Authorizer };

// The @uni calling form of seed 004: `import { authorize, configure } from 'miniprogram-authorize'`.
// Both return Promises, so pkg/uni.js is loaded on first use, not with the core; it opens its
// default authorizer with the createAuthorizer handed to it.
export function authorize(options) {
  return import('./uni.js').then((uni) => uni.authorize(options, createAuthorizer));
}

export function configure(options) {
  return import('./uni.js').then((uni) => uni.configure(options, createAuthorizer));
}

// Fetch and compile the wasm while the page goes on loading: createAuthorizer then finds it ready.
// A failure here is not lost: createAuthorizer awaits the same promise and rejects with it.
ready().catch(() => {});

/**
 * Creates an authorizer for one app and user. Rejects with an Error naming the option when the
 * options are wrong, or the storage problem when `storage: 'indexeddb'` cannot be had.
 */
export async function createAuthorizer(options) {
  const given = snapshotOptions(options);
  const hooks = readShimOptions(given);
  await loadPromptScript(hooks, given);
  // WeChat's privacy layer (pkg/privacy.js): loaded with a `privacy` option only, checked first.
  const privacy = given.privacy !== undefined ? await loadPrivacy() : null;
  const bad = privacy?.checkPrivacyOptions(given.privacy);
  if (bad) throw bad;
  // WeChat's base library (pkg/base-library.js): the text kept for auth.baseLibrary, the core
  // given it parsed.
  const baseLibrary = given.baseLibrary;
  if (baseLibrary !== undefined) given.baseLibrary = (await import('./base-library.js')).packBaseLibrary(baseLibrary);
  await ready();
  let core;
  try {
    core = await openAuthorizer(given);
  } catch (error) {
    throw new Error(`createAuthorizer: ${errorMessage(error)}`);
  }
  const description = core.describe();
  description.baseLibrary = baseLibrary ?? description.baseLibrary;
  // createUserInfoButton answers synchronously, so its module must be here before the facade is.
  const buttons = description.userInfoButton ? await loadUserInfo() : null;
  const many = description.style === 'alipay' || description.style === 'bytedance' ? await loadMany() : null;
  return new Authorizer(core, hooks, given, description, buttons, many, privacy);
}
