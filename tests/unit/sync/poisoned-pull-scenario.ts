import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { saveConversation } from '../../../src/lib/client/db/conversations';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { syncOnce, type SyncDeps } from '../../../src/lib/client/sync/sync-engine';
import { openStore, type StoreConfig } from '../../../src/lib/server/store';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import { openPostgresDatabase } from '../../../src/lib/server/store/postgres-database';
import type { SqlClient } from '../../../src/lib/server/store/sql-database';
import { makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { enrolTablet, seedNetwork, type SeededTablet } from '../../support/seed-network';

/** Straight into the server's database, as no request could: PGlite's data directory with the store closed. */
async function withSql(config: StoreConfig, work: (sql: SqlClient) => Promise<void>): Promise<void> {
  const sql = config.databaseUrl ? await openPostgresDatabase(config.databaseUrl) : await openPgliteDatabase(config.dataDir);
  try {
    await work(sql);
  } finally {
    await sql.close();
  }
}

/**
 * S9 a poisoned record cannot stop a pull: one tablet syncs ten conversations; one of them is
 * then given, in the server's database, a date 18,000 years on (which the app's schema refuses:
 * no ISO date has five digits of year). Another tablet of the same worker still pulls the other
 * nine, sets that one aside with the reason, and moves its cursor past it: its next pull is clean.
 */
export async function runPoisonedPull(config: StoreConfig): Promise<void> {
  let store = await openStore(config);
  const seeded = await seedNetwork(store);
  const worker = seeded.workers.amina.id;
  const secondTablet = await enrolTablet(store, seeded.network.id, seeded.organisations.armley.id, 'Tablet 2', seeded.people.coordinator.id);
  const reference = (await store.getReferenceData())!;
  const deviceOf = (tablet: SeededTablet, db: DeviceDatabase): SyncDeps => ({
    db,
    fetch: async (input, init) => inProcessSyncFetch(store, () => caller)(input, init),
    workerId: worker,
    now: Date.now,
    sleep: async () => undefined,
    random: Math.random,
    exclusive: (work) => work(),
    pageSize: 3
  });
  let caller = await deviceCallerOf(store, seeded.tablet);

  const first = new DeviceDatabase(`device-${uuidv7()}`);
  const second = new DeviceDatabase(`device-${uuidv7()}`);
  try {
    const saved = [];
    for (let i = 0; i < 10; i++) {
      const conversation = makeConversation({ wardCode: 'E05011385', themeIds: [reference.themes[0].id], organisationId: seeded.organisations.armley.id });
      saved.push(await saveConversation(first, conversation, worker));
    }
    expect(await syncOnce(deviceOf(seeded.tablet, first))).toMatchObject({ pushed: 10 });
    const poisoned = saved[4].id;

    await store.close();
    await withSql(config, async (sql) => {
      await sql.query(`update conversations set recorded_at = recorded_at + interval '18000 years' where id = $1`, [poisoned]);
    });
    store = await openStore(config);
    caller = await deviceCallerOf(store, secondTablet);

    const outcome = await syncOnce(deviceOf(secondTablet, second));
    expect(outcome).toMatchObject({ pulled: 9 });
    const stored = (await second.conversations.toArray()).map((c) => c.id).sort();
    expect(stored).toEqual(saved.map((c) => c.id).filter((id) => id !== poisoned).sort());
    const [aside] = await second.unreadable.toArray();
    expect(aside).toMatchObject({ id: poisoned, workerId: worker });
    expect(aside.reason).toBe('The server sent the date and time it was recorded (A date and time must look like 2026-11-20T10:30:00Z, with a time zone offset of at most 14 hours) in a form this app cannot read.');
    expect(aside.record).toContain('20026-');
    const cursor = (await second.settings.get(`pullCursor:${worker}`))?.value;
    expect(Number(cursor)).toBeGreaterThanOrEqual(10);
    // The cursor moved past it: the next pull brings nothing and stops nothing.
    expect(await syncOnce(deviceOf(secondTablet, second))).toMatchObject({ pulled: 0 });
  } finally {
    await Promise.all([first.delete(), second.delete()]);
    await store.close();
  }
}
