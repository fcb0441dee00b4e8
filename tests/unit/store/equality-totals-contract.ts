import { beforeEach, describe, expect, it } from 'vitest';
import type { Conversation } from '../../../src/lib/domain/conversation';
import type { EqualityAnswerCounts } from '../../../src/lib/domain/equality-totals';
import type { Store } from '../../../src/lib/server/store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, deleteBy, pushedBy, updateBy, type Recorder } from '../../support/recorder';
import type { Change } from '../../../src/lib/domain/protocol';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

const ARMLEY = 'E05011385';
const HEADINGLEY = 'E05011397';

/**
 * Equality answers counted in SQL (issue 13), held to the same behaviour on embedded PGlite
 * (equality-totals.test.ts) and a real PostgreSQL server (equality-totals.pg.test.ts).
 */
export function describeEqualityTotalsContract(kind: string, openEmptyStore: () => Promise<Store>) {
  describe(`equality answer counts on ${kind}`, () => {
    let store: Store;
    let networkId: string;
    let recorder: Recorder;
    beforeEach(async () => {
      store = await openEmptyStore();
      networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
      recorder = await addRecorder(store, networkId);
      return () => store.close();
    });
    const push = (changes: (Conversation | Change)[]) => store.applyChanges(pushedBy(recorder, networkId, changes));
    /** Counts as `question/answer@group → n`, easy to compare. */
    const flat = (counts: EqualityAnswerCounts) => Object.fromEntries(counts.counts.map((c) => [`${c.question}/${c.answer}@${c.group}`, c.count]));

    it('starts at a threshold of 10 and keeps the one a coordinator sets', async () => {
      expect(await store.suppressionThreshold(networkId)).toBe(10);
      await store.setSuppressionThreshold(networkId, 7);
      expect(await store.suppressionThreshold(networkId)).toBe(7);
    });

    it('refuses a threshold below 5 in the database too', async () => {
      await expect(store.setSuppressionThreshold(networkId, 4)).rejects.toThrow();
      expect(await store.suppressionThreshold(networkId)).toBe(10);
    });

    it('counts each answer to each question over the network’s live conversations, never an erased one', async () => {
      const erased = makeConversation({ wardCode: ARMLEY, equality: { sex: 'female', ageBand: '16-24' } });
      await push([
        makeConversation({ wardCode: ARMLEY, equality: { sex: 'female', ageBand: '16-24' } }),
        makeConversation({ wardCode: ARMLEY, equality: { sex: 'female' } }),
        makeConversation({ wardCode: HEADINGLEY, equality: { sex: 'male', ethnicity: 'white-roma' } }),
        makeConversation({ wardCode: HEADINGLEY }),
        erased
      ]);
      await push([deleteBy(recorder, erased.id)]);
      const counts = await store.equalityAnswerCounts(networkId, { kind: 'network' }, 'none');
      expect(counts.groups).toEqual([{ key: 'all', name: 'All conversations', conversations: 4 }]);
      expect(flat(counts)).toEqual({ 'sex/female@all': 2, 'sex/male@all': 1, 'ageBand/16-24@all': 1, 'ethnicity/white-roma@all': 1 });
    });

    it('counts a ward’s or an event’s conversations only, and a conversation’s answers as they are after edits', async () => {
      const day = await store.addEvent(networkId, { name: 'Armley listening day', date: '2026-11-20', place: '' });
      const edited = makeConversation({ wardCode: ARMLEY, eventId: day.id, equality: { sex: 'female' } });
      await push([edited, makeConversation({ wardCode: HEADINGLEY, eventId: day.id, equality: { sex: 'male' } }), makeConversation({ wardCode: ARMLEY, equality: { sex: 'male' } })]);
      await push([updateBy(recorder, edited.id, { equality: { sex: 'prefer-not-to-say' } })]);
      expect(flat(await store.equalityAnswerCounts(networkId, { kind: 'ward', code: ARMLEY }, 'none'))).toEqual({ 'sex/prefer-not-to-say@all': 1, 'sex/male@all': 1 });
      expect(flat(await store.equalityAnswerCounts(networkId, { kind: 'event', id: day.id }, 'none'))).toEqual({ 'sex/prefer-not-to-say@all': 1, 'sex/male@all': 1 });
    });

    it('breaks counts down by ward, event (or none) and theme, with each group’s conversations and name', async () => {
      const { themes } = (await store.getReferenceData())!;
      const day = await store.addEvent(networkId, { name: 'Armley listening day', date: '2026-11-20', place: '' });
      await push([
        makeConversation({ wardCode: ARMLEY, eventId: day.id, themeIds: [themes[0].id, themes[1].id], equality: { sex: 'female' } }),
        makeConversation({ wardCode: ARMLEY, themeIds: [themes[0].id] }),
        makeConversation({ wardCode: HEADINGLEY, themeIds: [], equality: { sex: 'male' } })
      ]);
      const byWard = await store.equalityAnswerCounts(networkId, { kind: 'network' }, 'ward');
      expect(byWard.groups).toEqual([
        { key: ARMLEY, name: 'Armley', conversations: 2 },
        { key: HEADINGLEY, name: 'Headingley & Hyde Park', conversations: 1 }
      ]);
      expect(flat(byWard)).toEqual({ [`sex/female@${ARMLEY}`]: 1, [`sex/male@${HEADINGLEY}`]: 1 });

      const byEvent = await store.equalityAnswerCounts(networkId, { kind: 'network' }, 'event');
      expect(byEvent.groups).toEqual([
        { key: day.id, name: 'Armley listening day (20 Nov 2026)', conversations: 1 },
        { key: '', name: 'Not at a listening event', conversations: 2 }
      ]);
      expect(flat(byEvent)).toEqual({ [`sex/female@${day.id}`]: 1, 'sex/male@': 1 });

      const byTheme = await store.equalityAnswerCounts(networkId, { kind: 'ward', code: ARMLEY }, 'theme');
      expect(byTheme.groups).toEqual(
        expect.arrayContaining([
          { key: themes[0].id, name: themes[0].name, conversations: 2 },
          { key: themes[1].id, name: themes[1].name, conversations: 1 }
        ])
      );
      expect(flat(byTheme)).toEqual({ [`sex/female@${themes[0].id}`]: 1, [`sex/female@${themes[1].id}`]: 1 });
    });

    it('has the one group with no conversations yet', async () => {
      const counts = await store.equalityAnswerCounts(networkId, { kind: 'network' }, 'none');
      expect(counts).toEqual({ groups: [{ key: 'all', name: 'All conversations', conversations: 0 }], counts: [] });
    });
  });
}
