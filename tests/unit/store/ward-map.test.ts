import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';
import { describeWardMapContract } from './ward-map-contract';

// One in-memory PGlite, emptied before each test: opening PGlite takes seconds.
let memory: SqlDatabase;
beforeAll(async () => {
  memory = await openPgliteDatabase();
});
afterAll(() => memory.close());

async function emptyStore() {
  await memory.exec('drop schema public cascade; create schema public;');
  await migrate(memory);
  return { ...createSqlStore(memory), close: async () => {} };
}

describeWardMapContract('PGlite (in memory)', emptyStore);

describe('ward map version', () => {
  it('changes when a ward is renamed, added or removed, as a boundary import does', async () => {
    const store = await emptyStore();
    const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const before = await store.wardMapVersion(network.id);
    await memory.query(`update wards set name = 'Armley and Castleton' where code = 'E05011385'`);
    const renamed = await store.wardMapVersion(network.id);
    await memory.query(`delete from wards where code = 'E05011385'`);
    const removed = await store.wardMapVersion(network.id);
    expect(new Set([before, renamed, removed]).size).toBe(3);
    expect(await store.wardMapVersion(network.id)).toBe(removed);
  });
});
