// One cold-start sample in a fresh Node process (spawned by bench/run.mjs), printed as JSON:
//   node bench/node-cold.mjs lib    import the package + instantiate the wasm + createAuthorizer
//   node bench/node-cold.mjs base   open the database and read the app's range with raw IndexedDB
// IndexedDB is fake-indexeddb (in memory), populated with ten decisions before the clock starts;
// loading fake-indexeddb itself is not timed.
import 'fake-indexeddb/auto';
import { populate, openRaw, readRange } from './cases.mjs';

const mode = process.argv[2];
const databaseName = 'bench-cold';
const appId = 'bench-app';
await populate(indexedDB, databaseName, [appId]);

const start = performance.now();
let result;
if (mode === 'lib') {
  // ready() is what createAuthorizer awaits first; calling it before only splits the phases.
  const { createAuthorizer, ready } = await import('../pkg/index.js');
  const imported = performance.now();
  await ready();
  const instantiated = performance.now();
  const auth = await createAuthorizer({ appId, databaseName, storage: 'indexeddb', prompt: () => 'dismiss' });
  const end = performance.now();
  const { authSetting } = await auth.getSetting();
  auth.close();
  result = {
    ms: end - start,
    phases: { import: imported - start, instantiate: instantiated - imported, create: end - instantiated },
    listed: Object.keys(authSetting).length,
  };
} else if (mode === 'base') {
  const db = await openRaw(indexedDB, databaseName);
  const records = await readRange(db, appId);
  result = { ms: performance.now() - start, listed: records.length };
  db.close();
} else {
  throw new Error(`node-cold: mode must be lib or base, got ${mode}`);
}
process.stdout.write(`${JSON.stringify(result)}\n`);
