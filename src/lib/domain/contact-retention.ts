import * as z from 'zod/mini';

/**
 * Follow-up contact details are kept only while they are needed (issue 13): deleted this many
 * months after the conversation, or sooner when the follow-up is marked done. The network sets
 * the months; 60 (five years) is the most any follow-up could need.
 */
export const CONTACT_RETENTION_MONTHS = { default: 12, min: 1, max: 60 } as const;

export const ContactRetentionMonths = z.int().check(z.minimum(CONTACT_RETENTION_MONTHS.min), z.maximum(CONTACT_RETENTION_MONTHS.max));

/** Why a conversation's contact details were deleted. */
export type ContactDeletionReason = 'retention' | 'follow-up-done';

/** When and why a conversation's contact details were deleted, and who marked the follow-up done. */
export interface ContactDeletion {
  at: string;
  reason: ContactDeletionReason;
  /** The person who marked the follow-up done; null after the retention period (or if they were removed). */
  byName: string | null;
}

const monthsInWords = (months: number) => (months === 1 ? '1 month' : `${months} months`);

/** What the public privacy page says about keeping contact details, from the network's setting. */
export const retentionSentence = (months: number): string =>
  `Contact details for follow-up are deleted ${monthsInWords(months)} after the conversation, or sooner when the follow-up is done.`;

/** The audit log's words for one run of the daily job: how many, never whose. */
export const expiredContactsSubject = (months: number, conversations: number): string =>
  `Follow-up contact details deleted after ${monthsInWords(months)}: ${conversations === 1 ? '1 conversation' : `${conversations} conversations`}`;

/** What a tablet is told when its edit carried contact details for a conversation whose details were deleted (SYNC-SPEC S10). */
export const CONTACT_DELETED_NOTE =
  'The follow-up contact details of this conversation were deleted (the follow-up was done or its time ran out), so the contact details in this edit were not kept. The rest of the edit was saved.';

/**
 * Who may mark a follow-up done (and so delete the contact details): whoever follows residents
 * up: a coordinator, for any conversation; an organisation lead for their organisation's, only
 * where the network lets leads see contact details (docs/ROLES.md).
 */
export const mayMarkFollowUpDone = (viewer: { role: string; seesContacts?: boolean }): boolean =>
  viewer.role === 'coordinator' || (viewer.role === 'lead' && viewer.seesContacts === true);
