import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { wardBoundariesResponse } from '../../../src/lib/server/ward-boundaries-response';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

let db: SqlDatabase;
beforeAll(async () => {
  db = await openPgliteDatabase();
  await migrate(db);
});
afterAll(() => db.close());

describe('GET /api/reference/boundaries answers', () => {
  it('names the boundary set by its version: 304 without a body while unchanged, a new ETag after an import', async () => {
    const store: Store = createSqlStore(db);
    const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const reads = vi.spyOn(store, 'wardBoundaries');

    const first = await wardBoundariesResponse(store, network.id, null);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    expect(await first.json()).toHaveLength(33);

    for (const sent of [etag, `W/${etag}`, `"other", ${etag}`]) {
      const again = await wardBoundariesResponse(store, network.id, sent);
      expect(again.status).toBe(304);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    // Unchanged: the boundaries were read from the database once, for the first answer only.
    expect(reads).toHaveBeenCalledTimes(1);

    await store.importBoundaries(network.id, networkSetupFromFile(WARD_FILES.derby).wards, '2025');
    const after = await wardBoundariesResponse(store, network.id, etag);
    expect(after.status).toBe(200);
    const newEtag = after.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);
    expect(await after.json()).toHaveLength(176);
    expect((await wardBoundariesResponse(store, network.id, newEtag)).status).toBe(304);

    // Importing the same file again is still an import: devices check their copy once more.
    await store.importBoundaries(network.id, networkSetupFromFile(WARD_FILES.derby).wards, '2025');
    expect((await wardBoundariesResponse(store, network.id, newEtag)).status).toBe(200);
  });
});
