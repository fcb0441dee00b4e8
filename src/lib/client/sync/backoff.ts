/** Backoff for sync: within one sync (`syncOnce`) and between syncs (`RetrySchedule`). Small, so the first screen can load it. */

export const BASE_DELAY_MS = 1_000;
/** The longest wait between two tries: a tablet back in signal never waits longer than this. */
export const MAX_DELAY_MS = 5 * 60_000;
/** Tries within one sync, a few seconds apart; after them the app schedules the next sync (`RetrySchedule`). */
export const ATTEMPTS_PER_SYNC = 3;

/**
 * Exponential backoff with full jitter (a random wait up to 1 s doubling at each attempt, at most
 * 5 minutes), or the server's Retry-After when it gave one (also at most 5 minutes).
 */
export function retryDelay(attempt: number, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, MAX_DELAY_MS);
  return Math.round(random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** attempt));
}

/** The timers and chance a schedule uses, passed in so tests drive time. */
export interface RetryClock {
  now: () => number;
  random: () => number;
  setTimeout: (run: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

/**
 * When to try the next sync after one failed for a reason worth retrying (no network, a server
 * that cannot be reached or is down), for as long as anything waits: there is no last try
 * (SYNC-SPEC, when sync runs). Each failure in a row doubles the longest wait, with full jitter,
 * up to 5 minutes; a sync that succeeds, or one that needs a person, ends the schedule.
 */
export class RetrySchedule {
  #failures = 0;
  #timer: unknown = null;
  /** When the next try is due (ms since the epoch), or null when none is scheduled. */
  nextAt: number | null = null;

  constructor(
    private readonly retry: () => void,
    private readonly clock: RetryClock
  ) {}

  /** Failures in a row since the last sync that finished. */
  get failures(): number {
    return this.#failures;
  }

  /** A sync failed and will be tried again: schedules the try, replacing any already due, and returns its delay. */
  failed(retryAfterMs?: number): number {
    this.#clear();
    // Each sync already tried a few times: carry on the backoff from there.
    const delay = retryDelay(ATTEMPTS_PER_SYNC + this.#failures, this.clock.random, retryAfterMs);
    this.#failures++;
    this.nextAt = this.clock.now() + delay;
    this.#timer = this.clock.setTimeout(() => {
      this.#timer = null;
      this.nextAt = null;
      this.retry();
    }, delay);
    return delay;
  }

  /** A sync finished (or needs a person before it can): no try is due, and backoff starts again. */
  reset(): void {
    this.#failures = 0;
    this.#clear();
  }

  #clear(): void {
    if (this.#timer !== null) this.clock.clearTimeout(this.#timer);
    this.#timer = null;
    this.nextAt = null;
  }
}
