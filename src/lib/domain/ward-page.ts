import type { Ward } from './ward';
import type { WardIndicatorStanding } from './ward-indicator';

/** How many of a ward's conversations touched one charter theme. */
export interface WardThemeCount {
  themeId: string;
  name: string;
  conversations: number;
}

/** Conversations recorded in one calendar month (UK time), as 'YYYY-MM'. */
export interface WardMonthCount {
  month: string;
  conversations: number;
}

/**
 * A quote whose resident agreed to be quoted, with no more of its conversation than anchors may
 * see: the words, the month and the themes. Never contact details or equality answers.
 */
export interface ConsentedQuote {
  text: string;
  month: string;
  themes: string[];
  /** Whether a coordinator chose it for printed reports (issue 14). */
  chosen?: boolean;
  /**
   * Which quote it is (conversation id and position), for a coordinator choosing it for reports;
   * left out for everyone else, since it would tell which quotes one resident gave.
   */
  key?: string;
}

/** A quote's key as the ward page sends it to coordinators: its conversation's id and its position (from 1). */
export const QuoteKey = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.([1-9][0-9]{0,2})$/;

/** What the ward page shows of a ward's conversations. */
export interface WardPageData {
  ward: Ward;
  conversations: number;
  /** Every theme of the network in the network's order, those with no conversations too. */
  themes: WardThemeCount[];
  /** Every month from the first conversation to the last, months with none too. */
  months: WardMonthCount[];
  /** The newest consented quotes, at most the limit asked for. */
  quotes: ConsentedQuote[];
  /** How many consented quotes the ward has in all. */
  quoteCount: number;
}

/** The ward page: its data, and where it stands on each indicator. */
export interface WardPageView extends WardPageData {
  indicators: (WardIndicatorStanding & { amongMostDeprived: boolean })[];
  /** The share of wards "most deprived" means, as a percentage. */
  mostDeprivedPercent: number;
}
