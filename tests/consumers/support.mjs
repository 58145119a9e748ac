// Consumer projects (tests/consumers/projects/*; their Jest and Vitest tests are *.spec.js, which
// node --test does not pick up) that install the packed package the way users do: `npm pack`, then `npm install` of the tarball into a project of their own, with the exact
// tool versions its package.json pins. Each project is kept under target/consumers/ (git-ignored;
// not under node_modules/, which Jest and Vitest skip when looking for tests) keyed by a hash of its
// package.json and Node's version, so a second run installs only the fresh tarball; npm's own
// cache serves the rest. Delete that directory to start from nothing.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../support/browser.mjs';
import { startServer } from '../../scripts/serve.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const PROJECTS = join(ROOT, 'tests', 'consumers', 'projects');
const CACHE = join(ROOT, 'target', 'consumers');

/** The consumer project `name`, with its tools installed and this checkout's tarball freshly in. */
export function prepare(name) {
  const source = join(PROJECTS, name);
  const key = createHash('sha256').update(readFileSync(join(source, 'package.json'))).update(process.version).digest('hex').slice(0, 12);
  const dir = join(CACHE, `${name}-${key}`);
  mkdirSync(dir, { recursive: true });
  // The project's files as they are now; only the installed tools are kept from last time.
  for (const entry of readdirSync(dir)) if (entry !== 'node_modules') rmSync(join(dir, entry), { recursive: true, force: true });
  cpSync(source, dir, { recursive: true });
  const [{ filename }] = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  renameSync(join(dir, filename), join(dir, 'miniprogram-authorize.tgz'));
  rmSync(join(dir, 'node_modules', 'miniprogram-authorize'), { recursive: true, force: true });
  run(dir, 'npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=error']);
  const installed = join(dir, 'node_modules', 'miniprogram-authorize', 'pkg', 'index.min.js');
  if (!existsSync(installed) || !readFileSync(installed).equals(readFileSync(join(ROOT, 'pkg', 'index.min.js')))) {
    throw new Error(`${name}: the installed package is not this checkout's build`);
  }
  return dir;
}

/** Runs a command in `dir`; returns its stdout and stderr together, throws with them on failure. */
export function run(dir, command, args, env = {}) {
  try {
    return execFileSync(command, args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed in ${dir}:\n${error.stdout}\n${error.stderr}`);
  }
}

/** Like run(), and returns stdout + stderr even on success (for warnings that go to stderr). */
export function runAll(dir, command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: dir, env: { ...process.env, ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => { output += chunk; });
    child.stderr.on('data', (chunk) => { output += chunk; });
    child.on('close', (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(' ')} failed (${code}) in ${dir}:\n${output}`))));
  });
}

/** What a bundler's output says that is a warning (webpack "WARNING", Rollup/Vite "(!)", esbuild "▲"). */
export const warnings = (output) => output.split('\n').filter((line) => /warn|\(!\)|▲/i.test(line));

/**
 * Opens `url` in headless Chromium: waits until the app sets the page title (the authorize answer)
 * and gives back the title, every console error or warning, page error and failed request, and the
 * status of each .wasm fetched.
 */
export async function visit(browser, url) {
  const page = await browser.newPage();
  const problems = [];
  const wasm = [];
  page.on('console', (message) => { if (['error', 'warning'].includes(message.type())) problems.push(`console ${message.type()}: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.endsWith('.wasm')) wasm.push(response.status());
    else if (response.status() >= 400) problems.push(`${response.status()} ${response.url()}`);
  });
  await page.goto(url);
  await page.waitForFunction(() => document.title !== 'loading', null, { timeout: 20_000 });
  const title = await page.title();
  await page.close();
  return { title, problems, wasm };
}

/** Serves `root` (as the demo server does: .wasm as application/wasm) and visits `path` there. */
export async function visitServed(root, path) {
  const server = await startServer({ port: 0, root });
  const browser = await launchChromium();
  try {
    return await visit(browser, new URL(path, server.origin).href);
  } finally {
    await browser.close();
    await server.close();
  }
}
