import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';

export const THEME_NAME_MAX_LENGTH = 120;

export const ThemeId = Id;

export const Theme = z.object({
  id: ThemeId,
  name: trimmedText(THEME_NAME_MAX_LENGTH, `Each theme must be ${THEME_NAME_MAX_LENGTH} characters or fewer`, 'A theme cannot be empty')
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
