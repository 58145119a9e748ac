// The published package, installed from its tarball, loads in Node with a plain `import`.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage } from '../support/consumer.mjs';

const dir = installPackedPackage();
after(() => rmSync(dir, { recursive: true, force: true }));

writeFileSync(join(dir, 'main.js'), `
  import { createAuthorizer } from 'miniprogram-authorize';
  import { createPrompt } from 'miniprogram-authorize/ui';
  const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'accept' });
  const granted = await auth.authorize({ scope: 'scope.camera' });
  const setting = await auth.getSetting();
  const resolved = [import.meta.resolve('miniprogram-authorize'), import.meta.resolve('miniprogram-authorize/ui')]
    .map((url) => url.slice(url.indexOf('/pkg/') + 1));
  console.log(JSON.stringify({ resolved, granted, camera: setting.authSetting['scope.camera'], storage: auth.storage, ui: typeof createPrompt }));
`);

const run = (conditions) => JSON.parse(execFileSync(process.execPath, [...conditions, 'main.js'], { cwd: dir, encoding: 'utf8' }));
const expected = { granted: { errMsg: 'authorize:ok' }, camera: true, storage: 'memory', ui: 'function' };

test('npm install of the tarball, then a plain import in Node', () => {
  assert.deepEqual(run([]), { resolved: ['pkg/index.js', 'pkg/ui.js'], ...expected });
});

// The browser condition (pkg/index.min.js) fetches its wasm and never names a Node module: it is
// loaded in Chromium by tests/browser/package.test.mjs and tests/consumers/bundlers.test.mjs.
