import * as z from 'zod/mini';
import { compareText } from './english-text';
import { ThemeId } from './theme';
import type { WardFigures } from './ward-map';

/**
 * "Raised but not yet answered" (issue 15): a ward where at least `minimumShare` of its
 * conversations raised the theme, with at least the map's minimum conversations for a share, and
 * no response for that ward and theme (nor one for the whole network). The map's view and the
 * table page both decide with these functions, from the map's own figures, so they agree.
 */
export const RAISED_SHARES = [0.1, 0.25, 0.5] as const;
export const DEFAULT_RAISED_SHARE = 0.25;

/** A share from a URL, or the default when it is not one of the offered shares. */
export function raisedShareFrom(value: string | null): number {
  const share = Number(value);
  return value !== null && (RAISED_SHARES as readonly number[]).includes(share) ? share : DEFAULT_RAISED_SHARE;
}

export function isRaised(ward: { conversations: number; withTheme: number }, minimumConversations: number, minimumShare: number): boolean {
  return ward.conversations >= minimumConversations && ward.conversations > 0 && ward.withTheme / ward.conversations >= minimumShare;
}

/**
 * GET /api/map/answered: which wards an anchor has responded for on a theme. A response for the
 * whole network answers every ward (`wholeNetwork`), so its wards are not listed one by one.
 */
export const AnsweredWards = z.object({
  themeId: ThemeId,
  wholeNetwork: z.boolean(),
  wardCodes: z.array(z.string())
});
export type AnsweredWards = z.infer<typeof AnsweredWards>;

/** A test of "has a response", built once so 6,826 wards are not each looked up in an array. */
export function answeredTest(answered: AnsweredWards): (wardCode: string) => boolean {
  if (answered.wholeNetwork) return () => true;
  const codes = new Set(answered.wardCodes);
  return (wardCode) => codes.has(wardCode);
}

/**
 * The wards of the map's figures (one theme, any filters) where the theme was raised often and
 * nobody has answered, most raised first (then most conversations with it, then by name).
 */
export function notYetAnsweredWards(wards: readonly WardFigures[], answered: AnsweredWards, minimumConversations: number, minimumShare: number): WardFigures[] {
  const isAnswered = answeredTest(answered);
  return wards
    .filter((ward) => ward.share !== null && isRaised(ward, minimumConversations, minimumShare) && !isAnswered(ward.code))
    .sort((a, b) => b.share! - a.share! || b.withTheme - a.withTheme || compareText(a.name, b.name));
}
