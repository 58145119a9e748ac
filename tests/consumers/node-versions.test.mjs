// The consumers Node users run, on the oldest Node versions `engines` admits, not only on the one
// running the tests: 18.0.0 and 18.20.8, the first and last of Node 18, and 20.0.0, the first
// Node 20 (`require` of an ES module came in 20.19). projects/node (`require` and `import` of the
// packed tarball: a real authorize, decisions kept in fake-indexeddb, the modules loaded on first
// use) on each; projects/jest (Jest 30's default config, jsdom, miniprogram-simulate) on those
// Jest 30 supports (^18.14 or ^20). The binaries come from the npm registry (node-binaries.mjs),
// cached in target/consumers/.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { checkImport, checkRequire } from './node-consumer.mjs';
import { nodeBinary } from './node-binaries.mjs';
import { prepare, runAll } from './support.mjs';

const VERSIONS = ['18.0.0', '18.20.8', '20.0.0'];
const JEST_30_SUPPORTS = new Set(['18.20.8', '20.0.0']);

const binaries = {};
let node;
let jest;
before(async () => {
  const installed = await Promise.all(VERSIONS.map(nodeBinary));
  VERSIONS.forEach((version, i) => { binaries[version] = installed[i]; });
  node = prepare('node');
  jest = prepare('jest');
}, { timeout: 600_000 });

for (const version of VERSIONS) {
  test(`Node ${version}: require and import`, (t) => {
    const binary = binaries[version];
    if (binary.skip) return t.skip(binary.skip);
    checkRequire(node, binary);
    checkImport(node, binary);
  });
}

for (const version of VERSIONS.filter((version) => JEST_30_SUPPORTS.has(version))) {
  test(`Node ${version}: Jest 30, default config, node and jsdom environments, miniprogram-simulate`, async (t) => {
    const binary = binaries[version];
    if (binary.skip) return t.skip(binary.skip);
    const output = await runAll(jest, binary, [join(jest, 'node_modules', 'jest', 'bin', 'jest.js'), '--ci', '--colors=false'], { FORCE_COLOR: '0' });
    assert.match(output, /^Test Suites: (\d+) passed, \1 total$/m);
    assert.match(output, /^Tests: +(\d+) passed, \1 total$/m);
  }, { timeout: 120_000 });
}
