// Builds the wasm core into pkg/wasm/: cargo (release, wasm32) → wasm-bindgen (--target web) →
// wasm-opt -Oz (npm's binaryen). Installs the rust target and the exact wasm-bindgen CLI the
// crate pins when they are missing. `--if-missing` skips the build when the output is newer
// than every source file.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

export function build({ ifMissing = false } = {}) {
  if (ifMissing && existsSync(wasmOut)) {
    const sources = Math.max(newestSource(join(root, 'src')), statSync(join(root, 'Cargo.toml')).mtimeMs);
    if (statSync(wasmOut).mtimeMs > sources) return;
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
  minifyGlue();
  console.log(`built ${wasmOut} (${statSync(wasmOut).size} bytes)`);
}

/**
 * wasm-bindgen's glue is generated code: its comments and long names serve no reader, and every
 * page that loads the core downloads it. esbuild minifies whitespace, syntax and local names only;
 * property names (the wasm's imports) are kept.
 */
function minifyGlue() {
  const esbuild = join(root, 'node_modules', '.bin', 'esbuild');
  if (!existsSync(esbuild)) {
    console.warn('esbuild not found (npm install has not run): the glue is not minified.');
    return;
  }
  const glue = join(outDir, 'miniprogram_authorize.js');
  run(esbuild, [glue, '--minify', '--format=esm', '--target=es2020', '--log-level=warning', `--outfile=${glue}`, '--allow-overwrite']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    build({ ifMissing: process.argv.includes('--if-missing') });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
