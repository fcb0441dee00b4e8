import { EQUALITY_QUESTIONS, type EqualityQuestion } from './equality-monitoring';
import { suppressSmallCounts, type SuppressedTable } from './suppression';

/**
 * "Who we heard from" (issue 13): equality-monitoring answers only as totals, each table through
 * `suppressSmallCounts`. Nothing here ever holds an individual conversation.
 */

/**
 * A group (a ward, an event, a theme) is a column of a breakdown only with at least this many
 * conversations. In a small group even counts above the threshold describe few people ("12 of
 * the 14 residents we heard from at the youth club are disabled"), and a small group is easy to
 * tell apart from what else people know about it. 25 is the smallest group the ONS's own rules
 * for census tables by small area treat as safe to profile.
 */
export const MINIMUM_GROUP_CONVERSATIONS = 25;

/** Which conversations the figures are of. */
export type EqualityScope = { kind: 'network' } | { kind: 'ward'; code: string } | { kind: 'event'; id: string };

/** How the figures are broken down: not at all, or one column per ward, event or theme. */
export const BREAKDOWNS = { none: 'No breakdown', ward: 'Ward', event: 'Listening event', theme: 'Theme' } as const;
export type Breakdown = keyof typeof BREAKDOWNS;

/** A group of conversations: its key (ward code, event id, theme id, '' for none) and name. */
export interface AnswerGroup {
  key: string;
  name: string;
  conversations: number;
}

/** How many conversations of a group gave one answer to one question (from SQL aggregation). */
export interface AnswerCount {
  question: string;
  answer: string;
  group: string;
  count: number;
}

/** What the store counts for a scope and breakdown: the groups, and the answers per group. */
export interface EqualityAnswerCounts {
  groups: AnswerGroup[];
  counts: AnswerCount[];
}

/** One question's table, as it may be shown. */
export interface EqualityTable {
  question: EqualityQuestion;
  label: string;
  /** The answer options, one row each. */
  rows: string[];
  /** The groups shown, one column each (one column, "Conversations", without a breakdown). */
  columns: string[];
  /**
   * Whether each row's total means something: not for themes, where a conversation can carry
   * several and would be counted in several columns.
   */
  showRowTotals: boolean;
  table: SuppressedTable;
}

export interface EqualityTotalsView {
  tables: EqualityTable[];
  /** Groups left out of the breakdown for having fewer than MINIMUM_GROUP_CONVERSATIONS. */
  groupsLeftOut: number;
}

/**
 * Every question's table for these counts. With a breakdown, groups with fewer than
 * MINIMUM_GROUP_CONVERSATIONS conversations are left out: for wards and events (where each
 * conversation is in one group) their conversations stay in the row totals, as one more column
 * that is always hidden, so the totals agree with the unbroken-down figures and the left-out
 * groups' answers cannot be worked out from them.
 */
export function equalityTotals(counts: EqualityAnswerCounts, breakdown: Breakdown, threshold: number): EqualityTotalsView {
  const kept = breakdown === 'none' ? counts.groups : counts.groups.filter((g) => g.conversations >= MINIMUM_GROUP_CONVERSATIONS);
  const leftOut = counts.groups.filter((g) => !kept.includes(g));
  const additive = breakdown !== 'theme';
  const withLeftOut = additive && leftOut.length > 0;
  const countOf = new Map(counts.counts.map((c) => [`${c.question}\u0000${c.answer}\u0000${c.group}`, c.count]));
  const columnsOf = (question: string, answer: string) => {
    const count = (group: string) => countOf.get(`${question}\u0000${answer}\u0000${group}`) ?? 0;
    const row = kept.map((g) => count(g.key));
    if (withLeftOut) row.push(leftOut.reduce((sum, g) => sum + count(g.key), 0));
    return row;
  };

  const tables = (Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[]).map((question) => {
    const { label, options } = EQUALITY_QUESTIONS[question];
    const cells = options.map((option) => columnsOf(question, option.value));
    const table = suppressSmallCounts(cells, threshold, { hiddenColumns: withLeftOut ? [kept.length] : [] });
    if (withLeftOut) dropLastColumn(table);
    return {
      question,
      label,
      rows: options.map((o) => (o.group ? `${o.group}: ${o.label}` : o.label)),
      columns: breakdown === 'none' ? ['Conversations'] : kept.map((g) => g.name),
      showRowTotals: additive && breakdown !== 'none',
      table
    };
  });
  return { tables, groupsLeftOut: breakdown === 'none' ? 0 : leftOut.length };
}

/** The always-hidden column of left-out groups is not drawn; the row totals still count it. */
function dropLastColumn(table: SuppressedTable): void {
  for (const row of table.cells) row.pop();
  table.columnTotals.pop();
}
