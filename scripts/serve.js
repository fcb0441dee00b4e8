// Serves the built app (adapter-node's handler) over HTTP, with the security headers on every
// response, static files included (adapter-node serves those before the app's hooks run). Shuts
// down as adapter-node's own server does: on SIGTERM or SIGINT it stops taking connections,
// finishes requests in flight, then emits 'sveltekit:shutdown' so the app closes its database.
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SECURITY_HEADERS } from '../src/lib/server/security-headers.js';

/** A page (not a file, nor the API): a path with no extension outside /api/. @param {string} url */
const isPage = (url) => {
  const path = url.split('?')[0];
  return !path.startsWith('/api/') && !/\.[a-z0-9]+$/i.test(path);
};

/** @param {string} buildDir */
export async function serve(buildDir) {
  const { handler } = await import(pathToFileURL(join(buildDir, 'handler.js')).href);
  const server = http.createServer((request, response) => {
    const page = isPage(request.url ?? '/');
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // A page's policy is SvelteKit's (with its script's nonce, or a hash in a prerendered page's meta tag).
      if (!(page && name === 'content-security-policy')) response.setHeader(name, value);
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
