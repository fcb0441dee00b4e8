import type { CachedMapData, DeviceDatabase } from './database';

/** Answers kept per device: the views a member of staff comes back to, a few MB at most for England. */
export const MAP_ANSWERS_KEPT = 20;

export function cachedMapData(db: DeviceDatabase, key: string): Promise<CachedMapData | undefined> {
  return db.mapData.get(key);
}

/** Keeps an answer, dropping the least recently fetched beyond MAP_ANSWERS_KEPT. */
export async function keepMapData(db: DeviceDatabase, entry: CachedMapData): Promise<void> {
  await db.transaction('rw', db.mapData, async () => {
    await db.mapData.put(entry);
    const excess = (await db.mapData.count()) - MAP_ANSWERS_KEPT;
    if (excess > 0) await db.mapData.orderBy('fetchedAt').limit(excess).delete();
  });
}

/** A 304 confirmed the kept answer is still current. */
export async function touchMapData(db: DeviceDatabase, key: string, fetchedAt: string): Promise<void> {
  await db.mapData.update(key, { fetchedAt });
}
