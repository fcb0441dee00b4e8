import type { MapTiles } from '$lib/domain/ward-map';

/**
 * Base-map tiles are optional: with none configured the map draws the ward boundaries alone, which
 * works offline. `MAP_TILE_URL` is a Leaflet URL template such as
 * `https://tile.openstreetmap.org/{z}/{x}/{y}.png` (mind the tile server's usage policy);
 * `MAP_TILE_ATTRIBUTION` is the credit it requires, shown as text.
 */
export function mapTilesFromEnv(env: Record<string, string | undefined>): MapTiles {
  const url = env.MAP_TILE_URL?.trim();
  if (!url) return { url: null, attribution: null };
  if (!/^https?:\/\//.test(url) || !['{z}', '{x}', '{y}'].every((part) => url.includes(part))) {
    console.warn('Anchor Listening: MAP_TILE_URL is not an http(s) URL template with {z}, {x} and {y}; the map shows no tiles.');
    return { url: null, attribution: null };
  }
  return { url, attribution: env.MAP_TILE_ATTRIBUTION?.trim() || null };
}
