// Where the wasm core comes from, for pkg/index.js as written (Node's entry, and pages that import
// the source without a bundler): read from disk where the module is a file (Node's fetch cannot
// read file: URLs), fetched beside the module elsewhere. The bundles swap this module for their
// own (scripts/build.mjs): wasm-source.browser.js, which never names a Node module, and
// wasm-source.inline.js, the bytes inside the CommonJS bundle.
export async function wasmSource() {
  const url = new URL('./wasm/miniprogram_authorize_bg.wasm', import.meta.url);
  if (url.protocol !== 'file:') return url;
  const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ 'node:fs/promises');
  return readFile(url);
}
