/**
 * Issue 12: Google's Lighthouse, mobile preset (its default config: a phone's screen, 4× CPU
 * slowdown, simulated slow 4G), on the built app's capture page (an enrolled tablet, its worker
 * unlocked) and map (a member of anchor staff signed in), and the JavaScript the capture page
 * must load before its form can be used (from the build's manifest, bench/page-javascript.ts).
 * Issue 15: the same on the public "You said, we did" page of a ward (nobody signed in, a fresh
 * browser: a resident who scanned a poster's QR code), seeded by bench/public-ward.ts.
 *
 * Lighthouse drives a Chromium we start ourselves with a debugging port, on a profile prepared
 * with Playwright: the tablet enrolled through /enrol, or the staff session cookie set. Its own
 * storage reset is off (it would erase the enrolment), so before each run the service worker, its
 * caches and the HTTP cache are cleared here instead: each run is a first load of this build on a
 * tablet that is already set up — the worst an event day meets (after an app update).
 *
 * Figures vary with the machine's load: Lighthouse simulates the throttling from what it
 * observed, so a busy CPU still lowers the score. LIGHTHOUSE_RUNS=n takes the median of n runs;
 * LIGHTHOUSE_REPORTS=<dir> keeps each run's full report (JSON, with its screenshots) there.
 * LIGHTHOUSE_PAGES=capture,map,public measures only those pages (all three when unset).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from '@playwright/test';
import lighthouse from 'lighthouse';
import { AppServer } from '../tests/support/app-server';
import { freePort } from '../tests/support/free-port';
import { sessionCookie } from '../tests/support/seed-network';
import { seedBeforeStart } from './bench-network';
import { pageJavaScript } from './page-javascript';
import { checkPublicWardPage, seedPublicWard } from './public-ward';
import type { BenchResult } from './results';
import { enrol, unlock } from './tablet';

const RUNS = Math.max(1, Number(process.env.LIGHTHOUSE_RUNS ?? 1));
const PAGES = ['capture', 'map', 'public'] as const;
type BenchPage = (typeof PAGES)[number];
const CHOSEN: readonly BenchPage[] = process.env.LIGHTHOUSE_PAGES
  ? PAGES.filter((p) => process.env.LIGHTHOUSE_PAGES!.split(',').map((s) => s.trim()).includes(p))
  : PAGES;
const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

interface PageFigures {
  performance: number;
  cls: number;
  lcp: number;
  tbt: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Chromium on a fresh profile with a debugging port for Lighthouse, prepared by `prepare`. */
async function withChromium<T>(baseURL: string, run: (context: BrowserContext, port: number) => Promise<T>): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'anchor-bench-lighthouse-'));
  const port = await freePort();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROME_PATH,
    headless: false, // --headless=new is among the flags, as Lighthouse's own launcher passes it
    args: [...CHROME_FLAGS, `--remote-debugging-port=${port}`],
    baseURL,
    serviceWorkers: 'allow'
  });
  try {
    return await run(context, port);
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Forgets the service worker, its caches and the HTTP cache, keeping IndexedDB and cookies (the enrolment, the session). */
async function forgetAppCache(context: BrowserContext, origin: string): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send('Storage.clearDataForOrigin', { origin, storageTypes: 'service_workers,cache_storage' });
  await cdp.send('Network.clearBrowserCache');
  await cdp.detach();
  await page.goto('about:blank');
}

/**
 * One Lighthouse run of `url` (mobile preset) in the Chromium listening on `port`. On a busy
 * machine Lighthouse sometimes loses the trace (NO_NAVSTART, "Please run Lighthouse again"):
 * then it runs once more, as it asks, before giving up.
 */
async function audit(url: string, port: number, retry = true): Promise<PageFigures> {
  const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance'], disableStorageReset: true });
  if (!result) throw new Error(`Lighthouse gave no result for ${url}`);
  const { lhr } = result;
  const reports = process.env.LIGHTHOUSE_REPORTS;
  if (reports) {
    mkdirSync(reports, { recursive: true });
    writeFileSync(join(reports, `${new URL(url).pathname.slice(1).replaceAll('/', '-')}-${Date.now()}.json`), JSON.stringify(lhr));
  }
  if (lhr.runtimeError && retry && lhr.runtimeError.code === 'NO_NAVSTART') return audit(url, port, false);
  if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${url}: ${lhr.runtimeError.message}`);
  const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: (lhr.categories.performance.score ?? 0) * 100,
    cls: numeric('cumulative-layout-shift'),
    lcp: numeric('largest-contentful-paint'),
    tbt: numeric('total-blocking-time')
  };
}

function medians(runs: PageFigures[]): PageFigures {
  return {
    performance: median(runs.map((r) => r.performance)),
    cls: median(runs.map((r) => r.cls)),
    lcp: median(runs.map((r) => r.lcp)),
    tbt: median(runs.map((r) => r.tbt))
  };
}

function figures(page: string, f: PageFigures, performanceGoal: number): BenchResult[] {
  return [
    { name: `Lighthouse mobile performance, ${page}`, value: f.performance, unit: 'score', goal: `≥ ${performanceGoal}`, met: f.performance >= performanceGoal },
    { name: `Lighthouse mobile CLS, ${page}`, value: f.cls, unit: '', goal: '< 0.05', met: f.cls < 0.05 },
    { name: `Lighthouse mobile LCP, ${page}`, value: f.lcp, unit: 'ms' },
    { name: `Lighthouse mobile TBT, ${page}`, value: f.tbt, unit: 'ms' }
  ];
}

export async function benchLighthouse(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  try {
    const { seeded } = await seedBeforeStart(server);
    const publicPath = CHOSEN.includes('public') ? await seedPublicWard(server, seeded) : '';
    await server.start();
    const origin = new URL(server.url).origin;
    const results: BenchResult[] = [];

    if (CHOSEN.includes('capture')) {
      const capture = await withChromium(server.url, async (context, port) => {
        const page = context.pages()[0] ?? (await context.newPage());
        await enrol(page, seeded.enrolmentCodes[0]);
        const runs: PageFigures[] = [];
        for (let i = 0; i < RUNS; i++) {
          // Unlocked again if the idle time ran out during a slow run.
          await page.goto('/capture');
          const form = page.getByRole('heading', { name: 'Record a conversation' });
          const who = page.getByRole('heading', { name: 'Who is recording?' });
          await form.or(who).first().waitFor({ timeout: 60_000 });
          if (await who.isVisible()) await unlock(page, seeded.workers.amina);
          await form.waitFor();
          await forgetAppCache(context, origin);
          runs.push(await audit(`${server.url}/capture`, port));
        }
        return medians(runs);
      });
      results.push(...figures('capture', capture, 90));
    }

    if (CHOSEN.includes('map')) {
      const map = await withChromium(server.url, async (context, port) => {
        await context.addCookies([sessionCookie(seeded.people.staff, server.url)]);
        const runs: PageFigures[] = [];
        for (let i = 0; i < RUNS; i++) {
          await forgetAppCache(context, origin);
          runs.push(await audit(`${server.url}/map`, port));
        }
        return medians(runs);
      });
      results.push(...figures('map', map, 80));
    }

    if (CHOSEN.includes('public')) {
      checkPublicWardPage(await (await fetch(`${server.url}${publicPath}`)).text());
      // No cookie, no enrolment: a resident's phone. Each run starts with an empty cache.
      const ward = await withChromium(server.url, async (context, port) => {
        const runs: PageFigures[] = [];
        for (let i = 0; i < RUNS; i++) {
          await forgetAppCache(context, origin);
          runs.push(await audit(`${server.url}${publicPath}`, port));
        }
        return medians(runs);
      });
      results.push(...figures('public ward page', ward, 95));
    }

    if (CHOSEN.includes('capture')) {
      const captureJs = pageJavaScript('capture').gzipBytes / 1024;
      results.push({ name: 'Capture JavaScript before the form is usable (gzip KB)', value: captureJs, unit: 'KB gzip', goal: '< 80', met: captureJs < 80 });
    }
    return results;
  } finally {
    await server.dispose();
  }
}
