import * as z from 'zod/mini';
import { CalendarDate as CalendarDay } from './instant';
import { DEFAULT_RAISED_SHARE, raisedShareFrom } from './not-yet-answered';
import { ThemeId } from './theme';
import { WardCode } from './ward';

/** A calendar date, yyyy-mm-dd, read as a day in the UK (Europe/London). */
const CalendarDate = CalendarDay('Enter a real date, for example 2026-11-20');

/** Conversations at one listening event, or 'none': those recorded at no event. */
const EventChoice = z.union([z.uuid({ error: 'Choose one of the network’s events' }).check(z.regex(/^[0-9a-f-]+$/, 'Choose one of the network’s events')), z.literal('none')]);

/** Conversations one organisation recorded, or 'none': those that name no organisation. */
const OrganisationChoice = z.union([z.uuid({ error: 'Choose one of the network’s organisations' }).check(z.regex(/^[0-9a-f-]+$/, 'Choose one of the network’s organisations')), z.literal('none')]);

/** The filters every view of conversations shares (the map, exports), without the theme. */
const SharedFilterFields = {
  from: z.optional(CalendarDate),
  to: z.optional(CalendarDate),
  eventId: z.optional(EventChoice),
  organisationId: z.optional(OrganisationChoice),
  mostDeprivedBy: z.optional(z.uuid({ error: 'Choose one of the network’s ward indicators' }).check(z.regex(/^[0-9a-f-]+$/, 'Choose one of the network’s ward indicators')))
};

const datesInOrder = z.refine<{ from?: string; to?: string }>((f) => !f.from || !f.to || f.from <= f.to, {
  message: 'The start date must be the same as or before the end date',
  path: ['to']
});

/**
 * Which conversations the ward map counts. Every field but the theme narrows the conversations
 * counted; the theme says which of them count as "with the theme".
 *
 * `mostDeprivedBy` names a ward indicator (domain/ward-indicator.ts): only the network's most
 * deprived MOST_DEPRIVED_PERCENT % of wards on it are listed, so anchors can prioritise.
 */
export const MapFilters = z.object({ themeId: ThemeId, ...SharedFilterFields }).check(datesInOrder);
export type MapFilters = z.infer<typeof MapFilters>;

/**
 * What the choropleth colours wards by: the share of their conversations with the theme, the
 * count, or whether the theme was raised often there and no anchor has answered (issue 15).
 */
export const MapMeasure = z.enum(['share', 'count', 'unanswered']);
export type MapMeasure = z.infer<typeof MapMeasure>;

/**
 * How many conversations a ward needs before the map and its table show a share: 1 of 2 is "50 %"
 * and says little, and coloured like 50 of 100 it would mislead. A coordinator sets it per network.
 */
export const MINIMUM_CONVERSATIONS = { default: 5, min: 1, max: 100 } as const;
export const MinimumConversations = z.int().check(z.minimum(MINIMUM_CONVERSATIONS.min), z.maximum(MINIMUM_CONVERSATIONS.max));

/**
 * One ward's figures for a set of filters. `share` is null when the ward had no conversations, or
 * fewer than the network's minimum for a share (`withMinimumForShare`): then it is not shown.
 */
export const WardFigures = z.object({
  code: z.string(),
  name: z.string(),
  localAuthorityName: z.string(),
  conversations: z.int().check(z.minimum(0)),
  withTheme: z.int().check(z.minimum(0)),
  share: z.nullable(z.number().check(z.minimum(0), z.maximum(1)))
});
export type WardFigures = z.infer<typeof WardFigures>;

/** A ward indicator the map can filter by ("most deprived 20 % of wards on …"). */
export const MapIndicator = z.object({ id: z.uuid(), name: z.string() });
export type MapIndicator = z.infer<typeof MapIndicator>;

/**
 * GET /api/map: every current ward of the network with its figures for the filters, and the
 * indicators to filter by (so a device offline still offers the filters it can show).
 */
export const WardMapData = z.object({
  filters: MapFilters,
  wards: z.array(WardFigures),
  indicators: z.array(MapIndicator),
  /** The network's minimum for a share, already applied to `wards`; said beside the wards below it. */
  minimumConversations: MinimumConversations
});
export type WardMapData = z.infer<typeof WardMapData>;

/** The URL's names for each filter, in the order they are written (so equal filters give equal URLs). */
const PARAM = { themeId: 'theme', from: 'from', to: 'to', eventId: 'event', organisationId: 'organisation', mostDeprivedBy: 'deprived' } as const;
const MEASURE_PARAM = 'measure';
const RAISED_PARAM = 'raised';

/** Filters as URL search parameters, in a fixed order: also the key the caches file them under. */
export function mapFiltersToSearchParams(filters: MapFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [field, name] of Object.entries(PARAM) as [keyof MapFilters, string][]) {
    const value = filters[field];
    if (value !== undefined) params.set(name, String(value));
  }
  return params;
}

export const mapFiltersKey = (filters: MapFilters): string => mapFiltersToSearchParams(filters).toString();

function rawFilters(params: URLSearchParams): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const [field, name] of Object.entries(PARAM)) {
    const value = params.get(name);
    if (value === null || value === '') continue;
    raw[field] = value;
  }
  return raw;
}

/** Strict reading of the API's query string: the filters, or the first problem in plain English. */
export function parseMapFilters(params: URLSearchParams): { ok: true; filters: MapFilters } | { ok: false; message: string } {
  const raw = rawFilters(params);
  if (raw.themeId === undefined) return { ok: false, message: 'Say which theme to count: add ?theme=<theme id>' };
  const parsed = MapFilters.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issue = parsed.error.issues[0];
  return { ok: false, message: `${String(issue.path[0] ?? 'filters')}: ${issue.message}` };
}

/** At most this many wards can be chosen for an export (a URL must stay a URL). */
export const MAX_FILTER_WARDS = 500;

/**
 * Which conversations an export holds (issue 14): the map's filters, where the theme, if given,
 * narrows them to conversations with the theme, and a chosen set of wards (`?wards=` once per
 * ward). Read from the URL by `parseExportFilters`, written by `exportFiltersToSearchParams`.
 */
export const ExportFilters = z
  .object({
    themeId: z.optional(ThemeId),
    ...SharedFilterFields,
    wardCodes: z.optional(
      z.array(WardCode).check(z.minLength(1), z.maxLength(MAX_FILTER_WARDS, `Choose at most ${MAX_FILTER_WARDS} wards, or none for every ward`))
    )
  })
  .check(datesInOrder);
export type ExportFilters = z.infer<typeof ExportFilters>;

const WARDS_PARAM = 'wards';

/** Export filters as URL search parameters, in the map's order, then each ward. */
export function exportFiltersToSearchParams(filters: ExportFilters): URLSearchParams {
  const { wardCodes, themeId, ...rest } = filters;
  const params = mapFiltersToSearchParams({ ...rest, themeId: themeId ?? '' } as MapFilters);
  if (!themeId) params.delete(PARAM.themeId);
  for (const code of wardCodes ?? []) params.append(WARDS_PARAM, code);
  return params;
}

/** Strict reading of an export's query string: the filters, or the first problem in plain English. */
export function parseExportFilters(params: URLSearchParams): { ok: true; filters: ExportFilters } | { ok: false; message: string } {
  const raw = rawFilters(params);
  const wards = params.getAll(WARDS_PARAM).flatMap((value) => value.split(',')).map((code) => code.trim()).filter((code) => code !== '');
  if (wards.length > 0) raw.wardCodes = [...new Set(wards)];
  const parsed = ExportFilters.safeParse(raw);
  if (parsed.success) return { ok: true, filters: parsed.data };
  const issue = parsed.error.issues[0];
  const field = String(issue.path[0] ?? 'filters');
  return { ok: false, message: `${FILTER_NAMES[field] ?? field}: ${issue.message}` };
}

/** Each filter as the export page names it, for messages about a bad URL. */
const FILTER_NAMES: Record<string, string> = {
  themeId: 'Theme',
  from: 'From',
  to: 'To',
  eventId: 'Event',
  organisationId: 'Organisation',
  mostDeprivedBy: 'Most deprived wards',
  wardCodes: 'Wards'
};

/** What the map page shows: the filters and the measure, as a shared link holds them. */
export interface MapView {
  filters: MapFilters;
  measure: MapMeasure;
  /** With the "not yet answered" measure only: how often counts as raised often. */
  raisedShare?: number;
}

/**
 * Lenient reading of the filters other than the theme from a URL people edit and share: a value
 * that is not valid is dropped, and so is an end date before the start.
 */
export function sharedFiltersFromSearchParams(params: URLSearchParams): Omit<MapFilters, 'themeId'> & { themeId?: string } {
  const filters: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(rawFilters(params))) {
    const fieldSchema = MapFilters.def.shape[field as keyof MapFilters];
    if (fieldSchema.safeParse(value).success) filters[field] = value;
  }
  if (filters.from && filters.to && (filters.from as string) > (filters.to as string)) delete filters.to;
  return filters as Omit<MapFilters, 'themeId'> & { themeId?: string };
}

/**
 * Lenient reading of the page's URL (`sharedFiltersFromSearchParams`), where a missing or unknown
 * theme becomes the first of `themeIds`.
 */
export function mapViewFromSearchParams(params: URLSearchParams, themeIds: readonly string[]): MapView | null {
  const filters = sharedFiltersFromSearchParams(params);
  if (!themeIds.includes(filters.themeId as string)) {
    if (themeIds.length === 0) return null;
    filters.themeId = themeIds[0];
  }
  const parsed = MapMeasure.safeParse(params.get(MEASURE_PARAM));
  const measure = parsed.success ? parsed.data : 'share';
  const view: MapView = { filters: filters as MapFilters, measure };
  if (measure === 'unanswered') view.raisedShare = raisedShareFrom(params.get(RAISED_PARAM));
  return view;
}

/** The page's URL search parameters for a view; the default measure (share) and raised share are left out. */
export function mapViewToSearchParams(view: MapView): URLSearchParams {
  const params = mapFiltersToSearchParams(view.filters);
  if (view.measure !== 'share') params.set(MEASURE_PARAM, view.measure);
  if (view.measure === 'unanswered' && view.raisedShare !== undefined && view.raisedShare !== DEFAULT_RAISED_SHARE) {
    params.set(RAISED_PARAM, String(view.raisedShare));
  }
  return params;
}

/**
 * The one place the minimum is applied: a ward with conversations, but fewer than `minimum`, loses
 * its share (null), so the map, its tooltips and its table all say "fewer than …" alike.
 */
export function withMinimumForShare(wards: readonly WardFigures[], minimum: number): WardFigures[] {
  return wards.map((ward) => (ward.conversations >= minimum || ward.share === null ? ward : { ...ward, share: null }));
}

/** True for a ward that had conversations, but too few for its share to be shown. */
export const tooFewForShare = (ward: WardFigures): boolean => ward.conversations > 0 && ward.share === null;

/** A ward's share of conversations with the theme, to 4 decimal places; null with no conversations. */
export function shareOf(withTheme: number, conversations: number): number | null {
  return conversations === 0 ? null : Math.round((withTheme / conversations) * 10_000) / 10_000;
}

/** GET /api/map/tiles: the base map's tile URL template and its credit, or none (the default). */
export const MapTiles = z.object({
  url: z.nullable(z.string()),
  attribution: z.nullable(z.string())
});
export type MapTiles = z.infer<typeof MapTiles>;
