import { uuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { sealFields, sealFor } from '../../../src/lib/client/sealing';
import type { SealableConversation } from '../../../src/lib/domain/conversation';
import type { PushedChange } from '../../../src/lib/domain/protocol';
import type { SealingPublicKey } from '../../../src/lib/domain/sealed';
import { newSealingKeyPair } from '../../../src/lib/server/sealing';
import { currentSealingKey, rotateSealingKey, sealingPrivateKeys } from '../../../src/lib/server/sealing-keys';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { handlePush } from '../../../src/lib/server/sync/push-handler';
import { makeConversation } from '../../support/conversations';
import { deviceCallerOf } from '../../support/in-process-server';
import { seedNetwork, type SeededNetwork } from '../../support/seed-network';

const ARMLEY_WARD = 'E05011385';
const CONTACT = 'Mrs Ada Okafor, 0113 496 0000, ada@example.org';
const EQUALITY = { ageBand: '65-74', disability: 'limited-a-little' } as const;
const NO_ENV = {};

/**
 * Issue 13, point 5: what tablets seal (contact details, equality answers) is opened only on the
 * server, with keys it keeps in the database or is given in SEALING_PRIVATE_KEYS. Run on PGlite
 * (sealing.test.ts) and PostgreSQL (sealing.pg.test.ts).
 */
export function describeSealing(kind: string, openEmptyDatabase: () => Promise<SqlDatabase>) {
  describe(`sealed contact details and equality answers on ${kind} (issue 13)`, () => {
    async function seeded(): Promise<{ db: SqlDatabase; store: Store; seed: SeededNetwork }> {
      const db = await openEmptyDatabase();
      await migrate(db);
      const store = createSqlStore(db);
      return { db, store, seed: await seedNetwork(store) };
    }

    async function push(store: Store, seed: SeededNetwork, changes: PushedChange[], env: Record<string, string> = NO_ENV) {
      return handlePush(store, { json: JSON.parse(JSON.stringify({ protocol: 2, kind: 'push', changes })) }, await deviceCallerOf(store, seed.tablet), env);
    }

    /** A conversation with contact details and equality answers, sealed as the tablet saves it. */
    async function sealedCreate(seed: SeededNetwork, key: SealingPublicKey, contact = CONTACT): Promise<PushedChange & { op: 'create' }> {
      const plain = makeConversation({ wardCode: ARMLEY_WARD, organisationId: seed.organisations.armley.id, followUp: { wanted: true, contact }, equality: EQUALITY });
      const conversation: SealableConversation = await sealFields(plain, key);
      return { op: 'create', changeId: uuidv7(), workerId: seed.workers.amina.id, conversation };
    }

    async function storedSensitive(db: SqlDatabase, id: string) {
      const [contact] = await db.query<{ contact: string }>('select contact from follow_up_contacts where conversation_id = $1', [id]);
      const [row] = await db.query<{ equality: unknown }>('select equality from conversations where id = $1', [id]);
      return { contact: contact?.contact ?? null, equality: row?.equality ?? null };
    }

    it('makes the network one key pair when first asked, gives the same one after, and a rotation a new one while old envelopes still open', async () => {
      const { db, store, seed } = await seeded();
      const first = await currentSealingKey(store, NO_ENV);
      expect(await currentSealingKey(store, NO_ENV)).toEqual(first);
      const before = await sealedCreate(seed, first);

      const rotated = await rotateSealingKey(store);
      expect(rotated.kid).not.toBe(first.kid);
      expect(await currentSealingKey(store, NO_ENV)).toEqual(rotated);
      expect([...(await sealingPrivateKeys(store, NO_ENV)).keys()]).toEqual([rotated.kid, first.kid]);

      const after = await sealedCreate(seed, rotated, 'Tom, 07700 900123');
      const reply = await push(store, seed, [before, after]);
      expect(reply.status).toBe(200);
      expect(await storedSensitive(db, before.conversation.id)).toEqual({ contact: CONTACT, equality: EQUALITY });
      expect((await storedSensitive(db, after.conversation.id)).contact).toBe('Tom, 07700 900123');
      await db.close();
    });

    it('opens what a tablet sealed and stores it as given; the envelope itself is never stored', async () => {
      const { db, store, seed } = await seeded();
      const change = await sealedCreate(seed, await currentSealingKey(store, NO_ENV));
      expect(JSON.stringify(change)).not.toContain('Okafor');
      expect(JSON.stringify(change)).not.toContain('65-74');
      expect((await push(store, seed, [change])).status).toBe(200);
      expect(await storedSensitive(db, change.conversation.id)).toEqual({ contact: CONTACT, equality: EQUALITY });
      const everything = JSON.stringify(await db.query('select * from conversations'));
      expect(everything).not.toContain(change.conversation.followUp.wanted && 'sealed' in change.conversation.followUp ? change.conversation.followUp.sealed.ct : 'unreachable');
      await db.close();
    });

    it('replaces equality answers and contact details with sealed ones in an edit', async () => {
      const { db, store, seed } = await seeded();
      const key = await currentSealingKey(store, NO_ENV);
      const created = await sealedCreate(seed, key);
      await push(store, seed, [created]);
      const fields = await sealFields({ ...created.conversation, equality: { sex: 'female' }, followUp: { wanted: true, contact: 'Call Ada on 0113 496 0001' } }, key);
      const update: PushedChange = {
        op: 'update',
        changeId: uuidv7(),
        workerId: seed.workers.amina.id,
        conversationId: created.conversation.id,
        baseRevision: 1,
        fields: { equality: fields.equality, followUp: fields.followUp }
      };
      expect((await push(store, seed, [update])).status).toBe(200);
      expect(await storedSensitive(db, created.conversation.id)).toEqual({ contact: 'Call Ada on 0113 496 0001', equality: { sex: 'female' } });
      await db.close();
    });

    it('refuses the whole push, naming the change, when an envelope is under a key it does not hold, tampered with, or holds what a plain conversation may not', async () => {
      const { db, store, seed } = await seeded();
      const key = await currentSealingKey(store, NO_ENV);
      const good = await sealedCreate(seed, key);
      const foreign = await sealedCreate(seed, (await newSealingKeyPair('another-network')).publicKey);
      const tampered = await sealedCreate(seed, key);
      if ('sealed' in tampered.conversation.followUp) {
        const ct = tampered.conversation.followUp.sealed.ct;
        tampered.conversation.followUp.sealed.ct = (ct[0] === 'A' ? 'B' : 'A') + ct.slice(1);
      }
      const tooLong = await sealedCreate(seed, key, 'x'.repeat(501));
      const badAnswer = { ...(await sealedCreate(seed, key)) };
      badAnswer.conversation = { ...badAnswer.conversation, equality: { sealed: await sealFor(key, { ageBand: 'ancient' }) } };

      for (const [bad, words] of [
        [foreign, 'this server does not hold'],
        [tampered, 'could not be opened'],
        [tooLong, 'Contact details must be 500 characters or fewer'],
        [badAnswer, 'equality']
      ] as const) {
        const reply = await push(store, seed, [good, bad]);
        expect(reply.status).toBe(422);
        const body = reply.body as { error: { message: string; rejected: { changeId: string; message: string }[] } };
        expect(body.error.rejected.map((r) => r.changeId)).toEqual([bad.changeId]);
        expect(body.error.rejected[0].message).toContain(words);
      }
      expect(await db.query('select id from conversations')).toEqual([]);
      await db.close();
    });

    it('uses the keys in SEALING_PRIVATE_KEYS, newest first, and keeps none in the database', async () => {
      const { db, store, seed } = await seeded();
      const [older, newer] = await Promise.all([newSealingKeyPair('2026-01-01-old'), newSealingKeyPair('2026-12-01-new')]);
      const env = { SEALING_PRIVATE_KEYS: JSON.stringify([newer, older].map((pair) => ({ ...pair.privateJwk, kid: pair.publicKey.kid }))) };
      expect(await currentSealingKey(store, env)).toEqual(newer.publicKey);
      const reply = await push(store, seed, [await sealedCreate(seed, older.publicKey), await sealedCreate(seed, newer.publicKey)], env);
      expect(reply.status).toBe(200);
      expect(await db.query('select kid from sealing_keys')).toEqual([]);
      await db.close();
    });
  });
}
