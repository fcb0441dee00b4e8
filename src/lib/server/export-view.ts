import { error, redirect } from '@sveltejs/kit';
import { compareText } from '$lib/domain/english-text';
import { formatUkDate } from '$lib/domain/uk-time';
import { exportFiltersToSearchParams, parseExportFilters } from '$lib/domain/ward-map';
import type { PersonCaller } from './auth/guard';
import { exportedResponses } from './responses-export';
import type { Store } from './store';

/**
 * What the Export page shows (issue 14): the filters (the map's, from the URL), what each may
 * choose from, how many responses there are, and for a coordinator how many rows each export would hold. Anchor staff get the
 * aggregate exports only, so no counts of individual conversations are made for them. A filter
 * in the URL that cannot be used is a 400 that says which and what to do.
 */
export async function exportPageView(store: Store, caller: PersonCaller, params: URLSearchParams) {
  const reference = await store.getReferenceData();
  if (!reference) redirect(303, '/setup');
  const parsed = parseExportFilters(params);
  if (!parsed.ok) error(400, `The address asks for a filter that cannot be used. ${parsed.message}. Choose the filters again on the Export page.`);
  const networkId = reference.network.id;
  const coordinator = caller.person.role === 'coordinator';
  const [indicators, counts, responses] = await Promise.all([
    store.wardIndicatorNames(networkId),
    coordinator ? store.exports.exportCounts(networkId, parsed.filters) : Promise.resolve(null),
    exportedResponses(store, networkId, parsed.filters)
  ]);
  return {
    filters: parsed.filters,
    query: exportFiltersToSearchParams(parsed.filters).toString(),
    coordinator,
    counts,
    responseCount: responses.length,
    themes: reference.themes.map((t) => ({ id: t.id, name: t.name })),
    events: reference.events.map((e) => ({ id: e.id, name: `${e.name}, ${formatUkDate(e.date)}` })),
    organisations: reference.organisations.map((o) => ({ id: o.id, name: o.name })),
    wards: reference.wards.map((w) => ({ code: w.code, name: w.name, localAuthorityName: w.localAuthorityName })).sort((a, b) => compareText(a.name, b.name)),
    indicators
  };
}
