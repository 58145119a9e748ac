// Short names for what the wasm imports from its JS glue. wasm-bindgen names each import after
// the JS it calls plus a 16-hex-digit hash (`__wbg_transaction_a26f26d9d5badcda`), and the module
// they come from after the glue's file (`./miniprogram_authorize_bg.js`). Those names are written
// twice, in the .wasm's import section and as keys of the glue's import object, and the hashes do
// not compress: about 1.7 KB of the gzipped .wasm and 0.4 KB of the gzipped glue. This renames
// every import to a short name (`0`, `1`, … in base 36) and the module to `a`, in both files,
// after wasm-opt. Imports are referred to by index inside the module, so nothing else changes.

/** LEB128 unsigned integer at `pos`: [value, position after it]. */
function readU32(bytes, pos) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[pos++];
    value |= (byte & 0x7f) << shift;
    shift += 7;
  } while (byte & 0x80);
  return [value >>> 0, pos];
}

function u32(value) {
  const out = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

const encodedName = (text) => {
  const bytes = Buffer.from(text, 'utf8');
  return [...u32(bytes.length), ...bytes];
};

/** Skips an import's description (after its kind byte); returns the position after it. */
function skipImportDescription(bytes, kind, pos) {
  const limits = (at) => {
    const flags = bytes[at];
    let [, next] = readU32(bytes, at + 1);
    if (flags & 1) [, next] = readU32(bytes, next);
    return next;
  };
  switch (kind) {
    case 0: return readU32(bytes, pos)[1]; // function: type index
    case 1: return limits(pos + 1); // table: reference type, limits
    case 2: return limits(pos); // memory: limits
    case 3: return pos + 2; // global: value type, mutability
    case 4: return readU32(bytes, pos + 1)[1]; // tag: attribute, type index
    default: throw new Error(`unknown import kind ${kind}`);
  }
}

/**
 * `wasm` (a Buffer) with its imports renamed, and `glue` (the wasm-bindgen JS) with the same
 * names. Throws if an import's name is not exactly once in the glue: then the glue is not what
 * this was written against, and nothing half-renamed may ship.
 */
export function shortenImportNames(wasm, glue) {
  const parts = [wasm.subarray(0, 8)];
  const renamed = new Map();
  const modules = new Set();
  let pos = 8;
  while (pos < wasm.length) {
    const id = wasm[pos];
    const [size, start] = readU32(wasm, pos + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(pos, end));
      pos = end;
      continue;
    }
    let [count, at] = readU32(wasm, start);
    const section = [...u32(count)];
    for (let index = 0; index < count; index++) {
      let length;
      [length, at] = readU32(wasm, at);
      modules.add(wasm.subarray(at, at + length).toString('utf8'));
      at += length;
      [length, at] = readU32(wasm, at);
      const field = wasm.subarray(at, at + length).toString('utf8');
      at += length;
      const description = at;
      at = skipImportDescription(wasm, wasm[at], at + 1);
      const short = index.toString(36);
      renamed.set(field, short);
      section.push(...encodedName('a'), ...encodedName(short), ...wasm.subarray(description, at));
    }
    if (at !== end) throw new Error('the import section did not parse to its end');
    parts.push(Buffer.from([2, ...u32(section.length), ...section]));
    pos = end;
  }
  if (modules.size !== 1) throw new Error(`expected imports from one module, got ${[...modules].join(', ')}`);
  const [module] = modules;
  let shortGlue = glue;
  for (const [field, short] of renamed) {
    const key = new RegExp(`(?<![\\w$])${field.replace(/\$/g, '\\$')}(?=\\s*:)`, 'g');
    const found = shortGlue.match(key)?.length ?? 0;
    if (found !== 1) throw new Error(`import ${field} is a key of the glue ${found} times, not once`);
    shortGlue = shortGlue.replace(key, `"${short}"`);
  }
  const moduleKey = JSON.stringify(module);
  if (shortGlue.split(moduleKey).length !== 2) throw new Error(`the glue names ${moduleKey} other than once`);
  shortGlue = shortGlue.replace(moduleKey, '"a"');
  return { wasm: Buffer.concat(parts), glue: shortGlue, count: renamed.size };
}
