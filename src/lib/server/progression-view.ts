import { error } from '@sveltejs/kit';
import { isId } from '$lib/domain/id';
import { percentOf, stageCounts, type ProgressionView, type RaisedShare } from '$lib/domain/progression';
import { MOST_DEPRIVED_PERCENT } from '$lib/domain/ward-indicator';
import type { WardThemeCounts } from '$lib/domain/ward-summary';
import { suppressedEach } from '$lib/export/suppressed';
import type { Store } from './store';

/**
 * The network view of progression (issue 15, point 4): per theme, how many anchors are at each
 * stage now, beside how often residents raised the theme — its share of conversations in all
 * wards and in the most deprived 20 % on a ward indicator — so the network sees where residents'
 * priorities and anchors' progress diverge. Resident counts go through the small-count rule
 * (`suppressedEach`: themes overlap, so each count on its own); a share is shown only when both
 * of its counts are.
 */

function raised(wards: readonly WardThemeCounts[], themeIds: readonly string[], threshold: number): Map<string, RaisedShare> {
  const total = wards.reduce((sum, w) => sum + w.conversations, 0);
  const perTheme = themeIds.map((id) => wards.reduce((sum, w) => sum + (w.themeCounts[id] ?? 0), 0));
  const [conversations, ...withThemes] = suppressedEach([total, ...perTheme], threshold);
  return new Map(
    themeIds.map((id, i) => {
      const withTheme = withThemes[i];
      const percent = conversations.shown && withTheme.shown ? percentOf(withTheme.count, conversations.count) : null;
      return [id, { withTheme, conversations, percent }];
    })
  );
}

/** The network view; `indicatorParam` chooses the ward indicator for "most deprived" (the first one when absent). */
export async function progressionView(store: Store, networkId: string, indicatorParam: string | null): Promise<ProgressionView> {
  const reference = await store.getReferenceData();
  if (!reference) error(409, 'The network has not been set up yet.');
  const [stages, organisations, current, threshold, indicators, wards] = await Promise.all([
    store.progression.stages(networkId),
    store.progression.organisationCount(networkId),
    store.progression.assessments(networkId, { currentOnly: true }),
    store.suppressionThreshold(networkId),
    store.wardIndicatorNames(networkId),
    store.wardThemeCounts(networkId)
  ]);
  // An unknown indicator is no reason to fail the page: the first one is used, as when none is asked for.
  const indicator = (isId(indicatorParam) ? indicators.find((i) => i.id === indicatorParam) : undefined) ?? indicators[0] ?? null;
  const deprivedCodes = indicator ? new Set(await store.mostDeprivedWardCodes(networkId, indicator.id, MOST_DEPRIVED_PERCENT)) : null;
  const themeIds = reference.themes.map((t) => t.id);
  const inAll = raised(wards, themeIds, threshold);
  const inDeprived = deprivedCodes ? raised(wards.filter((w) => deprivedCodes.has(w.code)), themeIds, threshold) : null;
  const counts = stageCounts(reference.themes, stages.length, organisations, current);
  return {
    stages,
    organisations,
    assessed: new Set(current.map((a) => a.organisationId)).size,
    threshold,
    indicators,
    indicator,
    mostDeprivedPercent: MOST_DEPRIVED_PERCENT,
    deprivedWards: deprivedCodes?.size ?? 0,
    themes: reference.themes.map((theme, t) => ({
      id: theme.id,
      name: theme.name,
      atStage: counts[t].atStage,
      notAssessed: counts[t].notAssessed,
      all: inAll.get(theme.id)!,
      deprived: inDeprived?.get(theme.id) ?? null
    }))
  };
}
