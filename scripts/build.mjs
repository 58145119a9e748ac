// Builds the wasm core into pkg/wasm/: cargo (release, wasm32) → wasm-bindgen (--target web) →
// wasm-opt -Oz (npm's binaryen) → short import names (scripts/wasm-imports.mjs); then, with
// esbuild, pkg/*.min.js (what browsers and bundlers get) and pkg/*.cjs (what `require` gets).
// Installs the rust target and the exact wasm-bindgen CLI the crate pins when they are missing.
// `--if-missing` skips the wasm build when its output is newer than every source file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, statSync, readdirSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shortenImportNames } from './wasm-imports.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'pkg', 'wasm');
const wasmOut = join(outDir, 'miniprogram_authorize_bg.wasm');
const target = 'wasm32-unknown-unknown';

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
  }
}

function output(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export function pinnedWasmBindgenVersion() {
  const manifest = readFileSync(join(root, 'Cargo.toml'), 'utf8');
  const match = manifest.match(/^wasm-bindgen\s*=\s*"=([^"]+)"/m);
  if (!match) throw new Error('Cargo.toml must pin wasm-bindgen with "=X.Y.Z"');
  return match[1];
}

export function ensureToolchain() {
  const installed = output('rustup', ['target', 'list', '--installed']) ?? '';
  if (!installed.split('\n').includes(target)) run('rustup', ['target', 'add', target]);
  const version = pinnedWasmBindgenVersion();
  const have = output('wasm-bindgen', ['--version']);
  if (have !== `wasm-bindgen ${version}`) {
    console.log(`Installing wasm-bindgen-cli ${version} (found: ${have ?? 'none'}); this takes a few minutes.`);
    const args = ['install', 'wasm-bindgen-cli', '--version', version];
    const locked = spawnSync('cargo', [...args, '--locked'], { stdio: 'inherit', cwd: root });
    // The CLI's lockfile can name a dependency version the registry no longer serves; then
    // resolve afresh within the CLI's own semver ranges.
    if (locked.status !== 0) run('cargo', [...args, '--force']);
  }
}

export async function build({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(wasmOut)) {
    const sources = Math.max(newestSource(join(root, 'src')), statSync(join(root, 'Cargo.toml')).mtimeMs);
    // The bundle takes a fraction of a second: remade every time, it never lags pkg/*.js.
    if (statSync(wasmOut).mtimeMs > sources) return await bundleForBrowsers();
  }
  ensureToolchain();
  run('cargo', ['build', '--release', '--target', target, '--lib']);
  mkdirSync(outDir, { recursive: true });
  const raw = join(root, 'target', target, 'release', 'miniprogram_authorize.wasm');
  run('wasm-bindgen', ['--target', 'web', '--omit-default-module-path', '--out-dir', outDir, '--out-name', 'miniprogram_authorize', raw]);
  const wasmOpt = join(root, 'node_modules', '.bin', 'wasm-opt');
  if (existsSync(wasmOpt)) {
    // --converge: repeat -Oz while the file shrinks. The producers and target-features sections
    // are metadata for tools (which compiler made the file, which features it was built with);
    // an engine ignores both, and a browser would download them on every page.
    // --low-memory-unused lets wasm-opt fold constant offsets into loads and stores; it assumes
    // addresses 0..1023 are never touched. Rust's wasm32 layout puts the 1 MiB stack first
    // (growing down towards 0) and the data after it, so those addresses are the last 1 KiB of a
    // full stack, which no call here comes near (no recursion on input).
    run(wasmOpt, ['-Oz', '--converge', '--low-memory-unused', '--strip-producers', '--strip-target-features', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
      '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', wasmOut, '-o', wasmOut]);
  } else {
    console.warn('wasm-opt not found (npm install has not run): the wasm is not size-optimized.');
  }
  const glueOut = join(outDir, 'miniprogram_authorize.js');
  const short = shortenImportNames(readFileSync(wasmOut), readFileSync(glueOut, 'utf8'));
  writeFileSync(wasmOut, short.wasm);
  writeFileSync(glueOut, short.glue);
  await bundleForBrowsers();
  console.log(`built ${wasmOut} (${statSync(wasmOut).size} bytes) and pkg/*.min.js`);
}

/** The package's own modules: index.js and the ones it loads on first use (./ui is public too). */
const BROWSER_ENTRIES = ['index', 'ui', 'uni', 'user-info-button', 'authorize-many', 'prompt-script', 'inspector', 'privacy', 'privacy-ui', 'user-profile', 'base-library'];
/**
 * Modules loaded apart from the core: the guest boundary's host side (only by hosts that use it)
 * and its guest side (in another realm, without the core). Each is bundled whole, with its own
 * copy of what it imports, so neither adds a shared chunk to the core's graph.
 */
const STANDALONE_ENTRIES = ['host', 'guest', 'wasm-source.inline'];
/** The CommonJS entries (package.json's `require` conditions): the public modules. */
const COMMONJS_ENTRIES = ['index', 'ui'];

async function loadEsbuild() {
  if (!existsSync(join(root, 'node_modules', 'esbuild'))) throw new Error('esbuild not found: run `npm install` (npm start and npm test do it)');
  return createRequire(join(root, 'package.json'))('esbuild');
}

/**
 * One module per environment: every bundle imports `./wasm-source.js` as the source does, and this
 * plugin gives it the build's own (pkg/wasm-source.browser.js or pkg/wasm-source.inline.js), so the
 * browser build never names a Node module and the CommonJS one carries its wasm.
 */
function wasmSourceFor(environment) {
  return {
    name: `wasm-source-${environment}`,
    setup(build) {
      build.onResolve({ filter: /^\.\/wasm-source\.js$/ }, () => ({ path: join(root, 'pkg', `wasm-source.${environment}.js`) }));
    },
  };
}

/**
 * The wasm's bytes (wasm-source.inline.js) for a bundle whose bundler left the .wasm behind
 * (wasm-source.browser.js): a standalone file, so its base64 decoder makes no chunk shared with
 * the core.
 */
const wasmBytesApart = {
  name: 'wasm-bytes-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\/wasm-source\.inline\.js$/ }, () => ({ path: './wasm-source.inline.min.js', external: true }));
  },
};

/**
 * What browsers get (package.json's `default` condition): each module of pkg/ minified beside its
 * source as `<name>.min.js`, index.min.js with the wasm-bindgen glue bundled in. One request
 * fewer before the wasm can be fetched, and about 4.6 KB less gzipped than the two files as
 * written. The lazy modules stay separate files (esbuild rewrites `import('./ui.js')` to
 * `'./ui.min.js'`); a shared chunk would cost the page one more round trip, so none may appear.
 */
async function bundleEsm(esbuild, pkg) {
  await esbuild.build({
    entryPoints: BROWSER_ENTRIES.map((name) => join(pkg, `${name}.js`)),
    bundle: true, splitting: true, format: 'esm', minify: true, target: 'es2022', sourcemap: true,
    legalComments: 'none', entryNames: '[name].min', outdir: pkg, logLevel: 'warning',
    plugins: [wasmSourceFor('browser'), wasmBytesApart],
  });
  await esbuild.build({
    entryPoints: STANDALONE_ENTRIES.map((name) => join(pkg, `${name}.js`)),
    bundle: true, format: 'esm', minify: true, target: 'es2022', sourcemap: true,
    legalComments: 'none', entryNames: '[name].min', outdir: pkg, logLevel: 'warning',
    loader: { '.wasm': 'binary' },
  });
  const written = readdirSync(pkg).filter((name) => name.endsWith('.min.js')).sort();
  const expected = [...BROWSER_ENTRIES, ...STANDALONE_ENTRIES].map((name) => `${name}.min.js`).sort();
  if (written.join() !== expected.join()) {
    throw new Error(`the browser bundle must be one file per module of pkg/, got ${written.join(', ')}`);
  }
  const node = written.find((name) => readFileSync(join(pkg, name), 'utf8').includes('node:'));
  if (node) throw new Error(`the browser bundle must not name a Node module: ${node} does`);
}

/**
 * What `require` gets (Jest's default config, webpack's `require()`, Node before require(esm)):
 * index.cjs, the shim, the glue, the modules it loads on first use and the wasm's bytes in one
 * CommonJS file, which runs wherever CommonJS does with nothing else to load (no file read, no
 * fetch, no asset). `TextDecoder` / `TextEncoder` come from pkg/text-codec.js where the global has
 * none (Jest's jsdom environment). Not minified: it is read in stack traces, not downloaded.
 */
async function bundleCommonJs(esbuild, pkg) {
  for (const name of COMMONJS_ENTRIES) {
    await esbuild.build({
      entryPoints: [join(pkg, `${name}.js`)],
      bundle: true, format: 'cjs', platform: 'neutral', target: 'es2022', legalComments: 'none',
      outfile: join(pkg, `${name}.cjs`), logLevel: 'warning', loader: { '.wasm': 'binary' },
      inject: name === 'index' ? [join(pkg, 'text-codec.js')] : [],
      plugins: [wasmSourceFor('inline')],
    });
  }
  // The same types, as CommonJS declarations, for TypeScript code that `require`s the package.
  writeFileSync(join(pkg, 'index.d.cts'), readFileSync(join(pkg, 'index.d.ts'), 'utf8'));
  writeFileSync(join(pkg, 'ui.d.cts'), readFileSync(join(pkg, 'ui.d.ts'), 'utf8').replaceAll("from './index.js'", "from './index.cjs'"));
}

/** The bundles: pkg/*.min.js for browsers and bundlers, pkg/*.cjs for `require`. */
export async function bundleForBrowsers() {
  const esbuild = await loadEsbuild();
  const pkg = join(root, 'pkg');
  const generated = /\.min\.js(\.map)?$|\.cjs$|\.d\.cts$/;
  for (const name of readdirSync(pkg)) if (generated.test(name)) rmSync(join(pkg, name));
  await bundleEsm(esbuild, pkg);
  await bundleCommonJs(esbuild, pkg);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await build({ ifMissing: process.argv.includes('--if-missing') });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
