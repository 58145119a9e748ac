// TypeScript `--strict` from a fresh project that installed the packed tarball: moduleResolution
// `bundler` and `node16` (ESM and a CommonJS .cts file), no DOM lib and no @types (index.d.ts and
// ui.d.ts need neither), a mini-program project with miniprogram-api-typings' `wx`, and every
// JavaScript and TypeScript example in README.md, compiled as TypeScript (with the types of what
// they use: Node, Jest, miniprogram-api-typings).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, prepare, run } from './support.mjs';

const dir = prepare('typescript');
const tsc = (config) => run(dir, join(dir, 'node_modules', '.bin', 'tsc'), ['-p', config]);

test('strict, moduleResolution bundler, no DOM lib', () => {
  tsc('tsconfig.bundler.json');
});

test('strict, moduleResolution node16: ESM, and CommonJS through the require condition', () => {
  tsc('tsconfig.node16.json');
});

test('a mini-program project: miniprogram-api-typings, `wx` itself', () => {
  tsc('tsconfig.miniprogram.json');
});

/** README.md's ```js and ```ts blocks, in order. */
export function readmeExamples() {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  return [...readme.matchAll(/^```(js|ts)\n([\s\S]*?)^```$/gm)].map((match) => match[2]);
}

test('every JavaScript and TypeScript example in README.md compiles as strict TypeScript', () => {
  const examples = readmeExamples();
  assert.ok(examples.length >= 9, `found ${examples.length} examples`);
  const out = join(dir, 'readme');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'node'), { recursive: true });
  mkdirSync(join(out, 'miniprogram'));
  mkdirSync(join(out, 'browser'));
  // Each its own module (top-level await, its own `auth`). Examples that use the mini-program
  // globals (`wx`, `WechatMiniprogram`) compile with miniprogram-api-typings, which clashes with
  // @types/node; examples for a page (`document`) with the DOM lib; the rest with Node's types.
  examples.forEach((code, index) => {
    const kind = /WechatMiniprogram|\(wx\)/.test(code) ? 'miniprogram' : /\bdocument\./.test(code) ? 'browser' : 'node';
    writeFileSync(join(out, kind, `example-${index + 1}.ts`), `${code}\nexport {};\n`);
  });
  // The one package an example names that is not installed here: Taro's API object.
  writeFileSync(join(out, 'node', 'taro.d.ts'), "declare module '@tarojs/taro' { const Taro: Record<string, unknown>; export default Taro; }\n");
  tsc('tsconfig.readme.json');
  tsc('tsconfig.readme-miniprogram.json');
  tsc('tsconfig.readme-browser.json');
});
