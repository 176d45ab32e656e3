// A small static file server that behaves like GitHub Pages, for browser
// tests and for previewing dist/ exactly as a static host would serve it:
//   - /path/ serves path/index.html; /path (a folder) redirects to /path/
//   - /path also tries path.html
//   - anything else gets 404.html with status 404
//   - optionally mounted under a sub-path (/faultline/), as a project site is
//   - optionally gzip-compressed (level 9) for clients that accept it, as
//     static hosts serve text and wasm (Lighthouse's numbers need that)
// It listens on loopback only.
//
// CLI:     node scripts/static-server.mjs [DIR=dist] [PORT=8080] [BASE=/]
// Module:  const server = await startStaticServer({ root: 'dist', port: 0, base: '/', gzip: false });
//          server.url  // http://127.0.0.1:PORT/  (including the base)
//          await server.close();

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';

const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.webmanifest': 'application/manifest+json',
};

/** What a static host compresses: text formats and wasm, not images already compressed. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.wasm', '.css', '.json', '.svg', '.txt', '.xml', '.webmanifest', '.ico']);

async function isFile(path) {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

async function isDirectory(path) {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Starts the server; resolves once it is listening. */
export async function startStaticServer({ root = 'dist', port = 0, base = '/', gzip = false } = {}) {
  const rootDir = resolve(root);
  const mount = base.endsWith('/') ? base : `${base}/`;
  if (!(await isFile(join(rootDir, 'index.html')))) {
    throw new Error(`${rootDir}/index.html does not exist: build the site first (make dist)`);
  }

  async function send(request, response, status, file, method) {
    let body = await readFile(file);
    const headers = {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    };
    if (gzip && COMPRESSIBLE.has(extname(file))) {
      headers.vary = 'accept-encoding';
      if (/\bgzip\b/.test(request.headers['accept-encoding'] ?? '')) {
        body = gzipSync(body, { level: 9 });
        headers['content-encoding'] = 'gzip';
      }
    }
    headers['content-length'] = body.length;
    response.writeHead(status, headers);
    response.end(method === 'HEAD' ? undefined : body);
  }

  async function notFound(request, response, method) {
    const page = join(rootDir, '404.html');
    if (await isFile(page)) {
      await send(request, response, 404, page, method);
    } else {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('404 Not Found\n');
    }
  }

  async function handle(request, response) {
    const method = request.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' });
      response.end();
      return;
    }
    const url = new URL(request.url ?? '/', 'http://localhost');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      await notFound(request, response, method);
      return;
    }
    if (`${path}/` === mount) {
      response.writeHead(301, { location: mount + url.search });
      response.end();
      return;
    }
    if (!path.startsWith(mount)) {
      await notFound(request, response, method);
      return;
    }
    const relative = path.slice(mount.length);
    const target = normalize(join(rootDir, relative));
    if (target !== rootDir && !target.startsWith(rootDir + sep)) {
      await notFound(request, response, method);
      return;
    }
    if (await isDirectory(target)) {
      if (!path.endsWith('/')) {
        response.writeHead(301, { location: `${path}/${url.search}` });
        response.end();
        return;
      }
      const index = join(target, 'index.html');
      if (await isFile(index)) {
        await send(request, response, 200, index, method);
        return;
      }
    } else if (await isFile(target)) {
      await send(request, response, 200, target, method);
      return;
    } else if (await isFile(`${target}.html`)) {
      await send(request, response, 200, `${target}.html`, method);
      return;
    }
    await notFound(request, response, method);
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error) => {
      response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`static server error: ${error.message}\n`);
    });
  });
  await new Promise((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolveListen);
  });
  const address = server.address();
  return {
    url: `http://127.0.0.1:${address.port}${mount}`,
    close: () => new Promise((resolveClose) => server.close(() => resolveClose())),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [root = 'dist', port = '8080', base = '/'] = process.argv.slice(2);
  startStaticServer({ root, port: Number(port), base })
    .then((server) => console.log(`Serving ${root} at ${server.url} (Ctrl-C to stop)`))
    .catch((error) => {
      console.error(error.message);
      process.exit(1);
    });
}
