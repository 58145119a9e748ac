// The Node consumer (projects/node): main.cjs `require`s the package, main.mjs `import`s it, and
// both run scenario.cjs and print its report. Checked here whole, for whichever Node runs them.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const EXPECTED = {
  ui: 'function',
  granted: { errMsg: 'authorize:ok' },
  prompts: 1,
  refused: [['fail', { errMsg: 'getLocation:fail auth deny' }], ['complete', { errMsg: 'getLocation:fail auth deny' }]],
  refusedSetting: { 'scope.address': true, 'scope.invoiceTitle': true, 'scope.invoice': true, 'scope.userLocation': false },
  otherTab: { scope: 'scope.record', previous: 'prompt', state: 'granted', source: 'other-tab' },
  reopened: { storage: 'indexeddb', record: 'granted', answer: { errMsg: 'authorize:ok' }, prompts: 0 },
  uni: { errMsg: 'authorize:ok' },
  alipay: ['auth_user'],
  game: 'Ann',
  profile: '微信用户',
  privacy: { errMsg: 'getPrivacySetting:ok', needAuthorization: false, privacyContractName: '《wx-private小程序隐私保护指引》' },
};

// Node 18.0.0 itself warns on the first touch of the global `Response` (which the wasm-bindgen
// glue tests for); 18.1.0 dropped the warning.
const NODE_18_0_FETCH_WARNING = /^\(node:\d+\) ExperimentalWarning: The Fetch API is an experimental feature\. This feature could change at any time\n\(Use `node --trace-warnings \.\.\.` to show where the warning was created\)\n/;

/** Runs `node [...flags] file` in `dir`; its report, after checking it exited 0 and wrote nothing else. */
function report(dir, node, version, flags, file) {
  const { status, stdout, stderr, error } = spawnSync(node, [...flags, file], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  if (error || status !== 0) assert.fail(`${node} ${file} failed (${error?.message ?? status}):\n${stdout}\n${stderr}`);
  const unexpected = version === 'v18.0.0' ? stderr.replace(NODE_18_0_FETCH_WARNING, '') : stderr;
  assert.equal(unexpected, '', `${file} on Node ${version} wrote to stderr`);
  return JSON.parse(stdout);
}

const versionOf = (node) => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

/** main.cjs with `node` (and `flags`): its report, checked whole; it loaded pkg/index.cjs. */
export function checkRequire(dir, node, flags = []) {
  const cjs = report(dir, node, versionOf(node), flags, 'main.cjs');
  assert.match(cjs.resolved, /\/node_modules\/miniprogram-authorize\/pkg\/index\.cjs$/);
  assert.deepEqual(cjs, { ...EXPECTED, resolved: cjs.resolved, entry: 'require' });
  return cjs;
}

/** main.mjs with `node`: its report, checked whole; it loaded pkg/index.js. */
export function checkImport(dir, node) {
  const esm = report(dir, node, versionOf(node), [], 'main.mjs');
  // import.meta.resolve is there from Node 18.19 and 20.6; `esm` says the same where it is not.
  if (esm.resolved !== null) assert.match(esm.resolved, /\/node_modules\/miniprogram-authorize\/pkg\/index\.js$/);
  assert.deepEqual(esm, { ...EXPECTED, resolved: esm.resolved, esm: true, entry: 'import' });
  return esm;
}
