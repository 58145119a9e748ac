// Node (ESM and CommonJS), Jest with its default config (node and jsdom environments) and
// miniprogram-simulate, each a fresh project that installed the packed tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, run } from './support.mjs';

const granted = { errMsg: 'authorize:ok' };

test('Node: import and require', () => {
  const dir = prepare('node');
  const esm = JSON.parse(run(dir, process.execPath, ['main.mjs']));
  assert.match(esm.resolved, /pkg\/index\.js$/);
  assert.deepEqual({ ...esm, resolved: undefined }, { resolved: undefined, granted, ui: 'function', prompts: 1 });
  const cjs = JSON.parse(run(dir, process.execPath, ['main.cjs']));
  assert.match(cjs.resolved, /pkg\/index\.cjs$/);
  assert.deepEqual({ ...cjs, resolved: undefined }, { resolved: undefined, granted, ui: 'function', prompts: 1 });
  // The `browser` + `require` conditions (webpack's require(), Jest's jsdom): the same CommonJS entry.
  const browserRequire = JSON.parse(run(dir, process.execPath, ['--conditions=browser', 'main.cjs']));
  assert.deepEqual(browserRequire, cjs);
});

test('Jest 30, default config: CommonJS tests in the node and jsdom environments, and miniprogram-simulate', () => {
  const dir = prepare('jest');
  const output = run(dir, 'npx', ['jest', '--ci', '--colors=false'], { FORCE_COLOR: '0' });
  assert.doesNotMatch(output, /failed/);
}, { timeout: 300_000 });
