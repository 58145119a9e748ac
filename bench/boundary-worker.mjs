// The guest of the Chromium boundary bench (bench/cases.mjs, `boundary`): an opaque-origin Worker
// that, asked for `n` calls, awaits a decided-scope `wx.authorize` n times and reports the time.
import { connect } from '/pkg/guest.min.js';

const wx = await connect();
self.addEventListener('message', async ({ data }) => {
  if (data?.bench === undefined) return;
  const options = { scope: data.scope };
  const t = performance.now();
  for (let i = 0; i < data.n; i += 1) await wx.authorize(options);
  self.postMessage({ bench: data.bench, elapsed: performance.now() - t, last: await wx.authorize(options) });
});
self.postMessage({ benchReady: true });
