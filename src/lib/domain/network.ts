import { z } from 'zod';
import { Theme } from './theme';
import { Ward } from './ward';

export const NetworkName = z
  .string()
  .trim()
  .min(1, 'Enter the name of your network')
  .max(120, 'The network name must be 120 characters or fewer');

export const Network = z.object({
  id: z.uuid(),
  name: NetworkName
});
export type Network = z.infer<typeof Network>;

export const ThemeNames = z
  .array(z.string().trim().min(1).max(120, 'Each theme must be 120 characters or fewer'))
  .min(1, 'Enter at least one theme')
  .max(30, 'A network can have at most 30 themes')
  .refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, {
    message: 'Each theme must have a different name'
  });

/** What the server sends a device so it can record conversations offline. */
export const ReferenceData = z.object({
  network: Network,
  themes: z.array(Theme),
  wards: z.array(Ward)
});
export type ReferenceData = z.infer<typeof ReferenceData>;
