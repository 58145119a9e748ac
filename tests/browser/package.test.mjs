// The published package, installed from its tarball, loads in a browser page with
// <script type="module"> and no bundler, and keeps its decisions in IndexedDB.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage } from '../support/consumer.mjs';
import { launchChromium } from '../support/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

const dir = installPackedPackage();
after(() => rmSync(dir, { recursive: true, force: true }));

test('a <script type="module"> page imports the installed package and persists a decision', async () => {
  writeFileSync(join(dir, 'index.html'), `<!doctype html>
<script type="module">
  import { createAuthorizer } from './node_modules/miniprogram-authorize/pkg/index.js';
  window.run = async () => {
    const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'accept', databaseName: 'consumer' });
    const result = await auth.authorize({ scope: 'scope.camera' });
    return { result, storage: auth.storage, state: auth.stateOf('scope.camera') };
  };
  window.ready = true;
</script>`);
  const server = await startServer({ port: 0, root: dir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error));
    await page.goto(new URL('/index.html', server.origin ?? server.url).href);
    await page.waitForFunction(() => window.ready === true);
    assert.deepEqual(await page.evaluate(() => window.run()), {
      result: { errMsg: 'authorize:ok' },
      storage: 'indexeddb',
      state: 'granted',
    });
    await page.reload();
    await page.waitForFunction(() => window.ready === true);
    const reloaded = await page.evaluate(async () => {
      const { createAuthorizer } = await import('./node_modules/miniprogram-authorize/pkg/index.js');
      const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'reject', databaseName: 'consumer' });
      return auth.stateOf('scope.camera');
    });
    assert.equal(reloaded, 'granted');
    assert.deepEqual(errors, []);
  } finally {
    await browser.close();
    await server.close();
  }
});
