import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { deleteConversation, editConversation, saveConversation } from '../../../src/lib/client/db/conversations';
import { countUnsyncedConversations, resendRejected, unsyncedConversationIds } from '../../../src/lib/client/db/outbox';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { DeviceConversations, SaveError } from '../../../src/lib/client/device-conversations.svelte';
import { PAST_DATE_MESSAGE } from '../../../src/lib/domain/instant';
import { pushOutbox } from '../../../src/lib/client/sync/push-outbox';
import type { Network, ReferenceData } from '../../../src/lib/domain/network';
import { SyncError } from '../../../src/lib/domain/sync-error';
import type { DeviceCaller } from '../../../src/lib/server/auth/guard';
import { openStore, type Store } from '../../../src/lib/server/store';
import { answersOf, makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

let store: Store;
let network: Network;
let reference: ReferenceData;
let seeded: SeededNetwork;
let tablet: DeviceCaller;
/** Amina, a worker of the tablet's organisation. */
let worker: string;

beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
  network = seeded.network;
  worker = seeded.workers.amina.id;
  tablet = await deviceCallerOf(store, seeded.tablet);
  reference = (await store.getReferenceData())!;
});
afterAll(() => store.close());

/** fetch as the tablet's browser sees it: requests reach the real push handler and its store. */
const serverFetch: typeof fetch = (input, init) => inProcessSyncFetch(store, () => tablet)(input, init);
const offlineFetch: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

let db: DeviceDatabase;
beforeEach(async () => {
  db = new DeviceDatabase(`device-${uuidv7()}`);
  return () => db.delete();
});

const armley = () =>
  makeConversation({ wardCode: 'E05011385', themeIds: [reference.themes[0].id], organisationId: seeded.organisations.armley.id });

describe('S1 saved-means-saved: saving on the device', () => {
  it('writes the conversation and its outbox entry together', async () => {
    const saved = await saveConversation(db, armley(), worker);
    expect(await db.conversations.get(saved.id)).toMatchObject({ id: saved.id, answers: saved.answers });
    const [entry] = await db.outbox.toArray();
    expect(entry.change).toMatchObject({ op: 'create', conversation: { id: saved.id } });
    expect(entry.change.changeId).toBe(entry.changeId);
  });

  it('writes nothing when the conversation is invalid', async () => {
    await expect(saveConversation(db, { ...armley(), consentToRecord: false as true }, worker)).rejects.toThrow();
    expect(await db.conversations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('a tablet whose clock is wrong', () => {
  it('is told so plainly when a worker saves, and nothing is written', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => null);
    const { id: _, recordedAt: __, ...fields } = armley();
    const flatBattery = new Date('1970-01-01T00:04:00Z');
    await expect(conversations.saveNew(fields, flatBattery)).rejects.toThrow(new SaveError(PAST_DATE_MESSAGE));
    expect(await db.conversations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe('a conversation with nothing said in it', () => {
  it('is refused by the device with a plain message, and nothing is written', async () => {
    const conversations = new DeviceConversations(db, () => {}, () => worker, () => null);
    const { id: _, recordedAt: __, ...fields } = armley();
    const empty = { ...fields, answers: answersOf('  ', ''), quotes: [], themeIds: [] };
    await expect(conversations.saveNew(empty)).rejects.toThrow(new SaveError('Add at least one answer, quote or theme before saving.'));
    expect(await db.conversations.count()).toBe(0);
    expect(await db.outbox.count()).toBe(0);
    // One theme is enough.
    await conversations.saveNew({ ...empty, themeIds: fields.themeIds });
    expect(await db.conversations.count()).toBe(1);
  });
});

describe('pushing the outbox', () => {
  it('S3 acknowledged-means-durable: drops entries only once the server stored them', async () => {
    const saved = await Promise.all([armley(), armley(), armley()].map((c) => saveConversation(db, c, worker)));
    const progress: number[] = [];
    const result = await pushOutbox({ db, fetch: serverFetch, maxBatchChanges: 2, onProgress: (p) => progress.push(p.pushed) });
    expect(result.pushed).toBe(3);
    expect(progress).toEqual([0, 2, 3]);
    expect(await db.outbox.count()).toBe(0);
    expect(await store.conversationsByIds(saved.map((c) => c.id))).toHaveLength(3);
  });

  it('keeps every entry when the server cannot be reached', async () => {
    await saveConversation(db, armley(), worker);
    const error = await pushOutbox({ db, fetch: offlineFetch }).catch((e) => e);
    expect(error).toBeInstanceOf(SyncError);
    expect(error.reason).toBe('network');
    expect(await db.outbox.count()).toBe(1);
  });

  it('sets a change the server refuses aside with its reason, and pushes the rest', async () => {
    const before = await store.countConversations(network.id);
    const good = await saveConversation(db, armley(), worker);
    const refused = await saveConversation(db, armley(), worker);
    // A ward of another network: valid in form, unknown to this server.
    await db.outbox.toCollection().modify((entry) => {
      if (entry.change.op === 'create' && entry.conversationId === refused.id) entry.change.conversation.wardCode = 'E05999999';
    });
    const result = await pushOutbox({ db, fetch: serverFetch });
    expect(result).toEqual({ pushed: 1, setAside: 1 });
    expect(await db.outbox.count()).toBe(0);
    const [setAside] = await db.rejected.toArray();
    expect(setAside.conversationId).toBe(refused.id);
    expect(setAside.message).toContain('E05999999');
    expect(await store.countConversations(network.id)).toBe(before + 1);
    expect(await store.conversationsByIds([good.id, refused.id])).toHaveLength(1);

    // The worker corrects the ward; the conversation is sent again, as it now is.
    const { id: _, recordedAt: __, savedAt: ___, revision: ____, workerId: _____, ...fields } = (await db.conversations.get(refused.id))!;
    await editConversation(db, refused.id, { ...fields, wardCode: 'E05011397' }, worker);
    await resendRejected(db, refused.id, worker, uuidv7);
    expect(await db.rejected.count()).toBe(0);
    expect((await db.outbox.toArray()).map((entry) => entry.change.op)).toEqual(['create']);
    expect(await pushOutbox({ db, fetch: serverFetch })).toEqual({ pushed: 1, setAside: 0 });
    expect((await store.conversationsByIds([refused.id]))[0]?.wardCode).toBe('E05011397');
  });
});

describe('edits and deletes made on the device', () => {
  const fieldsOf = ({ id: _, recordedAt: __, savedAt: ___, workerId: ____, ...fields }: Awaited<ReturnType<typeof saveConversation>>) => fields;

  it('queues only the changed fields, and an edit that changes nothing queues nothing', async () => {
    const saved = await saveConversation(db, armley(), worker);
    await editConversation(db, saved.id, { ...fieldsOf(saved), peopleCount: 3 }, worker);
    await editConversation(db, saved.id, { ...fieldsOf(saved), peopleCount: 3 }, worker);
    const changes = (await db.outbox.toArray()).map((entry) => entry.change);
    expect(changes.map((c) => c.op)).toEqual(['create', 'update']);
    expect(changes[1]).toMatchObject({ op: 'update', conversationId: saved.id, fields: { peopleCount: 3 } });
    expect(Object.keys(changes[1].op === 'update' ? changes[1].fields : {})).toEqual(['peopleCount']);
    expect((await db.conversations.get(saved.id))?.peopleCount).toBe(3);
  });

  it('reaches the server in order: created, edited, another deleted; then nothing waits', async () => {
    const kept = await saveConversation(db, armley(), worker);
    const gone = await saveConversation(db, armley(), worker);
    await editConversation(db, kept.id, { ...fieldsOf(kept), answers: answersOf('Edited on the device') }, worker);
    await deleteConversation(db, gone.id, worker);
    expect(await unsyncedConversationIds(db)).toEqual(new Set([kept.id, gone.id]));
    expect(await countUnsyncedConversations(db)).toBe(2);
    expect(await db.conversations.get(gone.id)).toBeUndefined();

    await pushOutbox({ db, fetch: serverFetch });
    const onServer = await store.conversationsByIds([kept.id, gone.id]);
    expect(onServer).toHaveLength(1);
    expect(onServer[0].answers[0].text).toBe('Edited on the device');
    expect(await unsyncedConversationIds(db)).toEqual(new Set());
    expect(await countUnsyncedConversations(db)).toBe(0);
  });
});
