import * as z from 'zod/mini';
import { dateFieldError, datePartsFrom, readDateEntry, type DateParts } from '$lib/domain/date-entry';
import { AUDIT_ACTIONS, type AuditAction, type AuditFilters, type AuditRecord } from '$lib/domain/audit';
import type { FieldError } from '$lib/domain/field-error';
import { BROKEN_TEXT_MESSAGE, isStorableText } from '$lib/domain/text';
import type { Store } from './store';

/** Entries on one page of the audit log. */
export const AUDIT_PAGE_SIZE = 50;

const EntryId = z.string().check(z.regex(/^[1-9][0-9]{0,17}$/));

export interface AuditQuery {
  filters: AuditFilters;
  /** Show entries older than this one (the last of the page before). */
  before: string | null;
  /** What was asked for, to show in the filter form again. */
  values: { action: string; who: string; from: DateParts; to: DateParts };
  errors: FieldError[];
}

/**
 * Reads the audit page's filters from its URL. A filter that cannot be used is left out and
 * said so (linked to its field); nothing malformed reaches the database.
 */
export function auditQuery(params: URLSearchParams): AuditQuery {
  const get = (name: string) => (params.get(name) ?? '').trim().slice(0, 200);
  const values = { action: get('action'), who: get('who'), from: datePartsFrom(params, 'from'), to: datePartsFrom(params, 'to') };
  const filters: AuditFilters = {};
  const errors: FieldError[] = [];
  if (values.action) {
    if (values.action in AUDIT_ACTIONS) filters.action = values.action as AuditAction;
    else errors.push({ field: 'action', message: 'Choose an action from the list' });
  }
  if (values.who && isStorableText(values.who.slice(0, 100))) filters.who = values.who.slice(0, 100);
  else if (values.who) errors.push({ field: 'who', message: BROKEN_TEXT_MESSAGE });
  for (const field of ['from', 'to'] as const) {
    const name = field === 'from' ? 'From' : 'To';
    const date = readDateEntry(values[field], { label: `The “${name}” date`, yearMessage: `The year in “${name}” must include 4 numbers` });
    if (!date.ok) errors.push(dateFieldError(field, date));
    else if (date.value) filters[field] = date.value;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.push({ field: 'to-day', message: 'The “To” date must be the same as or after the “From” date', parts: ['day', 'month', 'year'] });
    delete filters.to;
  }
  const before = get('before');
  return { filters, before: EntryId.safeParse(before).success ? before : null, values, errors };
}

export interface AuditEntryView {
  id: string;
  at: string;
  who: string;
  actorKind: AuditRecord['actor']['kind'];
  action: string;
  subject: string;
  details: string;
}

/** A detail's value as words. */
const detailText = (value: string | number | boolean | null) => (value === true ? 'yes' : value === false ? 'no' : value === null ? 'none' : String(value));

/** One page of the log, newest first, and whether there are older entries. */
export async function auditView(store: Store, networkId: string, query: AuditQuery) {
  const rows = await store.audit.list(networkId, query.filters, { before: query.before, limit: AUDIT_PAGE_SIZE + 1 });
  const entries: AuditEntryView[] = rows.slice(0, AUDIT_PAGE_SIZE).map((row) => ({
    id: row.id,
    at: row.at,
    who: row.actor.name,
    actorKind: row.actor.kind,
    action: AUDIT_ACTIONS[row.action] ?? row.action,
    subject: row.subject,
    details: Object.entries(row.details ?? {})
      .map(([key, value]) => `${key}: ${detailText(value)}`)
      .join(', ')
  }));
  return {
    entries,
    olderThan: rows.length > AUDIT_PAGE_SIZE ? entries[entries.length - 1].id : null,
    actions: Object.entries(AUDIT_ACTIONS).map(([value, label]) => ({ value, label }))
  };
}
