import { z } from 'zod';
import { ThemeId } from './theme';
import { WardCode } from './ward';

export const ANSWER_MAX_LENGTH = 4000;
export const QUOTE_MAX_LENGTH = 1000;

const notBlank = (value: string) => value.trim().length > 0;

export const Quote = z.object({
  text: z
    .string()
    .max(QUOTE_MAX_LENGTH, `A quote must be ${QUOTE_MAX_LENGTH} characters or fewer`)
    .refine(notBlank, 'A quote cannot be empty'),
  consentToQuote: z.boolean()
});
export type Quote = z.infer<typeof Quote>;

/**
 * One listening record. Text is kept exactly as typed (no trimming), so what a resident said is
 * never altered on its way to the store.
 */
export const Conversation = z.object({
  id: z.uuidv7(),
  wardCode: WardCode,
  recordedAt: z.iso.datetime({ offset: true }),
  loves: z.string().max(ANSWER_MAX_LENGTH, `Answers must be ${ANSWER_MAX_LENGTH} characters or fewer`),
  wouldChange: z
    .string()
    .max(ANSWER_MAX_LENGTH, `Answers must be ${ANSWER_MAX_LENGTH} characters or fewer`),
  quotes: z.array(Quote).max(20, 'A conversation can hold at most 20 quotes'),
  themeIds: z
    .array(ThemeId)
    .max(30)
    .refine((ids) => new Set(ids).size === ids.length, 'A theme is listed twice'),
  consentToRecord: z.literal(true, { error: 'Consent to record is required' })
});
export type Conversation = z.infer<typeof Conversation>;
