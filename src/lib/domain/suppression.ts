import * as z from 'zod/mini';

/**
 * Small counts are never shown (issue 13). Equality-monitoring answers are special category data:
 * "3 Roma residents at the Armley listening day" can point at a person. So every count of them
 * that leaves the server goes through `suppressSmallCounts`, which hides each count below the
 * network's threshold and, where a hidden count could be worked out by subtracting the shown
 * counts of its row or column from the row's or column's total, hides more (secondary suppression).
 */

/** The network's threshold: counts below it are hidden. Never below 5 (the ONS's own floor for small areas). */
export const SUPPRESSION_THRESHOLD = { default: 10, min: 5, max: 100 } as const;
export const SuppressionThreshold = z.int().check(z.minimum(SUPPRESSION_THRESHOLD.min), z.maximum(SUPPRESSION_THRESHOLD.max));

/** A count as it may be shown: its value, or only that it is hidden (never why, which would narrow it down). */
export type ShownCount = { shown: true; count: number } | { shown: false };

/** A table of counts (rows × columns) with its totals, as it may be shown. */
export interface SuppressedTable {
  threshold: number;
  cells: ShownCount[][];
  rowTotals: ShownCount[];
  columnTotals: ShownCount[];
  total: ShownCount;
}

export interface SuppressionOptions {
  /**
   * Columns hidden whatever their counts: groups that may not be shown (too few conversations)
   * but whose conversations the totals include, so the totals agree with every other view.
   */
  hiddenColumns?: readonly number[];
}

/** One count of the table: a cell, a row's or a column's total, or the grand total. */
interface Slot {
  value: number;
  hidden: boolean;
}

/** A line whose members add up to its total: a row, a column, the row totals, the column totals. */
interface Line {
  members: Slot[];
  total: Slot;
}

/**
 * What of a table of counts may be shown. `cells[r][c]` are whole numbers ≥ 0, every row the same
 * length; the totals are their sums. Rules, applied until nothing changes:
 * 1. every count below `threshold` (0 included) is hidden, cells and totals alike;
 * 2. a line (row, column, or the row or column totals against the grand total) whose total is
 *    shown must not have exactly one hidden member: the smallest shown member is hidden too
 *    (or, with none left to hide, the total);
 * 3. a hidden total must not be the sum of shown members: its smallest member is hidden too.
 */
export function suppressSmallCounts(cells: readonly (readonly number[])[], threshold: number, options: SuppressionOptions = {}): SuppressedTable {
  const columnCount = cells[0]?.length ?? 0;
  if (cells.some((row) => row.length !== columnCount)) throw new Error('Every row of a table of counts needs the same number of cells');
  if (cells.some((row) => row.some((n) => !Number.isInteger(n) || n < 0))) throw new Error('Counts are whole numbers, 0 or more');
  const slot = (value: number): Slot => ({ value, hidden: value < threshold });
  const grid = cells.map((row) => row.map(slot));
  const hiddenColumns = new Set(options.hiddenColumns ?? []);
  for (const row of grid) row.forEach((cell, c) => hiddenColumns.has(c) && (cell.hidden = true));
  const rowTotals = cells.map((row) => slot(sum(row)));
  const columnTotals = Array.from({ length: columnCount }, (_, c) => slot(sum(cells.map((row) => row[c]))));
  const total = slot(sum(rowTotals.map((t) => t.value)));

  const lines: Line[] = [
    ...grid.map((members, r) => ({ members, total: rowTotals[r] })),
    ...columnTotals.map((columnTotal, c) => ({ members: grid.map((row) => row[c]), total: columnTotal })),
    { members: rowTotals, total },
    { members: columnTotals, total }
  ];
  // Each pass hides at least one more count or ends, so this stops.
  while (lines.some(hideWhatWouldGiveAwayAHiddenCount));

  const shown = (s: Slot): ShownCount => (s.hidden ? { shown: false } : { shown: true, count: s.value });
  return {
    threshold,
    cells: grid.map((row) => row.map(shown)),
    rowTotals: rowTotals.map(shown),
    columnTotals: columnTotals.map(shown),
    total: shown(total)
  };
}

/** Applies rules 2 and 3 to one line; true when it hid something. */
function hideWhatWouldGiveAwayAHiddenCount(line: Line): boolean {
  if (line.members.length === 0) return false;
  const hiddenMembers = line.members.filter((m) => m.hidden).length;
  const smallestShown = smallestShownOf(line.members);
  if (!line.total.hidden && hiddenMembers === 1) {
    (smallestShown ?? line.total).hidden = true;
    return true;
  }
  if (line.total.hidden && hiddenMembers === 0 && smallestShown) {
    smallestShown.hidden = true;
    return true;
  }
  return false;
}

/** The smallest count still shown (the first of equals, so the same table always hides the same cells). */
function smallestShownOf(members: Slot[]): Slot | undefined {
  let smallest: Slot | undefined;
  for (const member of members) if (!member.hidden && (!smallest || member.value < smallest.value)) smallest = member;
  return smallest;
}

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The one way a count is written: "12", "1,204", or "fewer than 10". */
export function countText(count: ShownCount, threshold: number): string {
  return count.shown ? count.count.toLocaleString('en-GB') : `fewer than ${threshold}`;
}
