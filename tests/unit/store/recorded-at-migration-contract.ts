import { describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { PulledConversation } from '../../../src/lib/domain/protocol';
import { migrate, MIGRATIONS } from '../../../src/lib/server/store/migrations';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, pushedBy } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

/** Run on PGlite (recorded-at-migration.test.ts) and PostgreSQL (recorded-at-migration.pg.test.ts). */
export function describeRecordedAtMigration(kind: string, openEmptyDatabase: () => Promise<SqlDatabase>) {
  describe(`migration 009 on ${kind}: dates stored before the bounds (issue 11)`, () => {
    it('gives a conversation dated outside 2000–2100 the time the server received it, audits the tablet’s date, and sends it again', async () => {
      const db = await openEmptyDatabase();
      await migrate(db, MIGRATIONS.filter((m) => m.id !== '010-recorded-at-within-range'));
      const store = createSqlStore(db);
      const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
      const recorder = await addRecorder(store, network.id);
      const [wrongClock, fine] = [makeConversation({ wardCode: 'E05011385' }), makeConversation({ wardCode: 'E05011385' })];
      await store.applyChanges(pushedBy(recorder, network.id, [wrongClock, fine]));
      // As the app before issue 11 let in: a tablet whose clock had reset to 1970.
      await db.query(`update conversations set recorded_at = '1970-01-01T00:00:00Z' where id = $1`, [wrongClock.id]);
      const scope = { networkId: network.id, deviceId: uuidv7(), organisationId: recorder.organisationId, workerId: recorder.workerId };
      const { cursor } = await store.pull(scope, '0', 100);

      expect(await migrate(db)).toEqual(['010-recorded-at-within-range']);
      const [{ receivedAt }] = await db.query<{ receivedAt: string }>(`select received_at::text as "receivedAt" from conversations where id = $1`, [wrongClock.id]);
      const page = await store.pull(scope, cursor, 100);
      expect(page.conversations.map((c) => c.id)).toEqual([wrongClock.id]);
      const [pulled] = page.conversations.map((c) => PulledConversation.parse(c));
      expect(pulled.revision).toBe(2);
      expect(Date.parse(pulled.conversation!.recordedAt)).toBe(Date.parse(receivedAt));
      const [unchanged] = await store.conversationsByIds([fine.id]);
      expect(unchanged.recordedAt).toBe(fine.recordedAt);
      const audit = await db.query<{ subject: string; details: { recordedAt: string } }>(`select subject, details from audit_log where action = 'conversation-date-corrected'`);
      expect(audit).toEqual([{ subject: wrongClock.id, details: expect.objectContaining({ recordedAt: expect.stringMatching(/^1970-01-01/) }) }]);
      await db.close();
    });
  });
}
