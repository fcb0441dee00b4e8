// Serves the built app (adapter-node's handler) over HTTP, with the security headers on every
// response, static files included (adapter-node serves those before the app's hooks run). Shuts
// down as adapter-node's own server does: on SIGTERM or SIGINT it stops taking connections,
// finishes requests in flight, then emits 'sveltekit:shutdown' so the app closes its database.
import { existsSync, readdirSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.js';

/**
 * The paths of the pages prerendered into static HTML (the app shell): each carries its policy in
 * a meta tag with its script's hash, which a header policy here would contradict.
 * @param {string} dir @param {string} base @returns {string[]}
 */
function prerenderedPaths(dir, base = '') {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory()) return prerenderedPaths(join(dir, entry.name), `${base}/${entry.name}`);
    if (!entry.name.endsWith('.html')) return [];
    return [entry.name === 'index.html' ? base || '/' : `${base}/${entry.name.slice(0, -'.html'.length)}`];
  });
}

/** @param {string} buildDir */
export async function serve(buildDir) {
  const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);
  const prerendered = new Set(prerenderedPaths(join(buildDir, 'prerendered')));
  const server = http.createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // Pages SvelteKit renders replace this policy with theirs (their script's nonce or hash).
      if (!(prerendered.has(path) && name === 'content-security-policy')) response.setHeader(name, value);
    }
    handler(request, response, () => {
      response.statusCode = 404;
      response.end('Not found');
    });
  });
  const host = process.env.HOST ?? '0.0.0.0';
  const port = Number(process.env.PORT ?? 3000);
  await new Promise((resolve) => server.listen({ host, port }, () => resolve(undefined)));
  console.log(`Listening on http://${host}:${port}`);

  let stopping = false;
  /** @param {NodeJS.Signals} reason */
  const shutdown = (reason) => {
    if (stopping) return;
    stopping = true;
    const timeout = setTimeout(() => server.closeAllConnections(), Number(process.env.SHUTDOWN_TIMEOUT ?? 30) * 1000);
    server.close(() => {
      clearTimeout(timeout);
      // @ts-expect-error: SvelteKit's own event, which adapter-node's server emits the same way.
      process.emit('sveltekit:shutdown', reason);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}
