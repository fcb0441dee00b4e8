import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { Change } from '../../../src/lib/domain/protocol';
import { blockOf, codeInBlock, ReferenceCode } from '../../../src/lib/domain/reference-code';
import { deviceRoster } from '../../../src/lib/server/auth/workers';
import { migrate, MIGRATIONS } from '../../../src/lib/server/store/migrations';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import type { Store } from '../../../src/lib/server/store';
import { handlePull } from '../../../src/lib/server/sync/pull-handler';
import { handlePush } from '../../../src/lib/server/sync/push-handler';
import { makeConversation } from '../../support/conversations';
import { snapshotDatabase } from '../../support/database-snapshot';
import { deviceCallerOf } from '../../support/in-process-server';
import { addRecorder, pushedBy } from '../../support/recorder';
import { enrolTablet, seedNetwork, type SeededNetwork, type SeededTablet } from '../../support/seed-network';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY_WARD = 'E05011385';

/**
 * Issue 13: residents' reference codes, as every store must keep them. Run on PGlite
 * (reference-codes.test.ts) and PostgreSQL (reference-codes.pg.test.ts).
 */
export function describeReferenceCodes(kind: string, openEmptyDatabase: () => Promise<SqlDatabase>) {
  describe(`reference codes on ${kind} (issue 13)`, () => {
    async function seeded(): Promise<{ db: SqlDatabase; store: Store; seed: SeededNetwork }> {
      const db = await openEmptyDatabase();
      await migrate(db);
      const store = createSqlStore(db);
      return { db, store, seed: await seedNetwork(store) };
    }

    /** Pushes as the tablet does, through the push handler. */
    async function push(store: Store, tablet: SeededTablet, changes: Change[]) {
      return handlePush(store, { json: { protocol: 2, kind: 'push', changes } }, await deviceCallerOf(store, tablet), {});
    }

    const create = (seed: SeededNetwork, conversation: Conversation, workerId = seed.workers.amina.id): Change => ({
      op: 'create',
      changeId: uuidv7(),
      workerId,
      conversation: { ...conversation, organisationId: seed.organisations.armley.id }
    });

    async function blocksOf(store: Store, seed: SeededNetwork, tablet: SeededTablet, more = false) {
      return (await deviceRoster(store, await deviceCallerOf(store, tablet), { moreCodes: more })).codeBlocks!;
    }

    it('gives each tablet a block of its own, the same one each time, and a further block only when asked', async () => {
      const { db, store, seed } = await seeded();
      const first = await blocksOf(store, seed, seed.tablet);
      expect(first).toHaveLength(1);
      expect(await blocksOf(store, seed, seed.tablet)).toEqual(first);
      const more = await blocksOf(store, seed, seed.tablet, true);
      expect(more).toHaveLength(2);
      expect(more[0]).toBe(first[0]);
      const other = await blocksOf(store, seed, seed.chapeltownTablet);
      expect(other).toHaveLength(1);
      expect(more).not.toContain(other[0]);
      await db.close();
    });

    it('never gives two tablets the same block, however many ask at once', async () => {
      const { db, store, seed } = await seeded();
      const tablets = await Promise.all(
        Array.from({ length: 12 }, (_, i) => enrolTablet(store, seed.network.id, seed.organisations.armley.id, `Tablet ${i}`, seed.people.coordinator.id))
      );
      const asked = await Promise.all([...tablets, ...tablets].map((tablet, i) => blocksOf(store, seed, tablet, i % 3 === 0)));
      const rows = await db.query<{ prefix: string; device: string }>('select prefix, device_id::text as device from reference_code_blocks');
      expect(new Set(rows.map((r) => r.prefix)).size).toBe(rows.length);
      for (const tablet of tablets) {
        const held = rows.filter((r) => r.device === tablet.id).map((r) => r.prefix);
        expect(held.length).toBeGreaterThanOrEqual(1);
        expect(held.length).toBeLessThanOrEqual(3);
      }
      expect(asked.flat().every((prefix) => /^[34679ACDEFGHJKMNPQRTWXY]{3}$/.test(prefix))).toBe(true);
      await db.close();
    });

    it('stores the code a tablet gave from its block, sends it in pulls, and an edit never changes it', async () => {
      const { db, store, seed } = await seeded();
      const [block] = await blocksOf(store, seed, seed.tablet);
      const conversation = makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(block, 0) });
      expect((await push(store, seed.tablet, [create(seed, conversation)])).status).toBe(200);
      const edit: Change = {
        op: 'update',
        changeId: uuidv7(),
        workerId: seed.workers.amina.id,
        conversationId: conversation.id,
        baseRevision: 1,
        // A hostile device adding a code to an edit: the schema of edits has no such field.
        fields: { peopleCount: 3, referenceCode: 'XXX-XXX' } as never
      };
      expect((await push(store, seed.tablet, [edit])).status).toBe(200);
      const [stored] = await store.conversationsByIds([conversation.id]);
      expect(stored).toMatchObject({ referenceCode: codeInBlock(block, 0), peopleCount: 3 });
      const other = await enrolTablet(store, seed.network.id, seed.organisations.armley.id, 'Second tablet', seed.people.coordinator.id);
      const pulled = await handlePull(store, { json: { protocol: 2, kind: 'pull', workerId: seed.workers.amina.id, cursor: '0' } }, await deviceCallerOf(store, other));
      expect(pulled.status).toBe(200);
      const body = pulled.body as { conversations: { id: string; conversation: Conversation | null }[] };
      expect(body.conversations.find((c) => c.id === conversation.id)?.conversation?.referenceCode).toBe(codeInBlock(block, 0));
      await db.close();
    });

    it('refuses, changing nothing, a code from another tablet’s block, one already another conversation’s, or one used twice in a batch', async () => {
      const { db, store, seed } = await seeded();
      const [own] = await blocksOf(store, seed, seed.tablet);
      const [others] = await blocksOf(store, seed, seed.chapeltownTablet);
      const first = makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own, 0) });
      expect((await push(store, seed.tablet, [create(seed, first)])).status).toBe(200);

      const attempts: [string, Change[]][] = [
        ['not from a code block given to this tablet', [create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(others, 0) }))]],
        ['not from a code block given to this tablet', [create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own === 'YYY' ? 'YYX' : 'YYY', 0) }))]],
        ['is already another conversation’s', [create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own, 0) }))]],
        [
          'is already another conversation’s',
          [
            create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own, 1) })),
            create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own, 1) }))
          ]
        ]
      ];
      for (const [why, changes] of attempts) {
        const before = await snapshotDatabase(db);
        const reply = await push(store, seed.tablet, changes);
        expect(reply.status).toBe(422);
        const error = (reply.body as unknown as { error: { reason: string; message: string; rejected: { changeId: string; message: string }[] } }).error;
        expect(error.reason).toBe('invalid');
        expect(error.rejected).toEqual([{ changeId: changes.at(-1)!.changeId, message: expect.stringContaining(why) }]);
        expect(await snapshotDatabase(db)).toEqual(before);
      }
      // A malformed code is refused by the schema, naming the field.
      const malformed = create(seed, makeConversation({ wardCode: ARMLEY_WARD, referenceCode: 'K0M-3QS' }));
      const reply = await push(store, seed.tablet, [malformed]);
      expect(reply.status).toBe(422);
      expect(JSON.stringify(reply.body)).toContain('conversation.referenceCode');
      // Sending the same create again is idempotent, code and all.
      expect((await push(store, seed.tablet, [create(seed, first)])).status).toBe(200);
      await db.close();
    });

    it('gives a conversation that came without a code one from a server block, and says it in the answer to the push', async () => {
      const { db, store, seed } = await seeded();
      const [own] = await blocksOf(store, seed, seed.tablet);
      const [first, second] = [makeConversation({ wardCode: ARMLEY_WARD }), makeConversation({ wardCode: ARMLEY_WARD, referenceCode: null })];
      const firstCreate = create(seed, first);
      const answer = await push(store, seed.tablet, [firstCreate, create(seed, second)]);
      expect(answer.status).toBe(200);
      // Sent again (the acknowledgement was lost): the code stays as first given, and is said again.
      const again = await push(store, seed.tablet, [firstCreate]);
      const stored = await store.conversationsByIds([first.id, second.id]);
      const codes = stored.map((c) => c.referenceCode!);
      expect(codes.every((code) => ReferenceCode.safeParse(code).success)).toBe(true);
      expect(new Set(codes).size).toBe(2);
      expect(codes.map(blockOf)).not.toContain(own);
      const server = await db.query<{ device: string | null }>('select device_id::text as device from reference_code_blocks where prefix = $1', [blockOf(codes[0])]);
      expect(server).toEqual([{ device: null }]);
      expect((answer.body as { referenceCodes?: Record<string, string> }).referenceCodes).toEqual(Object.fromEntries(stored.map((c) => [c.id, c.referenceCode])));
      expect((again.body as { referenceCodes?: Record<string, string> }).referenceCodes).toEqual({ [first.id]: stored[0].id === first.id ? stored[0].referenceCode : stored[1].referenceCode });
      await db.close();
    });

    it('finds a conversation by its code on the Conversations page, for those who may see it', async () => {
      const { db, store, seed } = await seeded();
      const [own] = await blocksOf(store, seed, seed.tablet);
      const [found, other] = [0, 1].map((n) => makeConversation({ wardCode: ARMLEY_WARD, referenceCode: codeInBlock(own, n) }));
      await push(store, seed.tablet, [create(seed, found), create(seed, other)]);
      const coordinator = { role: 'coordinator' } as const;
      const page = await store.conversationRecords(seed.network.id, coordinator, { before: null, limit: 50, referenceCode: codeInBlock(own, 0) });
      expect(page.records.map((r) => r.conversation.id)).toEqual([found.id]);
      const lead = { role: 'lead', organisationId: seed.organisations.chapeltown.id, seesContacts: false } as const;
      expect((await store.conversationRecords(seed.network.id, lead, { before: null, limit: 50, referenceCode: codeInBlock(own, 0) })).records).toEqual([]);
      expect(await store.referenceCodes.conversationIdByCode(seed.network.id, codeInBlock(own, 1))).toBe(other.id);
      await db.close();
    });

    it('migration 012 gives conversations stored before codes a code from a server block, each its own', async () => {
      const db = await openEmptyDatabase();
      await migrate(db, MIGRATIONS.filter((m) => m.id !== '012-reference-codes'));
      const store = createSqlStore(db);
      const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
      const ids = [uuidv7(), uuidv7(), uuidv7()];
      for (const [i, id] of ids.entries()) {
        await db.query(
          `insert into conversations (id, network_id, ward_code, recorded_at, answers, quotes, theme_ids, people_count, equality, follow_up_wanted, consent_to_record, seq, device_id)
           values ($1, $2, $3, $4, '[]', '[]', '{}', 1, '{}', false, true, $5, $6)`,
          [id, network.id, ARMLEY_WARD, `2025-0${i + 1}-01T10:00:00Z`, i + 1, uuidv7()]
        );
      }
      expect(await migrate(db)).toEqual(['012-reference-codes']);
      const stored = await db.query<{ id: string; code: string }>('select id::text as id, reference_code as code from conversations order by recorded_at');
      expect(stored.map((row) => row.code)).toEqual([0, 1, 2].map((n) => codeInBlock('YYY', n)));
      const [block] = await db.query<{ prefix: string; device: string | null; next: number }>(
        'select prefix, device_id as device, next_number as next from reference_code_blocks'
      );
      expect(block).toEqual({ prefix: 'YYY', device: null, next: 3 });
      // The server's next code follows on from them.
      const after = createSqlStore(db);
      const recorder = await addRecorder(after, network.id);
      const late = makeConversation({ wardCode: ARMLEY_WARD });
      await after.applyChanges(pushedBy(recorder, network.id, [late]));
      expect((await after.conversationsByIds([late.id]))[0].referenceCode).toBe(codeInBlock('YYY', 3));
      await db.close();
    });
  });
}
