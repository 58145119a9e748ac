// scripts/wasm-imports.mjs: the build's renaming of the wasm's imports, on a module made here, and
// on the package's own pair (which the build already renamed: every import is in the glue).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { shortenImportNames } from '../../scripts/wasm-imports.mjs';

const name = (text) => [text.length, ...Buffer.from(text)];

/** A module importing a function and a memory from `./x_bg.js`, exporting a function that calls the first. */
function moduleImporting(functionName, memoryName) {
  const types = [1, 0x60, 0, 0];
  const imports = [2, ...name('./x_bg.js'), ...name(functionName), 0, 0, ...name('./x_bg.js'), ...name(memoryName), 2, 0, 1];
  const functions = [1, 0];
  const exports = [1, ...name('run'), 0, 1];
  const code = [1, 4, 0, 0x10, 0, 0x0b];
  const section = (id, body) => [id, body.length, ...body];
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...section(1, types), ...section(2, imports), ...section(3, functions),
    ...section(7, exports), ...section(10, code)]);
}

const glue = `const imports = { "./x_bg.js": { __wbg_log_0123456789abcdef: function() { calls.push('log'); }, __wbindgen_memory: memory } };`;

test('every import gets a short name in the module and the glue alike, and the module still links and runs', () => {
  const { wasm, glue: renamed, count } = shortenImportNames(moduleImporting('__wbg_log_0123456789abcdef', '__wbindgen_memory'), glue);
  assert.equal(count, 2);
  const module = new WebAssembly.Module(wasm);
  assert.deepEqual(WebAssembly.Module.imports(module), [{ module: 'a', name: '0', kind: 'function' }, { module: 'a', name: '1', kind: 'memory' }]);
  const calls = [];
  const memory = new WebAssembly.Memory({ initial: 1 });
  const imports = new Function('calls', 'memory', `${renamed}; return imports;`)(calls, memory);
  assert.deepEqual(Object.keys(imports), ['a']);
  new WebAssembly.Instance(module, imports).exports.run();
  assert.deepEqual(calls, ['log']);
});

test('a glue that does not name an import exactly once stops the build rather than ship a half-renamed pair', () => {
  assert.throws(() => shortenImportNames(moduleImporting('__wbg_other_0123456789abcdef', '__wbindgen_memory'), glue), /__wbg_other_0123456789abcdef is a key of the glue 0 times/);
  const twice = glue.replace('__wbindgen_memory: memory', '__wbindgen_memory: memory, again: { __wbindgen_memory: 1 }');
  assert.throws(() => shortenImportNames(moduleImporting('__wbg_log_0123456789abcdef', '__wbindgen_memory'), twice), /2 times/);
});

test("the package's wasm imports only short names from one module, each a key of its glue", () => {
  const module = new WebAssembly.Module(readFileSync(new URL('../../pkg/wasm/miniprogram_authorize_bg.wasm', import.meta.url)));
  const glueText = readFileSync(new URL('../../pkg/wasm/miniprogram_authorize.js', import.meta.url), 'utf8');
  const imports = WebAssembly.Module.imports(module);
  assert.ok(imports.length > 40);
  for (const { module: from, name: field } of imports) {
    assert.equal(from, 'a');
    assert.match(field, /^[0-9a-z]{1,2}$/);
    assert.ok(glueText.includes(`"${field}":`), `${field} is in the glue`);
  }
});
