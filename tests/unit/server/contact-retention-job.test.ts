import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTACT_RETENTION_INTERVAL_MS, startContactRetentionJob } from '../../../src/lib/server/contact-retention';
import type { Store } from '../../../src/lib/server/store';

/** A store whose retention job only records the clock it was given (the deleting is proved in retention-contract.ts). */
function storeRecordingRuns(outcome: () => Promise<{ networkId: string; months: number; conversations: number }[]>) {
  const runs: Date[] = [];
  const store = { retention: { deleteExpiredContactDetails: (now: Date) => (runs.push(now), outcome()) } } as unknown as Store;
  return { store, runs };
}

describe('the daily retention job (issue 13)', () => {
  afterEach(() => vi.useRealTimers());

  it('runs at start and then every 24 hours with the clock it is given, until stopped', async () => {
    vi.useFakeTimers();
    const { store, runs } = storeRecordingRuns(async () => [{ networkId: 'n', months: 12, conversations: 7 }]);
    let clock = new Date('2026-12-01T03:00:00.000Z');
    const log = vi.fn();
    const stop = startContactRetentionJob(store, { now: () => clock, log });
    expect(runs).toEqual([new Date('2026-12-01T03:00:00.000Z')]);
    await vi.advanceTimersByTimeAsync(CONTACT_RETENTION_INTERVAL_MS - 1);
    expect(runs).toHaveLength(1);
    clock = new Date('2026-12-02T03:00:00.000Z');
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual([new Date('2026-12-01T03:00:00.000Z'), new Date('2026-12-02T03:00:00.000Z')]);
    expect(log).toHaveBeenCalledWith('Anchor Listening: follow-up contact details deleted after their time: 7 conversations');
    await stop();
    await vi.advanceTimersByTimeAsync(3 * CONTACT_RETENTION_INTERVAL_MS);
    expect(runs).toHaveLength(2);
  });

  it('logs a failed run and tries again the next day', async () => {
    vi.useFakeTimers();
    let fail = true;
    const { store, runs } = storeRecordingRuns(async () => {
      if (fail) throw new Error('database gone');
      return [];
    });
    const log = vi.fn();
    const stop = startContactRetentionJob(store, { log });
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toHaveBeenCalledWith(expect.stringContaining('failed'), expect.any(Error));
    fail = false;
    await vi.advanceTimersByTimeAsync(CONTACT_RETENTION_INTERVAL_MS);
    expect(runs).toHaveLength(2);
    await stop();
  });
});
