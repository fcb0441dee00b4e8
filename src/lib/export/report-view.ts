import type { AnchorResponse } from '$lib/domain/response';
import type { ReportFigures, ReportFilters, ReportResponse, ReportView } from '$lib/domain/ward-report';
import type { Ward } from '$lib/domain/ward';
import { suppressedEach, suppressedParts, withText } from './suppressed';

const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
/** '2026-11' as 'November 2026'. */
export const monthInWords = (month: string) => monthYear.format(new Date(`${month}-01T00:00:00Z`));

export interface ReportInput {
  networkName: string;
  ward: Ward | null;
  filters: ReportFilters;
  filtersDescribed: string[];
  figures: ReportFigures;
  threshold: number;
  indicators: ReportView['indicators'];
  mostDeprivedPercent: number;
  /** The network report's wards and their conversations (in the map's order). */
  wards: readonly { code: string; name: string; conversations: number }[];
  /** The responses to list (issue 15); none when not given. */
  responses?: readonly AnchorResponse[];
  /** The quotes to print, at most this many. */
  quoteLimit: number;
  attribution: string;
  generatedAt: Date;
  pdfAvailable: boolean;
}

/**
 * A printable report (issue 14) as it may be shown: every count through the small-count rule
 * (`suppressSmallCounts`), as Who we heard from shows equality answers. Months of the period add
 * up to its conversations, and wards to the network's, so each is suppressed as one table (a
 * hidden month cannot be worked out from the total); themes overlap, so each is hidden on its own
 * below the threshold. Only consented quotes reach here (the store filters them).
 */
export function reportView(input: ReportInput): ReportView {
  const { threshold, figures } = input;
  const months = suppressedParts(figures.months.map((m) => m.conversations), threshold);
  const themes = suppressedEach(figures.themes.map((t) => t.conversations), threshold);
  const wards = suppressedParts(input.wards.map((w) => w.conversations), threshold);
  const first = figures.months[0]?.month;
  const last = figures.months[figures.months.length - 1]?.month;
  return {
    networkName: input.networkName,
    ward: input.ward,
    filters: input.filters,
    filtersDescribed: input.filtersDescribed,
    period: first && last ? (first === last ? monthInWords(first) : `${monthInWords(first)} to ${monthInWords(last)}`) : null,
    threshold,
    // The period's total: the months' total, suppressed with them.
    conversations: withText(months.total, threshold),
    themes: figures.themes.map((t, i) => ({ themeId: t.themeId, name: t.name, ...withText(themes[i], threshold) })),
    months: figures.months.map((m, i) => ({ month: m.month, label: monthInWords(m.month), ...withText(months.parts[i], threshold) })),
    quotes: figures.quotes.slice(0, input.quoteLimit),
    quoteCount: figures.quoteCount,
    indicators: input.indicators,
    mostDeprivedPercent: input.mostDeprivedPercent,
    wards: input.wards.map((w, i) => ({ code: w.code, name: w.name, ...withText(wards.parts[i], threshold) })),
    responses: (input.responses ?? []).map(forReport),
    attribution: input.attribution,
    generatedAt: input.generatedAt.toISOString(),
    pdfAvailable: input.pdfAvailable
  };
}


/** A response without what a report must not print: its evidence figures (small counts) and who wrote its notes. */
export function forReport(response: AnchorResponse): ReportResponse {
  const latest = response.notes.at(-1);
  const { id, organisationName, themeName, wholeNetwork, wards, action, dueBy, status, reason, visibility } = response;
  return {
    ...{ id, organisationName, themeName, wholeNetwork, wards, action, dueBy, status, reason, visibility },
    latestUpdate: latest ? { writtenAt: latest.writtenAt, note: latest.note } : null
  };
}
