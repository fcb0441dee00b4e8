import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { deleteConversation, saveConversation } from '../../../src/lib/client/db/conversations';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { dropAcknowledged } from '../../../src/lib/client/db/outbox';
import { getUnlocked, recordPinFailure, setUnlocked, storeRoster, wipeDevice } from '../../../src/lib/client/db/tablet';
import type { DeviceRoster, RosterWorker } from '../../../src/lib/domain/device';
import { hashPin } from '../../../src/lib/domain/worker-pin';
import { makeConversation } from '../../support/conversations';

const organisation = { id: uuidv7(), name: 'Armley Community Centre' };
const rosterOf = (workers: RosterWorker[]): DeviceRoster => ({
  device: { id: uuidv7(), label: 'Tablet 1', status: 'active', organisation },
  idleLockMinutes: 10,
  workers
});

let db: DeviceDatabase;
let amina: RosterWorker;
let ben: RosterWorker;
beforeEach(async () => {
  db = new DeviceDatabase(`tablet-${uuidv7()}`);
  amina = { id: uuidv7(), name: 'Amina', pin: await hashPin('2468', 100_000) };
  ben = { id: uuidv7(), name: 'Ben', pin: await hashPin('1357', 100_000) };
});
afterEach(() => db.delete());

/** A conversation of this worker's on the tablet; synced unless `waiting`. */
async function recordedBy(workerId: string, waiting: boolean) {
  const saved = await saveConversation(db, makeConversation({ wardCode: 'E05011385', organisationId: organisation.id }), workerId);
  if (!waiting) await dropAcknowledged(db, await db.outbox.where('conversationId').equals(saved.id).toArray());
  return saved.id;
}

describe('the roster a tablet keeps', () => {
  it('drops a worker who left, and with them the conversations they recorded that are on the server; nothing waiting is dropped', async () => {
    await storeRoster(db, rosterOf([amina, ben]), { synced: true });
    const bensSynced = await recordedBy(ben.id, false);
    const bensWaiting = await recordedBy(ben.id, true);
    const aminas = await recordedBy(amina.id, false);
    await setUnlocked(db, { workerId: ben.id, lastActiveAt: new Date().toISOString() });

    await storeRoster(db, rosterOf([amina]), { synced: false });
    expect((await db.workers.toArray()).map((w) => w.name)).toEqual(['Amina']);
    expect((await db.conversations.toArray()).map((c) => c.id).sort()).toEqual([bensWaiting, aminas].sort());
    expect(await getUnlocked(db)).toBeNull(); // Ben can no longer be the one recording
  });

  it('moved to another organisation, the tablet keeps none of the old organisation’s synced conversations', async () => {
    await storeRoster(db, rosterOf([amina, ben]), { synced: true });
    await recordedBy(amina.id, false);
    await recordedBy(ben.id, false);
    const chidi = { id: uuidv7(), name: 'Chidi', pin: null };
    await storeRoster(db, { ...rosterOf([chidi]), device: { ...rosterOf([]).device, organisation: { id: uuidv7(), name: 'Chapeltown Youth Hub' } } }, { synced: true });
    expect(await db.conversations.count()).toBe(0);
  });

  it('keeps wrong-PIN counts across refreshes until a worker’s sync completes, or the lead sets a new PIN', async () => {
    await storeRoster(db, rosterOf([amina, ben]), { synced: true });
    for (let i = 0; i < 5; i++) await recordPinFailure(db, amina.id);
    await storeRoster(db, rosterOf([amina, ben]), { synced: false });
    expect((await db.workers.get(amina.id))?.failedPins).toBe(5);
    await storeRoster(db, rosterOf([amina, ben]), { synced: true });
    expect((await db.workers.get(amina.id))?.failedPins).toBe(0);

    for (let i = 0; i < 5; i++) await recordPinFailure(db, ben.id);
    const newPin = { ...ben, pin: await hashPin('8642', 100_000) };
    await storeRoster(db, rosterOf([amina, newPin]), { synced: false });
    expect((await db.workers.get(ben.id))?.failedPins).toBe(0);
  });

  it('a tablet reported lost erases everything it holds, waiting changes too', async () => {
    await storeRoster(db, rosterOf([amina]), { synced: true });
    await recordedBy(amina.id, true);
    await deleteConversation(db, await recordedBy(amina.id, false), amina.id);
    await wipeDevice(db);
    for (const table of db.tables) {
      const rows = await table.toArray();
      expect(table.name === 'settings' ? rows : rows.length, table.name).toEqual(table.name === 'settings' ? [{ key: 'deviceState', value: 'lost' }] : 0);
    }
  });
});
