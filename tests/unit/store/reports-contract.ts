import { beforeEach, describe, expect, it } from 'vitest';
import { uuidv7 } from 'uuidv7';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, type Recorder } from '../../support/recorder';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

/**
 * Printed reports' figures and the quotes a coordinator chose for them (issue 14, migration 019),
 * on embedded PGlite (reports.test.ts) and PostgreSQL (reports.pg.test.ts).
 */
export function describeReportsContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`report figures and chosen quotes on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let recorder: Recorder;
    let work: string;
    const coordinator = uuidv7();
    const push = (conversations: Conversation[]) => store.applyChanges(pushedBy(recorder, networkId, conversations));
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      work = (await store.getReferenceData())!.themes[0].id;
      recorder = await addRecorder(store, networkId);
      return () => store.close();
    });

    it('counts a ward’s or the network’s conversations for the map’s filters, per theme and UK month', async () => {
      await push([
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-09-30T23:30:00.000Z', themeIds: [work] }), // 1 October in the UK
        makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-20T10:00:00.000Z', themeIds: [] }),
        makeConversation({ wardCode: HEADINGLEY, recordedAt: '2026-11-21T10:00:00.000Z', themeIds: [work] })
      ]);
      const armley = await store.reports.reportFigures(networkId, ARMLEY, {}, 6);
      expect(armley.conversations).toBe(2);
      expect(armley.months).toEqual([
        { month: '2026-10', conversations: 1 },
        { month: '2026-11', conversations: 1 }
      ]);
      expect(armley.themes.find((t) => t.themeId === work)!.conversations).toBe(1);
      expect((await store.reports.reportFigures(networkId, ARMLEY, { from: '2026-10-01', to: '2026-10-31' }, 6)).conversations).toBe(1);
      const network = await store.reports.reportFigures(networkId, null, {}, 6);
      expect(network.conversations).toBe(3);
      expect(network.themes.find((t) => t.themeId === work)!.conversations).toBe(2);
      expect((await store.reports.reportFigures(networkId, null, { eventId: 'none', to: '2026-11-20' }, 6)).conversations).toBe(2);
    });

    it('prints the quotes a coordinator chose first, then the newest; never one without consent, nor an erased conversation’s', async () => {
      const quoted = (day: number, quotes: Conversation['quotes']) =>
        makeConversation({ wardCode: ARMLEY, recordedAt: `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`, quotes });
      const old = quoted(1, [{ text: 'An old favourite', consentToQuote: true }]);
      const secret = quoted(2, [{ text: 'Shared', consentToQuote: true }, { text: 'Not to be shared', consentToQuote: false }]);
      const newer = [3, 4, 5].map((day) => quoted(day, [{ text: `Day ${day}`, consentToQuote: true }]));
      await push([old, secret, ...newer]);
      const texts = async (limit = 3) => (await store.reports.reportFigures(networkId, ARMLEY, {}, limit)).quotes.map((q) => `${q.text}${q.chosen ? ' (chosen)' : ''}`);
      expect(await texts()).toEqual(['Day 5', 'Day 4', 'Day 3']);

      expect(await store.reports.chooseQuote(networkId, { conversationId: old.id, position: 1 }, true, coordinator)).toBe(true);
      expect(await texts()).toEqual(['An old favourite (chosen)', 'Day 5', 'Day 4']);
      // Choosing never overrides consent, and a quote that is not there cannot be chosen.
      expect(await store.reports.chooseQuote(networkId, { conversationId: secret.id, position: 2 }, true, coordinator)).toBe(false);
      expect(await store.reports.chooseQuote(networkId, { conversationId: secret.id, position: 3 }, true, coordinator)).toBe(false);
      expect(await store.reports.chooseQuote(networkId, { conversationId: uuidv7(), position: 1 }, true, coordinator)).toBe(false);
      expect(await texts(10)).not.toContain('Not to be shared');
      // The ward page says which are chosen, and gives coordinators each quote's key.
      const page = (await store.wardPage(networkId, ARMLEY, 10))!;
      expect(page.quotes.find((q) => q.text === 'An old favourite')).toMatchObject({ chosen: true, key: `${old.id}.1` });
      expect(page.quotes.find((q) => q.text === 'Shared')).toMatchObject({ chosen: false, key: `${secret.id}.1` });

      // Chosen again (no change), then taken off.
      expect(await store.reports.chooseQuote(networkId, { conversationId: old.id, position: 1 }, true, coordinator)).toBe(true);
      expect(await store.reports.chooseQuote(networkId, { conversationId: old.id, position: 1 }, false, coordinator)).toBe(true);
      expect(await texts()).toEqual(['Day 5', 'Day 4', 'Day 3']);

      // A chosen quote whose conversation is erased is gone from reports.
      await store.reports.chooseQuote(networkId, { conversationId: newer[0].id, position: 1 }, true, coordinator);
      expect((await texts())[0]).toBe('Day 3 (chosen)');
      await store.applyChanges(pushedBy(recorder, networkId, [deleteBy(recorder, newer[0].id)]));
      expect(await texts(10)).toEqual(['Day 5', 'Day 4', 'Shared', 'An old favourite']);
      expect(await store.reports.chooseQuote(networkId, { conversationId: newer[0].id, position: 1 }, true, coordinator)).toBe(false);
    });

    it('forgets a choice when the quote’s words are corrected at the resident’s request, rather than printing another quote in its place', async () => {
      const both = makeConversation({
        wardCode: ARMLEY,
        quotes: [{ text: 'First words', consentToQuote: true }, { text: 'Second words', consentToQuote: true }]
      });
      await push([both, makeConversation({ wardCode: ARMLEY, recordedAt: '2026-11-25T10:00:00.000Z', quotes: [{ text: 'Newest', consentToQuote: true }] })]);
      await store.reports.chooseQuote(networkId, { conversationId: both.id, position: 2 }, true, coordinator);
      const chosen = async () => (await store.reports.reportFigures(networkId, ARMLEY, {}, 6)).quotes.filter((q) => q.chosen).map((q) => q.text);
      expect(await chosen()).toEqual(['Second words']);
      // The resident asks for the first quote to go: the second moves up to position 1.
      const actor = { kind: 'person' as const, id: coordinator, name: 'Cora Coordinator' };
      expect(await store.residentRequests.correct(networkId, both.id, { quotes: [{ text: 'Second words', consentToQuote: true }] }, actor)).toBe(true);
      expect(await chosen()).toEqual([]);
      // And reworded where it stands: no longer chosen either.
      await store.reports.chooseQuote(networkId, { conversationId: both.id, position: 1 }, true, coordinator);
      expect(await chosen()).toEqual(['Second words']);
      await store.residentRequests.correct(networkId, both.id, { quotes: [{ text: 'Second words, reworded', consentToQuote: true }] }, actor);
      expect(await chosen()).toEqual([]);
    });
  });
}
