// The one plugin every Rollup app that imports from node_modules has.
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default { input: 'src/app.js', output: { dir: 'dist/rollup', format: 'es' }, plugins: [nodeResolve({ browser: true })] };
