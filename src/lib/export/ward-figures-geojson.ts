import type { ShownCount } from '$lib/domain/suppression';
import type { Theme } from '$lib/domain/theme';
import type { Ward } from '$lib/domain/ward';
import { mapFiltersToSearchParams, type MapFilters, type WardFigures } from '$lib/domain/ward-map';
import { suppressedParts } from './suppressed';

/**
 * Ward figures for GIS teams (issue 14): one GeoJSON Feature per ward, its ONS boundary with its
 * conversations and, for every theme, how many touched it and what share of the ward's
 * conversations that is, for the map's filters. Pure: the server gathers the figures (the map's
 * own query, once per theme) and this shapes them.
 *
 * Suppressed as on screen, and no less: a count below the network's small-count threshold is
 * null (with its words, "fewer than 10", beside it) through `suppressSmallCounts`, one ward
 * column at a time (wards do not overlap, so a column adds up to the network's total and the
 * secondary rule applies; themes overlap, so rows have no total). A share is given only where the
 * map gives one (the ward reached the map's minimum of conversations, `withMinimumForShare`)
 * and both counts it is made of are shown: otherwise share × conversations would give a hidden
 * count back.
 */

export interface WardFiguresExportInput {
  networkName: string;
  filters: MapFilters;
  /** The filters in words (`filtersInWords`), for people opening the file. */
  filtersDescribed: string[];
  themes: readonly Theme[];
  /** The network's current wards (codes, names, local authorities). */
  wards: readonly Ward[];
  /** Each current ward's boundary (GeoJSON geometry) by code. */
  boundaries: readonly { code: string; boundary: unknown }[];
  /** The map's figures per theme id, with the map's minimum already applied. */
  figuresByTheme: ReadonlyMap<string, readonly WardFigures[]>;
  minimumConversations: number;
  threshold: number;
  attribution: string;
  generatedAt: Date;
}

type Geometry = { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown };

export interface WardFeature {
  type: 'Feature';
  id: string;
  geometry: Geometry;
  properties: Record<string, string | number | null>;
}

export interface WardFiguresCollection {
  type: 'FeatureCollection';
  properties: Record<string, unknown>;
  features: WardFeature[];
}

/** Property names for a theme's figures: `theme1Count`, `theme1Share`, … in the network's order (named in the collection's `themes`). */
export const themeKey = (index: number) => `theme${index + 1}`;

const isArea = (geometry: unknown): geometry is Geometry =>
  typeof geometry === 'object' && geometry !== null && ['Polygon', 'MultiPolygon'].includes((geometry as { type?: unknown }).type as string);

/** One column of counts (one per ward, which add up to the network's) as they may be shown. */
const suppressedColumn = (counts: readonly number[], threshold: number): ShownCount[] => suppressedParts(counts, threshold).parts;

const countOrNull = (count: ShownCount) => (count.shown ? count.count : null);
const inWords = (count: ShownCount, threshold: number) => (count.shown ? String(count.count) : `fewer than ${threshold}`);

export function wardFiguresGeoJson(input: WardFiguresExportInput): WardFiguresCollection {
  const boundaryOf = new Map(input.boundaries.map((b) => [b.code, b.boundary]));
  const wardOf = new Map(input.wards.map((w) => [w.code, w]));
  const first = input.figuresByTheme.get(input.themes[0]?.id ?? '') ?? [];
  // The map's order (by name), only wards with a boundary: a feature without one draws nothing.
  const mapped = first.filter((figures) => isArea(boundaryOf.get(figures.code)) && wardOf.has(figures.code));
  const codes = mapped.map((figures) => figures.code);

  const conversations = suppressedColumn(mapped.map((f) => f.conversations), input.threshold);
  const perTheme = input.themes.map((theme) => {
    const byCode = new Map((input.figuresByTheme.get(theme.id) ?? []).map((f) => [f.code, f]));
    const figures = codes.map((code) => byCode.get(code)!);
    return { theme, figures, counts: suppressedColumn(figures.map((f) => f.withTheme), input.threshold) };
  });

  const features = codes.map((code, w): WardFeature => {
    const ward = wardOf.get(code)!;
    const properties: WardFeature['properties'] = {
      code: ward.code,
      name: ward.name,
      localAuthorityCode: ward.localAuthorityCode,
      localAuthorityName: ward.localAuthorityName,
      conversations: countOrNull(conversations[w]),
      conversationsText: inWords(conversations[w], input.threshold)
    };
    perTheme.forEach(({ figures, counts }, t) => {
      const mapShare = figures[w].share;
      const shareGiven = mapShare !== null && counts[w].shown && conversations[w].shown;
      properties[`${themeKey(t)}Count`] = countOrNull(counts[w]);
      properties[`${themeKey(t)}CountText`] = inWords(counts[w], input.threshold);
      properties[`${themeKey(t)}Share`] = shareGiven ? mapShare : null;
    });
    return { type: 'Feature', id: code, geometry: boundaryOf.get(code) as Geometry, properties };
  });

  return {
    type: 'FeatureCollection',
    properties: {
      title: `${input.networkName}: conversations per ward and charter theme`,
      network: input.networkName,
      generatedAt: input.generatedAt.toISOString(),
      filters: Object.fromEntries(mapFiltersToSearchParams(input.filters)),
      filtersDescribed: input.filtersDescribed,
      themes: input.themes.map((theme, t) => ({ key: themeKey(t), id: theme.id, name: theme.name })),
      minimumConversationsForShare: input.minimumConversations,
      smallCountThreshold: input.threshold,
      notes: [
        'Counts below the small-count threshold are null, with "fewer than N" in the matching Text property; some larger counts are hidden too, so that a hidden count cannot be worked out from a total.',
        `A share (0 to 1) is given only for wards with at least ${input.minimumConversations} conversations and whose counts are shown.`,
        'A conversation can touch several themes, so shares can add up to more than 1.'
      ],
      attribution: input.attribution
    },
    features
  };
}
