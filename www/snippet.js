// A recorded call as a node:test file that reproduces it: the same platform, flavor and app
// config, the scope's state before the call, the pop-up's answer (or a prompt that fails the test
// if a pop-up would be shown), the host's answer, and the exact result asserted.

const ANSWER = { accept: "'accept'", reject: "'reject'", dismiss: "'dismiss'" };

const js = (value) => JSON.stringify(value ?? null);

function hostLine(entry) {
  const api = entry.api;
  if (!api || ['authorize', 'getAuthCode', 'getSetting', 'openSetting'].includes(api)) return null;
  const result = entry.result;
  if (entry.ok && result && typeof result === 'object') {
    const { errMsg, ...fields } = result;
    return `    apis: { ${api}: async () => (${js(fields)}) },`;
  }
  const reason = String(result?.errMsg ?? '').split(':fail')[1]?.replace(/^[: ]/, '');
  if (!entry.ok && reason && !/auth den|auth cancel|parameter error|require permission/.test(reason)) {
    return `    apis: { ${api}: async () => { throw new Error(${js(reason)}); } },`;
  }
  return `    apis: { ${api}: async () => ({}) },`;
}

function callLines(entry, global) {
  const call = String(entry.expr ?? '').split('(')[0] || `${global}.${entry.api}`;
  const args = entry.args === undefined ? '' : js(entry.args);
  const expected = js(entry.result);
  if (entry.form === 'callback') {
    const inner = args && args !== '{}' ? `${args.slice(0, -1)}, ` : '{ ';
    return [
      '  const outcome = await new Promise((resolve) => {',
      `    ${call}(${inner}success: (res) => resolve(['success', res]), fail: (res) => resolve(['fail', res]) });`,
      '  });',
      `  assert.deepEqual(outcome, [${js(entry.outcome === 'success' ? 'success' : 'fail')}, ${expected}]);`,
    ];
  }
  if (entry.outcome === 'rejected') {
    return [
      `  await assert.rejects(${call}(${args}), (res) => {`,
      `    assert.deepEqual(res, ${expected});`,
      '    return true;',
      '  });',
    ];
  }
  return [`  assert.deepEqual(await ${call}(${args}), ${expected});`];
}

export function nodeTestSnippet(entry) {
  const ctx = entry.ctx ?? {};
  const global = ctx.global ?? 'wx';
  const options = [
    `    appId: ${js(ctx.appId ?? 'wx-test')},`,
    `    platform: ${js(ctx.platform ?? 'wechat')},`,
    ctx.flavor ? `    flavor: ${js(ctx.flavor)},` : null,
    '    storage: \'memory\',',
    ctx.permission && Object.keys(ctx.permission).length ? `    permission: ${js(ctx.permission)},` : null,
    entry.answer
      ? `    prompt: () => ${ANSWER[entry.answer] ?? js(entry.answer)},`
      : "    prompt: () => assert.fail('no pop-up was shown for this call'),",
    hostLine(entry),
  ].filter(Boolean);
  const setup = Object.entries(ctx.before ?? {})
    .filter(([, state]) => state === 'granted' || state === 'denied')
    .map(([scope, state]) => `  await auth.setState(${js(scope)}, ${js(state)});`);
  const title = `${global}.${entry.api}: ${entry.result?.errMsg ?? entry.outcome}${entry.popup ? ` (${entry.popup})` : ''}`;
  return [
    "import { test } from 'node:test';",
    "import assert from 'node:assert/strict';",
    "import { createAuthorizer } from 'miniprogram-authorize';",
    '',
    `test(${js(title)}, async () => {`,
    '  const auth = await createAuthorizer({',
    ...options,
    '  });',
    ...setup,
    `  const ${global} = auth.api;`,
    ...callLines(entry, global),
    '});',
    '',
  ].join('\n');
}
