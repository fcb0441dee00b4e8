import { z } from 'zod';

export const ThemeId = z.uuid();

export const Theme = z.object({
  id: ThemeId,
  name: z.string().trim().min(1).max(120)
});
export type Theme = z.infer<typeof Theme>;

/** The six themes of the Derbyshire and Derby Anchor Charter: the default a coordinator edits. */
export const DEFAULT_THEME_NAMES: readonly string[] = [
  'Widening Access to Quality Work',
  'Purchasing & Commissioning for Social Value',
  'Expanding Access to Anchor Resources',
  'Reducing Environmental Impact',
  'Closer Working Between Local Partners',
  'Tackling Health Inequalities'
];
