import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WardWithBoundary } from '../../../src/lib/domain/network-setup';
import { importBoundaries } from '../../../src/lib/server/store/boundary-import';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

// How a boundary import is written: staged in batches outside its transaction, then made current
// in one short transaction (store/boundary-import.ts). What it writes is in the store contract.

let db: SqlDatabase;
let networkId: string;
const leeds = networkSetupFromFile(WARD_FILES.leeds).wards;
const named = (wards: readonly WardWithBoundary[]) => wards.map((w) => `${w.code} ${w.name}`).sort();
const currentWards = async () =>
  (await db.query<{ code: string; name: string }>('select code, name from wards where network_id = $1 and current', [networkId])).map((w) => `${w.code} ${w.name}`).sort();
const staged = async () => (await db.query<{ n: number }>('select count(*)::int as n from ward_import_rows'))[0].n;

beforeAll(async () => {
  db = await openPgliteDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  await db.exec('drop schema public cascade; create schema public;');
  await migrate(db);
  networkId = (await createSqlStore(db).setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
});

describe('boundary import', () => {
  it('lets other queries run between its batches, and leaves nothing staged', async () => {
    const derby = networkSetupFromFile(WARD_FILES.derby).wards;
    const batches = Array.from({ length: Math.ceil(derby.length / 20) }, (_, i) => JSON.stringify(derby.slice(i * 20, i * 20 + 20)));
    const finished: string[] = [];
    const importing = importBoundaries(db, networkId, { batches }, '2025').then(() => finished.push('import'));
    // A request arriving while the first batch is written.
    await new Promise((resolve) => setImmediate(resolve));
    await db.query('select 1').then(() => finished.push('other request'));
    await importing;
    expect(finished).toEqual(['other request', 'import']);
    expect(await currentWards()).toEqual(named(derby));
    expect(await staged()).toBe(0);
  });

  it('compares its wards again when another import committed after they were staged', async () => {
    const [x, y, z] = leeds;
    // A renames ward x and leaves out ward y; B renames ward z. A is compared with Leeds as it
    // was set up, then B is imported whole before A's transaction.
    const setA = leeds.filter((w) => w.code !== y.code).map((w) => (w.code === x.code ? { ...w, name: `${w.name} (A)` } : w));
    const setB = leeds.map((w) => (w.code === z.code ? { ...w, name: `${w.name} (B)` } : w));
    let countsB;
    const meanwhile: SqlDatabase = {
      ...db,
      transaction: async (work) => {
        countsB = await importBoundaries(db, networkId, setB, '2025');
        return db.transaction(work);
      }
    };
    const countsA = await importBoundaries(meanwhile, networkId, setA, '2025');
    expect(countsB).toEqual({ added: 0, changed: 1, left: 0, unchanged: 32 });
    // Against B's set: z named again as in A, x renamed, y left out.
    expect(countsA).toEqual({ added: 0, changed: 2, left: 1, unchanged: 30 });
    expect(await currentWards()).toEqual(named(setA));
    expect(await staged()).toBe(0);
  });

  it('leaves nothing staged and nothing changed when the import fails', async () => {
    const broken = { batches: [JSON.stringify(leeds.slice(0, 5)), JSON.stringify([{ code: null }])] };
    await expect(importBoundaries(db, networkId, broken, '2025')).rejects.toThrow();
    expect(await currentWards()).toEqual(named(leeds));
    expect(await staged()).toBe(0);
  });
});
