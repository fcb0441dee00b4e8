import * as z from 'zod/mini';
import { Id } from './id';
import { trimmedText } from './text';
import { WardCode } from './ward';

/**
 * A ward indicator is one number per ward that a coordinator uploads (say the IMD 2019 average
 * rank), so anchors can see which wards are most deprived and prioritise them.
 */

export const IndicatorName = trimmedText(100, 'The indicator’s name must be 100 characters or fewer', 'Enter a name for the indicator');

export const IndicatorSource = trimmedText(300, 'The source must be 300 characters or fewer');

/** An indicator with its value per ward: what GET /api/indicators answers, one per indicator. */
export const WardIndicator = z.object({
  id: Id,
  name: IndicatorName,
  /** Where the figures come from, shown beside them (open data licences ask for attribution); may be empty. */
  source: IndicatorSource,
  /** True for ranks and deciles (1 = most deprived), false for scores and shares. */
  lowerIsMoreDeprived: z.boolean(),
  /** Ward code → value, for the network's wards that have one. */
  values: z.record(WardCode, z.number())
});
export type WardIndicator = z.infer<typeof WardIndicator>;

/** What the store keeps of an upload, after every row has been checked. */
export interface NewWardIndicator {
  name: string;
  source: string;
  lowerIsMoreDeprived: boolean;
  values: { code: string; value: number }[];
}

/** What a coordinator is told after a successful upload. */
export interface IndicatorUploadSummary {
  name: string;
  wards: number;
  replaced: boolean;
  outsideNetwork: number;
  blankValues: number;
  /** Names of the network's wards the file gave no value for. */
  wardsWithoutValue: string[];
}

/** Where one ward stands among the network's wards on one indicator. */
export interface WardIndicatorStanding {
  id: string;
  name: string;
  source: string;
  lowerIsMoreDeprived: boolean;
  /** Null when the upload had no value for this ward. */
  value: number | null;
  /** 1 = the most deprived of the network's wards that have a value; ties share a rank. */
  rank: number | null;
  /** How many of the network's wards have a value. */
  rankedWards: number | null;
}

/** The share of wards the ward page, the wards table and the map single out. */
export const MOST_DEPRIVED_PERCENT = 20;

/**
 * How many of `rankedWards` wards make up the most deprived `percent` %: rounded up, so the most
 * deprived 20 % of Leeds' 33 wards are 7, as its first quintile would be. The store's
 * `mostDeprivedWardCodes` uses the same rule in SQL (ties at the cut-off are all in).
 */
export function mostDeprivedCutoff(rankedWards: number, percent: number): number {
  return Math.ceil((rankedWards * percent) / 100);
}

export function isAmongMostDeprived(rank: number, rankedWards: number, percent = MOST_DEPRIVED_PERCENT): boolean {
  return rank <= mostDeprivedCutoff(rankedWards, percent);
}

/** The column a ward code is likely in: `code`, `ward code` or an ONS `WDyyCD`. */
export function likelyCodeColumn(headers: readonly string[]): string | undefined {
  return headers.find((h) => /^(code|ward[ _-]?code|wd\d{2}cd)$/i.test(h.trim()));
}

/** The IMD rank column of the shared ward IMD file, when the file has it. */
export function likelyValueColumn(headers: readonly string[]): string | undefined {
  return headers.find((h) => h.trim().toLowerCase() === 'imd_avg_rank_popweighted');
}

/** Ranks and deciles count 1 as most deprived; scores, shares and proportions count high. */
export function likelyDirection(column: string): 'lower' | 'higher' | undefined {
  if (/rank|decile/i.test(column)) return 'lower';
  if (/score|share|proportion|extent|pct|percent/i.test(column)) return 'higher';
  return undefined;
}
