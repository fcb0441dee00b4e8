import { SyncError } from '$lib/domain/sync-error';
import type { DeviceDatabase } from '../db/database';
import { pullChanges } from './pull-changes';
import { ATTEMPTS_PER_SYNC, retryDelay } from './backoff';
import { pushOutbox } from './push-outbox';

export type SyncProgress = { phase: 'push'; done: number; total: number } | { phase: 'pull'; done: number };

/**
 * What the engine needs from the world, passed in so tests can drive time, faults and chance.
 * The engine keeps no state of its own between runs: everything lives in the database.
 */
export interface SyncDeps {
  db: DeviceDatabase;
  fetch: typeof globalThis.fetch;
  /** The worker unlocked on the tablet, whose conversations a pull brings; null: push only. */
  workerId: string | null;
  /** Sent with every request (the app's version). */
  headers?: Record<string, string>;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Runs `work` unless another sync holds the lock (another tab); then resolves null at once. */
  exclusive: <T>(work: () => Promise<T>) => Promise<T | null>;
  onProgress?: (progress: SyncProgress) => void;
  timeoutMs?: number;
  maxAttempts?: number;
  pageSize?: number;
  maxBatchChanges?: number;
}

export interface SyncOutcome {
  pushed: number;
  pulled: number;
  setAside: number;
}

/**
 * One sync: push everything waiting (every worker's changes), then pull everything new for the
 * worker using the tablet. Transient failures (no network, a busy or broken server) are retried
 * a few times with backoff (after that the app schedules the next sync: `RetrySchedule`); others
 * stop at once. Never runs twice at once, in this tab or another. Resolves
 * null when another sync was already running.
 */
export function syncOnce(deps: SyncDeps): Promise<SyncOutcome | null> {
  return deps.exclusive(async () => {
    const attempts = deps.maxAttempts ?? ATTEMPTS_PER_SYNC;
    const common = { db: deps.db, fetch: deps.fetch, headers: deps.headers, now: deps.now, timeoutMs: deps.timeoutMs };
    for (let attempt = 0; ; attempt++) {
      try {
        // User Timing marks, so a sync's phases can be measured in the browser's tools and `npm run bench`.
        performance.mark('anchor:push-start');
        const push = await pushOutbox({
          ...common,
          maxBatchChanges: deps.maxBatchChanges,
          onProgress: ({ pushed, total }) => deps.onProgress?.({ phase: 'push', done: pushed, total })
        });
        performance.measure('anchor:push', 'anchor:push-start');
        performance.mark('anchor:pull-start');
        const pull = deps.workerId
          ? await pullChanges({
              ...common,
              workerId: deps.workerId,
              pageSize: deps.pageSize,
              onProgress: ({ pulled }) => deps.onProgress?.({ phase: 'pull', done: pulled })
            })
          : { pulled: 0 };
        performance.measure('anchor:pull', 'anchor:pull-start');
        return { pushed: push.pushed, pulled: pull.pulled, setAside: push.setAside };
      } catch (error) {
        if (!(error instanceof SyncError) || !error.transient || attempt + 1 >= attempts) throw error;
        await deps.sleep(retryDelay(attempt, deps.random, error.retryAfterMs));
      }
    }
  });
}

/** The browser's Web Locks, so two tabs never sync at once; a plain flag where there are none. */
export function browserExclusive(): SyncDeps['exclusive'] {
  let running = false;
  return async (work) => {
    if (typeof navigator !== 'undefined' && navigator.locks) {
      return navigator.locks.request('anchor-listening-sync', { ifAvailable: true }, (lock) => (lock ? work() : null));
    }
    if (running) return null;
    running = true;
    try {
      return await work();
    } finally {
      running = false;
    }
  };
}
