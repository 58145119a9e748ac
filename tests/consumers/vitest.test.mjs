// Vitest 4 from a fresh project that installed the packed tarball: the node and jsdom environments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, run } from './support.mjs';

test('Vitest 4: node and jsdom environments, no config', () => {
  const dir = prepare('vitest');
  const output = run(dir, 'npx', ['vitest', 'run'], { NO_COLOR: '1', CI: '1' });
  assert.match(output, /Tests\s+2 passed/);
});
