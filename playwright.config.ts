import { defineConfig } from '@playwright/test';
import type { StoreKind } from './tests/support/app-server';

/** Chromium from Debian; the flags keep it off the closed network of CI machines. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic'
];

export default defineConfig<{ storeKind: StoreKind }>({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [['list'], ['github']] : [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS },
    serviceWorkers: 'allow',
    trace: 'retain-on-failure'
  },
  projects: [
    { name: 'pglite', use: { storeKind: 'pglite' } },
    // What happens on the device alone (*.device.spec.ts) needs no second run against PostgreSQL.
    { name: 'postgres', use: { storeKind: 'postgres' }, testIgnore: ['**/*.pglite.spec.ts', '**/*.device.spec.ts'] }
  ]
});
