import * as z from 'zod/mini';
import { ReferenceData } from '$lib/domain/network';
import type { CachedReferenceData, DeviceDatabase } from './db/database';

export type ReferenceState =
  | { status: 'loading' }
  | { status: 'ready'; data: ReferenceData; fetchedAt: string }
  | { status: 'not-set-up' }
  | { status: 'unavailable' };

const WardBoundaries = z.array(
  z.object({
    code: z.string(),
    boundary: z.object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.unknown() })
  })
);

export async function cachedReferenceData(db: DeviceDatabase): Promise<ReferenceState> {
  return referenceStateOf(await db.referenceData.get('current'));
}

/** What the device kept, as the pages see it (read through Dexie or by the first screen's bare read). */
export function referenceStateOf(cached: CachedReferenceData | undefined): ReferenceState {
  if (!cached) return { status: 'unavailable' };
  // Kept by an earlier version of the app, before organisations: none until the next refresh.
  return { status: 'ready', data: { ...cached.data, organisations: cached.data.organisations ?? [] }, fetchedAt: cached.fetchedAt };
}

/**
 * Fetches the network's wards, themes, prompts and events, and its ward boundaries when they
 * changed, and keeps them on the device so capture works offline. Without a connection the
 * cached copy is used.
 */
export async function refreshReferenceData(
  db: DeviceDatabase,
  fetchFn: typeof fetch,
  now: () => Date = () => new Date()
): Promise<ReferenceState> {
  let response: Response;
  try {
    response = await fetchFn('/api/reference');
  } catch {
    return cachedReferenceData(db);
  }
  if (response.status === 409) return { status: 'not-set-up' }; // the API's answer before first-run set-up
  const parsed = ReferenceData.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) return cachedReferenceData(db);
  const fetchedAt = now().toISOString();
  await db.referenceData.put({ key: 'current', data: parsed.data, fetchedAt });
  await refreshWardBoundaries(db, fetchFn).catch(() => undefined); // kept from last time; location waits
  return { status: 'ready', data: parsed.data, fetchedAt };
}

async function refreshWardBoundaries(db: DeviceDatabase, fetchFn: typeof fetch): Promise<void> {
  const etag = (await db.settings.get('boundariesEtag'))?.value;
  const response = await fetchFn('/api/reference/boundaries', { headers: etag ? { 'if-none-match': etag } : {} });
  if (response.status === 304 || !response.ok) return;
  const boundaries = WardBoundaries.parse(await response.json());
  await db.transaction('rw', db.wardBoundaries, db.settings, async () => {
    await db.wardBoundaries.clear();
    await db.wardBoundaries.bulkPut(boundaries);
    await db.settings.put({ key: 'boundariesEtag', value: response.headers.get('etag') ?? '' });
  });
}
