import { ReferenceData } from '$lib/domain/network';
import type { DeviceDatabase } from './db/database';

export type ReferenceState =
  | { status: 'loading' }
  | { status: 'ready'; data: ReferenceData; fetchedAt: string }
  | { status: 'not-set-up' }
  | { status: 'unavailable' };

export async function cachedReferenceData(db: DeviceDatabase): Promise<ReferenceState> {
  const cached = await db.referenceData.get('current');
  return cached ? { status: 'ready', data: cached.data, fetchedAt: cached.fetchedAt } : { status: 'unavailable' };
}

/**
 * Fetches the network's wards and themes and keeps them on the device, so capture works offline.
 * Without a connection the cached copy is used.
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
  if (response.status === 404) return { status: 'not-set-up' };
  const parsed = ReferenceData.safeParse(await response.json().catch(() => null));
  if (!response.ok || !parsed.success) return cachedReferenceData(db);
  const fetchedAt = now().toISOString();
  await db.referenceData.put({ key: 'current', data: parsed.data, fetchedAt });
  return { status: 'ready', data: parsed.data, fetchedAt };
}
