import * as z from 'zod/mini';
import { ListeningEvent } from './listening-event';
import { Organisation } from './organisation';
import { Prompt } from './prompt';
import { Theme } from './theme';
import { Ward } from './ward';

export const NetworkName = z
  .string()
  .check(z.trim(), z.minLength(1, 'Enter the name of your network'), z.maxLength(120, 'The network name must be 120 characters or fewer'));

/** Read to a resident before they agree; a coordinator may set the network's own. */
export const DEFAULT_PRIVACY_NOTICE =
  'We would like to write down what you tell us about where you live, so that local councils, hospitals, ' +
  'universities and community groups can act on it. We will not record your name with what you say. ' +
  'We will only quote your words if you agree. You can ask us to delete what you told us at any time.';

export const PrivacyNotice = z
  .string()
  .check(z.trim(), z.minLength(1, 'Enter the privacy notice'), z.maxLength(3000, 'The privacy notice must be 3000 characters or fewer'));

export const IDLE_LOCK_MINUTES = { default: 10, min: 1, max: 240 } as const;

export const Network = z.object({
  id: z.uuid(),
  name: NetworkName,
  privacyNotice: PrivacyNotice,
  /** A tablet locks after this long without a touch or key press; its worker unlocks it with their PIN. */
  idleLockMinutes: z.number().check(z.refine(Number.isInteger), z.minimum(IDLE_LOCK_MINUTES.min), z.maximum(IDLE_LOCK_MINUTES.max)),
  /** Whether organisation leads may read residents' contact details, to follow them up. */
  leadsSeeContacts: z.boolean()
});
export type Network = z.infer<typeof Network>;

export const ThemeNames = z
  .array(z.string().check(z.trim(), z.minLength(1), z.maxLength(120, 'Each theme must be 120 characters or fewer')))
  .check(
    z.minLength(1, 'Enter at least one theme'),
    z.maxLength(30, 'A network can have at most 30 themes'),
    z.refine((names) => new Set(names.map((n) => n.toLowerCase())).size === names.length, 'Each theme must have a different name')
  );

/** What the server sends a device so it can record conversations offline. */
export const ReferenceData = z.object({
  network: Network,
  themes: z.array(Theme),
  prompts: z.array(Prompt),
  events: z.array(ListeningEvent),
  organisations: z.array(Organisation),
  wards: z.array(Ward)
});
export type ReferenceData = z.infer<typeof ReferenceData>;
