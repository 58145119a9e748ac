#!/usr/bin/env node
// Static file server for the demo emulator (`npm start`) and the browser tests.
// Node's own `http` only, no dependencies. Serves the repository root so that `www/` can import
// `/pkg/index.js` and `/pkg/wasm/...`; bound to 127.0.0.1 only.
//
//   node scripts/serve.mjs            → http://127.0.0.1:8080/www/  (or the next free port)
//   PORT=9000 node scripts/serve.mjs
//
//   import { startServer } from './scripts/serve.mjs';
//   const { url, origin, port, close } = await startServer({ port: 0 });   // 0 = any free port

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HOST = '127.0.0.1';
const DEFAULT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_PORT = 8080;
const PORT_TRIES = 20;

export const CONTENT_TYPES = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
});

function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function send(res, status, body, headers = {}) {
  const text = typeof body === 'string' ? body : '';
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

function isInside(root, file) {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Build the request handler for one root (an absolute, real path). */
function handler(root) {
  return async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
      }
      let pathname;
      try {
        pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      } catch {
        return send(res, 400, 'Bad Request\n');
      }
      if (pathname.includes('\0') || pathname.includes('\\')) return send(res, 400, 'Bad Request\n');
      if (pathname === '/') return send(res, 302, 'Found: /www/\n', { Location: '/www/' });

      const wanted = path.resolve(root, '.' + pathname);
      if (!isInside(root, wanted)) return send(res, 403, 'Forbidden\n');

      let file = wanted;
      let stat;
      try {
        // Resolve symlinks too, so a link cannot lead outside the root.
        file = await fs.promises.realpath(wanted);
        if (!isInside(root, file)) return send(res, 403, 'Forbidden\n');
        stat = await fs.promises.stat(file);
      } catch {
        return send(res, 404, 'Not Found\n');
      }
      if (stat.isDirectory()) {
        if (!pathname.endsWith('/')) {
          const u = new URL(req.url, 'http://x');
          return send(res, 301, 'Moved\n', { Location: u.pathname + '/' + u.search });
        }
        file = path.join(file, 'index.html');
        try {
          stat = await fs.promises.stat(file);
        } catch {
          return send(res, 404, 'Not Found\n');
        }
        if (!stat.isFile()) return send(res, 404, 'Not Found\n');
      } else if (!stat.isFile()) {
        return send(res, 404, 'Not Found\n');
      }

      res.writeHead(200, {
        'Content-Type': contentType(file),
        'Content-Length': stat.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        // A guest in a sandboxed iframe or a data: Worker has an opaque origin: its module imports are cross-origin.
        'Access-Control-Allow-Origin': '*',
      });
      if (req.method === 'HEAD') return res.end();
      const stream = fs.createReadStream(file);
      stream.on('error', () => res.destroy());
      stream.pipe(res);
    } catch (err) {
      if (!res.headersSent) send(res, 500, 'Internal Server Error\n');
      else res.destroy(err);
    }
  };
}

function listen(server, port) {
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      server.off('listening', onListening);
      reject(err);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, HOST);
  });
}

/**
 * Start the server. Resolves once it listens.
 * @param {{ port?: number, root?: string, tries?: number }} [options]
 *   port: first port to try (default `PORT` env or 8080; 0 = any free port);
 *   when busy, the next `tries` ports are tried. root: directory served (default the repo root).
 * @returns {Promise<{ url: string, origin: string, port: number, root: string, server: http.Server, close: () => Promise<void> }>}
 */
export async function startServer({ port, root = DEFAULT_ROOT, tries = PORT_TRIES } = {}) {
  if (port === undefined || port === null || port === '') {
    port = process.env.PORT !== undefined && process.env.PORT !== '' ? Number(process.env.PORT) : DEFAULT_PORT;
  }
  port = Number(port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`startServer: port must be an integer 0..65535, got ${port}`);
  }
  const realRoot = await fs.promises.realpath(path.resolve(root));
  const server = http.createServer(handler(realRoot));
  server.keepAliveTimeout = 1000;

  let lastError;
  const attempts = port === 0 ? 1 : Math.max(1, tries);
  for (let i = 0; i < attempts && port + i <= 65535; i++) {
    try {
      await listen(server, port + i);
      lastError = undefined;
      break;
    } catch (err) {
      lastError = err;
      if (err.code !== 'EADDRINUSE' && err.code !== 'EACCES') break;
    }
  }
  if (lastError) throw lastError;

  const actual = server.address().port;
  const origin = `http://${HOST}:${actual}`;
  return {
    url: `${origin}/www/`,
    origin,
    port: actual,
    root: realRoot,
    server,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections?.();
      }),
  };
}

const runDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (runDirectly) {
  startServer().then(
    ({ url, close }) => {
      console.log(`miniprogram-authorize demo: ${url}`);
      const stop = () => close().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err) => {
      console.error(`serve: ${err.message}`);
      process.exit(1);
    },
  );
}
