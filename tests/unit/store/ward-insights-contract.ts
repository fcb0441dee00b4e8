import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../../src/lib/domain/conversation';
import { isAmongMostDeprived, type NewWardIndicator } from '../../../src/lib/domain/ward-indicator';
import type { Store } from '../../../src/lib/server/store';
import { UnknownWardsError } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, type Recorder } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';
const XSS = '<img src=x onerror=alert(1)>';

/**
 * What the ward page and ward indicators need of every Store. Run against embedded PGlite
 * (ward-insights.test.ts) and a real PostgreSQL server (ward-insights.pg.test.ts).
 */
export function describeWardInsightsContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`ward page and indicators on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let themes: { id: string; name: string }[];
    let leedsCodes: string[];
    beforeEach(async () => {
      store = await openEmptyStore();
      recorded = undefined;
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      const reference = (await store.getReferenceData())!;
      themes = reference.themes;
      leedsCodes = reference.wards.map((w) => w.code);
      return () => store.close();
    });

    const push = async (conversations: Conversation[]) => store.applyChanges(pushedBy(await recorder(), networkId, conversations));
    const recorder = async () => (recorded ??= await addRecorder(store, networkId));
    let recorded: Recorder | undefined;

    it('counts a ward’s conversations per theme and UK month, with empty themes and months too', async () => {
      const [work, , , , , health] = themes;
      await push([
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-01-15T10:00:00.000Z', themeIds: [work.id, health.id] }),
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-01-20T10:00:00.000Z', themeIds: [work.id] }),
        // 23:30 UTC on 30 June is 00:30 on 1 July in Leeds (BST): a July conversation.
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-06-30T23:30:00.000Z', themeIds: [] }),
        makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-03-01T10:00:00.000Z', themeIds: [health.id] })
      ]);
      const page = (await store.wardPage(networkId, ARMLEY, 10))!;
      expect(page.ward).toEqual({ code: ARMLEY, name: 'Armley', localAuthorityCode: 'E08000035', localAuthorityName: 'Leeds' });
      expect(page.conversations).toBe(3);
      expect(page.themes.map((t) => [t.name, t.conversations])).toEqual(
        themes.map((t) => [t.name, t.id === work.id ? 2 : t.id === health.id ? 1 : 0])
      );
      expect(page.months).toEqual([
        { month: '2026-01', conversations: 2 },
        { month: '2026-02', conversations: 0 },
        { month: '2026-03', conversations: 0 },
        { month: '2026-04', conversations: 0 },
        { month: '2026-05', conversations: 0 },
        { month: '2026-06', conversations: 0 },
        { month: '2026-07', conversations: 1 }
      ]);
    });

    it('returns only quotes whose residents consented, never contact details or equality answers', async () => {
      const [work, , , , , health] = themes;
      const said = makeConversation({
        wardCode: ARMLEY,
        recordedAt: '2026-11-20T10:30:00.000Z',
        themeIds: [health.id, work.id],
        quotes: [
          { text: 'We need jobs here', consentToQuote: true },
          { text: 'Keep this between us', consentToQuote: false },
          { text: XSS, consentToQuote: true }
        ],
        equality: { ageBand: '25-34', ethnicity: 'prefer-not-to-say' },
        followUp: { wanted: true, contact: 'call 0113 496 0000 after 6pm' }
      });
      const older = makeConversation({ wardCode: ARMLEY, recordedAt: '2026-10-02T10:30:00.000Z', quotes: [{ text: 'Older words', consentToQuote: true }] });
      const secret = makeConversation({ wardCode: ARMLEY, quotes: [{ text: 'Never shown', consentToQuote: false }] });
      const elsewhere = makeConversation({ wardCode: HEADINGLEY, quotes: [{ text: 'Headingley words', consentToQuote: true }] });
      await push([said, older, secret, elsewhere]);

      const page = (await store.wardPage(networkId, ARMLEY, 10))!;
      // Each with its key (conversation and position, for a coordinator choosing quotes for reports) and whether it is chosen.
      expect(page.quotes.map((q) => q.key)).toEqual([expect.stringMatching(/^[0-9a-f-]{36}\.[1-9]$/), expect.any(String), `${older.id}.1`]);
      expect(page.quotes.every((q) => q.chosen === false)).toBe(true);
      expect(page.quotes.map(({ key: _key, chosen: _chosen, ...quote }) => quote)).toEqual([
        { text: 'We need jobs here', month: '2026-11', themes: [work.name, health.name] },
        { text: XSS, month: '2026-11', themes: [work.name, health.name] },
        { text: 'Older words', month: '2026-10', themes: [] }
      ]);
      expect(page.quoteCount).toBe(3);
      const everything = JSON.stringify(page);
      for (const hidden of ['Keep this between us', 'Never shown', '0113 496 0000', 'prefer-not-to-say', '25-34', 'Headingley words']) {
        expect(everything).not.toContain(hidden);
      }
    });

    it('shows the newest quotes up to the limit and counts them all; a deleted conversation’s are gone', async () => {
      const quoted = (day: number) =>
        makeConversation({ wardCode: ARMLEY, recordedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`, quotes: [{ text: `Day ${day}`, consentToQuote: true }] });
      const conversations = [1, 2, 3, 4].map(quoted);
      await push(conversations);
      await store.applyChanges(pushedBy(await recorder(), networkId, [deleteBy(await recorder(), conversations[3].id)]));
      const page = (await store.wardPage(networkId, ARMLEY, 2))!;
      expect(page.quotes.map((q) => q.text)).toEqual(['Day 3', 'Day 2']);
      expect(page.quoteCount).toBe(3);
      expect(page.conversations).toBe(3);
    });

    it('gives an empty page for a ward with no conversations, and none for a ward not in the network', async () => {
      expect(await store.wardPage(networkId, HEADINGLEY, 10)).toMatchObject({ conversations: 0, months: [], quotes: [], quoteCount: 0 });
      expect((await store.wardPage(networkId, HEADINGLEY, 10))!.themes.every((t) => t.conversations === 0)).toBe(true);
      expect(await store.wardPage(networkId, 'E05013038', 10)).toBeNull(); // a Hartlepool ward
      expect(await store.wardPage(networkId, 'not a code', 10)).toBeNull();
    });

    /** Leeds' wards valued 1…33 in code order. */
    const ranked = (name: string, lowerIsMoreDeprived = true): NewWardIndicator => ({
      name,
      source: 'Test figures',
      lowerIsMoreDeprived,
      values: leedsCodes.toSorted().map((code, i) => ({ code, value: i + 1 }))
    });

    it('stores an indicator and finds the most deprived 20 % of wards, whichever way it runs', async () => {
      const { id, replaced } = await store.saveWardIndicator(networkId, ranked('Rank'));
      expect(replaced).toBe(false);
      const [indicator] = await store.wardIndicators(networkId);
      expect(indicator).toMatchObject({ id, name: 'Rank', source: 'Test figures', lowerIsMoreDeprived: true });
      expect(Object.keys(indicator.values)).toHaveLength(33);
      const sorted = leedsCodes.toSorted();
      expect(indicator.values[sorted[4]]).toBe(5);

      // 20 % of 33 wards, rounded up: 7, most deprived first.
      expect(await store.mostDeprivedWardCodes(networkId, id, 20)).toEqual(sorted.slice(0, 7));
      const score = await store.saveWardIndicator(networkId, ranked('Score', false));
      expect(await store.mostDeprivedWardCodes(networkId, score.id, 20)).toEqual(sorted.slice(-7).reverse());
      expect(await store.mostDeprivedWardCodes(networkId, score.id, 10)).toEqual(sorted.slice(-4).reverse());
      expect(await store.mostDeprivedWardCodes(networkId, uuidv7(), 20)).toEqual([]);
    });

    it('ranks a ward on each indicator by the same rule as the most deprived list', async () => {
      const { id } = await store.saveWardIndicator(networkId, ranked('Rank'));
      const mostDeprived = new Set(await store.mostDeprivedWardCodes(networkId, id, 20));
      for (const code of leedsCodes) {
        const [standing] = await store.wardIndicatorStandings(networkId, code);
        expect(standing.rankedWards).toBe(33);
        expect(isAmongMostDeprived(standing.rank!, standing.rankedWards!, 20), code).toBe(mostDeprived.has(code));
      }
      const [armley] = await store.wardIndicatorStandings(networkId, ARMLEY);
      expect(armley).toMatchObject({ name: 'Rank', value: leedsCodes.toSorted().indexOf(ARMLEY) + 1, lowerIsMoreDeprived: true });
    });

    it('includes every ward tied at the cut-off, and leaves a ward without a figure unranked', async () => {
      const [first, second, third, ...rest] = leedsCodes.toSorted();
      const values = [{ code: first, value: 1 }, { code: second, value: 2 }, { code: third, value: 2 }, ...rest.slice(0, 7).map((code) => ({ code, value: 10 }))];
      const { id } = await store.saveWardIndicator(networkId, { name: 'Ties', source: '', lowerIsMoreDeprived: true, values });
      // 10 wards with a figure: the most deprived 20 % are 2, and the tie for second brings in a third.
      expect(await store.mostDeprivedWardCodes(networkId, id, 20)).toEqual([first, second, third]);
      const [unranked] = await store.wardIndicatorStandings(networkId, rest.at(-1)!);
      expect(unranked).toMatchObject({ name: 'Ties', value: null, rank: null, rankedWards: null });
    });

    it('replaces an indicator uploaded again under the same name, in any case', async () => {
      const first = await store.saveWardIndicator(networkId, ranked('IMD rank'));
      const again = await store.saveWardIndicator(networkId, {
        name: 'IMD Rank',
        source: '',
        lowerIsMoreDeprived: false,
        values: [{ code: ARMLEY, value: 42.5 }]
      });
      expect(again).toEqual({ id: first.id, replaced: true });
      expect(await store.wardIndicators(networkId)).toEqual([
        { id: first.id, name: 'IMD Rank', source: '', lowerIsMoreDeprived: false, values: { [ARMLEY]: 42.5 } }
      ]);
    });

    it('is atomic: an upload naming a ward that is not the network’s changes nothing', async () => {
      await store.saveWardIndicator(networkId, ranked('Rank'));
      const before = await store.wardIndicators(networkId);
      const bad = { ...ranked('Rank', false), values: [{ code: ARMLEY, value: 1 }, { code: 'E05013038', value: 2 }] };
      const error = await store.saveWardIndicator(networkId, bad).catch((e) => e);
      expect(error).toBeInstanceOf(UnknownWardsError);
      expect(error.codes).toEqual(['E05013038']);
      await expect(store.saveWardIndicator(networkId, { ...bad, name: 'New' })).rejects.toBeInstanceOf(UnknownWardsError);
      expect(await store.wardIndicators(networkId)).toEqual(before);
    });

    it('is atomic: a value the database refuses half way leaves the earlier upload whole', async () => {
      await store.saveWardIndicator(networkId, ranked('Rank'));
      const before = await store.wardIndicators(networkId);
      // The same ward twice breaks the values' primary key after the old values were deleted.
      const twice = { ...ranked('Rank'), values: [{ code: ARMLEY, value: 1 }, { code: ARMLEY, value: 2 }] };
      await expect(store.saveWardIndicator(networkId, twice)).rejects.toThrow();
      expect(await store.wardIndicators(networkId)).toEqual(before);
    });

    it('removes an indicator with its values', async () => {
      const { id } = await store.saveWardIndicator(networkId, ranked('Rank'));
      expect(await store.deleteWardIndicator(networkId, id)).toBe('Rank');
      expect(await store.deleteWardIndicator(networkId, id)).toBeNull();
      expect(await store.wardIndicators(networkId)).toEqual([]);
      expect(await store.wardIndicatorStandings(networkId, ARMLEY)).toEqual([]);
    });
  });
}
