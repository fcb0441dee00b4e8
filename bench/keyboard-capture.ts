/**
 * Issue 12: how long a worker at an event takes to record the next resident by keyboard alone, in
 * Chromium on a tablet-sized window. One conversation is saved first; then, from the confirmation,
 * the script gives consent, finds the ward, types two answers, ticks a theme and saves. The time
 * covers the whole script as a keyboard drives it (no typing delay: it measures the app, not the
 * worker's fingers), and the keystrokes and taps are counted as a measure of effort.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Locator, type Page } from '@playwright/test';
import { AppServer } from '../tests/support/app-server';
import { CHROMIUM_LAUNCH_OPTIONS } from '../tests/support/chromium';
import { seedBeforeStart } from './bench-network';
import type { BenchResult } from './results';
import { enrol, unlockAndSync } from './tablet';

const CONSENT = 'The resident agrees to this conversation being recorded';
const LOVES = 'What do you love about where you live?';
const WOULD_CHANGE = 'What would you change?';
const THEME = 'Tackling Health Inequalities';
const RUNS = 5;

/** A keyboard that counts what it is asked to press. */
class CountingKeyboard {
  keystrokes = 0;
  constructor(private page: Page) {}

  async press(key: string) {
    this.keystrokes += 1;
    await this.page.keyboard.press(key);
  }

  async type(text: string) {
    this.keystrokes += [...text].length;
    await this.page.keyboard.type(text);
  }

  /** Tab until `target` has focus, as a keyboard user moves through the form. */
  async tabTo(target: Locator, limit = 60) {
    for (let i = 0; i < limit; i++) {
      if (await target.evaluate((element) => element === document.activeElement)) return;
      await this.press('Tab');
    }
    throw new Error(`Tab never reached ${target}`);
  }
}

/** Records one resident from the confirmation of the last save; the keyboard's count after it. */
async function recordNext(page: Page, n: number): Promise<number> {
  const keys = new CountingKeyboard(page);
  await keys.tabTo(page.getByLabel(CONSENT));
  await keys.press('Space');
  await keys.press('Tab'); // into the ward search, which appears once consent is given
  await keys.type('Armley');
  await keys.press('Tab');
  await keys.press('ArrowDown');
  await keys.press('Enter'); // confirms the ward
  await keys.tabTo(page.getByLabel(LOVES));
  await keys.type(`The canal towpath, resident ${n}`);
  await keys.tabTo(page.getByLabel(WOULD_CHANGE));
  await keys.type('More buses in the evening');
  await keys.tabTo(page.getByLabel(THEME));
  await keys.press('Space');
  await keys.tabTo(page.getByRole('button', { name: 'Save conversation' }));
  await keys.press('Enter');
  await page.getByText('Saved on this device under Armley.').waitFor();
  return keys.keystrokes;
}

/** The same resident by touch: taps on controls, typing on the on-screen keyboard. Taps and keys typed. */
async function recordNextByTouch(page: Page, n: number): Promise<{ taps: number; keys: number }> {
  let taps = 0;
  let keys = 0;
  const tap = async (target: Locator) => {
    taps += 1;
    await target.click();
  };
  const type = async (text: string) => {
    keys += [...text].length;
    await page.keyboard.type(text);
  };
  await tap(page.getByLabel(CONSENT));
  await tap(page.getByLabel('Search wards'));
  await type('Armley');
  await tap(page.getByRole('option', { name: 'Armley (Leeds)' }));
  await tap(page.getByLabel(LOVES));
  await type(`The canal towpath, resident ${n}`);
  await tap(page.getByLabel(WOULD_CHANGE));
  await type('More buses in the evening');
  await tap(page.getByLabel(THEME));
  await tap(page.getByRole('button', { name: 'Save conversation' }));
  await page.getByText('Saved on this device under Armley.').waitFor();
  return { taps, keys };
}

export async function benchKeyboardCapture(): Promise<BenchResult[]> {
  const server = await AppServer.create('pglite');
  const profile = mkdtempSync(join(tmpdir(), 'anchor-bench-keyboard-'));
  try {
    const { seeded } = await seedBeforeStart(server);
    await server.start();
    const context = await chromium.launchPersistentContext(profile, {
      ...CHROMIUM_LAUNCH_OPTIONS,
      baseURL: server.url,
      serviceWorkers: 'allow',
      viewport: { width: 1024, height: 768 }
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await enrol(page, seeded.enrolmentCodes[0]);
    await unlockAndSync(page, seeded.workers.amina);
    await page.goto('/capture');
    await page.getByLabel(CONSENT).waitFor();
    // The first resident of the day, so the form is the one cleared after a save.
    await recordNext(page, 0);

    const times: number[] = [];
    let keystrokes = 0;
    for (let i = 1; i <= RUNS; i++) {
      const started = performance.now();
      keystrokes = await recordNext(page, i);
      times.push(performance.now() - started);
    }
    const touch = await recordNextByTouch(page, RUNS + 1);
    await context.close();
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    return [
      { name: `keyboard: record the next resident (median of ${RUNS})`, value: median, unit: 'ms' },
      { name: 'keyboard: keystrokes for it (typing included)', value: keystrokes, unit: 'keys' },
      { name: 'keyboard: taps for it', value: 0, unit: 'taps' },
      { name: 'touch: taps for the same resident', value: touch.taps, unit: 'taps' },
      { name: 'touch: keys typed for it', value: touch.keys, unit: 'keys' }
    ];
  } finally {
    await server.dispose();
    rmSync(profile, { recursive: true, force: true });
  }
}
