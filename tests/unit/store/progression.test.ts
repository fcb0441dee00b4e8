import { afterAll, beforeAll, expect, it } from 'vitest';
import { migrate, MIGRATIONS } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';
import { describeProgressionContract } from './progression-contract';

// One in-memory PGlite, emptied before each test: opening PGlite takes seconds.
let memory: SqlDatabase;
beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

describeProgressionContract('PGlite (in memory)', async () => {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory);
  return { ...createSqlStore(memory), close: async () => {} };
});

it('migration 022 gives a network set up before it the four default stages', async () => {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory, MIGRATIONS.filter((m) => m.id !== '022-progression'));
  const network = await createSqlStore(memory).setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
  expect(await migrate(memory)).toEqual(['022-progression']);
  const rows = await memory.query<{ name: string }>('select name from progression_stages where network_id = $1 order by position', [network.id]);
  expect(rows.map((r) => r.name)).toEqual(['Starting out', 'Developing', 'Established', 'Leading']);
});
