// The `baseLibrary` option's text (pkg/base-library.js, loaded with the option): what counts as a
// version, and how it reaches the core (src/base_library.rs Version::unpack).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { packBaseLibrary } from '../../pkg/base-library.js';
import { createAuthorizer } from './helpers.mjs';

test('versions are two or three parts of up to six digits, packed part by part', () => {
  const part = 2 ** 20;
  assert.equal(packBaseLibrary('2.32.3'), (2 * part + 32) * part + 3);
  assert.equal(packBaseLibrary('3.0'), packBaseLibrary('3.0.0'));
  assert.ok(packBaseLibrary('2.10.4') > packBaseLibrary('2.9.999999'));
  assert.ok(packBaseLibrary('999999.999999.999999') > packBaseLibrary('3.17.0'));
  for (const bad of ['', '3', '3.', '.3', 'a.b.c', '1.2.3.4', '-1.2.3', '1.2.x', '2.10.4 ', ' 2.10.4', '9999999.0', '2..3', '２.３']) {
    assert.throws(() => packBaseLibrary(bad), /option baseLibrary must be a version such as "2\.32\.3"/, JSON.stringify(bad));
  }
  for (const [bad, type] of [[2.3, 'Number'], [null, 'Null'], [['2', '3'], 'Array'], [{}, 'Object'], [Symbol('v'), 'Symbol']]) {
    assert.throws(() => packBaseLibrary(bad), new RegExp(`option baseLibrary must be a string \\(got ${type}\\)`));
  }
});

test('createAuthorizer rejects a bad baseLibrary, names a good one as given', async () => {
  await assert.rejects(createAuthorizer({ appId: 'wx-base', baseLibrary: 2.3 }), /option baseLibrary must be a string \(got Number\)/);
  await assert.rejects(createAuthorizer({ appId: 'wx-base', baseLibrary: '2.x' }), /option baseLibrary must be a version/);
  const auth = await createAuthorizer({ appId: 'wx-base', baseLibrary: '3.0', storage: 'memory' });
  assert.equal(auth.baseLibrary, '3.0');
  assert.equal(typeof auth.api.getUserProfile, 'function');
  auth.close();
  const old = await createAuthorizer({ appId: 'wx-base', baseLibrary: '2.3.0', storage: 'memory' });
  assert.equal(old.baseLibrary, '2.3.0');
  assert.equal(old.api.getUserProfile, undefined);
  old.close();
});
