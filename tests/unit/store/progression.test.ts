import { afterAll, beforeAll } from 'vitest';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
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
