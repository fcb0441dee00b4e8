import { mapFiltersKey, mapFiltersToSearchParams, MapTiles, WardMapData, type MapFilters } from '$lib/domain/ward-map';
import { AnsweredWards } from '$lib/domain/not-yet-answered';
import { DeviceDatabase, type CachedWardBoundary } from './db/database';
import { cachedMapData, keepMapData, touchMapData } from './db/map-data';

/**
 * The figures the map and its table show. `fresh`: the server just gave or confirmed them;
 * `checking`: kept on this device from `fetchedAt`, while the server is asked; `offline`: kept on
 * this device and the server could not be reached.
 */
export type MapFiguresState =
  | { status: 'loading' }
  | { status: 'ready'; data: WardMapData; fetchedAt: string; freshness: 'fresh' | 'checking' | 'offline' }
  | { status: 'unavailable'; reason: 'offline' | 'not-set-up' | 'server'; message: string };

/**
 * Which wards anchors have answered on the theme, for the "not yet answered" view. Asked of the
 * server each time, and not kept on the device: a view that said "not yet answered" from an old
 * copy could send two anchors to answer the same ward.
 */
export type AnsweredState =
  | { status: 'loading' }
  | { status: 'ready'; data: AnsweredWards }
  | { status: 'unavailable'; message: string };

/** A device with a weak signal gives up on the server after this, and shows what it kept. */
const FETCH_TIMEOUT_MS = 15_000;

/**
 * What the map page shows: the ward figures for its filters (from the server, kept on the device
 * so the map opens offline), the ward boundaries the device holds, and the optional base tiles.
 * The page reads this state; only this class talks to IndexedDB and the server.
 */
export class WardMap {
  figures = $state.raw<MapFiguresState>({ status: 'loading' });
  boundaries = $state.raw<CachedWardBoundary[]>([]);
  tiles = $state.raw<MapTiles>({ url: null, attribution: null });
  answered = $state.raw<AnsweredState>({ status: 'loading' });

  #db: DeviceDatabase;
  #fetch: typeof fetch;
  #now: () => Date;
  /** Only the answer to the latest request is shown when filters change quickly. */
  #latest = 0;
  #latestAnswered = 0;
  #boundariesEtag: string | null = null;

  constructor(db = new DeviceDatabase(), fetchFn: typeof fetch = (...args) => fetch(...args), now = () => new Date()) {
    this.#db = db;
    this.#fetch = fetchFn;
    this.#now = now;
  }

  /** Shows the figures for `filters`: at once from the device when it has them, then from the server. */
  async show(filters: MapFilters): Promise<void> {
    const request = ++this.#latest;
    const isLatest = () => request === this.#latest;
    const key = mapFiltersKey(filters);
    const kept = await cachedMapData(this.#db, key).catch(() => undefined);
    if (!isLatest()) return;
    // Never the last filters' figures under the new filters' names, not even for a moment.
    this.figures = kept ? { status: 'ready', data: kept.data, fetchedAt: kept.fetchedAt, freshness: 'checking' } : { status: 'loading' };

    let response: Response;
    try {
      response = await this.#fetch(`/api/map?${mapFiltersToSearchParams(filters)}`, {
        headers: kept ? { 'if-none-match': kept.etag } : {},
        signal: AbortSignal.timeout(FETCH_TIMEOUT_MS)
      });
    } catch {
      if (!isLatest()) return;
      this.figures = kept
        ? { status: 'ready', data: kept.data, fetchedAt: kept.fetchedAt, freshness: 'offline' }
        : {
            status: 'unavailable',
            reason: 'offline',
            message: 'This device has no figures for these filters yet, and the server cannot be reached. Connect to the internet to see them.'
          };
      return;
    }
    if (!isLatest()) return;
    const fetchedAt = this.#now().toISOString();
    if (response.status === 304 && kept) {
      this.figures = { status: 'ready', data: kept.data, fetchedAt, freshness: 'fresh' };
      await touchMapData(this.#db, key, fetchedAt).catch(() => undefined);
      return;
    }
    const parsed = response.ok ? WardMapData.safeParse(await response.json().catch(() => null)) : null;
    if (!parsed?.success) {
      // A proxy's 502/503 while the server is down: as good as offline, so what was kept is shown.
      if (kept && response.status >= 500) {
        this.figures = { status: 'ready', data: kept.data, fetchedAt: kept.fetchedAt, freshness: 'offline' };
        return;
      }
      this.figures =
        response.status === 404
          ? { status: 'unavailable', reason: 'not-set-up', message: 'Your network is not set up yet.' }
          : { status: 'unavailable', reason: 'server', message: `The server could not give the figures (error ${response.status}). Try again later.` };
      return;
    }
    this.figures = { status: 'ready', data: parsed.data, fetchedAt, freshness: 'fresh' };
    // Kept for next time; when the device is out of space the map still shows, just not offline.
    await keepMapData(this.#db, { key, data: parsed.data, etag: response.headers.get('etag') ?? '', fetchedAt }).catch(() => undefined);
  }

  /** Asks which wards have a response on `themeId`; the last answer stays shown while it is asked again. */
  async showAnswered(themeId: string): Promise<void> {
    const request = ++this.#latestAnswered;
    const kept = this.answered.status === 'ready' && this.answered.data.themeId === themeId;
    if (!kept && this.answered.status !== 'loading') this.answered = { status: 'loading' };
    let parsed: ReturnType<typeof AnsweredWards.safeParse> | null = null;
    try {
      const response = await this.#fetch(`/api/map/answered?${new URLSearchParams({ theme: themeId })}`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
      parsed = response.ok ? AnsweredWards.safeParse(await response.json()) : null;
    } catch {
      // Offline or timed out: said below, as when the server answers with an error.
    }
    if (request !== this.#latestAnswered) return;
    this.answered = parsed?.success
      ? { status: 'ready', data: parsed.data }
      : { status: 'unavailable', message: 'Which wards have a response can only be checked online. Connect to the internet to see the wards not yet answered.' };
  }

  /**
   * Reads the ward boundaries the device keeps (FieldApp downloads them with the reference data),
   * unless those already shown are the same version.
   */
  async loadBoundaries(): Promise<void> {
    const etag = (await this.#db.settings.get('boundariesEtag'))?.value ?? '';
    if (etag === this.#boundariesEtag && this.boundaries.length > 0) return;
    const boundaries = await this.#db.wardBoundaries.toArray();
    this.#boundariesEtag = etag;
    this.boundaries = boundaries;
  }

  /** Asks which base tiles to show; offline or unset, the boundaries draw alone. */
  async loadTiles(): Promise<void> {
    try {
      const parsed = MapTiles.safeParse(await (await this.#fetch('/api/map/tiles')).json());
      if (parsed.success) this.tiles = parsed.data;
    } catch {
      // No tiles offline: the map is the boundaries alone, as by default.
    }
  }
}

let wardMap: WardMap | undefined;

/** The page's one WardMap, made on first use in the browser. */
export function getWardMap(): WardMap {
  wardMap ??= new WardMap();
  return wardMap;
}
