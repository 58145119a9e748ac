// Starts Vite's dev server on a free port and prints its URL (the test stops it).
import { createServer } from 'vite';

const server = await createServer({ server: { host: '127.0.0.1', port: 0 }, logLevel: 'warn' });
await server.listen();
console.log(server.resolvedUrls.local[0]);
