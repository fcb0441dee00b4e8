import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BREAKDOWNS, type Breakdown } from '../../../src/lib/domain/equality-totals';
import { EQUALITY_QUESTIONS, type EqualityAnswers, type EqualityQuestion } from '../../../src/lib/domain/equality-monitoring';
import { equalityTotalsQuery, equalityTotalsView } from '../../../src/lib/server/equality-totals-view';
import type { Store } from '../../../src/lib/server/store';
import { migrate } from '../../../src/lib/server/store/migrations';
import { openPgliteDatabase } from '../../../src/lib/server/store/pglite-database';
import type { SqlDatabase } from '../../../src/lib/server/store/sql-database';
import { createSqlStore } from '../../../src/lib/server/store/sql-store';
import { makeConversation } from '../../support/conversations';
import { addRecorder, pushedBy } from '../../support/recorder';
import { seededRandom } from '../../support/seeded-random';
import { networkSetupFromFile, WARD_FILES } from '../../support/shared-data';

/**
 * What leaves the server for "Who we heard from" (issue 13), for generated answers in wards of
 * every size: for every scope and breakdown, no shown count below the threshold, and nothing
 * about any one conversation.
 */
let memory: SqlDatabase;
let store: Store;
let networkId: string;
beforeAll(async () => {
  memory = await openPgliteDatabase();
  await migrate(memory);
  store = createSqlStore(memory);
  networkId = (await store.setUpNetwork(networkSetupFromFile(WARD_FILES.leeds))).id;
  const { wards, themes } = (await store.getReferenceData())!;
  const day = await store.addEvent(networkId, { name: 'Listening day', date: '2026-11-20', place: '' });
  const random = seededRandom(1313);
  const pick = <T>(options: readonly T[]) => options[Math.floor(random() * options.length)];
  const answers = (): EqualityAnswers =>
    Object.fromEntries(
      (Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[]).filter(() => random() < 0.8).map((q) => [q, pick(EQUALITY_QUESTIONS[q].options).value])
    );
  // Six wards of 60, 40, 26, 24, 9 and 1 conversations: above and below the 25 for a column.
  const conversations = [60, 40, 26, 24, 9, 1].flatMap((size, w) =>
    Array.from({ length: size }, () =>
      makeConversation({
        wardCode: wards[w].code,
        eventId: random() < 0.4 ? day.id : null,
        themeIds: themes.filter(() => random() < 0.3).map((t) => t.id),
        equality: answers()
      })
    )
  );
  await store.applyChanges(pushedBy(await addRecorder(store, networkId), networkId, conversations));
});
afterAll(() => memory.close());

/** Every `count` anywhere in a value. */
function countsIn(value: unknown): number[] {
  if (Array.isArray(value)) return value.flatMap(countsIn);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, v]) => (key === 'count' && typeof v === 'number' ? [v] : countsIn(v)));
  }
  return [];
}

describe('Who we heard from, as the server answers it', () => {
  it.each([5, 10, 20])('shows no count below a threshold of %d for any scope or breakdown, and nothing of one conversation', async (threshold) => {
    await store.setSuppressionThreshold(networkId, threshold);
    const reference = (await store.getReferenceData())!;
    let shownAnywhere = 0;
    const scopes = ['network', ...reference.wards.slice(0, 6).map((w) => `ward:${w.code}`), `event:${reference.events[0].id}`];
    for (const scope of scopes) {
      for (const breakdown of Object.keys(BREAKDOWNS) as Breakdown[]) {
        const query = equalityTotalsQuery(new URLSearchParams({ scope, breakdown }), reference);
        expect(query.errors).toEqual([]);
        const view = await equalityTotalsView(store, reference, query);
        expect(view.threshold).toBe(threshold);
        const counts = countsIn(view.tables);
        shownAnywhere += counts.length;
        expect(counts.filter((n) => n < threshold), `${scope} by ${breakdown}`).toEqual([]);
        const text = JSON.stringify(view);
        expect(text).not.toMatch(/"(equality|answers|id|recordedAt|conversations)":/);
        // By ward or event, each answer's total ("All") is hidden or shown as in the figures not broken
        // down, so one cannot be taken from the other (a table with no group to show shows no total).
        if (breakdown === 'ward' || breakdown === 'event') {
          const plain = await equalityTotalsView(store, reference, { ...query, breakdown: 'none' });
          view.tables.forEach((table, i) => table.columns.length > 0 && expect(table.table.rowTotals, `${scope} by ${breakdown}: ${table.question}`).toEqual(plain.tables[i].table.cells.map((row) => row[0])));
        }
      }
    }
    expect(shownAnywhere).toBeGreaterThan(0);
  });
});
