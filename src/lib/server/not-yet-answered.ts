import { DEFAULT_RAISED_SHARE, isRaised, RAISED_SHARES } from '$lib/domain/response';
import { withMinimumForShare } from '$lib/domain/ward-map';
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
 * "Raised but not yet answered" (issue 15): for each theme (or the one asked for), the wards where
 * at least `share` of the conversations raised it, with at least the map's minimum conversations
 * for a share (`withMinimumForShare`, as the map), and no response for that ward and theme nor for
 * the whole network. Most raised first. The figures are the map's (`store.wardMap`, every
 * conversation), so a ward's row matches its figures on the map.
 */
export async function notYetAnswered(store: Store, networkId: string, params: URLSearchParams) {
  const reference = await store.getReferenceData();
  const themes = reference?.themes ?? [];
  const typedShare = Number(params.get('share'));
  const share = (RAISED_SHARES as readonly number[]).includes(typedShare) ? typedShare : DEFAULT_RAISED_SHARE;
  const themeId = themes.some((t) => t.id === params.get('theme')) ? params.get('theme')! : null;
  const [minimum, answered] = await Promise.all([store.mapMinimumConversations(networkId), store.responses.answeredWardThemes(networkId)]);
  const rows: UnansweredRow[] = [];
  for (const theme of themes) {
    if (themeId && theme.id !== themeId) continue;
    const done = answered.find((a) => a.themeId === theme.id);
    if (done?.wholeNetwork) continue;
    const wards = withMinimumForShare(await store.wardMap(networkId, { themeId: theme.id }), minimum);
    for (const ward of wards) {
      if (ward.share === null || !isRaised(ward, minimum, share) || done?.wardCodes.includes(ward.code)) continue;
      rows.push({
        wardCode: ward.code,
        wardName: ward.name,
        localAuthorityName: ward.localAuthorityName,
        themeId: theme.id,
        themeName: theme.name,
        conversations: ward.conversations,
        withTheme: ward.withTheme,
        share: ward.share
      });
    }
  }
  rows.sort((a, b) => b.share - a.share || b.withTheme - a.withTheme || a.wardName.localeCompare(b.wardName));
  return { rows, share, themeId, themes, minimum, shares: RAISED_SHARES };
}
