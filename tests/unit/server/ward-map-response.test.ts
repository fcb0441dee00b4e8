import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { WardMapData } from '../../../src/lib/domain/ward-map';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { etagMatches, wardMapResponse } from '../../../src/lib/server/ward-map-response';
import { makeConversation } from '../../support/conversations';
import { addRecorder, pushedBy } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
let db: SqlDatabase;
beforeAll(async () => {
  db = await openPgliteDatabase();
  await migrate(db);
});
afterAll(() => db.close());

describe('GET /api/map answers', () => {
  it('sends the figures with a strong ETag, 304 while they are unchanged, and new figures after a sync', async () => {
    const store: Store = createSqlStore(db);
    const network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
    const [work] = (await store.getReferenceData())!.themes;
    const aggregations = vi.spyOn(store, 'wardMap');
    const filters = { themeId: work.id };

    const first = await wardMapResponse(store, network.id, filters, null);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/); // strong: no W/
    expect(first.headers.get('cache-control')).toContain('no-cache');
    const data = WardMapData.parse(await first.json());
    expect(data.filters).toEqual(filters);
    expect(data.wards).toHaveLength(33);

    const again = await wardMapResponse(store, network.id, filters, etag);
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    // Nothing changed: the answer came from the cache, without aggregating again.
    expect(aggregations).toHaveBeenCalledTimes(1);

    await store.applyChanges(pushedBy(await addRecorder(store, network.id), network.id, [makeConversation({ wardCode: ARMLEY, themeIds: [work.id] })]));
    const after = await wardMapResponse(store, network.id, filters, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const afterData = WardMapData.parse(await after.json());
    // One conversation is fewer than the default minimum of 5: counted, but no share to colour.
    expect(afterData.minimumConversations).toBe(5);
    expect(afterData.wards.find((w) => w.code === ARMLEY)).toEqual(expect.objectContaining({ conversations: 1, withTheme: 1, share: null }));
    expect(aggregations).toHaveBeenCalledTimes(2);

    // The coordinator lowers the minimum: the answer changes at once, with the share.
    await store.setMapMinimumConversations(network.id, 1);
    const lowered = await wardMapResponse(store, network.id, filters, after.headers.get('etag'));
    expect(lowered.status).toBe(200);
    const loweredData = WardMapData.parse(await lowered.json());
    expect(loweredData.minimumConversations).toBe(1);
    expect(loweredData.wards.find((w) => w.code === ARMLEY)).toMatchObject({ conversations: 1, withTheme: 1, share: 1 });
    expect(aggregations).toHaveBeenCalledTimes(3);

    const otherFilters = await wardMapResponse(store, network.id, { ...filters, eventId: 'none' }, lowered.headers.get('etag'));
    expect(otherFilters.status).toBe(200); // same figures, but the cache files each filter apart
    expect(aggregations).toHaveBeenCalledTimes(4);
  });
});

describe('If-None-Match', () => {
  it('matches a listed tag, a weak form of it, or *, and nothing else', () => {
    expect(etagMatches('"abc"', '"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', '"abc"')).toBe(true);
    expect(etagMatches('*', '"abc"')).toBe(true);
    expect(etagMatches('"abcd"', '"abc"')).toBe(false);
    expect(etagMatches(null, '"abc"')).toBe(false);
  });
});
