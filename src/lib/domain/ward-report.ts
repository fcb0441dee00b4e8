import type { AnchorResponse } from './response';
import type { ShownCount } from './suppression';
import type { Ward } from './ward';
import type { WardIndicatorStanding } from './ward-indicator';
import type { MapFilters } from './ward-map';
import type { ConsentedQuote, WardMonthCount, WardThemeCount } from './ward-page';

/** What a report is filtered by: the map's filters without its theme (a report shows every theme). */
export type ReportFilters = Omit<MapFilters, 'themeId'>;

/** A report's raw figures, as the store counts them (never shown as they are: see `ReportView`). */
export interface ReportFigures {
  conversations: number;
  themes: WardThemeCount[];
  months: WardMonthCount[];
  quotes: ConsentedQuote[];
  quoteCount: number;
}

/** A figure as a report may show it: its count (or that it is hidden) and its words. */
export interface ReportCount {
  count: ShownCount;
  text: string;
}

/** What a printed report shows: every count through the small-count rule, and its words. */
export interface ReportView {
  networkName: string;
  /** The ward, for a ward's report; null for the network's. */
  ward: Ward | null;
  filters: ReportFilters;
  filtersDescribed: string[];
  /** The months the figures cover, in words ("November 2026 to December 2026"), or null with none. */
  period: string | null;
  threshold: number;
  conversations: ReportCount;
  themes: (ReportCount & { themeId: string; name: string })[];
  months: (ReportCount & { month: string; label: string })[];
  quotes: ConsentedQuote[];
  quoteCount: number;
  /** A ward's standings on the network's indicators (empty for the network's report). */
  indicators: (WardIndicatorStanding & { amongMostDeprived: boolean })[];
  mostDeprivedPercent: number;
  /** Anchors' responses (issue 15) for this ward (with the whole network's) or the network; never their evidence figures. */
  responses: ReportResponse[];
  /** The network report's wards, with their conversations (empty for a ward's report). */
  wards: (ReportCount & { code: string; name: string })[];
  attribution: string;
  generatedAt: string;
  /** Whether this server can make the PDF itself (it has Chromium); otherwise the page offers the browser's print. */
  pdfAvailable: boolean;
}

/** A response as a printed report shows it: who, what, where, by when, how it is going, and its latest update. */
export type ReportResponse = Pick<AnchorResponse, 'id' | 'organisationName' | 'themeName' | 'wholeNetwork' | 'wards' | 'action' | 'dueBy' | 'status' | 'reason' | 'visibility'> & {
  latestUpdate: { writtenAt: string; note: string } | null;
};
