import { describe, expect, it } from 'vitest';
import { equalityTotals, MINIMUM_GROUP_CONVERSATIONS, type AnswerCount, type AnswerGroup } from '../../../src/lib/domain/equality-totals';
import { EQUALITY_QUESTIONS } from '../../../src/lib/domain/equality-monitoring';
import { countText } from '../../../src/lib/domain/suppression';

const sexCounts = (group: string, female: number, male: number, notSaying = 0): AnswerCount[] => [
  { question: 'sex', answer: 'female', group, count: female },
  { question: 'sex', answer: 'male', group, count: male },
  { question: 'sex', answer: 'prefer-not-to-say', group, count: notSaying }
];
const sexTableOf = (view: ReturnType<typeof equalityTotals>) => view.tables.find((t) => t.question === 'sex')!;
const texts = (view: ReturnType<typeof equalityTotals>) => {
  const t = sexTableOf(view);
  return t.table.cells.map((row) => row.map((c) => countText(c, t.table.threshold)));
};

describe('equalityTotals', () => {
  it('makes one table per question, a row per answer option, through the suppression rule', () => {
    const groups: AnswerGroup[] = [{ key: 'all', name: 'All conversations', conversations: 60 }];
    const view = equalityTotals({ groups, counts: sexCounts('all', 30, 25, 3) }, 'none', 10);
    expect(view.tables.map((t) => t.question)).toEqual(Object.keys(EQUALITY_QUESTIONS));
    const sex = sexTableOf(view);
    expect(sex.rows).toEqual(['Female', 'Male', 'Prefer not to say']);
    expect(sex.columns).toEqual(['Conversations']);
    // 3 is hidden, and 25 with it: 58 − 30 would give the 3 away.
    expect(texts(view)).toEqual([['30'], ['fewer than 10'], ['fewer than 10']]);
    expect(sex.table.total).toEqual({ shown: true, count: 58 });
    expect(view.groupsLeftOut).toBe(0);
    const ethnicity = view.tables.find((t) => t.question === 'ethnicity')!;
    expect(ethnicity.rows[0]).toBe('Asian, Asian British or Asian Welsh: Bangladeshi');
    expect(ethnicity.table.total).toEqual({ shown: false });
  });

  it(`leaves groups with fewer than ${MINIMUM_GROUP_CONVERSATIONS} conversations out of a breakdown, their answers hidden but counted in the totals`, () => {
    const groups: AnswerGroup[] = [
      { key: 'a', name: 'Armley', conversations: 80 },
      { key: 'b', name: 'Beeston', conversations: 60 },
      { key: 'c', name: 'Chapel Allerton', conversations: MINIMUM_GROUP_CONVERSATIONS - 1 }
    ];
    const counts = [...sexCounts('a', 40, 40, 20), ...sexCounts('b', 30, 30, 20), ...sexCounts('c', 12, 12, 1)];
    const view = equalityTotals({ groups, counts }, 'ward', 10);
    const sex = sexTableOf(view);
    expect(view.groupsLeftOut).toBe(1);
    expect(sex.columns).toEqual(['Armley', 'Beeston']);
    expect(sex.showRowTotals).toBe(true);
    // The row totals are the whole scope's; with Chapel Allerton's column hidden, one more per row goes.
    expect(sex.table.rowTotals).toEqual([{ shown: true, count: 82 }, { shown: true, count: 82 }, { shown: true, count: 41 }]);
    for (const row of sex.table.cells) expect(row.filter((c) => !c.shown).length).toBeGreaterThanOrEqual(1);
    expect(sex.table.cells[0]).toHaveLength(2);
  });

  it('leaves small themes out without an "All" column, since a conversation can carry several themes', () => {
    const groups: AnswerGroup[] = [
      { key: 'w', name: 'Work', conversations: 50 },
      { key: 'h', name: 'Health', conversations: 3 }
    ];
    const view = equalityTotals({ groups, counts: [...sexCounts('w', 25, 25), ...sexCounts('h', 1, 2)] }, 'theme', 10);
    const sex = sexTableOf(view);
    expect(sex.columns).toEqual(['Work']);
    expect(sex.showRowTotals).toBe(false);
    expect(view.groupsLeftOut).toBe(1);
    // 0 would not say "prefer not to say" is 0, so the first 25 (of equals) goes too.
    expect(texts(view)).toEqual([['fewer than 10'], ['25'], ['fewer than 10']]);
  });

  it('shows no columns when every group is too small', () => {
    const view = equalityTotals({ groups: [{ key: 'a', name: 'Armley', conversations: 3 }], counts: sexCounts('a', 2, 1) }, 'ward', 10);
    expect(sexTableOf(view).columns).toEqual([]);
    expect(view.groupsLeftOut).toBe(1);
  });
});
