// Starts the app: builds it first when the build is missing or older than the sources, then serves
// it (serve.js) with the embedded PGlite store unless DATABASE_URL is set.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BODY_SIZE_CEILING } from '../src/lib/server/body-limits.js';

const root = fileURLToPath(new URL('..', import.meta.url));
// BUILD_DIR serves a build made elsewhere (a staged release, or the update test's next version) as is.
const buildDir = process.env.BUILD_DIR ?? join(root, 'build');
const builtServer = join(buildDir, 'index.js');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package.json'];

function newestChange(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}

function buildIsCurrent() {
  if (!existsSync(builtServer)) return false;
  const built = statSync(builtServer).mtimeMs;
  return sources.every((source) => !existsSync(join(root, source)) || newestChange(join(root, source)) <= built);
}

if (!process.env.BUILD_DIR && !buildIsCurrent()) {
  console.log('Building Anchor Listening…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

process.env.PORT ??= '3000';
// adapter-node assumes https when no ORIGIN is given, which would make SvelteKit refuse the form
// posts (set-up) of a browser on http://localhost. Behind a proxy, set ORIGIN to the public URL.
process.env.ORIGIN ??= `http://localhost:${process.env.PORT}`;
// The ceiling over every route's own limit (src/lib/server/body-limits.js): the set-up form with a
// ward boundary file. Each route is held to its own limit before it reads a body (hooks.server.ts).
process.env.BODY_SIZE_LIMIT ??= String(BODY_SIZE_CEILING);
if (!process.env.DATABASE_URL) process.env.DATA_DIR ??= join(root, 'data');

// The export benchmark's memory probe (bench/export-csv.ts), only when Node was started with
// --expose-gc (never in production): on SIGUSR2, collect garbage and print the live heap, which
// tells what an export keeps from what it has not yet collected.
if (typeof globalThis.gc === 'function') {
  process.on('SIGUSR2', () => {
    globalThis.gc();
    console.log(`heap after gc: ${process.memoryUsage().heapUsed}`);
  });
}

const { serve } = await import('./serve.js');
await serve(buildDir);
console.log(`Anchor Listening is running: open ${process.env.ORIGIN}/`);
