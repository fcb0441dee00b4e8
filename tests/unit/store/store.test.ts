import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, openStore } from '../../../src/lib/server/store';
import { migrate, MIGRATIONS } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { makeConversation, storedAs } from '../../support/conversations';
import { addRecorder, pushedBy } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';
import { describeStoreContract } from './store-contract';

// One in-memory PGlite for the contract suite, emptied before each test: opening PGlite takes seconds.
let memory: SqlDatabase;
beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

describeStoreContract('PGlite (in memory)', async () => {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory);
  return { ...createSqlStore(memory), close: async () => {} };
});

describe('PGlite on disk', () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'anchor-pglite-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('keeps every conversation across a close and reopen', async () => {
    const dataDir = tempDataDir();
    const first = await openStore({ dataDir });
    const network = await first.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const recorder = await addRecorder(first, network.id);
    const conversation = makeConversation({ wardCode: 'E05011385', organisationId: recorder.organisationId });
    await first.applyChanges(pushedBy(recorder, network.id, [conversation]));
    await first.close();

    const second = await openStore({ dataDir });
    expect(await second.getNetwork()).toEqual(network);
    expect(await second.conversationsByIds([conversation.id])).toEqual([storedAs(conversation)]);
    await second.close();
  });

  it('runs migrations once: a second run applies nothing', async () => {
    const db = await openPgliteDatabase(tempDataDir());
    expect((await migrate(db)).length).toBe(MIGRATIONS.length);
    expect(await migrate(db)).toEqual([]);
    await db.close();
  });

  it('refuses to open a data directory another store holds, and leaves it working', async () => {
    const dataDir = tempDataDir();
    const holder = await openStore({ dataDir });
    await holder.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    await expect(openStore({ dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    expect((await holder.getReferenceData())?.wards).toHaveLength(33);
    await holder.close();
  });
});

describe('migration 002: answers per prompt', () => {
  it('turns the loves / would-change columns of stored conversations into answers to the default prompts', async () => {
    const db = await openPgliteDatabase();
    await migrate(db, MIGRATIONS.slice(0, 1));
    await db.query(`insert into networks (id, name) values ('01900000-0000-7000-8000-000000000001', 'Leeds')`);
    await db.query(`insert into wards values ('01900000-0000-7000-8000-000000000001', 'E05011385', 'Armley', 'E08000035', 'Leeds', null)`);
    await db.query(
      `insert into conversations (id, network_id, ward_code, recorded_at, loves, would_change, quotes, theme_ids, consent_to_record, device_id)
       values ('01900000-0000-7000-8000-000000000002', '01900000-0000-7000-8000-000000000001', 'E05011385', now(),
               'The canal', '', '[]', '{}', true, '01900000-0000-7000-8000-000000000003')`
    );
    await migrate(db);
    const store = createSqlStore(db);
    const [conversation] = await store.conversationsByIds(['01900000-0000-7000-8000-000000000002']);
    expect(conversation.answers).toEqual([
      { promptId: '00000000-0000-4000-8000-000000000001', prompt: 'What do you love about where you live?', text: 'The canal' }
    ]);
    expect(conversation).toMatchObject({ peopleCount: 1, equality: {}, followUp: { wanted: false }, eventId: null });
    expect((await store.getReferenceData())?.prompts).toHaveLength(2);
    await db.close();
  });
});
