import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { saveConversation } from '../../../src/lib/client/db/conversations';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { getCodeBlocks, keepCodeBlocks, needsMoreCodes } from '../../../src/lib/client/db/reference-codes';
import { storeRoster } from '../../../src/lib/client/db/tablet';
import { pullChanges } from '../../../src/lib/client/sync/pull-changes';
import { pushOutbox } from '../../../src/lib/client/sync/push-outbox';
import { blockOf, CODES_PER_BLOCK, codeInBlock, ReferenceCode } from '../../../src/lib/domain/reference-code';
import type { ReferenceData } from '../../../src/lib/domain/network';
import type { DeviceCaller } from '../../../src/lib/server/auth/guard';
import { deviceRoster } from '../../../src/lib/server/auth/workers';
import { openStore, type Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

let store: Store;
let seeded: SeededNetwork;
let tablet: DeviceCaller;
let reference: ReferenceData;
beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
  tablet = await deviceCallerOf(store, seeded.tablet);
  reference = (await store.getReferenceData())!;
});
afterAll(() => store.close());

let db: DeviceDatabase;
beforeEach(async () => {
  db = new DeviceDatabase(`device-${uuidv7()}`);
  return () => db.delete();
});

const serverFetch: typeof fetch = (input, init) => inProcessSyncFetch(store, () => tablet)(input, init);
const armley = () =>
  makeConversation({ wardCode: 'E05011385', themeIds: [reference.themes[0].id], organisationId: seeded.organisations.armley.id });

describe('reference codes on the tablet (issue 13)', () => {
  it('gives each saved conversation the next code of its block, in the same transaction as the save, and keeps the count across a restart', async () => {
    const roster = await deviceRoster(store, tablet);
    await storeRoster(db, roster, { synced: true });
    const [block] = roster.codeBlocks!;
    const first = await saveConversation(db, armley(), seeded.workers.amina.id);
    const second = await saveConversation(db, armley(), seeded.workers.amina.id);
    expect([first.referenceCode, second.referenceCode]).toEqual([codeInBlock(block, 0), codeInBlock(block, 1)]);
    // The outbox carries the code the confirmation showed.
    const queued = await db.outbox.toArray();
    expect(queued.map((entry) => entry.change.op === 'create' && entry.change.conversation.referenceCode)).toEqual([first.referenceCode, second.referenceCode]);
    // A save that fails writes nothing and uses no code.
    await expect(saveConversation(db, { ...armley(), id: first.id }, seeded.workers.amina.id)).rejects.toThrow();
    expect(await getCodeBlocks(db)).toEqual([{ prefix: block, used: 2 }]);
    db.close();
    const reopened = new DeviceDatabase(db.name);
    await reopened.open();
    const third = await saveConversation(reopened, armley(), seeded.workers.amina.id);
    expect(third.referenceCode).toBe(codeInBlock(block, 2));
    reopened.close();
    db = new DeviceDatabase(db.name);
    // The server accepts the codes as given.
    expect(await pushOutbox({ db, fetch: serverFetch })).toMatchObject({ pushed: 3, setAside: 0 });
    expect((await store.conversationsByIds([first.id]))[0].referenceCode).toBe(first.referenceCode);
  });

  it('asks for a further block from 80 % used, and keeps the count of each block the server lists again', async () => {
    await keepCodeBlocks(db, ['K7M']);
    expect(await needsMoreCodes(db)).toBe(false);
    await db.settings.put({ key: 'codeBlocks', value: JSON.stringify([{ prefix: 'K7M', used: Math.ceil(CODES_PER_BLOCK * 0.8) + 1 }]) });
    expect(await needsMoreCodes(db)).toBe(true);
    await keepCodeBlocks(db, ['K7M', 'TXY']);
    expect(await getCodeBlocks(db)).toEqual([{ prefix: 'K7M', used: Math.ceil(CODES_PER_BLOCK * 0.8) + 1 }, { prefix: 'TXY', used: 0 }]);
    expect(await needsMoreCodes(db)).toBe(false);
  });

  it('with no code left, still saves, and learns the code the server gives in its answer to the push', async () => {
    await keepCodeBlocks(db, ['K7M']);
    await db.settings.put({ key: 'codeBlocks', value: JSON.stringify([{ prefix: 'K7M', used: CODES_PER_BLOCK }]) });
    const saved = await saveConversation(db, armley(), seeded.workers.amina.id);
    expect(saved.referenceCode).toBeNull();
    expect(await db.conversations.get(saved.id)).toBeTruthy();
    await pushOutbox({ db, fetch: serverFetch });
    const code = (await db.conversations.get(saved.id))?.referenceCode;
    expect(ReferenceCode.safeParse(code).success).toBe(true);
    expect(blockOf(code!)).not.toBe('K7M');
    expect((await store.conversationsByIds([saved.id]))[0].referenceCode).toBe(code);
    // What it holds is still its own full copy, not a pulled one with details withheld.
    expect((await db.conversations.get(saved.id))?.followUp).toEqual(saved.followUp);
    await pullChanges({ db, fetch: serverFetch, workerId: seeded.workers.amina.id });
    expect((await db.conversations.get(saved.id))?.referenceCode).toBe(code);
  });
});
