import { error } from '@sveltejs/kit';
import * as z from 'zod/mini';
import { ConversationFields, saysSomething, type Conversation } from '$lib/domain/conversation';
import { fieldErrorsFromIssues, type Checked } from '$lib/domain/field-error';
import type { Theme } from '$lib/domain/theme';
import { actorOf } from '../auth/audit';
import type { PersonCaller } from '../auth/guard';
import type { Store } from '../store';
import { UnknownReferenceError } from '../store/errors';
import type { RequestedConversation } from '../store/resident-request-queries';
import { idFrom, textFrom } from './ids';

/**
 * A resident's request about their conversation, for a coordinator (issue 13): the conversation
 * in full, then erase it, withdraw its equality answers, correct it or print them a copy.
 */

export interface RequestView extends RequestedConversation {
  themes: Theme[];
}

/** The conversation of a request page's link, or a 404 that says what to do. */
export async function requestedConversation(store: Store, caller: PersonCaller, idText: string): Promise<RequestView> {
  const id = idFrom(idText);
  const found = id && (await store.residentRequests.find(caller.network.id, id));
  if (!found) error(404, 'There is no conversation at this address. Find it again by its reference code.');
  const reference = await store.getReferenceData();
  return { ...found, themes: reference?.themes ?? [] };
}

/** Erases it at the resident's request; false when it was already erased. */
export function eraseAtRequest(store: Store, caller: PersonCaller, id: string): Promise<boolean> {
  return store.residentRequests.erase(caller.network.id, id, actorOf(caller));
}

export function withdrawEqualityAtRequest(store: Store, caller: PersonCaller, id: string): Promise<boolean> {
  return store.residentRequests.withdrawEquality(caller.network.id, id, actorOf(caller));
}

/** Notes the copy in the audit log as the coordinator opens it to print. */
export function recordCopyGiven(store: Store, caller: PersonCaller, id: string): Promise<void> {
  return store.residentRequests.recordCopyGiven(caller.network.id, id, actorOf(caller));
}

/** The fields a correction may change: what was said, its quotes, themes and how many took part. */
const CorrectionFields = z.pick(ConversationFields, { answers: true, quotes: true, themeIds: true, peopleCount: true });
export type Correction = z.infer<typeof CorrectionFields>;

/**
 * Reads the correction form: an answer per prompt asked (`answer-0`…), each quote's words and
 * consent (`quote-0`, `quote-0-consent`; a quote emptied is removed), the themes and the number
 * of people. Checked as a conversation is, so a correction never saves what a tablet could not.
 */
export function readCorrection(form: FormData, current: Pick<Conversation, 'answers' | 'quotes'>): Checked<Correction> {
  const correction: Correction = {
    answers: current.answers.map((answer, i) => ({ ...answer, text: textFrom(form, `answer-${i}`) })),
    quotes: current.quotes.flatMap((quote, i) => {
      const text = textFrom(form, `quote-${i}`);
      return text.trim() === '' ? [] : [{ text, consentToQuote: form.get(`quote-${i}-consent`) === 'yes' }];
    }),
    themeIds: form.getAll('themeIds').filter((value): value is string => typeof value === 'string'),
    peopleCount: Number(textFrom(form, 'peopleCount').trim() || NaN)
  };
  const checked = CorrectionFields.safeParse(correction);
  if (!checked.success) {
    const fieldOf = (path: PropertyKey[]) => {
      if (path[0] === 'answers') return `answer-${String(path[1] ?? 0)}`;
      if (path[0] === 'quotes') return `quote-${String(path[1] ?? 0)}`;
      if (path[0] === 'themeIds') return 'themes';
      return 'peopleCount';
    };
    return { ok: false, errors: fieldErrorsFromIssues(checked.error.issues, fieldOf) };
  }
  if (!saysSomething(correction)) {
    return { ok: false, errors: [{ field: 'answer-0', message: 'A conversation must keep an answer, a quote or a theme. To remove everything, erase it instead.' }] };
  }
  return { ok: true, value: correction };
}

/** Saves a correction; the problems to show when it cannot. */
export async function correctAtRequest(store: Store, caller: PersonCaller, id: string, form: FormData): Promise<Checked<true>> {
  const found = await store.residentRequests.find(caller.network.id, id);
  if (!found || found.erasedAt) return { ok: false, errors: [{ field: 'answer-0', message: 'This conversation has been erased, so it cannot be corrected.' }] };
  const read = readCorrection(form, found.record.conversation);
  if (!read.ok) return read;
  const person = actorOf(caller) as ReturnType<typeof actorOf> & { id: string };
  try {
    await store.residentRequests.correct(caller.network.id, id, read.value, person);
  } catch (failure) {
    if (!(failure instanceof UnknownReferenceError)) throw failure;
    return { ok: false, errors: [{ field: 'themes', message: 'A theme chosen is no longer one of the network’s. Choose from the list.' }] };
  }
  return { ok: true, value: true };
}
