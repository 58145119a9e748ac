// Where the wasm core comes from in pkg/index.min.js (browsers and bundlers). Written as
// `new URL('…', import.meta.url)` so that webpack, Vite and Parcel see the asset, emit it and
// rewrite the URL to the file they emitted. Rollup and esbuild leave the expression as written:
// inside their bundle it names a file beside the bundle that is not there (and esbuild's default
// iife output has no import.meta.url at all). There the bytes come from wasm-source.inline.js, a
// module of its own that nothing else loads, so no app configures or copies anything.
const AS_WRITTEN = '/wasm/miniprogram_authorize_bg.wasm';

export function wasmSource() {
  try {
    const url = new URL('./wasm/miniprogram_authorize_bg.wasm', import.meta.url);
    // Rewritten by a bundler, or still beside this very file in the package (a page importing
    // pkg/index.min.js itself): the file is there.
    if (!url.pathname.endsWith(AS_WRITTEN) || url.pathname.endsWith(`/pkg${AS_WRITTEN}`)) return url;
  } catch {}
  return import('./wasm-source.inline.js').then((inline) => inline.wasmSource());
}
