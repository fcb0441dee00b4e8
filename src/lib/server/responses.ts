import { error, fail, redirect } from '@sveltejs/kit';
import { datePartsFrom, dateFieldError, readDateEntry } from '$lib/domain/date-entry';
import { fieldErrorsFromIssues, type Checked, type FieldError } from '$lib/domain/field-error';
import { isId } from '$lib/domain/id';
import {
  mayEditResponse,
  MAX_EVIDENCE_QUOTES,
  ResponseFields,
  ResponseUpdateFields,
  type AnchorResponse,
  type ResponseUpdateFields as UpdateFields
} from '$lib/domain/response';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import { readForm } from './form-data';
import type { Store } from './store';
import type { ResponseRefusal } from './store/response-queries';

/**
 * "You said, we did" (issue 15): the responses pages' loads and actions. Coordinators respond for
 * any organisation and edit any response; anchor staff for their own organisation only (their
 * organisation is set on their account by a coordinator, Settings › People). Every change is in
 * the audit log by ids, theme, wards, status and visibility — never residents' words, nor the text.
 */

/** The form's field ids (the error summary links to them). */
export const FIELD = {
  organisationId: 'response-organisation',
  themeId: 'response-theme',
  wardCodes: 'response-wards',
  action: 'response-action',
  dueBy: 'response-due',
  status: 'response-status',
  reason: 'response-reason',
  visibility: 'response-visibility',
  quotes: 'response-quotes',
  note: 'update-note'
} as const;

const fieldOf = (path: PropertyKey[]): string => FIELD[String(path[0]) as keyof typeof FIELD] ?? FIELD.action;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** What was typed, to show again with a refusal (bounded). */
export function typedValues(form: FormData) {
  return {
    organisationId: text(form, 'organisationId').slice(0, 40),
    themeId: text(form, 'themeId').slice(0, 40),
    scope: text(form, 'scope').slice(0, 10),
    wardCodes: form.getAll('wardCodes').filter((v) => typeof v === 'string').slice(0, 60).map((v) => (v as string).slice(0, 12)),
    action: text(form, 'action').slice(0, 4000),
    due: datePartsFrom(form, 'due'),
    status: text(form, 'status').slice(0, 20),
    reason: text(form, 'reason').slice(0, 2000),
    visibility: text(form, 'visibility').slice(0, 10),
    quotes: form.getAll('quotes').filter((v) => typeof v === 'string').slice(0, 20).map((v) => (v as string).slice(0, 50))
  };
}
export type TypedResponse = ReturnType<typeof typedValues>;

/** Reads the response form: its fields, or each problem naming the field to fix. */
export function readResponseForm(form: FormData, caller: PersonCaller): Checked<ResponseFields> {
  const typed = typedValues(form);
  const errors: FieldError[] = [];
  const due = readDateEntry(typed.due, { label: 'The date you will do it by', whenEmpty: 'Enter the date you will do it by' });
  if (!due.ok) errors.push(dateFieldError(FIELD.dueBy, due));
  if (typed.scope !== 'wards' && typed.scope !== 'network') errors.push({ field: FIELD.wardCodes, message: 'Choose whether this is for some wards or the whole network' });
  const quotes = typed.quotes.map((q) => {
    const [wardCode = '', digest = ''] = q.split(':');
    return { wardCode, digest };
  });
  // Anchor staff respond for their own organisation, whatever the form says.
  const organisationId = caller.person.role === 'coordinator' ? typed.organisationId : (caller.person.organisationId ?? '');
  const parsed = ResponseFields.safeParse({
    organisationId,
    themeId: typed.themeId,
    wholeNetwork: typed.scope === 'network',
    wardCodes: typed.scope === 'network' ? [] : typed.wardCodes,
    action: typed.action,
    dueBy: due.ok ? (due.value ?? '') : '2000-01-01',
    status: typed.status,
    reason: typed.reason.trim() === '' ? undefined : typed.reason,
    visibility: typed.visibility,
    quotes
  });
  if (!parsed.success) {
    for (const e of fieldErrorsFromIssues(parsed.error.issues, fieldOf)) if (!errors.some((x) => x.field === e.field)) errors.push(e);
  }
  if (quotes.length > MAX_EVIDENCE_QUOTES && !errors.some((e) => e.field === FIELD.quotes)) errors.push({ field: FIELD.quotes, message: `Choose at most ${MAX_EVIDENCE_QUOTES} quotes` });
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: order(errors) };
  return { ok: true, value: parsed.data };
}

/** Errors in the order of the form's fields, so the summary reads top to bottom. */
const order = (errors: FieldError[]) => {
  const ids = Object.values(FIELD) as string[];
  const rank = (e: FieldError) => ids.findIndex((id) => e.field.startsWith(id));
  return [...errors].sort((a, b) => rank(a) - rank(b));
};

const REFUSALS: Record<ResponseRefusal, FieldError> = {
  'unknown-organisation': { field: FIELD.organisationId, message: 'Choose one of the network’s organisations' },
  'unknown-theme': { field: FIELD.themeId, message: 'Choose one of the network’s themes' },
  'unknown-ward': { field: FIELD.wardCodes, message: 'Choose wards from the list: one of them is not the network’s' },
  'unknown-quote': { field: FIELD.quotes, message: 'A quote you chose is no longer there to cite (it may have been corrected or erased). Choose again.' },
  'not-found': { field: FIELD.action, message: 'This response is no longer there. Go back to the list of responses.' }
};

function auditDetails(fields: ResponseFields) {
  return {
    theme: fields.themeId,
    wards: fields.wholeNetwork ? 'whole network' : fields.wardCodes.join(' '),
    organisation: fields.organisationId,
    status: fields.status,
    visibility: fields.visibility,
    quotes: fields.quotes.length
  };
}

/** Anchor staff with no organisation on their account cannot respond: they are told whom to ask. */
export function mayRespond(caller: PersonCaller): boolean {
  return caller.person.role === 'coordinator' || (caller.person.role === 'staff' && caller.person.organisationId !== null);
}

export async function createResponseAction(store: Store, caller: PersonCaller, request: Request) {
  const form = await readForm(request);
  if (!mayRespond(caller)) {
    return fail(409, { errors: [{ field: FIELD.action, message: 'Your account has no organisation, so you cannot respond for one. Ask your coordinator to set your organisation.' }], values: typedValues(form) });
  }
  const checked = readResponseForm(form, caller);
  if (!checked.ok) return fail(400, { errors: checked.errors, values: typedValues(form) });
  const written = await store.responses.createResponse(caller.network.id, checked.value, { id: caller.person.id, name: caller.person.name });
  if (!written.ok) return fail(400, { errors: [REFUSALS[written.reason]], values: typedValues(form) });
  await audit(store, caller, 'response-created', `Response ${written.id}`, auditDetails(checked.value));
  redirect(303, `/responses/${written.id}?made=1`);
}

async function editable(store: Store, caller: PersonCaller, id: string): Promise<void> {
  if (!isId(id)) error(404, 'There is no such response. Go back to the list of responses.');
  const organisationId = await store.responses.responseOrganisation(caller.network.id, id);
  if (!organisationId) error(404, 'There is no such response. Go back to the list of responses.');
  if (!mayEditResponse(caller.person, { organisationId })) error(403, 'Only a coordinator or anchor staff of the organisation that made this response may change it.');
}

export async function updateResponseAction(store: Store, caller: PersonCaller, id: string, request: Request) {
  await editable(store, caller, id);
  const form = await readForm(request);
  const checked = readResponseForm(form, caller);
  if (!checked.ok) return fail(400, { section: 'edit' as const, errors: checked.errors, values: typedValues(form) });
  // Anchor staff cannot hand their response to another organisation (the form fixes theirs).
  const written = await store.responses.updateResponse(caller.network.id, id, checked.value);
  if (!written.ok) return fail(400, { section: 'edit' as const, errors: [REFUSALS[written.reason]], values: typedValues(form) });
  await audit(store, caller, 'response-changed', `Response ${id}`, auditDetails(checked.value));
  return { section: 'edit' as const, saved: 'Response saved.' };
}

export async function addNoteAction(store: Store, caller: PersonCaller, id: string, request: Request) {
  await editable(store, caller, id);
  const form = await readForm(request);
  const typed = { status: text(form, 'status').slice(0, 20), reason: text(form, 'reason').slice(0, 2000), note: text(form, 'note').slice(0, 4000) };
  const parsed = ResponseUpdateFields.safeParse({ ...typed, reason: typed.reason.trim() === '' ? undefined : typed.reason });
  if (!parsed.success) {
    const errors = fieldErrorsFromIssues(parsed.error.issues, (path) => ({ status: 'update-status', reason: 'update-reason', note: FIELD.note })[String(path[0])] ?? FIELD.note);
    return fail(400, { section: 'note' as const, errors, noteValues: typed });
  }
  const update: UpdateFields = parsed.data;
  if (!(await store.responses.addResponseNote(caller.network.id, id, update, { id: caller.person.id, name: caller.person.name }))) {
    error(404, 'There is no such response. Go back to the list of responses.');
  }
  await audit(store, caller, 'response-updated', `Response ${id}`, { status: update.status });
  return { section: 'note' as const, saved: 'Update added.' };
}

/** What the response form offers: organisations, themes, wards, and the quotes it may cite. */
export async function responseFormChoices(store: Store, caller: PersonCaller, wardCodes: string[]) {
  const reference = await store.getReferenceData();
  if (!reference) error(409, 'The network has not been set up yet.');
  const codes = wardCodes.filter((code) => reference.wards.some((w) => w.code === code));
  const quotes = codes.length > 0 ? await store.responses.citableQuotes(caller.network.id, codes, 30) : [];
  const own = reference.organisations.find((o) => o.id === caller.person.organisationId) ?? null;
  return {
    organisations: caller.person.role === 'coordinator' ? reference.organisations : own ? [own] : [],
    themes: reference.themes,
    wards: reference.wards.map((w) => ({ code: w.code, name: w.name })).sort((a, b) => a.name.localeCompare(b.name)),
    quotes,
    mayRespond: mayRespond(caller),
    role: caller.person.role
  };
}

/** A response with whether this person may change it. */
export const withEditRight = (caller: PersonCaller, response: AnchorResponse) => ({ ...response, mayEdit: mayEditResponse(caller.person, response) });

/** The ward page's responses (issue 15): the ward's and the whole network's, with whether this person may respond. */
export async function wardResponses(store: Store, caller: PersonCaller, wardCode: string) {
  const [list, publicPage] = await Promise.all([
    store.responses.listResponses(caller.network.id, { wardCode }),
    store.responses.publicWardPagesOn(caller.network.id)
  ]);
  return { list, mayRespond: caller.person.role !== 'lead' && mayRespond(caller), publicPage };
}
