import * as z from 'zod/mini';
import { Id } from './id';
import { ThemeId } from './theme';
import { trimmedText } from './text';
import { WardCode } from './ward';

/**
 * "You said, we did" (issue 15): an anchor organisation's response to what residents raised — a
 * theme, in some wards or the whole network — with what it will do, by when, and how it is going.
 * Each shape that crosses the network has its schema here, read by the form's page and the server.
 */

export const RESPONSE_STATUSES = ['planned', 'under-way', 'done', 'not-possible'] as const;
export const ResponseStatus = z.enum(RESPONSE_STATUSES, { error: 'Choose how the response is going' });
export type ResponseStatus = z.infer<typeof ResponseStatus>;

export const STATUS_NAMES: Record<ResponseStatus, string> = {
  planned: 'Planned',
  'under-way': 'Under way',
  done: 'Done',
  'not-possible': 'Not possible'
};

export const ResponseVisibility = z.enum(['public', 'network'], { error: 'Choose who may see this response' });
export type ResponseVisibility = z.infer<typeof ResponseVisibility>;

export const VISIBILITY_NAMES: Record<ResponseVisibility, string> = { public: 'Public', network: 'Kept within the network' };

/** Where a response applies, in words: the whole network, or its wards' names. */
export const responsePlace = (response: { wholeNetwork: boolean; wards: readonly { name: string }[] }, separator = ', '): string =>
  response.wholeNetwork ? 'The whole network' : response.wards.map((w) => w.name).join(separator);

export const ACTION_MAX_LENGTH = 2000;
export const NOTE_MAX_LENGTH = 2000;
export const REASON_MAX_LENGTH = 1000;
/** A response cites at most this many of residents' quotes. */
export const MAX_EVIDENCE_QUOTES = 5;
/** At most this many wards are named one by one; more than that is a response for the whole network. */
export const MAX_RESPONSE_WARDS = 50;

/** A consented quote is cited by its words' md5 within its ward: never which conversation it came from. */
export const QuoteDigest = z.string().check(z.regex(/^[0-9a-f]{32}$/, 'That quote could not be found. Reload the page and choose again.'));

export const QuoteCitation = z.object({ wardCode: WardCode, digest: QuoteDigest });
export type QuoteCitation = z.infer<typeof QuoteCitation>;

const Reason = z.optional(trimmedText(REASON_MAX_LENGTH, `The reason must be ${REASON_MAX_LENGTH} characters or fewer`));

/** Status "not possible" needs a reason, so residents are told why. */
const reasonWhenNotPossible = z.refine<{ status: ResponseStatus; reason?: string }>((r) => r.status !== 'not-possible' || (r.reason ?? '') !== '', {
  message: 'Say why it is not possible: residents will read this',
  path: ['reason']
});

/** What a person fills in to respond (new or edited). Empty `wardCodes` with `wholeNetwork` true: every ward. */
export const ResponseFields = z
  .object({
    organisationId: z.uuid({ error: 'Choose the organisation responding' }).check(z.regex(/^[0-9a-f-]+$/, 'Choose the organisation responding')),
    themeId: z.uuid({ error: 'Choose one of the network’s themes' }).check(z.regex(/^[0-9a-f-]+$/, 'Choose one of the network’s themes')),
    wholeNetwork: z.boolean(),
    wardCodes: z.array(WardCode).check(z.maxLength(MAX_RESPONSE_WARDS, `Name at most ${MAX_RESPONSE_WARDS} wards, or choose the whole network`)),
    action: trimmedText(ACTION_MAX_LENGTH, `What you will do must be ${ACTION_MAX_LENGTH} characters or fewer`, 'Say what your organisation will do'),
    dueBy: z.iso.date({ error: 'Enter the date you will do it by' }),
    status: ResponseStatus,
    reason: Reason,
    visibility: ResponseVisibility,
    quotes: z.array(QuoteCitation).check(z.maxLength(MAX_EVIDENCE_QUOTES, `Choose at most ${MAX_EVIDENCE_QUOTES} quotes`))
  })
  .check(
    z.refine((r) => r.wholeNetwork || r.wardCodes.length > 0, { message: 'Choose at least one ward, or the whole network', path: ['wardCodes'] }),
    reasonWhenNotPossible
  );
export type ResponseFields = z.infer<typeof ResponseFields>;

/** A dated update: the status now, and a note of what happened. */
export const ResponseUpdateFields = z
  .object({
    status: ResponseStatus,
    reason: Reason,
    note: trimmedText(NOTE_MAX_LENGTH, `The note must be ${NOTE_MAX_LENGTH} characters or fewer`, 'Write a note of what has happened')
  })
  .check(reasonWhenNotPossible);
export type ResponseUpdateFields = z.infer<typeof ResponseUpdateFields>;

/** One ward's figures for the response's theme when the response was made: its evidence. */
export const EvidenceFigure = z.object({
  /** Null for the whole network's figure (a response for every ward). */
  wardCode: z.nullable(WardCode),
  wardName: z.string(),
  conversations: z.int().check(z.minimum(0)),
  withTheme: z.int().check(z.minimum(0))
});
export type EvidenceFigure = z.infer<typeof EvidenceFigure>;

export const ResponseNote = z.object({
  id: Id,
  status: ResponseStatus,
  reason: z.nullable(z.string()),
  note: z.string(),
  writtenAt: z.string(),
  writtenBy: z.string()
});
export type ResponseNote = z.infer<typeof ResponseNote>;

/** A response as the network's pages show it. */
export const AnchorResponse = z.object({
  id: Id,
  organisationId: Id,
  organisationName: z.string(),
  themeId: ThemeId,
  themeName: z.string(),
  wholeNetwork: z.boolean(),
  wards: z.array(z.object({ code: WardCode, name: z.string() })),
  action: z.string(),
  dueBy: z.string(),
  status: ResponseStatus,
  reason: z.nullable(z.string()),
  visibility: ResponseVisibility,
  evidence: z.array(EvidenceFigure),
  /** Cited quotes still there to cite: consented, of conversations not erased, words unchanged. */
  quotes: z.array(z.object({ wardCode: WardCode, digest: QuoteDigest, text: z.string() })),
  notes: z.array(ResponseNote),
  createdAt: z.string(),
  updatedAt: z.string()
});
export type AnchorResponse = z.infer<typeof AnchorResponse>;

/** Which responses to list: all, or those for a ward (the whole network's included), a theme, or only public ones. */
export interface ResponseQuery {
  wardCode?: string;
  themeId?: string;
  publicOnly?: boolean;
}

/** Who may edit a response: a coordinator any; anchor staff their own organisation's. */
export function mayEditResponse(person: { role: string; organisationId: string | null }, response: { organisationId: string }): boolean {
  if (person.role === 'coordinator') return true;
  return person.role === 'staff' && person.organisationId !== null && person.organisationId === response.organisationId;
}
