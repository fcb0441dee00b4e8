import { readFileSync } from 'node:fs';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));
/** Readable on the device page, and different for every build so updates are noticed. */
const buildName = `${version} (built ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC)`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // Absolute asset paths: the service worker answers every page with one shell, at any depth.
    paths: { relative: false },
    // The PWA plugin registers the service worker with workbox-window (see src/lib/client/app-updates.ts).
    serviceWorker: { register: false },
    version: { name: buildName }
  }
};

export default config;
