import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DeviceDatabase, SCHEMA_VERSIONS } from '../../../src/lib/client/db/database';
import { EMPTY_LOOK, lookThrough, readFirstLook } from '../../../src/lib/client/db/first-look';
import { LazyDatabase } from '../../../src/lib/client/db/lazy-database';
import { draftKey } from '../../../src/lib/client/db/tablet';
import { DeviceConversations } from '../../../src/lib/client/device-conversations.svelte';
import { TabletSession } from '../../../src/lib/client/tablet-session.svelte';
import type { ReferenceData } from '../../../src/lib/domain/network';

/** The first screen's bare IndexedDB read, beside Dexie (which owns the database and its versions). */

let name: string;
beforeEach(() => {
  name = `first-look-${uuidv7()}`;
});
afterEach(() => Dexie.delete(name));

const exists = async (database: string) => (await indexedDB.databases()).some((info) => info.name === database);

describe('the first look', () => {
  it('reads what Dexie wrote: the settings the first screen needs, the workers, reference data and drafts', async () => {
    const db = new DeviceDatabase(name);
    const worker = { id: uuidv7(), name: 'Amina', pin: null, failedPins: 0 };
    const reference = { network: { id: uuidv7(), name: 'Leeds' }, wards: [] } as unknown as ReferenceData;
    const draft = { key: draftKey(worker.id), values: { wardCode: 'E05011385' }, updatedAt: '2026-11-20T10:32:00.000Z' };
    await db.settings.bulkPut([
      { key: 'session', value: '{"setUp":true}' },
      { key: 'deviceState', value: 'active' },
      { key: 'unlocked', value: JSON.stringify({ workerId: worker.id, lastActiveAt: '2026-11-20T10:30:00.000Z' }) },
      { key: 'idleLockMinutes', value: '15' },
      { key: 'lastSyncedAt', value: '2026-11-20T10:00:00.000Z' },
      { key: 'recentWards', value: '["E05011385"]' },
      { key: 'pullCursor', value: '42' } // not for the first screen
    ]);
    await db.workers.put(worker);
    await db.referenceData.put({ key: 'current', data: reference, fetchedAt: '2026-11-20T09:00:00.000Z' });
    await db.drafts.put(draft);

    const look = await readFirstLook(indexedDB, name);
    expect(look).toEqual({
      settings: {
        session: '{"setUp":true}',
        deviceState: 'active',
        unlocked: JSON.stringify({ workerId: worker.id, lastActiveAt: '2026-11-20T10:30:00.000Z' }),
        idleLockMinutes: '15',
        lastSyncedAt: '2026-11-20T10:00:00.000Z',
        recentWards: '["E05011385"]'
      },
      workers: [worker],
      reference: { key: 'current', data: reference, fetchedAt: '2026-11-20T09:00:00.000Z' },
      drafts: [draft]
    });
    // Read through Dexie (when the bare read fails), the look is the same.
    expect(await lookThrough(db)).toEqual(look);
    db.close();
  });

  it('finds nothing where the app never ran, and leaves the database for Dexie to create at its version', async () => {
    expect(await readFirstLook(indexedDB, name)).toEqual(EMPTY_LOOK);
    expect(await exists(name)).toBe(false);

    const db = new DeviceDatabase(name);
    await db.settings.put({ key: 'lastSyncedAt', value: '2026-11-20T10:00:00.000Z' });
    expect(db.backendDB().version).toBe(50); // Dexie keeps version n as 10n
    expect(await readFirstLook(indexedDB, name)).toMatchObject({ settings: { lastSyncedAt: '2026-11-20T10:00:00.000Z' } });
    db.close();
  });

  it('reads an older database as it is, a store it does not have yet as empty', async () => {
    const old = new Dexie(name);
    old.version(3).stores({ ...SCHEMA_VERSIONS[2], ...SCHEMA_VERSIONS[3] }); // before accounts: no workers store
    await old.table('settings').put({ key: 'lastSyncedAt', value: '2026-11-20T10:00:00.000Z' });
    await old.table('drafts').put({ key: 'new-conversation', values: {}, updatedAt: '2026-11-20T10:32:00.000Z' });
    old.close();

    const look = await readFirstLook(indexedDB, name);
    expect(look).toMatchObject({ settings: { lastSyncedAt: '2026-11-20T10:00:00.000Z' }, workers: [], reference: undefined });
    expect(look?.drafts.map((draft) => draft.key)).toEqual(['new-conversation']);
  });

  it('never blocks Dexie’s upgrade, even while it is reading', async () => {
    const old = new Dexie(name);
    old.version(4).stores({ ...SCHEMA_VERSIONS[2], ...SCHEMA_VERSIONS[3], ...SCHEMA_VERSIONS[4] });
    await old.table('workers').bulkPut(Array.from({ length: 200 }, (_, i) => ({ id: `w${i}`, name: `Worker ${i}`, pin: null, failedPins: 0 })));
    old.close();

    // Dexie asks to upgrade to version 5 while the first look has the database open.
    const reading = readFirstLook(indexedDB, name);
    const db = new DeviceDatabase(name);
    let blocked = false;
    db.on('blocked', () => void (blocked = true));
    await db.open();
    expect((await reading)?.workers).toHaveLength(200);
    expect(db.backendDB().version).toBe(50); // Dexie keeps version n as 10n
    expect(await db.unreadable.count()).toBe(0); // the store version 5 added
    expect(blocked).toBe(false);
    db.close();
  });

  it('says it could not read (null) when IndexedDB refuses, so the app reads through Dexie', async () => {
    const refusing = { open: () => { throw new DOMException('blocked by the browser', 'SecurityError'); } } as unknown as IDBFactory;
    expect(await readFirstLook(refusing, name)).toBeNull();
  });
});

describe('the first screen, before Dexie has loaded', () => {
  // A database that never arrives: whatever the first screen shows came from the first look alone.
  const neverLoads = () => new LazyDatabase(() => new Promise<never>(() => {}));
  const enrolment = { deviceId: uuidv7(), label: 'Tablet 1', organisation: { id: uuidv7(), name: 'Armley Community Centre' } };
  const amina = { id: uuidv7(), name: 'Amina', pin: null, failedPins: 0 };
  const now = Date.parse('2026-11-20T10:35:00.000Z');
  const look = (lastActiveAt: string) => ({
    ...EMPTY_LOOK,
    settings: { enrolment: JSON.stringify(enrolment), unlocked: JSON.stringify({ workerId: amina.id, lastActiveAt }), idleLockMinutes: '10' },
    workers: [amina],
    drafts: [{ key: draftKey(amina.id), values: { wardCode: 'E05011385' }, updatedAt: '2026-11-20T10:32:00.000Z' }]
  });

  it('shows the enrolled tablet, its unlocked worker and her draft', async () => {
    const db = neverLoads();
    const tablet = new TabletSession(db, fetch, () => now);
    await tablet.loadFrom(look('2026-11-20T10:30:00.000Z'));
    expect(tablet.enrolled).toBe(true);
    expect(tablet.worker).toEqual({ id: amina.id, name: 'Amina' });

    const conversations = new DeviceConversations(db, () => {}, () => tablet.worker?.id ?? null, () => null);
    conversations.showFirstLook(look('2026-11-20T10:30:00.000Z').drafts, '["E05011385"]');
    expect(await conversations.loadDraft()).toEqual({ values: { wardCode: 'E05011385' }, updatedAt: '2026-11-20T10:32:00.000Z' });
    expect(conversations.recentWardCodes).toEqual(['E05011385']);
  });

  it('shows a worker whose idle time ran out locked out at once (forgetting her waits for Dexie)', async () => {
    const tablet = new TabletSession(neverLoads(), fetch, () => now);
    void tablet.loadFrom(look('2026-11-20T10:20:00.000Z'));
    await Promise.resolve();
    expect(tablet.enrolled).toBe(true);
    expect(tablet.worker).toBeNull();
  });
});
