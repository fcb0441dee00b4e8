import * as z from 'zod/mini';
import { CONTACT_RETENTION_MONTHS, ContactRetentionMonths } from '$lib/domain/contact-retention';
import { Id } from '$lib/domain/id';
import { dateFieldError, readDateEntry, type DateParts } from '$lib/domain/date-entry';
import { fieldErrorsFromIssues, type Checked, type FieldError } from '$lib/domain/field-error';
import { ListeningEvent } from '$lib/domain/listening-event';
import { DEFAULT_PRIVACY_NOTICE, IDLE_LOCK_MINUTES, PrivacyNotice, ResidentContact } from '$lib/domain/network';
import { Organisation } from '$lib/domain/organisation';
import { PromptText } from '$lib/domain/prompt';
import { MINIMUM_CONVERSATIONS } from '$lib/domain/ward-map';
import { SUPPRESSION_THRESHOLD, SuppressionThreshold } from '$lib/domain/suppression';

/**
 * Checks what a coordinator types on the network settings page. Each function returns the value
 * to store, or the problems to show, each naming the id of the field to fix. Nothing is stored here.
 */

export type { Checked, FieldError };

export const PRIVACY_NOTICE_FIELD = 'privacy-notice';
export const RESIDENT_CONTACT_FIELD = 'resident-contact';
export const EVENT_FIELDS = { name: 'event-name', date: 'event-date', place: 'event-place' } as const;
export const ORGANISATION_FIELD = 'organisation-name';
export const MAX_PROMPTS = 20;
export const IDLE_LOCK_FIELD = 'idle-lock-minutes';
export const MAP_MINIMUM_FIELD = 'map-minimum-conversations';
export const CONTACT_RETENTION_FIELD = 'contact-retention-months';
export const SUPPRESSION_THRESHOLD_FIELD = 'suppression-threshold';

/** The id of the n-th prompt input (counting from 0), as the page renders it. */
export const promptField = (index: number) => `prompt-${index + 1}`;

const invalid = (field: string, message: string): Checked<never> => ({ ok: false, errors: [{ field, message }] });

/**
 * The privacy notice to store: null (the default wording) when the field is empty or still holds
 * the default wording, so the network follows the default if its wording improves.
 */
export function checkPrivacyNotice(text: string): Checked<string | null> {
  if (text.trim() === '' || text.trim() === DEFAULT_PRIVACY_NOTICE) return { ok: true, value: null };
  const notice = PrivacyNotice.safeParse(text);
  return notice.success ? { ok: true, value: notice.data } : invalid(PRIVACY_NOTICE_FIELD, notice.error.issues[0].message);
}

/** How residents contact the network, printed on thank-you cards: null when left empty (issue 13). */
export function checkResidentContact(text: string): Checked<string | null> {
  const contact = ResidentContact.safeParse(text);
  if (!contact.success) return invalid(RESIDENT_CONTACT_FIELD, contact.error.issues[0].message);
  return { ok: true, value: contact.data === '' ? null : contact.data };
}

const Uuid = Id;

/**
 * The whole ordered list of prompts as submitted: one row per input, an existing prompt carrying
 * its id. Blank rows are dropped; a row whose id is malformed or repeated becomes a new prompt.
 */
export function checkPrompts(rows: { id: string; text: string }[]): Checked<{ id?: string; text: string }[]> {
  const filled = rows.map((row, index) => ({ ...row, index })).filter((row) => row.text.trim() !== '');
  if (filled.length === 0) return invalid(promptField(0), 'Keep at least one prompt');
  if (filled.length > MAX_PROMPTS) {
    return invalid(promptField(filled[MAX_PROMPTS].index), `A network can have at most ${MAX_PROMPTS} prompts`);
  }

  const errors: FieldError[] = [];
  const prompts: { id?: string; text: string }[] = [];
  const seenIds = new Set<string>();
  const seenTexts = new Set<string>();
  for (const row of filled) {
    const text = PromptText.safeParse(row.text);
    if (!text.success) {
      errors.push({ field: promptField(row.index), message: text.error.issues[0].message });
      continue;
    }
    const key = text.data.toLowerCase();
    if (seenTexts.has(key)) {
      errors.push({ field: promptField(row.index), message: 'Each prompt must be different' });
      continue;
    }
    seenTexts.add(key);
    const id = Uuid.safeParse(row.id).success && !seenIds.has(row.id) ? row.id : undefined;
    if (id) seenIds.add(id);
    prompts.push(id ? { id, text: text.data } : { text: text.data });
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: prompts };
}

const NewEvent = z.omit(ListeningEvent, { id: true, date: true });

/** A new listening event: a name and a date (typed as day, month and year) are needed, the place is optional. */
export function checkNewEvent(input: { name: string; date: DateParts; place: string }): Checked<Omit<ListeningEvent, 'id'>> {
  const event = NewEvent.safeParse({ name: input.name, place: input.place });
  const date = readDateEntry(input.date, { label: 'The event’s date', whenEmpty: 'Enter the event’s date' });
  if (event.success && date.ok && date.value) return { ok: true, value: { name: event.data.name, date: date.value, place: event.data.place } };
  const errors = event.success ? [] : fieldErrorsFromIssues(event.error.issues, (path) => EVENT_FIELDS[path[0] as 'name' | 'place']);
  if (!date.ok) errors.push(dateFieldError(EVENT_FIELDS.date, date));
  // In the order of the form, so the error summary reads top to bottom.
  const order = [EVENT_FIELDS.name, EVENT_FIELDS.date, EVENT_FIELDS.place];
  const place = (field: string) => order.findIndex((id) => field === id || field.startsWith(`${id}-`));
  errors.sort((a, b) => place(a.field) - place(b.field));
  return { ok: false, errors };
}

/** The id of the event to archive, from the hidden input of its row. */
export function checkEventId(value: string): Checked<string> {
  return Uuid.safeParse(value).success ? { ok: true, value } : invalid('events', 'Choose an event from the list to archive');
}

/** A new organisation's name, trimmed. */
export function checkNewOrganisation(name: string): Checked<string> {
  const parsed = Organisation.shape.name.safeParse(name);
  return parsed.success ? { ok: true, value: parsed.data } : invalid(ORGANISATION_FIELD, parsed.error.issues[0].message);
}

/** The id of the organisation to archive, from the hidden input of its row. */
export function checkOrganisationId(value: string): Checked<string> {
  return Uuid.safeParse(value).success ? { ok: true, value } : invalid('organisations', 'Choose an organisation from the list to archive');
}

/** How long a tablet may sit untouched before it locks (whole minutes), and whether leads see contact details. */
export function checkAccessSettings(input: { idleLockMinutes: string; leadsSeeContacts: boolean }): Checked<{ idleLockMinutes: number; leadsSeeContacts: boolean }> {
  const text = input.idleLockMinutes.trim();
  const { min, max } = IDLE_LOCK_MINUTES;
  if (text === '') return invalid(IDLE_LOCK_FIELD, 'Enter the number of minutes before an idle tablet locks');
  if (!/^[0-9]+$/.test(text)) return invalid(IDLE_LOCK_FIELD, `Enter the minutes as a whole number, like ${IDLE_LOCK_MINUTES.default}`);
  const minutes = Number(text);
  if (minutes < min || minutes > max) return invalid(IDLE_LOCK_FIELD, `The minutes must be between ${min} and ${max} (4 hours)`);
  return { ok: true, value: { idleLockMinutes: minutes, leadsSeeContacts: input.leadsSeeContacts } };
}

/** How many conversations a ward needs before the map shows its share: a whole number in range. */
export function checkMapMinimum(typed: string): Checked<number> {
  const text = typed.trim();
  const { min, max } = MINIMUM_CONVERSATIONS;
  if (text === '') return invalid(MAP_MINIMUM_FIELD, 'Enter how many conversations a ward needs before the map shows its share');
  if (!/^[0-9]+$/.test(text)) return invalid(MAP_MINIMUM_FIELD, `Enter the number of conversations as a whole number, like ${MINIMUM_CONVERSATIONS.default}`);
  const minimum = Number(text);
  if (minimum < min || minimum > max) return invalid(MAP_MINIMUM_FIELD, `The number of conversations must be between ${min} and ${max}`);
  return { ok: true, value: minimum };
}

/** How many months after the conversation follow-up contact details are kept: a whole number in range. */
export function checkContactRetention(typed: string): Checked<number> {
  const text = typed.trim();
  const { min, max } = CONTACT_RETENTION_MONTHS;
  if (text === '') return invalid(CONTACT_RETENTION_FIELD, 'Enter how many months to keep follow-up contact details');
  if (!/^[0-9]+$/.test(text)) return invalid(CONTACT_RETENTION_FIELD, `Enter the months as a whole number, like ${CONTACT_RETENTION_MONTHS.default}`);
  const months = ContactRetentionMonths.safeParse(Number(text));
  return months.success ? { ok: true, value: months.data } : invalid(CONTACT_RETENTION_FIELD, `The months must be between ${min} and ${max} (5 years)`);
}

/** The smallest count of equality answers that may be shown: a whole number from 5 (never lower) to 100. */
export function checkSuppressionThreshold(typed: string): Checked<number> {
  const text = typed.trim();
  const { min, max } = SUPPRESSION_THRESHOLD;
  if (text === '') return invalid(SUPPRESSION_THRESHOLD_FIELD, 'Enter the smallest number of people a figure may show');
  if (!/^[0-9]+$/.test(text)) {
    return invalid(SUPPRESSION_THRESHOLD_FIELD, `Enter the number as a whole number, like ${SUPPRESSION_THRESHOLD.default}`);
  }
  const threshold = SuppressionThreshold.safeParse(Number(text));
  if (!threshold.success) return invalid(SUPPRESSION_THRESHOLD_FIELD, `The number must be between ${min} and ${max}`);
  return { ok: true, value: threshold.data };
}
