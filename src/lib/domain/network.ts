import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';
import { ListeningEvent } from './listening-event';
import { Organisation } from './organisation';
import { Prompt } from './prompt';
import { Theme } from './theme';
import { Ward } from './ward';
import { SealingPublicKey } from './sealed';

export const NetworkName = trimmedText(120, 'The network name must be 120 characters or fewer', 'Enter the name of your network');

/** Read to a resident before they agree; a coordinator may set the network's own. */
export const DEFAULT_PRIVACY_NOTICE =
  'We would like to write down what you tell us about where you live, so that local councils, hospitals, ' +
  'universities and community groups can act on it. We will not record your name with what you say. ' +
  'We will only quote your words if you agree. You can ask us to delete what you told us at any time.';

export const PrivacyNotice = trimmedText(3000, 'The privacy notice must be 3000 characters or fewer', 'Enter the privacy notice');

/**
 * How residents contact the network about their conversation (issue 13): printed on the thank-you
 * card beside their reference code, such as an email address or phone number.
 */
export const RESIDENT_CONTACT_MAX_LENGTH = 200;
export const ResidentContact = trimmedText(RESIDENT_CONTACT_MAX_LENGTH, `How residents contact you must be ${RESIDENT_CONTACT_MAX_LENGTH} characters or fewer`);

export const IDLE_LOCK_MINUTES = { default: 10, min: 1, max: 240 } as const;

export const Network = z.object({
  id: Id,
  name: NetworkName,
  privacyNotice: PrivacyNotice,
  /** A tablet locks after this long without a touch or key press; its worker unlocks it with their PIN. */
  idleLockMinutes: z.number().check(z.refine(Number.isInteger), z.minimum(IDLE_LOCK_MINUTES.min), z.maximum(IDLE_LOCK_MINUTES.max)),
  /** Whether organisation leads may read residents' contact details, to follow them up. */
  leadsSeeContacts: z.boolean()
});
export type Network = z.infer<typeof Network>;

export const ThemeNames = z
  .array(Theme.shape.name)
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
  wards: z.array(Ward),
  /**
   * The key tablets seal contact details and equality answers to (issue 13). Absent in what a
   * tablet kept before sealing, until its next refresh.
   */
  sealingKey: z.optional(SealingPublicKey)
});
export type ReferenceData = z.infer<typeof ReferenceData>;
