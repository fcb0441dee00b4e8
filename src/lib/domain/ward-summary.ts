import { z } from 'zod';
import { Ward } from './ward';

/** Conversations recorded in one ward, in all and per theme (theme id → count). */
export const WardThemeCounts = Ward.extend({
  conversations: z.number().int().nonnegative(),
  themeCounts: z.record(z.string(), z.number().int().nonnegative())
});
export type WardThemeCounts = z.infer<typeof WardThemeCounts>;
