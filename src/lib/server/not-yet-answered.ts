import { compareText } from '$lib/domain/english-text';
import { notYetAnsweredWards, RAISED_SHARES, raisedShareFrom, type AnsweredWards } from '$lib/domain/not-yet-answered';
import { sharedFiltersFromSearchParams, withMinimumForShare, type MapFilters } from '$lib/domain/ward-map';
import type { Store } from './store';

export interface UnansweredRow {
  wardCode: string;
  wardName: string;
  localAuthorityName: string;
  themeId: string;
  themeName: string;
  conversations: number;
  withTheme: number;
  share: number;
}

/**
 * "Raised but not yet answered" (issue 15) as a table: for each theme (or the one asked for), the
 * wards `notYetAnsweredWards` finds in the map's own figures for the same filters (dates, event,
 * organisation, most deprived wards: read from the URL as the map page writes them), so a ward's
 * row matches its figures and colour on the map. Most raised first.
 */
export async function notYetAnswered(store: Store, networkId: string, params: URLSearchParams) {
  const share = raisedShareFrom(params.get('raised') ?? params.get('share'));
  const { themeId: asked, ...filters } = sharedFiltersFromSearchParams(params);
  // Only the themes, not the reference data: England's 6,826 wards would cost more than the rest.
  const [themes, minimum, answered] = await Promise.all([
    store.responses.networkThemes(networkId),
    store.mapMinimumConversations(networkId),
    store.responses.answeredWardThemes(networkId)
  ]);
  const themeId = themes.some((t) => t.id === asked) ? asked! : null;
  const chosen = themes.filter((theme) => !themeId || theme.id === themeId);
  const perTheme = await Promise.all(
    chosen.map(async (theme) => {
      const done: AnsweredWards = answered.find((a) => a.themeId === theme.id) ?? { themeId: theme.id, wholeNetwork: false, wardCodes: [] };
      // Every ward answered: no need to count the theme's conversations at all.
      if (done.wholeNetwork) return [];
      const wards = withMinimumForShare(await store.wardMap(networkId, { ...filters, themeId: theme.id }), minimum);
      return notYetAnsweredWards(wards, done, minimum, share).map(
        (ward): UnansweredRow => ({
          wardCode: ward.code,
          wardName: ward.name,
          localAuthorityName: ward.localAuthorityName,
          themeId: theme.id,
          themeName: theme.name,
          conversations: ward.conversations,
          withTheme: ward.withTheme,
          share: ward.share!
        })
      );
    })
  );
  // One theme's rows are in order already; several themes' are merged in the same order.
  const rows = perTheme.length === 1 ? perTheme[0] : perTheme.flat().sort((a, b) => b.share - a.share || b.withTheme - a.withTheme || compareText(a.wardName, b.wardName));
  return { rows, share, themeId, themes, minimum, shares: RAISED_SHARES, filters: filters as Omit<MapFilters, 'themeId'> };
}
