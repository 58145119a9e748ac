// UTF-8 TextDecoder / TextEncoder for pkg/index.cjs, where the global may lack them: Jest's jsdom
// environment has neither, and that bundle must not `require('util')` for them either (webpack 5
// bundles it for browsers, where `util` is no longer polyfilled). scripts/build.mjs injects this
// module into that bundle only, so the wasm-bindgen glue's `TextDecoder` is the global one wherever
// it exists. Only what the glue uses: decode() of a Uint8Array (or of nothing), encode() of a string.
const global = globalThis;

class Utf8Decoder {
  decode(bytes) {
    let text = '';
    let units = [];
    let i = 0;
    while (bytes !== undefined && i < bytes.length) {
      const byte = bytes[i++];
      let point = 0xfffd;
      let need = 0;
      if (byte < 0x80) point = byte;
      else if (byte >= 0xc2 && byte < 0xe0) [point, need] = [byte & 0x1f, 1];
      else if (byte >= 0xe0 && byte < 0xf0) [point, need] = [byte & 0x0f, 2];
      else if (byte >= 0xf0 && byte < 0xf5) [point, need] = [byte & 0x07, 3];
      for (; need > 0; need -= 1, i += 1) {
        if (i >= bytes.length || (bytes[i] & 0xc0) !== 0x80) { point = 0xfffd; break; }
        point = (point << 6) | (bytes[i] & 0x3f);
      }
      if (point > 0xffff) units.push(0xd800 | ((point - 0x10000) >> 10), 0xdc00 | (point & 0x3ff));
      else units.push(point);
      if (units.length >= 4096) { text += String.fromCharCode(...units); units = []; }
    }
    return text + String.fromCharCode(...units);
  }
}

class Utf8Encoder {
  encode(string = '') {
    const bytes = [];
    for (const char of String(string)) {
      let point = char.codePointAt(0);
      if (point >= 0xd800 && point <= 0xdfff) point = 0xfffd;   // a lone surrogate, as TextEncoder does
      if (point < 0x80) bytes.push(point);
      else if (point < 0x800) bytes.push(0xc0 | (point >> 6), 0x80 | (point & 0x3f));
      else if (point < 0x10000) bytes.push(0xe0 | (point >> 12), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
      else bytes.push(0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f));
    }
    return new Uint8Array(bytes);
  }
}

export const TextDecoder = global.TextDecoder ?? Utf8Decoder;
export const TextEncoder = global.TextEncoder ?? Utf8Encoder;
// For tests/node/commonjs.test.mjs, which compares them with Node's own.
export { Utf8Decoder, Utf8Encoder };
