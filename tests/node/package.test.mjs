// The published package, installed from its tarball, loads in Node with a plain `import`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { installPackedPackage } from '../support/consumer.mjs';

test('npm install of the tarball, then a plain import in Node', () => {
  const dir = installPackedPackage();
  try {
    writeFileSync(join(dir, 'main.js'), `
      import { createAuthorizer } from 'miniprogram-authorize';
      const auth = await createAuthorizer({ appId: 'wx-consumer', prompt: () => 'accept' });
      const granted = await auth.authorize({ scope: 'scope.camera' });
      const setting = await auth.getSetting();
      console.log(JSON.stringify({ granted, camera: setting.authSetting['scope.camera'], storage: auth.storage }));
    `);
    const output = execFileSync(process.execPath, ['main.js'], { cwd: dir, encoding: 'utf8' });
    assert.deepEqual(JSON.parse(output), { granted: { errMsg: 'authorize:ok' }, camera: true, storage: 'memory' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
