import type { DeviceRoster, DeviceStatus, EnrolResult } from '$lib/domain/device';
import type { DeviceDatabase, StoredWorker } from './database';
import { deviceStateOf, draftKey, enrolmentOf, idleMinutesOf, unlockedOf, type Unlocked } from './tablet-settings';

export { draftKey, type Unlocked };
import { keepCodeBlocks } from './reference-codes';

/**
 * What an enrolled tablet keeps about itself (issue 10): its enrolment, its organisation's
 * workers with their PIN hashes (so a worker unlocks offline), who is unlocked and since when.
 * The device credential itself is an httpOnly cookie, out of reach of the page.
 */

export async function getEnrolment(db: DeviceDatabase): Promise<EnrolResult | null> {
  return enrolmentOf((await db.settings.get('enrolment'))?.value);
}

/** A new enrolment; whoever was unlocked is locked out. */
export async function saveEnrolment(db: DeviceDatabase, enrolment: EnrolResult): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    await db.settings.bulkPut([
      { key: 'enrolment', value: JSON.stringify(enrolment) },
      { key: 'deviceState', value: 'active' }
    ]);
    await db.settings.delete('unlocked');
    if (enrolment.codeBlocks) await keepCodeBlocks(db, enrolment.codeBlocks);
  });
}

export async function getDeviceState(db: DeviceDatabase): Promise<DeviceStatus | 'not-enrolled'> {
  const state = (await db.settings.get('deviceState'))?.value;
  return deviceStateOf(state, state ? null : await getEnrolment(db));
}

export async function setDeviceState(db: DeviceDatabase, state: DeviceStatus | 'not-enrolled'): Promise<void> {
  await db.settings.put({ key: 'deviceState', value: state });
}

/**
 * Keeps the roster the server sent. Wrong-PIN counts stay until a sync completes with a worker
 * unlocked (`synced`), or the lead sets the worker a new PIN; a worker who left is dropped, and
 * with them the conversations they recorded that are already on the server (nothing waiting is
 * ever dropped).
 */
export async function storeRoster(db: DeviceDatabase, roster: DeviceRoster, options: { synced: boolean }): Promise<void> {
  await db.transaction('rw', [db.workers, db.settings, db.conversations, db.outbox, db.rejected], async () => {
    const before = new Map((await db.workers.toArray()).map((worker) => [worker.id, worker]));
    const workers: StoredWorker[] = roster.workers.map((worker) => {
      const kept = before.get(worker.id);
      const newPin = kept?.pin?.hash !== worker.pin?.hash;
      return { ...worker, failedPins: options.synced || newPin ? 0 : (kept?.failedPins ?? 0) };
    });
    await db.workers.clear();
    await db.workers.bulkPut(workers);
    await db.settings.bulkPut([
      { key: 'idleLockMinutes', value: String(roster.idleLockMinutes) },
      { key: 'deviceState', value: roster.device.status }
    ]);
    const unlocked = await getUnlocked(db);
    if (unlocked && !roster.workers.some((worker) => worker.id === unlocked.workerId)) await db.settings.delete('unlocked');
    await dropConversationsOfOthers(db, new Set(roster.workers.map((worker) => worker.id)));
    if (roster.codeBlocks) await keepCodeBlocks(db, roster.codeBlocks);
  });
}

/** Conversations of workers no longer on the roster, unless a change of theirs still waits here. */
async function dropConversationsOfOthers(db: DeviceDatabase, current: Set<string>): Promise<void> {
  const others = (await db.conversations.orderBy('workerId').uniqueKeys()).filter((id) => !current.has(String(id)));
  if (others.length === 0) return;
  const waiting = new Set([
    ...((await db.outbox.orderBy('conversationId').uniqueKeys()) as string[]),
    ...((await db.rejected.orderBy('conversationId').uniqueKeys()) as string[])
  ]);
  const gone = await db.conversations.where('workerId').anyOf(others).primaryKeys();
  await db.conversations.bulkDelete(gone.filter((id) => !waiting.has(id)));
}

export async function idleLockMinutes(db: DeviceDatabase): Promise<number> {
  return idleMinutesOf((await db.settings.get('idleLockMinutes'))?.value);
}

export async function getUnlocked(db: DeviceDatabase): Promise<Unlocked | null> {
  return unlockedOf((await db.settings.get('unlocked'))?.value);
}

export async function setUnlocked(db: DeviceDatabase, unlocked: Unlocked | null): Promise<void> {
  if (unlocked) await db.settings.put({ key: 'unlocked', value: JSON.stringify(unlocked) });
  else await db.settings.delete('unlocked');
}

/** One more wrong PIN for this worker on this tablet; how many in a row now. */
export async function recordPinFailure(db: DeviceDatabase, workerId: string): Promise<number> {
  return db.transaction('rw', db.workers, async () => {
    const worker = await db.workers.get(workerId);
    if (!worker) return 0;
    await db.workers.update(workerId, { failedPins: worker.failedPins + 1 });
    return worker.failedPins + 1;
  });
}

export async function clearPinFailures(db: DeviceDatabase, workerId: string): Promise<void> {
  await db.workers.update(workerId, { failedPins: 0 });
}

/**
 * Conversations, waiting changes and the draft saved before accounts carry no worker: the first
 * worker to unlock the tablet after the update takes them on (and its organisation, where none
 * was given), so they sync under someone allowed to send them.
 */
export async function adoptUnattributed(db: DeviceDatabase, workerId: string, organisationId: string): Promise<void> {
  await db.transaction('rw', [db.conversations, db.outbox, db.rejected, db.drafts], async () => {
    await db.conversations
      .filter((conversation) => !conversation.workerId)
      .modify((conversation) => {
        conversation.workerId = workerId;
        conversation.organisationId ??= organisationId;
      });
    for (const table of [db.outbox, db.rejected]) {
      await table
        .filter((entry) => !(entry.change as { workerId?: string }).workerId)
        .modify((entry) => {
          entry.change.workerId = workerId;
          if (entry.change.op === 'create') entry.change.conversation.organisationId ??= organisationId;
        });
    }
    const legacy = await db.drafts.get('new-conversation');
    if (legacy) {
      await db.drafts.put({ ...legacy, key: draftKey(workerId) });
      await db.drafts.delete('new-conversation');
    }
  });
}


/** A tablet reported lost erases everything it holds the moment it hears so. */
export async function wipeDevice(db: DeviceDatabase): Promise<void> {
  // One transaction: another tab (or this page reloading) never finds the tablet emptied but not yet marked lost.
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((table) => table.clear()));
    await db.settings.put({ key: 'deviceState', value: 'lost' });
  });
}
