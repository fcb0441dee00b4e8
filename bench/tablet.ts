/**
 * A Chromium tablet as a worker sets one up: enrolled through the app's own /enrol page with a
 * lead's code, then unlocked by a worker with their PIN (as tests/e2e/pages/tablet-page.ts does,
 * with waits long enough for a busy machine).
 */
import type { Page } from '@playwright/test';
import type { SeededWorker } from '../tests/support/seed-network';

/** Enrols this browser with a code from the link in a lead's QR code; the tablet then asks who is recording. */
export async function enrol(page: Page, code: string): Promise<void> {
  await page.goto(`/enrol#code=${code}`);
  await page.waitForFunction((c) => (document.getElementById('code') as HTMLInputElement | null)?.value === c, code);
  await page.getByRole('button', { name: 'Enrol this tablet' }).click();
  await page.getByRole('heading', { name: 'Who is recording?' }).waitFor({ timeout: 60_000 });
}

/** Unlocks the tablet as `worker` with their PIN. */
export async function unlock(page: Page, worker: Pick<SeededWorker, 'name' | 'pin'>): Promise<void> {
  await page.getByRole('heading', { name: 'Who is recording?' }).waitFor();
  await page.getByRole('radio', { name: worker.name }).check();
  await page.getByLabel('Your PIN').fill(worker.pin);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText(`Recording as ${worker.name}`).waitFor();
}

/**
 * Unlocks as `worker` and waits for the sync that unlocking starts to finish (its pull measured by
 * the app's `anchor:pull` User Timing); the duration of that pull, in ms.
 */
export async function unlockAndSync(page: Page, worker: Pick<SeededWorker, 'name' | 'pin'>, timeout = 300_000): Promise<number> {
  const before = await page.evaluate(() => performance.now());
  await unlock(page, worker);
  const handle = await page.waitForFunction(
    (t) => {
      const pull = performance.getEntriesByName('anchor:pull').find((e) => e.startTime > t);
      return pull ? { ms: pull.duration } : null;
    },
    before,
    { timeout, polling: 100 }
  );
  const { ms } = (await handle.jsonValue()) as { ms: number };
  await page.getByRole('button', { name: 'Sync now', disabled: false }).waitFor();
  return ms;
}
