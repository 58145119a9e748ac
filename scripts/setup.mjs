// Installs what `npm start`, `npm test` and `npm run bench` need on a fresh machine: the npm
// packages, and (for tests and benchmarks) Debian's Chromium and ChromeDriver. The Rust target
// and the pinned wasm-bindgen CLI are installed by scripts/build.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMEDRIVER = '/usr/bin/chromedriver';

function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, env });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status ?? result.signal})`);
}

export function ensureNodeModules() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) return;
  run('npm', existsSync(lock) ? ['ci', '--no-audit', '--no-fund'] : ['install', '--no-audit', '--no-fund']);
}

export function ensureChromium() {
  if (existsSync(CHROMIUM) && existsSync(CHROMEDRIVER)) return;
  if (process.getuid?.() !== 0) {
    throw new Error('Chromium is missing: run `apt-get install -y chromium chromium-driver` as root');
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], env);
  run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-driver'], env);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const purpose = process.argv[process.argv.indexOf('--for') + 1] ?? 'test';
  try {
    ensureNodeModules();
    if (purpose === 'test' || purpose === 'bench') ensureChromium();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
