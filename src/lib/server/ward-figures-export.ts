import { parseMapFilters, withMinimumForShare } from '$lib/domain/ward-map';
import { filtersInWords } from '$lib/export/filters-in-words';
import { wardFiguresGeoJson, type WardFiguresCollection } from '$lib/export/ward-figures-geojson';
import { BOUNDARY_ATTRIBUTION } from '$lib/map/choropleth';
import { apiError } from './api-error';
import { audit } from './auth/audit';
import type { PersonCaller } from './auth/guard';
import type { Store } from './store';

/**
 * The ward figures of the map's filters (`parseMapFilters`: the same names, values and messages
 * as GET /api/map) as a GeoJSON FeatureCollection, or the first problem with the filters. The
 * theme may be left out (every theme is given); when given it must be valid, as on the map.
 */
export async function wardFiguresCollection(
  store: Store,
  networkId: string,
  networkName: string,
  params: URLSearchParams,
  now = new Date()
): Promise<{ ok: true; collection: WardFiguresCollection } | { ok: false; message: string }> {
  const reference = await store.getReferenceData();
  if (!reference || reference.themes.length === 0) return { ok: false, message: 'The network has no themes yet.' };
  const withTheme = new URLSearchParams(params);
  if (!withTheme.get('theme')) withTheme.set('theme', reference.themes[0].id);
  const parsed = parseMapFilters(withTheme);
  if (!parsed.ok) return parsed;
  const { filters } = parsed;
  const [minimumConversations, threshold, indicators, boundaries, perTheme] = await Promise.all([
    store.mapMinimumConversations(networkId),
    store.suppressionThreshold(networkId),
    store.wardIndicatorNames(networkId),
    store.wardBoundaries(networkId),
    // The map's own query, once per theme, so the figures are the map's.
    Promise.all(reference.themes.map((theme) => store.wardMap(networkId, { ...filters, themeId: theme.id })))
  ]);
  const figuresByTheme = new Map(reference.themes.map((theme, t) => [theme.id, withMinimumForShare(perTheme[t], minimumConversations)]));
  const collection = wardFiguresGeoJson({
    networkName,
    filters,
    filtersDescribed: filtersInWords(filters, reference, indicators),
    themes: reference.themes,
    wards: reference.wards,
    boundaries,
    figuresByTheme,
    minimumConversations,
    threshold,
    attribution: BOUNDARY_ATTRIBUTION,
    generatedAt: now
  });
  return { ok: true, collection };
}

/** GET /api/export/ward-figures: the file, as a download, written to the audit log (what and which filters, never contents). */
export async function wardFiguresDownload(store: Store, caller: PersonCaller, params: URLSearchParams, now = new Date()): Promise<Response> {
  const result = await wardFiguresCollection(store, caller.network.id, caller.network.name, params, now);
  if (!result.ok) return apiError(400, 'invalid', `These ward figures cannot be made: ${result.message}`);
  const filters = result.collection.properties.filters as Record<string, string>;
  await audit(store, caller, 'export', 'Ward figures for GIS (GeoJSON)', { ...filters, wards: result.collection.features.length });
  const day = now.toISOString().slice(0, 10);
  return new Response(JSON.stringify(result.collection), {
    headers: {
      'content-type': 'application/geo+json; charset=utf-8',
      'content-disposition': `attachment; filename="ward-figures-${day}.geojson"`,
      'cache-control': 'private, no-store'
    }
  });
}
