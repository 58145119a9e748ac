import * as authorize from 'miniprogram-authorize';
import * as ui from 'miniprogram-authorize/ui';
import scenario from './scenario.cjs';

const report = await scenario(authorize, ui, 'import');
// import.meta.resolve is Node 18.19+ and 20.6+; before that, a namespace without `default` shows
// the ES module entry was loaded (importing the CommonJS one would give its exports as `default`).
console.log(JSON.stringify({ resolved: import.meta.resolve?.('miniprogram-authorize') ?? null, esm: !('default' in authorize), ...report }));
