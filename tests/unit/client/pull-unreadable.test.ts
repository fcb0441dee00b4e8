import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { pullChanges } from '../../../src/lib/client/sync/pull-changes';
import type { PullResult } from '../../../src/lib/domain/protocol';
import { openStore, type Store } from '../../../src/lib/server/store';
import { createOf, makeConversation } from '../../support/conversations';
import { deviceCallerOf, inProcessSyncFetch } from '../../support/in-process-server';
import { enrolTablet, seedNetwork, type SeededNetwork } from '../../support/seed-network';

let store: Store;
let seeded: SeededNetwork;
let pullFetch: typeof fetch;
const ids: string[] = [];

beforeAll(async () => {
  store = await openStore({});
  seeded = await seedNetwork(store);
  const worker = seeded.workers.amina.id;
  const reference = (await store.getReferenceData())!;
  // Recorded on the first tablet; pulled by a second tablet of the same worker.
  const changes = Array.from({ length: 6 }, () =>
    createOf(makeConversation({ wardCode: 'E05011385', themeIds: [reference.themes[0].id], organisationId: seeded.organisations.armley.id }), worker)
  );
  await store.applyChanges({ networkId: seeded.network.id, deviceId: seeded.tablet.id, organisationId: seeded.organisations.armley.id, changes });
  ids.push(...changes.map((c) => (c.op === 'create' ? c.conversation.id : '')));
  const second = await enrolTablet(store, seeded.network.id, seeded.organisations.armley.id, 'Tablet 2', seeded.people.coordinator.id);
  const caller = await deviceCallerOf(store, second);
  pullFetch = inProcessSyncFetch(store, () => caller);
});
afterAll(() => store.close());

let db: DeviceDatabase;
beforeEach(async () => {
  db = new DeviceDatabase(`device-${uuidv7()}`);
  return () => db.delete();
});

/** The server's answers, with each page's conversations passed through `spoil` on the way. */
const spoiling =
  (spoil: (conversations: unknown[]) => unknown[]): typeof fetch =>
  async (input, init) => {
    const page = (await (await pullFetch(input, init)).json()) as PullResult;
    return new Response(JSON.stringify({ ...page, conversations: spoil(page.conversations) }), { status: 200 });
  };

it('S9 a page with records this app cannot read stores the rest, sets those aside with the reason, and moves the cursor on', async () => {
  const workerId = seeded.workers.amina.id;
  const fetchFn = spoiling((conversations) =>
    conversations.map((item) => {
      const pulled = item as PullResult['conversations'][number];
      if (pulled.id === ids[1]) return { ...pulled, conversation: { ...pulled.conversation, recordedAt: '+020026-11-20T10:30:00.000Z' } };
      if (pulled.id === ids[3]) return { ...pulled, conversation: { ...pulled.conversation, peopleCount: 0, wardCode: 7 } };
      return item;
    }).concat(['not a record at all'])
  );
  const result = await pullChanges({ db, fetch: fetchFn, workerId, pageSize: 4 });
  expect(result.pulled).toBe(4);
  expect((await db.conversations.toArray()).map((c) => c.id).sort()).toEqual([ids[0], ids[2], ids[4], ids[5]].sort());
  const aside = await db.unreadable.orderBy('id').toArray();
  expect(aside).toHaveLength(4); // two spoilt records, and a stray value on each of the two pages
  const byId = new Map(aside.map((record) => [record.id, record.reason]));
  expect(byId.get(ids[1])).toBe('The server sent the date and time it was recorded (A date and time must look like 2026-11-20T10:30:00Z, with a time zone offset of at most 14 hours) in a form this app cannot read.');
  expect(byId.get(ids[3])).toBe('The server sent its ward, the number of people (At least 1 person takes part in a conversation) in a form this app cannot read.');
  expect(aside.filter((record) => record.id.startsWith('unknown-'))).toHaveLength(2);
  expect(Number((await db.settings.get(`pullCursor:${workerId}`))?.value)).toBeGreaterThanOrEqual(6);

  // Once the server sends a copy the app can read (corrected, with a new sequence number), it takes the place of the one set aside.
  const corrected = await pullChanges({ db, fetch: spoiling((c) => c), workerId: seeded.workers.amina.id });
  expect(corrected.pulled).toBe(0);
  await db.settings.delete(`pullCursor:${workerId}`);
  await pullChanges({ db, fetch: spoiling((c) => c), workerId });
  expect(await db.conversations.count()).toBe(6);
  expect((await db.unreadable.toArray()).map((record) => record.id).filter((id) => ids.includes(id))).toEqual([]);
});
