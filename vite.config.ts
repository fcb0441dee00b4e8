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
        start_url: '/'
      },
      workbox: {
        // Every navigation is answered with the prerendered client-side shell, so any page opens
        // offline; the shell then loads its data from IndexedDB or the API.
        navigateFallback: '/',
        navigateFallbackDenylist: [/^\/api\//],
        clientsClaim: true,
        cleanupOutdatedCaches: true
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
