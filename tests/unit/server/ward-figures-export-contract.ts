import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../../src/lib/domain/conversation';
import { parseMapFilters, WardMapData } from '../../../src/lib/domain/ward-map';
import type { PersonCaller } from '../../../src/lib/server/auth/guard';
import { BOUNDARY_ATTRIBUTION } from '../../../src/lib/map/choropleth';
import type { Store } from '../../../src/lib/server/store';
import { wardFiguresCollection, wardFiguresDownload } from '../../../src/lib/server/ward-figures-export';
import { wardMapResponse } from '../../../src/lib/server/ward-map-response';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const ROUNDHAY = 'E05011411';

/**
 * Ward figures as GeoJSON (issue 14) on the real Leeds boundaries, held to the map's figures for
 * the same filters, on embedded PGlite (ward-figures-export.test.ts) and PostgreSQL (.pg.test.ts).
 */
export function describeWardFiguresExportContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`ward figures as GeoJSON on ${kind}`, () => {
    let store: Store;
    let network: PersonCaller['network'];
    let themes: { id: string; name: string }[];
    let erased: Conversation;
    beforeEach(async () => {
      store = await openEmptyStore();
      network = await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds));
      themes = (await store.getReferenceData())!.themes;
      const [work, health] = [themes[0].id, themes[5].id];
      const many = (n: number, wardCode: string, themeIds: (i: number) => string[], recordedAt = '2026-11-20T10:30:00.000Z') =>
        Array.from({ length: n }, (_, i) => makeConversation({ wardCode, themeIds: themeIds(i), recordedAt }));
      erased = makeConversation({ wardCode: HEADINGLEY, themeIds: [work] });
      const recorder = await addRecorder(store, network.id);
      await store.applyChanges(
        pushedBy(recorder, network.id, [
          // Armley: 12 conversations, 10 about work, 2 about health.
          ...many(12, ARMLEY, (i) => (i < 10 ? [work] : [health])),
          // Headingley: 3 about work (and one more, erased below).
          ...many(3, HEADINGLEY, () => [work]),
          erased,
          // Roundhay: 6 about health, one of them about work too; in October.
          ...many(6, ROUNDHAY, (i) => (i === 0 ? [health, work] : [health]), '2026-10-05T10:00:00.000Z')
        ])
      );
      await store.applyChanges(pushedBy(recorder, network.id, [deleteBy(recorder, erased.id)]));
      return () => store.close();
    });

    const collectionFor = async (query: string) => {
      const result = await wardFiguresCollection(store, network.id, network.name, new URLSearchParams(query));
      if (!result.ok) throw new Error(result.message);
      return result.collection;
    };
    /** What GET /api/map answers for the same query string. */
    const mapFor = async (query: string) => {
      const parsed = parseMapFilters(new URLSearchParams(query));
      if (!parsed.ok) throw new Error(parsed.message);
      return WardMapData.parse(await (await wardMapResponse(store, network.id, parsed.filters, null)).json());
    };

    it('gives every current ward as a Polygon or MultiPolygon with its ONS ward and local authority codes and names, and the attribution', async () => {
      const collection = await collectionFor('');
      const wards = (await store.getReferenceData())!.wards;
      expect(collection.type).toBe('FeatureCollection');
      expect(collection.features.map((f) => f.properties.code).sort()).toEqual(wards.map((w) => w.code).sort());
      expect(collection.features).toHaveLength(33);
      for (const feature of collection.features) {
        expect(feature.type).toBe('Feature');
        expect(['Polygon', 'MultiPolygon']).toContain(feature.geometry.type);
        expect(Array.isArray(feature.geometry.coordinates)).toBe(true);
        const ward = wards.find((w) => w.code === feature.properties.code)!;
        expect(feature.properties).toMatchObject({ name: ward.name, localAuthorityCode: 'E08000035', localAuthorityName: 'Leeds' });
      }
      expect(collection.properties.attribution).toBe(BOUNDARY_ATTRIBUTION);
      expect(collection.properties.attribution).toContain('Open Government Licence');
      expect(collection.properties.themes).toEqual(themes.map((t, i) => ({ key: `theme${i + 1}`, id: t.id, name: t.name })));
      expect(JSON.parse(JSON.stringify(collection))).toEqual(collection); // plain JSON
    });

    it('counts as the map counts for the same filters, hides counts below the threshold and shares where the map hides them', async () => {
      for (const query of ['', 'from=2026-11-01&to=2026-11-30', 'to=2026-10-31', 'event=none']) {
        const collection = await collectionFor(query);
        for (const [t, theme] of themes.entries()) {
          const map = await mapFor(`${query}&theme=${theme.id}`);
          for (const ward of map.wards) {
            const feature = collection.features.find((f) => f.properties.code === ward.code)!;
            const { conversations } = feature.properties;
            const count = feature.properties[`theme${t + 1}Count`];
            const share = feature.properties[`theme${t + 1}Share`];
            if (conversations !== null) expect(conversations, `${query} ${ward.name}`).toBe(ward.conversations);
            if (count !== null) expect(count, `${query} ${ward.name} ${theme.name}`).toBe(ward.withTheme);
            if (ward.share === null) expect(share, `${query} ${ward.name} share`).toBeNull();
            if (share !== null) expect(share).toBe(ward.share);
            // Nothing below the threshold (10) is ever given, 0 included.
            if (ward.conversations < 10) expect(conversations).toBeNull();
            if (ward.withTheme < 10) expect(count).toBeNull();
          }
        }
      }
      const all = await collectionFor('');
      const armley = all.features.find((f) => f.properties.code === ARMLEY)!.properties;
      expect(armley).toMatchObject({ conversations: 12, conversationsText: '12', theme1Count: 10, theme1Share: 0.8333 });
      // 2 health conversations: hidden, and so is their share (2 of 12 would give the count back).
      expect(armley).toMatchObject({ theme6Count: null, theme6CountText: 'fewer than 10', theme6Share: null });
      const headingley = all.features.find((f) => f.properties.code === HEADINGLEY)!.properties;
      // 3 live conversations (the erased one is left out), below both the threshold and the map's minimum.
      expect(headingley).toMatchObject({ conversations: null, conversationsText: 'fewer than 10', theme1Share: null });
      const november = await collectionFor('from=2026-11-01&to=2026-11-30');
      expect(november.properties.filtersDescribed).toEqual(['Conversations from 1 November 2026 to 30 November 2026']);
      expect(november.features.find((f) => f.properties.code === ROUNDHAY)!.properties.conversationsText).toBe('fewer than 10');
    });

    it('follows the network’s threshold and minimum as the map does', async () => {
      await store.setSuppressionThreshold(network.id, 5);
      await store.setMapMinimumConversations(network.id, 6);
      const roundhay = (await collectionFor('')).features.find((f) => f.properties.code === ROUNDHAY)!.properties;
      expect(roundhay).toMatchObject({ conversations: 6, theme6Count: 6, theme6Share: 1 });
      // Roundhay's one work conversation is hidden, and Headingley's 3 with it would be: both below 5.
      expect(roundhay.theme1Count).toBeNull();
    });

    it('answers bad filters with a 400 in words, and writes each download to the audit log without its contents', async () => {
      const caller: PersonCaller = {
        kind: 'person',
        network,
        person: { id: uuidv7(), name: 'Olu Adebayo', role: 'staff' } as PersonCaller['person']
      };
      const bad = await wardFiguresDownload(store, caller, new URLSearchParams('from=2026-13-45'));
      expect(bad.status).toBe(400);
      expect((await bad.json()).error.message).toMatch(/^These ward figures cannot be made: from: Enter a real date/);
      const reversed = await wardFiguresDownload(store, caller, new URLSearchParams('from=2026-12-01&to=2026-11-01'));
      expect((await reversed.json()).error.message).toContain('The start date must be the same as or before the end date');

      const good = await wardFiguresDownload(store, caller, new URLSearchParams(`theme=${themes[0].id}&from=2026-11-01`));
      expect(good.status).toBe(200);
      expect(good.headers.get('content-type')).toContain('application/geo+json');
      expect(good.headers.get('content-disposition')).toMatch(/^attachment; filename="ward-figures-\d{4}-\d{2}-\d{2}\.geojson"$/);
      expect((await good.json()).features).toHaveLength(33);
      const [entry] = await store.audit.list(network.id, { action: 'export' }, { before: null, limit: 10 });
      expect(entry).toMatchObject({ action: 'export', subject: 'Ward figures for GIS (GeoJSON)', actor: { name: 'Olu Adebayo' } });
      expect(entry.details).toEqual({ theme: themes[0].id, from: '2026-11-01', wards: 33 });
    });
  });
}
