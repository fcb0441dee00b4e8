import 'fake-indexeddb/auto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { saveConversation } from '../../../src/lib/client/db/conversations';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { ATTEMPTS_PER_SYNC, MAX_DELAY_MS, retryDelay, RetrySchedule } from '../../../src/lib/client/sync/backoff';
import { syncOnce } from '../../../src/lib/client/sync/sync-engine';
import { SyncError } from '../../../src/lib/domain/sync-error';
import { openStore, type Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';
import { seededRandom } from '../../support/seeded-random';

it('the delay before a retry has full jitter, doubles from 1 s, and is capped at 5 minutes (a Retry-After too)', () => {
  const top = (attempt: number) => retryDelay(attempt, () => 1);
  expect([0, 1, 2, 3, 4, 8].map(top)).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 256_000]);
  expect([9, 10, 20, 100, 2_000].map(top)).toEqual(Array(5).fill(MAX_DELAY_MS));
  expect(MAX_DELAY_MS).toBe(300_000);
  expect(retryDelay(3, () => 0)).toBe(0);
  const random = seededRandom(11);
  const delays = Array.from({ length: 200 }, () => retryDelay(12, random));
  expect(Math.max(...delays)).toBeLessThanOrEqual(MAX_DELAY_MS);
  expect(new Set(delays).size).toBeGreaterThan(150); // spread, so tablets coming back together do not all knock at once
  expect(Math.min(...delays)).toBeLessThan(MAX_DELAY_MS / 4);
  expect(retryDelay(0, random, 20_000)).toBe(20_000);
  expect(retryDelay(0, random, 3_600_000)).toBe(MAX_DELAY_MS);
});

/** Timers the test moves on by hand. */
function manualClock(random: () => number) {
  let now = 0;
  let due: { at: number; run: () => void; id: number } | null = null;
  let ids = 0;
  return {
    clock: {
      now: () => now,
      random,
      setTimeout: (run: () => void, ms: number) => {
        due = { at: now + ms, run, id: ++ids };
        return due.id;
      },
      clearTimeout: (id: unknown) => {
        if (due?.id === id) due = null;
      }
    },
    /** Runs the next due timer, if any; returns how long it waited. */
    next(): number | null {
      const timer = due;
      if (!timer) return null;
      due = null;
      const waited = timer.at - now;
      now = timer.at;
      timer.run();
      return waited;
    }
  };
}

let store: Store;
let seeded: SeededNetwork;
beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
});
afterAll(() => store.close());

it('S2 sync never gives up while anything waits: the server down for 40 syncs in a row, then back; all arrive exactly once, every wait at most 5 minutes', async () => {
  const db = new DeviceDatabase(`device-${uuidv7()}`);
  const worker = seeded.workers.amina.id;
  const reference = (await store.getReferenceData())!;
  const caller = await deviceCallerOf(store, seeded.tablet);
  const saved = [];
  for (let i = 0; i < 5; i++) {
    saved.push(await saveConversation(db, makeConversation({ wardCode: 'E05011385', themeIds: [reference.themes[0].id], organisationId: seeded.organisations.armley.id }), worker));
  }
  let serverUp = false;
  let requests = 0;
  const fetchFn: typeof fetch = async (input, init) => {
    requests++;
    if (!serverUp) throw new TypeError('Failed to fetch: connection refused');
    return inProcessSyncFetch(store, () => caller)(input, init);
  };
  const random = seededRandom(5);
  const timers = manualClock(random);
  const inSyncWaits: number[] = [];
  let failedSyncs = 0;
  // What the app does (FieldApp.syncNow): a sync, and after a failure worth retrying while anything waits, the next one scheduled.
  let running: Promise<void> = Promise.resolve();
  const schedule: RetrySchedule = new RetrySchedule(() => (running = sync()), timers.clock);
  const sync = async () => {
    try {
      await syncOnce({ db, fetch: fetchFn, workerId: worker, now: timers.clock.now, sleep: async (ms) => void inSyncWaits.push(ms), random, exclusive: (work) => work() });
      schedule.reset();
    } catch (error) {
      expect(error).toBeInstanceOf(SyncError);
      failedSyncs++;
      if ((error as SyncError).transient && (await db.outbox.count()) > 0) schedule.failed((error as SyncError).retryAfterMs);
    }
  };
  await sync();
  const waits: number[] = [];
  for (let i = 0; i < 40; i++) {
    const waited = timers.next();
    expect(waited).not.toBeNull(); // never a last try
    waits.push(waited!);
    await running;
  }
  expect(failedSyncs).toBe(41);
  expect(requests).toBe(41 * ATTEMPTS_PER_SYNC);
  expect(Math.max(...waits, ...inSyncWaits)).toBeLessThanOrEqual(MAX_DELAY_MS);
  expect(waits.slice(10).some((ms) => ms > 60_000)).toBe(true); // the cap is minutes, not the old 60 s
  expect(new Set(waits).size).toBe(waits.length); // jittered

  serverUp = true;
  timers.next();
  await running;
  expect(await db.outbox.count()).toBe(0);
  expect(schedule.nextAt).toBeNull();
  expect(timers.next()).toBeNull(); // nothing waits: nothing more is scheduled
  expect((await store.conversationsByIds(saved.map((c) => c.id))).map((c) => c.id).sort()).toEqual(saved.map((c) => c.id).sort());
  await db.delete();
});
