// A consumer project that installs the packed package the way a real user does:
// `npm pack`, then `npm install <tarball>` into a fresh directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export function installPackedPackage() {
  const dir = mkdtempSync(join(tmpdir(), 'mpa-consumer-'));
  execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  execFileSync('npm', ['install', '--no-audit', '--no-fund', '--silent', join(dir, tarball)], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return dir;
}
