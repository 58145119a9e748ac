// Headless Debian Chromium through playwright-core, as every browser test launches it.
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startServer } from '../../scripts/serve.mjs';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialing out, and this machine's closed
// network refuses it many times a second.
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export function launchChromium() {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
}

/**
 * The repository served on a free loopback port and one headless Chromium, started before a test
 * file's tests and closed after them: `served.server.origin`, `served.browser.newContext()`.
 */
export function servedChromium(root) {
  const served = { server: null, browser: null };
  before(async () => {
    served.server = await startServer({ port: 0, root });
    served.browser = await launchChromium();
  });
  after(async () => {
    await served.browser?.close();
    await served.server?.close();
  });
  return served;
}

/**
 * What has focus in `page`, looking through shadow roots. `card`: an optional
 * `{ closest, key }` pair of selectors naming the card the focused element sits in (the text of
 * `key` inside its `closest` ancestor).
 */
export function deepFocus(page, card = null) {
  return page.evaluate((card) => {
    let a = document.activeElement;
    let inShadow = false;
    while (a && a.shadowRoot && a.shadowRoot.activeElement) {
      a = a.shadowRoot.activeElement;
      inShadow = true;
    }
    return {
      inShadow,
      tag: a?.tagName?.toLowerCase() ?? null,
      id: a?.id || null,
      value: a?.value ?? null,
      scope: a?.dataset?.scope ?? null,
      text: a?.textContent?.trim() ?? null,
      card: card ? a?.closest?.(card.closest)?.querySelector(card.key)?.textContent ?? null : null,
    };
  }, card);
}

// --- the built-in UI's closed shadow roots ----------------------------------------------------------

/**
 * The built-in pop-up and settings page live in closed shadow roots: page scripts (and Playwright's
 * CSS and role locators) cannot see inside, by design. DevTools can: `closedShadow(page)` finds
 * elements inside the shadow root of a host (`DOM.getDocument` with `pierce: true` includes closed
 * roots), reads them, and clicks them as the user does, with real input events at the element's
 * centre (trusted events, `isTrusted: true`), or types on the keyboard. Nothing in the page is
 * changed or opened to do it.
 *
 *   const ui = await closedShadow(page);
 *   await ui.waitFor('[data-mpa-ui="prompt"]', 'button[value="accept"]');
 *   assert.equal(await ui.text('[data-mpa-ui="prompt"]', '.label'), 'Camera');
 *   await ui.click('[data-mpa-ui="prompt"]', 'button[value="accept"]');
 */
export async function closedShadow(page) {
  const cdp = await page.context().newCDPSession(page);

  /** The nodeIds of the elements matching `selector` in the shadow root of the first `host`. */
  async function findAll(host, selector) {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const hostNode = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: host });
    if (!hostNode.nodeId) return [];
    const shadowRoot = findNode(root, hostNode.nodeId)?.shadowRoots?.[0];
    if (!shadowRoot) return [];
    const { nodeIds } = await cdp.send('DOM.querySelectorAll', { nodeId: shadowRoot.nodeId, selector });
    return nodeIds;
  }

  async function find(host, selector) {
    const [nodeId] = await findAll(host, selector);
    if (!nodeId) throw new Error(`closedShadow: no ${selector} inside ${host}`);
    return nodeId;
  }

  /** Runs `fn(element, arg)` in the page on the element found, and returns its (JSON) result. */
  async function evaluate(host, selector, fn, arg) {
    const { object } = await cdp.send('DOM.resolveNode', { nodeId: await find(host, selector) });
    const { result, exceptionDetails } = await cdp.send('Runtime.callFunctionOn', {
      objectId: object.objectId,
      functionDeclaration: `function (arg) { return (${fn})(this, arg); }`,
      arguments: [{ value: arg }],
      returnByValue: true,
      awaitPromise: true,
    });
    await cdp.send('Runtime.releaseObject', { objectId: object.objectId });
    if (exceptionDetails) throw new Error(`closedShadow: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
    return result.value;
  }

  const ui = {
    cdp,
    findAll,
    evaluate,
    /** How many elements match. */
    count: async (host, selector) => (await findAll(host, selector)).length,
    /** The element's textContent, trimmed. */
    text: (host, selector) => evaluate(host, selector, (element) => element.textContent.trim()),
    /** Waits (polling) until an element matches; throws after `timeout` ms. */
    async waitFor(host, selector, { timeout = 5000 } = {}) {
      const until = Date.now() + timeout;
      for (;;) {
        if ((await findAll(host, selector)).length > 0) return;
        if (Date.now() > until) throw new Error(`closedShadow: ${selector} inside ${host} did not appear in ${timeout} ms`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    },
    /** A user's click at the element's centre: trusted mouse events, as a real click sends them. */
    async click(host, selector) {
      const nodeId = await find(host, selector);
      await cdp.send('DOM.scrollIntoViewIfNeeded', { nodeId }).catch(() => {});
      const { model } = await cdp.send('DOM.getBoxModel', { nodeId });
      const [x1, y1, x2, y2, x3, y3, x4, y4] = model.border;
      await page.mouse.click((x1 + x2 + x3 + x4) / 4, (y1 + y2 + y3 + y4) / 4);
    },
    /** Focuses the element (as DevTools does), for keyboard tests. */
    focus: async (host, selector) => cdp.send('DOM.focus', { nodeId: await find(host, selector) }),
    /** A user's key press (`Enter`, ` `, `Escape`, `Tab`, ...): trusted keyboard events. */
    press: (key) => page.keyboard.press(key),
  };
  return ui;
}

function findNode(node, nodeId) {
  if (node.nodeId === nodeId) return node;
  for (const child of [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])]) {
    const found = findNode(child, nodeId);
    if (found) return found;
  }
  return null;
}

/**
 * For tests that inspect the built-in UI's insides with Playwright's locators (layout, styles,
 * accessibility names): makes this context's shadow roots open, in the test's pages only. The
 * package's roots are closed; tests of what a page script can reach or click must not use this
 * (tests/browser/ui-trust.test.mjs runs on closed roots through `closedShadow`).
 */
export function inspectShadowRoots(context) {
  return context.addInitScript(() => {
    const attach = Element.prototype.attachShadow;
    Element.prototype.attachShadow = function attachShadow(init) {
      return attach.call(this, { ...init, mode: 'open' });
    };
  });
}
