import * as z from 'zod/mini';

export const ThemeId = z.uuid();

export const Theme = z.object({
  id: ThemeId,
  name: z.string().check(z.trim(), z.minLength(1), z.maxLength(120))
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
