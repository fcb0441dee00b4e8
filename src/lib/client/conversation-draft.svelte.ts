import { ConversationFields, isSealed, isWithheld, NOTHING_SAID_MESSAGE, saysSomething, WITHHELD, type DeviceConversation, type DeviceConversationFields } from '$lib/domain/conversation';
import type { SealedEnvelope } from '$lib/domain/sealed';
import { EQUALITY_QUESTIONS, type EqualityQuestion } from '$lib/domain/equality-monitoring';
import type { Prompt } from '$lib/domain/prompt';

import type { FieldError } from '$lib/domain/field-error';

export type { FieldError };

export interface DraftQuote {
  text: string;
  consentToQuote: boolean;
}

/** The form's values as plain data: what a draft keeps in IndexedDB. */
export interface DraftValues {
  wardCode: string;
  eventId: string;
  organisationId: string;
  answers: Record<string, string>;
  /** Each answered prompt's wording when it was asked, from the conversation being edited. */
  askedAs?: Record<string, string>;
  quotes: DraftQuote[];
  themeIds: string[];
  peopleCount: string;
  equality: Partial<Record<EqualityQuestion, string>>;
  followUpWanted: boolean;
  contact: string;
  /**
   * Contact details the tablet cannot read — sealed here (`sealedContact`), or kept by the server
   * and not sent back: kept unless new ones are typed.
   */
  contactWithheld?: boolean;
  sealedContact?: SealedEnvelope;
  /** Equality answers the tablet cannot read (sealed here in `sealedEquality`, or on the server): kept unless replaced. */
  equalityWithheld?: boolean;
  sealedEquality?: SealedEnvelope;
  consentToRecord: boolean;
}

const EMPTY: DraftValues = {
  wardCode: '',
  eventId: '',
  organisationId: '',
  answers: {},
  quotes: [],
  themeIds: [],
  peopleCount: '1',
  equality: {},
  followUpWanted: false,
  contact: '',
  consentToRecord: false
};

/** True once anything has been typed or chosen beyond the ward, event and organisation kept between conversations. */
export function draftHasContent(v: DraftValues): boolean {
  return (
    Object.values(v.answers ?? {}).some((text) => text.trim() !== '') ||
    (v.quotes ?? []).some((q) => q.text.trim() !== '') ||
    (v.themeIds ?? []).length > 0 ||
    Object.values(v.equality ?? {}).some(Boolean) ||
    !!v.followUpWanted ||
    !!v.contact?.trim() ||
    !!v.sealedContact ||
    !!v.sealedEquality ||
    !!v.consentToRecord ||
    (v.peopleCount ?? '1') !== '1'
  );
}

/** The first `count` words of what a draft holds (its first answer, else its first quote), for offering it back. */
export function draftOpening(v: DraftValues, prompts: Prompt[], count = 12): string {
  const answers = formPrompts(prompts, v).map((prompt) => v.answers?.[prompt.id] ?? '');
  const text = [...answers, ...Object.values(v.answers ?? {}), ...(v.quotes ?? []).map((q) => q.text)].find((t) => t.trim() !== '');
  if (!text) return '';
  const words = text.trim().split(/\s+/);
  return words.length > count ? `${words.slice(0, count).join(' ')}…` : words.join(' ');
}

/** A prompt as the form shows it; one the coordinator has since archived is still shown for its answer. */
export interface FormPrompt extends Prompt {
  noLongerUsed: boolean;
}

/**
 * The prompts a conversation's form asks: today's prompts, then any it was answered under that are
 * no longer used. An answered prompt keeps the wording it was asked with, so an edit never drops
 * an answer nor rewrites the question the resident answered.
 */
export function formPrompts(prompts: Prompt[], values: Pick<DraftValues, 'askedAs'>): FormPrompt[] {
  const askedAs = values.askedAs ?? {};
  const current = prompts.map((prompt) => ({ id: prompt.id, text: askedAs[prompt.id] ?? prompt.text, noLongerUsed: false }));
  const archived = Object.entries(askedAs)
    .filter(([id]) => !prompts.some((prompt) => prompt.id === id))
    .map(([id, text]) => ({ id, text, noLongerUsed: true }));
  return [...current, ...archived];
}

/** Which control shows a problem with each path of ConversationFields. */
function fieldOf(path: PropertyKey[], prompts: Prompt[]): string {
  const [head, index] = path;
  switch (head) {
    case 'wardCode':
      return 'ward';
    case 'eventId':
      return 'event';
    case 'organisationId':
      return 'organisation';
    case 'answers':
      return `answer-${prompts[Number(index)]?.id ?? ''}`;
    case 'quotes':
      return typeof index === 'number' ? `quote-${index}` : 'add-quote';
    case 'themeIds':
      return 'themes';
    case 'peopleCount':
      return 'people-count';
    case 'equality':
      return `equality-${String(index)}`;
    case 'followUp':
      return 'follow-up-contact';
    default:
      return 'consent';
  }
}

/**
 * The state of the conversation form: its values, their check, and their plain-data snapshot for
 * drafts. Nothing here touches IndexedDB.
 */
export class ConversationDraft {
  values = $state<DraftValues>(structuredClone(EMPTY));
  errors = $state<FieldError[]>([]);
  /** A conversation being recorded, not an edit: only a new one must say something (as the server checks). */
  readonly isNew: boolean;

  constructor(isNew = true) {
    this.isNew = isNew;
  }

  static fromConversation(conversation: DeviceConversation): ConversationDraft {
    const draft = new ConversationDraft(false);
    const { followUp, equality } = conversation;
    draft.values = {
      wardCode: conversation.wardCode,
      eventId: conversation.eventId ?? '',
      organisationId: conversation.organisationId ?? '',
      answers: Object.fromEntries(conversation.answers.map((a) => [a.promptId, a.text])),
      askedAs: Object.fromEntries(conversation.answers.map((a) => [a.promptId, a.prompt])),
      quotes: conversation.quotes.map((q) => ({ ...q })),
      themeIds: [...conversation.themeIds],
      peopleCount: String(conversation.peopleCount),
      equality: isWithheld(equality) || isSealed(equality) ? {} : { ...equality },
      equalityWithheld: isWithheld(equality) || isSealed(equality),
      sealedEquality: isSealed(equality) ? equality.sealed : undefined,
      followUpWanted: followUp.wanted,
      contact: 'contact' in followUp ? followUp.contact : '',
      contactWithheld: isWithheld(followUp) || isSealed(followUp),
      sealedContact: isSealed(followUp) ? followUp.sealed : undefined,
      consentToRecord: conversation.consentToRecord
    };
    return draft;
  }

  snapshot(): DraftValues {
    return $state.snapshot(this.values) as DraftValues;
  }

  restore(values: Partial<DraftValues>): void {
    this.values = { ...structuredClone(EMPTY), ...structuredClone(values) };
  }

  addQuote(): void {
    this.values.quotes.push({ text: '', consentToQuote: false });
  }

  removeQuote(index: number): void {
    this.values.quotes.splice(index, 1);
  }

  /**
   * The fields to save, or null with `errors` set to what to fix, each linked to its control.
   * Values sealed here or withheld by the server stay so until the worker replaces them.
   */
  toFields(currentPrompts: Prompt[]): DeviceConversationFields | null {
    const v = this.values;
    const prompts = formPrompts(currentPrompts, v);
    const errors: FieldError[] = [];
    // In the form's order: consent comes first, then the ward, then what was said.
    if (!v.consentToRecord) {
      errors.push({ field: 'consent', message: 'Confirm the resident agreed to this conversation being recorded' });
    }
    if (!v.wardCode) errors.push({ field: 'ward', message: 'Choose the ward the resident lives in' });
    const peopleCount = /^\s*\d+\s*$/.test(v.peopleCount) ? Number(v.peopleCount) : Number.NaN;
    const keptQuotes = v.quotes.map((quote, index) => ({ quote, index })).filter(({ quote }) => quote.text.trim() !== '');
    const candidate = {
      wardCode: v.wardCode,
      eventId: v.eventId || null,
      organisationId: v.organisationId || null,
      answers: prompts
        .map((prompt) => ({ promptId: prompt.id, prompt: prompt.text, text: v.answers[prompt.id] ?? '' }))
        .filter((answer) => answer.text.trim() !== ''),
      quotes: keptQuotes.map(({ quote }) => quote),
      themeIds: v.themeIds,
      peopleCount: Number.isNaN(peopleCount) ? v.peopleCount : peopleCount,
      equality: Object.fromEntries(Object.entries(v.equality).filter(([, answer]) => answer)),
      followUp: v.followUpWanted ? { wanted: true, contact: v.contact } : { wanted: false },
      consentToRecord: v.consentToRecord
    };
    // An empty record is refused here, linked to the first prompt's answer (or the quote button).
    if (this.isNew && !saysSomething(candidate)) errors.push({ field: prompts[0] ? `answer-${prompts[0].id}` : 'add-quote', message: NOTHING_SAID_MESSAGE });
    // What the server withholds is checked as unchanged and put back after the check.
    const keepsContact = v.followUpWanted && v.contactWithheld && v.contact.trim() === '';
    const parsed = ConversationFields.safeParse({
      ...candidate,
      ...(keepsContact ? { followUp: { wanted: false } } : {}),
      ...(v.equalityWithheld ? { equality: {} } : {})
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        // Blank answers and quotes are left out, so map positions back to the controls they came from.
        const [head, index] = issue.path;
        const path =
          head === 'answers'
            ? ['answers', prompts.findIndex((p) => p.id === candidate.answers[Number(index)]?.promptId)]
            : head === 'quotes' && typeof index === 'number'
              ? ['quotes', keptQuotes[index].index]
              : issue.path;
        const field = fieldOf(path, prompts);
        if (!errors.some((e) => e.field === field)) errors.push({ field, message: issue.message });
      }
    }
    this.errors = errors;
    if (errors.length > 0 || !parsed.success) return null;
    return {
      ...parsed.data,
      followUp: keepsContact ? (v.sealedContact ? { wanted: true, sealed: v.sealedContact } : { wanted: true, ...WITHHELD }) : parsed.data.followUp,
      equality: v.equalityWithheld ? (v.sealedEquality ? { sealed: v.sealedEquality } : WITHHELD) : parsed.data.equality
    };
  }

  /**
   * Checks again after a change, once errors are shown: a fixed field's error goes at once, and
   * the others stay (with their message brought up to date). No new errors appear while typing.
   */
  revalidate(currentPrompts: Prompt[]): void {
    const shown = new Set(this.errors.map((error) => error.field));
    if (shown.size === 0) return;
    this.toFields(currentPrompts);
    this.errors = this.errors.filter((error) => shown.has(error.field));
  }

  errorFor(field: string): string | undefined {
    return this.errors.find((error) => error.field === field)?.message;
  }

  /**
   * Clears the form for the next resident in the queue, keeping only the event and organisation:
   * the ward and consent are asked afresh, so one resident's are never recorded for the next.
   */
  startNext(): void {
    const { eventId, organisationId } = this.values;
    this.values = { ...structuredClone(EMPTY), eventId, organisationId };
    this.errors = [];
  }
}

export const EQUALITY_KEYS = Object.keys(EQUALITY_QUESTIONS) as EqualityQuestion[];
