import * as z from 'zod/mini';
import { Ward } from './ward';

const Count = z.number().check(z.refine(Number.isInteger), z.minimum(0));

/** Conversations recorded in one ward, in all and per theme (theme id → count). */
export const WardThemeCounts = z.extend(Ward, {
  conversations: Count,
  themeCounts: z.record(z.string(), Count)
});
export type WardThemeCounts = z.infer<typeof WardThemeCounts>;
