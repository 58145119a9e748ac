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

// pkg/index.js as written, and pkg/index.min.js (what package.json's `browser` condition gives
// bundlers: the shim and the wasm-bindgen glue in one minified module).
for (const entry of ['pkg/index.js', 'pkg/index.min.js']) {
  test(`a <script type="module"> page imports the installed ${entry} and persists a decision`, async () => {
    const url = `./node_modules/miniprogram-authorize/${entry}`;
    const page = `${entry.replace(/\W/g, '-')}.html`;
    writeFileSync(join(dir, page), `<!doctype html>
<script type="module">
  import { createAuthorizer } from '${url}';
  window.run = async () => {
    const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'accept', databaseName: '${page}' });
    const result = await auth.authorize({ scope: 'scope.camera' });
    return { result, storage: auth.storage, state: auth.stateOf('scope.camera') };
  };
  window.ready = true;
</script>`);
    const server = await startServer({ port: 0, root: dir });
    const browser = await launchChromium();
    try {
      const tab = await browser.newPage();
      const errors = [];
      tab.on('pageerror', (error) => errors.push(error));
      await tab.goto(new URL(`/${page}`, server.origin ?? server.url).href);
      await tab.waitForFunction(() => window.ready === true);
      assert.deepEqual(await tab.evaluate(() => window.run()), {
        result: { errMsg: 'authorize:ok' },
        storage: 'indexeddb',
        state: 'granted',
      });
      await tab.reload();
      await tab.waitForFunction(() => window.ready === true);
      const reloaded = await tab.evaluate(async ([moduleUrl, databaseName]) => {
        const { createAuthorizer } = await import(moduleUrl);
        const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'reject', databaseName });
        return auth.stateOf('scope.camera');
      }, [url, page]);
      assert.equal(reloaded, 'granted');
      assert.deepEqual(errors, []);
    } finally {
      await browser.close();
      await server.close();
    }
  });
}
