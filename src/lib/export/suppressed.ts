import { countText, suppressSmallCounts, type ShownCount } from '$lib/domain/suppression';

/**
 * The small-count rule (`suppressSmallCounts`) applied to figures as exports and reports give
 * them. Which shape a set of counts has decides how it is suppressed:
 */

/** Counts of parts that add up to a total (wards of a network, months of a period): secondary suppression across them. */
export function suppressedParts(counts: readonly number[], threshold: number): { parts: ShownCount[]; total: ShownCount } {
  if (counts.length === 0) return { parts: [], total: suppressSmallCounts([[0]], threshold).total };
  const table = suppressSmallCounts([counts], threshold);
  return { parts: table.cells[0], total: table.rowTotals[0] };
}

/** Counts that overlap (themes: a conversation touches several), so add up to nothing: each on its own. */
export function suppressedEach(counts: readonly number[], threshold: number): ShownCount[] {
  return counts.map((n) => suppressSmallCounts([[n]], threshold).cells[0][0]);
}

/** A count with the words the app writes it in ("12", "fewer than 10"). */
export const withText = (count: ShownCount, threshold: number) => ({ count, text: countText(count, threshold) });
