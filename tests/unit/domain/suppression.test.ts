import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countText, suppressSmallCounts, type ShownCount, type SuppressedTable } from '../../../src/lib/domain/suppression';

const hidden = { shown: false } as const;
const shown = (count: number) => ({ shown: true, count }) as const;
const values = (counts: ShownCount[]) => counts.map((c) => (c.shown ? c.count : null));

/** Every line of a table: its members, their true values, and its total (shown or not). */
function linesOf(table: SuppressedTable, cells: number[][]) {
  const columns = cells[0]?.length ?? 0;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const rowTruths = cells.map(sum);
  const columnTruths = Array.from({ length: columns }, (_, c) => sum(cells.map((r) => r[c])));
  return [
    ...cells.map((row, r) => ({ name: `row ${r}`, members: table.cells[r], truths: row, total: table.rowTotals[r] })),
    ...Array.from({ length: columns }, (_, c) => ({
      name: `column ${c}`,
      members: table.cells.map((row) => row[c]),
      truths: cells.map((row) => row[c]),
      total: table.columnTotals[c]
    })),
    { name: 'row totals', members: table.rowTotals, truths: rowTruths, total: table.total },
    { name: 'column totals', members: table.columnTotals, truths: columnTruths, total: table.total }
  ];
}

describe('suppressSmallCounts', () => {
  it('hides every count below the threshold, 0 included, and shows the rest as they are', () => {
    const table = suppressSmallCounts([[40], [30], [0], [3], [12]], 10);
    // 0 and 3 are below 10; two hidden in the column, so nothing more need go.
    expect(values(table.cells.map((row) => row[0]))).toEqual([40, 30, null, null, 12]);
    expect(table.total).toEqual(shown(85));
    expect(table.threshold).toBe(10);
  });

  it('hides the next smallest count when a shown total would give away the only hidden one', () => {
    const table = suppressSmallCounts([[40], [30], [3], [12]], 10);
    // 85 − 40 − 30 − 12 would be 3: 12 goes too.
    expect(values(table.cells.map((row) => row[0]))).toEqual([40, 30, null, null]);
    expect(table.total).toEqual(shown(85));
  });

  it('hides a total below the threshold, and a row total that alone is hidden among shown ones, with a cell of its row', () => {
    const table = suppressSmallCounts(
      [
        [20, 20],
        [20, 20],
        [2, 3]
      ],
      10
    );
    expect(values(table.rowTotals)).toEqual([null, 40, null]);
    // Row 0's total went so row 2's (5) cannot be worked out from 85; with its cells shown it
    // would be their sum, so one of them goes, and then one more in that column and row.
    expect(table.total).toEqual(shown(85));
    for (const line of linesOf(table, [[20, 20], [20, 20], [2, 3]])) {
      const hiddenCount = line.members.filter((m) => !m.shown).length;
      expect(line.total.shown ? hiddenCount !== 1 : hiddenCount > 0, line.name).toBe(true);
    }
  });

  it('always hides the columns it is told to, and hides enough beside them', () => {
    const table = suppressSmallCounts(
      [
        [30, 40, 50],
        [20, 25, 60]
      ],
      10,
      { hiddenColumns: [2] }
    );
    expect(table.cells.map((row) => row[2])).toEqual([hidden, hidden]);
    expect(table.cells.map((row) => row.filter((c) => !c.shown).length)).toEqual([2, 2]);
    expect(values(table.rowTotals)).toEqual([120, 105]);
  });

  it('refuses a ragged table or counts that are not whole numbers', () => {
    expect(() => suppressSmallCounts([[1, 2], [3]], 10)).toThrow();
    expect(() => suppressSmallCounts([[1.5]], 10)).toThrow();
    expect(() => suppressSmallCounts([[-1]], 10)).toThrow();
  });

  it('handles a table with no rows or no columns', () => {
    expect(suppressSmallCounts([], 10).total).toEqual(hidden);
    expect(suppressSmallCounts([[], []], 10).rowTotals).toEqual([hidden, hidden]);
  });
});

describe('countText', () => {
  it('writes a shown count with thousands separators and a hidden one as "fewer than" the threshold', () => {
    expect(countText(shown(1204), 10)).toBe('1,204');
    expect(countText(shown(0), 5)).toBe('0');
    expect(countText(hidden, 10)).toBe('fewer than 10');
    expect(countText(hidden, 7)).toBe('fewer than 7');
  });
});

describe('suppressSmallCounts on generated tables', () => {
  // Small counts are the point: most generated counts are below or near the threshold.
  const count = fc.oneof(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 200 }));
  const tables = fc
    .tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 6 }))
    .chain(([rows, columns]) =>
      fc.record({
        cells: fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
        threshold: fc.integer({ min: 5, max: 15 }),
        hiddenColumns: fc.subarray(Array.from({ length: columns }, (_, c) => c), { maxLength: 1 })
      })
    );
  const run = (property: (input: { cells: number[][]; threshold: number; hiddenColumns: number[] }, table: SuppressedTable) => void) =>
    fc.assert(
      fc.property(tables, (input) => property(input, suppressSmallCounts(input.cells, input.threshold, { hiddenColumns: input.hiddenColumns }))),
      { numRuns: 2000 }
    );

  it('shows no count below the threshold, and every count below it is hidden', () => {
    run(({ cells, threshold }, table) => {
      const all = [...table.cells.flat(), ...table.rowTotals, ...table.columnTotals, table.total];
      for (const c of all) if (c.shown) expect(c.count).toBeGreaterThanOrEqual(threshold);
      cells.forEach((row, r) => row.forEach((n, c) => n < threshold && expect(table.cells[r][c]).toEqual(hidden)));
    });
  });

  it('shows true counts, and totals that are the sums of the true counts', () => {
    run(({ cells }, table) => {
      cells.forEach((row, r) => row.forEach((n, c) => table.cells[r][c].shown && expect(table.cells[r][c]).toEqual(shown(n))));
      for (const line of linesOf(table, cells)) {
        const truth = line.truths.reduce((a, b) => a + b, 0);
        if (line.total.shown) expect(line.total.count, line.name).toBe(truth);
      }
    });
  });

  it('leaves no line whose total is shown with exactly one hidden count, and no hidden total that is the sum of shown counts', () => {
    run(({ cells }, table) => {
      for (const line of linesOf(table, cells)) {
        const hiddenCount = line.members.filter((m) => !m.shown).length;
        if (line.total.shown) expect(hiddenCount, line.name).not.toBe(1);
        else if (line.members.length > 0) expect(hiddenCount, line.name).toBeGreaterThan(0);
      }
    });
  });

  it('lets no hidden count be worked out by subtracting shown counts from a shown total, in any row or column', () => {
    run(({ cells }, table) => {
      for (const line of linesOf(table, cells)) {
        const hiddenAt = line.members.flatMap((m, i) => (m.shown ? [] : [i]));
        if (!line.total.shown || hiddenAt.length === 0) continue;
        const left = line.total.count - line.members.reduce((sum, m) => sum + (m.shown ? m.count : 0), 0);
        // What is left is shared by at least two hidden counts, so no one of them is known.
        expect(hiddenAt.length, `${line.name}: ${left} left for ${hiddenAt.length} hidden`).toBeGreaterThanOrEqual(2);
      }
    });
  });

  it('hides the same counts for the same table, and keeps the columns it is told to hide hidden', () => {
    run(({ cells, threshold, hiddenColumns }, table) => {
      expect(suppressSmallCounts(cells, threshold, { hiddenColumns })).toEqual(table);
      for (const c of hiddenColumns) for (const row of table.cells) expect(row[c]).toEqual(hidden);
    });
  });
});
