/**
 * Issue 4, what a worker feels on the tablet, in Chromium: saving with 10,000 conversations already
 * on the device, opening the capture page offline from cold, and the capture page's JavaScript. The
 * tablet is enrolled through the app's /enrol page and unlocked by Amina, whose 10,000 they are.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from '@playwright/test';
import { AppServer } from '../tests/support/app-server';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/chromium';
import { seedDevice } from '../tests/e2e/device';
import { seedBeforeStart } from './bench-network';
import { generateConversations } from './generate-conversations';
import type { BenchResult } from './results';
import { enrol, unlockAndSync } from './tablet';

const ON_DEVICE = 10_000;
const SAVES = 60;
const COLD_LOADS = 5;
const CLIENT_DIR = fileURLToPath(new URL('../build/client', import.meta.url));

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

export async function benchCaptureDevice(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  const profile = mkdtempSync(join(tmpdir(), 'anchor-bench-tablet-'));
  try {
    const { seeded, refs } = await seedBeforeStart(server);
    const amina = seeded.workers.amina;
    await server.start();

    const open = () => chromium.launchPersistentContext(profile, { ...CHROMIUM_LAUNCH_OPTIONS, baseURL: server.url, serviceWorkers: 'allow' });
    let context = await open();
    let page = context.pages()[0] ?? (await context.newPage());
    await enrol(page, seeded.enrolmentCodes[0]);
    await unlockAndSync(page, amina);
    await page.evaluate(() => navigator.serviceWorker.ready);
    // The JavaScript the capture page needs before the form shows, opened afresh on the enrolled,
    // unlocked tablet; what loads later on demand (sync engine, location, service-worker
    // registration) is not counted.
    const scripts = new Set<string>();
    const collect = (request: import('@playwright/test').Request) => {
      if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
    };
    page.on('request', collect);
    await page.goto('/capture');
    await page.getByLabel('The resident agrees to this conversation being recorded').waitFor();
    page.off('request', collect);
    const captureJsKb = [...scripts].reduce((kb, path) => kb + gzipSync(readFileSync(join(CLIENT_DIR, path))).length / 1024, 0);

    // Seeded offline, so no sync the app starts meanwhile can send any of it.
    const reopenOffline = async () => {
      await context.close();
      context = await open();
      await context.setOffline(true); // saves stay in the outbox
      page = context.pages()[0] ?? (await context.newPage());
    };
    await reopenOffline();
    await page.goto('/capture');
    await page.getByLabel('The resident agrees to this conversation being recorded').waitFor();
    await seedDevice(page, generateConversations(ON_DEVICE, refs), amina.id);
    // A new day at a listening event: the tablet is opened again, offline, with the 10,000 on it.
    await reopenOffline();
    const saveMs = await timeSaves(page);

    const coldMs: number[] = [];
    for (let i = 0; i < COLD_LOADS; i++) {
      await reopenOffline();
      const started = performance.now();
      await page.goto('/capture');
      await page.getByLabel('The resident agrees to this conversation being recorded').waitFor();
      coldMs.push(performance.now() - started);
    }
    await context.close();

    return [
      { name: `save with ${ON_DEVICE.toLocaleString('en-GB')} on the device, p50`, value: percentile(saveMs, 50), unit: 'ms' },
      { name: `save with ${ON_DEVICE.toLocaleString('en-GB')} on the device, p95`, value: percentile(saveMs, 95), unit: 'ms', goal: '< 20 ms' },
      { name: 'offline cold load of the capture page (median of 5)', value: percentile(coldMs, 50), unit: 'ms', goal: '< 1000 ms' },
      { name: 'capture page JavaScript before the form shows', value: captureJsKb, unit: 'KB gzip', goal: '< 80 KB' }
    ];
  } finally {
    await server.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Saves through the capture form, reading the app's own User Timing measure of each save. */
async function timeSaves(page: Page): Promise<number[]> {
  await page.goto('/capture');
  for (let i = 0; i < SAVES; i++) {
    // Each resident starts on an empty form: consent first, then the ward.
    await page.getByLabel('The resident agrees to this conversation being recorded').check();
    await page.getByLabel('Search wards').fill('Armley');
    await page.getByLabel('Ward', { exact: true }).selectOption('E05011385');
    await page.getByLabel('What do you love about where you live?').fill(`Bench conversation ${i}`);
    await page.getByRole('button', { name: 'Save conversation' }).click();
    await page.getByText('Saved on this device under Armley.').waitFor();
    await page.waitForFunction((n) => performance.getEntriesByName('anchor:save').length >= n, i + 1);
  }
  // The first saves warm up the JIT and IndexedDB; what a worker feels all day is the rest.
  return (await page.evaluate(() => performance.getEntriesByName('anchor:save').map((e) => e.duration))).slice(10);
}

