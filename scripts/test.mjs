// Runs every suite and ends with one summary line: the Rust core on the host, the Rust store in
// headless Chromium (wasm-bindgen-test), the Node tests, the browser tests, the consumer projects,
// the type test.
import { spawn } from 'node:child_process';
import { readdirSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const chromedriver = '/usr/bin/chromedriver';

const wasmTests = existsSync(join(root, 'tests', 'wasm'))
  ? readdirSync(join(root, 'tests', 'wasm')).filter((f) => f.endsWith('.rs')).map((f) => f.slice(0, -3))
  : [];

const suites = [
  { name: 'Rust core (host)', command: 'cargo', args: ['test', '--lib'] },
  ...wasmTests.map((test) => ({
    name: `Rust ${test} (headless Chromium)`,
    command: 'cargo',
    args: ['test', '--target', 'wasm32-unknown-unknown', '--test', test],
    env: { CHROMEDRIVER: chromedriver, WASM_BINDGEN_TEST_TIMEOUT: '60' },
  })),
  // --test-force-exit: tests/node/boundary.test.mjs leaves guests' MessagePorts and prompts a test
  // never answers (60 s timers) behind; every test has finished, the file must not wait on them.
  { name: 'Node', command: process.execPath, args: ['--test', '--test-force-exit', '--test-reporter=spec', 'tests/node/'] },
  { name: 'Browser (Playwright)', command: process.execPath, args: ['--test', '--test-concurrency=1', '--test-reporter=spec', 'tests/browser/'] },
  // The packed tarball installed into fresh projects: Node, Jest, miniprogram-simulate, Vitest,
  // TypeScript, webpack, Rollup, esbuild, Vite (`npm run test:consumers` runs this suite alone).
  { name: 'Consumers (packed tarball)', command: process.execPath, args: ['--test', '--test-concurrency=1', '--test-reporter=spec', 'tests/consumers/'] },
];
if (existsSync(join(root, 'tests', 'types', 'tsconfig.json'))) {
  suites.push({ name: 'Types (tsc --noEmit)', command: join(root, 'node_modules', '.bin', 'tsc'), args: ['-p', 'tests/types'], counts: 'one' });
}

function runSuite(suite) {
  return new Promise((resolve) => {
    const child = spawn(suite.command, suite.args, { cwd: root, env: { ...process.env, ...suite.env } });
    let text = '';
    const take = (stream, sink) => stream.on('data', (chunk) => { text += chunk; sink.write(chunk); });
    take(child.stdout, process.stdout);
    take(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code, text }));
  });
}

/** Passed and failed counts from cargo's and node's own summary lines. */
function count(suite, { code, text }) {
  if (suite.counts === 'one') return { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  let passed = 0;
  let failed = 0;
  for (const m of text.matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
    passed += Number(m[1]);
    failed += Number(m[2]);
  }
  const nodePass = [...text.matchAll(/^ℹ pass (\d+)$/gm)].at(-1);
  const nodeFail = [...text.matchAll(/^ℹ fail (\d+)$/gm)].at(-1);
  if (nodePass) passed += Number(nodePass[1]);
  if (nodeFail) failed += Number(nodeFail[1]);
  if (code !== 0 && failed === 0) failed = 1;
  return { passed, failed };
}

let passed = 0;
let failed = 0;
const lines = [];
for (const suite of suites) {
  console.log(`\n=== ${suite.name}: ${suite.command === process.execPath ? 'node' : suite.command} ${suite.args.join(' ')}`);
  const started = Date.now();
  const counts = count(suite, await runSuite(suite));
  passed += counts.passed;
  failed += counts.failed;
  lines.push(`${suite.name}: ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
console.log('\n' + lines.join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
