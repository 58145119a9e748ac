// Where the wasm core comes from in pkg/index.min.js (browsers and bundlers): beside the module.
// Written as `new URL('…', import.meta.url)` so webpack, Vite and Parcel see the asset and emit it.
export const wasmSource = () => new URL('./wasm/miniprogram_authorize_bg.wasm', import.meta.url);
