// Headless Debian Chromium through playwright-core, as every browser test launches it.
import { chromium } from 'playwright-core';

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
