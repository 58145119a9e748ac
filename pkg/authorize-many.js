// An authorize of several scopes at once: Alipay's `my.getAuthCode({ scopes })` and ByteDance's
// comma-separated `tt.authorize({ scope })`. Only those two platforms (and custom profiles in their
// style) need it, so the shim loads it when such an authorizer is created, not with the core.
//
// The shim (index.js) owns the prompt queue and the core; this module gets them through `host`:
// `{ codes, style, unknownScope, scopeId(key), check(id), ask(id), reply(ok, keys, codes, authCode,
// detail), result(scope, code), parameterError(field, expected, value) }`, each about `authorize`.

/** A fresh authorization code per `getAuthCode` success: 32 hex digits, random. */
function randomAuthCode() {
  const bytes = new Uint8Array(16);
  if (globalThis.crypto?.getRandomValues) globalThis.crypto.getRandomValues(bytes);
  else for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A caller's array as it is now, read once (a Proxy or a getter cannot change it later); null if not one. */
function copyList(value) {
  try {
    return Array.isArray(value) ? Array.from(value) : null;
  } catch {
    return null;
  }
}

/**
 * Alipay's `my.getAuthCode({ scopes })`: a string or an array, default `auth_base`; `{ scope }` too.
 * `fields` are the options' own `scope` and `scopes`, read once (null: `options` is no object).
 */
export function getAuthCode(host, options, fields) {
  if (options !== undefined && fields === null) return host.parameterError('', 'Object', options);
  const scopes = fields?.scopes ?? fields?.scope ?? 'auth_base';
  const list = typeof scopes === 'string' ? [scopes] : copyList(scopes);
  if (list === null || list.some((scope) => typeof scope !== 'string')) {
    return host.parameterError('scopes', 'String/Array', scopes);
  }
  if (list.length === 0) return host.result(host.unknownScope, host.codes.invalidScope);
  return authorizeMany(host, list, true);
}

/**
 * `authorize` for several scopes: one prompt per undecided scope, in order. All or nothing
 * (Alipay: the first failure ends the call, before any prompt when a scope is unknown), or each
 * scope for itself (ByteDance). The core words the reply (`replyMany`).
 */
export function authorizeMany(host, keys, allOrNothing) {
  const { codes: CODE } = host;
  const ids = keys.map((key) => host.scopeId(key));
  const codes = ids.map((id) => host.check(id));
  const failed = (code) => code !== CODE.proceed && code !== CODE.prompt;
  const reply = (detail = '') => {
    const ok = codes.every((code) => code === CODE.proceed);
    const authCode = ok && host.style === 'alipay' ? randomAuthCode() : '';
    return host.reply(ok, keys, Uint32Array.from(codes), authCode, detail);
  };
  if (!codes.includes(CODE.prompt) || (allOrNothing && codes.some(failed))) return reply();
  return (async () => {
    const details = [];
    for (const [index, id] of ids.entries()) {
      if (codes[index] !== CODE.prompt) continue;
      ({ code: codes[index], detail: details[index] } = await host.ask(id));
      if (allOrNothing && failed(codes[index])) return reply(details[index]);
    }
    return reply(details[codes.findIndex(failed)]);
  })();
}
