// The authorizer's `change` and `error` listeners, and the channel that tells other tabs of the
// same app and user to re-read after a durable write.
import { errorMessage } from './values.js';

export class Listeners {
  #listeners = { change: new Set(), error: new Set(), privacy: new Set() };

  /** Adds a listener; returns `off`. */
  listen(kind, listener) {
    if (typeof listener !== 'function') throw new TypeError(`on${kind[0].toUpperCase()}${kind.slice(1)}: listener must be a function`);
    this.#listeners[kind].add(listener);
    return () => this.#listeners[kind].delete(listener);
  }

  emit(kind, event) {
    for (const listener of [...this.#listeners[kind]]) {
      try {
        listener(event);
      } catch (error) {
        if (kind === 'error') toConsole(error);
        else this.report(error);
      }
    }
  }

  /**
   * An error for `error` listeners; the console when there are none, so it is never silent.
   * Never throws, whatever the error is: a callback's error whose `stack` getter throws must not
   * stop the `complete` that follows it.
   */
  report(error) {
    if (this.#listeners.error.size === 0) toConsole(error);
    else this.emit('error', error);
  }
}

function toConsole(error) {
  try {
    console.error('miniprogram-authorize:', error);
  } catch {
    try {
      console.error(`miniprogram-authorize: ${errorMessage(error)}`);
    } catch {}
  }
}

/**
 * Other tabs' authorizers of one database: `post()` after a durable write; `onOtherTab()` runs when
 * another tab wrote for the same app and user. None where BroadcastChannel is missing.
 */
export class OtherTabs {
  #channel = null;

  constructor(databaseName, appId, userId, onOtherTab) {
    if (typeof BroadcastChannel === 'undefined') return;
    this.appId = appId;
    this.userId = userId;
    this.#channel = new BroadcastChannel(`miniprogram-authorize:${databaseName}`);
    // A message only ever makes this tab re-read what is stored: it carries no decision.
    this.#channel.onmessage = ({ data }) => {
      if (data?.appId === appId && data?.userId === userId) onOtherTab();
    };
    // Node keeps the process alive while a channel is open; a test harness should not have to close it.
    this.#channel.unref?.();
  }

  post() {
    this.#channel?.postMessage({ appId: this.appId, userId: this.userId });
  }

  close() {
    this.#channel?.close();
    this.#channel = null;
  }
}
