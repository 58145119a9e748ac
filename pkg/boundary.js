// What host.js and guest.js agree on: the message kinds that cross the boundary, the calling-form
// rule, and the fail object the boundary itself answers with. Imported by both; each browser
// build of them carries its own copy (it is tiny), so neither pulls in the other.

/**
 * Marks the handshake messages (`ready` with a nonce from the guest, `host` and `port` from the host), which
 * travel on the Worker's or the frame's own channel beside whatever else the page posts there.
 */
export const HANDSHAKE = 'miniprogram-authorize/boundary';
export const VERSION = 1;

// guest → host
export const CALL = 1;          // { t, id, m: method, a: argument, h: holes, c: 1 when the guest passed callbacks }
export const BUTTON = 2;        // { t, id, a: createUserInfoButton's options }
export const BUTTON_OP = 3;     // { t, id, op: 'show' | 'hide' | 'destroy' }
export const LISTEN = 4;        // { t, m: 'onX' }
export const UNLISTEN = 5;      // { t, m: 'onX' }
export const INVOKE = 6;        // { t, id: token, a: [values] } a function an event handed to the guest
export const SESSION = 7;       // { t, id, m: a session API, a, h } the host makes the session (createVKSession)
export const SESSION_OP = 8;    // { t, id: session, op: 'start' | 'stop' | 'destroy', c: start's call id } (REPLY r: the status)
// host → guest
export const HELLO = 10;        // { t, v, global, platform, style, calls, sessions, listens, unlistens, button } first on the port
export const REPLY = 11;        // { t, id, ok, r: result }
export const EVENT = 12;        // { t, m: 'onX', a: [values], f: [[index, token]] }
export const TAP = 13;          // { t, id: button, r: the tap's result }
export const BYE = 14;          // { t } the host closed: every call from now on fails here

/** The callbacks stay in the guest; every other field crosses as data. */
export const CALLBACKS = ['success', 'fail', 'complete'];

/** `on[A-Z]…`: a listener method (`onNeedPrivacyAuthorization`); `off…` its counterpart. */
export const isListen = (name) => /^on[A-Z]/.test(name);
export const isUnlisten = (name) => /^off[A-Z]/.test(name);

/**
 * A call the boundary answers itself (refused by the host, or made after the host closed), in
 * the platform's fail shape: the shape src/reply.rs gives a failing host implementation
 * (`Failure::ApiFailed`): `<api>:fail <reason>`, Baidu's errCode 10001, ByteDance's errNo 21100,
 * Alipay's `{ error: 3, errorMessage }`.
 */
export function boundaryFail(style, api, reason) {
  if (style === 'alipay') return { error: 3, errorMessage: reason };
  const reply = { errMsg: `${api}:fail ${reason}` };
  if (style === 'baidu') reply.errCode = 10001;
  else if (style === 'bytedance') reply.errNo = 21100;
  return reply;
}

/**
 * What a session's start gets when the boundary answers it itself (refused by the host, or the
 * host closed): 2000000, the system error of WeChat's VKSession.start (src/session.rs).
 */
export const SESSION_SYSTEM_ERROR = 2000000;
