// Where the wasm core comes from in pkg/index.cjs (the `require` entry): its bytes, inlined by
// esbuild's binary loader. A CommonJS consumer (Jest, webpack's `require`, Node before require(esm))
// then needs no file read, no fetch of a file: URL and no asset handling; the bundle is about a
// third larger than the .wasm, which is why browsers' ESM entry fetches the file instead.
import bytes from './wasm/miniprogram_authorize_bg.wasm';

export const wasmSource = () => bytes;
