import type { Store } from './store';

/** How often the job runs after the first run at start-up. */
export const CONTACT_RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the follow-up contact details each network no longer keeps, as at `now` (a clock the
 * caller gives, so tests move time on), and logs how many in each network's audit log (never whose).
 */
export async function deleteExpiredContactDetails(store: Store, now: Date): Promise<number> {
  const runs = await store.retention.deleteExpiredContactDetails(now);
  return runs.reduce((total, run) => total + run.conversations, 0);
}

/**
 * Runs `deleteExpiredContactDetails` now and then every 24 hours until stopped (stopping waits
 * for a run under way, so the database is not closed beneath it). A failed run is
 * logged and tried again at the next; the timer does not keep the process alive on its own.
 * Several server processes may each run it: the store lets one run at a time delete.
 */
export function startContactRetentionJob(
  store: Store,
  options: { now?: () => Date; intervalMs?: number; log?: (message: string, error?: unknown) => void } = {}
): () => Promise<void> {
  const { now = () => new Date(), intervalMs = CONTACT_RETENTION_INTERVAL_MS, log = console.log } = options;
  let running: Promise<void> | null = null;
  const run = () => {
    running ??= deleteExpiredContactDetails(store, now())
      .then((deleted) => {
        if (deleted > 0) log(`Anchor Listening: follow-up contact details deleted after their time: ${deleted} conversations`);
      })
      .catch((error) => log('Anchor Listening: deleting expired follow-up contact details failed; trying again in 24 hours', error))
      .finally(() => {
        running = null;
      });
  };
  run();
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
