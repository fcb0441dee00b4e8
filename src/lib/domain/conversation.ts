import * as z from 'zod/mini';
import { EqualityAnswers } from './equality-monitoring';
import { Id, IdV7 } from './id';
import { Instant } from './instant';
import { ReferenceCode } from './reference-code';
import { SealedEnvelope } from './sealed';
import { freeText } from './text';
import { ThemeId } from './theme';
import { WardCode } from './ward';

export const ANSWER_MAX_LENGTH = 4000;
export const PROMPT_WORDING_MAX_LENGTH = 300;
export const QUOTE_MAX_LENGTH = 1000;
export const CONTACT_MAX_LENGTH = 500;
export const MAX_PEOPLE = 50;

const notBlank = (value: string) => value.trim().length > 0;

/** What a resident said in answer to one prompt, with the prompt's wording when it was asked. */
export const Answer = z.object({
  promptId: Id,
  prompt: freeText(PROMPT_WORDING_MAX_LENGTH, `A prompt's wording must be ${PROMPT_WORDING_MAX_LENGTH} characters or fewer`),
  text: freeText(ANSWER_MAX_LENGTH, `Answers must be ${ANSWER_MAX_LENGTH} characters or fewer`)
});
export type Answer = z.infer<typeof Answer>;

export const Quote = z.object({
  text: freeText(QUOTE_MAX_LENGTH, `A quote must be ${QUOTE_MAX_LENGTH} characters or fewer`, z.refine(notBlank, 'A quote cannot be empty')),
  consentToQuote: z.boolean()
});
export type Quote = z.infer<typeof Quote>;

/** Whether the resident wants to be contacted again; the contact details travel apart from what they said. */
export const FollowUp = z.discriminatedUnion('wanted', [
  z.object({ wanted: z.literal(false) }),
  z.object({
    wanted: z.literal(true),
    contact: freeText(
      CONTACT_MAX_LENGTH,
      `Contact details must be ${CONTACT_MAX_LENGTH} characters or fewer`,
      z.refine(notBlank, 'Enter how the resident would like to be contacted')
    )
  })
]);
export type FollowUp = z.infer<typeof FollowUp>;

/** The parts of a conversation a worker records and may later edit. */
export const ConversationFields = z.object({
  wardCode: WardCode,
  eventId: z.nullable(Id),
  /** The organisation that recorded it; absent from devices on versions before organisations. */
  organisationId: z.optional(z.nullable(Id)),
  answers: z.array(Answer).check(z.maxLength(10, 'A conversation can hold at most 10 answers')),
  quotes: z.array(Quote).check(z.maxLength(20, 'A conversation can hold at most 20 quotes')),
  themeIds: z
    .array(ThemeId)
    .check(z.maxLength(30), z.refine((ids) => new Set(ids).size === ids.length, 'A theme is listed twice')),
  peopleCount: z
    .number({ error: 'Enter how many people took part, as a number' })
    .check(
      z.refine(Number.isInteger, 'Enter a whole number of people'),
      z.minimum(1, 'At least 1 person takes part in a conversation'),
      z.maximum(MAX_PEOPLE, `A conversation can have at most ${MAX_PEOPLE} people; record bigger groups as several`)
    ),
  equality: EqualityAnswers,
  followUp: FollowUp,
  consentToRecord: z.literal(true, { error: 'Consent to record is required' })
});
export type ConversationFields = z.infer<typeof ConversationFields>;

/**
 * One listening record. Text is kept exactly as typed (no trimming), so what a resident said is
 * never altered on its way to the store.
 */
export const Conversation = z.extend(ConversationFields, {
  id: IdV7,
  /** Within the static range of `Instant`; a push is also refused when dated after the server's tomorrow. */
  recordedAt: Instant,
  /**
   * The resident's reference code (issue 13), given by the tablet from its code block when saved.
   * Absent or null only when the tablet had no code left (or was on an app before codes): the
   * server then gives one from its own block. Never edited: updates carry `ConversationFields` only.
   */
  referenceCode: z.optional(z.nullable(ReferenceCode))
});
export type Conversation = z.infer<typeof Conversation>;

/** Why a conversation with nothing in it is not saved, in the words the form shows. */
export const NOTHING_SAID_MESSAGE = 'Add at least one answer, quote or theme before saving';

/**
 * Whether a conversation holds something the resident said or a theme it touched: a record with
 * none is an empty row on the map. Checked when a conversation is first saved, not on edits, so
 * records kept from before this rule stay editable.
 */
export const saysSomething = (fields: Pick<ConversationFields, 'answers' | 'quotes' | 'themeIds'>): boolean =>
  fields.answers.some((answer) => answer.text.trim() !== '') || fields.quotes.length > 0 || fields.themeIds.length > 0;

const mustSaySomething = z.refine<Pick<ConversationFields, 'answers' | 'quotes' | 'themeIds'>>(saysSomething, {
  message: NOTHING_SAID_MESSAGE,
  path: ['answers']
});

/** A conversation as first recorded on a device: it must say something. */
export const NewConversation = Conversation.check(mustSaySomething);

/**
 * Contact details and equality answers as a tablet keeps and sends them (issue 13): sealed to the
 * network's public key before they touch IndexedDB, opened only on the server (domain/sealed.ts).
 * The envelope of a follow-up holds the contact text; that of equality answers, the answers.
 */
export const SealedFollowUp = z.object({ wanted: z.literal(true), sealed: SealedEnvelope });
export const SealedEquality = z.object({ sealed: SealedEnvelope });
export type SealedFollowUp = z.infer<typeof SealedFollowUp>;
export type SealedEquality = z.infer<typeof SealedEquality>;

export const isSealed = (value: unknown): value is { sealed: SealedEnvelope } =>
  typeof value === 'object' && value !== null && 'sealed' in value;

const sealable = {
  followUp: z.union([FollowUp, SealedFollowUp]),
  equality: z.union([EqualityAnswers, SealedEquality])
};

/** The fields a tablet sends: contact details and equality answers sealed (older apps sent them plain). */
export const SealableConversationFields = z.extend(ConversationFields, sealable);
/** A conversation as a tablet saves and sends it. */
export const SealableConversation = z.extend(Conversation, sealable);
export type SealableConversation = z.infer<typeof SealableConversation>;
export type SealableConversationFields = z.infer<typeof SealableConversationFields>;
/** A new conversation as a tablet sends it: it must say something. */
export const NewSealableConversation = SealableConversation.check(mustSaySomething);

/**
 * What a viewer is not allowed to read is sent as withheld, never as an empty value: an empty
 * value would read as "not asked", and a device editing it would erase what the server holds.
 */
export const Withheld = z.object({ withheld: z.literal(true) });
export const WITHHELD = { withheld: true } as const;

export const WithheldFollowUp = z.object({ wanted: z.literal(true), withheld: z.literal(true) });

/** A conversation as a viewer may see it: contact details and equality answers may be withheld. */
export const SharedConversation = z.extend(Conversation, {
  followUp: z.union([FollowUp, WithheldFollowUp]),
  equality: z.union([EqualityAnswers, Withheld])
});
export type SharedConversation = z.infer<typeof SharedConversation>;

/** The editable parts of a shared conversation; withheld values stay withheld until replaced. */
export const SharedConversationFields = z.extend(ConversationFields, {
  followUp: z.union([FollowUp, WithheldFollowUp]),
  equality: z.union([EqualityAnswers, Withheld])
});
export type SharedConversationFields = z.infer<typeof SharedConversationFields>;

/**
 * A conversation as a tablet keeps it: what it sealed, or what the server withholds from it —
 * never contact details or equality answers it can read.
 */
export const DeviceConversation = z.extend(Conversation, {
  followUp: z.union([FollowUp, WithheldFollowUp, SealedFollowUp]),
  equality: z.union([EqualityAnswers, Withheld, SealedEquality])
});
export type DeviceConversation = z.infer<typeof DeviceConversation>;

export const DeviceConversationFields = z.extend(ConversationFields, {
  followUp: z.union([FollowUp, WithheldFollowUp, SealedFollowUp]),
  equality: z.union([EqualityAnswers, Withheld, SealedEquality])
});
export type DeviceConversationFields = z.infer<typeof DeviceConversationFields>;

export const isWithheld = (value: unknown): value is { withheld: true } =>
  typeof value === 'object' && value !== null && (value as { withheld?: unknown }).withheld === true;
