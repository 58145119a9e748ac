// The wasm core, loaded once, and the outcome codes every module of the shim compares against.
import initWasm, { openAuthorizer, outcomeCodes, startStatus, Authorizer as WasmAuthorizer } from './wasm/miniprogram_authorize.js';
import { wasmSource } from './wasm-source.js';

export { openAuthorizer, startStatus, WasmAuthorizer };

// openAuthorizer resolves with the core: never thenable, so a `then` planted on Object.prototype
// cannot stand in for it.
Object.defineProperty(WasmAuthorizer.prototype, 'then', { value: undefined });

/** The core's outcome codes by name (`proceed`, `prompt`, `authDeny`, ...), once `ready()` has run. */
export let CODE;
// CODE.proceed and CODE.prompt as plain bindings: the hot path compares against them on every call.
export let PROCEED = -1;
export let PROMPT = -1;
/** CODE.privacy: a privacy API the user has not agreed to (WeChat's privacy layer, pkg/privacy.js). */
export let PRIVACY = -1;

let loading;

/** Loads and instantiates the wasm core once, from where this build keeps it (wasm-source.js). */
export function ready() {
  loading ??= (async () => {
    await initWasm({ module_or_path: await wasmSource() });
    CODE = outcomeCodes();
    PROCEED = CODE.proceed;
    PROMPT = CODE.prompt;
    PRIVACY = CODE.privacy;
  })();
  return loading;
}
