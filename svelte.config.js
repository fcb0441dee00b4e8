import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { PAGE_CSP_DIRECTIVES } from './src/lib/server/security-headers.js';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/**
 * Readable on the device page, and different for every build so updates are noticed. Made once per
 * build process: SvelteKit reads this file more than once, and a name that changed between the
 * client and server halves (a minute boundary) would leave the page and its scripts mismatched.
 */
process.env.ANCHOR_BUILD_NAME ??= `${version} (built ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
const buildName = process.env.ANCHOR_BUILD_NAME;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    // Static files are served from .br and .gz copies made at build (issue 12); API answers are
    // compressed as they are sent (src/lib/server/compress-response.ts).
    adapter: adapter({ precompress: true }),
    // Absolute asset paths: the service worker answers every page with one shell, at any depth.
    paths: { relative: false },
    // The PWA plugin registers the service worker with workbox-window (see src/lib/client/app-updates.ts).
    serviceWorker: { register: false },
    version: { name: buildName },
    // No inline script runs but SvelteKit's own start-up, by nonce (or hash, prerendered).
    csp: { mode: 'auto', directives: PAGE_CSP_DIRECTIVES }
  }
};

export default config;
