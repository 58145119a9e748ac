// Types of `miniprogram-authorize/host` (pkg/host.js): serve an authorizer's platform API to a
// guest realm (a Worker or an <iframe sandbox="allow-scripts">) over a MessagePort.
import type { Authorizer, BuiltinPlatform, CustomPlatform, UserInfoButton } from './index.js';

/** What a guest may do: every limit is a positive number; see README "Security model". */
export interface ExposeOptions {
  /** Calls (and handshakes) per second (default 2000), and how many may come at once (`burst`, 2000). */
  rate?: number;
  burst?: number;
  /** Calls sent and not yet answered (default 256). */
  maxPending?: number;
  /** One argument's size in bytes, strings counting two per character (default 256 KiB). */
  maxBytes?: number;
  /** Nesting of one argument (default 32). */
  maxDepth?: number;
  /** Objects and arrays in one argument (default 10,000). */
  maxNodes?: number;
  /** The mini game's user-info buttons a guest may have at once (default 16). */
  maxButtons?: number;
  /** Functions handed to the guest by events and not yet called back (default 64). */
  maxTokens?: number;
  /** Sessions (createVKSession's) a guest may have on the host at once (default 16). */
  maxSessions?: number;
  /** Hears every message the host refused, e.g. `{ reason: 'message too large', method: 'authorize' }`. */
  onReject?: (rejected: { reason: string; method?: string }) => void;
}

/** `Worker` with the DOM lib, an object otherwise. */
export type WorkerLike = typeof globalThis extends { Worker: { prototype: infer T } } ? T : { postMessage(message: unknown): void; terminate(): void };

/** Where the guest runs: a Worker, an <iframe> element, or a MessagePort whose other end it holds. */
export type GuestTarget = { postMessage(message: unknown, ...rest: any[]): void } | object;

export interface ExposedAuthorizer {
  /** Resolves when a guest has connected. */
  readonly ready: Promise<void>;
  /** The host-side user-info buttons of the connected guest (a Node harness can `tap()` them). */
  readonly buttons: UserInfoButton[];
  /** Stops serving: the guest's pending and later calls fail with `<api>:fail host closed`. */
  close(): void;
}

export function exposeAuthorizer<P extends BuiltinPlatform | CustomPlatform>(
  auth: Authorizer<P>,
  target: GuestTarget,
  options?: ExposeOptions,
): ExposedAuthorizer;

/**
 * A Worker of an opaque origin running `url` (started from a `data:` URL): no access to this
 * origin's IndexedDB or BroadcastChannel. Serve a module guest's files with CORS.
 */
export function createGuestWorker(url: string | { href: string }, options?: { type?: 'module' | 'classic'; name?: string }): WorkerLike;
