import { sveltekit } from '@sveltejs/kit/vite';
import { SvelteKitPWA } from '@vite-pwa/sveltekit';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Rolldown's plugin-timing advice is noise in every build log.
  build: { rolldownOptions: { checks: { pluginTimings: false } } },
  plugins: [
    sveltekit(),
    SvelteKitPWA({
      strategies: 'generateSW',
      // Registered by hand with workbox-window so the app decides when an update is applied.
      injectRegister: false,
      registerType: 'prompt',
      manifest: {
        name: 'Anchor Listening',
        short_name: 'Listening',
        description: 'Record residents’ listening conversations by ward, offline.',
        theme_color: '#1d70b8',
        background_color: '#ffffff',
        display: 'standalone',
        orientation: 'any',
        id: '/',
        start_url: '/',
        scope: '/',
        lang: 'en-GB',
        categories: ['productivity'],
        // Rendered from static/icons/icon.svg; the maskable one keeps the artwork inside the central
        // 80% safe zone on a full-bleed background. Precached with the rest of client/**/*.png.
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
        ]
      },
      workbox: {
        // Every navigation is answered with the prerendered client-side shell, so any page opens
        // offline; the shell then loads its data from IndexedDB or the API.
        navigateFallback: '/',
        navigateFallbackDenylist: [/^\/api\//, /^\/you-said\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true,
        importScripts: ['/sw-background-sync.js']
      }
    })
  ],
  test: {
    // Opening PGlite (a WebAssembly Postgres) takes seconds on a small machine.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          exclude: ['tests/unit/**/*.pg.test.ts'],
          environment: 'node'
        }
      },
      {
        extends: true,
        test: {
          name: 'postgres',
          include: ['tests/unit/**/*.pg.test.ts'],
          environment: 'node',
          globalSetup: ['tests/support/postgres-global-setup.ts']
        }
      }
    ]
  }
});
