import { DAY_MS, startDailyJob } from './daily-job';
import type { Store } from './store';

/** How often the job runs after the first run at start-up. */
export const CONTACT_RETENTION_INTERVAL_MS = DAY_MS;

/**
 * Deletes the follow-up contact details each network no longer keeps, as at `now` (a clock the
 * caller gives, so tests move time on), and logs how many in each network's audit log (never whose).
 */
export async function deleteExpiredContactDetails(store: Store, now: Date): Promise<number> {
  const runs = await store.retention.deleteExpiredContactDetails(now);
  return runs.reduce((total, run) => total + run.conversations, 0);
}

/**
 * Runs `deleteExpiredContactDetails` now and then every 24 hours until stopped (`startDailyJob`).
 * Several server processes may each run it: the store lets one run at a time delete.
 */
export function startContactRetentionJob(
  store: Store,
  options: { now?: () => Date; intervalMs?: number; log?: (message: string, error?: unknown) => void } = {}
): () => Promise<void> {
  const { now = () => new Date(), intervalMs = CONTACT_RETENTION_INTERVAL_MS, log = console.log } = options;
  return startDailyJob(
    async () => {
      const deleted = await deleteExpiredContactDetails(store, now());
      if (deleted > 0) log(`Anchor Listening: follow-up contact details deleted after their time: ${deleted} conversations`);
    },
    { intervalMs, failed: (error) => log('Anchor Listening: deleting expired follow-up contact details failed; trying again in 24 hours', error) }
  );
}
