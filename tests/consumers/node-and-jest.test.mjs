// Node (ESM and CommonJS, on the Node running the tests; node-versions.test.mjs runs the same on
// Node 18 and 20.0), Jest with its default config (node and jsdom environments) and
// miniprogram-simulate, each a fresh project that installed the packed tarball.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, run } from './support.mjs';
import { checkImport, checkRequire } from './node-consumer.mjs';

test('Node: import and require', () => {
  const dir = prepare('node');
  checkImport(dir, process.execPath);
  const cjs = checkRequire(dir, process.execPath);
  // The `browser` + `require` conditions (webpack's require(), Jest's jsdom): the same CommonJS entry.
  assert.deepEqual(checkRequire(dir, process.execPath, ['--conditions=browser']), cjs);
});

test('Jest 30, default config: CommonJS tests in the node and jsdom environments, and miniprogram-simulate', () => {
  const dir = prepare('jest');
  const output = run(dir, 'npx', ['jest', '--ci', '--colors=false'], { FORCE_COLOR: '0' });
  assert.doesNotMatch(output, /failed/);
}, { timeout: 300_000 });
