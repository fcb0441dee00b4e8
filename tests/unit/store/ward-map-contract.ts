import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, updateBy, type Recorder } from '../../support/recorder';
import type { Change } from '../../../src/lib/domain/protocol';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const ROUNDHAY = 'E05011411';

/**
 * The ward map's aggregation (issue 6), held to the same behaviour on embedded PGlite
 * (ward-map.test.ts) and a real PostgreSQL server (ward-map.pg.test.ts).
 */
export function describeWardMapContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`ward map figures on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let work: string;
    let health: string;
    beforeEach(async () => {
      store = await openEmptyStore();
      recorded = undefined;
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      const { themes } = (await store.getReferenceData())!;
      [work, health] = [themes[0].id, themes[5].id];
      return () => store.close();
    });

    let recorded: Recorder | undefined;
    const recorder = async () => (recorded ??= await addRecorder(store, networkId));
    const push = async (changes: (Conversation | Change)[], by?: Recorder) => store.applyChanges(pushedBy(by ?? (await recorder()), networkId, changes));
    const figuresOf = async (filters: Parameters<Store['wardMap']>[1]) =>
      Object.fromEntries((await store.wardMap(networkId, filters)).map((w) => [w.code, w]));

    it('lists every ward of the network by name, with how many conversations it had and how many carry the theme', async () => {
      await push([
        makeConversation({ wardCode: ARMLEY, themeIds: [work, health] }),
        makeConversation({ wardCode: ARMLEY, themeIds: [work] }),
        makeConversation({ wardCode: ARMLEY, themeIds: [health] }),
        makeConversation({ wardCode: HEADINGLEY, themeIds: [] })
      ]);
      const wards = await store.wardMap(networkId, { themeId: work });
      expect(wards).toHaveLength(33);
      expect(wards.map((w) => w.name)).toEqual(wards.map((w) => w.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      const byCode = Object.fromEntries(wards.map((w) => [w.code, w]));
      expect(byCode[ARMLEY]).toEqual({ code: ARMLEY, name: 'Armley', localAuthorityName: 'Leeds', conversations: 3, withTheme: 2, share: 0.6667 });
      expect(byCode[HEADINGLEY]).toMatchObject({ conversations: 1, withTheme: 0, share: 0 });
      expect(byCode[ROUNDHAY]).toMatchObject({ conversations: 0, withTheme: 0, share: null });
      expect((await figuresOf({ themeId: health }))[ARMLEY]).toMatchObject({ conversations: 3, withTheme: 2 });
    });

    it('counts a conversation’s current themes and ward after edits, and never an erased one', async () => {
      const moved = makeConversation({ wardCode: ARMLEY, themeIds: [work] });
      const erased = makeConversation({ wardCode: ARMLEY, themeIds: [work] });
      await push([moved, erased]);
      const by = await recorder();
      await push([updateBy(by, moved.id, { wardCode: HEADINGLEY, themeIds: [health] }), deleteBy(by, erased.id)]);
      const figures = await figuresOf({ themeId: work });
      expect(figures[ARMLEY]).toMatchObject({ conversations: 0, withTheme: 0 });
      expect(figures[HEADINGLEY]).toMatchObject({ conversations: 1, withTheme: 0 });
      expect((await figuresOf({ themeId: health }))[HEADINGLEY]).toMatchObject({ withTheme: 1 });
    });

    it('reads dates as whole days in the UK, both ends included, in summer time too', async () => {
      await push([
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-05-31T22:59:59.000Z' }), // 31 May, 23:59 BST
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-05-31T23:00:00.000Z' }), // 1 June, 00:00 BST
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-06-30T22:59:00.000Z' }), // 30 June, 23:59 BST
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-06-30T23:00:00.000Z' }), // 1 July, 00:00 BST
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-12-31T23:59:00.000Z' }) // 31 December, GMT
      ]);
      const count = async (from?: string, to?: string) => (await figuresOf({ themeId: work, from, to }))[ARMLEY].conversations;
      expect(await count('2026-06-01', '2026-06-30')).toBe(2);
      expect(await count('2026-06-01')).toBe(4);
      expect(await count(undefined, '2026-05-31')).toBe(1);
      expect(await count('2026-12-31', '2026-12-31')).toBe(1);
      expect(await count('2027-01-01')).toBe(0);
    });

    it('counts the conversations of one listening event, or those at none', async () => {
      const day = await store.addEvent(networkId, { name: 'Armley listening day', date: '2026-11-20', place: 'Armley library' });
      const other = await store.addEvent(networkId, { name: 'Headingley fair', date: '2026-11-21', place: '' });
      await push([
        makeConversation({ wardCode: ARMLEY, eventId: day.id, themeIds: [work] }),
        makeConversation({ wardCode: ARMLEY, eventId: day.id }),
        makeConversation({ wardCode: ARMLEY, eventId: other.id, themeIds: [work] }),
        makeConversation({ wardCode: ARMLEY, eventId: null, themeIds: [work] })
      ]);
      expect((await figuresOf({ themeId: work, eventId: day.id }))[ARMLEY]).toMatchObject({ conversations: 2, withTheme: 1, share: 0.5 });
      expect((await figuresOf({ themeId: work, eventId: 'none' }))[ARMLEY]).toMatchObject({ conversations: 1, withTheme: 1 });
      expect((await figuresOf({ themeId: work, eventId: uuidv7() }))[ARMLEY]).toMatchObject({ conversations: 0 });
    });

    it('counts the conversations one organisation recorded, or those naming none', async () => {
      const centre = await addRecorder(store, networkId, 'Armley Community Centre');
      const church = await addRecorder(store, networkId, 'St Bartholomew’s Church', 'Chidi');
      await push([makeConversation({ wardCode: ARMLEY, themeIds: [work] }), makeConversation({ wardCode: ARMLEY })], centre);
      await push([makeConversation({ wardCode: ARMLEY, themeIds: [work] })], church);
      expect((await figuresOf({ themeId: work, organisationId: centre.organisationId }))[ARMLEY]).toMatchObject({ conversations: 2, withTheme: 1 });
      // Only conversations from before tablets were enrolled name no organisation.
      expect((await figuresOf({ themeId: work, organisationId: 'none' }))[ARMLEY]).toMatchObject({ conversations: 0, withTheme: 0 });
      expect((await figuresOf({ themeId: work }))[ARMLEY]).toMatchObject({ conversations: 3, withTheme: 2 });
    });

    it('lists only the most deprived 20 % of wards on an indicator when asked, with their figures', async () => {
      const leeds = (await store.getReferenceData())!.wards;
      // A rank per ward (1 = most deprived): Armley first, Headingley second, the rest after.
      const ranked = [ARMLEY, HEADINGLEY, ...leeds.map((w) => w.code).filter((c) => c !== ARMLEY && c !== HEADINGLEY)];
      const { id } = await store.saveWardIndicator(networkId, {
        name: 'IMD rank',
        source: '',
        lowerIsMoreDeprived: true,
        values: ranked.map((code, i) => ({ code, value: i + 1 }))
      });
      await push([makeConversation({ wardCode: ARMLEY, themeIds: [work] }), makeConversation({ wardCode: ROUNDHAY, themeIds: [work] })]);
      const most = await store.wardMap(networkId, { themeId: work, mostDeprivedBy: id });
      expect(most).toHaveLength(Math.ceil(33 * 0.2)); // 7 of 33
      expect(most.map((w) => w.code)).toEqual(expect.arrayContaining([ARMLEY, HEADINGLEY]));
      expect(most.map((w) => w.code)).not.toContain(ROUNDHAY);
      expect(most.find((w) => w.code === ARMLEY)).toMatchObject({ conversations: 1, withTheme: 1 });
      expect(await store.wardMap(networkId, { themeId: work, mostDeprivedBy: uuidv7() })).toEqual([]);
      expect(await store.wardIndicatorNames(networkId)).toEqual([{ id, name: 'IMD rank' }]);
    });

    it('lists only the current wards after a new boundary set, keeping the conversations of retired ones', async () => {
      await push([makeConversation({ wardCode: ARMLEY, themeIds: [work] })]);
      const withoutArmley = networkSetupFromFile(WARD_FILES.leeds).wards.filter((w) => w.code !== ARMLEY);
      const before = await store.wardMapVersion(networkId);
      await store.importBoundaries(networkId, withoutArmley, '2026');
      expect(await store.wardMapVersion(networkId)).not.toBe(before);
      const wards = await store.wardMap(networkId, { themeId: work });
      expect(wards).toHaveLength(32);
      expect(wards.map((w) => w.code)).not.toContain(ARMLEY);
    });

    it('gives a new version when a ward indicator is uploaded, replaced or removed', async () => {
      const versions = [await store.wardMapVersion(networkId)];
      const upload = () =>
        store.saveWardIndicator(networkId, { name: 'IMD rank', source: '', lowerIsMoreDeprived: true, values: [{ code: ARMLEY, value: 1 }] });
      const { id } = await upload();
      versions.push(await store.wardMapVersion(networkId));
      await new Promise((resolve) => setTimeout(resolve, 5)); // a replacement is stamped with a later time
      await upload();
      versions.push(await store.wardMapVersion(networkId));
      await store.deleteWardIndicator(networkId, id);
      versions.push(await store.wardMapVersion(networkId));
      expect(new Set(versions).size).toBe(3); // removing it gives back the first version: same data, same figures
      expect(versions[3]).toBe(versions[0]);
    });

    it('gives a new version whenever a conversation is added, edited or erased, and the same one otherwise', async () => {
      const versions = [await store.wardMapVersion(networkId)];
      const conversation = makeConversation({ wardCode: ARMLEY });
      await push([conversation]);
      versions.push(await store.wardMapVersion(networkId));
      expect(await store.wardMapVersion(networkId)).toBe(versions[1]);
      await push([updateBy(await recorder(), conversation.id, { themeIds: [work] })]);
      versions.push(await store.wardMapVersion(networkId));
      await push([deleteBy(await recorder(), conversation.id)]);
      versions.push(await store.wardMapVersion(networkId));
      expect(new Set(versions).size).toBe(4);
    });

    it('keeps the minimum of conversations for a share: 5 until the coordinator sets it, then theirs, with a new version', async () => {
      expect(await store.mapMinimumConversations(networkId)).toBe(5);
      const before = await store.wardMapVersion(networkId);
      await store.setMapMinimumConversations(networkId, 12);
      expect(await store.mapMinimumConversations(networkId)).toBe(12);
      expect(await store.wardMapVersion(networkId)).not.toBe(before); // cached map answers are computed again
      await store.setMapMinimumConversations(networkId, 5);
      expect(await store.wardMapVersion(networkId)).toBe(before);
      // The database holds the same bounds as the settings form, whoever writes.
      await expect(store.setMapMinimumConversations(networkId, 0)).rejects.toThrow();
      await expect(store.setMapMinimumConversations(networkId, 101)).rejects.toThrow();
      expect(await store.mapMinimumConversations(networkId)).toBe(5);
    });
  });
}
