#!/usr/bin/env node
// `npm run bench` (after setup and build): the benchmarks of bench/cases.mjs in Node (IndexedDB
// from fake-indexeddb) and in headless Chromium (bench/bench.html served on 127.0.0.1), cold start
// in fresh processes / fresh browser contexts, and the package size. Prints a table and writes it
// as JSON to bench/results/latest.json (and a dated copy).
//
//   node bench/run.mjs [--node-only | --chromium-only] [--no-size]
//
// Every figure sits beside a baseline measured in the same run (bench/baseline.mjs or raw
// IndexedDB), so the ratios hold on a noisy machine. Nothing here asserts on time.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUDGET, median, run as runCase } from './cases.mjs';
import { packageSizes, wasmBreakdown } from './sizes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench', 'results');
const COLD = { warmup: 1, samples: 9 };
const CASE_ORDER = ['throughput', 'getSetting', 'warmStart', 'persist', 'scale', 'boundary'];
const TARGETS = { authorizeRatio: 0.8, coreGzip: 40 * 1024, coldChromiumMs: 15, scaleRatio: 1.3 };

const args = new Set(process.argv.slice(2));
const wantNode = !args.has('--chromium-only');
const wantChromium = !args.has('--node-only');
const wantSize = !args.has('--no-size');

const log = (message) => process.stderr.write(`bench: ${message}\n`);
const seconds = (start) => `${((performance.now() - start) / 1000).toFixed(1)} s`;

// --- Node ----------------------------------------------------------------------------------------

function nodeColdSample(mode) {
  const child = spawnSync(process.execPath, [join(ROOT, 'bench', 'node-cold.mjs'), mode], { cwd: ROOT, encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`node-cold ${mode} failed: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1));
}

/**
 * Cold-start samples of each mode, interleaved (the order turns every round). Chromium only
 * (bench/cold.html): `floor` is an empty module's import plus the raw IndexedDB read, `preload`
 * the library on a page that preloads its module and wasm.
 */
async function coldStart(sample, modes = ['lib', 'base']) {
  const times = Object.fromEntries(modes.map((mode) => [mode, []]));
  const phases = { import: [], instantiate: [], create: [] };
  let listed;
  for (let round = 0; round < COLD.warmup + COLD.samples; round += 1) {
    for (const mode of round % 2 ? [...modes].reverse() : modes) {
      const result = await sample(mode);
      if (result.error) throw new Error(`cold start (${mode}): ${result.error}`);
      if (mode === 'lib') listed = result.listed;
      if (round < COLD.warmup) continue;
      times[mode].push(result.ms);
      if (mode === 'lib') for (const phase of Object.keys(phases)) phases[phase].push(result.phases[phase]);
    }
  }
  const phaseMedians = Object.fromEntries(Object.entries(phases).map(([phase, values]) => [phase, median(values)]));
  const extra = Object.fromEntries(['floor', 'preload'].filter((mode) => times[mode]).map((mode) => [mode, median(times[mode])]));
  return { listed, lib: median(times.lib), base: median(times.base), ...extra, phases: phaseMedians, samples: times };
}

async function nodeBench() {
  await import('fake-indexeddb/auto');
  const lib = await import('../pkg/index.js');
  const [host, guest] = await Promise.all([import('../pkg/host.js'), import('../pkg/guest.js')]);
  const env = { lib, host, guest, indexedDB: globalThis.indexedDB, prefix: `bench-node-${process.pid}` };
  const results = { environment: { node: process.version, indexedDB: 'fake-indexeddb (in memory)' } };
  for (const name of CASE_ORDER) {
    const start = performance.now();
    results[name] = await runCase(name, env);
    log(`node ${name}: ${seconds(start)}`);
  }
  const start = performance.now();
  results.coldStart = await coldStart(async (mode) => nodeColdSample(mode));
  log(`node coldStart: ${seconds(start)}`);
  return results;
}

// --- Chromium ------------------------------------------------------------------------------------

async function chromiumBench() {
  const { startServer } = await import('../scripts/serve.mjs');
  const { launchChromium } = await import('../tests/support/browser.mjs');
  const server = await startServer({ port: 0, root: ROOT });
  // Cross-origin isolation: performance.now() then ticks in 5 µs steps instead of 100 µs.
  server.server.prependListener('request', (request, response) => {
    response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
  });
  const browser = await launchChromium();
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on('console', (message) => { if (message.type() === 'error') problems.push(message.text()); });
  };
  try {
    const results = { environment: { chromium: browser.version(), indexedDB: 'Chromium, off-the-record context (Playwright)' } };
    const context = await browser.newContext();
    const page = await context.newPage();
    watch(page);
    await page.goto(`${server.origin}/bench/bench.html`);
    await page.waitForFunction(() => window.benchReady === true);
    results.environment.crossOriginIsolated = await page.evaluate(() => globalThis.crossOriginIsolated);
    // What one same-origin request costs here: cold start pays two rounds of module fetches.
    results.environment.fetchMs = await page.evaluate(async () => {
      const times = [];
      for (let i = 0; i < 9; i += 1) {
        const t = performance.now();
        await (await fetch(`/bench/results/.gitkeep?${i}`)).text();
        times.push(performance.now() - t);
      }
      return times.sort((a, b) => a - b)[4];
    });
    for (const name of CASE_ORDER) {
      const start = performance.now();
      results[name] = await page.evaluate(([caseName, prefix]) => window.runCase(caseName, prefix), [name, `bench-chromium-${name}`]);
      log(`chromium ${name}: ${seconds(start)}`);
    }
    await context.close();

    // Cold start, a fresh page per sample: a new tab in a running browser whose database already
    // holds the decisions. The tab has its own renderer (nothing compiled) and every file is
    // fetched again (the server says no-store).
    const load = async (target, step, query) => {
      await target.goto(`${server.origin}/bench/cold.html?mode=${step}&${query}`);
      await target.waitForFunction(() => window.coldResult !== undefined);
      return target.evaluate(() => window.coldResult);
    };
    let start = performance.now();
    const warm = await browser.newContext();
    try {
      const setup = await warm.newPage();
      watch(setup);
      const populated = await load(setup, 'populate', 'db=bench-cold&app=bench-app');
      if (populated.error) throw new Error(`cold start (populate): ${populated.error}`);
      await setup.close();
      results.coldStart = await coldStart(async (mode) => {
        const page = await warm.newPage();
        watch(page);
        try {
          return await load(page, mode, 'db=bench-cold&app=bench-app');
        } finally {
          await page.close();
        }
      }, ['lib', 'base', 'floor', 'preload']);
    } finally {
      await warm.close();
    }
    log(`chromium coldStart: ${seconds(start)}`);

    // First visit: a fresh browser context per sample (its IndexedDB backend starts too), whose
    // first page writes the ten decisions and whose second page is the one timed.
    start = performance.now();
    let counter = 0;
    results.firstVisit = await coldStart(async (mode) => {
      counter += 1;
      const fresh = await browser.newContext();
      try {
        const page = await fresh.newPage();
        watch(page);
        const query = `db=bench-first-${counter}&app=bench-app`;
        const populated = await load(page, 'populate', query);
        return populated.error ? populated : await load(page, mode, query);
      } finally {
        await fresh.close();
      }
    });
    log(`chromium firstVisit: ${seconds(start)}`);
    if (problems.length) results.pageErrors = problems;
    return results;
  } finally {
    await browser.close();
    await server.close();
  }
}

// --- the report ----------------------------------------------------------------------------------

const ns = (value) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} µs` : `${value.toFixed(0)} ns`);
const ms = (value) => `${value.toFixed(value < 1 ? 3 : 2)} ms`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** One row per figure: the library's value, the baseline's, and the ratio that matters. */
function rows(results) {
  const figure = (pick, format, kind) => (env) => {
    const value = results[env] && pick(results[env]);
    if (!value) return null;
    // throughput: the library's calls per second over the baseline's (higher is better);
    // time: the library's time over the baseline's (lower is better).
    const ratio = kind === 'throughput' ? value.base / value.lib : value.lib / value.base;
    return { lib: value.lib, base: value.base, ratio, text: format(value.lib), baseText: format(value.base) };
  };
  const list = [
    {
      id: 'authorize.promise',
      label: 'authorize, decided scope, Promise form (per call)',
      kind: 'throughput',
      get: figure((r) => r.throughput?.promise, ns, 'throughput'),
      target: (row) => `≥ ${TARGETS.authorizeRatio}× baseline throughput`,
      met: (value) => value.ratio >= TARGETS.authorizeRatio,
    },
    {
      id: 'authorize.callback',
      label: 'authorize, decided scope, callback form (per call)',
      kind: 'throughput',
      get: figure((r) => r.throughput?.callback, ns, 'throughput'),
    },
    {
      id: 'getSetting',
      label: 'getSetting, 10 decided scopes (per call)',
      kind: 'throughput',
      get: figure((r) => r.getSetting, ns, 'throughput'),
    },
    {
      id: 'coldStart',
      label: 'cold start: import + instantiate + createAuthorizer, 10 decisions stored (Node: fresh process; Chromium: fresh page)',
      kind: 'time',
      get: figure((r) => r.coldStart, ms, 'time'),
      target: () => `< ${TARGETS.coldChromiumMs} ms in Chromium`,
      met: (value, env) => (env === 'chromium' ? value.lib < TARGETS.coldChromiumMs : null),
    },
    {
      id: 'firstVisit',
      label: 'cold start, first visit: a fresh browser context (Chromium only)',
      kind: 'time',
      get: figure((r) => r.firstVisit, ms, 'time'),
    },
    {
      id: 'warmStart',
      label: 'createAuthorizer with the module loaded, 10 decisions stored',
      kind: 'time',
      get: figure((r) => r.warmStart, ms, 'time'),
    },
    {
      id: 'scale.few',
      label: `createAuthorizer + getSetting, db of ${BUDGET.scale.few} apps × 10 scopes`,
      kind: 'time',
      get: figure((r) => r.scale && { lib: r.scale.lib.few, base: r.scale.base.few }, ms, 'time'),
    },
    {
      id: 'scale.many',
      label: `createAuthorizer + getSetting, db of ${BUDGET.scale.apps.toLocaleString('en')} apps × 10 scopes`,
      kind: 'time',
      get: figure((r) => r.scale && { lib: r.scale.lib.many, base: r.scale.base.many }, ms, 'time'),
    },
    {
      id: 'scale.ratio',
      label: `scale: ${BUDGET.scale.apps.toLocaleString('en')} apps / ${BUDGET.scale.few} apps (same work)`,
      kind: 'ratio',
      get: (env) => {
        const scale = results[env]?.scale;
        if (!scale) return null;
        const lib = scale.lib.many / scale.lib.few;
        const base = scale.base.many / scale.base.few;
        return { lib, base, ratio: lib, text: `${lib.toFixed(2)}×`, baseText: `${base.toFixed(2)}×` };
      },
      target: () => `< ${TARGETS.scaleRatio}`,
      met: (value) => value.lib < TARGETS.scaleRatio,
    },
    {
      id: 'boundary',
      label: 'guest boundary: authorize, decided scope, awaited one at a time, through a MessagePort vs same-page (per call)',
      kind: 'time',
      get: figure((r) => r.boundary, (value) => `${value.toFixed(1)} µs`, 'time'),
      target: () => '< 1 ms per round trip',
      met: (value) => value.lib < 1000,
    },
    {
      id: 'boundary.worker',
      label: 'guest boundary: the same, from a guest Worker (a thread hop each way) vs same-page (Chromium only)',
      kind: 'time',
      get: figure((r) => r.boundary?.worker !== undefined && { lib: r.boundary.worker, base: r.boundary.base }, (value) => `${value.toFixed(1)} µs`, 'time'),
      target: () => '< 1 ms per round trip',
      met: (value) => value.lib < 1000,
    },
    {
      id: 'persist',
      label: 'persisted decision: prompt accepted at once, durable (per call)',
      kind: 'time',
      get: figure((r) => r.persist, ms, 'time'),
    },
  ];
  return list.map((row) => {
    const out = { id: row.id, label: row.label, kind: row.kind, target: row.target?.() ?? '' };
    for (const env of ['node', 'chromium']) {
      const value = row.get(env);
      if (value) out[env] = { ...value, met: row.met ? row.met(value, env) : null };
    }
    return out;
  });
}

function ratioText(row, value) {
  if (!value) return '—';
  if (row.kind === 'ratio') return `raw IDB ${value.baseText}`;
  return `${value.ratio.toFixed(2)}× ${row.kind === 'throughput' ? 'thr' : 'time'}`;
}

function mark(value) {
  if (!value || value.met === null || value.met === undefined) return '';
  return value.met ? ' ✓' : ' ✗';
}

function table(headers, body) {
  const widths = headers.map((header, i) => Math.max(header.length, ...body.map((line) => String(line[i]).length)));
  const line = (cells) => `| ${cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' | ')} |`;
  return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...body.map(line)].join('\n');
}

function report(summary, sizes, wasm, results) {
  const out = [];
  out.push(table(
    ['measurement', 'Node', 'baseline', 'ratio', 'Chromium', 'baseline', 'ratio', 'target'],
    summary.map((row) => [
      row.label,
      row.node ? `${row.node.text}${row.kind === 'ratio' ? mark(row.node) : ''}` : '—',
      row.node?.baseText ?? '—',
      row.node ? `${ratioText(row, row.node)}${row.kind === 'ratio' ? '' : mark(row.node)}` : '—',
      row.chromium ? `${row.chromium.text}${row.kind === 'ratio' || row.id === 'coldStart' ? mark(row.chromium) : ''}` : '—',
      row.chromium?.baseText ?? '—',
      row.chromium ? `${ratioText(row, row.chromium)}${row.kind === 'ratio' || row.id === 'coldStart' ? '' : mark(row.chromium)}` : '—',
      row.target,
    ]),
  ));
  out.push('ratio: "thr" = library throughput / baseline throughput (1 = as fast); "time" = library time / baseline time (1 = as fast).');
  const phases = [['node', 'coldStart', 'Node'], ['chromium', 'coldStart', 'Chromium fresh page'], ['chromium', 'firstVisit', 'Chromium first visit']]
    .filter(([env, id]) => results[env]?.[id]?.phases)
    .map(([env, id, name]) => {
      const { import: load, instantiate, create } = results[env][id].phases;
      return `${name}: import ${ms(load)}, fetch/read + instantiate wasm ${ms(instantiate)}, createAuthorizer ${ms(create)}`;
    });
  if (phases.length) out.push(`cold start by phase (medians): ${phases.join('; ')}.`);
  const fetchMs = results.chromium?.environment?.fetchMs;
  if (fetchMs !== undefined) out.push(`one same-origin fetch of a tiny file from the bench server, in a page already open: ${ms(fetchMs)} (median of 9).`);
  const floor = results.chromium?.coldStart?.floor;
  if (floor !== undefined) {
    out.push(`cold start floor, Chromium fresh page: an empty module's import, then the raw IndexedDB read: ${ms(floor)} (median)`
      + ` — the least any library loaded as a module pays here before it has read IndexedDB; the library is ${(results.chromium.coldStart.lib / floor).toFixed(2)}× that.`);
  }
  const preloaded = results.chromium?.coldStart?.preload;
  if (preloaded !== undefined) {
    out.push(`cold start, Chromium fresh page that preloads the module and the wasm (<link rel=modulepreload>, <link rel=preload as=fetch>): ${ms(preloaded)} (median), ${(preloaded / floor).toFixed(2)}× the floor.`);
  }
  if (sizes) {
    out.push('');
    out.push(table(
      ['file (what a browser downloads for the core)', 'raw', 'gzip -9'],
      [
        ...sizes.core.map((file) => [file.file, kb(file.raw), kb(file.gzip)]),
        [`total core${sizes.total.gzip <= TARGETS.coreGzip ? ' ✓' : ' ✗'} (target ≤ ${kb(TARGETS.coreGzip)} gzip)`, kb(sizes.total.raw), kb(sizes.total.gzip)],
        ...sizes.lazy.map((file) => [`${file.file} (import() on first use, not in core)`, kb(file.raw), kb(file.gzip)]),
        ...sizes.source.map((file) => [`${file.file} (as written: Node's entry, not downloaded by browsers)`, kb(file.raw), kb(file.gzip)]),
      ],
    ));
  }
  if (wasm && !wasm.error) {
    const { optimized, unoptimized } = wasm;
    out.push('');
    out.push(`wasm by crate (twiggy on the shipped code with names kept; ${kb(optimized.total)} of code and data):`);
    out.push(table(
      ['crate', 'bytes', 'share', 'largest item'],
      optimized.byCrate.slice(0, 12).map((entry) => [
        entry.crate, entry.bytes, `${((100 * entry.bytes) / optimized.total).toFixed(1)} %`,
        `${entry.largest[0].name.replace(/::h[0-9a-f]{16}$/, '').replace(/\[[0-9a-f]{16}\]/g, '').slice(0, 70)} (${entry.largest[0].bytes})`,
      ]),
    ));
    out.push(`before wasm-opt (${kb(unoptimized.total)}; less inlined, so closer to who asked for the code): `
      + `${unoptimized.byCrate.slice(0, 10).map((entry) => `${entry.crate} ${kb(entry.bytes)}`).join(', ')}.`);
    out.push('js_sys\'s future_to_promise closure holds the crate\'s own async functions, which wasm-opt inlined into it.');
    const share = unoptimized.serde.named / unoptimized.total;
    const retainedShare = unoptimized.serde.retained / unoptimized.total;
    out.push(`serde + serde-wasm-bindgen: before wasm-opt ${unoptimized.serde.named} B named (${(100 * share).toFixed(1)} %), `
      + `${unoptimized.serde.retained} B with what only they reach (${(100 * retainedShare).toFixed(1)} %) of ${unoptimized.total} B; `
      + `after wasm-opt -Oz ${optimized.serde.named} B still named (the rest inlined into callers such as to_js). `
      + `Estimate for the shipped .wasm: ${kb(share * optimized.total)}–${kb(retainedShare * optimized.total)} raw`
      + (sizes ? `, ≈ ${kb(share * sizes.core.at(-1).gzip)}–${kb(retainedShare * sizes.core.at(-1).gzip)} gzipped (pro rata).` : '.'));
  } else if (wasm?.error) {
    out.push(`wasm breakdown skipped: ${wasm.error}`);
  }
  return out.join('\n');
}

// --- main ----------------------------------------------------------------------------------------

const started = performance.now();
const results = {};
if (wantNode) results.node = await nodeBench();
if (wantChromium) results.chromium = await chromiumBench();
let sizes = null;
let wasm = null;
if (wantSize) {
  sizes = packageSizes(ROOT);
  const start = performance.now();
  try {
    wasm = wasmBreakdown(ROOT);
  } catch (error) {
    wasm = { error: error.message.split('\n')[0] };
  }
  log(`size: ${seconds(start)}${wasm?.cached ? ' (twiggy breakdown cached)' : ''}`);
}
const summary = rows(results);
const text = report(summary, sizes, wasm, results);
process.stdout.write(`\n${text}\n\nnpm run bench: ${seconds(started)}\n`);

const record = {
  date: new Date().toISOString(),
  machine: { platform: `${os.platform()} ${os.arch()}`, cpus: os.cpus().length, cpu: os.cpus()[0]?.model },
  budget: { ...BUDGET, coldStart: COLD },
  targets: TARGETS,
  summary,
  sizes,
  wasm,
  results,
  table: text,
};
mkdirSync(RESULTS, { recursive: true });
const json = `${JSON.stringify(record, null, 2)}\n`;
writeFileSync(join(RESULTS, 'latest.json'), json);
writeFileSync(join(RESULTS, `${record.date.replace(/[:.]/g, '-')}.json`), json);
log(`wrote bench/results/latest.json`);
if (results.chromium?.pageErrors) {
  log(`page errors in Chromium: ${results.chromium.pageErrors.join(' | ')}`);
  process.exitCode = 1;
}
