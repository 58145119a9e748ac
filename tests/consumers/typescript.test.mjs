// TypeScript `--strict` from a fresh project that installed the packed tarball: moduleResolution
// `bundler` and `node16` (ESM and a CommonJS .cts file), no DOM lib and no @types (index.d.ts and
// ui.d.ts need neither), a mini-program project with miniprogram-api-typings' `wx`, and every
// JavaScript and TypeScript example in README.md, compiled as TypeScript.
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
  assert.ok(examples.length >= 5, `found ${examples.length} examples`);
  const out = join(dir, 'readme');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  // Each its own module (top-level await, its own `auth`).
  examples.forEach((code, index) => writeFileSync(join(out, `example-${index + 1}.ts`), `${code}\nexport {};\n`));
  tsc('tsconfig.readme.json');
});
