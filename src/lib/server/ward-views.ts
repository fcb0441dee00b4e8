import type { Theme } from '$lib/domain/theme';
import { isAmongMostDeprived, MOST_DEPRIVED_PERCENT, type WardIndicator } from '$lib/domain/ward-indicator';
import type { WardPageView } from '$lib/domain/ward-page';
import type { WardThemeCounts } from '$lib/domain/ward-summary';
import { WardCode } from '$lib/domain/ward';
import type { Store } from './store';

/** The ward page shows this many quotes, newest first, and says how many there are in all. */
export const WARD_PAGE_QUOTES = 100;

/**
 * Everything the ward page shows, or null when the network has no ward of that code. Quotes carry
 * their keys (to choose them for reports) only for coordinators (`quoteKeys`).
 */
export async function wardPageView(store: Store, networkId: string, code: string, { quoteKeys = false } = {}): Promise<WardPageView | null> {
  if (!WardCode.safeParse(code).success) return null; // not a ward code (a mangled link): no such ward, not a database error
  const [page, standings] = await Promise.all([
    store.wardPage(networkId, code, WARD_PAGE_QUOTES),
    store.wardIndicatorStandings(networkId, code)
  ]);
  if (!page) return null;
  const indicators = standings.map((standing) => ({
    ...standing,
    amongMostDeprived: standing.rank !== null && standing.rankedWards !== null && isAmongMostDeprived(standing.rank, standing.rankedWards)
  }));
  const quotes = quoteKeys ? page.quotes : page.quotes.map(({ key: _key, ...quote }) => quote);
  return { ...page, quotes, indicators, mostDeprivedPercent: MOST_DEPRIVED_PERCENT };
}

export interface WardsTableView {
  themes: Theme[];
  wards: WardThemeCounts[];
  /** Each indicator with its values and the codes of its most deprived wards. */
  indicators: (WardIndicator & { mostDeprived: string[] })[];
  mostDeprivedPercent: number;
}

/** The wards table: conversations per ward and theme, and each ward indicator. */
export async function wardsTableView(store: Store, networkId: string, themes: Theme[]): Promise<WardsTableView> {
  const [wards, indicators] = await Promise.all([store.wardThemeCounts(networkId), store.wardIndicators(networkId)]);
  const withMostDeprived = await Promise.all(
    indicators.map(async (indicator) => ({
      ...indicator,
      mostDeprived: await store.mostDeprivedWardCodes(networkId, indicator.id, MOST_DEPRIVED_PERCENT)
    }))
  );
  return { themes, wards, indicators: withMostDeprived, mostDeprivedPercent: MOST_DEPRIVED_PERCENT };
}
