// Every bundler builds the same app (tests/consumers/projects/bundlers/src/app.js) from a fresh
// project that installed the packed tarball, with no configuration for this package and no
// warning, and the built page answers `authorize` in Chromium with no console error and no failed
// request. webpack and Vite emit the .wasm named by `new URL(…, import.meta.url)` and the page
// fetches it; Rollup and esbuild emit no such asset, and their pages load the bytes from the
// package's wasm-source.inline.min.js instead (a chunk of its own with Rollup, inside the bundle
// with esbuild), with nothing copied.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepare, runAll, warnings, visit, visitServed } from './support.mjs';
import { launchChromium } from '../support/browser.mjs';

let dir;
before(() => { dir = prepare('bundlers'); });

const answered = { title: 'authorize:ok', problems: [] };

function page(out, script, type = 'module') {
  writeFileSync(join(dir, out, 'index.html'), `<!doctype html><title>loading</title><link rel="icon" href="data:,"><script type="${type}" src="./${script}"></script>`);
}

test('webpack 5, import: production build, the wasm emitted as an asset', async () => {
  const output = await runAll(dir, 'npx', ['webpack', '--mode=production', '--entry', './src/app.js', '--output-path', 'dist/webpack']);
  assert.deepEqual(warnings(output), []);
  page('dist/webpack', 'main.js', 'text/javascript');
  const { wasm, ...result } = await visitServed(dir, '/dist/webpack/index.html');
  assert.deepEqual(result, answered);
  assert.deepEqual(wasm, [200]);
});

test('webpack 5, require(): the CommonJS entry, its wasm inlined, no fs fallback needed', async () => {
  const output = await runAll(dir, 'npx', ['webpack', '--mode=production', '--entry', './src/app-require.cjs', '--output-path', 'dist/webpack-require']);
  assert.deepEqual(warnings(output), []);
  page('dist/webpack-require', 'main.js', 'text/javascript');
  const { wasm, ...result } = await visitServed(dir, '/dist/webpack-require/index.html');
  assert.deepEqual(result, answered);
  assert.deepEqual(wasm, []);
});

test('Vite 8: vite build', async () => {
  const output = await runAll(dir, 'npx', ['vite', 'build', '--outDir', 'dist/vite']);
  assert.deepEqual(warnings(output), []);
  const { wasm, ...result } = await visitServed(join(dir, 'dist/vite'), '/index.html');
  assert.deepEqual(result, answered);
  assert.deepEqual(wasm, [200]);
});

test('Vite 8: the dev server', async () => {
  const server = spawn(process.execPath, ['vite-dev.mjs'], { cwd: dir });
  let output = '';
  server.stderr.on('data', (chunk) => { output += chunk; });
  try {
    const url = await new Promise((resolve, reject) => {
      server.stdout.on('data', (chunk) => { const line = String(chunk).trim(); if (line.startsWith('http')) resolve(line); });
      server.on('close', (code) => reject(new Error(`vite dev exited (${code}): ${output}`)));
    });
    const browser = await launchChromium();
    try {
      const { wasm, ...result } = await visit(browser, url);
      assert.deepEqual(result, answered);
      assert.deepEqual(wasm, [200]);
    } finally {
      await browser.close();
    }
    assert.deepEqual(warnings(output), []);
  } finally {
    server.kill();
  }
});

test('Rollup 4 with @rollup/plugin-node-resolve, with and without `browser: true`: nothing copied, the bytes in a chunk of their own', async () => {
  const output = await runAll(dir, 'npx', ['rollup', '-c', 'rollup.config.mjs']);
  assert.deepEqual(warnings(output), []);
  for (const out of ['dist/rollup', 'dist/rollup-plain']) {
    assert.ok(readdirSync(join(dir, out)).some((file) => file.startsWith('wasm-source.inline')), `${out}: the bytes are a chunk apart from app.js`);
    page(out, 'app.js');
    const { wasm, ...result } = await visitServed(dir, `/${out}/index.html`);
    assert.deepEqual(result, answered, out);
    assert.deepEqual(wasm, [], out);
  }
});

for (const [format, type] of [['esm', 'module'], [null, 'text/javascript']]) {
  test(`esbuild --bundle${format ? ` --format=${format}` : ' (its default: an iife, no import.meta)'}: nothing copied`, async () => {
    const out = `dist/esbuild-${format ?? 'default'}`;
    const output = await runAll(dir, 'npx', ['esbuild', 'src/app.js', '--bundle', ...(format ? [`--format=${format}`] : []), `--outdir=${out}`]);
    assert.deepEqual(warnings(output), []);
    page(out, 'app.js', type);
    const { wasm, ...result } = await visitServed(dir, `/${out}/index.html`);
    assert.deepEqual(result, answered);
    assert.deepEqual(wasm, []);
  });
}

test('no bundler: <script type="module"> importing the installed pkg/index.min.js and pkg/index.js', async () => {
  for (const entry of ['index.min.js', 'index.js']) {
    writeFileSync(join(dir, `plain-${entry}.html`), `<!doctype html><title>loading</title><link rel="icon" href="data:,"><script type="module">
      import { createAuthorizer } from './node_modules/miniprogram-authorize/pkg/${entry}';
      createAuthorizer({ appId: 'wx-plain', prompt: 'accept' }).then((auth) => auth.authorize({ scope: 'scope.camera' }))
        .then((res) => { document.title = res.errMsg; }, (error) => { document.title = 'failed: ' + (error.message ?? error.errMsg); });
    </script>`);
    const { wasm, ...result } = await visitServed(dir, `/plain-${entry}.html`);
    assert.deepEqual(result, answered, entry);
    assert.deepEqual(wasm, [200], entry);
  }
});
