import { test as base, expect, type BrowserContext } from '@playwright/test';
import { AppServer, type StoreKind } from '../support/app-server';
import { openStore } from '../../src/lib/server/store';
import { seedNetwork, type SeededNetwork, type SeedOptions } from '../support/seed-network';
import { keepOfflineTruthful, Tablet } from './device';

export { expect };

type SeededStores = (options: SeedOptions) => Promise<AppServer>;

/** How long a seeded template serves: its enrolment codes (valid 15 minutes) must outlive a test started from it. */
const TEMPLATE_FRESH_MS = 10 * 60_000;

/** A server's store, never started, with the network of `options` seeded into it. */
async function seededTemplate(storeKind: StoreKind, options: SeedOptions): Promise<AppServer> {
  const template = await AppServer.create(storeKind, process.env.E2E_POSTGRES_ADMIN_URL);
  // Straight into the store (PGlite allows one process at a time); closed before it is copied.
  const store = await openStore(template.storeConfig);
  try {
    template.seeded = await seedNetwork(store, options);
  } finally {
    await store.close();
  }
  return template;
}

/**
 * Each test gets its own running app on a fresh store (PGlite or PostgreSQL, by project), and
 * helpers to take the tablet off the network and back.
 */
export const test = base.extend<
  {
    seedOptions: SeedOptions | null;
    server: AppServer;
    seeded: SeededNetwork;
    network: { goOffline(): Promise<void>; goOnline(): Promise<void>; signalBack(): Promise<void> };
    tablet: Tablet;
  },
  { storeKind: StoreKind; seededStores: SeededStores }
>({
  storeKind: ['pglite', { option: true, scope: 'worker' }],
  /**
   * Migrated and seeded stores, made once per worker and seed and copied for each test: opening
   * PGlite, migrating and seeding took about 4 s of every test.
   */
  seededStores: [
    async ({ storeKind }, use) => {
      const made = new Map<string, { at: number; template: Promise<AppServer> }>();
      const stale: Promise<AppServer>[] = [];
      await use((options) => {
        const key = JSON.stringify(options);
        const kept = made.get(key);
        // A seeded network's enrolment codes expire 15 minutes after seeding: a template older
        // than TEMPLATE_FRESH_MS is seeded again, or a worker's later tests could not enrol.
        if (kept && Date.now() - kept.at < TEMPLATE_FRESH_MS) return kept.template;
        if (kept) stale.push(kept.template);
        const template = seededTemplate(storeKind, options);
        made.set(key, { at: Date.now(), template });
        return template;
      });
      for (const template of [...stale, ...[...made.values()].map((m) => m.template)]) await (await template).dispose();
    },
    { scope: 'worker' }
  ],
  /**
   * The network each test's server starts with (tests/support/seed-network.ts): Leeds with
   * everyone in it unless a test asks for another, or for none (`test.use({ seedOptions: null })`)
   * to start from first-run set-up.
   */
  seedOptions: [{}, { option: true }],
  server: async ({ storeKind, seedOptions, seededStores }, use) => {
    const template = seedOptions ? await seededStores(seedOptions) : undefined;
    const server = await AppServer.create(storeKind, process.env.E2E_POSTGRES_ADMIN_URL, template);
    server.seeded = template?.seeded;
    await server.start();
    await use(server);
    await server.dispose();
  },
  seeded: async ({ server }, use) => {
    if (!server.seeded) throw new Error('This test asked for no network (seedOptions: null)');
    await use(server.seeded);
  },
  baseURL: async ({ server }, use) => use(server.url),
  /** A tablet with a profile on disk, for browser restarts; opened by the test. */
  tablet: async ({ playwright, launchOptions, server }, use) => {
    const tablet = new Tablet(playwright.chromium, launchOptions, server.url);
    await use(tablet);
    await tablet.dispose();
  },
  network: async ({ context, server }, use) => {
    const offline = keepOfflineTruthful(context);
    await use({
      // Chromium's offline mode does not reach service-worker fetches, so the server is stopped
      // too: nothing answers, as in a church hall with no signal.
      async goOffline() {
        offline.set(true);
        await context.setOffline(true);
        await server.stop();
      },
      async goOnline() {
        await server.start();
        offline.set(false);
        await context.setOffline(false);
      },
      /** Signal again, but the server still down (restarting). */
      async signalBack() {
        offline.set(false);
        await context.setOffline(false);
      }
    });
  }
});

/** Resolves once a service worker controls the page, so reloads are served from its cache. */
export async function waitForServiceWorker(context: BrowserContext, page: import('@playwright/test').Page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
    }
  });
  expect(context.serviceWorkers().length).toBeGreaterThan(0);
}
