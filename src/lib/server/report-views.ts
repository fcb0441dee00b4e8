import { isAmongMostDeprived, MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import { WardCode } from '$lib/domain/ward';
import type { ReportView } from '$lib/domain/ward-report';
import type { Network } from '$lib/domain/network';
import { filtersInWords } from '$lib/export/filters-in-words';
import { parseReportFilters } from '$lib/export/report-filters';
import { reportView } from '$lib/export/report-view';
import { BOUNDARY_ATTRIBUTION } from '$lib/map/choropleth';
import { pdfAvailable } from './report-pdf';
import type { Store } from './store';

/** A report prints this many quotes (the coordinator's choice is still to come: the most recent, for now). */
export const REPORT_QUOTES = 6;

export type ReportAnswer = { ok: true; view: ReportView } | { ok: false; status: 400 | 404; message: string };

const noSuchWard = { ok: false, status: 404, message: 'This network has no ward with that code. Choose a ward from the list of wards.' } as const;

/** A ward's printable report for the map's filters in `params` (its theme and "most deprived" filter do not apply to one ward). */
export async function wardReport(store: Store, network: Network, code: string, params: URLSearchParams, now = new Date()): Promise<ReportAnswer> {
  if (!WardCode.safeParse(code).success) return noSuchWard;
  const reference = await store.getReferenceData();
  const ward = reference?.wards.find((w) => w.code === code);
  if (!reference || !ward) return noSuchWard;
  const parsed = parseReportFilters(params, reference.themes[0]?.id ?? network.id);
  if (!parsed.ok) return { ok: false, status: 400, message: `This report cannot be made: ${parsed.message}` };
  const { mostDeprivedBy: _notForOneWard, ...filters } = parsed.filters;
  const [figures, standings, threshold, responses] = await Promise.all([
    store.reports.reportFigures(network.id, code, filters, REPORT_QUOTES),
    store.wardIndicatorStandings(network.id, code),
    store.suppressionThreshold(network.id),
    store.responses.listResponses(network.id, { wardCode: code })
  ]);
  const indicators = standings.map((standing) => ({
    ...standing,
    amongMostDeprived: standing.rank !== null && standing.rankedWards !== null && isAmongMostDeprived(standing.rank, standing.rankedWards)
  }));
  const view = reportView({
    networkName: network.name,
    ward,
    filters,
    filtersDescribed: filtersInWords(filters, reference, []),
    figures,
    threshold,
    indicators,
    mostDeprivedPercent: MOST_DEPRIVED_PERCENT,
    wards: [],
    responses,
    quoteLimit: REPORT_QUOTES,
    attribution: BOUNDARY_ATTRIBUTION,
    generatedAt: now,
    pdfAvailable: pdfAvailable()
  });
  return { ok: true, view };
}

/** The network's printable summary for the map's filters in `params`: every theme, month and ward. */
export async function networkReport(store: Store, network: Network, params: URLSearchParams, now = new Date()): Promise<ReportAnswer> {
  const reference = await store.getReferenceData();
  if (!reference || reference.themes.length === 0) return { ok: false, status: 404, message: 'The network has no themes yet, so there is nothing to report.' };
  const parsed = parseReportFilters(params, reference.themes[0].id);
  if (!parsed.ok) return { ok: false, status: 400, message: `This report cannot be made: ${parsed.message}` };
  const { filters } = parsed;
  const [figures, wards, threshold, indicatorNames, responses] = await Promise.all([
    store.reports.reportFigures(network.id, null, filters, REPORT_QUOTES),
    // The map's own query gives each ward's conversations for the filters (the theme does not change them).
    store.wardMap(network.id, { ...filters, themeId: reference.themes[0].id }),
    store.suppressionThreshold(network.id),
    store.wardIndicatorNames(network.id),
    store.responses.listResponses(network.id)
  ]);
  const view = reportView({
    networkName: network.name,
    ward: null,
    filters,
    filtersDescribed: filtersInWords(filters, reference, indicatorNames),
    figures,
    threshold,
    indicators: [],
    mostDeprivedPercent: MOST_DEPRIVED_PERCENT,
    wards: wards.map(({ code, name, conversations }) => ({ code, name, conversations })),
    responses,
    quoteLimit: REPORT_QUOTES,
    attribution: BOUNDARY_ATTRIBUTION,
    generatedAt: now,
    pdfAvailable: pdfAvailable()
  });
  return { ok: true, view };
}
