import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { CONTACT_DELETED_NOTE } from '../../../src/lib/domain/contact-retention';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { NetworkSetup } from '../../../src/lib/domain/network-setup';
import type { AuditActor } from '../../../src/lib/domain/audit';
import { deleteExpiredContactDetails } from '../../../src/lib/server/contact-retention';
import type { Store } from '../../../src/lib/server/store';
import type { SqlClient } from '../../../src/lib/server/store/sql-database';
import { makeConversation } from '../../support/conversations';

/** A store and a connection beside it, through which a test reads every table raw. */
export interface RetentionHarness {
  store: Store;
  sql: SqlClient;
  close: () => Promise<void>;
}

const ARMLEY = 'E05011385';
const TINY_NETWORK: NetworkSetup = {
  name: 'Leeds Anchor Network',
  themeNames: ['Widening Access to Quality Work'],
  wards: [
    {
      code: ARMLEY,
      name: 'Armley',
      localAuthorityCode: 'E08000035',
      localAuthorityName: 'Leeds',
      boundary: { type: 'Polygon', coordinates: [[[-1.6, 53.79], [-1.58, 53.79], [-1.58, 53.8], [-1.6, 53.79]]] }
    }
  ]
};
const HASH = '$argon2id$v=19$m=19456,t=2,p=1$not-a-real-hash';

/** The job's clock: 1 December 2026, so 12 months back is 1 December 2025. */
const NOW = new Date('2026-12-01T03:00:00.000Z');

/**
 * Retention of follow-up contact details (issue 13), as every Store must hold it: deleted from
 * every table after the network's period or when the follow-up is marked done, counted (never
 * named) in the audit log, and never revived by a tablet's stale edit (SYNC-SPEC S10). Run on
 * embedded PGlite (retention.test.ts) and a real PostgreSQL server (retention.pg.test.ts).
 */
export function describeRetentionContract(kind: string, open: () => Promise<RetentionHarness>) {
  describe(`follow-up contact retention on ${kind}`, () => {
    let store: Store;
    let sql: SqlClient;
    let networkId: string;
    let armley: string;
    let chapeltown: string;
    let amina: string;
    let coordinator: AuditActor;
    const tablet = uuidv7();
    beforeEach(async () => {
      const harness = await open();
      ({ store, sql } = harness);
      networkId = (await store.setUpNetwork(TINY_NETWORK, { email: 'cora@example.org', name: 'Cora', passwordHash: HASH })).id;
      const cora = (await store.accounts.personByEmail(networkId, 'cora@example.org'))!.person;
      coordinator = { kind: 'person', id: cora.id, name: cora.name };
      armley = (await store.addOrganisation(networkId, 'Armley Community Centre')).id;
      chapeltown = (await store.addOrganisation(networkId, 'Chapeltown Youth Hub')).id;
      amina = (await store.workers.addWorker(networkId, { organisationId: armley, name: 'Amina', pin: null })).id;
      return harness.close;
    });

    /** Conversations recorded by Amina on her organisation's tablet. */
    async function record(...conversations: Conversation[]) {
      await store.applyChanges({
        networkId,
        deviceId: tablet,
        organisationId: armley,
        changes: conversations.map((conversation) => ({ op: 'create', changeId: uuidv7(), workerId: amina, conversation: { ...conversation, organisationId: armley } }))
      });
      return conversations;
    }
    const withContact = (recordedAt: string, contact: string) =>
      makeConversation({ wardCode: ARMLEY, recordedAt, followUp: { wanted: true, contact } });
    /** An edit by Amina from a tablet, against the conversation's first revision. */
    const edit = async (conversationId: string, fields: Partial<Conversation>, deviceId = tablet) =>
      (
        await store.applyChanges({
          networkId,
          deviceId,
          organisationId: armley,
          changes: [{ op: 'update', changeId: uuidv7(), workerId: amina, conversationId, baseRevision: 1, fields }]
        })
      ).notes;

    /** Which tables hold this text anywhere, in any column (every row read as text). */
    async function tablesHolding(text: string): Promise<string[]> {
      const tables = await sql.query<{ name: string }>(
        `select table_name as name from information_schema.tables
          where table_schema = current_schema() and table_type = 'BASE TABLE' order by 1`
      );
      const holding: string[] = [];
      for (const { name } of tables) {
        const [row] = await sql.query<{ n: number }>(`select count(*)::int as n from "${name}" t where strpos(t::text, $1) > 0`, [text]);
        if (row.n > 0) holding.push(name);
      }
      return holding;
    }
    const auditOf = async (action: string) =>
      (await store.audit.list(networkId, {}, { before: null, limit: 100 })).filter((entry) => entry.action === action);
    const recordsOfCoordinator = async () => (await store.conversationRecords(networkId, { role: 'coordinator' }, { before: null, limit: 50 })).records;

    it('deletes contact details older than the period from every table, keeps the rest, and logs how many, never whose', async () => {
      const [old, older] = await record(
        withContact('2025-11-30T23:00:00.000Z', 'old-contact-one 0113 496 0001'),
        withContact('2024-06-01T10:00:00.000Z', 'old-contact-two flat 4')
      );
      const [recent] = await record(withContact('2025-12-01T09:00:00.000Z', 'recent-contact 0113 496 0002'));
      const [noFollowUp] = await record(makeConversation({ wardCode: ARMLEY, recordedAt: '2024-01-01T10:00:00.000Z' }));
      // Two tablets set the old one's contact details at once: the loser is kept in its history (S5).
      await edit(old.id, { followUp: { wanted: true, contact: 'old-contact-lost-edit' } }, uuidv7());
      await edit(old.id, { followUp: { wanted: true, contact: 'old-contact-winning-edit' } }, uuidv7());
      expect(await tablesHolding('old-contact-lost-edit')).toEqual(['conversation_history']);

      expect(await deleteExpiredContactDetails(store, NOW)).toBe(2);

      expect(await tablesHolding('old-contact'), 'nothing of the deleted details is left in any table').toEqual([]);
      expect(await tablesHolding('recent-contact')).toEqual(['follow_up_contacts']);
      const records = await recordsOfCoordinator();
      const byId = (id: string) => records.find((r) => r.conversation.id === id)!;
      for (const gone of [old, older]) {
        expect(byId(gone.id).conversation.followUp).toEqual({ wanted: true, withheld: true });
        expect(byId(gone.id).contactDeletion).toEqual({ at: '2026-12-01T03:00:00Z', reason: 'retention', byName: null });
        expect(byId(gone.id).conversation.answers, 'what the resident said is kept').toEqual(gone.answers);
      }
      expect(byId(recent.id).conversation.followUp).toEqual(recent.followUp);
      expect(byId(recent.id).contactDeletion).toBeNull();
      expect(byId(noFollowUp.id).conversation.followUp).toEqual({ wanted: false });

      const logged = await auditOf('contact-details-expired');
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatchObject({
        actor: { kind: 'system' },
        subject: 'Follow-up contact details deleted after 12 months: 2 conversations',
        details: { months: 12, conversations: 2 }
      });
      expect(JSON.stringify(logged)).not.toContain(old.id);

      // A later run with nothing newly past the period deletes nothing, and logs nothing.
      expect(await deleteExpiredContactDetails(store, new Date('2026-12-01T08:00:00.000Z'))).toBe(0);
      expect(await auditOf('contact-details-expired')).toHaveLength(1);
    });

    it('follows the network’s period, and two runs at once delete each conversation once', async () => {
      await record(withContact('2026-10-15T10:00:00.000Z', 'two-months-old'), withContact('2026-11-20T10:00:00.000Z', 'eleven-days-old'));
      expect(await store.retention.contactRetentionMonths(networkId)).toBe(12);
      await store.retention.setContactRetentionMonths(networkId, 1);
      expect(await store.retention.contactRetentionMonths(networkId)).toBe(1);
      const runs = await Promise.all([deleteExpiredContactDetails(store, NOW), deleteExpiredContactDetails(store, NOW)]);
      expect(runs.sort()).toEqual([0, 1]);
      expect(await tablesHolding('two-months-old')).toEqual([]);
      expect(await tablesHolding('eleven-days-old')).toEqual(['follow_up_contacts']);
      expect((await auditOf('contact-details-expired')).map((e) => e.subject)).toEqual(['Follow-up contact details deleted after 1 month: 1 conversation']);
      await expect(store.retention.setContactRetentionMonths(networkId, 61)).rejects.toThrow();
    });

    it('marking the follow-up done deletes the contact details at once and records when and by whom', async () => {
      const [told, other] = await record(withContact('2026-11-20T10:00:00.000Z', 'done-contact 07700 900123'), withContact('2026-11-21T10:00:00.000Z', 'kept-contact'));
      const [quiet] = await record(makeConversation({ wardCode: ARMLEY }));
      const at = new Date('2026-11-25T14:30:00.000Z');
      expect(await store.retention.markFollowUpDone(networkId, told.id, { actor: coordinator, organisationId: chapeltown }, at), 'another organisation’s lead').toBe('not-found');
      expect(await tablesHolding('done-contact')).toEqual(['follow_up_contacts']);

      expect(await store.retention.markFollowUpDone(networkId, told.id, { actor: coordinator, organisationId: null }, at)).toBe('done');
      expect(await tablesHolding('done-contact')).toEqual([]);
      expect(await tablesHolding('kept-contact')).toEqual(['follow_up_contacts']);
      const records = await recordsOfCoordinator();
      expect(records.find((r) => r.conversation.id === told.id)?.contactDeletion).toEqual({ at: '2026-11-25T14:30:00Z', reason: 'follow-up-done', byName: 'Cora' });
      const [row] = await sql.query<{ doneAt: string; doneBy: string }>(
        `select to_char(follow_up_done_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') as "doneAt", follow_up_done_by::text as "doneBy" from conversations where id = $1`,
        [told.id]
      );
      expect(row).toEqual({ doneAt: '2026-11-25T14:30:00Z', doneBy: coordinator.id });
      expect((await auditOf('follow-up-done')).map((e) => [e.actor.name, e.subject])).toEqual([['Cora', told.id]]);

      expect(await store.retention.markFollowUpDone(networkId, told.id, { actor: coordinator, organisationId: armley })).toBe('already-deleted');
      expect(await store.retention.markFollowUpDone(networkId, quiet.id, { actor: coordinator, organisationId: null })).toBe('not-wanted');
      expect(await store.retention.markFollowUpDone(networkId, uuidv7(), { actor: coordinator, organisationId: null })).toBe('not-found');
      expect(await tablesHolding('kept-contact'), `${other.id} is untouched`).toEqual(['follow_up_contacts']);
    });

    it('S10: a stale edit from a tablet does not bring deleted contact details back; the rest of it applies, with a note', async () => {
      const [told] = await record(withContact('2026-11-20T10:00:00.000Z', 'first-contact'));
      await store.retention.markFollowUpDone(networkId, told.id, { actor: coordinator, organisationId: null });

      const notes = await edit(told.id, { followUp: { wanted: true, contact: 'revived-contact' }, peopleCount: 3 });
      expect(notes).toHaveLength(1);
      expect(notes[0].message).toBe(CONTACT_DELETED_NOTE);
      expect(await edit(told.id, { followUp: { wanted: false } })).toHaveLength(1);
      // The create sent again (a retry after a lost answer) changes nothing either.
      await record({ ...told, followUp: { wanted: true, contact: 'revived-by-create' } });

      for (const text of ['first-contact', 'revived-contact', 'revived-by-create']) expect(await tablesHolding(text), text).toEqual([]);
      const [stored] = await recordsOfCoordinator();
      expect(stored.conversation).toMatchObject({ peopleCount: 3, followUp: { wanted: true, withheld: true } });
      expect(stored.contactDeletion?.reason).toBe('follow-up-done');
      // An edit without contact details is told nothing.
      expect(await edit(told.id, { peopleCount: 4 })).toEqual([]);
    });

    it('S4: the tablet that recorded it pulls it again with the contact details withheld', async () => {
      const [told] = await record(withContact('2026-11-20T10:00:00.000Z', 'pulled-contact'));
      const scope = { networkId, deviceId: tablet, organisationId: armley, workerId: amina };
      const before = await store.pull(scope, '0', 100);
      expect(before.conversations, 'its own copy is already exactly so').toEqual([]);
      await deleteExpiredContactDetails(store, new Date('2028-01-01T00:00:00.000Z'));
      const after = await store.pull(scope, before.cursor, 100);
      expect(after.conversations).toHaveLength(1);
      expect(after.conversations[0]).toMatchObject({ id: told.id, revision: 2, deleted: false, conversation: { followUp: { wanted: true, withheld: true } } });
      expect(JSON.stringify(after)).not.toContain('pulled-contact');
    });
  });
}
