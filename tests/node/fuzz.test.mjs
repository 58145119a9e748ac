// Issue 11: the seeded fuzz of tests/support/fuzz.mjs, a few thousand calls over every platform
// (`npm run fuzz` runs 100,000 and prints the memory figure too).
//   node --test tests/node/fuzz.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz } from '../support/fuzz.mjs';

test('fuzz, 3,000 hostile calls over six platforms: 0 synchronous throws, complete exactly once, 0 unhandled, 0 traps, healthy after', { timeout: 120_000 }, async () => {
  const counts = await fuzz({ calls: 3000, seed: 11 });
  assert.deepEqual(counts, { calls: 3000, syncThrows: 0, completeNotOnce: 0, unhandled: 0, traps: 0, hookErrors: 0, unhealthy: 0 });
});
