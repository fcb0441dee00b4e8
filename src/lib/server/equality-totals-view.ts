import { BREAKDOWNS, equalityTotals, MINIMUM_GROUP_CONVERSATIONS, type Breakdown, type EqualityScope } from '$lib/domain/equality-totals';
import type { FieldError } from '$lib/domain/field-error';
import { compareText } from '$lib/domain/english-text';
import type { ReferenceData } from '$lib/domain/network';
import { formatUkDate } from '$lib/domain/uk-time';
import type { Store } from './store';

/** The filter's fields, as the page names them. */
export const SCOPE_FIELD = 'scope';
export const BREAKDOWN_FIELD = 'breakdown';

export interface EqualityTotalsQuery {
  scope: EqualityScope;
  breakdown: Breakdown;
  /** What was asked for, to show in the filter again. */
  values: { scope: string; breakdown: string };
  errors: FieldError[];
}

/**
 * Reads the page's filter from its URL: `scope` is `network`, `ward:<code>` or `event:<id>` of
 * this network; `breakdown` one of BREAKDOWNS. A choice that is not on the lists is named in the
 * error summary and the whole network, not broken down, is shown instead.
 */
export function equalityTotalsQuery(params: URLSearchParams, reference: Pick<ReferenceData, 'wards' | 'events'>): EqualityTotalsQuery {
  const values = { scope: (params.get(SCOPE_FIELD) ?? 'network').slice(0, 100), breakdown: (params.get(BREAKDOWN_FIELD) ?? 'none').slice(0, 20) };
  const errors: FieldError[] = [];
  let scope: EqualityScope = { kind: 'network' };
  const [kind, id] = values.scope.split(/:(.*)/s);
  if (kind === 'ward' && reference.wards.some((w) => w.code === id)) scope = { kind: 'ward', code: id };
  else if (kind === 'event' && reference.events.some((e) => e.id === id)) scope = { kind: 'event', id };
  else if (values.scope !== 'network') errors.push({ field: SCOPE_FIELD, message: 'Choose the whole network, a ward or a listening event from the list' });
  const breakdown = Object.hasOwn(BREAKDOWNS, values.breakdown) ? (values.breakdown as Breakdown) : 'none';
  if (breakdown !== values.breakdown) errors.push({ field: BREAKDOWN_FIELD, message: 'Choose how to break the figures down from the list' });
  return { scope, breakdown, values, errors };
}

/**
 * What "Who we heard from" shows: each question's table, with small counts hidden by the
 * network's threshold. Only suppressed tables leave this function.
 */
export async function equalityTotalsView(store: Store, reference: ReferenceData, query: EqualityTotalsQuery) {
  const networkId = reference.network.id;
  const [threshold, counts] = await Promise.all([
    store.suppressionThreshold(networkId),
    store.equalityAnswerCounts(networkId, query.scope, query.breakdown)
  ]);
  const view = equalityTotals(counts, query.breakdown, threshold);
  return {
    ...view,
    threshold,
    minimumGroupConversations: MINIMUM_GROUP_CONVERSATIONS,
    scopeName: scopeName(query.scope, reference),
    breakdown: query.breakdown,
    breakdownName: BREAKDOWNS[query.breakdown],
    wards: reference.wards.map((w) => ({ value: `ward:${w.code}`, name: w.name })).sort((a, b) => compareText(a.name, b.name)),
    events: reference.events.map((e) => ({ value: `event:${e.id}`, name: `${e.name} (${formatUkDate(e.date)})` })),
    breakdowns: Object.entries(BREAKDOWNS).map(([value, name]) => ({ value, name }))
  };
}

function scopeName(scope: EqualityScope, reference: Pick<ReferenceData, 'wards' | 'events' | 'network'>): string {
  if (scope.kind === 'ward') return reference.wards.find((w) => w.code === scope.code)?.name ?? scope.code;
  if (scope.kind === 'event') return reference.events.find((e) => e.id === scope.id)?.name ?? 'the listening event';
  return reference.network.name;
}
