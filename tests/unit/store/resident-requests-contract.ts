import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { AuditActor } from '../../../src/lib/domain/audit';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { Store } from '../../../src/lib/server/store';
import { UnknownReferenceError } from '../../../src/lib/server/store/errors';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { answersOf, makeConversation } from '../../support/conversations';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const WORDS = 'The canal path floods every winter';
const QUOTE = 'Nobody fixes the lights on Town Street';
const CONTACT = 'call 0113 496 0731 after 6pm';

/**
 * A resident's requests by their conversation (issue 13), as every Store must answer them: erase,
 * withdraw equality answers, correct, give a copy. Run on embedded PGlite
 * (resident-requests.test.ts) and a real PostgreSQL server (resident-requests.pg.test.ts).
 */
export function describeResidentRequestsContract(kind: string, openEmpty: () => Promise<{ store: Store; db: SqlDatabase }>) {
  describe(`a resident's requests on ${kind}`, () => {
    let store: Store;
    let db: SqlDatabase;
    let networkId: string;
    let organisationId: string;
    let workerId: string;
    let coordinator: AuditActor & { id: string };
    const deviceId = uuidv7();
    let themes: { id: string; name: string }[];

    beforeEach(async () => {
      ({ store, db } = await openEmpty());
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      themes = (await store.getReferenceData())!.themes;
      organisationId = (await store.addOrganisation(networkId, 'Armley Community Centre')).id;
      workerId = (await store.workers.addWorker(networkId, { organisationId, name: 'Amina', pin: null })).id;
      const person = await store.accounts.createPerson(networkId, { email: 'cora@leeds.example', name: 'Cora', role: 'coordinator', organisationId: null, passwordHash: 'x' });
      coordinator = { kind: 'person', id: person.id, name: 'Cora' };
      return () => store.close();
    });

    const push = (changes: object[]) => store.applyChanges({ networkId, deviceId, organisationId, changes: changes as never });

    /** A conversation with words, a quote, contact details, equality answers and a history entry. */
    async function recorded(): Promise<Conversation> {
      const conversation = makeConversation({
        wardCode: ARMLEY,
        organisationId,
        answers: answersOf(WORDS),
        quotes: [{ text: QUOTE, consentToQuote: true }],
        themeIds: [themes[0].id],
        equality: { ageBand: '25-34', ethnicity: 'white-roma' },
        followUp: { wanted: true, contact: CONTACT }
      });
      await push([{ op: 'create', changeId: uuidv7(), workerId, conversation }]);
      // Two tablets edit the same field concurrently: the loser's words go to the history.
      const lostChange = uuidv7();
      const wonChange = uuidv7();
      await push([{ op: 'update', changeId: wonChange, workerId, conversationId: conversation.id, baseRevision: 1, fields: { peopleCount: 2, answers: answersOf(`${WORDS}, again`) } }]);
      await store.applyChanges({
        networkId,
        deviceId: uuidv7(),
        organisationId,
        changes: [{ op: 'update', changeId: lostChange, workerId, conversationId: conversation.id, baseRevision: 1, fields: { answers: answersOf(`${WORDS}, said another way`) } }]
      });
      return conversation;
    }

    /** Every table and column holding `text`, anywhere in the database. */
    async function tablesHolding(text: string): Promise<string[]> {
      const tables = await db.query<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
      const found: string[] = [];
      for (const { name } of tables) {
        const [row] = await db.query<{ n: number }>(`select count(*)::int as n from "${name}" t where strpos(lower(t::text), lower($1)) > 0`, [text]);
        if (row.n > 0) found.push(name);
      }
      return found;
    }

    it('erasure leaves no word, quote, contact or equality answer in any table, tells tablets, and sticks', async () => {
      const conversation = await recorded();
      expect(await tablesHolding(WORDS)).toEqual(expect.arrayContaining(['conversations', 'conversation_history']));
      expect(await tablesHolding(CONTACT)).toEqual(['follow_up_contacts']);

      const code = (await store.residentRequests.find(networkId, conversation.id))?.record.conversation.referenceCode;
      expect(code).toMatch(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      expect(await store.residentRequests.erase(networkId, conversation.id, coordinator)).toBe(true);
      // Nothing ties the tombstone to the resident: their code no longer finds it.
      expect(await store.referenceCodes.conversationIdByCode(networkId, code!)).toBeNull();
      for (const secret of [WORDS, QUOTE, CONTACT, 'white-roma']) expect(await tablesHolding(secret), secret).toEqual([]);
      const found = await store.residentRequests.find(networkId, conversation.id);
      expect(found?.erasedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(await store.conversationsByIds([conversation.id])).toEqual([]);
      const pulled = await store.pull({ networkId, deviceId, organisationId, workerId }, '0', 100);
      expect(pulled.conversations).toEqual([expect.objectContaining({ id: conversation.id, deleted: true })]);

      // A tablet offline since before the erasure edits it and syncs: it stays erased.
      await push([{ op: 'update', changeId: uuidv7(), workerId, conversationId: conversation.id, baseRevision: 1, fields: { answers: answersOf(WORDS) } }]);
      expect(await tablesHolding(WORDS)).toEqual([]);
      expect(await store.residentRequests.erase(networkId, conversation.id, coordinator)).toBe(false);

      const [entry] = await store.audit.list(networkId, { action: 'conversation-erased' }, { before: null, limit: 10 });
      expect(entry).toMatchObject({ actor: { kind: 'person', name: 'Cora' }, subject: conversation.id });
    });

    it('withdrawing equality answers removes them and their history for good, and keeps the rest', async () => {
      const conversation = await recorded();
      expect(await store.residentRequests.withdrawEquality(networkId, conversation.id, coordinator)).toBe(true);
      expect(await tablesHolding('white-roma')).toEqual([]);
      const found = await store.residentRequests.find(networkId, conversation.id);
      expect(found?.equalityWithdrawnAt).toMatch(/^\d{4}-/);
      expect(found?.record.conversation.equality).toEqual({});
      expect(found?.record.conversation).toMatchObject({ followUp: { wanted: true, contact: CONTACT }, quotes: [{ text: QUOTE }] });

      // A tablet's later edit of the answers does not bring any back; its other edits apply.
      await push([{ op: 'update', changeId: uuidv7(), workerId, conversationId: conversation.id, baseRevision: 3, fields: { equality: { sex: 'female' }, peopleCount: 4 } }]);
      const after = await store.residentRequests.find(networkId, conversation.id);
      expect(after?.record.conversation.equality).toEqual({});
      expect(after?.record.conversation.peopleCount).toBe(4);
    });

    it('a correction replaces what was wrong, wins over tablets’ older edits, and an unknown theme changes nothing', async () => {
      const conversation = await recorded();
      const staleChange = uuidv7(); // made on a tablet before the correction, synced after it
      expect(
        await store.residentRequests.correct(networkId, conversation.id, { answers: answersOf('The canal path'), themeIds: [themes[1].id] }, coordinator)
      ).toBe(true);
      await push([{ op: 'update', changeId: staleChange, workerId, conversationId: conversation.id, baseRevision: 2, fields: { themeIds: [themes[2].id] } }]);
      const found = await store.residentRequests.find(networkId, conversation.id);
      expect(found?.record.conversation).toMatchObject({ answers: answersOf('The canal path'), themeIds: [themes[1].id] });

      await expect(store.residentRequests.correct(networkId, conversation.id, { themeIds: [uuidv7()] }, coordinator)).rejects.toBeInstanceOf(
        UnknownReferenceError
      );
      expect((await store.residentRequests.find(networkId, conversation.id))?.record.conversation.themeIds).toEqual([themes[1].id]);
      const [entry] = await store.audit.list(networkId, { action: 'conversation-corrected' }, { before: null, limit: 10 });
      expect(entry.details).toEqual({ fields: 'answers, themeIds' });
      expect(JSON.stringify(await store.audit.list(networkId, {}, { before: null, limit: 100 }))).not.toContain('canal');
    });

    it('nothing is found, erased or changed for a conversation of another network or none', async () => {
      const conversation = await recorded();
      const elsewhere = uuidv7();
      expect(await store.residentRequests.find(elsewhere, conversation.id)).toBeNull();
      expect(await store.residentRequests.erase(elsewhere, conversation.id, coordinator)).toBe(false);
      expect(await store.residentRequests.withdrawEquality(networkId, uuidv7(), coordinator)).toBe(false);
      expect(await store.residentRequests.correct(networkId, uuidv7(), { peopleCount: 3 }, coordinator)).toBe(false);
      expect((await store.residentRequests.find(networkId, conversation.id))?.erasedAt).toBeNull();
    });
  });
}
