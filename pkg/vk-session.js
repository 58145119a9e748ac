// Session APIs (WeChat's createVKSession; the core's API table marks them, src/session.rs): the
// call answers at once with a session object, and the authorization runs when the app calls the
// session's `start(callback)`, whose callback gets a status number (0 started, 2003002 camera not
// granted, 104 / 112 the privacy layer, ...) instead of success / fail. The session is the host's
// (`apis.createVKSession`, called at once with a copy of the option's own properties) with its
// `start` put behind the authorization (vk-session-start.js, loaded on the first start), or a
// built-in one for a browser without VisionKit, which never starts.
import { runCallback } from './calling-form.js';
import { loadSessionStart } from './lazy-modules.js';
import { isObject, copyOwn, typeName } from './values.js';

/**
 * `createVKSession(option)` of the facade; never throws. `host`: `{ codes, report, gate(api),
 * status(code) }` (authorizer.js #lazyHost). `implementation`: the host's (or, through install(),
 * the target's own) createVKSession, or undefined.
 */
export function createSession(host, api, name, implementation, option) {
  const { codes, report } = host;
  const config = copyOwn(option);
  // What start answers without asking anyone: a parameter error, or a host that gave no session.
  let decided = option !== undefined && !isObject(option) ? codes.parameterError : undefined;
  let session;
  let hostStart;
  const start = (callback) => {
    loadSessionStart().then((module) => module.startSession(host, api, callback, session, hostStart, decided), (error) => {
      report(error);
      runCallback(callback, host.status(codes.apiFailed), report);
    });
  };
  if (decided === undefined && implementation) {
    try {
      session = implementation(config);
      // An async implementation: the session is needed now. Its rejection goes to onError, never unhandled.
      if (session instanceof Promise) Promise.prototype.then.call(session, undefined, report);
      if (typeof (hostStart = isObject(session) && session.start) !== 'function') {
        throw new TypeError(`${name} must return a session object with start(), at once (got ${typeName(session)})`);
      }
      Object.defineProperty(session, 'start', { value: start, configurable: true, writable: true });
      return session;
    } catch (error) {
      report(error);
      decided = codes.apiFailed;
      session = hostStart = undefined;
    }
  }
  // No VisionKit here: a session that never starts (start answers 2000002 once authorized), with
  // every other member of WeChat's VKSession doing nothing, as a device without VisionKit has no
  // frames, anchors or markers: code that calls them before checking start's status still runs.
  const builtIn = { state: 0, config, cameraSize: { width: 0, height: 0 }, start };
  for (const method of NO_OPS) builtIn[method] = () => {};
  for (const method of NONE_FOUND) builtIn[method] = () => [];
  return builtIn;
}

const NO_OPS = ['stop', 'destroy', 'on', 'off', 'getVKFrame', 'requestAnimationFrame', 'cancelAnimationFrame', 'addMarker',
  'removeMarker', 'addOSDMarker', 'removeOSDMarker', 'updateOSDThreshold', 'detectBody', 'detectDepth', 'detectFace',
  'detectHand', 'runOCR', 'setDepthOccRange', 'update3DMode', 'updateMaskMode'];
const NONE_FOUND = ['hitTest', 'getAllMarker', 'getAllOSDMarker'];
