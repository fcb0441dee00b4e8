import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import { DeviceDatabase } from '../../../src/lib/client/db/database';
import { MAP_ANSWERS_KEPT } from '../../../src/lib/client/db/map-data';
import { WardMap } from '../../../src/lib/client/ward-map.svelte';
import { parseMapFilters } from '../../../src/lib/domain/ward-map';
import { openStore, type Store } from '../../../src/lib/server/store';
import { wardMapResponse } from '../../../src/lib/server/ward-map-response';
import { makeConversation } from '../../support/conversations';
import { addRecorder, pushedBy } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
let store: Store;
let networkId: string;
let themeId: string;
beforeAll(async () => {
  store = await openStore({});
  networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
  themeId = (await store.getReferenceData())!.themes[0].id;
});
afterAll(() => store.close());

/** fetch as the browser sees it: /api/map reaches the real response and its store. */
const requests: { url: string; ifNoneMatch: string | null }[] = [];
const serverFetch: typeof fetch = async (input, init) => {
  const url = new URL(String(input), 'http://device.test');
  const ifNoneMatch = new Headers(init?.headers).get('if-none-match');
  requests.push({ url: url.pathname + url.search, ifNoneMatch });
  const parsed = parseMapFilters(url.searchParams);
  if (!parsed.ok) return new Response(null, { status: 400 });
  return wardMapResponse(store, networkId, parsed.filters, ifNoneMatch);
};
const offlineFetch: typeof fetch = async () => {
  throw new TypeError('Failed to fetch');
};

let db: DeviceDatabase;
beforeEach(async () => {
  db = new DeviceDatabase(`device-${uuidv7()}`);
  requests.length = 0;
  return () => db.delete();
});

const clock = (iso: string) => () => new Date(iso);
const armleyOf = (map: WardMap) =>
  map.figures.status === 'ready' ? map.figures.data.wards.find((w) => w.code === ARMLEY) : undefined;

describe('the map’s figures on the device', () => {
  it('fetches the figures for the filters and keeps them, so the map opens offline with what it last had', async () => {
    const online = new WardMap(db, serverFetch, clock('2026-11-20T10:00:00Z'));
    await online.show({ themeId });
    expect(online.figures).toMatchObject({ status: 'ready', freshness: 'fresh', fetchedAt: '2026-11-20T10:00:00.000Z' });
    expect(requests[0].url).toBe(`/api/map?theme=${themeId}`);

    const offline = new WardMap(db, offlineFetch, clock('2026-11-21T09:00:00Z'));
    await offline.show({ themeId });
    expect(offline.figures).toMatchObject({ status: 'ready', freshness: 'offline', fetchedAt: '2026-11-20T10:00:00.000Z' });
    expect(armleyOf(offline)).toEqual(armleyOf(online));
  });

  it('says so when offline with nothing kept for these filters', async () => {
    const offline = new WardMap(db, offlineFetch);
    await offline.show({ themeId, eventId: 'none' });
    expect(offline.figures).toMatchObject({ status: 'unavailable', reason: 'offline' });
  });

  it('asks with the kept ETag, keeps the kept figures on 304, and takes new ones after a sync', async () => {
    const map = new WardMap(db, serverFetch, clock('2026-11-20T10:00:00Z'));
    await map.show({ themeId });
    const before = armleyOf(map)!;
    await new WardMap(db, serverFetch, clock('2026-11-20T11:00:00Z')).show({ themeId });
    expect(requests[1].ifNoneMatch).toMatch(/^"/);
    expect((await db.mapData.toArray())[0].fetchedAt).toBe('2026-11-20T11:00:00.000Z');

    await store.applyChanges(pushedBy(await addRecorder(store, networkId), networkId, [makeConversation({ wardCode: ARMLEY, themeIds: [themeId] })]));
    await map.show({ themeId });
    expect(armleyOf(map)!.conversations).toBe(before.conversations + 1);
    const reopened = new WardMap(db, offlineFetch);
    await reopened.show({ themeId });
    expect(armleyOf(reopened)!.conversations).toBe(before.conversations + 1);
  });

  it('shows only the answer to the latest filters when they change quickly', async () => {
    let release!: () => void;
    const slow = new Promise<void>((resolve) => (release = resolve));
    const map = new WardMap(db, async (input, init) => {
      if (String(input).includes('event=none')) await slow;
      return serverFetch(input, init);
    });
    const first = map.show({ themeId, eventId: 'none' });
    await map.show({ themeId });
    release();
    await first;
    expect(map.figures.status === 'ready' && map.figures.data.filters).toEqual({ themeId });
  });

  it(`keeps at most ${MAP_ANSWERS_KEPT} answers, dropping the least recently fetched`, async () => {
    let minute = 0;
    const map = new WardMap(db, serverFetch, () => new Date(Date.UTC(2026, 10, 20, 10, minute++)));
    for (let days = 1; days <= MAP_ANSWERS_KEPT + 2; days++) {
      await map.show({ themeId, from: `2026-01-${String(days).padStart(2, '0')}` });
    }
    const kept = await db.mapData.toArray();
    expect(kept).toHaveLength(MAP_ANSWERS_KEPT);
    expect(kept.some((entry) => entry.key.includes('from=2026-01-01'))).toBe(false);
    expect(kept.some((entry) => entry.key.includes(`from=2026-01-${MAP_ANSWERS_KEPT + 2}`))).toBe(true);
  });
});

describe('which wards have a response, for the "not yet answered" view', () => {
  it('asks the server each time, and says plainly when it cannot be reached', async () => {
    const answered = { themeId, wholeNetwork: false, wardCodes: [ARMLEY] };
    const asked: string[] = [];
    const answering: typeof fetch = async (input) => {
      asked.push(String(input));
      return Response.json(answered);
    };
    const map = new WardMap(db, answering);
    await map.showAnswered(themeId);
    expect(asked).toEqual([`/api/map/answered?theme=${themeId}`]);
    expect(map.answered).toEqual({ status: 'ready', data: answered });

    const offline = new WardMap(db, offlineFetch);
    await offline.showAnswered(themeId);
    expect(offline.answered).toMatchObject({ status: 'unavailable', message: expect.stringContaining('only be checked online') });
  });
});
