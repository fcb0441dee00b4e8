import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { saveConversation } from '../../../src/lib/client/db/conversations';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { pushOutbox } from '../../../src/lib/client/sync/push-outbox';
import type { PushRequest } from '../../../src/lib/domain/protocol';
import type { ReferenceData } from '../../../src/lib/domain/network';
import { SyncError } from '../../../src/lib/domain/sync-error';
import type { DeviceCaller } from '../../../src/lib/server/auth/guard';
import { openStore, type Store } from '../../../src/lib/server/store';
import { answersOf, makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

let store: Store;
let seeded: SeededNetwork;
let reference: ReferenceData;
let tablet: DeviceCaller;
let worker: string;

beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
  worker = seeded.workers.amina.id;
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

/** Every push request the device made, and the status each was answered with. */
interface Exchange {
  bytes: number;
  changeIds: string[];
  status: number;
}

/**
 * The real server behind a front that answers as `refuse` says (a status and body) before the
 * server sees the request, and records every push.
 */
function frontedFetch(refuse: (push: PushRequest, bytes: number) => { status: number; body: unknown } | null, log: Exchange[]): typeof fetch {
  return async (input, init) => {
    const text = String(init?.body ?? '');
    if (!String(input).endsWith('/api/sync/push')) return serverFetch(input, init);
    const push = JSON.parse(text) as PushRequest;
    const bytes = new TextEncoder().encode(text).byteLength;
    const refusal = refuse(push, bytes);
    const response = refusal ? new Response(JSON.stringify(refusal.body), { status: refusal.status }) : await serverFetch(input, init);
    log.push({ bytes, changeIds: push.changes.map((c) => c.changeId), status: response.status });
    return response;
  };
}

const tooLarge = (limit: number) => (_push: PushRequest, bytes: number) =>
  bytes > limit ? { status: 413, body: { error: { reason: 'invalid', message: `The push is larger than ${limit} bytes; send fewer conversations at once.` } } } : null;

const armley = (loves = 'The park and the library', wouldChange?: string) =>
  makeConversation({
    wardCode: 'E05011385',
    themeIds: [reference.themes[0].id],
    organisationId: seeded.organisations.armley.id,
    answers: answersOf(loves, wouldChange)
  });

/** Gurmukhi, three UTF-8 bytes a character: a long answer in Punjabi. */
const punjabi = (length: number) => 'ਸਾਡੇ ਪਾਰਕ ਅਤੇ ਲਾਇਬ੍ਰੇਰੀ '.repeat(Math.ceil(length / 24)).slice(0, length);

async function onServer(ids: string[]): Promise<string[]> {
  return (await store.conversationsByIds(ids)).map((c) => c.id).sort();
}

describe('S9 a refusal of a change never stops the push', () => {
  it('S2 S9 a push too large for the server (413) is split in halves, and everything arrives exactly once', async () => {
    const saved = [];
    for (let i = 0; i < 12; i++) saved.push(await saveConversation(db, armley(`Resident ${i}: ${'a long answer '.repeat(150)}`), worker));
    const log: Exchange[] = [];
    // The device thinks 1 MB fits; a proxy in front of the server takes 10 kB.
    const result = await pushOutbox({ db, fetch: frontedFetch(tooLarge(10_000), log) });
    expect(result).toEqual({ pushed: 12, setAside: 0 });
    expect(log.some((e) => e.status === 413)).toBe(true);
    const acknowledged = log.filter((e) => e.status === 200).flatMap((e) => e.changeIds);
    expect(acknowledged).toHaveLength(12);
    expect(new Set(acknowledged).size).toBe(12);
    expect(await onServer(saved.map((c) => c.id))).toEqual(saved.map((c) => c.id).sort());
    expect(await db.outbox.count()).toBe(0);
    expect(await db.rejected.count()).toBe(0);
    // After the first 413 the push learnt the size: later batches are sent small at once.
    const firstRefusal = log.findIndex((e) => e.status === 413);
    expect(log.slice(firstRefusal).filter((e) => e.status === 413).length).toBeLessThan(4);
  });

  it('measures a batch in UTF-8 bytes, as the server counts: long Punjabi answers go in batches within the limit, with no 413', async () => {
    const saved = [];
    // Each about 2 × 3,000 characters × 3 bytes = 18 kB; 12 of them 216 kB, but only 72,000 UTF-16 units.
    for (let i = 0; i < 12; i++) saved.push(await saveConversation(db, armley(punjabi(3_000), punjabi(3_000)), worker));
    const log: Exchange[] = [];
    const result = await pushOutbox({ db, fetch: frontedFetch(tooLarge(2 * 80_000), log), maxBatchBytes: 80_000 });
    expect(result).toEqual({ pushed: 12, setAside: 0 });
    expect(log.map((e) => e.status)).not.toContain(413);
    expect(log.length).toBeGreaterThan(1);
    expect(Math.max(...log.map((e) => e.bytes))).toBeLessThanOrEqual(80_000 + 200);
    expect(await onServer(saved.map((c) => c.id))).toEqual(saved.map((c) => c.id).sort());
  });

  it('a change refused alone with a 4xx that names no change is found by splitting the batch, set aside with the server’s message; the rest arrive', async () => {
    const saved = [];
    for (let i = 0; i < 9; i++) saved.push(await saveConversation(db, armley(`Resident ${i}`), worker));
    const culprit = saved[5];
    const log: Exchange[] = [];
    const message = 'The push was refused and nothing of it was stored. Something in it is not right.';
    const refuseCulprit = (push: PushRequest) =>
      push.changes.some((c) => c.op === 'create' && c.conversation.id === culprit.id) ? { status: 422, body: { error: { reason: 'invalid', message } } } : null;
    const result = await pushOutbox({ db, fetch: frontedFetch(refuseCulprit, log) });
    expect(result).toEqual({ pushed: 8, setAside: 1 });
    const [setAside] = await db.rejected.toArray();
    expect(setAside.conversationId).toBe(culprit.id);
    expect(setAside.message).toBe(message);
    const others = saved.filter((c) => c !== culprit).map((c) => c.id);
    expect(await onServer(saved.map((c) => c.id))).toEqual(others.sort());
    expect(log.filter((e) => e.status === 200).flatMap((e) => e.changeIds)).toHaveLength(8);
    expect(await db.outbox.count()).toBe(0);
  });

  it('a single change too large for the server alone is set aside with its message; the others arrive', async () => {
    const small = await saveConversation(db, armley('Short'), worker);
    const huge = await saveConversation(db, armley(punjabi(3_900), punjabi(3_900)), worker);
    const after = await saveConversation(db, armley('Also short'), worker);
    const log: Exchange[] = [];
    const result = await pushOutbox({ db, fetch: frontedFetch(tooLarge(20_000), log) });
    expect(result).toEqual({ pushed: 2, setAside: 1 });
    const [setAside] = await db.rejected.toArray();
    expect(setAside.conversationId).toBe(huge.id);
    expect(setAside.message).toContain('larger than the server accepts');
    expect(setAside.message).toContain('20000 bytes');
    expect(await onServer([small.id, huge.id, after.id])).toEqual([small.id, after.id].sort());
  });

  it('a refusal about the tablet (426, 401, 403) or a 4xx the app’s server did not write sets nothing aside', async () => {
    await saveConversation(db, armley(), worker);
    await saveConversation(db, armley(), worker);
    const answers = [
      { status: 426, body: { error: { reason: 'outdated-client', message: 'Update the app.' } } },
      { status: 401, body: { error: { reason: 'unauthorised', message: 'Not enrolled.' } } },
      { status: 403, body: { error: { reason: 'device-retired', message: 'Retired.' } } },
      { status: 400, body: '<html>Captive portal: sign in to the venue wifi</html>' }
    ];
    for (const answer of answers) {
      const error = await pushOutbox({ db, fetch: frontedFetch(() => answer, []) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncError);
      expect(await db.outbox.count()).toBe(2);
      expect(await db.rejected.count()).toBe(0);
    }
  });
});
