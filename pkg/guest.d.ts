// Types of `miniprogram-authorize/guest` (pkg/guest.js): the platform global for code running in
// a Worker or a sandboxed <iframe>, served by a host page's authorizer (miniprogram-authorize/host).
import type { ApiOf, BuiltinPlatform, CustomPlatform } from './index.js';

export interface ConnectOptions {
  /** The port the host serves; without it a Worker or frame finds its host by handshake. */
  port?: unknown;
  /** Install the global as `globalThis[global]` (`wx`, `my`, ...). Default true. */
  install?: boolean;
}

/**
 * Resolves with the platform global (`wx`, `my`, `tt`, `swan`, `ks` or a custom one): every method
 * of the host's `auth.api`, both calling forms, the same results. Name the host's platform to
 * type it: `connect<'alipay'>()`. `createVKSession` returns a session at once whose `start`
 * crosses to the host (the host's authorization, then the host's session) and whose `stop` and
 * `destroy` reach the host's session; the VisionKit session itself stays on the host, so the
 * guest's has `state`, `config`, `start`, `stop`, `destroy`, `on` and `off` (which hear nothing).
 */
export function connect<P extends BuiltinPlatform | CustomPlatform = 'wechat'>(options?: ConnectOptions): Promise<ApiOf<P>>;
