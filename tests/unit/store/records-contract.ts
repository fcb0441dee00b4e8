import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { ConversationRecord, RecordsPosition } from '../../../src/lib/domain/conversation-record';
import { maySee, type Recording, type Viewer } from '../../../src/lib/domain/redaction';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation, storedAs } from '../../support/conversations';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const CONTACT = 'call 0113 496 0000 after 6pm';

/**
 * The Conversations page's query (/records), as every Store must answer it (issue 10): a viewer
 * gets exactly what `maySee` allows, redacted by `redactConversation`, newest first in stable
 * pages. Run against embedded PGlite (records.test.ts) and a real PostgreSQL server (records.pg.test.ts).
 */
export function describeRecordsContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`conversation records on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let armley: string;
    let chapeltown: string;
    let workers: { amina: string; ben: string; chidi: string };
    let themes: { id: string; name: string }[];
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      themes = (await store.getReferenceData())!.themes;
      armley = (await store.addOrganisation(networkId, 'Armley Community Centre')).id;
      chapeltown = (await store.addOrganisation(networkId, 'Chapeltown Youth Hub')).id;
      const worker = async (organisationId: string, name: string) => (await store.workers.addWorker(networkId, { organisationId, name, pin: null })).id;
      workers = { amina: await worker(armley, 'Amina'), ben: await worker(armley, 'Ben'), chidi: await worker(chapeltown, 'Chidi') };
      return () => store.close();
    });

    const deviceOf = new Map<string, string>();
    /** Conversations recorded by a worker on a tablet of the worker's organisation. */
    async function record(organisationId: string, workerId: string, conversations: Conversation[]) {
      const deviceId = deviceOf.get(organisationId) ?? uuidv7();
      deviceOf.set(organisationId, deviceId);
      await store.applyChanges({
        networkId,
        deviceId,
        organisationId,
        changes: conversations.map((conversation) => ({ op: 'create', changeId: uuidv7(), workerId, conversation: { ...conversation, organisationId } }))
      });
    }

    const coordinator: Viewer = { role: 'coordinator' };
    const lead = (seesContacts = false): Viewer => ({ role: 'lead', organisationId: armley, seesContacts });
    /** Every page in turn; each but the last is full, so what a viewer may not see was left out in SQL, not after. */
    const all = async (viewer: Viewer, limit = 50) => {
      const found: ConversationRecord[] = [];
      let before: RecordsPosition | null = null;
      do {
        const page = await store.conversationRecords(networkId, viewer, { before, limit });
        if (page.older) expect(page.records, 'a page with older ones after it is full').toHaveLength(limit);
        found.push(...page.records);
        before = page.older;
      } while (before);
      return found;
    };
    const ids = (records: ConversationRecord[]) => records.map((r) => r.conversation.id);

    it('gives a coordinator every conversation in full, a lead only their organisation’s with contact details and equality answers withheld', async () => {
      const told = makeConversation({
        wardCode: ARMLEY,
        recordedAt: '2026-11-20T10:30:00.000Z',
        followUp: { wanted: true, contact: CONTACT },
        equality: { ageBand: '25-34', ethnicity: 'white-irish' },
        quotes: [
          { text: 'We need jobs here', consentToQuote: true },
          { text: 'Keep this between us', consentToQuote: false }
        ]
      });
      const plain = makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-11-19T10:30:00.000Z' });
      const elsewhere = makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-21T10:30:00.000Z', followUp: { wanted: true, contact: 'chidi’s resident' } });
      await record(armley, workers.amina, [told]);
      await record(armley, workers.ben, [plain]);
      await record(chapeltown, workers.chidi, [elsewhere]);

      const full = await all(coordinator);
      expect(ids(full)).toEqual([elsewhere.id, told.id, plain.id]);
      expect(full[1].conversation).toEqual({ ...storedAs(told), organisationId: armley });

      const leads = await all(lead());
      expect(ids(leads)).toEqual([told.id, plain.id]);
      expect(leads[0].conversation).toEqual({
        ...storedAs(told),
        organisationId: armley,
        followUp: { wanted: true, withheld: true },
        equality: { withheld: true }
      });
      expect(JSON.stringify(leads)).not.toContain(CONTACT);
      expect(JSON.stringify(leads)).not.toContain('white-irish');
      expect(leads[0].conversation.quotes).toEqual(told.quotes);
      expect(leads[1].conversation).toMatchObject({ followUp: { wanted: false }, equality: {} });

      // The coordinator lets leads follow residents up: contact details, never equality answers.
      const following = await all(lead(true));
      expect(following[0].conversation).toMatchObject({ followUp: { wanted: true, contact: CONTACT }, equality: { withheld: true } });
    });

    it('leaves out exactly what maySee forbids, for every kind of viewer', async () => {
      const recordings = new Map<string, Recording>();
      const recordAs = async (organisationId: string, workerId: string, conversations: Conversation[]) => {
        await record(organisationId, workerId, conversations);
        for (const c of conversations) recordings.set(c.id, { organisationId, workerId });
      };
      await recordAs(armley, workers.amina, [makeConversation({ wardCode: ARMLEY }), makeConversation({ wardCode: HEADINGLEY })]);
      await recordAs(armley, workers.ben, [makeConversation({ wardCode: ARMLEY })]);
      await recordAs(chapeltown, workers.chidi, [makeConversation({ wardCode: ARMLEY })]);
      const everything = await all(coordinator);
      expect(everything).toHaveLength(4);
      const viewers: Viewer[] = [
        coordinator,
        lead(),
        { role: 'lead', organisationId: chapeltown, seesContacts: true },
        { role: 'lead', organisationId: uuidv7(), seesContacts: false },
        { role: 'staff' },
        { role: 'worker', organisationId: armley, workerId: workers.amina },
        { role: 'worker', organisationId: chapeltown, workerId: workers.amina }
      ];
      for (const viewer of viewers) {
        const expected = everything.filter((r) => maySee(viewer, recordings.get(r.conversation.id)!));
        expect(ids(await all(viewer, 2)), JSON.stringify(viewer)).toEqual(ids(expected));
      }
      expect(ids(await all({ role: 'staff' }))).toEqual([]);
    });

    it('names the ward, organisation, worker, event and themes, and keeps a removed worker’s name', async () => {
      const event = await store.addEvent(networkId, { name: 'Armley Tuesday drop-in', date: '2026-11-24', place: 'Armley Library' });
      const [work, , , , , health] = themes;
      const conversation = makeConversation({ wardCode: HEADINGLEY, eventId: event.id, themeIds: [health.id, work.id], peopleCount: 3 });
      await record(armley, workers.amina, [conversation]);
      await store.workers.removeWorker(networkId, workers.amina, armley);
      const [found] = await all(lead());
      expect(found).toEqual({
        conversation: expect.objectContaining({ id: conversation.id, peopleCount: 3 }),
        contactDeletion: null,
        wardName: 'Headingley & Hyde Park',
        organisationName: 'Armley Community Centre',
        workerName: 'Amina',
        eventName: 'Armley Tuesday drop-in',
        themeNames: [work.name, health.name]
      });
    });

    it('never gives an erased conversation', async () => {
      const kept = makeConversation({ wardCode: ARMLEY });
      const erased = makeConversation({ wardCode: ARMLEY });
      await record(armley, workers.amina, [kept, erased]);
      await store.applyChanges({
        networkId,
        deviceId: deviceOf.get(armley)!,
        organisationId: armley,
        changes: [{ op: 'delete', changeId: uuidv7(), workerId: workers.amina, conversationId: erased.id }]
      });
      expect(ids(await all(coordinator))).toEqual([kept.id]);
      expect(ids(await all(lead()))).toEqual([kept.id]);
    });

    it('pages newest first by recorded time then id, each conversation once, unmoved by newer ones arriving', async () => {
      // Same times and times a microsecond apart: the position must hold the time exactly.
      const times = [
        '2026-11-20T10:30:00.000001Z',
        '2026-11-20T10:30:00.000001Z',
        '2026-11-20T10:30:00.000001Z',
        '2026-11-20T10:30:00.000002Z',
        '2026-11-20T10:30:00Z',
        '2026-11-19T09:00:00Z',
        '2026-11-21T09:00:00Z'
      ];
      const conversations = times.map((recordedAt) => makeConversation({ wardCode: ARMLEY, recordedAt }));
      await record(armley, workers.amina, conversations);
      const micros = (iso: string) => BigInt(Date.parse(iso.replace(/\.\d+Z$/, 'Z'))) * 1000n + BigInt((iso.match(/\.(\d+)Z$/)?.[1] ?? '0').padEnd(6, '0'));
      const expected = conversations
        .map((c, i) => ({ id: c.id, at: micros(times[i]) }))
        .sort((a, b) => (a.at === b.at ? (a.id < b.id ? 1 : -1) : a.at < b.at ? 1 : -1))
        .map((c) => c.id);

      const first = await store.conversationRecords(networkId, coordinator, { before: null, limit: 3 });
      expect(ids(first.records)).toEqual(expected.slice(0, 3));
      // A newer conversation arrives while someone reads page one: page two is unchanged.
      await record(armley, workers.ben, [makeConversation({ wardCode: ARMLEY, recordedAt: '2026-12-01T09:00:00Z' })]);
      const second = await store.conversationRecords(networkId, coordinator, { before: first.older, limit: 3 });
      expect(ids(second.records)).toEqual(expected.slice(3, 6));
      const third = await store.conversationRecords(networkId, coordinator, { before: second.older, limit: 3 });
      expect(ids(third.records)).toEqual(expected.slice(6));
      expect(third.older).toBeNull();

      const exactly = await store.conversationRecords(networkId, lead(), { before: null, limit: 8 });
      expect(exactly.records).toHaveLength(8);
      expect(exactly.older).toBeNull();
    });
  });
}
