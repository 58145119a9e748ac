// The one plugin every Rollup app that imports from node_modules has, as apps write it: with the
// `browser` condition asked for, and as it comes (conditions `default`, `module`, `import`).
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default [
  { input: 'src/app.js', output: { dir: 'dist/rollup', format: 'es' }, plugins: [nodeResolve({ browser: true })] },
  { input: 'src/app.js', output: { dir: 'dist/rollup-plain', format: 'es' }, plugins: [nodeResolve()] },
];
