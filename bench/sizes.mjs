// Package size for `npm run bench`: the files a browser downloads for the core (the module that
// package.json's `default` condition names, every module it imports statically, and the .wasm),
// raw and gzipped (zlib level 9), the hand-written shim beside it for reference, and a twiggy
// breakdown of the .wasm by crate, with what serde / serde-wasm-bindgen account for.
//
// The breakdown needs function names, which the shipped .wasm does not carry: the release build's
// raw output goes through `wasm-bindgen --keep-debug` and then the same `wasm-opt -Oz` as
// scripts/build.mjs plus `-g` (keep the names section), so code sizes match the shipped file.
// That takes a while, so it is cached under target/bench-twiggy/, keyed by the raw wasm's hash.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { shortenImportNames } from '../scripts/wasm-imports.mjs';

const WASM_OPT_FEATURES = ['--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue'];

const gzip = (bytes) => gzipSync(bytes, { level: 9 }).length;

function fileSize(root, path) {
  const bytes = readFileSync(join(root, path));
  return { file: path, raw: bytes.length, gzip: gzip(bytes) };
}

/** Relative specifiers a module imports statically (`import … from`, `export … from`, bare `import '…'`). */
function staticImports(source) {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found = new Set();
  for (const match of code.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s*['"]([^'"]+)['"]|^\s*import\s*['"]([^'"]+)['"]/gm)) {
    const specifier = match[1] ?? match[2];
    if (specifier.startsWith('.')) found.add(specifier);
  }
  return [...found];
}

/** Every module reachable from `entry` through static imports, entry first. */
function staticGraph(root, entry) {
  const seen = [];
  const visit = (path) => {
    if (seen.includes(path)) return;
    seen.push(path);
    for (const specifier of staticImports(readFileSync(join(root, path), 'utf8'))) {
      visit(relative(root, join(root, dirname(path), specifier)));
    }
  };
  visit(entry);
  return seen;
}

/** Modules `entry`'s graph loads with `import()` (loaded on first use only). */
function dynamicImports(root, modules) {
  const found = new Set();
  for (const path of modules) {
    const source = readFileSync(join(root, path), 'utf8');
    for (const match of source.matchAll(/import\(\s*['"](\.[^'"]+)['"]\s*\)/g)) {
      found.add(relative(root, join(root, dirname(path), match[1])));
    }
  }
  return [...found].filter((path) => !modules.includes(path));
}

/** The module bundlers and browsers load: package.json's `exports['.'].default` (everything but Node and `require`). */
function browserEntry(root) {
  const entry = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).exports['.'].default;
  return relative(root, join(root, entry));
}

export function packageSizes(root) {
  const modules = staticGraph(root, browserEntry(root));
  const wasm = 'pkg/wasm/miniprogram_authorize_bg.wasm';
  const files = [...modules, wasm].map((path) => fileSize(root, path));
  const lazy = dynamicImports(root, modules).map((path) => fileSize(root, path));
  const total = files.reduce((sum, { raw, gzip: gz }) => ({ raw: sum.raw + raw, gzip: sum.gzip + gz }), { raw: 0, gzip: 0 });
  // The shim as written (Node's entry), which the browser entry minifies together with the glue.
  const source = ['pkg/index.js', 'pkg/wasm/miniprogram_authorize.js'].map((path) => fileSize(root, path));
  return { core: files, total, lazy, staticModules: modules, source };
}

// --- twiggy ------------------------------------------------------------------------------------

function run(command, args, cwd) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.slice(0, 3).join(' ')}… failed: ${result.stderr || result.error}`);
  return result.stdout;
}

const isNamesSection = (name) => /^"[^"]* names" subsection$/.test(name) || name === '"name" section headers';
const isSerde = (name) => /serde/.test(name);
const PRIMITIVES = /^(char|str|u8|u16|u32|u64|usize|i8|i16|i32|i64|isize|f32|f64|bool|dyn|\[)/;

/** The crate a twiggy item belongs to, from its demangled name. */
export function crateOf(name) {
  if (name.startsWith('data segment') || /^data\[/.test(name)) return '(data segments: strings, tables)';
  if (name.startsWith('import ')) return '(imports from the JS glue)';
  if (/section|headers$|magic bytes$|^export "|^(table|elem|type|export|global|memory|func)\[/.test(name)) return '(wasm sections and headers)';
  if (/ shim$/.test(name) || /^__(wbindgen|wbg|externref)/.test(name) || /^[A-Za-z]+(_[A-Za-z]+)*$/.test(name)) {
    return '(wasm-bindgen exports and shims)';
  }
  if (/^code\[/.test(name)) return '(unnamed functions)';
  // `<T as alloc::…>::f`, `<F as core::…>`: a generic impl belongs to the trait's crate.
  const generic = name.match(/^<[A-Z]\w* as ([a-z_][a-z0-9_]*)/);
  if (generic) return generic[1];
  const path = name.replace(/^(?:[<&(\s]|mut |dyn |impl )+/, '');
  if (PRIMITIVES.test(path)) return 'core';
  const crate = path.match(/^([A-Za-z_][A-Za-z0-9_]*)/)?.[1] ?? '(other)';
  return crate === '__rustc' ? 'std' : crate;
}

function walkDominators(node, parentSerde, visit) {
  const serde = isSerde(node.name ?? '');
  visit(node, serde, parentSerde);
  for (const child of node.children ?? []) walkDominators(child, serde || parentSerde, visit);
}

/** twiggy's view of one named .wasm: size by crate, and what serde accounts for. */
function analyze(twiggy, file, root) {
  const items = JSON.parse(run(twiggy, ['top', '-f', 'json', '-n', '1000000', file], root));
  const tree = JSON.parse(run(twiggy, ['dominators', '-f', 'json', '-d', '100000', '-r', '10000000', file], root));
  const code = items.filter((item) => !isNamesSection(item.name));
  const total = code.reduce((sum, item) => sum + item.shallow_size, 0);
  const crates = new Map();
  for (const item of code) {
    const crate = crateOf(item.name);
    const entry = crates.get(crate) ?? { crate, bytes: 0, items: 0, largest: [] };
    entry.bytes += item.shallow_size;
    entry.items += 1;
    entry.largest.push({ name: item.name, bytes: item.shallow_size });
    crates.set(crate, entry);
  }
  const byCrate = [...crates.values()]
    .map((entry) => ({ ...entry, largest: entry.largest.sort((a, b) => b.bytes - a.bytes).slice(0, 3) }))
    .sort((a, b) => b.bytes - a.bytes);
  const serdeItems = code.filter((item) => isSerde(item.name));
  let retained = 0;
  for (const top of tree.items ?? [tree]) {
    walkDominators(top, false, (node, serde, parentSerde) => {
      if (serde && !parentSerde) retained += node.retained_size ?? 0;
    });
  }
  return {
    total,
    byCrate,
    serde: {
      named: serdeItems.reduce((sum, item) => sum + item.shallow_size, 0),
      items: serdeItems.length,
      retained,
      largest: serdeItems.sort((a, b) => b.shallow_size - a.shallow_size).slice(0, 6).map((item) => ({ name: item.name, bytes: item.shallow_size })),
    },
  };
}

/**
 * The .wasm by crate and what serde costs, from two named builds of the same release output:
 * `unoptimized` (wasm-bindgen --keep-debug, before wasm-opt: LLVM's functions, little inlined
 * across crates, so serde's code still carries serde's names) and `optimized` (then wasm-opt -Oz
 * -g, the same code as the shipped file: much of serde is inlined into the callers there, so its
 * names undercount). serde's share is `named` (items whose name mentions serde: serde_core,
 * serde_wasm_bindgen and the crate's derived `impl Serialize` code) or `retained` (those plus
 * everything only they reach, per twiggy's dominator tree).
 */
export function wasmBreakdown(root) {
  const twiggy = join(homedir(), '.cargo', 'bin', 'twiggy');
  const raw = join(root, 'target', 'wasm32-unknown-unknown', 'release', 'miniprogram_authorize.wasm');
  if (!existsSync(twiggy)) return { error: `twiggy not found at ${twiggy}` };
  if (!existsSync(raw)) return { error: `no release build at ${raw}` };
  const hash = createHash('sha256').update(readFileSync(raw)).digest('hex').slice(0, 16);
  const cacheDir = join(root, 'target', 'bench-twiggy');
  const cached = join(cacheDir, `${hash}-short-imports.json`);
  if (existsSync(cached)) return { ...JSON.parse(readFileSync(cached, 'utf8')), cached: true };

  mkdirSync(cacheDir, { recursive: true });
  const work = join(cacheDir, `work-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work);
  try {
    run('wasm-bindgen', ['--target', 'web', '--keep-debug', '--omit-default-module-path', '--out-dir', work, '--out-name', 'm', raw], root);
    const unoptimized = join(work, 'm_bg.wasm');
    const optimized = join(work, 'named.wasm');
    run(join(root, 'node_modules', '.bin', 'wasm-opt'), ['-Oz', '-g', ...WASM_OPT_FEATURES, unoptimized, '-o', optimized], root);
    // The shipped .wasm's imports have short names (scripts/wasm-imports.mjs): so do these.
    const renamed = shortenImportNames(readFileSync(optimized), readFileSync(join(work, 'm.js'), 'utf8'));
    writeFileSync(optimized, renamed.wasm);
    const result = { unoptimized: analyze(twiggy, unoptimized, root), optimized: analyze(twiggy, optimized, root) };
    writeFileSync(cached, JSON.stringify(result));
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
