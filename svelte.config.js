import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter(),
    // Absolute asset paths: the service worker answers every page with one shell, at any depth.
    paths: { relative: false },
    // The PWA plugin registers the service worker with workbox-window (see src/lib/client/app-updates.ts).
    serviceWorker: { register: false }
  }
};

export default config;
