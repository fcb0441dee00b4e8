import { defineConfig } from '@playwright/test';
import type { StoreKind } from './tests/support/app-server';
import { CHROMIUM_LAUNCH_OPTIONS } from './tests/support/chromium';


export default defineConfig<{ storeKind: StoreKind }>({
  testDir: 'tests/e2e',
  fullyParallel: true,
  workers: 2,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: !!process.env.CI,
  // One more try on CI, reported as "flaky" in the summary, never hidden: a tablet's enrolment
  // click still goes unanswered now and then under load although its first cause (the page
  // moving under the click) is fixed; being looked into (docs/STATUS.md).
  retries: process.env.CI ? 1 : 0,
  reporter: process.env.CI ? [['list'], ['github']] : [['list']],
  globalSetup: './tests/e2e/global-setup.ts',
  use: {
    browserName: 'chromium',
    launchOptions: CHROMIUM_LAUNCH_OPTIONS,
    serviceWorkers: 'allow',
    trace: 'retain-on-failure'
  },
  projects: [
    { name: 'pglite', use: { storeKind: 'pglite' }, testIgnore: ['**/*.quiet.spec.ts'] },
    // What happens on the device alone (*.device.spec.ts), and how pages look and read on a phone
    // and a tablet (*.screen.spec.ts), needs no second run against PostgreSQL: the store under
    // them is run on PostgreSQL by the other specs and by Vitest's *.pg.test.ts.
    {
      name: 'postgres',
      use: { storeKind: 'postgres' },
      testIgnore: ['**/*.pglite.spec.ts', '**/*.device.spec.ts', '**/*.screen.spec.ts', '**/*.quiet.spec.ts']
    },
    // Tests that time the server (*.quiet.spec.ts) run last, alone, so no other test shares the cores.
    { name: 'quiet', use: { storeKind: 'pglite' }, testMatch: '**/*.quiet.spec.ts', dependencies: ['pglite', 'postgres'] }
  ]
});
